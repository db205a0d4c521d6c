// The provider side of the contracts: the real report API (startServer on port 0) on a cloned, seeded
// PostgreSQL, with provider states that seed through the app's own services (createRun, the worker's
// runReportJob) and a request filter that swaps the consumer's placeholder token for the state's real one.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import type { RequestHandler } from 'express';
import type { VerifierOptions } from '@pact-foundation/pact';
import { reportJobPayloadSchema, type CreateReportRun } from '@repo/contract';
import {
  createPool,
  hashToken,
  refreshInsights,
  seed,
  seedInternalTokens,
  seededCompanyToken,
} from '@repo/db';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { startServer, type RunningServer } from '../../src/server.ts';
import { startReportRunsModule, type ReportRunsModule } from '../../src/features/report-runs/module.ts';
import { REPORT_QUEUE } from '../../src/features/report-runs/queue.ts';
import { createRun, findRun } from '../../src/features/report-runs/report-run-service.ts';
import { loadReportRunSettings } from '../../src/features/report-runs/settings.ts';
import { createLocalStorage } from '../../src/storage/local-storage.ts';
import { runReportJob } from '../../src/worker/run-report-job.ts';
import { createWorkerMetrics } from '../../src/worker/worker-metrics.ts';

/** Provider states, word for word as the consumers write them. */
export const STATES = {
  signedIn: 'clinic A is signed in',
  hasRun: 'clinic A has a report run in a given status',
  unknownToken: 'the token is unknown or revoked',
  internalRole: 'the token belongs to the product team, not to a clinic',
  rateLimited: 'clinic B has used up its rate limit for this minute',
  runCreated: 'clinic A created a report run',
  insightsComputed: 'the insights have been computed',
} as const;

export const RATE_LIMIT_PER_MINUTE = 40;
const APPOINTMENTS_RUN: CreateReportRun = {
  type: 'appointments',
  format: 'csv',
  parameters: { from: '2026-01-01', to: '2026-12-31' },
};

export interface ProviderOptions {
  /** Serve a deliberately broken app: GET /v1/clinic renames `name` to `clinicName`. */
  breakClinicField?: boolean;
}

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

export interface Provider {
  /** The URL the verifier calls: the real server, or the broken wrapper around it. */
  url: string;
  server: RunningServer;
  stateHandlers: StateHandlers;
  requestFilter: RequestHandler;
  /** The report job the API enqueues for a run created over HTTP, as the worker would receive it. */
  producedReportJob: () => Promise<{ payload: unknown; queue: string }>;
  stop: () => Promise<void>;
}

/**
 * Renames one field of GET /v1/clinic: the "provider changed without telling its consumers" drill. It
 * rewrites the body where every response ends (res.end), whichever way the route wrote its JSON.
 */
export function renameClinicField(): RequestHandler {
  return (req, res, next) => {
    if (req.path === '/v1/clinic') {
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk)) return end(chunk, ...rest);
        const body = JSON.parse(chunk.toString()) as Record<string, unknown>;
        if (!('name' in body)) return end(chunk, ...rest);
        const { name, ...others } = body;
        const text = JSON.stringify({ ...others, clinicName: name });
        res.setHeader('Content-Length', Buffer.byteLength(text));
        return end(text, ...rest);
      }) as typeof res.end;
    }
    next();
  };
}

export async function startProvider(options: ProviderOptions = {}): Promise<Provider> {
  const t: TestDatabase = await createTestDatabase('pact');
  const reportsDir = mkdtempSync(join(tmpdir(), 'pact-reports-'));
  const seeded = await seed(t.pool, {
    preset: 'test',
    companies: 3,
    patients: 150,
    appointments: 1_500,
    appEvents: 50,
  });
  // Clinic A and B are the first two active clinics of the generated data.
  const clinics = await t.db
    .selectFrom('companies')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(2)
    .execute();
  const [firstActive, secondActive] = clinics.map((c) => c.id);
  if (!firstActive || !secondActive)
    throw new Error(`the seed made fewer than two active clinics: ${JSON.stringify(seeded.companyIds)}`);
  const clinicA: string = firstActive;
  const clinicB: string = secondActive;
  const tokenA = seededCompanyToken(clinicA);
  const tokenB = seededCompanyToken(clinicB);
  const tokenRowA = await t.db
    .selectFrom('api_tokens')
    .select(['id', 'role'])
    .where('token_hash', '=', hashToken(tokenA))
    .executeTakeFirstOrThrow();

  const env = {
    ...process.env,
    LOG_LEVEL: 'silent',
    DATABASE_URL: t.url,
    REPORTS_DIR: reportsDir,
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
  };
  // The insights router reads its k-anonymity threshold from process.env when the app is built. A threshold
  // of 1 makes every no-show row a real number, which is what the report-web pact pins.
  const previousThreshold = process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP;
  process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP = '1';
  const server = await startServer({ env, config: { port: 0, host: '127.0.0.1' }, migrate: false }).finally(
    () => {
      if (previousThreshold === undefined) delete process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP;
      else process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP = previousThreshold;
    },
  );
  const settings = loadReportRunSettings(env);
  const runs: ReportRunsModule = await startReportRunsModule({ databaseUrl: t.url, reportsDir, settings });
  const reportPool = createPool({ connectionString: t.url, max: 2, applicationName: 'pact-worker' });
  const jobContext = {
    db: t.db,
    reportPool,
    storage: createLocalStorage(reportsDir),
    settings,
    logger: pino({ level: 'silent' }),
    metrics: createWorkerMetrics({ defaultMetrics: false }),
    workerId: 'pact-provider-states',
  };

  let broken: Server | undefined;
  let url = server.url;
  if (options.breakClinicField) {
    const wrapper = express();
    wrapper.use(renameClinicField());
    wrapper.use(server.app);
    broken = createServer(wrapper);
    await new Promise<void>((resolve) => broken?.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((broken.address() as AddressInfo).port)}`;
  }

  // The token the request filter puts on the next request; each state sets it.
  let token: string = tokenA;

  async function createRunForA(): Promise<{ id: string; jobId: string }> {
    const { run } = await createRun(
      { db: t.db, boss: runs.boss, settings },
      {
        companyId: clinicA,
        idempotencyKey: crypto.randomUUID(),
        body: APPOINTMENTS_RUN,
        audit: {
          actor: { tokenId: tokenRowA.id, role: tokenRowA.role },
          requestId: `pact-state-${crypto.randomUUID()}`,
          clientAddress: null,
        },
      },
    );
    return { id: run.id, jobId: run.job_id };
  }

  async function jobPayload(jobId: string): Promise<unknown> {
    const [job] = await runs.boss.findJobs(REPORT_QUEUE, { id: jobId });
    if (!job) throw new Error(`no ${REPORT_QUEUE} job ${jobId}`);
    return job.data;
  }

  const stateHandlers: StateHandlers = {
    [STATES.signedIn]: () => {
      token = tokenA;
      return Promise.resolve(undefined);
    },
    [STATES.unknownToken]: () => {
      token = 'unknown-or-revoked-token';
      return Promise.resolve(undefined);
    },
    [STATES.internalRole]: () => {
      token = seedInternalTokens.product;
      return Promise.resolve(undefined);
    },
    [STATES.hasRun]: async (params) => {
      token = tokenA;
      const status = (params as { status?: unknown } | undefined)?.status ?? 'queued';
      const run = await createRunForA();
      if (status === 'succeeded') {
        // The worker's own handler finishes it: a real file, checksum and expiry.
        const outcome = await runReportJob(jobContext, {
          data: await jobPayload(run.jobId),
          retryCount: 0,
          retryLimit: 0,
        });
        if (outcome !== 'succeeded') throw new Error(`the report job ended ${outcome}`);
      } else if (status !== 'queued') {
        throw new Error(
          `state "${STATES.hasRun}" supports status queued or succeeded, not ${JSON.stringify(status)}`,
        );
      }
      return { runId: run.id };
    },
    [STATES.rateLimited]: async () => {
      token = tokenB;
      for (let i = 0; i <= RATE_LIMIT_PER_MINUTE; i++) {
        const response = await fetch(`${server.url}/v1/clinic`, {
          headers: { Authorization: `Bearer ${tokenB}` },
        });
        await response.arrayBuffer();
        if (response.status === 429) return undefined;
      }
      throw new Error('clinic B never reached its rate limit');
    },
    [STATES.insightsComputed]: async () => {
      token = tokenA;
      // The same refresh the worker's schedule runs (materialized views + anchor).
      await refreshInsights(t.pool);
      return undefined;
    },
    [STATES.runCreated]: () => {
      token = tokenA;
      return Promise.resolve(undefined);
    },
  };

  const requestFilter: RequestHandler = (req, _res, next) => {
    if (req.headers.authorization) req.headers.authorization = `Bearer ${token}`;
    // A bodyless POST (cancel) reaches the verifier's proxy without Content-Length and would be forwarded
    // chunked, i.e. as a body of unknown type (415). Browsers send Content-Length: 0; so do we.
    if (req.method === 'POST' && !req.headers['content-type'] && !req.headers['content-length']) {
      req.headers['content-length'] = '0';
      delete req.headers['transfer-encoding'];
    }
    next();
  };

  async function producedReportJob(): Promise<{ payload: unknown; queue: string }> {
    // Through the real HTTP route, so the payload is exactly what the API's queue module sends.
    const response = await fetch(`${server.url}/v1/report-runs`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokenA}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        'X-Request-Id': `pact-message-${crypto.randomUUID()}`,
      },
      body: JSON.stringify(APPOINTMENTS_RUN),
    });
    const created = (await response.json()) as { id?: string };
    if (response.status !== 202 || !created.id)
      throw new Error(`creating a run answered ${String(response.status)}`);
    const row = await findRun(t.db, clinicA, created.id);
    if (!row) throw new Error(`run ${created.id} not found`);
    const payload = await jobPayload(row.job_id);
    reportJobPayloadSchema.parse(payload);
    return { payload, queue: REPORT_QUEUE };
  }

  return {
    url,
    server,
    stateHandlers,
    requestFilter,
    producedReportJob,
    async stop() {
      if (broken) {
        const open = broken;
        await new Promise<void>((resolve) => open.close(() => resolve()));
      }
      await runs.stop();
      await server.close();
      await reportPool.end();
      await t.drop();
      rmSync(reportsDir, { recursive: true, force: true });
    },
  };
}
