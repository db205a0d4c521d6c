// GET /v1/insights/*: figures precomputed in materialized views (decision 060). Internal roles (product,
// cs) read every clinic; a clinic token reads only its own clinic, and only the endpoints that have a
// per-clinic view. Every endpoint answers CSV with ?format=csv or at <path>/export.csv.
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import {
  correlationsQuerySchema,
  healthQuerySchema,
  insightsEndpoints,
  insightsFormatOnlyQuerySchema,
  insightsRangeQuerySchema,
  noShowQuerySchema,
  type InsightsMeta,
} from '@repo/contract';
import { insightsAnchor } from '@repo/db';
import type { AppDeps } from '../../app.ts';
import { principalOf } from '../../http/auth.ts';
import { HttpProblem } from '../../http/problem.ts';
import { parseQuery } from '../../http/validation.ts';
import { loadInsightsConfig, type InsightsConfig } from './insights-config.ts';
import {
  churnDriverRows,
  correlationRows,
  featureAdoptionRows,
  funnelRows,
  healthRows,
  kpiRows,
  lifecycleRows,
  metricRows,
  noShowRows,
  retentionRows,
  type Scope,
} from './insights-queries.ts';
import { sendRows } from './respond.ts';

type Row = Record<string, string | number | boolean | null | readonly string[]>;
interface Result {
  rows: Row[];
  suppressed: number;
}
type Handler = (req: Request, scope: Scope) => Promise<{ result: Result; format: 'json' | 'csv' }>;

function query<S extends z.ZodType>(schema: S, req: Request, csv: boolean): z.output<S> {
  const parsed = parseQuery(schema, req) as z.output<S> & { format: 'json' | 'csv' };
  return csv ? { ...parsed, format: 'csv' } : parsed;
}

export function insightsRouter(
  deps: Pick<AppDeps, 'pool'>,
  config: InsightsConfig = loadInsightsConfig(),
): Router {
  const router = Router();
  const { pool } = deps;
  // The anchor changes only when a refresh finishes: remember it for a few seconds instead of two extra
  // queries per request. Never cached while the views are still empty.
  let anchorCache: { anchor: Date; until: number } | undefined;
  const anchorOf = async (): Promise<Date | null> => {
    if (anchorCache && anchorCache.until > Date.now()) return anchorCache.anchor;
    const anchor = await insightsAnchor(pool);
    anchorCache = anchor ? { anchor, until: Date.now() + 10_000 } : undefined;
    return anchor;
  };

  const handlers = (csv: boolean): Record<string, Handler> => ({
    metrics: (req) => {
      const q = query(insightsFormatOnlyQuerySchema, req, csv);
      return Promise.resolve({ result: { rows: metricRows(), suppressed: 0 }, format: q.format });
    },
    kpis: async (req, scope) => {
      const q = query(insightsRangeQuerySchema, req, csv);
      return { result: await kpiRows(pool, scope, q), format: q.format };
    },
    'feature-adoption': async (req) => {
      const q = query(insightsRangeQuerySchema, req, csv);
      return { result: await featureAdoptionRows(pool, q), format: q.format };
    },
    lifecycle: async (req, scope) => {
      const q = query(insightsRangeQuerySchema, req, csv);
      return { result: await lifecycleRows(pool, scope, q), format: q.format };
    },
    retention: async (req) => {
      const q = query(insightsRangeQuerySchema, req, csv);
      return { result: await retentionRows(pool, q), format: q.format };
    },
    funnel: async (req, scope) => {
      const q = query(insightsRangeQuerySchema, req, csv);
      return { result: await funnelRows(pool, scope, q), format: q.format };
    },
    correlations: async (req) => {
      const q = query(correlationsQuerySchema, req, csv);
      return { result: await correlationRows(pool, q.outcome), format: q.format };
    },
    'churn-drivers': async (req) => {
      const q = query(insightsFormatOnlyQuerySchema, req, csv);
      return { result: await churnDriverRows(pool), format: q.format };
    },
    'no-show': async (req, scope) => {
      const q = query(noShowQuerySchema, req, csv);
      return { result: await noShowRows(pool, scope, q), format: q.format };
    },
    health: async (req, scope) => {
      const q = query(healthQuerySchema, req, csv);
      return { result: await healthRows(pool, scope, q), format: q.format };
    },
  });
  const json = handlers(false);
  const csv = handlers(true);

  for (const endpoint of insightsEndpoints) {
    const name = endpoint.path.slice('/v1/insights/'.length);
    const serve = (handler: Handler | undefined) => async (req: Request, res: Response) => {
      const principal = principalOf(res);
      if (principal.role === 'clinic' && !endpoint.clinic) {
        throw new HttpProblem('forbidden', {
          detail: 'This insight compares clinics; it is readable by the product and cs roles only',
        });
      }
      if (!handler) throw new HttpProblem('not-found');
      const anchor = name === 'metrics' ? null : await anchorOf();
      if (anchor === null && name !== 'metrics') {
        throw new HttpProblem('unavailable', {
          detail: 'The insights are being computed for the first time; try again in a minute',
          headers: { 'Retry-After': '60' },
        });
      }
      const scope: Scope = {
        companyId: principal.role === 'clinic' ? principal.companyId : null,
        minPatients: config.minPatientsPerGroup,
      };
      const { result, format } = await handler(req, scope);
      const meta: InsightsMeta = {
        anchorAt: anchor?.toISOString() ?? null,
        scope: scope.companyId === null ? 'all' : 'clinic',
        minPatientsPerGroup: config.minPatientsPerGroup,
        suppressedRows: result.suppressed,
      };
      const columns = Object.keys(endpoint.row.shape);
      sendRows(res, { name, format, rows: result.rows, meta, columns });
    };
    router.get(`/insights/${name}`, serve(json[name]));
    router.get(`/insights/${name}/export.csv`, serve(csv[name]));
  }

  return router;
}
