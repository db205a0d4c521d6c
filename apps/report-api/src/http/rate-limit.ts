// Per-company rate limit (per client address before authentication): a 429 problem with Retry-After.
// The counters live in this process by default (express-rate-limit's memory store: N processes allow N
// times the rate) and in Redis when REDIS_URL is set, shared by every API process (decision 026). When
// the shared store fails, requests pass (fail open) and the failure is logged.
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Request, RequestHandler, Response } from 'express';
import { HttpProblem } from './problem.ts';

export function rateLimitKey(req: Request, res: Response): string {
  const principal = res.locals.principal;
  if (principal) {
    return principal.companyId === null ? `token:${principal.tokenId}` : `company:${principal.companyId}`;
  }
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

export function companyRateLimit(
  limitPerMinute: number,
  options: { store?: Store; logger?: Pick<Logger, 'warn'> } = {},
): RequestHandler {
  const logger = options.logger;
  let loggedAt = 0;
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    ...(options.store ? { store: options.store } : {}),
    passOnStoreError: true,
    logger: {
      // At most one line every 10 s while the store is down.
      error: (error: unknown) => {
        if (Date.now() - loggedAt < 10_000) return;
        loggedAt = Date.now();
        logger?.warn({ err: error }, 'rate limit store unavailable; letting requests through');
      },
      warn: (error: unknown) => logger?.warn({ err: error }, 'rate limit warning'),
    },
    standardHeaders: 'draft-8',
    // The policy name of the RateLimit headers, fixed here rather than rebuilt on every request.
    identifier: `${String(limitPerMinute)}-in-1min`,
    legacyHeaders: false,
    keyGenerator: rateLimitKey,
    handler: (req, _res, next) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
      next(
        new HttpProblem('rate-limited', {
          detail: `More than ${limitPerMinute} requests in a minute; retry in ${seconds} s`,
          retryAfterSeconds: seconds,
        }),
      );
    },
  });
}
