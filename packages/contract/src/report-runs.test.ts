import { describe, expect, it } from 'vitest';
import {
  MAX_REPORT_PERIOD_DAYS,
  createReportRunSchema,
  reportJobPayloadSchema,
  reportRunListQuerySchema,
} from './report-runs.ts';

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((i) => i.path.join('.'));

describe('creating a report run', () => {
  it('accepts an appointments report over a valid period with filters', () => {
    const parsed = createReportRunSchema.parse({
      type: 'appointments',
      format: 'csv',
      parameters: { from: '2026-01-01', to: '2026-03-31', status: ['no_show'], specialty: 'Cardiologia' },
    });
    expect(parsed.parameters).toMatchObject({ from: '2026-01-01', status: ['no_show'] });
  });

  it('rejects a period whose end comes before its start, on the `to` field', () => {
    const result = createReportRunSchema.safeParse({
      type: 'monthly_summary',
      format: 'xlsx',
      parameters: { from: '2026-03-01', to: '2026-02-01' },
    });
    expect(result.success).toBe(false);
    expect(fieldsOf(result)).toContain('parameters.to');
  });

  it(`rejects a period longer than ${MAX_REPORT_PERIOD_DAYS} days`, () => {
    const result = createReportRunSchema.safeParse({
      type: 'appointments',
      format: 'csv',
      parameters: { from: '2024-01-01', to: '2026-01-01' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at most/);
  });

  it('rejects an unknown report type and an unknown format', () => {
    expect(createReportRunSchema.safeParse({ type: 'invoices', format: 'csv', parameters: {} }).success).toBe(
      false,
    );
    expect(createReportRunSchema.safeParse({ type: 'patients', format: 'pdf', parameters: {} }).success).toBe(
      false,
    );
  });

  it('rejects a patients report whose creation window is reversed', () => {
    const result = createReportRunSchema.safeParse({
      type: 'patients',
      format: 'csv',
      parameters: { createdFrom: '2026-02-01', createdTo: '2026-01-01' },
    });
    expect(fieldsOf(result)).toContain('parameters.createdTo');
  });
});

describe('listing report runs', () => {
  it('defaults the page size and caps it at 100', () => {
    expect(reportRunListQuerySchema.parse({}).limit).toBe(20);
    expect(reportRunListQuerySchema.parse({ limit: '50', status: 'failed' })).toMatchObject({
      limit: 50,
      status: 'failed',
    });
    expect(reportRunListQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
  });
});

describe('the report job message', () => {
  it('is versioned: a payload of another version is refused by the worker side', () => {
    const payload = {
      version: 1,
      runId: '8f7c1e1e-2b1a-4c55-9a8e-0d1f2a3b4c5d',
      companyId: '1',
      requestId: 'req',
    };
    expect(reportJobPayloadSchema.parse(payload)).toEqual(payload);
    expect(reportJobPayloadSchema.safeParse({ ...payload, version: 2 }).success).toBe(false);
  });
});
