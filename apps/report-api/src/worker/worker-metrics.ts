// Worker metrics (Prometheus): run duration by type, rows per second, rows exported, failures by code,
// deliveries deferred by the per-company limit.
// The worker has no port by default; WORKER_METRICS_PORT exposes this registry for scraping.
import { Counter, Histogram, type Registry } from 'prom-client';
import { createRegistry } from '../observability/registry.ts';

export interface WorkerMetrics {
  registry: Registry;
  runDuration: Histogram<'type' | 'format' | 'outcome'>;
  rowsPerSecond: Histogram<'type' | 'format'>;
  rowsExported: Counter<'type' | 'format'>;
  failures: Counter<'code'>;
  deferrals: Counter;
}

export function createWorkerMetrics(options: { defaultMetrics?: boolean } = {}): WorkerMetrics {
  const registry = createRegistry({ defaultMetrics: options.defaultMetrics });
  return {
    registry,
    runDuration: new Histogram({
      name: 'report_run_duration_seconds',
      help: 'Wall time of one report run attempt, by type, format and outcome',
      labelNames: ['type', 'format', 'outcome'],
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    }),
    rowsPerSecond: new Histogram({
      name: 'report_run_rows_per_second',
      help: 'Export throughput of successful runs, by type and format',
      labelNames: ['type', 'format'],
      buckets: [1e2, 1e3, 1e4, 5e4, 1e5, 2.5e5, 5e5, 1e6, 2e6],
      registers: [registry],
    }),
    rowsExported: new Counter({
      name: 'report_rows_exported_total',
      help: 'Rows written to report files, by type and format',
      labelNames: ['type', 'format'],
      registers: [registry],
    }),
    failures: new Counter({
      name: 'report_run_failures_total',
      help: 'Failed report run attempts, by stable error code (retried or final)',
      labelNames: ['code'],
      registers: [registry],
    }),
    deferrals: new Counter({
      name: 'report_run_deferrals_total',
      help: 'Deliveries handed back unclaimed because their company was at its concurrent-run limit',
      registers: [registry],
    }),
  };
}
