// Report runs: create a run, poll it, download a file that expires (the Stripe report-run shape).
import { z } from 'zod';
import { pageOf, pageQuerySchema } from './pagination.ts';

export const MAX_REPORT_PERIOD_DAYS = 366;

export const reportTypes = ['appointments', 'patients', 'monthly_summary'] as const;
export const reportFormats = ['csv', 'xlsx'] as const;
export const reportRunStatuses = ['queued', 'running', 'succeeded', 'failed', 'canceled', 'expired'] as const;
export const appointmentStatuses = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;

export type ReportType = (typeof reportTypes)[number];
export type ReportFormat = (typeof reportFormats)[number];
export type ReportRunStatus = (typeof reportRunStatuses)[number];

const isoDate = z.iso.date();

const period = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { error: 'from must be on or before to', path: ['to'] })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < MAX_REPORT_PERIOD_DAYS, {
    error: `the period may cover at most ${MAX_REPORT_PERIOD_DAYS} days`,
    path: ['to'],
  });

export const appointmentsReportParameters = period.and(
  z.object({
    status: z.array(z.enum(appointmentStatuses)).min(1).optional(),
    specialty: z.string().min(1).max(100).optional(),
    professional: z.string().min(1).max(200).optional(),
  }),
);
export const patientsReportParameters = z
  .object({
    createdFrom: isoDate.optional(),
    createdTo: isoDate.optional(),
  })
  .refine((p) => !p.createdFrom || !p.createdTo || p.createdFrom <= p.createdTo, {
    error: 'createdFrom must be on or before createdTo',
    path: ['createdTo'],
  });
export const monthlySummaryReportParameters = period;

export const createReportRunSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('appointments'),
    format: z.enum(reportFormats),
    parameters: appointmentsReportParameters,
  }),
  z.object({
    type: z.literal('patients'),
    format: z.enum(reportFormats),
    parameters: patientsReportParameters,
  }),
  z.object({
    type: z.literal('monthly_summary'),
    format: z.enum(reportFormats),
    parameters: monthlySummaryReportParameters,
  }),
]);
export type CreateReportRun = z.infer<typeof createReportRunSchema>;

/** Stable codes of a failed run; `message` is the human-readable part. */
export const reportRunErrorCodes = [
  'query_timeout',
  'run_timeout',
  'database_unavailable',
  'storage_error',
  'worker_lost',
  'internal',
] as const;
export type ReportRunErrorCode = (typeof reportRunErrorCodes)[number];

export const reportRunErrorSchema = z.object({ code: z.string(), message: z.string() });

export const reportRunSchema = z.object({
  id: z.string(),
  type: z.enum(reportTypes),
  format: z.enum(reportFormats),
  parameters: z.record(z.string(), z.unknown()),
  status: z.enum(reportRunStatuses),
  createdAt: z.iso.datetime({ offset: true }),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  canceledAt: z.iso.datetime({ offset: true }).nullable(),
  expiredAt: z.iso.datetime({ offset: true }).nullable(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  attempts: z.number().int().nonnegative(),
  error: reportRunErrorSchema.nullable(),
  file: z
    .object({
      rowCount: z.number().int().nonnegative(),
      byteSize: z.number().int().nonnegative(),
      sha256: z.string(),
      columns: z.array(z.string()),
      contentType: z.string(),
      fileName: z.string(),
    })
    .nullable(),
});
export type ReportRun = z.infer<typeof reportRunSchema>;

export const reportRunListQuerySchema = pageQuerySchema.extend({
  status: z.enum(reportRunStatuses).optional(),
  type: z.enum(reportTypes).optional(),
});
export const reportRunPageSchema = pageOf(reportRunSchema);
export type ReportRunPage = z.infer<typeof reportRunPageSchema>;

/** Versioned job payload from API to worker; both sides import this schema (message contract). */
export const reportJobPayloadSchema = z.object({
  version: z.literal(1),
  runId: z.uuid(),
  companyId: z.string().regex(/^[1-9][0-9]{0,18}$/),
  requestId: z.string().max(200).optional(),
});
export type ReportJobPayload = z.infer<typeof reportJobPayloadSchema>;

/** Append-only audit trail of access to personal data (LGPD), readable by the company it concerns. */
export const auditActions = ['report_run.created', 'report_run.downloaded', 'report_run.canceled'] as const;
export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.iso.datetime({ offset: true }),
  action: z.string(),
  actor: z.object({ tokenId: z.string().nullable(), role: z.string() }),
  resource: z.object({ type: z.string(), id: z.string() }),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export const auditEventListQuerySchema = pageQuerySchema.extend({
  action: z.enum(auditActions).optional(),
  resourceId: z.string().min(1).max(100).optional(),
});
export const auditEventPageSchema = pageOf(auditEventSchema);
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;

export const reportRunParamsSchema = z.object({ id: z.uuid() });
