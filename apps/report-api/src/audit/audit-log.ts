// The append-only audit trail of access to personal data (LGPD): who did what to which resource of which
// company, when, from where, under which request id. Writes go in the same transaction as the action.
// The table refuses UPDATE, DELETE and TRUNCATE (migration 002), so history cannot be rewritten.
import type { Kysely } from 'kysely';
import type { AuditEvent, auditActions } from '@repo/contract';
import type { AuditEventRow, Database } from '@repo/db';

export type AuditAction = (typeof auditActions)[number];

export interface AuditActor {
  tokenId: string | null;
  role: string;
}

export interface AuditContext {
  actor: AuditActor;
  requestId: string | null;
  clientAddress: string | null;
}

export interface NewAuditEvent extends AuditContext {
  companyId: string;
  action: AuditAction;
  resourceType: string;
  resourceId: string;
  details?: Record<string, unknown>;
}

export async function recordAuditEvent(db: Kysely<Database>, event: NewAuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      company_id: event.companyId,
      action: event.action,
      actor_token_id: event.actor.tokenId,
      actor_role: event.actor.role,
      resource_type: event.resourceType,
      resource_id: event.resourceId,
      request_id: event.requestId,
      client_address: event.clientAddress,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    action: row.action,
    actor: { tokenId: row.actor_token_id, role: row.actor_role },
    resource: { type: row.resource_type, id: row.resource_id },
    requestId: row.request_id,
    clientAddress: row.client_address,
    details: row.details,
  };
}

export interface AuditQuery {
  limit: number;
  /** The id of the last event of the previous page (newest first). */
  before?: string;
  action?: string;
  resourceId?: string;
}

export async function listAuditEvents(
  db: Kysely<Database>,
  companyId: string,
  query: AuditQuery,
): Promise<{ rows: AuditEventRow[]; hasMore: boolean }> {
  let q = db.selectFrom('audit_events').selectAll().where('company_id', '=', companyId);
  if (query.before) q = q.where('id', '<', query.before);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.resourceId) q = q.where('resource_id', '=', query.resourceId);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}
