// Reference solution, run by the docs workspace's tests so the kata stays solvable. Try the kata before reading.
import type { BackoffOptions } from './retry-after.ts';

export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/^[A-Za-z]{3}, /.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function shouldRetry(method: string, status: number | undefined): boolean {
  if (status === 429 || status === 503) return true;
  if (!SAFE.has(method.toUpperCase())) return false;
  return status === undefined || status >= 500;
}

export function retryDelayMs(attempt: number, options: BackoffOptions, retryAfterMs = 0): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return Math.max(retryAfterMs, Math.floor(options.random() * ceiling));
}
