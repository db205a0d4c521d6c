import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { ReleaseEvery } from './memory-bound.ts';

async function gcsDuring(action: () => void): Promise<PerformanceEntry[]> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  action();
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return entries;
}

describe('ReleaseEvery', () => {
  it('runs a garbage collection each time the byte budget is used up', async () => {
    const release = new ReleaseEvery(10);
    const entries = await gcsDuring(() => {
      for (let i = 0; i < 6; i++) release.add(6); // 36 bytes: three budgets of 10
    });
    expect(entries.length).toBeGreaterThanOrEqual(3);
  });
});
