// Token -> principal lookups, cached in-process for a short time: the token lookup was one of the five
// queries of every clinic action. `before` (mounted ahead of authenticate) fills res.locals.principal from
// the cache, so authenticate skips its query; `after` remembers what authenticate found. Only found
// principals are cached (a new token works at once); a revoked token keeps working for at most ttlMs on a
// process that already cached it (decision 074).
import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import { hashToken } from '@repo/db';
import { bearerToken } from '../http/auth.ts';
import type { Principal } from '../http/principal.ts';

export interface PrincipalCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
}

export interface PrincipalCache {
  before: RequestHandler;
  after: RequestHandler;
  /** Forget a token at once (call on revocation). */
  forget: (token: string) => void;
  size: () => number;
}

export function createPrincipalCache(options: PrincipalCacheOptions = {}): PrincipalCache {
  const entries = new LRUCache<string, Principal>({
    max: options.maxEntries ?? 20_000,
    ttl: options.ttlMs ?? 30_000,
  });
  // The token hash of each in-flight request, computed once in `before` and read in `after`.
  const hashes = new WeakMap<object, string>();
  return {
    before(req, res, next) {
      const token = bearerToken(req.get('authorization'));
      if (token) {
        const hash = hashToken(token);
        const principal = entries.get(hash);
        hashes.set(res, hash);
        if (principal) res.locals.principal = principal;
      }
      next();
    },
    after(_req, res, next) {
      const hash = hashes.get(res);
      const principal = res.locals.principal;
      if (hash && principal && !entries.has(hash)) entries.set(hash, principal);
      next();
    },
    forget(token) {
      entries.delete(hashToken(token));
    },
    size: () => entries.size,
  };
}
