// Liveness, readiness and metrics: unauthenticated, outside /v1 and outside the rate limit.
import { Router } from 'express';
import type pg from 'pg';
import { appliedMigrationVersion, latestMigrationVersion } from '@repo/db';
import { HttpProblem } from '../http/problem.ts';
import type { Metrics } from './metrics.ts';

export function healthRouter(deps: { pool: pg.Pool; metrics: Metrics }): Router {
  const router = Router();
  const expected = latestMigrationVersion();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    let applied: number;
    try {
      applied = await appliedMigrationVersion(deps.pool);
    } catch (error) {
      throw new HttpProblem('unavailable', {
        detail: 'The database is not reachable',
        retryAfterSeconds: 5,
        cause: error,
      });
    }
    if (applied < expected) {
      throw new HttpProblem('unavailable', {
        detail: `Database migrations are at version ${applied}; this build needs ${expected}`,
        retryAfterSeconds: 5,
      });
    }
    res.json({ status: 'ready', migration: applied });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
