// One delivery of a report job. Delivery is at-least-once, so this is idempotent: it claims the run with
// a fencing token (attempts), writes a fresh file from scratch to a new draft, and records the result
// only if its claim still holds. A canceled run or a newer attempt makes it stop and delete its draft.
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import { reportJobPayloadSchema, type ReportJobPayload } from '@repo/contract';
import type { Database, ReportRunRow } from '@repo/db';
import {
  contentTypes,
  fileNameFor,
  reportQuery,
  type ReportQuery,
} from '../features/report-runs/report-definitions.ts';
import type { ReportRunSettings } from '../features/report-runs/settings.ts';
import type { Draft, ReportStorage } from '../storage/report-storage.ts';
import { ClaimLostError, RunTimeoutError, classifyError } from './classify-error.ts';
import { generateReport } from './generate-report.ts';
import type { BackendPriority } from './backend-priority.ts';
import type { RowBudget } from './row-budget.ts';
import type { WorkerMetrics } from './worker-metrics.ts';

export interface RunJobContext {
  db: Kysely<Database>;
  /** Connections for report queries, with statement_timeout = settings.queryTimeoutMs. */
  reportPool: pg.Pool;
  storage: ReportStorage;
  settings: ReportRunSettings;
  logger: Logger;
  metrics: WorkerMetrics;
  workerId: string;
  /** Rows per second shared by this worker's runs (REPORT_ROWS_PER_SECOND); unpaced without one. */
  rowBudget?: RowBudget;
  /** Lowers the CPU priority of report queries on a local PostgreSQL (REPORT_DB_NICE); off without one. */
  backendPriority?: BackendPriority;
}

export interface JobAttemptInfo {
  data: unknown;
  retryCount: number;
  retryLimit: number;
  signal?: AbortSignal;
}

/** `deferred`: the company already runs its limit of reports; the caller hands the job back unclaimed. */
export type JobOutcome = 'succeeded' | 'skipped' | 'deferred' | 'retry' | 'failed' | 'canceled';

export const defaultWorkerId = (): string => `${hostname()}:${process.pid}`;

const leaseUntil = (settings: ReportRunSettings) =>
  sql<Date>`now() + ${`${settings.leaseMs} milliseconds`}::interval`;

// pg-boss's groupConcurrency filters at fetch time but is best-effort: two fetches at the same instant
// both see the company's slot free and both take one of its jobs. The claim is where the per-company
// limit is exact: claims of one company are serialized by a transaction-scoped advisory lock, and a run
// whose lease is still live counts against the limit (a dead worker's lapsed lease does not).
type Claim = { run: ReportRunRow } | { deferred: true } | undefined;

async function claim(ctx: RunJobContext, payload: ReportJobPayload): Promise<Claim> {
  return ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`report-runs:company:${payload.companyId}`}, 0))`.execute(
      trx,
    );
    const { running } = await trx
      .selectFrom('report_runs')
      .select((eb) => eb.fn.countAll<string>().as('running'))
      .where('company_id', '=', payload.companyId)
      .where('status', '=', 'running')
      .where('id', '!=', payload.runId)
      .where('lease_expires_at', '>', sql<Date>`now()`)
      .executeTakeFirstOrThrow();
    if (Number(running) >= ctx.settings.perCompanyConcurrency) {
      const pending = await trx
        .selectFrom('report_runs')
        .select('id')
        .where('company_id', '=', payload.companyId)
        .where('id', '=', payload.runId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return pending && { deferred: true as const };
    }
    const run = await trx
      .updateTable('report_runs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        started_at: sql<Date>`coalesce(started_at, now())`,
        lease_owner: ctx.workerId,
        lease_expires_at: leaseUntil(ctx.settings),
      }))
      .where('company_id', '=', payload.companyId)
      .where('id', '=', payload.runId)
      .where('status', 'in', ['queued', 'running'])
      .returningAll()
      .executeTakeFirst();
    return run && { run };
  });
}

/** Renews the lease while the claim holds; resolves false when the run was canceled or re-claimed. */
async function renew(ctx: RunJobContext, run: ReportRunRow): Promise<boolean> {
  const result = await ctx.db
    .updateTable('report_runs')
    .set({ lease_expires_at: leaseUntil(ctx.settings) })
    .where('company_id', '=', run.company_id)
    .where('id', '=', run.id)
    .where('attempts', '=', run.attempts)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

function withFaultInjection(query: ReportQuery, delayMs: number): ReportQuery {
  if (delayMs <= 0) return query;
  const columns = query.columns.map((c) => `q.${c.name}`).join(', ');
  return {
    ...query,
    sql: `SELECT ${columns} FROM (${query.sql}) q WHERE pg_sleep(${delayMs / 1000}) IS NOT NULL`,
  };
}

export async function runReportJob(ctx: RunJobContext, job: JobAttemptInfo): Promise<JobOutcome> {
  const payload = reportJobPayloadSchema.parse(job.data);
  const log = ctx.logger.child({
    runId: payload.runId,
    companyId: payload.companyId,
    requestId: payload.requestId,
  });
  const claimed = await claim(ctx, payload);
  if (!claimed) {
    log.info('report run is no longer queued or running; nothing to do');
    return 'skipped';
  }
  if ('deferred' in claimed) {
    log.debug('company is at its report limit; handing the job back');
    ctx.metrics.deferrals.inc();
    return 'deferred';
  }
  const { run } = claimed;
  const attemptLog = log.child({ attempt: run.attempts });
  attemptLog.info({ type: run.type, format: run.format }, 'report run started');
  const started = performance.now();
  const abort = new AbortController();
  const timeout = setTimeout(
    () => abort.abort(new RunTimeoutError(ctx.settings.runTimeoutMs)),
    ctx.settings.runTimeoutMs,
  );
  const onJobAbort = (): void => abort.abort(new Error('pg-boss withdrew the job (expired or stopped)'));
  job.signal?.addEventListener('abort', onJobAbort, { once: true });
  const lease = setInterval(
    () => {
      renew(ctx, run).then(
        (held) => {
          if (!held) abort.abort(new ClaimLostError());
        },
        (error: unknown) => attemptLog.warn({ err: error }, 'lease renewal failed; will retry'),
      );
    },
    Math.max(500, Math.floor(ctx.settings.leaseMs / 3)),
  );

  const key = `${run.company_id}/${run.id}/attempt-${run.attempts}.${run.format}`;
  let draft: Draft | undefined;
  let client: pg.PoolClient | undefined;
  let clientBroken = false;
  const onClientError = (): void => {
    clientBroken = true;
  };
  try {
    const query = withFaultInjection(
      reportQuery(run.type, run.company_id, run.parameters),
      ctx.settings.faultRowDelayMs,
    );
    draft = await ctx.storage.createDraft(key);
    client = await ctx.reportPool.connect();
    client.on('error', onClientError);
    await ctx.backendPriority?.apply(client);
    const file = await generateReport({
      client,
      query,
      format: run.format,
      output: draft.stream,
      signal: abort.signal,
      cursorBatchSize: ctx.settings.cursorBatchSize,
      budget: ctx.rowBudget,
    });
    await draft.commit();
    const done = await ctx.db
      .updateTable('report_runs')
      .set({
        status: 'succeeded',
        finished_at: sql<Date>`now()`,
        expires_at: sql<Date>`now() + ${`${ctx.settings.retentionMs} milliseconds`}::interval`,
        lease_owner: null,
        lease_expires_at: null,
        error_code: null,
        error_message: null,
        storage_key: key,
        file_name: fileNameFor(run.type, run.format, run.parameters, run.id),
        content_type: contentTypes[run.format],
        row_count: file.rowCount,
        byte_size: file.byteSize,
        sha256: file.sha256,
        columns: file.columns,
      })
      .where('company_id', '=', run.company_id)
      .where('id', '=', run.id)
      .where('attempts', '=', run.attempts)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) {
      await ctx.storage.remove(key);
      attemptLog.info('report run was canceled or superseded while finishing; file discarded');
      return 'canceled';
    }
    const seconds = (performance.now() - started) / 1000;
    ctx.metrics.runDuration.observe({ type: run.type, format: run.format, outcome: 'succeeded' }, seconds);
    ctx.metrics.rowsExported.inc({ type: run.type, format: run.format }, file.rowCount);
    if (seconds > 0)
      ctx.metrics.rowsPerSecond.observe({ type: run.type, format: run.format }, file.rowCount / seconds);
    attemptLog.info(
      {
        rows: file.rowCount,
        bytes: file.byteSize,
        seconds,
        rowsPerSecond: Math.round(file.rowCount / seconds),
      },
      'report run succeeded',
    );
    return 'succeeded';
  } catch (caught) {
    clientBroken = true;
    await draft?.abort().catch(() => undefined);
    const error = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : caught;
    if (error instanceof ClaimLostError) {
      attemptLog.info('report run was canceled or taken over; this attempt stopped');
      return 'canceled';
    }
    const classified = classifyError(error, ctx.settings.queryTimeoutMs);
    const final = !classified.retryable || job.retryCount >= job.retryLimit;
    const recorded = await ctx.db
      .updateTable('report_runs')
      .set({
        status: final ? 'failed' : 'queued',
        finished_at: final ? sql<Date>`now()` : null,
        error_code: classified.code,
        error_message: classified.message,
        lease_owner: null,
        lease_expires_at: null,
      })
      .where('company_id', '=', run.company_id)
      .where('id', '=', run.id)
      .where('attempts', '=', run.attempts)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (recorded.numUpdatedRows === 0n) {
      // Canceled or re-claimed while failing (e.g. pg-boss aborted the job because it was canceled).
      attemptLog.info({ err: caught }, 'report run attempt ended after it lost its claim');
      return 'canceled';
    }
    ctx.metrics.failures.inc({ code: classified.code });
    ctx.metrics.runDuration.observe(
      { type: run.type, format: run.format, outcome: final ? 'failed' : 'retry' },
      (performance.now() - started) / 1000,
    );
    attemptLog.warn({ err: caught, code: classified.code, final }, 'report run attempt failed');
    if (!final) throw new Error(`${classified.code}: ${classified.message}`, { cause: caught });
    if (classified.retryable) {
      // Out of retries: fail the job too, so pg-boss moves it to the dead-letter queue for inspection.
      throw new Error(`${classified.code}: ${classified.message} (no retries left)`, { cause: caught });
    }
    return 'failed';
  } finally {
    clearTimeout(timeout);
    clearInterval(lease);
    job.signal?.removeEventListener('abort', onJobAbort);
    // A connection that saw an error or an aborted COPY is not reused: destroying it also ends any query
    // still running on the server.
    client?.off('error', onClientError);
    client?.release(clientBroken);
  }
}
