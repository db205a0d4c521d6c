// Prometheus metrics. One registry per app (tests build many apps in one process); features add their
// own metrics to `metrics.registry`. HTTP metrics are labelled by route template, never by raw URL.
import type { Express, RequestHandler } from 'express';
import type pg from 'pg';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { matchRoutes } from '../http/route-table.ts';
import { createRegistry } from './registry.ts';

export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  httpRequestsInFlight: Gauge;
  /** Requests being served, counted by httpMetrics and read into the gauge at scrape time. */
  inFlight: { count: number };
  dbPoolAcquireDuration: Histogram<'outcome'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = createRegistry({
    defaultMetrics: options.defaultMetrics,
    eventLoopMonitoringPrecision: 20,
  });
  const inFlight = { count: 0 };
  return {
    registry,
    inFlight,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status: rate, errors and duration (RED)',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    httpRequestsInFlight: new Gauge({
      name: 'http_requests_in_flight',
      help: 'HTTP requests being served',
      registers: [registry],
      collect() {
        this.set(inFlight.count);
      },
    }),
    dbPoolAcquireDuration: new Histogram({
      name: 'db_pool_acquire_duration_seconds',
      help: 'Time spent waiting for a pooled PostgreSQL connection, by outcome (ok, error)',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/** The route label: the matched template, or a fixed label so unknown URLs cannot explode cardinality. */
export function routeLabel(app: Express, path: string): string {
  // Memoized per app: walking the router stack on every request costs CPU on the hottest path.
  let labels = routeLabels.get(app);
  if (!labels) {
    labels = new Map();
    routeLabels.set(app, labels);
  }
  const known = labels.get(path);
  if (known !== undefined) return known;
  const label = matchRoutes(app, path)[0]?.template ?? 'unmatched';
  if (labels.size >= 10_000) labels.clear();
  labels.set(path, label);
  return label;
}
const routeLabels = new WeakMap<Express, Map<string, string>>();

/** The route label of a request: its full path without the query (req.path is router-relative by the end). */
export function requestRouteLabel(app: Express, req: { originalUrl: string }): string {
  const url = req.originalUrl;
  const query = url.indexOf('?');
  return routeLabel(app, query === -1 ? url : url.slice(0, query));
}

export function httpMetrics(app: Express, metrics: Metrics): RequestHandler {
  const { httpRequestDuration, inFlight } = metrics;
  return (req, res, next) => {
    const started = performance.now();
    inFlight.count += 1;
    // 'close' follows 'finish' on every response, and is the only event when the client leaves first.
    res.once('close', () => {
      inFlight.count -= 1;
      const labels = {
        method: req.method,
        route: requestRouteLabel(app, req),
        status_code: String(res.statusCode),
      };
      httpRequestDuration.observe(labels, (performance.now() - started) / 1000);
    });
    next();
  };
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void;

/**
 * Pool usage gauges (total, idle, waiting) read at scrape time, and the time every checkout waited for a
 * connection (pool.connect is wrapped once; Kysely and pool.query both go through it).
 */
export function observePool(pool: pg.Pool, metrics: Metrics, name = 'main'): void {
  const gauge = (metric: string, help: string, read: () => number): void => {
    new Gauge({
      name: metric,
      help,
      labelNames: ['pool'],
      registers: [metrics.registry],
      collect() {
        this.set({ pool: name }, read());
      },
    });
  };
  gauge('db_pool_connections_total', 'Open connections of the PostgreSQL pool', () => pool.totalCount);
  gauge('db_pool_connections_idle', 'Idle connections of the PostgreSQL pool', () => pool.idleCount);
  gauge('db_pool_waiting_requests', 'Checkouts waiting for a free connection', () => pool.waitingCount);
  gauge('db_pool_max_connections', 'Configured pool size', () => pool.options.max);

  const original = pool.connect.bind(pool) as (
    callback?: ConnectCallback,
  ) => Promise<pg.PoolClient> | undefined;
  const timed = (callback?: ConnectCallback): Promise<pg.PoolClient> | undefined => {
    const end = metrics.dbPoolAcquireDuration.startTimer();
    if (callback) {
      return original((err, client, release) => {
        end({ outcome: err ? 'error' : 'ok' });
        callback(err, client, release);
      });
    }
    const pending = original();
    pending?.then(
      () => end({ outcome: 'ok' }),
      () => end({ outcome: 'error' }),
    );
    return pending;
  };
  (pool as unknown as { connect: typeof timed }).connect = timed;
}
