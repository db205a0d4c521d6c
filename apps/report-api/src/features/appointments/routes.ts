// GET /v1/appointments (keyset pagination, filters) and GET /v1/appointments/:id, scoped to the caller's
// clinic: another clinic's appointment is a 404 like a missing one.
import { Router } from 'express';
import { z } from 'zod';
import {
  appointmentListQuerySchema,
  appointmentParamsSchema,
  idSchema,
  type AppointmentPage,
} from '@repo/contract';
import type { AppDeps } from '../../app.ts';
import { HOT_READ_TTL, type Cache } from '../../cache/index.ts';
import { companyScope, principalOf } from '../../http/auth.ts';
import { decodeCursor, encodeCursor, microsTimestamp } from '../../http/cursor.ts';
import { HttpProblem } from '../../http/problem.ts';
import { sendJson } from '../../http/send-json.ts';
import { parseParams, parseQuery } from '../../http/validation.ts';
import { findAppointment, listAppointments, type AppointmentKey } from './appointment-queries.ts';

// v: the cursor format version; s/i: starts_at and id of the last row of the previous page.
const cursorSchema = z
  .object({ v: z.literal(1), s: microsTimestamp, i: idSchema })
  .transform((c): AppointmentKey => ({ startsAt: c.s, id: c.i }));

export function appointmentsRouter(deps: Pick<AppDeps, 'db'> & { cache?: Cache }): Router {
  const router = Router();

  router.get('/appointments', async (req, res) => {
    const companyId = companyScope(principalOf(res));
    const { cursor, ...query } = parseQuery(appointmentListQuerySchema, req);
    const after = cursor === undefined ? undefined : decodeCursor(cursor, cursorSchema);
    const load = async (): Promise<AppointmentPage> => {
      const { items, next } = await listAppointments(deps.db, companyId, query, after);
      return { data: items, nextCursor: next ? encodeCursor({ v: 1, s: next.startsAt, i: next.id }) : null };
    };
    // One round trip per page; pages are cached per company and query for a few seconds.
    const key = { companyId, name: 'appointments', params: { ...query, cursor } };
    sendJson(res, deps.cache ? await deps.cache.getOrLoad(key, load, HOT_READ_TTL) : await load());
  });

  router.get('/appointments/:id', async (req, res) => {
    const companyId = companyScope(principalOf(res));
    const { id } = parseParams(appointmentParamsSchema, req);
    const appointment = await findAppointment(deps.db, companyId, id);
    if (!appointment) throw new HttpProblem('not-found', { detail: `No appointment ${id} in this clinic` });
    sendJson(res, appointment);
  });

  return router;
}
