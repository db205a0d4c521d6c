// The security headers of every response. Helmet decides them; they depend on no request (no nonces, no
// per-request directives), so they are computed once here and each request only sets them: helmet's own
// middleware chain rebuilt the same values on every request of the hot path (decision 028).
import { IncomingMessage, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

// The headers OWASP's REST Security Cheat Sheet asks of a JSON API (nothing here is an HTML page): no
// content may load or frame a response, no sniffing, HTTPS only, no referrer, no cross-origin embedding.
// Helmet's document-only headers are off: they cost bytes on every response and protect nothing here.
export const API_SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  xFrameOptions: { action: 'deny' },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} satisfies Parameters<typeof helmet>[0];

/** What helmet(options) does to a response: the headers it sets and the ones it removes, in order. */
export function helmetHeaders(options: Parameters<typeof helmet>[0]): {
  set: [string, string][];
  removed: string[];
} {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      set.push([name, String(value)]);
    },
    removeHeader: (name: string) => {
      removed.push(name);
    },
  };
  let failure: unknown;
  helmet(options)(
    new IncomingMessage(new Socket()),
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      failure = error;
    },
  );
  if (failure) throw failure instanceof Error ? failure : new Error('helmet failed', { cause: failure });
  return { set, removed };
}

/** Sets helmet's headers for these options, computed once. */
export function securityHeaders(
  options: Parameters<typeof helmet>[0] = API_SECURITY_HEADERS,
): RequestHandler {
  const { set, removed } = helmetHeaders(options);
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
