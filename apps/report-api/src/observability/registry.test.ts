import { describe, expect, it, vi } from 'vitest';
import type * as promClient from 'prom-client';
import { Counter, collectDefaultMetrics } from 'prom-client';
import { createRegistry } from './registry.ts';

vi.mock('prom-client', async (importOriginal) => {
  const actual = await importOriginal<typeof promClient>();
  return { ...actual, collectDefaultMetrics: vi.fn(actual.collectDefaultMetrics) };
});

describe('createRegistry', () => {
  it("collects Node's default metrics (event-loop lag, CPU) into the new registry by default", async () => {
    const text = await createRegistry().metrics();
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('collects nothing when default metrics are turned off', () => {
    expect(createRegistry({ defaultMetrics: false }).getMetricsAsArray()).toEqual([]);
  });

  it('gives every caller its own registry', async () => {
    const one = createRegistry({ defaultMetrics: false });
    const other = createRegistry({ defaultMetrics: false });
    new Counter({ name: 'only_in_one_total', help: 'test', registers: [one] });
    expect(await one.metrics()).toContain('only_in_one_total');
    expect(await other.metrics()).not.toContain('only_in_one_total');
  });

  it("passes the event-loop precision through, and leaves prom-client's default alone when unset", () => {
    const collect = vi.mocked(collectDefaultMetrics);
    collect.mockClear();
    const precise = createRegistry({ eventLoopMonitoringPrecision: 20 });
    const plain = createRegistry();
    expect(collect.mock.calls).toEqual([
      [{ register: precise, eventLoopMonitoringPrecision: 20 }],
      [{ register: plain }],
    ]);
  });
});
