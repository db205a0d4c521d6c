// Crash and fault tests with a real worker process (`node src/worker.ts`): SIGKILL mid-run, connections
// killed by PostgreSQL mid-run, and a worker lost on the last attempt. Small data, slowed down inside
// PostgreSQL (REPORT_FAULT_ROW_DELAY_MS) so "mid-run" is a window of seconds.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRun } from '@repo/contract';
import { reportQuery } from '../../src/features/report-runs/report-definitions.ts';
import {
  APPOINTMENTS_BODY,
  COMPANY_A,
  TOKENS,
  bearer,
  createRun,
  getRun,
  startHarness,
  waitForRun,
  type Harness,
} from './harness.ts';

const SLOW = { REPORT_FAULT_ROW_DELAY_MS: '10' };
const terminal = (r: ReportRun): boolean => ['succeeded', 'failed', 'canceled'].includes(r.status);

async function sourceCount(h: Harness): Promise<number> {
  const q = reportQuery('appointments', COMPANY_A, APPOINTMENTS_BODY.parameters);
  const { rows } = await h.t.pool.query<{ n: string }>(q.countSql);
  return Number(rows[0]!.n);
}

async function expectCompleteFile(h: Harness, run: ReportRun): Promise<void> {
  const expectedRows = await sourceCount(h);
  expect(run.file?.rowCount).toBe(expectedRows);
  const response = await fetch(`${h.url}/v1/report-runs/${run.id}/file`, { headers: bearer(TOKENS.a) });
  const body = Buffer.from(await response.arrayBuffer());
  expect(createHash('sha256').update(body).digest('hex')).toBe(run.file?.sha256);
  // Header + one record per row; every record ends with CRLF (line breaks inside fields are bare LF).
  expect(body.toString('utf8').split('\r\n').length - 1).toBe(expectedRows + 1);
  // Exactly one committed file for the run, whatever attempt wrote it.
  expect(readdirSync(join(h.reportsDir, COMPANY_A, run.id))).toEqual([`attempt-${run.attempts}.csv`]);
}

async function runCount(h: Harness): Promise<number> {
  const { rows } = await h.t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM report_runs');
  return rows[0]!.n;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('a worker killed with SIGKILL in the middle of a run', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ appointmentsA: 300 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it(
    'is retried by the next worker: the run succeeds once, complete, with a matching checksum',
    { timeout: 90_000 },
    async () => {
      const first = h.spawnWorker(SLOW);
      const created = await createRun(h);
      await waitForRun(h, created.id, (r) => r.status === 'running', 30_000);
      await new Promise((resolve) => setTimeout(resolve, 800));
      first.kill('SIGKILL');
      await exited(first);
      expect((await getRun(h, created.id)).status).toBe('running');

      h.spawnWorker(SLOW);
      const run = await waitForRun(h, created.id, terminal, 60_000);
      expect(run.status).toBe('succeeded');
      expect(run.attempts).toBeGreaterThanOrEqual(2);
      expect(run.error).toBeNull();
      await expectCompleteFile(h, run);
      expect(await runCount(h)).toBe(1);
    },
  );
});

describe('the worker’s database connections killed in the middle of a run', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ appointmentsA: 300 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it(
    'ends succeeded after a retry or failed with a clear error, never stuck running',
    { timeout: 150_000 },
    async () => {
      const worker = h.spawnWorker(SLOW);
      const created = await createRun(h);
      await waitForRun(h, created.id, (r) => r.status === 'running', 30_000);
      await new Promise((resolve) => setTimeout(resolve, 800));
      const { rows } = await h.t.pool.query<{ pid: number }>(
        `SELECT pg_terminate_backend(pid) AS killed, pid FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'report-worker'`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(1);

      const run = await waitForRun(h, created.id, terminal, 90_000).catch((error: unknown) => {
        throw new Error(
          `${String(error)}; worker exit ${String(worker.exitCode)}; log:\n${h.workerOutput()}`,
        );
      });
      if (run.status === 'succeeded') {
        expect(run.attempts).toBeGreaterThanOrEqual(2);
        await expectCompleteFile(h, run);
      } else {
        expect(run.status).toBe('failed');
        expect(run.error?.code).toBe('database_unavailable');
        expect(run.error?.message).toMatch(/connection/i);
      }
      // The worker survived the lost connections and keeps working.
      expect(worker.exitCode).toBeNull();
      expect(await runCount(h)).toBe(1);
    },
  );
});

describe('a worker lost on the last attempt', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ appointmentsA: 300, env: { REPORT_RETRY_LIMIT: '0' } });
  });
  afterAll(async () => {
    await h.stop();
  });

  it(
    'fails the run with worker_lost (dead-letter queue) instead of leaving it running',
    { timeout: 90_000 },
    async () => {
      const first = h.spawnWorker(SLOW);
      const created = await createRun(h);
      await waitForRun(h, created.id, (r) => r.status === 'running', 30_000);
      first.kill('SIGKILL');
      await exited(first);

      h.spawnWorker(SLOW);
      const run = await waitForRun(h, created.id, terminal, 60_000);
      expect(run).toMatchObject({ status: 'failed', error: { code: 'worker_lost' } });
      expect(run.finishedAt).not.toBeNull();
      const { rows } = await h.t.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'report-runs-dead' AND data->>'runId' = $1`,
        [created.id],
      );
      expect(rows[0]!.n).toBe(1);
    },
  );
});
