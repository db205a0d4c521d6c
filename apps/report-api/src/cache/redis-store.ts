// Redis store, shared by every API process: one hash per company scope (`cache:<scope>`), one field per
// cached key plus an `__inv` field holding the last invalidation. A read is one HMGET round trip; an
// invalidation is one MULTI (DEL + HSET __inv), so it costs the same for 1 or 1,000 cached keys.
import { Redis } from 'ioredis';
import type { CacheEntry, CacheStore, StoreRead } from './store.ts';

const INVALIDATED = '__inv';

export interface RedisStoreOptions {
  url: string;
  /** Namespace for every key (tests and environments sharing one Redis). */
  prefix?: string;
  /** How long an invalidation mark is kept: longer than any load can take. */
  invalidationTtlMs?: number;
  /** Connection errors (the client reconnects by itself; reads fall back to the source meanwhile). */
  onError?: (error: unknown) => void;
}

export function createRedisStore(options: RedisStoreOptions): CacheStore {
  const redis = new Redis(options.url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2_000,
  });
  redis.on('error', options.onError ?? (() => undefined));
  const prefix = options.prefix ?? 'cache';
  const invalidationTtlMs = options.invalidationTtlMs ?? 600_000;
  const hashKey = (scope: string): string => `${prefix}:${scope}`;

  return {
    kind: 'redis',
    async read(scope, key): Promise<StoreRead> {
      const [raw, inv] = await redis.hmget(hashKey(scope), key, INVALIDATED);
      let entry: CacheEntry | undefined;
      if (raw) {
        const parsed = JSON.parse(raw) as CacheEntry;
        entry = parsed.staleUntil > Date.now() ? parsed : undefined;
      }
      return { entry, invalidatedAt: inv ? Number(inv) : 0 };
    },
    async write(scope, key, entry) {
      const ttl = Math.max(1, Math.max(entry.staleUntil - Date.now(), invalidationTtlMs));
      await redis
        .multi()
        .hset(hashKey(scope), key, JSON.stringify(entry))
        .pexpire(hashKey(scope), ttl)
        .exec();
    },
    async invalidate(scope, at) {
      await redis
        .multi()
        .del(hashKey(scope))
        .hset(hashKey(scope), INVALIDATED, String(at))
        .pexpire(hashKey(scope), invalidationTtlMs)
        .exec();
    },
    async close() {
      await redis.quit();
    },
  };
}
