// Report-run settings, read from the environment once and validated (a bad value stops the process at
// start). Shared by the API (retention, idempotency) and the worker (timeouts, limits, retries).
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  REPORT_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(7),
  REPORT_IDEMPOTENCY_TTL_HOURS: z.coerce
    .number()
    .min(24)
    .max(24 * 30)
    .default(24),
  REPORT_RUN_TIMEOUT_SECONDS: int(5, 6 * 3600).default(15 * 60),
  REPORT_QUERY_TIMEOUT_SECONDS: int(1, 6 * 3600).default(10 * 60),
  REPORT_LEASE_SECONDS: int(2, 3600).default(30),
  REPORT_RETRY_LIMIT: int(0, 20).default(3),
  REPORT_RETRY_DELAY_SECONDS: int(1, 3600).default(5),
  REPORT_HEARTBEAT_SECONDS: int(10, 3600).default(30),
  REPORT_COMPANY_CONCURRENCY: int(1, 100).default(2),
  REPORT_GLOBAL_CONCURRENCY: int(1, 100).default(4),
  REPORT_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  REPORT_SUPERVISE_SECONDS: int(1, 3600).default(10),
  REPORT_RETENTION_CRON: z.string().min(9).default('*/10 * * * *'),
  REPORT_REAPER_SECONDS: int(1, 3600).default(30),
  REPORT_CURSOR_BATCH: int(100, 100_000).default(5_000),
  /** Rows per second all runs of one worker may write together (0 = unlimited); see worker/row-budget.ts. */
  REPORT_ROWS_PER_SECOND: int(0, 100_000_000).default(0),
  /** Nice value for the PostgreSQL backends of report queries when the database is on this host (0 = off). */
  REPORT_DB_NICE: int(0, 19).default(0),
  /** Fault injection for crash tests: every exported row waits this long inside PostgreSQL. */
  REPORT_FAULT_ROW_DELAY_MS: z.coerce.number().min(0).max(1000).default(0),
  NODE_ENV: z.string().optional(),
});

export interface ReportRunSettings {
  retentionMs: number;
  idempotencyTtlMs: number;
  runTimeoutMs: number;
  /** statement_timeout of report queries. */
  queryTimeoutMs: number;
  /** How long a worker's claim on a run lasts without renewal before the reaper treats it as stale. */
  leaseMs: number;
  retryLimit: number;
  retryDelaySeconds: number;
  heartbeatSeconds: number;
  perCompanyConcurrency: number;
  globalConcurrency: number;
  pollSeconds: number;
  superviseSeconds: number;
  retentionCron: string;
  reaperIntervalMs: number;
  cursorBatchSize: number;
  rowsPerSecond: number;
  /** OS priority (nice) of the report queries' backends on a local PostgreSQL; see worker/backend-priority.ts. */
  dbNice: number;
  faultRowDelayMs: number;
}

export function loadReportRunSettings(env: NodeJS.ProcessEnv = process.env): ReportRunSettings {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(defined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid report-run configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    retentionMs: e.REPORT_RETENTION_DAYS * 86_400_000,
    idempotencyTtlMs: e.REPORT_IDEMPOTENCY_TTL_HOURS * 3_600_000,
    runTimeoutMs: e.REPORT_RUN_TIMEOUT_SECONDS * 1000,
    queryTimeoutMs: e.REPORT_QUERY_TIMEOUT_SECONDS * 1000,
    leaseMs: e.REPORT_LEASE_SECONDS * 1000,
    retryLimit: e.REPORT_RETRY_LIMIT,
    retryDelaySeconds: e.REPORT_RETRY_DELAY_SECONDS,
    heartbeatSeconds: e.REPORT_HEARTBEAT_SECONDS,
    perCompanyConcurrency: e.REPORT_COMPANY_CONCURRENCY,
    globalConcurrency: e.REPORT_GLOBAL_CONCURRENCY,
    pollSeconds: e.REPORT_POLL_SECONDS,
    superviseSeconds: e.REPORT_SUPERVISE_SECONDS,
    retentionCron: e.REPORT_RETENTION_CRON,
    reaperIntervalMs: e.REPORT_REAPER_SECONDS * 1000,
    cursorBatchSize: e.REPORT_CURSOR_BATCH,
    rowsPerSecond: e.REPORT_ROWS_PER_SECOND,
    dbNice: e.REPORT_DB_NICE,
    // Never honoured in production, whatever the environment says.
    faultRowDelayMs: e.NODE_ENV === 'production' ? 0 : e.REPORT_FAULT_ROW_DELAY_MS,
  };
}
