// Benchmark of report generation (`npm run bench:reports -w @repo/report-api`; not part of npm test).
// Seeds a scratch database on BENCH_ADMIN_URL (default postgres://root@127.0.0.1:5432/postgres) with one
// clinic of 1,000,000 appointments and one of 100,000, then for each size measures:
//   - psql \copy (same query) TO STDOUT WITH CSV > /dev/null   (the floor: PostgreSQL's own COPY)
//   - the report worker (node src/worker.ts): wall time of the run, rows/s, peak RSS of the process
//   - the naive design: load all rows, build the CSV in memory (bench/reports-naive.ts)
// and prints a markdown table. The scratch database is dropped at the end, whatever happens.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, createPool, migrate, withDatabase } from '@repo/db';
import { reportQuery } from '../src/features/report-runs/report-definitions.ts';
import { startReportRunsModule } from '../src/features/report-runs/module.ts';
import { createRun } from '../src/features/report-runs/report-run-service.ts';
import { loadReportRunSettings } from '../src/features/report-runs/settings.ts';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const FROM = '2025-01-01';
const TO = '2025-12-31';
const APP_DIR = join(import.meta.dirname, '..');

interface Row {
  rows: number;
  method: string;
  seconds: number;
  peakRssMb: number | null;
  ratio: number | null;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function seed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO companies (id, name, plan, specialty, city, state) VALUES
      (1, 'Bench large', 'enterprise', 'Cardiologia', 'Recife', 'PE'),
      (2, 'Bench small', 'pro', 'Pediatria', 'Natal', 'RN')`);
    for (const [company, size] of [
      [1, SIZES.at(-1) ?? 1_000_000] as const,
      [2, SIZES[0] ?? 100_000] as const,
    ]) {
      const started = performance.now();
      await client.query(
        `INSERT INTO patients (company_id, id, created_at, birth_year, sex, neighbourhood)
         SELECT $1, g, timestamptz '2024-01-01' + g * interval '1 minute', 1940 + g % 70, (ARRAY['F','M'])[1 + g % 2], 'Centro'
         FROM generate_series(1, 20000) g`,
        [company],
      );
      // Spread over ~347 days so every row falls in one report period.
      await client.query(
        `INSERT INTO appointments (company_id, patient_id, professional, specialty, booked_at, starts_at, status, price_cents, reminder_sent)
         SELECT $1, 1 + g % 20000, 'Dr. Professional ' || (g % 37), (ARRAY['Cardiologia','Pediatria','Dermatologia'])[1 + g % 3],
                ts - interval '5 days', ts, (ARRAY['scheduled','completed','cancelled','no_show'])[1 + g % 4], 15000 + g % 5000, g % 2 = 0
         FROM generate_series(1, $2::int) g, LATERAL (SELECT timestamptz '2025-01-01' + g * ($3::interval / $2::int) AS ts) t`,
        [company, size, '347 days'],
      );
      console.log(
        `seeded company ${company}: ${size.toLocaleString('en-US')} appointments in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

function psqlCopy(url: string, sql: string): number {
  const started = performance.now();
  const result = spawnSync(
    'psql',
    [
      url,
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `\\copy (${sql}) TO STDOUT WITH (FORMAT csv, HEADER true)`,
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`psql failed with ${result.status}`);
  return (performance.now() - started) / 1000;
}

function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

interface WorkerSession {
  run: (format: 'csv' | 'xlsx') => Promise<{ seconds: number; rows: number }>;
  peakRssMb: () => number | null;
  stop: () => Promise<void>;
}

/** A fresh worker process (so its peak RSS belongs to this size only) and a producer to send it runs. */
async function startWorkerSession(
  url: string,
  companyId: string,
  reportsDir: string,
): Promise<WorkerSession> {
  const env = {
    ...process.env,
    DATABASE_URL: url,
    REPORTS_DIR: reportsDir,
    LOG_LEVEL: 'warn',
    REPORT_POLL_SECONDS: '0.5',
  };
  const worker = spawn(process.execPath, ['src/worker.ts'], {
    cwd: APP_DIR,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const settings = loadReportRunSettings(env);
  const module = await startReportRunsModule({ databaseUrl: url, reportsDir, settings });
  const pool = createPool({ connectionString: url, max: 2 });
  const db = createDb(pool);
  return {
    async run(format) {
      const { run } = await createRun(
        { db, boss: module.boss, settings },
        {
          companyId,
          idempotencyKey: randomBytes(8).toString('hex'),
          body: { type: 'appointments', format, parameters: { from: FROM, to: TO } },
          audit: { actor: { tokenId: null, role: 'clinic' }, requestId: 'bench', clientAddress: null },
        },
      );
      const deadline = Date.now() + 15 * 60_000;
      for (;;) {
        const row = await db
          .selectFrom('report_runs')
          .select(['status', 'row_count', 'error_message', 'started_at', 'finished_at'])
          .where('company_id', '=', companyId)
          .where('id', '=', run.id)
          .executeTakeFirstOrThrow();
        if (row.status === 'succeeded' && row.started_at && row.finished_at) {
          return {
            seconds: (row.finished_at.getTime() - row.started_at.getTime()) / 1000,
            rows: Number(row.row_count),
          };
        }
        if (row.status === 'failed' || Date.now() > deadline)
          throw new Error(`worker run ${row.status}: ${row.error_message ?? ''}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    peakRssMb: () => peakRssMb(worker.pid ?? 0),
    async stop() {
      worker.kill('SIGKILL');
      await module.stop();
      await db.destroy();
    },
  };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function naive(
  url: string,
  companyId: string,
  out: string,
): { seconds: number; rows: number; peakRssMb: number } {
  const result = spawnSync(process.execPath, ['bench/reports-naive.ts', url, companyId, FROM, TO, out], {
    cwd: APP_DIR,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`naive baseline failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number;
    rows: number;
    maxRssMb: number;
  };
  return { seconds: parsed.seconds, rows: parsed.rows, peakRssMb: parsed.maxRssMb };
}

const name = `bench_reports_${randomBytes(4).toString('hex')}`;
const url = withDatabase(ADMIN_URL, name);
const reportsDir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
const table: Row[] = [];
try {
  await admin(`CREATE DATABASE ${name}`);
  await migrate(url);
  await seed(url);
  for (const size of SIZES) {
    const companyId = size === SIZES.at(-1) ? '1' : '2';
    const sql = reportQuery('appointments', companyId, { from: FROM, to: TO }).sql;
    psqlCopy(url, sql); // warm the cache so both sides read from memory
    // Interleaved and repeated: the machine is shared, so each side gets the median of REPEAT runs.
    const session = await startWorkerSession(url, companyId, reportsDir);
    const copyTimes: number[] = [];
    const csvTimes: number[] = [];
    try {
      for (let i = 0; i < REPEAT; i++) {
        copyTimes.push(psqlCopy(url, sql));
        const csv = await session.run('csv');
        if (csv.rows !== size) throw new Error(`worker wrote ${csv.rows} rows, expected ${size}`);
        csvTimes.push(csv.seconds);
      }
      const copySeconds = median(copyTimes);
      table.push({
        rows: size,
        method: 'psql \\copy (same query) TO STDOUT CSV > /dev/null',
        seconds: copySeconds,
        peakRssMb: null,
        ratio: 1,
      });
      table.push({
        rows: size,
        method: 'report worker, CSV (COPY stream -> CRLF -> sha256 -> file)',
        seconds: median(csvTimes),
        peakRssMb: session.peakRssMb(),
        ratio: median(csvTimes) / copySeconds,
      });
      if (size === SIZES[0]) {
        const xlsx = await session.run('xlsx');
        table.push({
          rows: size,
          method: 'report worker, XLSX (cursor batches -> exceljs stream), same process after CSV',
          seconds: xlsx.seconds,
          peakRssMb: session.peakRssMb(),
          ratio: xlsx.seconds / copySeconds,
        });
      }
    } finally {
      await session.stop();
    }
    const copySeconds = median(copyTimes);
    const old = naive(url, companyId, join(reportsDir, `naive-${size}.csv`));
    table.push({
      rows: size,
      method: 'naive: load all rows, build CSV in memory',
      seconds: old.seconds,
      peakRssMb: old.peakRssMb,
      ratio: old.seconds / copySeconds,
    });
  }
  const fmt = (n: number | null, digits = 1): string => (n === null ? '-' : n.toFixed(digits));
  console.log('\n| rows | method | wall time (s) | rows/s | peak RSS (MB) | x COPY |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const r of table) {
    console.log(
      `| ${r.rows.toLocaleString('en-US')} | ${r.method} | ${fmt(r.seconds, 2)} | ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${fmt(r.peakRssMb)} | ${fmt(r.ratio, 2)} |`,
    );
  }
  console.log(
    `\nMedian of ${REPEAT} interleaved runs for COPY and worker CSV; peak RSS is the worker process's VmHWM over all its runs.`,
  );
  console.log('Targets: CSV within 1.5x of COPY; worker peak RSS under 200 MB at both sizes.');
} finally {
  rmSync(reportsDir, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
