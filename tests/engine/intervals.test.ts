import { describe, expect, it } from 'vitest';
import { meanInterval, wilsonInterval, Z95 } from '../../src/engine/intervals';

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
});
