// Evidence from a running instance's /metrics: RED per route, pool waits, event-loop lag, queries per
// request, cache hit ratio and report queue depth.
import { histogramQuantile, max, parsePrometheusText, sum, type Sample } from './prometheus-text.ts';

export interface RouteStat {
  route: string;
  requests: number;
  errors5xx: number;
  p99Ms: number | undefined;
}

export interface MetricsEvidence {
  url: string;
  routes: RouteStat[];
  requests: number;
  errorRate: number;
  poolMax: number | undefined;
  poolWaiting: number | undefined;
  poolAcquireP99Ms: number | undefined;
  poolAcquireErrors: number;
  eventLoopLagP99Ms: number | undefined;
  queriesPerRequestMean: number | undefined;
  queriesPerRequestByRoute: Record<string, number>;
  cacheHitRatio: number | undefined;
  queueDepth: number | undefined;
  residentMemoryMb: number | undefined;
}

export function metricsEvidenceFrom(url: string, samples: Sample[]): MetricsEvidence {
  const routes = new Map<string, RouteStat>();
  for (const s of samples) {
    if (s.name !== 'http_request_duration_seconds_count') continue;
    const route = s.labels.route ?? 'unmatched';
    const stat = routes.get(route) ?? { route, requests: 0, errors5xx: 0, p99Ms: undefined };
    stat.requests += s.value;
    if ((s.labels.status_code ?? '').startsWith('5')) stat.errors5xx += s.value;
    routes.set(route, stat);
  }
  for (const stat of routes.values()) {
    const q = histogramQuantile(0.99, samples, 'http_request_duration_seconds', { route: stat.route });
    stat.p99Ms = q === undefined ? undefined : q * 1000;
  }
  const list = [...routes.values()].filter((r) => !['/metrics', '/healthz', '/readyz'].includes(r.route));
  const requests = list.reduce((a, r) => a + r.requests, 0);
  const errors = list.reduce((a, r) => a + r.errors5xx, 0);
  const qCount = sum(samples, 'db_queries_per_request_count');
  const byRoute: Record<string, number> = {};
  for (const s of samples.filter((x) => x.name === 'db_queries_per_request_sum')) {
    const route = s.labels.route ?? 'unmatched';
    const count = sum(samples, 'db_queries_per_request_count', { route });
    if (count > 0) byRoute[route] = s.value / count;
  }
  const hit = samples.filter((s) => s.name === 'cache_hit_ratio');
  const acquire = histogramQuantile(0.99, samples, 'db_pool_acquire_duration_seconds');
  const queue = samples.filter((s) => s.name === 'report_runs_queue_depth');
  const rss = max(samples, 'process_resident_memory_bytes');
  return {
    url,
    routes: list.sort((a, b) => b.requests - a.requests),
    requests,
    errorRate: requests > 0 ? errors / requests : 0,
    poolMax: max(samples, 'db_pool_max_connections'),
    poolWaiting: max(samples, 'db_pool_waiting_requests'),
    poolAcquireP99Ms: acquire === undefined ? undefined : acquire * 1000,
    poolAcquireErrors: sum(samples, 'db_pool_acquire_duration_seconds_count', { outcome: 'error' }),
    eventLoopLagP99Ms: ((v) => (v === undefined ? undefined : v * 1000))(
      max(samples, 'nodejs_eventloop_lag_p99_seconds'),
    ),
    queriesPerRequestMean: qCount > 0 ? sum(samples, 'db_queries_per_request_sum') / qCount : undefined,
    queriesPerRequestByRoute: byRoute,
    cacheHitRatio: hit.length > 0 ? Math.min(...hit.map((h) => h.value)) : undefined,
    queueDepth: queue.length > 0 ? queue.reduce((a, s) => a + s.value, 0) : undefined,
    residentMemoryMb: rss === undefined ? undefined : rss / 1024 / 1024,
  };
}

export async function collectMetricsEvidence(url: string): Promise<MetricsEvidence> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`${url} answered ${String(res.status)}`);
  return metricsEvidenceFrom(url, parsePrometheusText(await res.text()));
}
