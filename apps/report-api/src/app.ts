// The express app: one place where every convention is wired (decision 022). Feature routers live in
// src/features/<name>/routes.ts and are mounted under /v1 below, one line each.
import express from 'express';
import cors from 'cors';
import type { Store } from 'express-rate-limit';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import { buildOpenApiDocument } from '@repo/contract';
import type { Database } from '@repo/db';
import type { Config } from './config.ts';
import { authenticate, requireAuth } from './http/auth.ts';
import { errorHandler, routeNotFound } from './http/errors.ts';
import { companyRateLimit } from './http/rate-limit.ts';
import { jsonBody } from './http/request-body.ts';
import { securityHeaders } from './http/security-headers.ts';
import { healthRouter } from './observability/health-routes.ts';
import { httpLogger } from './observability/logger.ts';
import { httpMetrics, observePool, requestRouteLabel, type Metrics } from './observability/metrics.ts';
import { createCacheFromEnv, type Cache } from './cache/index.ts';
import { createPrincipalCache } from './cache/principal-cache.ts';
import { instrumentPool, queryCounterMiddleware } from './observability/query-counter.ts';
import { clinicRouter } from './features/clinic/routes.ts';
import { appointmentsRouter } from './features/appointments/routes.ts';
import { insightsRouter } from './features/insights/routes.ts';
import { reportRunsRouter } from './features/report-runs/routes.ts';
import type { ReportRunsModule } from './features/report-runs/module.ts';
// gen:feature-imports (npm run gen endpoint adds feature router imports above this line)

export interface AppDeps {
  pool: pg.Pool;
  db: Kysely<Database>;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** Hot-read cache (default: Redis when REDIS_URL is set, else in-process; see src/cache). */
  cache?: Cache;
  /** Report runs: queue producer, file storage and settings (started by server.ts; see features/report-runs). */
  reportRuns?: ReportRunsModule;
  /** Rate-limit counters shared by the API processes (server.ts: Redis when REDIS_URL is set). */
  rateLimitStore?: Store;
}

export function createApp(deps: AppDeps): express.Express {
  const { config, metrics } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  observePool(deps.pool, metrics);
  instrumentPool(deps.pool);
  const cache =
    deps.cache ??
    createCacheFromEnv({
      registry: metrics.registry,
      onError: (error) => deps.logger.warn({ err: error }, 'cache unavailable'),
    });
  const principals = createPrincipalCache();

  app.use(httpLogger(deps.logger));
  app.use(httpMetrics(app, metrics));
  app.use(
    queryCounterMiddleware({
      registry: metrics.registry,
      exposeHeader: process.env.NODE_ENV !== 'production',
      routeOf: (req) => requestRouteLabel(app, req as express.Request),
    }),
  );
  app.use(securityHeaders());
  const corsHeaders = cors({
    origin: (origin, callback) => callback(null, origin === config.webOrigin),
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
  // A request without Origin is not cross-origin: cors would set nothing on it (the origin check fails).
  app.use((req, res, next) => {
    if (req.headers.origin === undefined) next();
    else corsHeaders(req, res, next);
  });

  // One router for the API surface: every /v1 request pays for one prefix match, not one per middleware.
  const v1 = express.Router();
  v1.use(
    authenticate(deps.db, principals),
    companyRateLimit(config.rateLimitPerMinute, {
      ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
      logger: deps.logger,
    }),
    requireAuth,
  );
  v1.use(jsonBody(config.bodyLimitBytes));
  v1.use(clinicRouter({ ...deps, cache }));
  v1.use(appointmentsRouter({ ...deps, cache }));
  v1.use(reportRunsRouter(deps));
  v1.use(insightsRouter(deps));
  // gen:feature-routers (npm run gen endpoint mounts feature routers above this line)
  app.use('/v1', v1);

  // After /v1: the API's requests, the hot path, do not walk these routes first.
  app.use(healthRouter(deps));
  const openapi = buildOpenApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  app.use(routeNotFound(app));
  app.use(errorHandler);
  return app;
}
