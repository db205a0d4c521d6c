// One load-test run with autocannon. Open model by default: a fixed arrival rate (overallRate) with enough
// connections that the client never waits on the server, so overload shows as latency and errors instead of
// a quietly lower request rate (the achieved/target ratio is reported and checked). Closed model (no rate)
// measures maximum throughput. Loopback targets only; every run is bounded in time.
import autocannon from 'autocannon';
import { requestsFor, type ScenarioContext, type ScenarioName } from './scenarios.ts';
import { sampleSaturation, type Saturation } from './saturation.ts';

export interface RunOptions {
  label: string;
  url: string;
  scenario: ScenarioName;
  context: ScenarioContext;
  /** Requests per second across all connections (open model); omit for maximum throughput. */
  rate?: number;
  durationSeconds: number;
  connections?: number;
  /** /metrics URLs of the target processes, for saturation. */
  metricsUrls?: string[];
  timeoutSeconds?: number;
}

export interface RunResult {
  label: string;
  scenario: ScenarioName;
  model: 'open' | 'closed';
  targetRate: number | undefined;
  /** Responses per second actually completed. */
  throughput: number;
  requests: number;
  errors: number;
  errorRate: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** For the open model: share of the target arrival rate that was sustained (below 0.95 = overloaded). */
  sustained: number | undefined;
  saturation: Saturation;
  durationSeconds: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Load tests aim at this machine only (127.0.0.0/8, localhost, ::1). */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host)) return;
  throw new Error(`Load tests only target loopback addresses (127.0.0.1, localhost, ::1), not ${host}`);
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export async function runLoad(options: RunOptions): Promise<RunResult> {
  assertLoopback(options.url);
  if (!(options.durationSeconds > 0 && options.durationSeconds <= 600))
    throw new RangeError('durationSeconds must be between 0 and 600');
  const connections =
    options.connections ?? (options.rate ? Math.min(256, Math.max(8, Math.ceil(options.rate / 20))) : 50);
  const latencies: number[] = [];
  let bad = 0;
  const sampler = sampleSaturation(options.metricsUrls ?? []);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections,
        duration: options.durationSeconds,
        timeout: options.timeoutSeconds ?? 10,
        requests: requestsFor(options.scenario, options.context),
        ...(options.rate ? { overallRate: options.rate } : {}),
      },
      (error: unknown, res: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
        else resolve(res);
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      if (statusCode >= 400) bad += 1;
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  const saturation = await sampler.stop();
  latencies.sort((a, b) => a - b);
  const errors = bad + result.errors + result.timeouts;
  const requests = latencies.length + result.errors + result.timeouts;
  const throughput = latencies.length / Math.max(elapsed, 1e-9);
  return {
    label: options.label,
    scenario: options.scenario,
    model: options.rate ? 'open' : 'closed',
    targetRate: options.rate,
    throughput,
    requests,
    errors,
    errorRate: requests === 0 ? 0 : errors / requests,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? 0,
    sustained: options.rate ? throughput / options.rate : undefined,
    saturation,
    durationSeconds: elapsed,
  };
}
