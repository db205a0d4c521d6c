// Worker entry point: `node src/worker.ts`. No port (set WORKER_METRICS_PORT to expose metrics). Uses
// DATABASE_URL, or the embedded PostgreSQL like the API, applies migrations, then processes report jobs
// until SIGTERM/SIGINT, when it stops fetching and lets running reports finish.
import { createDb, createPool, migrate, resolveDatabase } from '@repo/db';
import { loadConfig } from './config.ts';
import { loadReportRunSettings } from './features/report-runs/settings.ts';
import { createLogger } from './observability/logger.ts';
import { createLocalStorage } from './storage/local-storage.ts';
import { startReportWorker } from './worker/start-worker.ts';
import { startInsightsRefreshSchedule } from './features/insights/refresh-schedule.ts';

const config = loadConfig();
const settings = loadReportRunSettings();
const logger = createLogger(config.logLevel).child({ component: 'report-worker' });

const database = await resolveDatabase();
await migrate(database.url);
const statePool = createPool({
  connectionString: database.url,
  max: 4,
  applicationName: 'report-worker',
  statementTimeoutMs: config.statementTimeoutMs,
  acquireTimeoutMs: config.poolAcquireTimeoutMs,
});
const reportPool = createPool({
  connectionString: database.url,
  max: settings.globalConcurrency,
  applicationName: 'report-worker',
  statementTimeoutMs: settings.queryTimeoutMs,
  acquireTimeoutMs: 30_000,
});
// An idle connection killed by the server must not crash the process; the pool replaces it.
for (const pool of [statePool, reportPool]) {
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  // Nor must a checked-out connection dropped between two queries (e.g. pg_terminate_backend).
  pool.on('connect', (client) => {
    client.on('error', (error) => logger.warn({ err: error }, 'database connection lost'));
  });
}
const metricsPort = process.env.WORKER_METRICS_PORT ? Number(process.env.WORKER_METRICS_PORT) : undefined;
const worker = await startReportWorker({
  databaseUrl: database.url,
  db: createDb(statePool),
  reportPool,
  storage: createLocalStorage(config.reportsDir),
  settings,
  logger,
  metricsPort,
});
startInsightsRefreshSchedule({ pool: statePool, logger: logger.child({ component: 'insights-refresh' }) });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'report worker stopping');
  await worker.stop();
  await Promise.all([statePool.end(), reportPool.end()]);
  await database.stop();
  logger.info('report worker stopped');
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
