// Wires the report worker: pg-boss (supervision, retries with backoff, dead letters, cron), the job
// handlers and the stale-claim reaper. Limits: `globalConcurrency` runs per worker process
// (localConcurrency) and `perCompanyConcurrency` per company across all workers, so one company's burst
// cannot starve the others: pg-boss group concurrency skips a full company at fetch time, and the claim
// enforces the limit exactly (racing fetches can overshoot it) by deferring the excess delivery.
import { createServer, type Server } from 'node:http';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { PgBoss } from 'pg-boss';
import type { ReportJobPayload } from '@repo/contract';
import type { Database } from '@repo/db';
import {
  REPORT_DEAD_LETTER_QUEUE,
  REPORT_QUEUE,
  RETENTION_QUEUE,
  createBoss,
  ensureQueues,
} from '../features/report-runs/queue.ts';
import type { ReportRunSettings } from '../features/report-runs/settings.ts';
import type { ReportStorage } from '../storage/report-storage.ts';
import { expireReportRuns, failDeadLetteredRun, reapStaleRuns, requeueDeferredRun } from './housekeeping.ts';
import { createBackendPriority } from './backend-priority.ts';
import { createRowBudget } from './row-budget.ts';
import { defaultWorkerId, runReportJob } from './run-report-job.ts';
import { createWorkerMetrics, type WorkerMetrics } from './worker-metrics.ts';

/** A deferred run is offered again after this long (bounds the churn while its company stays busy). */
const DEFERRAL_DELAY_SECONDS = 1;

export interface WorkerOptions {
  databaseUrl: string;
  db: Kysely<Database>;
  reportPool: pg.Pool;
  storage: ReportStorage;
  settings: ReportRunSettings;
  logger: Logger;
  metrics?: WorkerMetrics;
  /** Serve the metrics registry on this port (0 picks one); off when undefined. */
  metricsPort?: number;
}

export interface RunningWorker {
  boss: PgBoss;
  metrics: WorkerMetrics;
  metricsServer?: Server;
  stop: () => Promise<void>;
}

export async function startReportWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { db, settings, logger, storage } = options;
  const metrics = options.metrics ?? createWorkerMetrics();
  const boss = createBoss(options.databaseUrl, 'worker', settings);
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'pg-boss error'));
  await boss.start();
  await ensureQueues(boss, settings);
  const ctx = {
    db,
    reportPool: options.reportPool,
    storage,
    settings,
    logger,
    metrics,
    workerId: defaultWorkerId(),
    rowBudget: createRowBudget(settings.rowsPerSecond),
    backendPriority: createBackendPriority({ nice: settings.dbNice, logger }),
  };

  await boss.work<ReportJobPayload>(
    REPORT_QUEUE,
    {
      batchSize: 1,
      localConcurrency: settings.globalConcurrency,
      groupConcurrency: settings.perCompanyConcurrency,
      pollingIntervalSeconds: settings.pollSeconds,
    },
    async ([job]) => {
      if (!job) return;
      const outcome = await runReportJob(ctx, {
        data: job.data,
        retryCount: job.retryCount,
        retryLimit: settings.retryLimit,
        signal: job.signal,
      });
      if (outcome === 'deferred') await requeueDeferredRun(db, boss, job.data, DEFERRAL_DELAY_SECONDS);
    },
  );
  await boss.work(
    REPORT_DEAD_LETTER_QUEUE,
    { pollingIntervalSeconds: settings.pollSeconds },
    async (jobs) => {
      for (const job of jobs) await failDeadLetteredRun(db, job.data, logger);
    },
  );
  await boss.work(RETENTION_QUEUE, async () => {
    await expireReportRuns(db, storage, logger);
  });
  await boss.schedule(RETENTION_QUEUE, settings.retentionCron);

  let reaping = false;
  const reaper = setInterval(() => {
    if (reaping) return;
    reaping = true;
    reapStaleRuns(db, boss, logger)
      .catch((error: unknown) => logger.warn({ err: error }, 'stale-run reaper failed'))
      .finally(() => {
        reaping = false;
      });
  }, settings.reaperIntervalMs);

  let metricsServer: Server | undefined;
  if (options.metricsPort !== undefined) {
    const server = createServer((_req, res) => {
      metrics.registry.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    metricsServer = server;
    await new Promise<void>((resolve) => server.listen(options.metricsPort, '127.0.0.1', resolve));
  }
  logger.info(
    {
      globalConcurrency: settings.globalConcurrency,
      perCompanyConcurrency: settings.perCompanyConcurrency,
      rowsPerSecond: settings.rowsPerSecond || 'unlimited',
    },
    'report worker started',
  );

  return {
    boss,
    metrics,
    metricsServer,
    async stop() {
      clearInterval(reaper);
      metricsServer?.close();
      // Graceful: stop fetching, let running reports finish (or time out), then close.
      await boss.stop({ graceful: true, timeout: settings.runTimeoutMs });
    },
  };
}
