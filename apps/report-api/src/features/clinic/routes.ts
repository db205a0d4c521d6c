// GET /v1/clinic: the calling clinic's own profile. Internal roles belong to no clinic: 403 (documented
// in the OpenAPI document); a clinic token always resolves to its own company, so no id is ever taken
// from the request.
import { Router } from 'express';
import type { Clinic } from '@repo/contract';
import type { Company } from '@repo/db';
import type { AppDeps } from '../../app.ts';
import { companyScope, principalOf } from '../../http/auth.ts';
import { HttpProblem } from '../../http/problem.ts';

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

export function clinicRouter(deps: Pick<AppDeps, 'db'>): Router {
  const router = Router();
  router.get('/clinic', async (_req, res) => {
    const companyId = companyScope(principalOf(res));
    const row = await deps.db
      .selectFrom('companies')
      .selectAll()
      .where('id', '=', companyId)
      .executeTakeFirst();
    if (!row) throw new HttpProblem('not-found', { detail: 'The clinic of this token no longer exists' });
    res.json(toClinic(row));
  });
  return router;
}
