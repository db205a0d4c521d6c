// `npm run bench:insights -- [--url postgres://…/clinic_target] [--requests 200] [--concurrency 4]
//  [--skip-refresh] [--import-file export.csv --mapping kaggle-noshow | --import-rows 100000]`
// On the target dataset: full refresh time of every insights view, p50/p95/p99 of every dashboard endpoint
// (internal and clinic scope, served from the views; target p95 < 200 ms), and optionally the import
// throughput of a CSV into a scratch database on the same server (dropped afterwards): a file of yours, or
// with --import-rows N a generated export in the Kaggle no-show layout (N rows, a patient in ~3 rows each,
// booleans as 0/1, Yes/No answers, UTC timestamps). Dashboards (JSON) are held to p95 < 200 ms; the
// all-clinics CSV export is listed apart. 127.0.0.1 only.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { createPool, hashToken, migrate, refreshInsights, withDatabase } from '@repo/db';
import { insightsEndpoints } from '@repo/contract';
import { startServer } from '../src/server.ts';
import { loadMapping } from '../src/features/insights/appointment-import/csv-layout.ts';
import { importAppointments } from '../src/features/insights/appointment-import/import-appointments.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgres://root@127.0.0.1:5432/clinic_target' },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    'skip-refresh': { type: 'boolean', default: false },
    'import-file': { type: 'string' },
    'import-rows': { type: 'string' },
    mapping: { type: 'string' },
    company: { type: 'string', default: 'bench-import' },
  },
});
const url = values.url;
if (!/@(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error('the benchmark only runs against 127.0.0.1');
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const TARGET = { companies: 10_000, patients: 1_000_000, appointments: 10_000_000, app_events: 10_000_000 };
const PRODUCT_TOKEN = `bench-insights-product-${randomBytes(4).toString('hex')}`;
const CLINIC_TOKEN = `bench-insights-clinic-${randomBytes(4).toString('hex')}`;

const KAGGLE_HEADER =
  'PatientId,AppointmentID,Gender,ScheduledDay,AppointmentDay,Age,Neighbourhood,Scholarship,Hipertension,Diabetes,Alcoholism,Handcap,SMS_received,No-show';

/** Writes `rows` appointments in the Kaggle no-show layout; deterministic, a patient every ~3 rows. */
async function writeKaggleExport(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${KAGGLE_HEADER}\n`);
  const day = 86_400_000;
  const start = Date.UTC(2016, 3, 1);
  for (let i = 0; i < rows; i++) {
    const patient = 10_000_000_000 + Math.floor(i / 3) * 7919;
    const booked = new Date(start + (i % 60) * day + (i % 86_400) * 1000);
    const appointment = new Date(Date.UTC(2016, 3, 1) + ((i % 60) + (i % 20)) * day);
    const line = [
      patient,
      5_000_000 + i,
      i % 3 === 0 ? 'M' : 'F',
      booked.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      appointment.toISOString().replace(/T.*$/, 'T00:00:00Z'),
      (Math.floor(i / 3) * 37) % 100,
      `BAIRRO ${String(Math.floor(i / 3) % 80)}`,
      i % 10 === 0 ? 1 : 0,
      i % 5 === 0 ? 1 : 0,
      i % 13 === 0 ? 1 : 0,
      i % 31 === 0 ? 1 : 0,
      i % 97 === 0 ? 2 : 0,
      i % 2,
      i % 5 === 1 ? 'Yes' : 'No',
    ].join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function measure(
  base: string,
  path: string,
  token: string,
): Promise<{ p50: number; p95: number; p99: number; status: number }> {
  const times: number[] = [];
  let status = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests) {
      next++;
      const t0 = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      times.push(performance.now() - t0);
      status = response.status;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), status };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

const pool = createPool({
  connectionString: url,
  max: 4,
  statementTimeoutMs: 0,
  applicationName: 'bench-insights',
});
try {
  const counts: Record<string, number> = {};
  for (const table of Object.keys(TARGET)) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]?.n ?? 0;
  }
  const complete = Object.entries(TARGET).every(([table, n]) => (counts[table] ?? 0) >= n);
  console.log(
    `dataset ${new URL(url).pathname.slice(1)}: ${JSON.stringify(counts)} (${complete ? 'complete' : 'INCOMPLETE'})`,
  );

  await migrate(url);
  if (!values['skip-refresh']) {
    const result = await refreshInsights(pool, {
      onView: (view, t) => console.log(`  refreshed ${view} in ${(t / 1000).toFixed(1)} s`),
    });
    console.log(
      `full refresh (${result.views.every((v) => v.concurrently) ? 'concurrent' : 'first, non-concurrent'}): ${(result.totalMs / 1000).toFixed(1)} s`,
    );
  }

  const clinic = await pool.query<{ id: string }>(
    "SELECT company_id AS id FROM insights_health WHERE status = 'active' ORDER BY patients DESC LIMIT 1",
  );
  const clinicId = clinic.rows[0]?.id;
  await pool.query(
    `INSERT INTO api_tokens (company_id, role, label, token_hash) VALUES (NULL, 'product', 'bench', $1), ($2, 'clinic', 'bench', $3)`,
    [hashToken(PRODUCT_TOKEN), clinicId, hashToken(CLINIC_TOKEN)],
  );
  const server = await startServer({
    env: {},
    migrate: false,
    reportRuns: false,
    logger: pino({ level: 'silent' }),
    config: { port: 0, host: '127.0.0.1', databaseUrl: url, rateLimitPerMinute: 1_000_000, poolMax: 8 },
  });
  try {
    console.log(`\n| endpoint | scope | p50 | p95 | p99 | status |\n|---|---|---:|---:|---:|---:|`);
    const paths = insightsEndpoints.flatMap((e) => {
      const extra = e.path.endsWith('/health') ? '?atRisk=true' : '';
      const list = [{ path: `${e.path}${extra}`, token: PRODUCT_TOKEN, scope: 'all' }];
      if (e.clinic) list.push({ path: e.path, token: CLINIC_TOKEN, scope: `clinic ${clinicId ?? '?'}` });
      return list;
    });
    paths.push({
      path: '/v1/insights/health?status=any&limit=20000&format=csv',
      token: PRODUCT_TOKEN,
      scope: 'all (CSV, all clinics)',
    });
    let worst = 0;
    for (const { path, token, scope } of paths) {
      await measure(server.url, path, token); // warm-up round
      const result = await measure(server.url, path, token);
      if (!path.includes('format=csv')) worst = Math.max(worst, result.p95);
      console.log(
        `| ${path} | ${scope} | ${ms(result.p50)} | ${ms(result.p95)} | ${ms(result.p99)} | ${result.status} |`,
      );
    }
    console.log(
      `\n${worst < 200 ? 'PASS' : 'FAIL'}  worst dashboard p95: ${ms(worst)} (target < 200 ms; ${requests} requests per endpoint, concurrency ${concurrency}; the CSV export is not a dashboard)`,
    );
  } finally {
    await server.close();
    await pool.query("DELETE FROM api_tokens WHERE label = 'bench' AND token_hash = ANY($1)", [
      [hashToken(PRODUCT_TOKEN), hashToken(CLINIC_TOKEN)],
    ]);
  }

  const generatedDir = values['import-rows'] ? mkdtempSync(join(tmpdir(), 'bench-import-')) : undefined;
  let file = values['import-file'];
  if (generatedDir) {
    file = join(generatedDir, 'kaggle-layout.csv');
    await writeKaggleExport(file, Number(values['import-rows']));
    values.mapping ??= 'kaggle-noshow';
  }
  if (file) {
    const name = `bench_import_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const scratch = withDatabase(url, name);
    try {
      await migrate(scratch);
      const importPool = createPool({ connectionString: scratch, max: 2, statementTimeoutMs: 0 });
      try {
        const mapping = await loadMapping(values.mapping);
        const first = await importAppointments(importPool, createReadStream(file), {
          mapping,
          company: values.company,
        });
        const again = await importAppointments(importPool, createReadStream(file), {
          mapping,
          company: values.company,
        });
        const rate = (r: { rowsRead: number; ms: number }) => Math.round(r.rowsRead / (r.ms / 1000));
        console.log(
          `\nimport ${file}: ${first.rowsRead} rows, ${first.inserted} new, ${first.skipped} skipped: ` +
            `${rate(first)} rows/s into an empty database; re-import ${rate(again)} rows/s (${again.unchanged} unchanged)`,
        );
      } finally {
        await importPool.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      if (generatedDir) rmSync(generatedDir, { recursive: true, force: true });
    }
  }
} finally {
  await pool.end();
}
