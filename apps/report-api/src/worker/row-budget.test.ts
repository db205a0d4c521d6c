import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRowBudget } from './row-budget.ts';

describe('row budget (token bucket shared by the runs of one worker)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a tenth of a second of rows through at once, then paces the rest at the budget', async () => {
    const budget = createRowBudget(1000);
    expect(budget.burst).toBe(100);
    let done = 0;
    const taken = [budget.take(100), budget.take(50), budget.take(50)].map((p) => p.then(() => done++));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(1);
    await vi.advanceTimersByTimeAsync(49);
    expect(done).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(done).toBe(3);
    await Promise.all(taken);
  });

  it('shares the budget between concurrent runs in arrival order', async () => {
    const budget = createRowBudget(100, 1);
    await budget.take(100);
    const order: string[] = [];
    const a = budget.take(50).then(() => order.push('a'));
    const b = budget.take(50).then(() => order.push('b'));
    await vi.advanceTimersByTimeAsync(500);
    expect(order).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(500);
    expect(order).toEqual(['a', 'b']);
    await Promise.all([a, b]);
  });

  it('takes a batch larger than the bucket in installments', async () => {
    const budget = createRowBudget(100, 1);
    let done = false;
    const big = budget.take(350).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(2_400);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(true);
    await big;
  });

  it('stops waiting when the run is aborted', async () => {
    const budget = createRowBudget(10, 1);
    await budget.take(10);
    const abort = new AbortController();
    const waiting = budget.take(10, abort.signal);
    abort.abort(new Error('canceled'));
    await expect(waiting).rejects.toThrow('canceled');
  });

  it('never waits when the budget is 0 (unlimited)', async () => {
    const budget = createRowBudget(0);
    await expect(budget.take(1_000_000)).resolves.toBeUndefined();
    expect(budget.limited).toBe(false);
    expect(budget.burst).toBe(Infinity);
  });
});
