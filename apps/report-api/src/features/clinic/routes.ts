// GET /v1/clinic: the calling clinic's own profile. Internal roles belong to no clinic: 403 (documented
// in the OpenAPI document); a clinic token always resolves to its own company, so no id is ever taken
// from the request.
import { Router } from 'express';
import type { Clinic } from '@repo/contract';
import type { Company } from '@repo/db';
import type { AppDeps } from '../../app.ts';
import { HOT_READ_TTL, type Cache } from '../../cache/index.ts';
import { companyScope, principalOf } from '../../http/auth.ts';
import { HttpProblem } from '../../http/problem.ts';
import { sendJson } from '../../http/send-json.ts';

export function toClinic(row: Company): Clinic {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan,
    specialty: row.specialty,
    city: row.city,
    state: row.state,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    churnedAt: row.churned_at ? row.churned_at.toISOString() : null,
  };
}

export function clinicRouter(deps: Pick<AppDeps, 'db'> & { cache?: Cache }): Router {
  const router = Router();
  router.get('/clinic', async (_req, res) => {
    const companyId = companyScope(principalOf(res));
    // One round trip; cached per company (a missing clinic throws, so it is never cached).
    const load = async (): Promise<Clinic> => {
      const row = await deps.db
        .selectFrom('companies')
        .selectAll()
        .where('id', '=', companyId)
        .executeTakeFirst();
      if (!row) throw new HttpProblem('not-found', { detail: 'The clinic of this token no longer exists' });
      return toClinic(row);
    };
    sendJson(
      res,
      deps.cache
        ? await deps.cache.getOrLoad({ companyId, name: 'clinic' }, load, HOT_READ_TTL)
        : await load(),
    );
  });
  return router;
}
