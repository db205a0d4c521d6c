import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Cache,
  cacheKeyOf,
  createCacheFromEnv,
  createMemoryStore,
  createRedisStore,
  type CacheStore,
} from '../../src/cache/index.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-cache-${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.now() + 1_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const stores: [string, (now: () => number) => CacheStore][] = [
  ['in-process LRU', (now) => createMemoryStore({ now })],
  [
    'Redis',
    () => createRedisStore({ url: REDIS_URL, prefix: `${prefix}-${randomBytes(3).toString('hex')}` }),
  ],
];

function counter<T>(value: (n: number) => T, delayMs = 0): { load: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    load: async () => {
      calls += 1;
      const n = calls;
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      return value(n);
    },
    calls: () => calls,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe.each(stores)('cache-aside on the %s store', (_name, makeStore) => {
  const ttl = { ttlMs: 1_000, staleMs: 5_000 };

  function setup(extra: Partial<ConstructorParameters<typeof Cache>[0]> = {}) {
    const c = clock();
    const registry = new Registry();
    const cache = new Cache({ store: makeStore(c.now), now: c.now, registry, earlyRefreshBeta: 0, ...extra });
    return { cache, clock: c, registry };
  }

  it('loads on a miss and answers the next read from the cache', async () => {
    const { cache } = setup();
    const source = counter((n) => ({ version: n }));
    const key = { companyId: '1', name: 'clinic' };
    expect(await cache.getOrLoad(key, source.load, ttl)).toEqual({ version: 1 });
    expect(await cache.getOrLoad(key, source.load, ttl)).toEqual({ version: 1 });
    expect(source.calls()).toBe(1);
    expect(cache.stats()).toMatchObject({ hit: 1, miss: 1, hitRatio: 0.5 });
    await cache.close();
  });

  it('loads once for 50 concurrent misses of the same key (single flight)', async () => {
    const { cache } = setup();
    const source = counter((n) => n, 50);
    const key = { companyId: '1', name: 'clinic' };
    const values = await Promise.all(
      Array.from({ length: 50 }, () => cache.getOrLoad(key, source.load, ttl)),
    );
    expect(new Set(values)).toEqual(new Set([1]));
    expect(source.calls()).toBe(1);
    await cache.close();
  });

  it("never serves one company's value to another", async () => {
    const { cache } = setup();
    await cache.getOrLoad({ companyId: '1', name: 'clinic' }, () => Promise.resolve('clinic 1'), ttl);
    const other = await cache.getOrLoad(
      { companyId: '2', name: 'clinic' },
      () => Promise.resolve('clinic 2'),
      ttl,
    );
    expect(other).toBe('clinic 2');
    await cache.close();
  });

  it("reloads after a write invalidates the company, and leaves other companies' entries alone", async () => {
    const { cache, clock: c } = setup();
    const a = counter((n) => `a${n}`);
    const b = counter((n) => `b${n}`);
    await cache.getOrLoad({ companyId: '1', name: 'clinic' }, a.load, ttl);
    await cache.getOrLoad({ companyId: '2', name: 'clinic' }, b.load, ttl);
    c.advance(1);
    await cache.invalidateCompany('1');
    c.advance(1);
    expect(await cache.getOrLoad({ companyId: '1', name: 'clinic' }, a.load, ttl)).toBe('a2');
    expect(await cache.getOrLoad({ companyId: '2', name: 'clinic' }, b.load, ttl)).toBe('b1');
    await cache.close();
  });

  it('ignores a value whose load started before an invalidation', async () => {
    const { cache, clock: c } = setup();
    const key = { companyId: '7', name: 'clinic' };
    let release: (v: string) => void = () => undefined;
    const slow = cache.getOrLoad(key, () => new Promise<string>((r) => (release = r)), ttl);
    c.advance(5);
    await cache.invalidateCompany('7');
    c.advance(5);
    release('before the write');
    expect(await slow).toBe('before the write');
    expect(await cache.getOrLoad(key, () => Promise.resolve('after the write'), ttl)).toBe('after the write');
    await cache.close();
  });

  it('serves a stale value while one background refresh replaces it', async () => {
    const { cache, clock: c } = setup();
    const source = counter((n) => n, 20);
    const key = { companyId: '1', name: 'appointments', params: { limit: 20 } };
    await cache.getOrLoad(key, source.load, ttl);
    c.advance(1_500);
    const stale = await Promise.all(Array.from({ length: 10 }, () => cache.getOrLoad(key, source.load, ttl)));
    expect(stale).toEqual(Array.from({ length: 10 }, () => 1));
    await new Promise((r) => setTimeout(r, 80));
    expect(source.calls()).toBe(2);
    expect(await cache.getOrLoad(key, source.load, ttl)).toBe(2);
    expect(cache.stats().stale).toBe(10);
    await cache.close();
  });

  it('misses once the stale window is over too', async () => {
    const { cache, clock: c } = setup();
    const source = counter((n) => n);
    const key = { companyId: '1', name: 'clinic' };
    await cache.getOrLoad(key, source.load, ttl);
    c.advance(10_000);
    expect(await cache.getOrLoad(key, source.load, ttl)).toBe(2);
    await cache.close();
  });

  it('refreshes a fresh entry early when XFetch draws it, still answering from the cache', async () => {
    const { cache } = setup({ earlyRefreshBeta: 1, random: () => 1e-9 });
    const source = counter((n) => n);
    const key = { companyId: '1', name: 'clinic' };
    const short = { ttlMs: 10, staleMs: 5_000 };
    await cache.getOrLoad(key, source.load, short);
    expect(await cache.getOrLoad(key, source.load, short)).toBe(1);
    await settle();
    expect(source.calls()).toBe(2);
    expect(cache.stats()).toMatchObject({ hit: 1, miss: 1, stale: 0 });
    await cache.close();
  });

  it('does not refresh early when the draw says the entry is far from expiry', async () => {
    const { cache } = setup({ earlyRefreshBeta: 1, random: () => 0.99 });
    const source = counter((n) => n);
    const key = { companyId: '1', name: 'clinic' };
    await cache.getOrLoad(key, source.load, ttl);
    await cache.getOrLoad(key, source.load, ttl);
    await settle();
    expect(source.calls()).toBe(1);
    await cache.close();
  });

  it('exports lookups by result and the hit ratio as metrics', async () => {
    const { cache, registry } = setup();
    const key = { companyId: '1', name: 'clinic' };
    for (let i = 0; i < 4; i += 1) await cache.getOrLoad(key, () => Promise.resolve(1), ttl);
    const text = await registry.metrics();
    expect(text).toContain('cache_requests_total{cache="default",result="hit"} 3');
    expect(text).toContain('cache_requests_total{cache="default",result="miss"} 1');
    expect(text).toContain('cache_hit_ratio{cache="default"} 0.75');
    expect(text).toContain('cache_loads_total{cache="default",outcome="miss"} 1');
    await cache.close();
  });

  it('passes a loader error to the caller and caches nothing', async () => {
    const { cache } = setup();
    const key = { companyId: '1', name: 'clinic' };
    await expect(cache.getOrLoad(key, () => Promise.reject(new Error('db down')), ttl)).rejects.toThrow(
      'db down',
    );
    expect(await cache.getOrLoad(key, () => Promise.resolve('ok'), ttl)).toBe('ok');
    await cache.close();
  });
});

describe('cache configuration and failure', () => {
  it('builds the same key whatever the order of parameters', () => {
    const a = cacheKeyOf({
      companyId: '1',
      name: 'appointments',
      params: { limit: 20, status: 'scheduled' },
    });
    const b = cacheKeyOf({
      companyId: '1',
      name: 'appointments',
      params: { status: 'scheduled', limit: 20 },
    });
    expect(a).toEqual(b);
    expect(a.scope).toBe('company:1');
  });

  it('uses Redis when REDIS_URL is set and the in-process LRU otherwise', async () => {
    const redis = createCacheFromEnv({ env: { REDIS_URL, CACHE_PREFIX: prefix }, registry: new Registry() });
    const memory = createCacheFromEnv({ env: {} });
    expect(redis.kind).toBe('redis');
    expect(memory.kind).toBe('memory');
    expect(
      await redis.getOrLoad({ companyId: '1', name: 'x' }, () => Promise.resolve(1), { ttlMs: 1000 }),
    ).toBe(1);
    await redis.close();
    await memory.close();
  });

  it('serves from the source of truth and reports the error when Redis is unreachable', async () => {
    const errors: unknown[] = [];
    const cache = new Cache({
      store: createRedisStore({ url: 'redis://127.0.0.1:1', prefix, onError: (e) => errors.push(e) }),
      onError: (e) => errors.push(e),
    });
    const value = await cache.getOrLoad(
      { companyId: '1', name: 'clinic' },
      () => Promise.resolve('from db'),
      {
        ttlMs: 1000,
      },
    );
    expect(value).toBe('from db');
    expect(errors.length).toBeGreaterThan(0);
    await cache.close().catch(() => undefined);
  });
});
