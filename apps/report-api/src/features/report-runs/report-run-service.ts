// Report runs, API side: create (idempotent, one transaction for key + run + job + audit), read, list,
// cancel, and the lookup behind downloads. Every query is scoped by company: another company's run is
// simply not found.
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { fromKysely, type PgBoss } from 'pg-boss';
import type {
  CreateReportRun,
  ReportJobPayload,
  ReportRun,
  ReportRunStatus,
  ReportType,
} from '@repo/contract';
import type { Database, ReportRunRow } from '@repo/db';
import { recordAuditEvent, type AuditContext } from '../../audit/audit-log.ts';
import { HttpProblem } from '../../http/problem.ts';
import { contentTypes } from './report-definitions.ts';
import { REPORT_QUEUE } from './queue.ts';
import type { ReportRunSettings } from './settings.ts';

export interface ReportRunsContext {
  db: Kysely<Database>;
  boss: PgBoss;
  settings: ReportRunSettings;
}

/** Keys compare as sent; canonical JSON makes the body hash independent of key order and spacing. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const requestHash = (body: unknown): string =>
  createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toReportRun(row: ReportRunRow): ReportRun {
  const file =
    row.status === 'succeeded' && row.sha256 && row.file_name
      ? {
          rowCount: Number(row.row_count ?? 0),
          byteSize: Number(row.byte_size ?? 0),
          sha256: row.sha256,
          columns: row.columns ?? [],
          contentType: row.content_type ?? contentTypes[row.format],
          fileName: row.file_name,
        }
      : null;
  return {
    id: row.id,
    type: row.type,
    format: row.format,
    parameters: row.parameters,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    canceledAt: iso(row.canceled_at),
    expiredAt: iso(row.expired_at),
    expiresAt: iso(row.expires_at),
    attempts: row.attempts,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? row.error_code } : null,
    file,
  };
}

export interface CreateRunInput {
  companyId: string;
  idempotencyKey: string;
  body: CreateReportRun;
  audit: AuditContext;
}

export interface CreateRunResult {
  run: ReportRunRow;
  replayed: boolean;
}

export async function createRun(ctx: ReportRunsContext, input: CreateRunInput): Promise<CreateRunResult> {
  const { companyId, idempotencyKey, body, audit } = input;
  const hash = requestHash(body);
  return ctx.db.transaction().execute(async (trx) => {
    // One request per (company, key) at a time. A second one arriving while the first is still in its
    // transaction gets 409 at once instead of waiting on the unique index.
    const lock = await sql<{ ok: boolean }>`
      SELECT pg_try_advisory_xact_lock(hashtextextended(${`idem:${companyId}:${idempotencyKey}`}, 0)) AS ok`.execute(
      trx,
    );
    if (!lock.rows[0]?.ok) {
      throw new HttpProblem('idempotency-in-progress', {
        detail: 'A request with this Idempotency-Key is being processed; retry in a moment',
        retryAfterSeconds: 1,
        headers: { 'Retry-After': '1' },
      });
    }
    const existing = await trx
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('key', '=', idempotencyKey)
      .executeTakeFirst();
    if (existing && existing.expires_at > new Date()) {
      if (existing.request_hash !== hash) {
        throw new HttpProblem('idempotency-key-reused', {
          detail: 'This Idempotency-Key was already used with a different request body; use a new key',
        });
      }
      const run = await trx
        .selectFrom('report_runs')
        .selectAll()
        .where('company_id', '=', companyId)
        .where('id', '=', existing.run_id)
        .executeTakeFirstOrThrow();
      return { run, replayed: true };
    }
    if (existing) {
      await trx
        .deleteFrom('idempotency_keys')
        .where('company_id', '=', companyId)
        .where('key', '=', idempotencyKey)
        .execute();
    }

    const jobId = randomUUID();
    const run = await trx
      .insertInto('report_runs')
      .values({
        company_id: companyId,
        type: body.type,
        format: body.format,
        parameters: JSON.stringify(body.parameters),
        job_id: jobId,
        request_id: audit.requestId,
        created_by: audit.actor.tokenId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('idempotency_keys')
      .values({
        company_id: companyId,
        key: idempotencyKey,
        request_hash: hash,
        run_id: run.id,
        expires_at: new Date(Date.now() + ctx.settings.idempotencyTtlMs),
      })
      .execute();
    const payload: ReportJobPayload = {
      version: 1,
      runId: run.id,
      companyId,
      ...(audit.requestId ? { requestId: audit.requestId } : {}),
    };
    // Same transaction: the job exists if and only if the run does.
    await ctx.boss.send(REPORT_QUEUE, payload, { id: jobId, group: { id: companyId }, db: fromKysely(trx) });
    await recordAuditEvent(trx, {
      ...audit,
      companyId,
      action: 'report_run.created',
      resourceType: 'report_run',
      resourceId: run.id,
      details: { type: body.type, format: body.format, parameters: body.parameters },
    });
    return { run, replayed: false };
  });
}

export async function findRun(
  db: Kysely<Database>,
  companyId: string,
  runId: string,
): Promise<ReportRunRow | undefined> {
  return db
    .selectFrom('report_runs')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', runId)
    .executeTakeFirst();
}

export interface ListRunsQuery {
  limit: number;
  afterSeq?: string;
  status?: ReportRunStatus;
  type?: ReportType;
}

export async function listRuns(
  db: Kysely<Database>,
  companyId: string,
  query: ListRunsQuery,
): Promise<{ rows: ReportRunRow[]; nextSeq: string | null }> {
  let q = db.selectFrom('report_runs').selectAll().where('company_id', '=', companyId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.type) q = q.where('type', '=', query.type);
  if (query.afterSeq) q = q.where('seq', '<', query.afterSeq);
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return { rows: page, nextSeq: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null };
}

export async function cancelRun(
  ctx: ReportRunsContext,
  companyId: string,
  runId: string,
  audit: AuditContext,
): Promise<ReportRunRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const canceled = await trx
      .updateTable('report_runs')
      .set({
        status: 'canceled',
        canceled_at: sql<Date>`now()`,
        finished_at: sql<Date>`now()`,
        lease_owner: null,
        lease_expires_at: null,
      })
      .where('company_id', '=', companyId)
      .where('id', '=', runId)
      .where('status', 'in', ['queued', 'running'])
      .returningAll()
      .executeTakeFirst();
    if (!canceled) {
      const run = await findRun(trx, companyId, runId);
      if (!run) throw new HttpProblem('not-found', { detail: `No report run ${runId} in this clinic` });
      if (run.status === 'canceled') return run;
      throw new HttpProblem('conflict', {
        detail: `The report run is ${run.status}; only queued or running runs can be canceled`,
      });
    }
    // A queued job is withdrawn; a running one notices at its next lease renewal and stops.
    await ctx.boss.cancel(REPORT_QUEUE, canceled.job_id, { db: fromKysely(trx) });
    await recordAuditEvent(trx, {
      ...audit,
      companyId,
      action: 'report_run.canceled',
      resourceType: 'report_run',
      resourceId: runId,
    });
    return canceled;
  });
}
