import { describe, expect, it } from 'vitest';
import { appointmentListQuerySchema } from './appointments.ts';
import { clinicSchema, idSchema } from './companies.ts';
import { healthQuerySchema, insightsRangeQuerySchema } from './insights.ts';

describe('resource ids', () => {
  it('are positive integers sent as strings', () => {
    expect(idSchema.safeParse('42').success).toBe(true);
    for (const bad of ['0', '-1', '01', 'abc', '1'.repeat(19)])
      expect(idSchema.safeParse(bad).success).toBe(false);
  });
});

describe('the clinic profile', () => {
  it('requires a two-letter state and an ISO timestamp', () => {
    const clinic = {
      id: '1',
      name: 'Clínica A',
      plan: 'pro',
      specialty: 'Clínica geral',
      city: 'Recife',
      state: 'PE',
      status: 'active',
      createdAt: '2026-01-01T00:00:00.000Z',
      churnedAt: null,
    };
    expect(clinicSchema.parse(clinic)).toEqual(clinic);
    expect(clinicSchema.safeParse({ ...clinic, state: 'Pernambuco' }).success).toBe(false);
  });
});

describe('appointment list filters', () => {
  it('coerce the page size and reject a reversed range and the year 0000', () => {
    expect(appointmentListQuerySchema.parse({ limit: '5', status: 'no_show' })).toMatchObject({ limit: 5 });
    expect(appointmentListQuerySchema.safeParse({ from: '2026-02-01', to: '2026-01-01' }).success).toBe(
      false,
    );
    expect(appointmentListQuerySchema.safeParse({ from: '0000-01-01' }).success).toBe(false);
  });
});

describe('insights queries', () => {
  it('default the segment to all plans and JSON, and reject from after to', () => {
    expect(insightsRangeQuerySchema.parse({})).toEqual({ plan: 'all', format: 'json' });
    expect(insightsRangeQuerySchema.safeParse({ from: '2026-02-01', to: '2026-01-01' }).success).toBe(false);
  });

  it('turn atRisk=true into a boolean and bound the page', () => {
    expect(healthQuerySchema.parse({ atRisk: 'true' })).toMatchObject({
      atRisk: true,
      limit: 100,
      offset: 0,
    });
    expect(healthQuerySchema.parse({ atRisk: 'false' }).atRisk).toBe(false);
    expect(healthQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
  });
});
