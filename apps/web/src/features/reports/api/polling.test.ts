import { describe, expect, it } from 'vitest';
import { pollDelayMs } from './polling.ts';

const config = { pollBaseMs: 1_000, pollFactor: 1.5, pollMaxMs: 10_000 };
const now = Date.parse('2026-11-29T10:00:00Z');
const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();

describe('backoff polling', () => {
  it('polls a fresh active run every second and backs off with its age, up to the cap', () => {
    expect(pollDelayMs([{ status: 'queued', createdAt: at(0) }], config, now)).toBe(1_000);
    expect(pollDelayMs([{ status: 'running', createdAt: at(6) }], config, now)).toBe(1_500);
    expect(pollDelayMs([{ status: 'running', createdAt: at(11) }], config, now)).toBe(2_250);
    expect(pollDelayMs([{ status: 'running', createdAt: at(600) }], config, now)).toBe(10_000);
  });

  it('follows the youngest active run and stops when none is active', () => {
    const runs = [
      { status: 'running' as const, createdAt: at(600) },
      { status: 'queued' as const, createdAt: at(1) },
      { status: 'succeeded' as const, createdAt: at(0) },
    ];
    expect(pollDelayMs(runs, config, now)).toBe(1_000);
    expect(pollDelayMs([{ status: 'failed', createdAt: at(0) }], config, now)).toBe(false);
  });

  it('treats a server clock ahead of the browser as a fresh run', () => {
    expect(pollDelayMs([{ status: 'queued', createdAt: at(-30) }], config, now)).toBe(1_000);
  });
});
