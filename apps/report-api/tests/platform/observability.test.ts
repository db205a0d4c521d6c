import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMigrationVersion } from '@repo/db';
import { bearer, expectProblem, startTestServer, TOKENS, type TestServer } from './fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

describe('health', () => {
  it('answers /healthz without touching the database', async () => {
    const response = await fetch(`${s.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the applied migration when the database is current', async () => {
    const response = await fetch(`${s.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', migration: latestMigrationVersion() });
  });

  it('answers /readyz with 503 when a migration is missing', async () => {
    const latest = latestMigrationVersion();
    const saved = await s.t.pool.query('DELETE FROM schema_migrations WHERE version = $1 RETURNING *', [
      latest,
    ]);
    try {
      const response = await fetch(`${s.url}/readyz`);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = await expectProblem(response, 'unavailable');
      expect(body.detail).toMatch(/migrations/);
    } finally {
      const row = saved.rows[0] as Record<string, unknown>;
      const columns = Object.keys(row);
      await s.t.pool.query(
        `INSERT INTO schema_migrations (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      );
    }
  });
});

describe('GET /metrics', () => {
  it('labels HTTP metrics by route template, never by raw URL', async () => {
    const id = s.seeded.appointmentsA[0]!;
    await fetch(`${s.url}/v1/appointments/${id}`, { headers: bearer(TOKENS.clinicA) });
    await fetch(`${s.url}/v1/appointments?limit=1`, { headers: bearer(TOKENS.clinicA) });
    await fetch(`${s.url}/some/random/${id}`);
    const text = await (await fetch(`${s.url}/metrics`)).text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/appointments\/:id",status_code="200"\} 1/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/appointments",status_code="200"\} 1/,
    );
    expect(text).toMatch(/route="unmatched",status_code="404"/);
    expect(text).not.toContain(`/v1/appointments/${id}`);
  });

  it('exposes pool usage, pool waits, event-loop lag and process memory', async () => {
    const text = await (await fetch(`${s.url}/metrics`)).text();
    for (const name of [
      'db_pool_connections_total{pool="main"}',
      'db_pool_connections_idle{pool="main"}',
      'db_pool_waiting_requests{pool="main"} 0',
      'db_pool_max_connections{pool="main"} 4',
      'db_pool_acquire_duration_seconds_count{outcome="ok"}',
      'nodejs_eventloop_lag_seconds',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'http_requests_in_flight',
    ]) {
      expect(text, name).toContain(name);
    }
    expect(text).toMatch(/content-type|# TYPE/);
  });

  it('counts a request in flight until its client leaves, and times it as a request that ended', async () => {
    const inFlight = async (): Promise<number> => {
      const text = await (await fetch(`${s.url}/metrics`)).text();
      return Number(/^http_requests_in_flight (\d+)$/m.exec(text)?.[1]);
    };
    const aborted = (): Promise<number> =>
      fetch(`${s.url}/metrics`)
        .then((r) => r.text())
        .then((text) =>
          Number(
            /^http_request_duration_seconds_count\{method="POST",route="\/v1\/appointments",status_code="200"\} (\d+)$/m.exec(
              text,
            )?.[1] ?? 0,
          ),
        );
    const before = await aborted();
    // Half a body: the request stays in flight while the server waits for the rest.
    const socket = await new Promise<Socket>((resolve, reject) => {
      const c = connect(s.port, '127.0.0.1', () => {
        c.write(
          `POST /v1/appointments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.clinicA}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
        );
        resolve(c);
      });
      c.on('error', reject);
    });
    // The scrape itself is in flight while it is answered: one more than the hanging request.
    await expect.poll(inFlight).toBe(2);
    socket.destroy();
    await expect.poll(inFlight).toBe(1);
    // Recorded with the status the response had when the client left (nothing was sent: 200).
    await expect.poll(aborted).toBe(before + 1);
  });

  it('lets a feature register its own metric on the shared registry', async () => {
    const { Counter } = await import('prom-client');
    const counter = new Counter({ name: 'feature_things_total', help: 'x', registers: [s.metrics.registry] });
    counter.inc(2);
    expect(await (await fetch(`${s.url}/metrics`)).text()).toContain('feature_things_total 2');
  });
});

describe('when the database is unreachable', () => {
  it('answers /readyz and authenticated routes with 503 problems, and /healthz with 200', async () => {
    const { createServer } = await import('node:http');
    const { pino } = await import('pino');
    const { createDb, createPool } = await import('@repo/db');
    const { createApp } = await import('../../src/app.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const { createMetrics } = await import('../../src/observability/metrics.ts');
    const pool = createPool({
      connectionString: 'postgres://root@127.0.0.1:1/nowhere',
      acquireTimeoutMs: 500,
    });
    const app = createApp({
      pool,
      db: createDb(pool),
      config: loadConfig({}),
      logger: pino({ level: 'silent' }),
      metrics: createMetrics({ defaultMetrics: false }),
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect((await expectProblem(ready, 'unavailable')).detail).toBe('The database is not reachable');
      const clinic = await fetch(`http://127.0.0.1:${port}/v1/clinic`, { headers: bearer(TOKENS.clinicA) });
      expect(clinic.headers.get('retry-after')).toBe('1');
      await expectProblem(clinic, 'unavailable');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    }
  });
});
