// promtool is not available here, so the alert rules and the dashboard are checked structurally, and every
// metric they query is checked against what the API and the worker actually export (scraped from a real
// server's /metrics and the worker's registry): a renamed metric cannot silently blind an alert.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricFamilies } from '../../src/diagnose/prometheus-text.ts';
import { createWorkerMetrics } from '../../src/worker/worker-metrics.ts';
import { TOKENS, bearer, startTestServer, type TestServer } from '../platform/fixtures.ts';

const repo = (path: string): string => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; interval?: string; rules: Rule[] }[];
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: { id: number; title: string; type: string; targets: { refId: string; expr: string }[] }[];
}

const FUNCTIONS = new Set([
  'sum',
  'rate',
  'irate',
  'increase',
  'histogram_quantile',
  'max',
  'min',
  'avg',
  'count',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'min_over_time',
  'max_over_time',
  'avg_over_time',
  'abs',
  'absent',
  'clamp_min',
  'clamp_max',
  'topk',
  'bottomk',
  'vector',
  'scalar',
  'time',
  'le',
]);

/** Metric names a PromQL expression selects (labels, strings, ranges and functions removed). */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const token = m[0];
    const after = stripped.slice(m.index + token.length).trimStart();
    if (FUNCTIONS.has(token) || after.startsWith('(')) continue;
    names.add(token);
  }
  return [...names];
}

const rules = parse(readFileSync(repo('ops/prometheus/alerts.yml'), 'utf8')) as RuleFile;
const dashboard = JSON.parse(readFileSync(repo('ops/grafana/report-api.json'), 'utf8')) as Dashboard;
const allRules = rules.groups.flatMap((g) => g.rules);
const recorded = new Set(allRules.flatMap((r) => (r.record ? [r.record] : [])));

let s: TestServer;
let exported: Set<string>;

beforeAll(async () => {
  s = await startTestServer();
  await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicA) });
  const api = await (await fetch(`${s.url}/metrics`)).text();
  const worker = await createWorkerMetrics().registry.metrics();
  exported = new Set([...metricFamilies(api), ...metricFamilies(worker), 'up']);
});

afterAll(async () => {
  await s.stop();
});

function unknownMetrics(exprs: string[]): string[] {
  const missing = new Set<string>();
  for (const expr of exprs) {
    for (const name of metricNames(expr)) {
      if (name.includes(':')) {
        if (!recorded.has(name)) missing.add(name);
        continue;
      }
      const family = name.replace(/_(bucket|count|sum)$/, '');
      if (!exported.has(family) && !exported.has(name)) missing.add(name);
    }
  }
  return [...missing];
}

describe('Prometheus alert rules (ops/prometheus/alerts.yml)', () => {
  it('every alert has an expression, a severity, a summary and a runbook', () => {
    const alerts = allRules.filter((r) => r.alert);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const a of alerts) {
      expect(a.expr, a.alert).toBeTruthy();
      expect(['page', 'ticket'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.runbook, a.alert).toMatch(/^docs\/reference\/capacity\.md/);
    }
  });

  it('every metric an alert or recording rule queries is exported by the API or the worker', () => {
    expect(unknownMetrics(allRules.map((r) => r.expr))).toEqual([]);
  });

  it('pages on fast burns only when a long and a short window agree (multi-window, multi-burn-rate)', () => {
    const burn = allRules.filter((r) => r.alert?.includes('BudgetBurn'));
    expect(burn.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'ReportApiErrorBudgetBurnFast',
        'ReportApiErrorBudgetBurnSlow',
        'ReportApiLatencyBudgetBurnFast',
      ]),
    );
    const windows = (expr: string) => [...expr.matchAll(/ratio_rate(\d+[mhd])/g)].map((m) => m[1]);
    const fast = burn.find((r) => r.alert === 'ReportApiErrorBudgetBurnFast')!;
    expect(windows(fast.expr)).toEqual(['1h', '5m']);
    expect(fast.expr).toContain('14.4');
    const slow = burn.find((r) => r.alert === 'ReportApiErrorBudgetBurnSlow')!;
    expect(windows(slow.expr)).toEqual(['6h', '30m']);
    for (const r of burn) expect(windows(r.expr).length, r.alert).toBeGreaterThanOrEqual(2);
  });

  it('covers the four SLOs: availability, latency, report time-to-complete and zero lost runs', () => {
    const slos = new Set(allRules.flatMap((r) => (r.labels?.slo ? [r.labels.slo] : [])));
    expect([...slos].sort()).toEqual([
      'availability',
      'latency',
      'report-time-to-complete',
      'zero-lost-runs',
    ]);
  });

  it('catches a rule that queries a metric nobody exports', () => {
    expect(unknownMetrics(['sum(rate(http_requests_totl[5m]))', 'slo:not_recorded:ratio'])).toEqual([
      'http_requests_totl',
      'slo:not_recorded:ratio',
    ]);
  });
});

describe('Grafana dashboard (ops/grafana/report-api.json)', () => {
  it('is a dashboard with a stable uid, unique panel ids and a query per panel', () => {
    expect(dashboard.uid).toBe('report-api-capacity');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) expect(p.targets.length, p.title).toBeGreaterThan(0);
  });

  it('queries only metrics the API or the worker export, or rules recorded in alerts.yml', () => {
    expect(unknownMetrics(dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)))).toEqual([]);
  });

  it('shows the indicators of success: errors, p99, queries per request, pool, loop lag, queue and report time', () => {
    const text = JSON.stringify(dashboard.panels.map((p) => p.targets.map((t) => t.expr)));
    for (const metric of [
      'slo:http_errors:ratio_rate5m',
      'http_request_duration_seconds_bucket',
      'db_queries_per_request_sum',
      'db_pool_waiting_requests',
      'nodejs_eventloop_lag_p99_seconds',
      'report_runs_queue_depth',
      'report_run_duration_seconds_bucket',
      'cache_hit_ratio',
    ])
      expect(text).toContain(metric);
  });
});
