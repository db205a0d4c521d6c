// Which routes of an express app match a path, read from the app's own router stack, so 405 responses,
// their Allow header and metrics route labels can never drift from the routes actually mounted.
import type { Express } from 'express';

interface MatchResult {
  path: string;
  pattern?: unknown;
}
interface LayerLike {
  match(path: string): MatchResult | false;
  route?: { methods: Record<string, boolean | undefined> };
  handle: { stack?: LayerLike[] };
}

export interface MatchedRoute {
  /** Express path template, e.g. /v1/appointments/:id */
  template: string;
  /** Upper-case methods; HEAD is implied by GET. '*' when the route accepts every method. */
  methods: string[];
}

function safeMatch(layer: LayerLike, path: string): MatchResult | false {
  try {
    return layer.match(path);
  } catch {
    return false; // a malformed %-escape in the path: no route matches
  }
}

function collect(stack: LayerLike[], path: string, prefix: string, out: MatchedRoute[]): void {
  for (const layer of stack) {
    const match = safeMatch(layer, path);
    if (!match) continue;
    const pattern = typeof match.pattern === 'string' ? match.pattern : '';
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).map((m) => (m === '_all' ? '*' : m.toUpperCase()));
      if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
      out.push({ template: prefix + pattern, methods });
    } else if (layer.handle.stack && pattern !== '' && pattern !== '/') {
      const rest = path.slice(match.path.length) || '/';
      collect(layer.handle.stack, rest, prefix + pattern, out);
    } else if (layer.handle.stack) {
      collect(layer.handle.stack, path, prefix, out);
    }
  }
}

export function matchRoutes(app: Express, path: string): MatchedRoute[] {
  const out: MatchedRoute[] = [];
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  collect(router.stack, path, '', out);
  return out;
}

function walk(stack: LayerLike[], prefix: string, out: MatchedRoute[]): void {
  for (const layer of stack) {
    const raw = (layer as LayerLike & { rawPath?: unknown }).rawPath;
    const pattern = typeof raw === 'string' && raw !== '/' ? raw : '';
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).map((m) => (m === '_all' ? '*' : m.toUpperCase()));
      out.push({ template: prefix + pattern, methods });
    } else if (layer.handle.stack) {
      walk(layer.handle.stack, prefix + pattern, out);
    }
  }
}

/** Every route mounted on the app (used to check that the OpenAPI document covers them all). */
export function listRoutes(app: Express): MatchedRoute[] {
  const out: MatchedRoute[] = [];
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '', out);
  return out;
}
