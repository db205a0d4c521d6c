// Test harness for report runs: a cloned database with two clinics, the real API on port 0 (startServer)
// with a temp reports folder, and a worker either in-process (startReportWorker) or as a child process
// (`node src/worker.ts`) for the crash tests. Settings are shortened so retries happen in seconds.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { expect } from 'vitest';
import { problemSchema, reportRunSchema, type Problem, type ReportRun } from '@repo/contract';
import { createDb, createPool, hashToken } from '@repo/db';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { startServer, type RunningServer } from '../../src/server.ts';
import { loadReportRunSettings, type ReportRunSettings } from '../../src/features/report-runs/settings.ts';
import { createLocalStorage } from '../../src/storage/local-storage.ts';
import { startReportWorker, type RunningWorker } from '../../src/worker/start-worker.ts';
import type { RunJobContext } from '../../src/worker/run-report-job.ts';
import { createWorkerMetrics } from '../../src/worker/worker-metrics.ts';

export const TOKENS = { a: 'rr-clinic-a', b: 'rr-clinic-b', product: 'rr-product' } as const;
export const COMPANY_A = '101';
export const COMPANY_B = '102';
const APP_DIR = join(import.meta.dirname, '..', '..');

export const FAST_ENV: Record<string, string> = {
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '100000',
  REPORT_RETRY_LIMIT: '3',
  REPORT_RETRY_DELAY_SECONDS: '1',
  REPORT_HEARTBEAT_SECONDS: '10',
  REPORT_SUPERVISE_SECONDS: '1',
  REPORT_POLL_SECONDS: '0.5',
  REPORT_LEASE_SECONDS: '3',
  REPORT_REAPER_SECONDS: '1',
};

export interface Harness {
  t: TestDatabase;
  server: RunningServer;
  url: string;
  reportsDir: string;
  env: Record<string, string>;
  settings: ReportRunSettings;
  appointmentsA: number;
  /** What the worker hands runReportJob, for driving one delivery directly. */
  jobContext: (overrides?: Partial<ReportRunSettings>, logger?: Logger) => RunJobContext;
  startWorker: (overrides?: Partial<ReportRunSettings>, logger?: Logger) => Promise<RunningWorker>;
  spawnWorker: (extraEnv?: Record<string, string>) => ChildProcess;
  /** The last lines the spawned workers printed (for failure messages). */
  workerOutput: () => string;
  stop: () => Promise<void>;
}

export async function startHarness(
  options: { appointmentsA?: number; env?: Record<string, string> } = {},
): Promise<Harness> {
  const appointmentsA = options.appointmentsA ?? 120;
  const t = await createTestDatabase('rr');
  const reportsDir = mkdtempSync(join(tmpdir(), 'reports-'));
  await seed(t, appointmentsA);
  const env = { ...FAST_ENV, ...options.env, DATABASE_URL: t.url, REPORTS_DIR: reportsDir };
  const server = await startServer({
    env: { ...process.env, ...env },
    config: { port: 0, host: '127.0.0.1' },
    migrate: false,
  });
  const settings = loadReportRunSettings(env);
  const workers: RunningWorker[] = [];
  const children: ChildProcess[] = [];
  const pools: ReturnType<typeof createPool>[] = [];
  const workerLog: string[] = [];

  function jobContext(
    overrides: Partial<ReportRunSettings> = {},
    logger = pino({ level: 'silent' }),
  ): RunJobContext {
    const merged = { ...settings, ...overrides };
    const statePool = createPool({ connectionString: t.url, max: 3, applicationName: 'report-worker' });
    const reportPool = createPool({
      connectionString: t.url,
      max: merged.globalConcurrency,
      applicationName: 'report-worker',
      statementTimeoutMs: merged.queryTimeoutMs,
    });
    for (const pool of [statePool, reportPool]) pool.on('error', () => undefined);
    pools.push(statePool, reportPool);
    return {
      db: createDb(statePool),
      reportPool,
      storage: createLocalStorage(reportsDir),
      settings: merged,
      logger,
      metrics: createWorkerMetrics({ defaultMetrics: false }),
      workerId: `test:${crypto.randomUUID()}`,
    };
  }

  return {
    t,
    server,
    url: server.url,
    reportsDir,
    env,
    settings,
    appointmentsA,
    jobContext,
    async startWorker(overrides = {}, logger = pino({ level: 'silent' })) {
      const ctx = jobContext(overrides, logger);
      const worker = await startReportWorker({ ...ctx, databaseUrl: t.url });
      workers.push(worker);
      return worker;
    },
    spawnWorker(extraEnv = {}) {
      const child = spawn(process.execPath, ['src/worker.ts'], {
        cwd: APP_DIR,
        env: { ...process.env, ...env, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Keep the tail of the worker's log for failure messages.
      for (const stream of [child.stdout, child.stderr]) {
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          workerLog.push(chunk);
          if (workerLog.length > 200) workerLog.shift();
        });
      }
      children.push(child);
      return child;
    },
    workerOutput: () => workerLog.join('').split('\n').slice(-40).join('\n'),
    async stop() {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      for (const worker of workers) await worker.stop().catch(() => undefined);
      await server.close();
      for (const pool of pools) await pool.end().catch(() => undefined);
      await t.drop();
      rmSync(reportsDir, { recursive: true, force: true });
    },
  };
}

async function seed(t: TestDatabase, appointmentsA: number): Promise<void> {
  await t.pool.query(`
    INSERT INTO companies (id, name, plan, specialty, city, state) VALUES
      (${COMPANY_A}, 'Clínica A', 'pro', 'Cardiologia', 'Recife', 'PE'),
      (${COMPANY_B}, 'Clínica B', 'basic', 'Pediatria', 'Natal', 'RN')`);
  await t.pool.query(
    `INSERT INTO api_tokens (company_id, role, label, token_hash) VALUES
      (${COMPANY_A}, 'clinic', 'a', $1), (${COMPANY_B}, 'clinic', 'b', $2), (NULL, 'product', 'p', $3)`,
    [hashToken(TOKENS.a), hashToken(TOKENS.b), hashToken(TOKENS.product)],
  );
  for (const company of [COMPANY_A, COMPANY_B]) {
    await t.pool.query(
      `INSERT INTO patients (company_id, id, created_at, birth_year, sex, neighbourhood, diabetes)
       SELECT $1, g, timestamptz '2026-01-01' + g * interval '1 hour', 1950 + g % 60, (ARRAY['F','M','X'])[1 + g % 3],
              'Boa Viagem', g % 5 = 0
       FROM generate_series(1, 40) g`,
      [company],
    );
  }
  // Professionals with a comma, quotes, a line break and non-ASCII text exercise RFC 4180 quoting.
  const insertAppointments = `
    INSERT INTO appointments (company_id, patient_id, professional, specialty, booked_at, starts_at, status, price_cents, reminder_sent)
    SELECT $1, 1 + g % 40,
           (ARRAY['Dra. Ana, MD', 'Dr. "Beto"', E'Dr. Multi\\nLine', 'Dra. Conceição'])[1 + g % 4],
           (ARRAY['Cardiologia', 'Pediatria'])[1 + g % 2],
           timestamptz '2026-03-01' + g * $3::interval - interval '3 days',
           timestamptz '2026-03-01' + g * $3::interval,
           (ARRAY['scheduled','completed','cancelled','no_show'])[1 + g % 4],
           10000 + g, g % 2 = 0
    FROM generate_series(1, $2::int) g`;
  // Dense enough that every appointment falls inside one 2026 report period.
  const spacing = appointmentsA > 10_000 ? '2 minutes' : '37 minutes';
  await t.pool.query(insertAppointments, [COMPANY_A, appointmentsA, spacing]);
  await t.pool.query(insertAppointments, [COMPANY_B, 10, spacing]);
}

export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...extra };
}

export const APPOINTMENTS_BODY = {
  type: 'appointments',
  format: 'csv',
  parameters: { from: '2026-01-01', to: '2026-12-31' },
} as const;

export async function postRun(
  h: Harness,
  body: unknown,
  key: string,
  token: string = TOKENS.a,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${h.url}/v1/report-runs`, {
    method: 'POST',
    headers: bearer(token, { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...headers }),
    body: JSON.stringify(body),
  });
}

export async function createRun(
  h: Harness,
  body: unknown = APPOINTMENTS_BODY,
  key = crypto.randomUUID(),
): Promise<ReportRun> {
  const response = await postRun(h, body, key);
  expect(response.status, await response.clone().text()).toBe(202);
  return reportRunSchema.parse(await response.json());
}

export async function getRun(h: Harness, id: string, token: string = TOKENS.a): Promise<ReportRun> {
  const response = await fetch(`${h.url}/v1/report-runs/${id}`, { headers: bearer(token) });
  expect(response.status, await response.clone().text()).toBe(200);
  return reportRunSchema.parse(await response.json());
}

export async function waitForRun(
  h: Harness,
  id: string,
  until: (run: ReportRun) => boolean = (r) => ['succeeded', 'failed', 'canceled'].includes(r.status),
  timeoutMs = 30_000,
  token: string = TOKENS.a,
): Promise<ReportRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(h, id, token);
    if (until(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function expectProblem(response: Response, slug: string, status?: number): Promise<Problem> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = problemSchema.parse(await response.json());
  expect(body.type).toBe(`https://clinic-reports.dev/problems/${slug}`);
  if (status !== undefined) expect(response.status).toBe(status);
  return body;
}
