// Token -> principal lookups, cached in-process for a short time: the token lookup was one of the five
// queries of every clinic action. authenticate (http/auth.ts) asks the cache first, by token hash, and
// remembers what the database found. Only found principals are cached (a new token works at once); a
// revoked token keeps working for at most ttlMs on a process that already cached it (decision 074).
import { LRUCache } from 'lru-cache';
import { hashToken } from '@repo/db';
import type { Principal } from '../http/principal.ts';

export interface PrincipalCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
}

export interface PrincipalCache {
  /** The principal of this token hash, if it was found within the TTL. */
  get: (tokenHash: string) => Principal | undefined;
  /** Remember a principal the database found for this token hash. */
  remember: (tokenHash: string, principal: Principal) => void;
  /** Forget a token at once (call on revocation). */
  forget: (token: string) => void;
  size: () => number;
}

export function createPrincipalCache(options: PrincipalCacheOptions = {}): PrincipalCache {
  const entries = new LRUCache<string, Principal>({
    max: options.maxEntries ?? 20_000,
    ttl: options.ttlMs ?? 30_000,
  });
  return {
    get: (tokenHash) => entries.get(tokenHash),
    remember: (tokenHash, principal) => {
      entries.set(tokenHash, principal);
    },
    forget(token) {
      entries.delete(hashToken(token));
    },
    size: () => entries.size,
  };
}
