/**
 * The empirical distribution against its definition: the CDF counts values at or below x, the
 * quantile is the smallest value whose CDF reaches p, a draw is the sorted values at ⌊u·count⌋,
 * and the mean and variance are within a few ulp of the exact ones (decimal.js at 60 digits), even
 * where plain summation of the sorted values cancels to nothing. Validation and describe() are
 * in families-validation.test.ts; the sampler's frequencies in families.test.ts.
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { nextDown } from '../../src/distributions/roots';
import { samplesDistribution } from '../../src/distributions/samples';
import { scripted } from './helpers';

const exact = Decimal.clone({ precision: 60 });

function empirical(values: number[]) {
  return samplesDistribution({ dist: 'samples', values });
}

/** The exact mean and population variance, each rounded once to a double. */
function exactMoments(values: number[]): { mean: number; variance: number } {
  const xs = values.map((v) => new exact(v));
  const mean = xs.reduce((a, b) => a.plus(b), new exact(0)).div(xs.length);
  const variance = xs.reduce((a, b) => a.plus(b.minus(mean).pow(2)), new exact(0)).div(xs.length);
  return { mean: mean.toNumber(), variance: variance.toNumber() };
}

const nextUp = (x: number) => -nextDown(-x);

describe('samples: moments', () => {
  it('the exact mean and variance, also where plain summation of the sorted values cancels', () => {
    // Sorted, plain summation gives −1e16 + 1 = −1e16, then 0: the mean would be 0, not 1/3.
    for (const values of [[1e16, 1, -1e16], [0.1, 0.2, 0.3], [9.7, 0.1, 3, 3], [1e-300, 3, 7e15, 7e15 + 2, -5]]) {
      const d = empirical(values);
      const want = exactMoments(values);
      // The compensated sum rounds once and the division once: within 2 ulp of the exact mean.
      expect(Math.abs(d.mean! - want.mean), `mean of ${values}`).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(want.mean));
      // Two rounded passes (the mean, then the squares about it): within 4 ulp of the exact value.
      expect(Math.abs(d.variance! - want.variance), `variance of ${values}`).toBeLessThanOrEqual(4 * Number.EPSILON * want.variance);
    }
  });

  it('one value: its mean, variance 0', () => {
    const d = empirical([2.5]);
    expect([d.mean, d.variance]).toEqual([2.5, 0]);
  });

  it('the variance is about the mean, with compensation: 1e8 + {0, 1, 2} has variance 2/3', () => {
    // Squares about 0 would be 1e16-sized and lose the 2/3 entirely.
    const d = empirical([1e8 + 2, 1e8, 1e8 + 1]);
    expect(d.mean).toBe(1e8 + 1);
    expect(d.variance).toBe(2 / 3);
  });

  it('its name, and parameters frozen', () => {
    const d = empirical([1, 2]);
    expect(d.name).toBe('samples');
    expect(Object.isFrozen(d.parameters)).toBe(true);
  });
});

describe('samples: CDF and quantile against their definitions', () => {
  const sets = [[2], [3, 1, 2], [0.1, 3, 3, 9.7], [5, 5, 5], Array.from({ length: 49 }, (_, i) => (i * 7) % 13)];

  it('CDF(x) = #{values <= x}/count at every value, just beside it, at ±∞ and NaN', () => {
    for (const values of sets) {
      const d = empirical(values);
      const count = (x: number) => values.filter((v) => v <= x).length / values.length;
      for (const v of values) for (const x of [v, nextDown(v), nextUp(v)]) expect(d.cdf(x), `${values} at ${x}`).toBe(count(x));
      expect([d.cdf(-Infinity), d.cdf(Infinity)]).toEqual([0, 1]);
      expect(d.cdf(NaN)).toBeNaN();
    }
  });

  it('quantile(p) is the smallest value whose CDF reaches p, at k/count and beside it', () => {
    for (const values of sets) {
      const d = empirical(values);
      const sorted = [...values].sort((a, b) => a - b);
      const smallestReaching = (p: number) => sorted.find((v) => d.cdf(v) >= p);
      const n = values.length;
      const ps = [0, 1, 1e-300, nextDown(1)];
      for (let k = 1; k <= n; k++) ps.push(k / n, nextDown(k / n), Math.min(1, nextUp(k / n)), (k - 0.5) / n);
      for (const p of ps) expect(d.quantile(p), `${values} at p = ${p}`).toBe(p === 0 ? sorted[0] : smallestReaching(p));
    }
  });

  it('p·count rounding across k: quantile and CDF agree for every p = k/count, count up to 200', () => {
    let checked = 0;
    for (let n = 1; n <= 200; n++) {
      const d = empirical(Array.from({ length: n }, (_, i) => i));
      for (let k = 1; k <= n; k++) {
        // The value at index k − 1 has CDF k/n exactly as the quantile must see it.
        expect(d.quantile(k / n), `n = ${n}, k = ${k}`).toBe(k - 1);
        checked++;
      }
    }
    expect(checked).toBe(20_100);
  });

  it('p outside [0, 1] or NaN is refused', () => {
    const d = empirical([1, 2]);
    for (const p of [-1e-300, nextUp(1), NaN]) expect(() => d.quantile(p)).toThrow(RangeError);
  });
});

describe('samples: draws', () => {
  it('a draw is sorted[⌊u·count⌋]: u = 0, each k/count, just below it, and the largest u', () => {
    const d = empirical([30, 10, 20]);
    const us = [0, nextDown(1 / 3), 1 / 3, nextDown(2 / 3), 2 / 3, 1 - 2 ** -53];
    const out = new Float64Array(us.length);
    const stream = scripted(us);
    d.sample(stream, out, us.length);
    expect(stream.left()).toBe(0);
    expect([...out]).toEqual(us.map((u) => [10, 20, 30][Math.floor(u * 3)]));
    expect([...out]).toEqual([10, 10, 20, 20, 30, 30]);
  });

  it('writes exactly n values and refuses n beyond the buffer', () => {
    const d = empirical([1, 2]);
    const out = new Float64Array(4).fill(-1);
    const stream = scripted([0.9, 0.9, 0.1]);
    d.sample(stream, out, 2);
    expect([...out]).toEqual([2, 2, -1, -1]);
    expect(stream.left()).toBe(1);
    expect(() => d.sample(scripted([0.5]), new Float64Array(1), 2)).toThrow(RangeError);
  });
});
