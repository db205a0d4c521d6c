// GET /v1/audit-events: the company's own audit trail (LGPD access log), newest first, cursor paginated.
import { Router } from 'express';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { auditEventListQuerySchema, type AuditEventPage } from '@repo/contract';
import type { Database } from '@repo/db';
import { companyScope, principalOf } from '../http/auth.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { parseQuery } from '../http/validation.ts';
import { listAuditEvents, toAuditEvent } from './audit-log.ts';

const cursorSchema = z.object({ v: z.literal(1), id: z.string().regex(/^[1-9][0-9]{0,18}$/) });

export function auditEventsRouter(deps: { db: Kysely<Database> }): Router {
  const router = Router();
  router.get('/audit-events', async (req, res) => {
    const companyId = companyScope(principalOf(res));
    const { cursor, limit, action, resourceId } = parseQuery(auditEventListQuerySchema, req);
    const before = cursor === undefined ? undefined : decodeCursor(cursor, cursorSchema).id;
    const { rows, hasMore } = await listAuditEvents(deps.db, companyId, {
      limit,
      before,
      action,
      resourceId,
    });
    const last = rows.at(-1);
    const page: AuditEventPage = {
      data: rows.map(toAuditEvent),
      nextCursor: hasMore && last ? encodeCursor({ v: 1, id: last.id }) : null,
    };
    res.json(page);
  });
  return router;
}
