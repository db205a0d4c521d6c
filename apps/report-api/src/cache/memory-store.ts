// In-process store: an LRU bounded by entry count; each entry expires at its staleUntil. Invalidation
// records a timestamp per scope, so entries loaded before it are ignored and age out of the LRU.
import { LRUCache } from 'lru-cache';
import type { CacheEntry, CacheStore, StoreRead } from './store.ts';

export interface MemoryStoreOptions {
  maxEntries?: number;
  /** Upper bound of an entry's life; invalidation marks are kept that long, so none is forgotten early. */
  maxLifetimeMs?: number;
  now?: () => number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): CacheStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const maxLifetimeMs = options.maxLifetimeMs ?? 3_600_000;
  const entries = new LRUCache<string, CacheEntry>({ max: maxEntries });
  // Invalidation marks are never evicted by size, only by age, so an entry can never outlive its mark.
  const invalidations = new Map<string, number>();
  const invalidatedAt = (scope: string): number => {
    const at = invalidations.get(scope) ?? 0;
    if (at !== 0 && at + maxLifetimeMs < now()) invalidations.delete(scope);
    return at;
  };
  const id = (scope: string, key: string): string => `${scope}\u0000${key}`;

  return {
    kind: 'memory',
    read(scope, key): Promise<StoreRead> {
      const entry = entries.get(id(scope, key));
      const live = entry && entry.staleUntil > now() ? entry : undefined;
      return Promise.resolve({ entry: live, invalidatedAt: invalidatedAt(scope) });
    },
    write(scope, key, entry) {
      entries.set(id(scope, key), {
        ...entry,
        staleUntil: Math.min(entry.staleUntil, now() + maxLifetimeMs),
      });
      return Promise.resolve();
    },
    invalidate(scope, at) {
      invalidations.set(scope, Math.max(at, invalidatedAt(scope)));
      return Promise.resolve();
    },
    close() {
      entries.clear();
      invalidations.clear();
      return Promise.resolve();
    },
  };
}
