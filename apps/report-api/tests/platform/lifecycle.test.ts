import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { bearer, expectProblem, startTestServer, TOKENS, type TestServer } from './fixtures.ts';

const servers: TestServer[] = [];
async function server(config: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(config);
  servers.push(s);
  return s;
}
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

/** Holds an ACCESS EXCLUSIVE lock on appointments until release() so API queries on it wait. */
async function lockAppointments(url: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE appointments IN ACCESS EXCLUSIVE MODE');
  return {
    release: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

async function waitForLockWaiters(s: TestServer, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await s.t.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'report-api' AND wait_event_type = 'Lock'",
    );
    if ((rows[0]?.n ?? 0) >= n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the API query never started waiting on the lock');
}

describe('graceful shutdown', () => {
  it('finishes an in-flight request after close() while refusing new connections, then closes the pool', async () => {
    const s = await server({ statementTimeoutMs: 30_000 });
    const lock = await lockAppointments(s.t.url);
    const inFlight = fetch(`${s.url}/v1/appointments?limit=1`, { headers: bearer(TOKENS.clinicA) });
    await waitForLockWaiters(s, 1);

    const closing = s.close();
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    await lock.release();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(1);
    await closing;
    expect(s.pool.ended).toBe(true);
  });

  it('exits with code 0 on SIGTERM when run as `node src/server.ts`, printing the URLs it serves', async () => {
    const s = await server({});
    const child = spawn(process.execPath, ['src/server.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: s.t.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
      const onData = (chunk: string): void => {
        out += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    for (const path of ['/openapi.json', '/healthz', '/readyz', '/metrics', '/v1'])
      expect(out).toContain(`${url}${path}`);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('timeouts', () => {
  it('returns 503 with Retry-After when a query exceeds statement_timeout', async () => {
    const s = await server({ statementTimeoutMs: 300 });
    const lock = await lockAppointments(s.t.url);
    try {
      const started = Date.now();
      const response = await fetch(`${s.url}/v1/appointments`, { headers: bearer(TOKENS.clinicA) });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(response.headers.get('retry-after')).toBe('1');
      const body = await expectProblem(response, 'unavailable');
      expect(body.detail).toMatch(/too long/);
    } finally {
      await lock.release();
    }
  });

  it('returns 503 when no pool connection frees up within the acquire timeout', async () => {
    const s = await server({ poolMax: 1, poolAcquireTimeoutMs: 200, statementTimeoutMs: 30_000 });
    const lock = await lockAppointments(s.t.url);
    try {
      const holder = fetch(`${s.url}/v1/appointments`, { headers: bearer(TOKENS.clinicA) });
      await waitForLockWaiters(s, 1);
      const response = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicB) });
      await expectProblem(response, 'unavailable');
      await lock.release();
      expect((await holder).status).toBe(200);
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics).toMatch(/db_pool_acquire_duration_seconds_count\{outcome="error"\} [1-9]/);
    } finally {
      await lock.release().catch(() => undefined);
    }
  });

  it('answers 408 problem+json when a client sends its headers too slowly', async () => {
    const s = await server({ requestTimeoutMs: 400, headersTimeoutMs: 400 });
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connect(s.port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toContain('application/problem+json');
  });
});
