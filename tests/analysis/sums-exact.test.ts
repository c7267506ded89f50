/**
 * The analyses' small statistics helpers (src/analysis/sums.ts) on inputs worked out by hand:
 * each expected value is a closed form given in the test (or numpy.quantile's default, type 7,
 * for the quantile), exact or within a few ulps.
 */
import { describe, expect, it } from 'vitest';
import { covarianceMatrix, normalInterval, probabilityEstimate, quadraticForm, sortedQuantile } from '../../src/analysis/sums';
import { meanInterval, wilsonInterval, Z95 } from '../../src/engine/intervals';

describe('interval helpers', () => {
  it('normalInterval: the mean ± z·sqrt(s²/n), unclipped (values 1, 2, 3: mean 2, s² = 1)', () => {
    const i = normalInterval(6, 14, 3);
    const se = Math.sqrt(1 / 3);
    expect(i.mean).toBe(2);
    expect(i.standardError).toBeCloseTo(se, 15);
    expect(i.lo).toBeCloseTo(2 - Z95 * se, 14);
    expect(i.hi).toBeCloseTo(2 + Z95 * se, 14);
    // Not clipped to [0, 1]: values -10 and 10 (mean 0, s² = 200).
    expect(normalInterval(0, 200, 2).lo).toBeCloseTo(-Z95 * 10, 12);
  });

  it('probabilityEstimate: Wilson when every value was 0 or 1, the mean interval otherwise', () => {
    const w = wilsonInterval(3, 10);
    expect(probabilityEstimate(3, 3, 3, 0, 10)).toEqual({ probability: w.estimate, ci95: [w.lo, w.hi], standardError: w.standardError });
    const m = meanInterval(3.5, 2.25, 10);
    expect(probabilityEstimate(3.5, 2.25, 3, 1, 10)).toEqual({ probability: m.estimate, ci95: [m.lo, m.hi], standardError: m.standardError });
  });
});

describe('covariance and the delta method', () => {
  // x = 1, 2, 3, 4 and y = 2, 4, 5, 9: Σx = 10, Σy = 20, Σx² = 30, Σxy = 61, Σy² = 126, so
  // var x = (30 − 100/4)/3 = 5/3, cov = (61 − 200/4)/3 = 11/3, var y = (126 − 400/4)/3 = 26/3.
  const s = covarianceMatrix([10, 20], [30, 61, 126], 4);

  it('covarianceMatrix: the sample covariances, symmetric, divisor n − 1', () => {
    [5 / 3, 11 / 3, 11 / 3, 26 / 3].forEach((c, k) => expect(s[k]).toBeCloseTo(c, 14));
    // Two trials (x = 1, 3; y = 2, 2): var x = 2, the rest 0. One trial: all 0.
    expect([...covarianceMatrix([4, 4], [10, 8, 8], 2)]).toEqual([2, 0, 0, 0]);
    expect([...covarianceMatrix([1, 2], [1, 2, 4], 1)]).toEqual([0, 0, 0, 0]);
    // Three quantities: the upper triangle is read row by row.
    expect([...covarianceMatrix([0, 0, 0], [1, 2, 3, 4, 5, 6], 2)]).toEqual([1, 2, 3, 2, 4, 5, 3, 5, 6]);
  });

  it('quadraticForm: gᵀSg (g = (1, 2): 5/3 + 4·11/3 + 4·26/3 = 51), never below 0', () => {
    expect(quadraticForm([1, 2], s)).toBeCloseTo(51, 12);
    expect(quadraticForm([1, -1], new Float64Array([1, 2, 2, 1]))).toBe(0); // 1 − 4 + 1 < 0: rounding, not a variance
  });
});

describe('sortedQuantile (type 7; numpy.quantile([1, 2, 4, 8], p))', () => {
  it('interpolates between order statistics and ends at the extremes', () => {
    const v = [1, 2, 4, 8];
    expect(sortedQuantile(v, 0)).toBe(1);
    expect(sortedQuantile(v, 0.25)).toBe(1.75);
    expect(sortedQuantile(v, 0.5)).toBe(3);
    expect(sortedQuantile(v, 1)).toBe(8);
    expect(sortedQuantile([5], 0.7)).toBe(5);
  });
});
