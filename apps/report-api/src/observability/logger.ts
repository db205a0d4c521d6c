// Structured JSON logs (pino). Every request gets an id: the caller's X-Request-Id when it is safe to
// reuse (short, printable), else a new UUID; it is echoed on every response and on every log line.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'report-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    destination,
  );
}

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

const ROOT = Symbol('request logger root');
const CHILD = Symbol('request logger');
interface LoggedRequest {
  id: string;
  method: string;
  originalUrl: string;
  [ROOT]?: Logger;
  [CHILD]?: Logger;
}

/**
 * The logger of a request: bound to its id, method and URL, built on first use (most requests never log
 * through it). Outside httpLogger (e.g. a bare test app) it is a silent logger.
 */
export function requestLog(req: LoggedRequest): Logger {
  const root = req[ROOT];
  if (!root) return silent;
  return (req[CHILD] ??= root.child({ req: { id: req.id, method: req.method, url: req.originalUrl } }));
}
const silent = pino({ level: 'silent' });

/**
 * Gives every request an id (echoed as X-Request-Id) and writes one JSON line when it ends (`request
 * completed`, or `request aborted` when the client went away first), at info, or error for a 5xx. Only
 * what a request needs is done per request: pino-http built a child logger for every one, a tenth of the
 * hot read's CPU (decision 028).
 */
export function httpLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestIdOf(req);
    const started = performance.now();
    req.id = id;
    (req as LoggedRequest)[ROOT] = logger;
    res.setHeader(REQUEST_ID_HEADER, id);
    res.once('close', () => {
      const level = res.statusCode >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: req.originalUrl },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
