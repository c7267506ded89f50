/**
 * What the integer families share (src/distributions/discrete.ts), the truncated normal's
 * kept mass (src/distributions/truncation.ts), the weighted pick of the categorical and mixture
 * families (weights.ts) and `nextDown` (roots.ts), checked on exact answers. The mutation run of
 * docs/mutation-testing.md found these reached only through the families, where the quantile
 * search's start is always within a step or two of the answer, no CDF value equals p exactly,
 * and the mass is only compared with a threshold 1e-12.
 *
 * References: brute force over the integers for the quantile (the smallest k with F(k) >= p,
 * with F a step function of exact dyadic values, so ties are exact); the walk's answer by hand;
 * mpmath 1.3.0 at 50 digits for the masses (`ncdf(b) - ncdf(a)`), quoted.
 */
import { describe, expect, it } from 'vitest';
import { integerQuantile, invertSequentially } from '../../src/distributions/discrete';
import { nextDown } from '../../src/distributions/roots';
import { truncatedMass } from '../../src/distributions/truncation';
import { pickIndex, weightTable } from '../../src/distributions/weights';

/** The smallest k in lo..hi with cdf(k) >= p, by walking up from lo (hi is taken to hold). */
function bruteQuantile(p: number, cdf: (k: number) => number, lo: number, hi: number): number {
  let k = lo;
  while (k < hi && cdf(k) < p) k++;
  return k;
}

describe('integerQuantile: the smallest integer whose CDF reaches p, wherever the search starts', () => {
  // A distribution uniform on 0..1023: F(k) = (k + 1)/1024 exactly, so every p = j/1024 is a tie.
  const uniform1024 = (k: number): number => (k < 0 ? 0 : k >= 1023 ? 1 : (Math.floor(k) + 1) / 1024);
  const ps = [1 / 1024, 0.25, 0.5, 0.5 + 1 / 2048, 700 / 1024, 1 - 1 / 1024, 0.999];
  // Starts (the Cornish–Fisher guess is mean + sd·z for zero skewness) far below, at, and far
  // above the answer, so the bracket must widen by doubling in both directions.
  const shapes = [
    { mean: 511.5, sd: 295.6, skewness: 0 },
    { mean: 0, sd: 1e-9, skewness: 0 },
    { mean: 1023, sd: 1e-9, skewness: 0 },
    { mean: 3, sd: 0.5, skewness: 0 },
    { mean: 900, sd: 2, skewness: 0 },
  ];

  it.each(shapes)('on a finite support 0..1023, starting near $mean', (shape) => {
    for (const p of ps) {
      expect(integerQuantile(p, uniform1024, { ...shape, lo: 0, hi: 1023 }), `p = ${p}`).toBe(bruteQuantile(p, uniform1024, 0, 1023));
    }
  });

  it('a tie F(k) = p answers k, not k + 1', () => {
    for (const k of [0, 1, 255, 511, 1000]) {
      expect(integerQuantile((k + 1) / 1024, uniform1024, { mean: 511.5, sd: 295.6, skewness: 0, lo: 0, hi: 1023 })).toBe(k);
    }
  });

  it('on an unbounded support (hi = Infinity, as the Poisson), starting far below the answer', () => {
    // Geometric on 0, 1, 2, … with F(k) = 1 − 2^−(k+1), exact in binary up to k = 52.
    const geometric = (k: number): number => (k < 0 ? 0 : 1 - 2 ** -(Math.floor(k) + 1));
    for (const k of [0, 3, 17, 40, 52]) {
      const p = 1 - 2 ** -(k + 1);
      for (const mean of [0, 1, 60]) {
        expect(integerQuantile(p, geometric, { mean, sd: 1e-9, skewness: 0, lo: 0, hi: Infinity }), `k = ${k}, start ${mean}`).toBe(k);
      }
    }
  });

  it('on a support that does not start at 0', () => {
    const shifted = (k: number): number => uniform1024(k - 5000);
    for (const p of ps) {
      for (const mean of [0, 5000, 9000]) {
        expect(integerQuantile(p, shifted, { mean, sd: 1e-9, skewness: 0, lo: 5000, hi: 6023 })).toBe(bruteQuantile(p, shifted, 5000, 6023));
      }
    }
  });
});

describe('invertSequentially: the smallest k with u <= P(X <= k), walking up the probabilities', () => {
  it('u equal to a partial sum answers that k (u <= F(k), not u < F(k))', () => {
    // P(X = k) = 1/2^(k+1): partial sums 0.5, 0.75, 0.875, exact.
    const halves = (): number => 0.5;
    expect(invertSequentially(0.5, 0.5, halves, 100)).toBe(0);
    expect(invertSequentially(0.75, 0.5, halves, 100)).toBe(1);
    expect(invertSequentially(0.875, 0.5, halves, 100)).toBe(2);
    expect(invertSequentially(0.5000001, 0.5, halves, 100)).toBe(1);
    expect(invertSequentially(0.1, 0.5, halves, 100)).toBe(0);
  });

  it('stops at kMax when the sum falls short of u', () => {
    // Terms 0.1 each: sums 0.1, 0.2, 0.3; u = 0.95 is never reached.
    expect(invertSequentially(0.95, 0.1, () => 1, 2)).toBe(2);
    expect(invertSequentially(0.95, 0.1, () => 1, 0)).toBe(0);
  });

  it('stops where the terms underflow to 0 before the sum reaches u', () => {
    // P(X = 0) = 0.5, then every ratio 0: the walk takes one step, finds a zero term, and stops.
    expect(invertSequentially(0.9, 0.5, () => 0, 5)).toBe(1);
  });
});

describe('truncatedMass: P(lo <= X <= hi) for a normal, in the tail that keeps its digits', () => {
  // mpmath 1.3.0, mp.dps = 50: ncdf((hi − mean)/sd) − ncdf((lo − mean)/sd), rounded to a double.
  // Tolerance 1e-14 relative: normalCdf is accurate to a few ulps in either tail (tests/math),
  // while computing an upper tail as 1 − Φ loses everything but about 4 digits at 7 sd.
  it.each<[number, number, number, number, number]>([
    [0, 1, 7, Infinity, 1.279812543885835e-12],
    [0, 1, -Infinity, -7, 1.279812543885835e-12],
    [0, 1, -1, 1, 0.6826894921370859],
    [2, 3, 5, 8, 0.13590512198327784],
    [2, 3, -4, -1, 0.13590512198327784],
    [0, 1, 8, 9, 6.21983198586583e-16],
    [-5, 0.5, -15, -9, 6.220960574271784e-16],
    [10, 2, -Infinity, -2, 9.86587645037698e-10],
  ])('Normal(%d, %d) on [%d, %d]', (mean, sd, lo, hi, mass) => {
    expect(Math.abs(truncatedMass(mean, sd, lo, hi) - mass) / mass).toBeLessThan(1e-14);
  });
});

describe('weightTable and pickIndex: a weight of 0 is never drawn, the last positive weight takes the top', () => {
  // Trailing and leading zero weights, short (scanned) and long (bisected) tables.
  const cases: number[][] = [
    [0, 1, 2, 0, 0],
    [3, 0, 1, 0],
    [...Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 0 : i)), 0, 0],
  ];
  it.each(cases)('weights %j', (...weights) => {
    const table = weightTable(weights);
    const positive = weights.flatMap((w, i) => (w > 0 ? [i] : []));
    expect([table.first, table.last]).toEqual([positive[0], positive[positive.length - 1]]);
    expect(table.total).toBe(weights.reduce((s, w) => s + w, 0));
    // u just below 1 (the largest 53-bit draw) falls in the last positive weight, never after it.
    expect(pickIndex(table, 1 - 2 ** -53)).toBe(positive[positive.length - 1]);
    // Every running sum u·total = Σ_{j<=i} w_j starts the next positive weight (half-open intervals).
    let run = 0;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] === 0) continue;
      expect(pickIndex(table, run / table.total), `start of ${i}`).toBe(i);
      run += weights[i];
    }
  });
});

describe('nextDown: the largest double below x', () => {
  it.each<[number, number]>([
    [1, 1 - 2 ** -53],
    [2, 2 - 2 ** -52],
    [0, -(2 ** -1074)],
    [2 ** -1074, 0],
    [-1, -1 - 2 ** -52],
    [Number.MAX_VALUE, Number.MAX_VALUE - 2 ** 970],
  ])('nextDown(%d)', (x, below) => {
    expect(nextDown(x)).toBe(below);
  });
});
