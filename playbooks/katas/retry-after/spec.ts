// The spec of the retry-after kata (see README.md). Run against your code by retry-after.test.ts.
import { describe, expect, it } from 'vitest';
import type * as Kata from './retry-after.ts';

type Impl = Pick<typeof Kata, 'parseRetryAfter' | 'shouldRetry' | 'retryDelayMs'>;

const now = new Date('2026-11-29T10:00:00Z');

export function describeKata(impl: Impl): void {
  describe('kata retry-after: when and how long a client waits before retrying', () => {
    it('reads Retry-After given in seconds', () => {
      expect(impl.parseRetryAfter('120', now)).toBe(120_000);
      expect(impl.parseRetryAfter(' 0 ', now)).toBe(0);
    });

    it('reads Retry-After given as an HTTP date, and never waits a negative time for a date in the past', () => {
      expect(impl.parseRetryAfter('Sun, 29 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
      expect(impl.parseRetryAfter('Sun, 29 Nov 2026 09:00:00 GMT', now)).toBe(0);
    });

    it('ignores a missing or unreadable Retry-After', () => {
      expect(impl.parseRetryAfter(null, now)).toBeUndefined();
      expect(impl.parseRetryAfter('soon', now)).toBeUndefined();
      expect(impl.parseRetryAfter('-5', now)).toBeUndefined();
    });

    it('retries 429 and 503 for any method: the server did not do the work', () => {
      for (const method of ['GET', 'POST']) {
        expect(impl.shouldRetry(method, 429)).toBe(true);
        expect(impl.shouldRetry(method, 503)).toBe(true);
      }
    });

    it('retries network errors and other 5xx only for safe methods, so a POST is never sent twice', () => {
      expect(impl.shouldRetry('GET', 502)).toBe(true);
      expect(impl.shouldRetry('HEAD', undefined)).toBe(true);
      expect(impl.shouldRetry('POST', 500)).toBe(false);
      expect(impl.shouldRetry('POST', undefined)).toBe(false);
    });

    it('never retries a client mistake', () => {
      for (const status of [400, 401, 403, 404, 409, 422])
        expect(impl.shouldRetry('GET', status)).toBe(false);
    });

    it('backs off exponentially with full jitter, capped', () => {
      const options = { baseMs: 100, capMs: 2_000 };
      expect(impl.retryDelayMs(0, { ...options, random: () => 0.999 })).toBeLessThanOrEqual(100);
      expect(impl.retryDelayMs(3, { ...options, random: () => 0.5 })).toBe(400);
      expect(impl.retryDelayMs(10, { ...options, random: () => 0.999 })).toBeLessThanOrEqual(2_000);
      expect(impl.retryDelayMs(10, { ...options, random: () => 0 })).toBe(0);
    });

    it('waits at least what the server asked for in Retry-After', () => {
      expect(impl.retryDelayMs(0, { baseMs: 100, capMs: 2_000, random: () => 0.1 }, 5_000)).toBe(5_000);
    });
  });
}
