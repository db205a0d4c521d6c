// The scheduled job that keeps the insights views fresh: refreshInsights() once shortly after the worker
// starts, then every INSIGHTS_REFRESH_INTERVAL_MINUTES (default 60; 0 disables). Started by src/worker.ts
// with one line; it stops itself on SIGTERM/SIGINT so the worker's graceful shutdown is not held up.
import type pg from 'pg';
import type { Logger } from 'pino';
import { refreshInsights } from '@repo/db';

export interface InsightsSchedule {
  /** Resolves when no refresh is running any more. */
  stop: () => Promise<void>;
  /** Runs one refresh now (skipped if one is already running). */
  runNow: () => Promise<void>;
}

export function startInsightsRefreshSchedule(options: {
  pool: pg.Pool;
  logger: Pick<Logger, 'info' | 'error'>;
  intervalMs?: number;
  firstRunDelayMs?: number;
  env?: NodeJS.ProcessEnv;
}): InsightsSchedule {
  const env = options.env ?? process.env;
  const minutes = Number(env.INSIGHTS_REFRESH_INTERVAL_MINUTES ?? 60);
  const intervalMs =
    options.intervalMs ?? (Number.isFinite(minutes) && minutes >= 0 ? minutes * 60_000 : 3_600_000);
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const runNow = (): Promise<void> => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        const result = await refreshInsights(options.pool);
        if (result.refreshed) {
          options.logger.info(
            { ms: Math.round(result.totalMs), views: result.views.length },
            'insights refreshed',
          );
        } else options.logger.info('insights refresh skipped: another one is running');
      } catch (error) {
        options.logger.error({ err: error }, 'insights refresh failed');
      }
    });
    return running;
  };

  const timers: NodeJS.Timeout[] = [];
  if (intervalMs > 0) {
    timers.push(setTimeout(() => void runNow(), options.firstRunDelayMs ?? 5_000).unref());
    timers.push(setInterval(() => void runNow(), intervalMs).unref());
  }
  const stop = async (): Promise<void> => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    await running;
  };
  const onSignal = (): void => void stop();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return {
    stop: async () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await stop();
    },
    runNow,
  };
}
