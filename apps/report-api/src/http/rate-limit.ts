// Per-company rate limit (per client address before authentication): a 429 problem with Retry-After.
// The counter lives in this process (express-rate-limit memory store): N instances allow N times the
// rate; a shared store is the upgrade path (decision 026).
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Request, RequestHandler, Response } from 'express';
import { HttpProblem } from './problem.ts';

export function rateLimitKey(req: Request, res: Response): string {
  const principal = res.locals.principal;
  if (principal) {
    return principal.companyId === null ? `token:${principal.tokenId}` : `company:${principal.companyId}`;
  }
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

export function companyRateLimit(limitPerMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-8',
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
