// The error boundary of the app: every error becomes an RFC 9457 problem+json response with the request
// id. Client mistakes map to 4xx; database unavailability to 503; anything else to a 500 without details.
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, type ProblemSlug } from '@repo/contract';
import { HttpProblem } from './problem.ts';
import { matchRoutes } from './route-table.ts';
import { requestLog } from '../observability/logger.ts';

const clientStatusSlugs: Partial<Record<number, ProblemSlug>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  416: 'range-not-satisfiable',
};

// Errors from body-parser and the router (http-errors) carry these fields.
interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  limit?: unknown;
  code?: unknown;
  message?: unknown;
}

function bodyParserDetail(type: unknown, limit: unknown): string | undefined {
  switch (type) {
    case 'entity.parse.failed':
      return 'The request body is not valid JSON';
    case 'entity.too.large':
      return typeof limit === 'number' ? `The request body exceeds ${limit} bytes` : undefined;
    case 'charset.unsupported':
      return 'The request body must be UTF-8 encoded';
    case 'encoding.unsupported':
      return 'The Content-Encoding of the request body is not supported';
    default:
      return undefined;
  }
}

const UNAVAILABLE_CODES = new Set([
  '57014', // query_canceled: statement_timeout
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
]);
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect', // pg pool acquire timeout
  'Connection terminated',
  'Cannot use a pool after calling end',
];

/** The problem a thrown value stands for; undefined when it is unexpected (500). */
export function toProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as HttpErrorLike;
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const slug = clientStatusSlugs[status] ?? 'bad-request';
    const detail =
      bodyParserDetail(e.type, e.limit) ??
      (error instanceof URIError ? 'The path is not valid percent-encoding' : undefined);
    return new HttpProblem(slug, detail ? { detail, cause: error } : { cause: error });
  }
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) {
    return new HttpProblem('unavailable', {
      detail:
        code === '57014' ? 'The database took too long to answer' : 'The database is not available right now',
      retryAfterSeconds: 1,
      cause: error,
    });
  }
  return undefined;
}

/** The request id set by the logging middleware (observability/logger.ts); always a string there. */
export function requestId(req: Request): string {
  return typeof req.id === 'string' ? req.id : '';
}

export function sendProblem(req: Request, res: Response, p: HttpProblem): void {
  for (const [name, value] of Object.entries(p.headers)) res.setHeader(name, value);
  res
    .status(p.status)
    .type(PROBLEM_CONTENT_TYPE)
    .json({ ...p.body, requestId: requestId(req) });
}

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    requestLog(req).error({ err: error }, 'error after the response started');
    next(error);
    return;
  }
  const known = toProblem(error);
  if (!known || known.status >= 500) requestLog(req).error({ err: error }, 'request failed');
  sendProblem(
    req,
    res,
    known ?? new HttpProblem('internal', { detail: `Quote request id ${requestId(req)}` }),
  );
};

/** After every route: 405 with Allow when the path exists for other methods, else 404. */
export function routeNotFound(app: Express): RequestHandler {
  return (req, _res, next) => {
    const methods = [...new Set(matchRoutes(app, req.path).flatMap((r) => r.methods))];
    if (methods.length > 0 && !methods.includes('*')) {
      next(
        new HttpProblem('method-not-allowed', {
          detail: `${req.method} is not allowed here; use ${methods.join(', ')}`,
          headers: { Allow: methods.join(', ') },
        }),
      );
      return;
    }
    next(new HttpProblem('not-found', { detail: 'No route matches this path' }));
  };
}
