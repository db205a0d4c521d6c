import { describe, expect, it } from 'vitest';
import { correlationFlags, correlationPValue, normalCdf, oddsRatioSummary } from './statistics.ts';
import { loadInsightsConfig } from './insights-config.ts';

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1.959964, 0.975],
    [-1.959964, 0.025],
    [3, 0.99865],
  ])('gives Φ(%d) ≈ %d', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 4);
  });
});

describe('correlationPValue', () => {
  it('matches the Fisher z test: r = 0.3 with n = 43 gives p ≈ 0.050', () => {
    // z = atanh(0.3) × √40 = 1.9576 → two-sided p = 0.0503
    expect(correlationPValue(0.3, 43)).toBeCloseTo(0.0503, 3);
  });

  it('is null when n is too small or r is missing, and 0 for a perfect correlation', () => {
    expect(correlationPValue(0.5, 3)).toBeNull();
    expect(correlationPValue(null, 100)).toBeNull();
    expect(correlationPValue(-1, 100)).toBe(0);
  });
});

describe('correlationFlags', () => {
  it('flags weak, small-n and non-significant results', () => {
    expect(correlationFlags(0.1, 20, 0.6)).toEqual(['weak', 'small_n', 'not_significant']);
    expect(correlationFlags(null, 100, null)).toEqual(['weak', 'not_significant']);
    expect(correlationFlags(-0.5, 200, 0.0001)).toEqual([]);
  });
});

describe('oddsRatioSummary', () => {
  it('gives a 95% interval around the odds ratio and flags one that crosses 1', () => {
    const strong = oddsRatioSummary(4, 0.3, 500);
    expect(strong.ciLow).toBeCloseTo(4 * Math.exp(-1.959964 * 0.3), 9);
    expect(strong.ciHigh).toBeCloseTo(4 * Math.exp(1.959964 * 0.3), 9);
    expect(strong.flags).toEqual([]);
    expect(oddsRatioSummary(1.2, 0.6, 12).flags).toEqual(['weak', 'small_n', 'not_significant']);
  });
});

describe('loadInsightsConfig', () => {
  it('defaults k to 10 and reads INSIGHTS_MIN_PATIENTS_PER_GROUP', () => {
    expect(loadInsightsConfig({})).toEqual({ minPatientsPerGroup: 10 });
    expect(loadInsightsConfig({ INSIGHTS_MIN_PATIENTS_PER_GROUP: '' })).toEqual({ minPatientsPerGroup: 10 });
    expect(loadInsightsConfig({ INSIGHTS_MIN_PATIENTS_PER_GROUP: '25' })).toEqual({
      minPatientsPerGroup: 25,
    });
  });

  it('stops at start with a message naming the variable when k is invalid', () => {
    expect(() => loadInsightsConfig({ INSIGHTS_MIN_PATIENTS_PER_GROUP: '0' })).toThrow(
      /INSIGHTS_MIN_PATIENTS_PER_GROUP/,
    );
  });
});
