// The jobs that keep runs honest when something dies: retention (expire old runs, delete their files),
// the dead-letter handler (a job out of retries fails its run) and the stale-claim reaper (a run whose
// lease lapsed is re-queued when pg-boss will retry it, or failed when nothing will): never stuck running.
// Also the hand-back of a delivery deferred by the per-company limit: a fresh job for the same run.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { fromKysely, type PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { reportJobPayloadSchema } from '@repo/contract';
import type { Database } from '@repo/db';
import { REPORT_QUEUE } from '../features/report-runs/queue.ts';
import type { ReportStorage } from '../storage/report-storage.ts';

const WORKER_LOST = 'The worker stopped while generating the report and no retry is left';

export async function expireReportRuns(
  db: Kysely<Database>,
  storage: ReportStorage,
  logger: Logger,
  batchSize = 500,
): Promise<number> {
  let expired = 0;
  for (;;) {
    // Marked expired first: from this commit on the file is never served, even if deleting it fails.
    const rows = await db
      .updateTable('report_runs')
      .set({ status: 'expired', expired_at: sql<Date>`now()` })
      .where((eb) =>
        eb(
          'id',
          'in',
          eb
            .selectFrom('report_runs')
            .select('id')
            .where('status', '=', 'succeeded')
            .where('expires_at', '<=', sql<Date>`now()`)
            .limit(batchSize),
        ),
      )
      .where('status', '=', 'succeeded')
      .returning(['company_id', 'id', 'storage_key'])
      .execute();
    for (const row of rows) {
      if (row.storage_key) await storage.remove(row.storage_key);
    }
    expired += rows.length;
    if (rows.length < batchSize) break;
  }
  // Files of runs expired earlier whose deletion failed, then keys past their 24 h guarantee.
  const leftovers = await db
    .selectFrom('report_runs')
    .select(['company_id', 'id', 'storage_key'])
    .where('status', '=', 'expired')
    .where('storage_key', 'is not', null)
    .limit(batchSize)
    .execute();
  for (const row of leftovers) {
    if (row.storage_key) await storage.remove(row.storage_key);
    await db
      .updateTable('report_runs')
      .set({ storage_key: null })
      .where('company_id', '=', row.company_id)
      .where('id', '=', row.id)
      .execute()
      .catch(() => undefined);
  }
  await db
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
  const drafts = await storage.sweepDrafts(24 * 3_600_000);
  if (expired || drafts) logger.info({ expired, drafts }, 'report retention pass');
  return expired;
}

export async function failDeadLetteredRun(
  db: Kysely<Database>,
  data: unknown,
  logger: Logger,
): Promise<boolean> {
  const parsed = reportJobPayloadSchema.safeParse(data);
  if (!parsed.success) {
    logger.error({ data }, 'dead-lettered report job has an unknown payload');
    return false;
  }
  const { companyId, runId } = parsed.data;
  const result = await db
    .updateTable('report_runs')
    .set({
      status: 'failed',
      finished_at: sql<Date>`now()`,
      error_code: sql<string>`coalesce(error_code, 'worker_lost')`,
      error_message: sql<string>`coalesce(error_message, ${WORKER_LOST})`,
      lease_owner: null,
      lease_expires_at: null,
    })
    .where('company_id', '=', companyId)
    .where('id', '=', runId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  const failed = result.numUpdatedRows > 0n;
  logger.warn({ runId, companyId, requestId: parsed.data.requestId, failed }, 'report job dead-lettered');
  return failed;
}

/**
 * Hands a deferred run back to the queue: a new job for it, due after `delaySeconds`, recorded as the
 * run's job in the same transaction (cancel and the reaper follow `job_id`). The delivery being handled
 * then completes as usual. Nothing is sent when the run was canceled or finished meanwhile, or when a
 * live worker holds it.
 */
export async function requeueDeferredRun(
  db: Kysely<Database>,
  boss: PgBoss,
  data: unknown,
  delaySeconds: number,
): Promise<boolean> {
  const payload = reportJobPayloadSchema.parse(data);
  return db.transaction().execute(async (trx) => {
    const jobId = randomUUID();
    // Queued, or still 'running' from a worker that died (lease lapsed): back to queued. A run whose lease
    // is live belongs to the worker renewing it, and a finished or canceled one needs nothing.
    const updated = await trx
      .updateTable('report_runs')
      .set({ job_id: jobId, status: 'queued', lease_owner: null, lease_expires_at: null })
      .where('company_id', '=', payload.companyId)
      .where('id', '=', payload.runId)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', sql<Date>`now()`)]),
        ]),
      )
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await boss.send(REPORT_QUEUE, payload, {
      id: jobId,
      group: { id: payload.companyId },
      startAfter: delaySeconds,
      db: fromKysely(trx),
    });
    return true;
  });
}

/** Runs whose claim lapsed: look at their job and put the run in the state the queue will honour. */
export async function reapStaleRuns(db: Kysely<Database>, boss: PgBoss, logger: Logger): Promise<number> {
  const stale = await db
    .selectFrom('report_runs')
    .select(['company_id', 'id', 'job_id', 'status', 'attempts'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', sql<Date>`now()`)]),
        eb.and([eb('status', '=', 'queued'), eb('created_at', '<', sql<Date>`now() - interval '5 minutes'`)]),
      ]),
    )
    .limit(100)
    .execute();
  let changed = 0;
  for (const run of stale) {
    const [job] = await boss.findJobs(REPORT_QUEUE, { id: run.job_id });
    const state = job?.state;
    if (state === 'active') continue; // pg-boss' heartbeat check will expire it and retry
    const waiting = state === 'created' || state === 'retry';
    if (waiting && run.status === 'queued') continue;
    const result = await db
      .updateTable('report_runs')
      .set(
        waiting
          ? { status: 'queued', lease_owner: null, lease_expires_at: null }
          : {
              status: 'failed',
              finished_at: sql<Date>`now()`,
              error_code: sql<string>`coalesce(error_code, 'worker_lost')`,
              error_message: sql<string>`coalesce(error_message, ${WORKER_LOST})`,
              lease_owner: null,
              lease_expires_at: null,
            },
      )
      .where('company_id', '=', run.company_id)
      .where('id', '=', run.id)
      .where('attempts', '=', run.attempts)
      .where('status', '=', run.status)
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) {
      changed += 1;
      logger.warn(
        { runId: run.id, companyId: run.company_id, jobState: state ?? 'missing' },
        'reaped stale report run',
      );
    }
  }
  return changed;
}
