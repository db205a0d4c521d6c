// Saturation while a load test runs: the target's own /metrics every second (process CPU, event-loop lag,
// pool waits, report queue depth) and the machine's CPU from /proc/stat (client and server share 2 cores).
import { readFileSync } from 'node:fs';
import { max, parsePrometheusText, sum, type Sample } from '../src/diagnose/prometheus-text.ts';

export interface Saturation {
  /** Mean CPU of the target processes, in cores (1.0 = one core busy). */
  processCpuCores: number | undefined;
  /** Machine CPU busy share over the run (0..1), all cores. */
  machineCpu: number | undefined;
  /** Highest event-loop lag p99 seen, milliseconds. */
  eventLoopLagP99Ms: number | undefined;
  /** Highest number of checkouts waiting for a pool connection. */
  poolWaitingMax: number | undefined;
  /** Mean time a checkout waited for a connection during the run, milliseconds. */
  poolAcquireMeanMs: number | undefined;
  /** Highest report queue depth (queued + running). */
  queueDepthMax: number | undefined;
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const cpu = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

async function scrape(url: string): Promise<Sample[] | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return res.ok ? parsePrometheusText(await res.text()) : undefined;
  } catch {
    return undefined;
  }
}

export interface SaturationSampler {
  stop: () => Promise<Saturation>;
}

/** Scrapes every metricsUrl (one per API process behind a balancer, or one) each intervalMs until stop(). */
export function sampleSaturation(metricsUrls: string[], intervalMs = 1_000): SaturationSampler {
  const startedAt = performance.now();
  const ticks0 = machineTicks();
  const first: (Sample[] | undefined)[] = [];
  const last: (Sample[] | undefined)[] = [];
  let lag: number | undefined;
  let waiting: number | undefined;
  let queue: number | undefined;
  const peak = (a: number | undefined, b: number | undefined): number | undefined =>
    b === undefined ? a : Math.max(a ?? 0, b);

  const tick = async (): Promise<void> => {
    const all = await Promise.all(metricsUrls.map(scrape));
    all.forEach((samples, i) => {
      if (!samples) return;
      first[i] ??= samples;
      last[i] = samples;
      lag = peak(lag, max(samples, 'nodejs_eventloop_lag_p99_seconds'));
      waiting = peak(waiting, max(samples, 'db_pool_waiting_requests'));
      const depth = samples.filter((s) => s.name === 'report_runs_queue_depth');
      if (depth.length > 0)
        queue = peak(
          queue,
          depth.reduce((a, s) => a + s.value, 0),
        );
    });
  };
  const initial = tick();
  const timer = setInterval(() => void tick(), intervalMs);

  return {
    async stop() {
      clearInterval(timer);
      await initial;
      await tick();
      const seconds = (performance.now() - startedAt) / 1000;
      const ticks1 = machineTicks();
      let cpu = 0;
      let acquireSum = 0;
      let acquireCount = 0;
      let seen = false;
      for (let i = 0; i < metricsUrls.length; i += 1) {
        const a = first[i];
        const b = last[i];
        if (!a || !b) continue;
        seen = true;
        cpu += sum(b, 'process_cpu_seconds_total') - sum(a, 'process_cpu_seconds_total');
        acquireSum +=
          sum(b, 'db_pool_acquire_duration_seconds_sum') - sum(a, 'db_pool_acquire_duration_seconds_sum');
        acquireCount +=
          sum(b, 'db_pool_acquire_duration_seconds_count') - sum(a, 'db_pool_acquire_duration_seconds_count');
      }
      return {
        // Behind a balancer two scrapes may come from different processes: a negative delta means unknown.
        processCpuCores: seen && seconds > 0 && cpu >= 0 ? cpu / seconds : undefined,
        machineCpu:
          ticks0 && ticks1 && ticks1.total > ticks0.total
            ? (ticks1.busy - ticks0.busy) / (ticks1.total - ticks0.total)
            : undefined,
        eventLoopLagP99Ms: lag === undefined ? undefined : lag * 1000,
        poolWaitingMax: waiting,
        poolAcquireMeanMs: acquireCount > 0 ? (acquireSum / acquireCount) * 1000 : undefined,
        queueDepthMax: queue,
      };
    },
  };
}
