// Per-request database query counter: an AsyncLocalStorage scope opened per request, and every query sent
// through an instrumented pool (pool.query, Kysely, checked-out clients) adds one to the scope it runs in.
// Exported as the `db_queries_per_request` histogram and, outside production, the X-DB-Queries header.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { Histogram, type Registry } from 'prom-client';

export const QUERY_COUNT_HEADER = 'X-DB-Queries';
export const QUERIES_PER_REQUEST_METRIC = 'db_queries_per_request';

interface QueryScope {
  count: number;
}

const storage = new AsyncLocalStorage<QueryScope>();
const instrumented = Symbol.for('clinic-reports.query-counter');
const checkoutScope = Symbol.for('clinic-reports.query-counter.scope');

interface CountedClient {
  query: (...args: unknown[]) => unknown;
  [instrumented]?: true;
  [checkoutScope]?: QueryScope | undefined;
}

function wrapClient(client: CountedClient, scope: QueryScope | undefined): void {
  client[checkoutScope] = scope;
  if (client[instrumented]) return;
  client[instrumented] = true;
  const original = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const owner = client[checkoutScope];
    if (owner) owner.count += 1;
    return original(...args);
  };
}

/**
 * Counts every query sent through this pool, into the scope of the code that asked for it. pg-pool hands
 * a freed client to a waiting caller from inside another request's callbacks, so the scope is captured
 * when the caller calls pool.query or pool.connect, never read later: a query is counted once, by its caller.
 */
export function instrumentPool(pool: pg.Pool): pg.Pool {
  const target = pool as unknown as {
    query: (...args: unknown[]) => unknown;
    connect: (...args: unknown[]) => unknown;
  };
  if ((pool as unknown as CountedClient)[instrumented]) return pool;
  (pool as unknown as CountedClient)[instrumented] = true;
  const query = target.query.bind(pool);
  const connect = target.connect.bind(pool);
  target.query = (...args: unknown[]) => {
    const scope = storage.getStore();
    if (scope) scope.count += 1;
    return query(...args);
  };
  target.connect = (...args: unknown[]) => {
    const callback = args[0];
    if (typeof callback === 'function') {
      // pool.query's own checkout: already counted by the wrapper above.
      return connect((error: unknown, client: CountedClient | undefined, done: unknown) => {
        if (client) wrapClient(client, undefined);
        (callback as (...a: unknown[]) => unknown)(error, client, done);
      });
    }
    const scope = storage.getStore();
    return (connect() as Promise<CountedClient>).then((client) => {
      wrapClient(client, scope);
      return client;
    });
  };
  return pool;
}

/** Queries run so far in the current request scope; undefined outside a scope. */
export function currentQueryCount(): number | undefined {
  return storage.getStore()?.count;
}

/** Runs fn in a fresh counting scope and returns its result with the number of queries it sent. */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const scope: QueryScope = { count: 0 };
  const result = await storage.run(scope, fn);
  return { result, queries: scope.count };
}

export interface QueryCounterOptions {
  registry: Registry;
  /** Adds the X-DB-Queries response header (never in production: it reveals internals). */
  exposeHeader: boolean;
  /** Route label for the histogram; defaults to the express route pattern or "unmatched". */
  routeOf?: (req: IncomingMessage) => string;
}

type Next = (error?: unknown) => void;

function expressRoute(req: IncomingMessage): string {
  const r = req as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  return typeof r.route?.path === 'string' ? `${r.baseUrl ?? ''}${r.route.path}` : 'unmatched';
}

/** Express/connect middleware: opens the scope, sets the header before headers go out, observes at finish. */
export function queryCounterMiddleware(options: QueryCounterOptions) {
  const existing = options.registry.getSingleMetric(QUERIES_PER_REQUEST_METRIC);
  const histogram =
    (existing as Histogram<'route'> | undefined) ??
    new Histogram({
      name: QUERIES_PER_REQUEST_METRIC,
      help: 'Database queries (round trips) sent while serving one HTTP request',
      labelNames: ['route'],
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50],
      registers: [options.registry],
    });
  const routeOf = options.routeOf ?? expressRoute;

  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const scope: QueryScope = { count: 0 };
    if (options.exposeHeader) {
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as { writeHead: (...args: unknown[]) => ServerResponse }).writeHead = (...args: unknown[]) => {
        if (!res.headersSent) res.setHeader(QUERY_COUNT_HEADER, String(scope.count));
        return writeHead(...args);
      };
    }
    res.once('finish', () => histogram.observe({ route: routeOf(req) }, scope.count));
    storage.run(scope, next);
  };
}
