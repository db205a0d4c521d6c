// Retry policy: exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
// Jitter"), only where repeating the request cannot do harm, and always within a bounded budget.
import type { ApiError } from './errors.ts';

export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying). */
  retries: number;
  /** Backoff base: the cap of the first retry's random delay. */
  baseDelayMs: number;
  /** Upper bound of any backoff delay. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error surfaces so the UI can show a countdown. */
  maxRetryAfterMs: number;
}

export const defaultRetry: RetryOptions = {
  retries: 2,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 5_000,
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Full jitter: a uniformly random delay in [0, min(max, base * 2^attempt)). */
export function backoffDelayMs(attempt: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * The delay before retrying after `error`, or undefined when it must not be retried.
 * Safe methods are retried on transient failures (network, timeout, 429, 502, 503, 504); unsafe ones only on
 * 429 and 503, where the server says it did not process the request.
 */
export function retryDelayMs(
  error: ApiError,
  method: string,
  attempt: number,
  options: RetryOptions,
  random: () => number,
): number | undefined {
  if (attempt >= options.retries) return undefined;
  const safe = SAFE_METHODS.has(method.toUpperCase());
  if (error.kind === 'rate-limited') {
    const waitMs = error.retryAfterSeconds * 1000;
    if (waitMs > options.maxRetryAfterMs) return undefined;
    return Math.max(waitMs, backoffDelayMs(attempt, options, random));
  }
  if (error.kind === 'server' && error.status === 503) return backoffDelayMs(attempt, options, random);
  if (!safe) return undefined;
  const transient =
    error.kind === 'network' ||
    error.kind === 'timeout' ||
    (error.kind === 'server' && (error.status === 502 || error.status === 504));
  return transient ? backoffDelayMs(attempt, options, random) : undefined;
}

/** Waits `ms`, or rejects at once with the signal's reason when the caller aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
