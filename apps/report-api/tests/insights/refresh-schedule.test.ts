import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insightsAnchor, seedInsightsFixture } from '@repo/db';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { startInsightsRefreshSchedule } from '../../src/features/insights/refresh-schedule.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('insights_schedule');
  await seedInsightsFixture(t.pool);
});
afterAll(async () => {
  await t.drop();
});

function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      info: (...args: unknown[]) => lines.push(`info ${args.map((a) => JSON.stringify(a)).join(' ')}`),
      error: (...args: unknown[]) => lines.push(`error ${args.map((a) => JSON.stringify(a)).join(' ')}`),
    },
  };
}

describe('insights refresh schedule', () => {
  it('refreshes the views shortly after start and again on every interval', async () => {
    const { lines, logger } = recordingLogger();
    const schedule = startInsightsRefreshSchedule({
      pool: t.pool,
      logger: logger as never,
      intervalMs: 300,
      firstRunDelayMs: 10,
    });
    try {
      await expect
        .poll(() => lines.filter((l) => l.includes('insights refreshed')).length, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(2);
      expect(await insightsAnchor(t.pool)).not.toBeNull();
    } finally {
      await schedule.stop();
    }
  });

  it('logs a failed refresh and keeps the worker alive', async () => {
    const broken = await createTestDatabase('insights_schedule_broken');
    await broken.pool.query('DROP MATERIALIZED VIEW insights_health');
    const { lines, logger } = recordingLogger();
    const schedule = startInsightsRefreshSchedule({
      pool: broken.pool,
      logger: logger as never,
      intervalMs: 0,
    });
    try {
      await schedule.runNow();
      expect(lines.some((l) => l.startsWith('error') && l.includes('insights refresh failed'))).toBe(true);
    } finally {
      await schedule.stop();
      await broken.drop();
    }
  });

  it('is disabled by INSIGHTS_REFRESH_INTERVAL_MINUTES=0', async () => {
    const { lines, logger } = recordingLogger();
    const schedule = startInsightsRefreshSchedule({
      pool: t.pool,
      logger: logger as never,
      env: { INSIGHTS_REFRESH_INTERVAL_MINUTES: '0' },
      firstRunDelayMs: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await schedule.stop();
    expect(lines).toEqual([]);
  });
});
