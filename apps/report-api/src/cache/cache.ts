// Cache-aside for hot reads, scoped by company. getOrLoad serves a fresh entry, or a stale one while it
// refreshes in the background; on a miss it loads once per key however many callers wait (single flight).
// Fresh entries are refreshed early with a probability that grows near expiry (XFetch), so a hot key does
// not expire for everyone at once. invalidateCompany voids every entry of a company after a write.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CacheEntry, CacheStore } from './store.ts';

export interface CacheKey {
  companyId: string;
  /** What is cached, e.g. "clinic" or "appointments". */
  name: string;
  /** Request parameters that change the value; order does not matter. */
  params?: Record<string, string | number | boolean | null | undefined>;
}

export interface LoadOptions {
  /** Served as fresh for this long. */
  ttlMs: number;
  /** Then served stale (with a background refresh) for this long. */
  staleMs?: number;
}

export type CacheResult = 'hit' | 'stale' | 'miss';

export interface CacheOptions {
  store: CacheStore;
  registry?: Registry;
  /** Label on the metrics, to tell caches apart. */
  name?: string;
  /** XFetch beta: >1 refreshes earlier, 0 disables early refresh. */
  earlyRefreshBeta?: number;
  now?: () => number;
  random?: () => number;
  onError?: (error: unknown) => void;
}

interface Metrics {
  requests: Counter<'cache' | 'result'>;
  loads: Counter<'cache' | 'outcome'>;
}

function metricsFor(registry: Registry): Metrics {
  const existing = registry.getSingleMetric('cache_requests_total') as
    Counter<'cache' | 'result'> | undefined;
  if (existing) {
    return {
      requests: existing,
      loads: registry.getSingleMetric('cache_loads_total') as Counter<'cache' | 'outcome'>,
    };
  }
  const requests = new Counter({
    name: 'cache_requests_total',
    help: 'Cache lookups by result (hit, stale = served while refreshing, miss)',
    labelNames: ['cache', 'result'],
    registers: [registry],
  });
  const loads = new Counter({
    name: 'cache_loads_total',
    help: 'Loads from the source of truth by trigger and outcome',
    labelNames: ['cache', 'outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'cache_hit_ratio',
    help: 'Share of cache lookups answered from the cache (hit or stale) since start',
    labelNames: ['cache'],
    registers: [registry],
    async collect() {
      const values = (await requests.get()).values;
      const byCache = new Map<string, { served: number; total: number }>();
      for (const v of values) {
        const cache = String(v.labels.cache);
        const agg = byCache.get(cache) ?? { served: 0, total: 0 };
        agg.total += v.value;
        if (v.labels.result !== 'miss') agg.served += v.value;
        byCache.set(cache, agg);
      }
      this.reset();
      for (const [cache, agg] of byCache) this.set({ cache }, agg.total === 0 ? 0 : agg.served / agg.total);
    },
  });
  return { requests, loads };
}

export function cacheKeyOf(key: CacheKey): { scope: string; field: string } {
  const params = Object.entries(key.params ?? {})
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return { scope: `company:${key.companyId}`, field: params ? `${key.name}?${params}` : key.name };
}

export class Cache {
  readonly kind: CacheStore['kind'];
  readonly #store: CacheStore;
  readonly #name: string;
  readonly #beta: number;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #onError: (error: unknown) => void;
  readonly #inflight = new Map<string, Promise<unknown>>();
  readonly #metrics: Metrics | undefined;
  readonly #counts = { hit: 0, stale: 0, miss: 0 };

  constructor(options: CacheOptions) {
    this.#store = options.store;
    this.kind = options.store.kind;
    this.#name = options.name ?? 'default';
    this.#beta = options.earlyRefreshBeta ?? 1;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#onError = options.onError ?? (() => undefined);
    this.#metrics = options.registry ? metricsFor(options.registry) : undefined;
  }

  /** Lookups by result since this cache was created. */
  stats(): { hit: number; stale: number; miss: number; hitRatio: number } {
    const total = this.#counts.hit + this.#counts.stale + this.#counts.miss;
    return { ...this.#counts, hitRatio: total === 0 ? 0 : (this.#counts.hit + this.#counts.stale) / total };
  }

  async getOrLoad<T>(key: CacheKey, loader: () => Promise<T>, options: LoadOptions): Promise<T> {
    const { scope, field } = cacheKeyOf(key);
    let read: Awaited<ReturnType<CacheStore['read']>>;
    try {
      read = await this.#store.read(scope, field);
    } catch (error) {
      // The cache is an optimisation: when its store is down, serve from the source of truth.
      this.#onError(error);
      this.#record('miss');
      return this.#load(scope, field, loader, options, 'store_down');
    }
    const now = this.#now();
    const entry = read.entry && read.entry.loadedAt > read.invalidatedAt ? read.entry : undefined;
    if (entry && now < entry.freshUntil) {
      this.#record('hit');
      if (this.#shouldRefreshEarly(entry, now)) this.#refresh(scope, field, loader, options, 'early');
      return entry.value as T;
    }
    if (entry && now < entry.staleUntil) {
      this.#record('stale');
      this.#refresh(scope, field, loader, options, 'stale');
      return entry.value as T;
    }
    this.#record('miss');
    return this.#load(scope, field, loader, options, 'miss');
  }

  /** Voids everything cached for the company: call after any write that changes what it reads. */
  async invalidateCompany(companyId: string): Promise<void> {
    const { scope } = cacheKeyOf({ companyId, name: '' });
    for (const id of this.#inflight.keys()) if (id.startsWith(`${scope}\u0000`)) this.#inflight.delete(id);
    await this.#store.invalidate(scope, this.#now());
  }

  async close(): Promise<void> {
    await this.#store.close();
  }

  #record(result: CacheResult): void {
    this.#counts[result] += 1;
    this.#metrics?.requests.inc({ cache: this.#name, result });
  }

  // XFetch (Vattani et al.): refresh when now - loadMs * beta * ln(rand) >= expiry. Expensive values and
  // values close to expiry are refreshed earlier; one request does it, the others keep getting hits.
  #shouldRefreshEarly(entry: CacheEntry, now: number): boolean {
    if (this.#beta <= 0) return false;
    const gap = -Math.max(entry.loadMs, 1) * this.#beta * Math.log(Math.max(this.#random(), 1e-12));
    return now + gap >= entry.freshUntil;
  }

  #refresh<T>(
    scope: string,
    field: string,
    loader: () => Promise<T>,
    options: LoadOptions,
    why: string,
  ): void {
    this.#load(scope, field, loader, options, why).catch((error: unknown) => {
      this.#metrics?.loads.inc({ cache: this.#name, outcome: 'refresh_error' });
      this.#onError(error);
    });
  }

  #load<T>(
    scope: string,
    field: string,
    loader: () => Promise<T>,
    options: LoadOptions,
    why: string,
  ): Promise<T> {
    const id = `${scope}\u0000${field}`;
    const running = this.#inflight.get(id);
    if (running) return running as Promise<T>;
    const startedAt = this.#now();
    const promise = (async () => {
      const value = await loader();
      const loadedAt = this.#now();
      // Up to 10% less freshness at random, so entries loaded together do not all go stale together.
      const ttlMs = this.#beta > 0 ? options.ttlMs * (1 - 0.1 * this.#random()) : options.ttlMs;
      const entry: CacheEntry = {
        value,
        loadedAt: startedAt,
        freshUntil: loadedAt + ttlMs,
        staleUntil: loadedAt + options.ttlMs + (options.staleMs ?? 0),
        loadMs: loadedAt - startedAt,
      };
      this.#metrics?.loads.inc({ cache: this.#name, outcome: why });
      if (why !== 'store_down') {
        await this.#store.write(scope, field, entry).catch((error: unknown) => this.#onError(error));
      }
      return value;
    })();
    this.#inflight.set(id, promise);
    const forget = (): void => {
      if (this.#inflight.get(id) === promise) this.#inflight.delete(id);
    };
    promise.then(forget, forget);
    return promise;
  }
}
