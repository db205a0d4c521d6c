// Kata: retry-after. Make `npm run kata -- retry-after` pass. Read README.md first.

/** Milliseconds to wait from a Retry-After header (delta-seconds or HTTP-date), or undefined. */
export function parseRetryAfter(_header: string | null, _now: Date): number | undefined {
  throw new Error('not implemented: parseRetryAfter (RFC 9110 section 10.2.3)');
}

/** Should the client retry? `status` is undefined for a network error (offline, reset, DNS). */
export function shouldRetry(_method: string, _status: number | undefined): boolean {
  throw new Error('not implemented: shouldRetry');
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Injected so tests are deterministic: Math.random in production. */
  random: () => number;
}

/** Delay before retry number `attempt` (0-based): full-jitter exponential backoff, at least `retryAfterMs`. */
export function retryDelayMs(_attempt: number, _options: BackoffOptions, _retryAfterMs?: number): number {
  throw new Error('not implemented: retryDelayMs');
}
