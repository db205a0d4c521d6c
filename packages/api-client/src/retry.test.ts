import { describe, expect, it } from 'vitest';
import { createApiError, parseRetryAfter, variantForStatus, type ApiErrorVariant } from './errors.ts';
import { backoffDelayMs, defaultRetry, retryDelayMs, sleep } from './retry.ts';

const err = (variant: ApiErrorVariant) =>
  createApiError({ requestId: 'r', method: 'GET', path: '/x', ...variant });
const options = { ...defaultRetry, retries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

describe('backoff with full jitter', () => {
  it('grows exponentially, is capped, and is uniformly random below the ceiling', () => {
    expect(backoffDelayMs(0, options, () => 0.999)).toBe(99);
    expect(backoffDelayMs(2, options, () => 0.999)).toBe(399);
    expect(backoffDelayMs(10, options, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
  });
});

describe('retry decisions', () => {
  it('retries a GET on network, timeout, 502, 503, 504 and a short 429', () => {
    for (const variant of [
      { kind: 'network' },
      { kind: 'timeout', timeoutMs: 1 },
      { kind: 'server', status: 502 },
      { kind: 'server', status: 503 },
      { kind: 'server', status: 504 },
    ] as ApiErrorVariant[]) {
      expect(retryDelayMs(err(variant), 'GET', 0, options, () => 0.5)).toBe(50);
    }
    expect(
      retryDelayMs(
        err({ kind: 'rate-limited', status: 429, retryAfterSeconds: 2 }),
        'GET',
        0,
        options,
        () => 0,
      ),
    ).toBe(2_000);
  });

  it('does not retry a GET on 500, 4xx or unexpected bodies, nor after the last attempt', () => {
    expect(
      retryDelayMs(err({ kind: 'server', status: 500 }), 'GET', 0, options, Math.random),
    ).toBeUndefined();
    expect(
      retryDelayMs(err({ kind: 'not-found', status: 404 }), 'GET', 0, options, Math.random),
    ).toBeUndefined();
    expect(
      retryDelayMs(err({ kind: 'unexpected', reason: 'x' }), 'GET', 0, options, Math.random),
    ).toBeUndefined();
    expect(retryDelayMs(err({ kind: 'network' }), 'GET', 3, options, Math.random)).toBeUndefined();
  });

  it('retries a POST only on 429 and 503', () => {
    expect(retryDelayMs(err({ kind: 'network' }), 'POST', 0, options, Math.random)).toBeUndefined();
    expect(
      retryDelayMs(err({ kind: 'timeout', timeoutMs: 1 }), 'POST', 0, options, Math.random),
    ).toBeUndefined();
    expect(
      retryDelayMs(err({ kind: 'server', status: 502 }), 'POST', 0, options, Math.random),
    ).toBeUndefined();
    expect(retryDelayMs(err({ kind: 'server', status: 503 }), 'POST', 0, options, () => 0.5)).toBe(50);
    expect(
      retryDelayMs(
        err({ kind: 'rate-limited', status: 429, retryAfterSeconds: 1 }),
        'POST',
        0,
        options,
        () => 0,
      ),
    ).toBe(1_000);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs', () => {
    const limited = err({ kind: 'rate-limited', status: 429, retryAfterSeconds: 60 });
    expect(retryDelayMs(limited, 'GET', 0, options, Math.random)).toBeUndefined();
  });
});

describe('Retry-After parsing', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-11-29T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Sun, 29 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Sun, 29 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('falls back to the body retryAfterSeconds, then to 1 second', () => {
    const fromBody = variantForStatus(
      429,
      { type: 't', title: 't', status: 429, retryAfterSeconds: 9 },
      null,
    );
    expect(fromBody).toMatchObject({ retryAfterSeconds: 9 });
    expect(variantForStatus(429, undefined, null)).toMatchObject({ retryAfterSeconds: 1 });
  });
});

describe('sleep', () => {
  it('rejects at once when the signal is already aborted', async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });
});
