// Benchmark of GET /v1/appointments (npm run bench:list): p50/p99 latency and req/s of the real app over a
// real PostgreSQL, next to an express 5 hello world measured in the same run (the ratio is what to watch).
// Both servers run as their own processes; autocannon runs here, on 127.0.0.1 only, for a bounded time.
//
//   npm run bench:list -w @repo/report-api -- [--database URL] [--duration 10] [--connections 20]
//
// --database defaults to the `target` dataset (postgres://root@127.0.0.1:5432/clinic_target). When that
// database is missing or empty, the script seeds its own dataset into a throwaway database and says so.
// It adds one api_tokens row (label bench-*) to measure with, and deletes it at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import express from 'express';
import pg from 'pg';
import { pino } from 'pino';
import { createDb, createPool, hashToken, migrate, withDatabase } from '@repo/db';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createMetrics } from '../src/observability/metrics.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'postgres://root@127.0.0.1:5432/clinic_target' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    'serve-api': { type: 'string' },
    'serve-hello': { type: 'boolean' },
    'seed-appointments': { type: 'string', default: '2000000' },
  },
});

function listen(handler: Parameters<typeof createServer>[1]): void {
  const server = createServer({ keepAliveTimeout: 30_000 }, handler);
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening ${String((server.address() as AddressInfo).port)}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

// Child mode 1: the real app (same createApp as server.ts), without migrations or the report queue.
if (args['serve-api']) {
  const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' });
  const pool = createPool({
    connectionString: args['serve-api'],
    max: config.poolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    acquireTimeoutMs: config.poolAcquireTimeoutMs,
    applicationName: 'report-api-bench',
  });
  const app = createApp({
    pool,
    db: createDb(pool),
    config,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
  });
  listen(app);
}

// Child mode 2: the baseline.
if (args['serve-hello']) {
  const app = express();
  app.disable('x-powered-by');
  app.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });
  listen(app);
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function appointmentCount(url: string): Promise<number> {
  try {
    const rows = await query<{ n: string }>(
      url,
      "SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'appointments'",
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

/** A throwaway dataset: one large clinic (most rows) and 99 small ones, generated inside PostgreSQL. */
async function seedOwnDataset(adminUrl: string, appointments: number): Promise<string> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await query(adminUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  await migrate(url);
  const big = Math.floor(appointments * 0.5);
  await query(
    url,
    `INSERT INTO companies (name, plan, specialty, city, state)
       SELECT 'Bench clinic ' || g, 'pro', 'general', 'Recife', 'PE' FROM generate_series(1, 100) g;
     INSERT INTO patients (company_id, id, birth_year)
       SELECT c.id, (c.id - 1) * 500 + g, 1950 + (g % 60) FROM companies c, generate_series(1, 500) g;
     INSERT INTO appointments (company_id, patient_id, professional, specialty, booked_at, starts_at, status, price_cents)
       SELECT c, (c - 1) * 500 + 1 + g % 500, 'Dr. ' || (g % 12), (ARRAY['general','cardiology','dermatology'])[1 + g % 3],
              ts - interval '10 days', ts, (ARRAY['scheduled','completed','cancelled','no_show'])[1 + g % 4], 10000
       FROM (SELECT g, CASE WHEN g <= ${big} THEN 1 ELSE 2 + g % 99 END AS c,
                    timestamptz '2026-11-01' - (g::float8 * 37.3) * interval '1 second' AS ts
             FROM generate_series(1, ${appointments}) g) s;
     ANALYZE;`,
  );
  return url;
}

function startChild(flag: string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [import.meta.filename, ...flag], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const port = /listening (\d+)/.exec(chunk)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${String(code)})`)));
  });
}

interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(
  name: string,
  url: string,
  options: { headers?: Record<string, string>; path: () => string },
): Promise<Measured> {
  const run = (duration: number) =>
    autocannon({
      url,
      connections: Number(args.connections),
      duration,
      headers: options.headers ?? {},
      requests: [{ setupRequest: (req) => ({ ...req, path: options.path() }) }],
    });
  await run(2); // warm-up: JIT, pool connections, PostgreSQL buffers
  const r = await run(Number(args.duration));
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

async function main(): Promise<void> {
  let databaseUrl = args.database;
  let dataset = `target dataset (${databaseUrl})`;
  let ownDataset = false;
  const rows = await appointmentCount(databaseUrl);
  if (rows < 1_000_000) {
    const n = Number(args['seed-appointments']);
    process.stdout.write(
      `${databaseUrl} is missing or small (${rows} appointments): seeding ${n} appointments...\n`,
    );
    databaseUrl = await seedOwnDataset(withDatabase(databaseUrl, 'postgres'), n);
    dataset = `self-seeded dataset: ${n} appointments, 100 clinics (${databaseUrl})`;
    ownDataset = true;
  }
  const [largest] = await query<{ company_id: string; n: number }>(
    databaseUrl,
    `SELECT company_id, count(*)::int AS n FROM appointments
     WHERE company_id = (SELECT company_id FROM appointments GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) GROUP BY 1`,
  );
  if (!largest) throw new Error('no appointments in the dataset');
  const [range] = await query<{ lo: Date; hi: Date }>(
    databaseUrl,
    'SELECT min(starts_at) AS lo, max(starts_at) AS hi FROM appointments WHERE company_id = $1',
    [largest.company_id],
  );
  if (!range) throw new Error('no appointment range');
  const token = `bench-${randomBytes(16).toString('hex')}`;
  const [tokenRow] = await query<{ id: string }>(
    databaseUrl,
    "INSERT INTO api_tokens (company_id, role, label, token_hash) VALUES ($1, 'clinic', $2, $3) RETURNING id",
    [largest.company_id, `bench-${new Date().toISOString()}`, hashToken(token)],
  );
  if (!tokenRow) throw new Error('could not create the bench token');
  const children: ChildProcess[] = [];
  try {
    const api = await startChild(['--serve-api', databaseUrl]);
    children.push(api.child);
    const hello = await startChild(['--serve-hello']);
    children.push(hello.child);
    const lo = range.lo.getTime();
    const span = range.hi.getTime() - lo;
    // A random position in the clinic's history: every request is a distinct keyset page (no cache hit).
    const randomCursor = (): string => {
      const at = new Date(lo + Math.random() * span).toISOString().replace('Z', '000Z');
      return Buffer.from(JSON.stringify({ v: 1, s: at, i: '999999999999999999' })).toString('base64url');
    };
    const headers = { authorization: `Bearer ${token}` };
    const results: Measured[] = [];
    results.push(await measure('hello world (express 5 baseline)', hello.url, { path: () => '/hello' }));
    results.push(
      await measure('list, first page (limit 20; hot cache)', api.url, {
        headers,
        path: () => '/v1/appointments',
      }),
    );
    results.push(
      await measure('list, random page (limit 20; cache miss)', api.url, {
        headers,
        path: () => `/v1/appointments?cursor=${randomCursor()}`,
      }),
    );
    results.push(
      await measure('list, random page, status=no_show (limit 50)', api.url, {
        headers,
        path: () => `/v1/appointments?status=no_show&limit=50&cursor=${randomCursor()}`,
      }),
    );
    const base = results[0] ?? { rps: 1 };
    const lines = [
      `dataset: ${dataset}`,
      `clinic ${largest.company_id} with ${largest.n} appointments; ${args.connections} connections, ${args.duration} s per scenario`,
      '',
      `${'scenario'.padEnd(48)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'req/s vs hello'.padStart(15)} non-2xx`,
      ...results.map(
        (r) =>
          `${r.name.padEnd(48)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${(r.rps / base.rps).toFixed(2).padStart(15)} ${String(r.non2xx + r.errors)}`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync('.reports', { recursive: true });
    writeFileSync(
      '.reports/bench-list-appointments.json',
      JSON.stringify({ dataset, clinic: largest, connections: Number(args.connections), results }, null, 2),
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await query(databaseUrl, 'DELETE FROM api_tokens WHERE id = $1', [tokenRow.id]);
    if (ownDataset) process.stdout.write(`(kept ${databaseUrl}; drop it when done)\n`);
  }
}

if (!args['serve-api'] && !args['serve-hello']) await main();
