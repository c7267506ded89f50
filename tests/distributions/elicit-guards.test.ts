/**
 * The elicitation functions refuse what no distribution fits, each argument at each edge, with
 * the message naming what was given. A scenario reaches them only through the schema, which
 * refuses such input first, so these call them directly (they are exported for notebooks).
 */
import { describe, expect, it } from 'vitest';
import {
  betaFromMeanSd,
  betaFromPercentiles,
  gammaFromMeanSd,
  logisticFromPercentiles,
  lognormalFromPercentiles,
  normalFromPercentiles,
} from '../../src/distributions/elicit';
import { thrownBy } from '../helpers/errors';

/** The message `f` throws as a RangeError. */
const refusal = (f: () => unknown): string => thrownBy(f, RangeError).message;

describe('elicitation refuses what no distribution fits', () => {
  it('normal and logistic: p5 below p95, both finite', () => {
    for (const f of [normalFromPercentiles, logisticFromPercentiles]) {
      expect(refusal(() => f(2, 2))).toBe('p95 (2) must be greater than p5 (2)');
      expect(refusal(() => f(3, 2))).toBe('p95 (2) must be greater than p5 (3)');
      expect(refusal(() => f(NaN, 2))).toBe('p95 (2) must be greater than p5 (NaN)');
      expect(refusal(() => f(1, Infinity))).toBe('p95 (Infinity) must be greater than p5 (1)');
      expect(refusal(() => f(-Infinity, 1))).toBe('p95 (1) must be greater than p5 (-Infinity)');
      expect(() => f(1, 2)).not.toThrow();
    }
  });

  it('lognormal: 0 < p5 < p95, both finite', () => {
    const message = (p5: number, p95: number) => `lognormal percentiles need 0 < p5 < p95 (got p5 ${p5}, p95 ${p95})`;
    for (const [p5, p95] of [[0, 2], [-1, 2], [2, 2], [3, 2], [NaN, 2], [1, Infinity], [1, NaN]]) {
      expect(refusal(() => lognormalFromPercentiles(p5, p95)), `${p5}, ${p95}`).toBe(message(p5, p95));
    }
    expect(() => lognormalFromPercentiles(1e-300, 2)).not.toThrow();
  });

  it('beta from a mean and sd: 0 < mean < 1, 0 < sd, sd² < mean(1 − mean)', () => {
    for (const [mean, sd] of [[0, 0.1], [1, 0.1], [-0.5, 0.1], [0.5, 0], [0.5, -0.1], [0.5, Infinity], [0.5, NaN], [NaN, 0.1], [0.5, 0.5], [0.5, 0.6]]) {
      expect(refusal(() => betaFromMeanSd(mean, sd)), `${mean}, ${sd}`).toContain(`(got mean ${mean}, sd ${sd})`);
    }
    expect(() => betaFromMeanSd(0.5, 0.4999)).not.toThrow();
  });

  it('gamma from a mean and sd: both positive and finite', () => {
    for (const [mean, sd] of [[0, 1], [-1, 1], [1, 0], [1, -1], [Infinity, 1], [1, Infinity], [NaN, 1], [1, NaN]]) {
      expect(refusal(() => gammaFromMeanSd(mean, sd)), `${mean}, ${sd}`).toBe(`a gamma needs mean > 0 and sd > 0 (got mean ${mean}, sd ${sd})`);
    }
    expect(() => gammaFromMeanSd(1e-300, 1e300)).not.toThrow();
  });

  it('beta from two percentiles: 0 < lo < hi < 1 and 0 < pLo < pHi < 1', () => {
    const cases: Array<[number, number, number, number]> = [
      [0, 0.5, 0.05, 0.95], [0.2, 0.2, 0.05, 0.95], [0.3, 0.2, 0.05, 0.95], [0.2, 1, 0.05, 0.95],
      [0.2, 0.5, 0, 0.95], [0.2, 0.5, 0.5, 0.5], [0.2, 0.5, 0.6, 0.5], [0.2, 0.5, 0.05, 1],
    ];
    for (const [lo, hi, pLo, pHi] of cases) {
      expect(refusal(() => betaFromPercentiles(lo, hi, pLo, pHi)), `${lo}, ${hi}, ${pLo}, ${pHi}`).toBe(
        `need 0 < lo < hi < 1 and 0 < pLo < pHi < 1 (got lo ${lo}, hi ${hi}, pLo ${pLo}, pHi ${pHi})`,
      );
    }
    expect(() => betaFromPercentiles(0.2, 0.5)).not.toThrow();
  });
});
