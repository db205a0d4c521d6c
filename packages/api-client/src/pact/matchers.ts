// Pact matchers for the report API's shapes, built from the same names as @repo/contract so a contract
// reads like the schema it protects. Timestamps and ids are matched by pattern, never by value.
import { MatchersV3 } from '@pact-foundation/pact';
import { problemTypeUri, type ProblemSlug } from '@repo/contract';

const { like, integer, regex, nullValue, eachLike, string, boolean } = MatchersV3;

export const ISO_DATETIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
export const ID = '^[1-9][0-9]{0,17}$';
export const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
// Pact compares Content-Type by media type when the expected value has no parameters (charset ignored).
export const JSON_CONTENT_TYPE = 'application/json';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const BEARER = regex('^Bearer \\S+$', 'Bearer contract-token');

export const timestampLike = (example = '2026-03-01T12:00:00.000Z') => regex(ISO_DATETIME, example);

export const clinicBody = {
  id: regex(ID, '1'),
  name: string('Clínica A'),
  plan: regex('^(free|basic|pro|enterprise)$', 'pro'),
  specialty: string('Cardiologia'),
  city: string('Recife'),
  state: regex('^[A-Z]{2}$', 'PE'),
  status: regex('^(active|churned)$', 'active'),
  createdAt: timestampLike('2024-01-01T00:00:00.000Z'),
  churnedAt: like(null),
};

export const APPOINTMENTS_PARAMETERS = { from: '2026-01-01', to: '2026-12-31' } as const;

const baseRun = {
  id: regex(UUID, '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f'),
  type: regex('^(appointments|patients|monthly_summary)$', 'appointments'),
  format: regex('^(csv|xlsx)$', 'csv'),
  parameters: like(APPOINTMENTS_PARAMETERS),
  createdAt: timestampLike(),
  canceledAt: nullValue(),
  expiredAt: nullValue(),
  attempts: integer(1),
  error: nullValue(),
};

/** A run the worker finished: it has a file, an expiry and both timestamps. */
export const succeededRunBody = {
  ...baseRun,
  status: 'succeeded',
  startedAt: timestampLike(),
  finishedAt: timestampLike(),
  expiresAt: timestampLike('2026-03-08T12:00:00.000Z'),
  file: {
    rowCount: integer(120),
    byteSize: integer(9_876),
    sha256: regex('^[0-9a-f]{64}$', 'a'.repeat(64)),
    columns: eachLike('appointment_id'),
    contentType: regex('^text/csv(;.*)?$', 'text/csv; charset=utf-8'),
    fileName: string('appointments-2026-01-01-2026-12-31.csv'),
  },
};

/** A run just accepted: nothing has happened to it yet. */
export const queuedRunBody = {
  ...baseRun,
  status: 'queued',
  attempts: integer(0),
  startedAt: nullValue(),
  finishedAt: nullValue(),
  expiresAt: nullValue(),
  file: nullValue(),
};

export const canceledRunBody = {
  ...queuedRunBody,
  status: 'canceled',
  canceledAt: timestampLike(),
  finishedAt: timestampLike(),
};

export const appointmentBody = {
  id: regex(ID, '7'),
  patientId: regex(ID, '3'),
  professional: string('Dra. Ana'),
  specialty: string('Cardiologia'),
  status: regex('^(scheduled|completed|cancelled|no_show)$', 'completed'),
  bookedAt: timestampLike('2026-02-26T09:00:00.000Z'),
  startsAt: timestampLike('2026-03-01T09:00:00.000Z'),
  priceCents: integer(15_000),
  reminderSent: boolean(true),
};

/** A no-show insight row; the provider runs with a k-anonymity threshold of 1, so no row is suppressed. */
export const noShowRowBody = {
  period: regex('^(all|last_365d|last_90d)$', 'all'),
  plan: string('pro'),
  factor: string('weekday'),
  bucket: string('monday'),
  appointments: integer(40),
  noShows: integer(5),
  noShowRate: like(0.125),
  patients: integer(30),
  suppressed: boolean(false),
};

export const insightsMetaBody = (scope: 'all' | 'clinic') => ({
  anchorAt: timestampLike(),
  scope,
  minPatientsPerGroup: integer(1),
  suppressedRows: integer(0),
});

export interface ProblemMatcherOptions {
  fieldErrors?: boolean;
  retryAfter?: boolean;
}

/**
 * The RFC 9457 body every error answers with: the exact type URI and status (clients switch on them), a
 * title, detail and requestId of any text, and field errors / retryAfterSeconds where the type has them.
 */
export function problemBody(slug: ProblemSlug, status: number, options: ProblemMatcherOptions = {}) {
  return {
    type: problemTypeUri(slug),
    title: string('A short, human-readable summary'),
    status,
    detail: string('What went wrong, for a person'),
    requestId: string('req-0001'),
    ...(options.fieldErrors
      ? {
          errors: eachLike({
            field: string('parameters.to'),
            message: string('the period may cover at most 366 days'),
            code: string('custom'),
          }),
        }
      : {}),
    ...(options.retryAfter ? { retryAfterSeconds: integer(42) } : {}),
  };
}
