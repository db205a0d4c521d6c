// Per-company rate limit (per client address before authentication): a 429 problem with Retry-After.
// The counters live in this process by default (express-rate-limit's memory store: N processes allow N
// times the rate) and in Redis when REDIS_URL is set, shared by every API process (decision 026). When
// the shared store fails, requests pass (fail open) and the failure is logged.
//
// The middleware is ours; the counting is express-rate-limit's (its Store interface, its MemoryStore, its
// IPv6-aware address key). Its own middleware cost a fifth of the API's CPU on the hot read: five awaits,
// request.ip resolved for a debug line, a SHA-256 per request (decision 029). This one awaits the store
// once and writes the same IETF draft-8 headers. Stores get only `windowMs` in their init options, and
// must be promise-based (express-rate-limit's legacy callback stores are not supported).
import { createHash } from 'node:crypto';
import {
  ipKeyGenerator,
  MemoryStore,
  type IncrementResponse,
  type Options,
  type Store,
} from 'express-rate-limit';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Request, RequestHandler, Response } from 'express';
import { HttpProblem } from './problem.ts';

const WINDOW_MS = 60_000;
const WINDOW_SECONDS = WINDOW_MS / 1000;

export function rateLimitKey(req: Request, res: Response): string {
  const principal = res.locals.principal;
  if (principal) {
    return principal.companyId === null ? `token:${principal.tokenId}` : `company:${principal.companyId}`;
  }
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

/** The draft-8 partition key: names a caller's counter without revealing it (express-rate-limit's form). */
function partitionKey(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return Buffer.from(hex).toString('base64');
}

export function companyRateLimit(
  limitPerMinute: number,
  options: { store?: Store; logger?: Pick<Logger, 'warn'> } = {},
): RequestHandler {
  const store = options.store ?? new MemoryStore();
  const logger = options.logger;
  // The policy name of the RateLimit headers (IETF draft-8), and the policy without its partition key.
  const name = `"${String(limitPerMinute)}-in-1min"`;
  const policy = `${name}; q=${String(limitPerMinute)}; w=${String(WINDOW_SECONDS)}; pk=:`;
  // One partition key per caller; bounded, as callers by address are unbounded.
  const policies = new LRUCache<string, string>({ max: 20_000 });
  let loggedAt = 0;

  const storeFailed = (error: unknown): void => {
    // At most one line every 10 s while the store is down.
    if (Date.now() - loggedAt < 10_000) return;
    loggedAt = Date.now();
    logger?.warn({ err: error }, 'rate limit store unavailable; letting requests through');
  };

  // A store that cannot start fails open like one that fails later: its counts fail and requests pass.
  try {
    const started = store.init?.({ windowMs: WINDOW_MS } as Options);
    if (started instanceof Promise) started.catch(storeFailed);
  } catch (error) {
    storeFailed(error);
  }

  /** Writes the RateLimit headers; the 429 problem when the caller is over the limit. */
  const decide = (key: string, counted: IncrementResponse, res: Response): HttpProblem | undefined => {
    const { totalHits, resetTime } = counted;
    const seconds = resetTime
      ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000))
      : WINDOW_SECONDS;
    if (!res.headersSent) {
      let keyed = policies.get(key);
      if (keyed === undefined) {
        keyed = `${policy}${partitionKey(key)}:`;
        policies.set(key, keyed);
      }
      const remaining = Math.max(limitPerMinute - totalHits, 0);
      res.setHeader('RateLimit', `${name}; r=${String(remaining)}; t=${String(seconds)}`);
      res.setHeader('RateLimit-Policy', keyed);
    }
    if (totalHits <= limitPerMinute) return undefined;
    const retryAfter = Math.max(1, seconds);
    return new HttpProblem('rate-limited', {
      detail: `More than ${String(limitPerMinute)} requests in a minute; retry in ${String(retryAfter)} s`,
      retryAfterSeconds: retryAfter,
    });
  };

  return (req, res, next) => {
    const key = rateLimitKey(req, res);
    let counting: Promise<IncrementResponse>;
    try {
      counting = Promise.resolve(store.increment(key));
    } catch (error) {
      storeFailed(error);
      next();
      return;
    }
    counting.then(
      (counted: IncrementResponse | undefined) => {
        // A count that is not a positive number is a failing store, not a caller over the limit.
        if (!counted || !Number.isFinite(counted.totalHits) || counted.totalHits <= 0) {
          storeFailed(new Error(`rate limit store counted ${String(counted?.totalHits)} for a request`));
          next();
          return;
        }
        let problem: HttpProblem | undefined;
        try {
          problem = decide(key, counted, res);
        } catch (error) {
          next(error);
          return;
        }
        next(problem);
      },
      (error: unknown) => {
        storeFailed(error);
        next();
      },
    );
  };
}
