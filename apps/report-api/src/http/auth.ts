// Bearer-token auth. authenticate resolves the token (stored as a SHA-256 hash; revoked and expired
// tokens ignored)
// into res.locals.principal; requireAuth answers 401 without one; requireRole 403 for other roles;
// companyScope gives the company every query of a clinic route is scoped by.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sql, type Kysely } from 'kysely';
import { hashToken, type Database, type Role } from '@repo/db';
import { HttpProblem } from './problem.ts';
import type { PrincipalCache } from '../cache/principal-cache.ts';
import type { Principal } from './principal.ts';

// RFC 6750 token68, bounded so a huge header is never hashed or sent to the database.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]{1,256}=*) *$/i;

export function bearerToken(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/**
 * Resolves the bearer token to res.locals.principal: from the principal cache when it is there (no query,
 * no await: the hot path), else from api_tokens, and then remembered. No token, or an unknown one, leaves
 * the request anonymous for requireAuth to answer.
 */
export function authenticate(db: Kysely<Database>, principals?: PrincipalCache): RequestHandler {
  const lookup = async (tokenHash: string, res: Response, next: NextFunction): Promise<void> => {
    const row = await db
      .selectFrom('api_tokens')
      .select(['id', 'role', 'company_id'])
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    if (row) {
      const principal: Principal = { tokenId: row.id, role: row.role, companyId: row.company_id };
      res.locals.principal = principal;
      principals?.remember(tokenHash, principal);
    }
    next();
  };
  return function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> | undefined {
    const token = bearerToken(req.get('authorization'));
    if (!token || res.locals.principal) {
      next();
      return undefined;
    }
    const tokenHash = hashToken(token);
    const cached = principals?.get(tokenHash);
    if (cached) {
      res.locals.principal = cached;
      next();
      return undefined;
    }
    return lookup(tokenHash, res, next);
  };
}

function unauthorized(req: Request): HttpProblem {
  const header = req.get('authorization');
  const detail = !header
    ? 'Send an Authorization: Bearer <token> header'
    : bearerToken(header)
      ? 'The bearer token is unknown or revoked'
      : 'The Authorization header is not a valid bearer token';
  return new HttpProblem('unauthorized', {
    detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="clinic-reports"' },
  });
}

/** 401 unless authenticate found a principal. Mounted once for all of /v1 by app.ts; harmless to repeat. */
export const requireAuth: RequestHandler = (req, res, next) => {
  if (!res.locals.principal) throw unauthorized(req);
  next();
};

/** The authenticated principal of a request that passed requireAuth. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal;
  if (!principal) throw new HttpProblem('unauthorized');
  return principal;
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const { role } = principalOf(res);
    if (!roles.includes(role)) {
      throw new HttpProblem('forbidden', {
        detail: `This route needs one of the roles: ${roles.join(', ')}`,
      });
    }
    next();
  };
}

/**
 * The company a clinic-scoped query must filter by. Internal roles belong to no clinic: 403.
 * Never answer 403 for another company's resource: filter by this id and let it be a 404.
 */
export function companyScope(principal: Principal): string {
  if (principal.companyId === null) {
    throw new HttpProblem('forbidden', {
      detail: `The ${principal.role} role belongs to no clinic; this route serves a clinic's own data`,
    });
  }
  return principal.companyId;
}
