// Where cached entries live. Two implementations behind one interface: an in-process LRU (default, one
// process) and Redis (shared by every API process when REDIS_URL is set). Both scope entries by company so
// one write invalidates everything cached for that company in O(1).

export interface CacheEntry {
  value: unknown;
  /** When the load that produced this value started (ms since epoch): older than an invalidation = void. */
  loadedAt: number;
  /** Served as a hit until then. */
  freshUntil: number;
  /** Served while a background refresh runs until then; a miss after. */
  staleUntil: number;
  /** How long the load took (ms): early refresh starts sooner for expensive values. */
  loadMs: number;
}

export interface StoreRead {
  entry: CacheEntry | undefined;
  /** Last invalidation of the scope (ms since epoch), 0 if never. */
  invalidatedAt: number;
}

export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  read: (scope: string, key: string) => Promise<StoreRead>;
  write: (scope: string, key: string, entry: CacheEntry) => Promise<void>;
  invalidate: (scope: string, at: number) => Promise<void>;
  close: () => Promise<void>;
}
