// The cache the API uses: Redis when REDIS_URL is set (shared by every API process, so cluster mode stays
// consistent), otherwise an in-process LRU (one process, zero setup).
import type { Registry } from 'prom-client';
import { Cache } from './cache.ts';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';

export { Cache, cacheKeyOf, type CacheKey, type LoadOptions, type CacheResult } from './cache.ts';
export { createMemoryStore } from './memory-store.ts';
export { createRedisStore } from './redis-store.ts';
export type { CacheStore, CacheEntry } from './store.ts';

/** Freshness of the hot clinic reads: seconds fresh, then served stale while one request refreshes. */
export const HOT_READ_TTL = { ttlMs: 5_000, staleMs: 25_000 } as const;

export interface CacheFromEnvOptions {
  env?: NodeJS.ProcessEnv;
  registry?: Registry;
  onError?: (error: unknown) => void;
}

export function createCacheFromEnv(options: CacheFromEnvOptions = {}): Cache {
  const env = options.env ?? process.env;
  const store = env.REDIS_URL
    ? createRedisStore({
        url: env.REDIS_URL,
        prefix: env.CACHE_PREFIX ?? 'report-api:cache',
        ...(options.onError ? { onError: options.onError } : {}),
      })
    : createMemoryStore({ maxEntries: Number(env.CACHE_MAX_ENTRIES ?? 10_000) });
  return new Cache({
    store,
    name: 'hot-reads',
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
