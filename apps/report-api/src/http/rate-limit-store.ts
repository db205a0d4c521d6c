// Counters of the per-company rate limit shared by every API process through Redis (REDIS_URL), so N
// processes enforce one limit per company instead of N. A fixed window per key: INCR, then PEXPIRE NX
// (sets the window only on the first hit) and PTTL, in one MULTI round trip, with plain commands so the
// store recovers by itself when Redis comes back (rate-limit-redis keeps Lua script hashes that stay
// failed after a start without Redis). Errors reach companyRateLimit (rate-limit.ts), which lets the request
// through.
import { Redis } from 'ioredis';
import type { IncrementResponse, Options, Store } from 'express-rate-limit';

export interface RedisRateLimitStore extends Store {
  close: () => Promise<void>;
}

export function createRedisRateLimitStore(options: { url: string; prefix: string }): RedisRateLimitStore {
  const redis = new Redis(options.url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    enableOfflineQueue: true,
  });
  // Connection errors surface on the commands (and so in the limiter's log); the client reconnects.
  redis.on('error', () => undefined);
  let windowMs = 60_000;
  const keyOf = (key: string): string => `${options.prefix}${key}`;

  return {
    prefix: options.prefix,
    localKeys: false,
    init(limiterOptions: Options) {
      windowMs = limiterOptions.windowMs;
    },
    async increment(key): Promise<IncrementResponse> {
      const k = keyOf(key);
      const replies = await redis.multi().incr(k).pexpire(k, windowMs, 'NX').pttl(k).exec();
      if (!replies) throw new Error('rate limit: the Redis transaction was aborted');
      const [incr, , pttl] = replies;
      if (incr?.[0]) throw incr[0];
      const totalHits = Number(incr?.[1]);
      const ttl = Number(pttl?.[1]);
      return { totalHits, resetTime: new Date(Date.now() + (ttl > 0 ? ttl : windowMs)) };
    },
    async decrement(key) {
      await redis.decr(keyOf(key));
    },
    async resetKey(key) {
      await redis.del(keyOf(key));
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
