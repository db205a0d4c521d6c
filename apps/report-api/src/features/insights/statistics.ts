// Small statistics helpers for values the views do not hold: the p-value of a correlation and the flags
// that warn a reader off weak, small-n or non-significant results.
import { CORRELATION_ALPHA, CORRELATION_SMALL_N_BELOW, CORRELATION_WEAK_BELOW } from '@repo/db';

/** Standard normal CDF, Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Two-sided p-value of H0: ρ = 0 from the Fisher z transform, z = atanh(r)·√(n−3) ~ N(0,1).
 * Null when it is undefined (n ≤ 3, or r missing).
 */
export function correlationPValue(r: number | null, n: number): number | null {
  if (r === null || n <= 3) return null;
  if (Math.abs(r) >= 1) return 0;
  const z = Math.atanh(r) * Math.sqrt(n - 3);
  return 2 * (1 - normalCdf(Math.abs(z)));
}

export type ResultFlag = 'weak' | 'small_n' | 'not_significant';

export function correlationFlags(r: number | null, n: number, p: number | null): ResultFlag[] {
  const flags: ResultFlag[] = [];
  if (r === null || Math.abs(r) < CORRELATION_WEAK_BELOW) flags.push('weak');
  if (n < CORRELATION_SMALL_N_BELOW) flags.push('small_n');
  if (p === null || p >= CORRELATION_ALPHA) flags.push('not_significant');
  return flags;
}

/** 95% CI of an odds ratio from its log standard error, and flags (weak: OR within 1/1.5..1.5). */
export function oddsRatioSummary(
  oddsRatio: number,
  logSe: number,
  n: number,
): { ciLow: number; ciHigh: number; flags: ResultFlag[] } {
  const ciLow = Math.exp(Math.log(oddsRatio) - 1.959964 * logSe);
  const ciHigh = Math.exp(Math.log(oddsRatio) + 1.959964 * logSe);
  const flags: ResultFlag[] = [];
  if (oddsRatio < 1.5 && oddsRatio > 1 / 1.5) flags.push('weak');
  if (n < CORRELATION_SMALL_N_BELOW) flags.push('small_n');
  if (ciLow <= 1 && ciHigh >= 1) flags.push('not_significant');
  return { ciLow, ciHigh, flags };
}
