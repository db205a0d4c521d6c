// Cluster mode (`npm run start:cluster -- --api N --workers M`): N API processes behind one port, M workers,
// one PostgreSQL; a crashed API process is replaced while the others keep serving.
import { spawnSync } from 'node:child_process';
import { getPriority } from 'node:os';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { apiEnv, startCluster, type Started } from '../../loadtest/processes.ts';
import { TOKENS, bearer, seed } from '../platform/fixtures.ts';

let t: TestDatabase;
let cluster: Started;

const pids = (output: string): number[] =>
  [...output.matchAll(/api process (\d+) listening/g)].map((m) => Number(m[1]));

async function waitUntil(
  check: () => boolean,
  timeoutMs: number,
  refresh: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await refresh();
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
    await refresh();
  }
}

/** GET on a new connection (keep-alive connections of a killed process are reset, as in production). */
function freshGet(url: string, timeoutMs = 3_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
  });
}

/** What a client or balancer does for an idempotent GET: one retry on a reset or timeout. */
async function getWithRetry(url: string): Promise<number> {
  try {
    return await freshGet(url);
  } catch {
    return freshGet(url);
  }
}

beforeAll(async () => {
  t = await createTestDatabase('cluster');
  await seed(t.db);
  cluster = await startCluster(apiEnv(t.url, { NODE_ENV: 'test' }), 2, 1);
}, 90_000);

afterAll(async () => {
  await cluster.stop();
  await t.drop();
});

describe('cluster mode', () => {
  it('serves one port from two API processes and starts the worker', { timeout: 90_000 }, async () => {
    await waitUntil(() => pids(cluster.output()).length >= 2, 60_000);
    expect(cluster.output()).toMatch(/ready: http:\/\/127\.0\.0\.1:\d+ -> 2 API processes, 1 workers/);
    const responses = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${cluster.url}/v1/clinic`, { headers: bearer(TOKENS.clinicA) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 40 }, () => 200));
  });

  it(
    'generates reports with their queries at a lower CPU priority than the API',
    { timeout: 90_000 },
    async () => {
      const created = await fetch(`${cluster.url}/v1/report-runs`, {
        method: 'POST',
        headers: {
          ...bearer(TOKENS.clinicA),
          'content-type': 'application/json',
          'idempotency-key': 'cluster-nice',
        },
        body: JSON.stringify({
          type: 'appointments',
          format: 'csv',
          parameters: { from: '2026-01-01', to: '2026-12-31' },
        }),
      });
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      let status = '';
      await waitUntil(
        () => status === 'succeeded',
        60_000,
        async () => {
          const run = await fetch(`${cluster.url}/v1/report-runs/${id}`, { headers: bearer(TOKENS.clinicA) });
          status = ((await run.json()) as { status: string }).status;
        },
      );
      const backends = await t.pool.query<{ pid: number; application_name: string }>(
        `SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database()`,
      );
      const priorities = (name: string): number[] =>
        backends.rows
          .filter((row) => row.application_name === name)
          .flatMap((row) => {
            try {
              return [getPriority(row.pid)];
            } catch {
              return []; // exited since it was listed (an idle connection closed)
            }
          });
      // The worker's report connection runs at nice 10; the API's connections keep the normal priority.
      expect(priorities('report-worker')).toContain(10);
      expect(priorities('report-api').length).toBeGreaterThan(0);
      expect(priorities('report-api').every((nice) => nice === 0)).toBe(true);
    },
  );

  it('replaces an API process that dies and keeps answering meanwhile', { timeout: 120_000 }, async () => {
    const [victim] = pids(cluster.output());
    process.kill(victim!, 'SIGKILL');
    const during = await Promise.all(
      Array.from({ length: 10 }, () => getWithRetry(`${cluster.url}/healthz`)),
    );
    expect(during).toEqual(Array.from({ length: 10 }, () => 200));
    await waitUntil(
      () => cluster.output().includes('restarting') && pids(cluster.output()).length >= 3,
      90_000,
    );
    const after = await Promise.all(Array.from({ length: 10 }, () => freshGet(`${cluster.url}/readyz`)));
    expect(after).toEqual(Array.from({ length: 10 }, () => 200));
  });

  it('rejects a bad process count with a message and exit code 2', () => {
    const script = fileURLToPath(new URL('../../../../scripts/cluster.ts', import.meta.url));
    const run = spawnSync(process.execPath, [script, '--api', '0'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--api must be an integer from 1 to 64');
  });
});
