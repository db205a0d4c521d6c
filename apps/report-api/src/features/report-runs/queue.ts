// The durable queue between API and worker (pg-boss on the same PostgreSQL, decision 030). The API only
// sends, inside the transaction that creates the run; the worker also supervises, schedules and retries.
import { PgBoss, type ConstructorOptions } from 'pg-boss';
import type { ReportRunSettings } from './settings.ts';

export const REPORT_QUEUE = 'report-runs';
export const REPORT_DEAD_LETTER_QUEUE = 'report-runs-dead';
export const RETENTION_QUEUE = 'report-runs-retention';

export type BossRole = 'api' | 'worker';

export function createBoss(connectionString: string, role: BossRole, settings: ReportRunSettings): PgBoss {
  const options: ConstructorOptions = {
    connectionString,
    application_name: `report-${role}-queue`,
    max: role === 'api' ? 3 : 4,
    // Only workers run maintenance (expiry, heartbeats, dead letters) and the cron schedule.
    supervise: role === 'worker',
    schedule: role === 'worker',
    superviseIntervalSeconds: settings.superviseSeconds,
    monitorIntervalSeconds: settings.superviseSeconds,
    instanceName: `report-${role}`,
  };
  return new PgBoss(options);
}

/** Creates (or updates) the queues with the retry, backoff, timeout and heartbeat policy. Idempotent. */
export async function ensureQueues(boss: PgBoss, settings: ReportRunSettings): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  if (!existing.has(REPORT_DEAD_LETTER_QUEUE)) {
    await boss.createQueue(REPORT_DEAD_LETTER_QUEUE, { retryLimit: 0, deleteAfterSeconds: 30 * 86_400 });
  }
  const policy = {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 300,
    // pg-boss' own bound is a little above ours, so our timeout (with a clear error) fires first.
    expireInSeconds: Math.ceil(settings.runTimeoutMs / 1000) + 60,
    heartbeatSeconds: settings.heartbeatSeconds,
    deleteAfterSeconds: 7 * 86_400,
  };
  if (existing.has(REPORT_QUEUE)) {
    await boss.updateQueue(REPORT_QUEUE, { ...policy, deadLetter: REPORT_DEAD_LETTER_QUEUE });
  } else {
    await boss.createQueue(REPORT_QUEUE, { ...policy, deadLetter: REPORT_DEAD_LETTER_QUEUE });
  }
  if (!existing.has(RETENTION_QUEUE)) {
    await boss.createQueue(RETENTION_QUEUE, { retryLimit: 1, expireInSeconds: 600 });
  }
}
