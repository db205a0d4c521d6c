// Message pact, consumer side: what the worker needs from the report job the API enqueues. The message
// is handed to the worker's real handler (runReportJob parses it with reportJobPayloadSchema), so a
// payload the worker cannot read fails here, before any provider is involved.
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { tmpdir } from 'node:os';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '@repo/db';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { loadReportRunSettings } from '../../src/features/report-runs/settings.ts';
import { createLocalStorage } from '../../src/storage/local-storage.ts';
import { runReportJob, type RunJobContext } from '../../src/worker/run-report-job.ts';
import { createWorkerMetrics } from '../../src/worker/worker-metrics.ts';
import { GENERATED_PACTS_DIR, PROVIDER, REPORT_JOB_MESSAGE, WORKER_CONSUMER } from './pacts.ts';
import { STATES } from './provider-harness.ts';

const { integer, regex, string, uuid } = MatchersV3;
const pact = new PactV4({
  consumer: WORKER_CONSUMER,
  provider: PROVIDER,
  dir: GENERATED_PACTS_DIR,
  logLevel: 'error',
});

let t: TestDatabase;
let ctx: RunJobContext;
beforeAll(async () => {
  t = await createTestDatabase('pact_worker');
  ctx = {
    db: t.db,
    reportPool: createPool({ connectionString: t.url, max: 1 }),
    storage: createLocalStorage(tmpdir()),
    settings: loadReportRunSettings({}),
    logger: pino({ level: 'silent' }),
    metrics: createWorkerMetrics({ defaultMetrics: false }),
    workerId: 'pact-consumer',
  };
});
afterAll(async () => {
  await ctx.reportPool.end();
  await t.drop();
});

describe('report-worker <- report-api (report job message)', () => {
  it('the worker handler accepts the report job the API enqueues on the report-runs queue', async () => {
    await pact
      .addAsynchronousInteraction()
      .given(STATES.runCreated)
      .expectsToReceive(REPORT_JOB_MESSAGE, (message) =>
        message
          .withJSONContent({
            version: integer(1),
            runId: uuid('3f2b8c1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'),
            companyId: regex('^[1-9][0-9]{0,18}$', '1'),
            requestId: string('req-0001'),
          })
          .withMetadata({ queue: 'report-runs' }),
      )
      .executeTest(async (message) => {
        // The run is not in this empty database: the handler parses the payload, finds nothing to claim
        // and skips. A payload it cannot parse would throw instead.
        const outcome = await runReportJob(ctx, {
          data: message.contents.content,
          retryCount: 0,
          retryLimit: 0,
        });
        expect(outcome).toBe('skipped');
      });
  });

  it('the worker handler rejects a payload of an unknown version', async () => {
    await expect(
      runReportJob(ctx, {
        data: { version: 2, runId: '3f2b8c1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', companyId: '1' },
        retryCount: 0,
        retryLimit: 0,
      }),
    ).rejects.toThrow(/version/);
  });
});
