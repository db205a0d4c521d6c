import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failDeadLetteredRun, reapStaleRuns, requeueDeferredRun } from '../../src/worker/housekeeping.ts';
import { REPORT_QUEUE } from '../../src/features/report-runs/queue.ts';
import { runReportJob } from '../../src/worker/run-report-job.ts';
import { startReportRunsModule, type ReportRunsModule } from '../../src/features/report-runs/module.ts';
import {
  APPOINTMENTS_BODY,
  COMPANY_A,
  TOKENS,
  createRun,
  getRun,
  postRun,
  startHarness,
  waitForRun,
  type Harness,
} from './harness.ts';
import { reportRunSchema } from '@repo/contract';
import { pino } from 'pino';

let h: Harness;
/** Sends and inspects jobs the way the API does (the stale-claim and hand-back tests need its boss). */
let producer: ReportRunsModule;
beforeAll(async () => {
  h = await startHarness({ appointmentsA: 120 });
  producer = await startReportRunsModule({
    databaseUrl: h.t.url,
    reportsDir: h.reportsDir,
    settings: h.settings,
  });
});
afterAll(async () => {
  await producer.stop();
  await h.stop();
});

describe('timeouts', () => {
  it('fails a run whose query exceeds statement_timeout with query_timeout, without retrying it', async () => {
    const worker = await h.startWorker({ queryTimeoutMs: 1000, faultRowDelayMs: 20 });
    try {
      const run = await waitForRun(h, (await createRun(h)).id);
      expect(run.status).toBe('failed');
      expect(run.attempts).toBe(1);
      expect(run.error?.code).toBe('query_timeout');
      expect(run.error?.message).toMatch(/longer than 1 s/);
      expect(run.file).toBeNull();
      expect(run.finishedAt).not.toBeNull();
    } finally {
      await worker.stop();
    }
  });

  it('fails a run that exceeds the per-run timeout with run_timeout', async () => {
    const worker = await h.startWorker({ runTimeoutMs: 1000, faultRowDelayMs: 20 });
    try {
      const run = await waitForRun(h, (await createRun(h)).id);
      expect(run).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'run_timeout' } });
      const text = await worker.metrics.registry.metrics();
      expect(text).toMatch(/report_run_failures_total\{code="run_timeout"\} 1/);
    } finally {
      await worker.stop();
    }
  });
});

describe('stale claims and dead letters', () => {
  const silent = pino({ level: 'silent' });
  async function staleRun(): Promise<string> {
    const run = await createRun(h);
    await h.t.pool.query(
      `UPDATE report_runs SET status = 'running', attempts = 1, started_at = now(),
         lease_owner = 'gone:1', lease_expires_at = now() - interval '1 minute' WHERE id = $1`,
      [run.id],
    );
    return run.id;
  }

  it('puts a run whose lease lapsed back to queued when its job waits for a retry', async () => {
    const id = await staleRun();
    // The job is still 'created' (nobody fetched it): pg-boss will deliver it again.
    expect(await reapStaleRuns(h.server.db, producer.boss, silent)).toBeGreaterThanOrEqual(1);
    const run = await getRun(h, id);
    expect(run.status).toBe('queued');
  });

  it('fails a run whose lease lapsed when its job is finished or gone (worker_lost)', async () => {
    const id = await staleRun();
    await h.t.pool.query(
      `UPDATE pgboss.job SET state = 'failed' WHERE id = (SELECT job_id FROM report_runs WHERE id = $1)`,
      [id],
    );
    await reapStaleRuns(h.server.db, producer.boss, silent);
    const run = await getRun(h, id);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'worker_lost' } });
  });

  it('fails the run of a dead-lettered job once, and ignores an unknown payload', async () => {
    const id = await staleRun();
    expect(
      await failDeadLetteredRun(h.server.db, { version: 1, runId: id, companyId: COMPANY_A }, silent),
    ).toBe(true);
    expect(
      await failDeadLetteredRun(h.server.db, { version: 1, runId: id, companyId: COMPANY_A }, silent),
    ).toBe(false);
    expect(await failDeadLetteredRun(h.server.db, { version: 2 }, silent)).toBe(false);
    expect((await getRun(h, id)).error?.code).toBe('worker_lost');
  });
});

describe('request ids', () => {
  it('carries the X-Request-Id of the POST into every worker log line of the run', async () => {
    const lines: { requestId?: string; runId?: string; msg?: string }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as never) },
    );
    const worker = await h.startWorker({}, logger);
    try {
      const requestId = `req-${crypto.randomUUID()}`;
      const response = await postRun(h, APPOINTMENTS_BODY, crypto.randomUUID(), TOKENS.a, {
        'X-Request-Id': requestId,
      });
      const run = reportRunSchema.parse(await response.json());
      expect((await waitForRun(h, run.id)).status).toBe('succeeded');
      const ofRun = lines.filter((l) => l.runId === run.id);
      expect(ofRun.map((l) => l.msg)).toEqual(
        expect.arrayContaining(['report run started', 'report run succeeded']),
      );
      expect(ofRun.every((l) => l.requestId === requestId)).toBe(true);
    } finally {
      await worker.stop();
    }
  });
});

describe('fairness', () => {
  it('defers a delivery that would exceed the company’s limit when two deliveries race, without spending an attempt', async () => {
    const ctx = h.jobContext({ globalConcurrency: 2, perCompanyConcurrency: 1, faultRowDelayMs: 5 });
    const runs = [await createRun(h), await createRun(h)];
    try {
      const outcomes = await Promise.all(
        runs.map((run) =>
          runReportJob(ctx, {
            data: { version: 1, runId: run.id, companyId: COMPANY_A },
            retryCount: 0,
            retryLimit: 3,
          }),
        ),
      );
      expect([...outcomes].sort()).toEqual(['deferred', 'succeeded']);
      const deferred = runs[outcomes.indexOf('deferred')]!;
      expect(await getRun(h, deferred.id)).toMatchObject({ status: 'queued', attempts: 0, startedAt: null });

      // The worker hands it back as a fresh job for the same run, and nothing once the run is canceled.
      const jobOf = async (id: string) =>
        (await h.t.pool.query<{ job_id: string }>(`SELECT job_id FROM report_runs WHERE id = $1`, [id]))
          .rows[0]!.job_id;
      const before = await jobOf(deferred.id);
      const payload = { version: 1, runId: deferred.id, companyId: COMPANY_A };
      expect(await requeueDeferredRun(ctx.db, producer.boss, payload, 1)).toBe(true);
      const after = await jobOf(deferred.id);
      expect(after).not.toBe(before);
      const [job] = await producer.boss.findJobs(REPORT_QUEUE, { id: after });
      expect(job).toMatchObject({ state: 'created', data: payload, groupId: COMPANY_A });
      await h.t.pool.query(`UPDATE report_runs SET status = 'canceled', canceled_at = now() WHERE id = $1`, [
        deferred.id,
      ]);
      expect(await requeueDeferredRun(ctx.db, producer.boss, payload, 1)).toBe(false);
      expect(await jobOf(deferred.id)).toBe(after);

      // A redelivery of a run whose worker died (still 'running', lease lapsed) is handed back too, as
      // queued; one whose lease another worker still renews is left to that worker.
      const stale = await createRun(h);
      const stalePayload = { version: 1, runId: stale.id, companyId: COMPANY_A };
      await h.t.pool.query(
        `UPDATE report_runs SET status = 'running', attempts = 1, started_at = now(), lease_owner = 'gone:1',
           lease_expires_at = now() + interval '1 minute' WHERE id = $1`,
        [stale.id],
      );
      expect(await requeueDeferredRun(ctx.db, producer.boss, stalePayload, 1)).toBe(false);
      await h.t.pool.query(
        `UPDATE report_runs SET lease_expires_at = now() - interval '1 minute' WHERE id = $1`,
        [stale.id],
      );
      const staleJob = await jobOf(stale.id);
      expect(await requeueDeferredRun(ctx.db, producer.boss, stalePayload, 1)).toBe(true);
      expect(await jobOf(stale.id)).not.toBe(staleJob);
      expect(await getRun(h, stale.id)).toMatchObject({ status: 'queued', attempts: 1 });
    } finally {
      await h.t.pool.query(
        `UPDATE report_runs SET status = 'canceled', canceled_at = now() WHERE status IN ('queued', 'running')`,
      );
    }
  });

  it('works through one company’s backlog one run at a time with two worker slots, every run in one attempt', async () => {
    const worker = await h.startWorker({
      globalConcurrency: 2,
      perCompanyConcurrency: 1,
      faultRowDelayMs: 2,
    });
    try {
      const backlog = [];
      for (let i = 0; i < 4; i++) backlog.push(await createRun(h));
      const runningCounts: number[] = [];
      const sampler = setInterval(() => {
        void h.t.pool
          .query<{ n: number }>(
            `SELECT count(*)::int AS n FROM report_runs WHERE company_id = ${COMPANY_A} AND status = 'running'`,
          )
          .then(({ rows }) => runningCounts.push(rows[0]!.n));
      }, 20);
      const finished = await Promise.all(backlog.map((run) => waitForRun(h, run.id, undefined, 30_000)));
      clearInterval(sampler);
      expect(finished.map((run) => [run.status, run.attempts])).toEqual(backlog.map(() => ['succeeded', 1]));
      expect(runningCounts.length).toBeGreaterThan(10);
      expect(Math.max(...runningCounts)).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it('runs another company’s report while one company has a backlog (per-company limit)', async () => {
    const worker = await h.startWorker({
      globalConcurrency: 2,
      perCompanyConcurrency: 1,
      faultRowDelayMs: 15,
    });
    try {
      const backlog = [];
      for (let i = 0; i < 4; i++) backlog.push(await createRun(h));
      const response = await postRun(h, APPOINTMENTS_BODY, crypto.randomUUID(), TOKENS.b);
      const other = reportRunSchema.parse(await response.json());
      const otherDone = await waitForRun(h, other.id, undefined, 30_000, TOKENS.b);
      expect(otherDone.status).toBe('succeeded');
      const { rows } = await h.t.pool.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM report_runs WHERE id = ANY($1::uuid[]) GROUP BY status`,
        [backlog.map((r) => r.id)],
      );
      // Company A's backlog is still being worked through one at a time.
      const waiting = rows
        .filter((r) => r.status === 'queued' || r.status === 'running')
        .reduce((n, r) => n + r.n, 0);
      expect(waiting).toBeGreaterThanOrEqual(2);
      const { rows: running } = await h.t.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM report_runs WHERE company_id = 101 AND status = 'running'`,
      );
      expect(running[0]!.n).toBeLessThanOrEqual(1);
    } finally {
      await h.t.pool.query(
        `UPDATE report_runs SET status = 'canceled', canceled_at = now() WHERE status IN ('queued', 'running')`,
      );
      await worker.stop();
    }
  });
});

describe('pacing', () => {
  it('writes no faster than the worker’s rows-per-second budget, shared by its CSV and XLSX runs', async () => {
    const worker = await h.startWorker({ rowsPerSecond: 100 });
    try {
      const runs = [await createRun(h), await createRun(h, { ...APPOINTMENTS_BODY, format: 'xlsx' })];
      const done = await Promise.all(runs.map((run) => waitForRun(h, run.id)));
      expect(done.map((run) => [run.status, run.file?.rowCount])).toEqual([
        ['succeeded', 120],
        ['succeeded', 120],
      ]);
      // 240 rows through a bucket of 10 refilled at 100 rows/s: at least 2.3 s from first start to last finish.
      const first = Math.min(...done.map((run) => Date.parse(run.startedAt ?? '')));
      const last = Math.max(...done.map((run) => Date.parse(run.finishedAt ?? '')));
      expect(last - first).toBeGreaterThanOrEqual(2_000);
    } finally {
      await worker.stop();
    }
  });
});

describe('sharing a host with the API', () => {
  it('runs report queries in backends at the configured lower CPU priority, and nothing else', async () => {
    const { rows: before } = await h.t.pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    const worker = await h.startWorker({ dbNice: 6 });
    try {
      const run = await waitForRun(h, (await createRun(h)).id);
      expect(run.status).toBe('succeeded');
      // Only this worker's connections: opened after it started (earlier tests' pools may still be open).
      const { rows } = await h.t.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'report-worker' AND backend_start >= $1`,
        [before[0]!.now],
      );
      const priorities = rows.map((row) => priorityOf(row.pid)).filter((nice) => nice !== undefined);
      // The report connection's backend is reniced; the worker's state connections (claims, leases) are not.
      expect(priorities).toContain(6);
      expect(priorities).toContain(0);
    } finally {
      await worker.stop();
    }
  });
});

/** A backend's nice value, or undefined when it has exited since it was listed. */
function priorityOf(pid: number): number | undefined {
  try {
    return getPriority(pid);
  } catch {
    return undefined;
  }
}
