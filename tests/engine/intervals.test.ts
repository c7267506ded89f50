import { describe, expect, it } from 'vitest';
import { halfWidth, meanInterval, ratioInterval, ratioStandardError, sampleVariance, wilsonInterval, Z95 } from '../../src/engine/intervals';

describe('intervals', () => {
  it('uses the 0.975 normal quantile', () => {
    // Published value of qnorm(0.975) in R: 1.959963984540054.
    expect(Z95).toBe(1.959963984540054);
  });

  it('matches the Wilson intervals published by Newcombe (1998)', () => {
    // Newcombe, "Two-sided confidence intervals for the single proportion", Stat. Med. 17,
    // Table II, method 3 (score interval without continuity correction), to 4 decimals.
    const table: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of table) {
      const w = wilsonInterval(k, n);
      expect(w.estimate).toBe(k / n);
      expect(w.lo).toBeCloseTo(lo, 4);
      expect(w.hi).toBeCloseTo(hi, 4);
    }
  });

  it('gives a positive upper bound for zero events', () => {
    // With k = 0 the upper end is z²/(n + z²) exactly.
    const w = wilsonInterval(0, 1000);
    expect(w.lo).toBe(0);
    expect(w.hi).toBeCloseTo((Z95 * Z95) / (1000 + Z95 * Z95), 15);
  });

  it('builds a normal interval for a mean and clips it to [0, 1]', () => {
    // Values 0.2, 0.4, 0.6: mean 0.4, sample variance 0.04, se = 0.2/sqrt(3).
    const m = meanInterval(1.2, 0.56, 3);
    expect(m.estimate).toBeCloseTo(0.4, 15);
    expect(m.standardError).toBeCloseTo(0.2 / Math.sqrt(3), 12);
    expect(m.lo).toBe(m.estimate - Z95 * m.standardError);
    expect(meanInterval(0.02, 0.0004, 2).lo).toBe(0);
  });

  it('ends exactly at 1 when every trial succeeds, with the lower end n/(n + z²)', () => {
    const w = wilsonInterval(10, 10);
    expect(w.hi).toBe(1);
    expect(w.lo).toBeCloseTo(0.72246720013711079547, 15); // mpmath, 40 digits: 10 / (10 + z²)
    expect(w.standardError).toBe(0);
  });

  it('matches the closed form at k = 3 of n = 10, and reports sqrt(p(1 − p)/n)', () => {
    // mpmath at 40 digits: centre ∓ half of Wilson (1927) with z = Z95.
    const w = wilsonInterval(3, 10);
    expect(w.lo).toBeCloseTo(0.10779126740630103392, 15);
    expect(w.hi).toBeCloseTo(0.60322185253885464789, 15);
    expect(w.standardError).toBeCloseTo(Math.sqrt(0.021), 16);
  });

  it('gives all of [0, 1] (standard error 0.5) for a mean of one trial', () => {
    expect(meanInterval(0.3, 0.09, 1)).toEqual({ estimate: 0.3, lo: 0, hi: 1, standardError: 0.5 });
    // Two trials already make an interval: 0.2 and 0.4, variance 0.02, se 0.1.
    const two = meanInterval(0.6000000000000001, 0.2, 2);
    expect(two.standardError).toBeCloseTo(0.1, 15);
    expect(two.hi).toBeCloseTo(0.3 + Z95 * 0.1, 15);
  });

  it('clips a mean interval at 1 as well as at 0', () => {
    // 0.9 and 1: mean 0.95, variance 0.005, se 0.05; 0.95 + 1.96 · 0.05 > 1.
    expect(meanInterval(1.9, 1.81, 2).hi).toBe(1);
  });

  it('computes the sample variance with divisor n − 1, 0 below two values, and never negative', () => {
    expect(sampleVariance(0.6000000000000001, 0.2, 2)).toBeCloseTo(0.02, 15);
    expect(sampleVariance(0.3, 0.09, 1)).toBe(0);
    // 0.3 five times: the sums give sumSq − sum²/n = −5.6e-17 in doubles; the variance is 0.
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < 5; i++) {
      sum += 0.3;
      sumSq += 0.3 * 0.3;
    }
    expect(sumSq - (sum * sum) / 5).toBeLessThan(0);
    expect(sampleVariance(sum, sumSq, 5)).toBe(0);
  });

  it('measures the half-width to the farther end', () => {
    expect(halfWidth({ estimate: 0.1, lo: 0, hi: 0.5, standardError: 0 })).toBeCloseTo(0.4, 15);
    expect(halfWidth({ estimate: 0.9, lo: 0.2, hi: 1, standardError: 0 })).toBeCloseTo(0.7, 15);
  });

  it('gives the delta-method ratio interval of Cochran (6.3) where it is known exactly', () => {
    // Trials (a, b) = (0.2, 0.5), (0.6, 1): R = 0.8/1.5 = 8/15, a − R·b = ∓1/15, so the variance
    // of a − R·b is 2/225 and se = √(2/225 / 2) / (1.5 / 2) = 4/45.
    const two = ratioInterval(0.8, 0.4, 1.5, 1.25, 0.7, 2);
    expect(two.estimate).toBeCloseTo(8 / 15, 15);
    expect(two.standardError).toBeCloseTo(4 / 45, 14);
    expect(two.lo).toBeCloseTo(8 / 15 - (Z95 * 4) / 45, 14);
    expect(two.hi).toBeCloseTo(8 / 15 + (Z95 * 4) / 45, 14);
    // Four trials a = (0.1, 0.5, 0.2, 0.9), b = (0.3, 0.6, 0.4, 1): mpmath at 40 digits on the
    // exact decimals, so within rounding of the double sums (12 digits).
    const four = ratioInterval(1.7, 1.11, 2.3, 1.61, 1.31, 4);
    expect(four.estimate).toBeCloseTo(0.73913043478260869565, 15);
    expect(four.standardError).toBeCloseTo(0.11562653988646850744, 12);
    expect(ratioStandardError(1.7, 1.11, 2.3, 1.61, 1.31, 4)).toBe(four.standardError);
    expect(four.lo).toBeCloseTo(0.51250658094814639674, 12);
    expect(four.hi).toBeCloseTo(0.96575428861707099457, 12);
  });

  it('gives all of [0, 1] for a ratio from one trial, and clips ratio intervals to [0, 1]', () => {
    expect(ratioInterval(0.2, 0.04, 0.5, 0.25, 0.1, 1)).toEqual({ estimate: 0.4, lo: 0, hi: 1, standardError: 0.5 });
    // A weighted node mean of one trial (engine/result.ts): no spread is known, and no NaN.
    expect(ratioStandardError(0.2, 0.04, 0.5, 0.25, 0.1, 1)).toBe(0);
    // (0.1, 0.1) and (0, 1): R = 0.1/1.1, a wide interval whose lower end would be negative.
    const low = ratioInterval(0.1, 0.01, 1.1, 1.01, 0.01, 2);
    expect(low.lo).toBe(0);
    expect(low.estimate - Z95 * low.standardError).toBeLessThan(0);
    // (1, 1) and (0.1, 0.2): R = 1.1/1.2, and the upper end would pass 1.
    const high = ratioInterval(1.1, 1.01, 1.2, 1.04, 1.02, 2);
    expect(high.hi).toBe(1);
    expect(high.estimate + Z95 * high.standardError).toBeGreaterThan(1);
  });
});
