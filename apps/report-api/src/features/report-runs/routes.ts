// /v1/report-runs: create a run (202 + Location + Retry-After, Idempotency-Key required), poll it, list
// them, cancel one, download its file; plus /v1/audit-events, the trail these actions leave.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import { createReportRunSchema, reportRunListQuerySchema, type ReportRunPage } from '@repo/contract';
import type { Database } from '@repo/db';
import { auditEventsRouter } from '../../audit/routes.ts';
import { recordAuditEvent, type AuditContext } from '../../audit/audit-log.ts';
import { companyScope, principalOf } from '../../http/auth.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { HttpProblem } from '../../http/problem.ts';
import { parseBody, parseParams, parseQuery } from '../../http/validation.ts';
import type { Principal } from '../../http/principal.ts';
import { assertDownloadable, sendReportFile } from './download.ts';
import type { ReportRunsModule } from './module.ts';
import { cancelRun, createRun, findRun, listRuns, toReportRun } from './report-run-service.ts';

export interface ReportRunsRouterDeps {
  db: Kysely<Database>;
  reportRuns?: ReportRunsModule;
  metrics?: { registry: Registry };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const RETRY_AFTER_SECONDS = 2;
// A malformed id cannot name a run: 404 like an unknown one (and never reaches a uuid cast).
const paramsSchema = z.object({ id: z.string() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cursorSchema = z.object({ v: z.literal(1), seq: z.string().regex(/^[1-9][0-9]{0,18}$/) });

function runIdOf(req: Request): string {
  const { id } = parseParams(paramsSchema, req);
  if (!UUID.test(id)) throw new HttpProblem('not-found', { detail: `No report run ${id} in this clinic` });
  return id.toLowerCase();
}

function auditContext(req: Request, principal: Principal): AuditContext {
  return {
    actor: { tokenId: principal.tokenId, role: principal.role },
    requestId: typeof req.id === 'string' ? req.id : null,
    clientAddress: req.ip ?? req.socket.remoteAddress ?? null,
  };
}

function moduleOf(deps: ReportRunsRouterDeps): ReportRunsModule {
  if (!deps.reportRuns) {
    throw new HttpProblem('unavailable', { detail: 'Report runs are not enabled on this server' });
  }
  return deps.reportRuns;
}

function observeQueueDepth(deps: ReportRunsRouterDeps): void {
  if (!deps.metrics) return;
  const { db } = deps;
  new Gauge({
    name: 'report_runs_queue_depth',
    help: 'Report runs waiting (queued) or being generated (running), all companies',
    labelNames: ['status'],
    registers: [deps.metrics.registry],
    async collect() {
      const rows = await db
        .selectFrom('report_runs')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('status', 'in', ['queued', 'running'])
        .groupBy('status')
        .execute();
      this.set({ status: 'queued' }, 0);
      this.set({ status: 'running' }, 0);
      for (const row of rows) this.set({ status: row.status }, Number(row.n));
    },
  });
}

export function reportRunsRouter(deps: ReportRunsRouterDeps): Router {
  const router = Router();
  observeQueueDepth(deps);

  router.post('/report-runs', async (req, res) => {
    const principal = principalOf(res);
    const companyId = companyScope(principal);
    const key = req.get('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw new HttpProblem('bad-request', {
        detail:
          'Send an Idempotency-Key header (1-255 visible ASCII characters, e.g. a UUID) with every POST',
        errors: [
          {
            field: 'header.Idempotency-Key',
            message: key ? 'must be 1-255 visible ASCII characters' : 'required',
            code: key ? 'invalid_string' : 'required',
          },
        ],
      });
    }
    const body = parseBody(createReportRunSchema, req);
    const module = moduleOf(deps);
    const { run, replayed } = await createRun(
      { db: deps.db, boss: module.boss, settings: module.settings },
      { companyId, idempotencyKey: key, body, audit: auditContext(req, principal) },
    );
    res.setHeader('Location', `/v1/report-runs/${run.id}`);
    if (run.status === 'queued' || run.status === 'running') {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(replayed ? 200 : 202).json(toReportRun(run));
  });

  router.get('/report-runs', async (req, res) => {
    const companyId = companyScope(principalOf(res));
    const { cursor, limit, status, type } = parseQuery(reportRunListQuerySchema, req);
    const afterSeq = cursor === undefined ? undefined : decodeCursor(cursor, cursorSchema).seq;
    const { rows, nextSeq } = await listRuns(deps.db, companyId, { limit, afterSeq, status, type });
    const page: ReportRunPage = {
      data: rows.map(toReportRun),
      nextCursor: nextSeq ? encodeCursor({ v: 1, seq: nextSeq }) : null,
    };
    res.json(page);
  });

  router.get('/report-runs/:id', async (req, res) => {
    const companyId = companyScope(principalOf(res));
    const id = runIdOf(req);
    const run = await findRun(deps.db, companyId, id);
    if (!run) throw new HttpProblem('not-found', { detail: `No report run ${id} in this clinic` });
    if (run.status === 'queued' || run.status === 'running') {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    res.json(toReportRun(run));
  });

  router.post('/report-runs/:id/cancel', async (req, res) => {
    const principal = principalOf(res);
    const companyId = companyScope(principal);
    const id = runIdOf(req);
    const module = moduleOf(deps);
    const run = await cancelRun(
      { db: deps.db, boss: module.boss, settings: module.settings },
      companyId,
      id,
      auditContext(req, principal),
    );
    res.json(toReportRun(run));
  });

  router.get('/report-runs/:id/file', async (req, res) => {
    const principal = principalOf(res);
    const companyId = companyScope(principal);
    const id = runIdOf(req);
    const module = moduleOf(deps);
    const run = await findRun(deps.db, companyId, id);
    if (!run) throw new HttpProblem('not-found', { detail: `No report run ${id} in this clinic` });
    assertDownloadable(run);
    if (req.method === 'GET') {
      // Recorded before the first byte leaves: an interrupted download still counts as access.
      await recordAuditEvent(deps.db, {
        ...auditContext(req, principal),
        companyId,
        action: 'report_run.downloaded',
        resourceType: 'report_run',
        resourceId: id,
        details: { range: req.get('range') ?? null },
      });
    }
    await sendReportFile(req, res, run, module.storage);
  });

  router.use(auditEventsRouter(deps));
  return router;
}
