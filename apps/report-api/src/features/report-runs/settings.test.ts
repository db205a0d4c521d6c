import { describe, expect, it } from 'vitest';
import { loadReportRunSettings } from './settings.ts';

describe('loadReportRunSettings', () => {
  it('defaults to 7 days of retention, 24 h idempotency keys and 2 runs per company', () => {
    const settings = loadReportRunSettings({});
    expect(settings.retentionMs).toBe(7 * 86_400_000);
    expect(settings.idempotencyTtlMs).toBe(24 * 3_600_000);
    expect(settings.perCompanyConcurrency).toBe(2);
    expect(settings.faultRowDelayMs).toBe(0);
  });

  it('refuses keys kept less than 24 h and names the variable', () => {
    expect(() => loadReportRunSettings({ REPORT_IDEMPOTENCY_TTL_HOURS: '1' })).toThrow(
      /REPORT_IDEMPOTENCY_TTL_HOURS/,
    );
  });

  it('never injects faults in production', () => {
    expect(
      loadReportRunSettings({ REPORT_FAULT_ROW_DELAY_MS: '10', NODE_ENV: 'production' }).faultRowDelayMs,
    ).toBe(0);
    expect(loadReportRunSettings({ REPORT_FAULT_ROW_DELAY_MS: '10' }).faultRowDelayMs).toBe(10);
  });
});
