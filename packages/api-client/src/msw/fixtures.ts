// Typed fixture data: every value is checked against the contract's schemas by scenarios.test.ts, so a
// contract change that the mocks do not follow fails a test instead of drifting silently.
import type { ReportRun } from '@repo/contract';
import type { Appointment, Clinic } from '../resources.ts';

function clinic(id: string, name: string): Clinic {
  return {
    id,
    name,
    plan: 'pro',
    specialty: 'Odontologia',
    city: 'São Paulo',
    state: 'SP',
    status: 'active',
    createdAt: '2024-01-15T12:00:00.000Z',
    churnedAt: null,
  };
}

export const demoTokens = {
  'demo-clinic-a': clinic('1', 'Clínica Sorriso (demo A)'),
  'demo-clinic-b': clinic('2', 'Clínica Vida (demo B)'),
  'demo-product': clinic('9001', 'Produto (interno)'),
  'demo-cs': clinic('9002', 'Sucesso do cliente (interno)'),
} as const satisfies Record<string, Clinic>;

export type DemoToken = keyof typeof demoTokens;

export const clinicFixture: Clinic = demoTokens['demo-clinic-a'];

const T0 = '2026-11-28T12:00:00.000Z';

export function reportRunFixture(overrides: Partial<ReportRun> = {}): ReportRun {
  return {
    id: 'run-1',
    type: 'appointments',
    format: 'csv',
    parameters: { from: '2026-10-01', to: '2026-10-31' },
    status: 'succeeded',
    createdAt: T0,
    startedAt: '2026-11-28T12:00:01.000Z',
    finishedAt: '2026-11-28T12:00:03.000Z',
    canceledAt: null,
    expiredAt: null,
    expiresAt: '2026-12-05T12:00:03.000Z',
    attempts: 1,
    error: null,
    file: {
      rowCount: 3,
      byteSize: 96,
      sha256: 'a'.repeat(64),
      columns: ['appointment_id', 'starts_at', 'status'],
      contentType: 'text/csv; charset=utf-8',
      fileName: 'appointments-2026-10-01-2026-10-31.csv',
    },
    ...overrides,
  };
}

export const queuedRunFixture = reportRunFixture({
  id: 'run-queued',
  status: 'queued',
  startedAt: null,
  finishedAt: null,
  expiresAt: null,
  attempts: 0,
  file: null,
});

export const failedRunFixture = reportRunFixture({
  id: 'run-failed',
  type: 'monthly_summary',
  status: 'failed',
  expiresAt: null,
  attempts: 3,
  error: { code: 'statement_timeout', message: 'The report query took too long.' },
  file: null,
});

export const reportRunsFixture: ReportRun[] = [reportRunFixture(), queuedRunFixture, failedRunFixture];

export const csvFixture = 'appointment_id,starts_at,status\r\na1,2026-10-01T09:00:00Z,completed\r\n';

function appointment(
  id: string,
  startsAt: string,
  status: Appointment['status'],
  priceCents: number,
): Appointment {
  return {
    id,
    patientId: '7',
    professional: 'Dra. Ana Lima',
    specialty: 'Odontologia',
    status,
    bookedAt: '2026-09-20T10:00:00.000Z',
    startsAt,
    priceCents,
    reminderSent: true,
  };
}

export const appointmentsFixture: Appointment[] = [
  appointment('101', '2026-10-01T09:00:00.000Z', 'completed', 25_000),
  appointment('102', '2026-10-02T10:30:00.000Z', 'no_show', 18_000),
];
