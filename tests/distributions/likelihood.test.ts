/** ICD-203 phrases, their Beta distributions, and the elicitation helpers. */
import { describe, expect, it } from 'vitest';
import {
  betaFromMeanSd,
  betaFromPercentiles,
  createDistribution,
  ICD203_TERMS,
  icd203Term,
  LIKELIHOOD_BETA,
  lognormalFromPercentiles,
  normalFromPercentiles,
  Z_P95,
} from '../../src/distributions';
import { incompleteBetaInv, normalQuantile } from '../../src/distributions/special';

describe('ICD-203 table', () => {
  it('lists the seven phrases with the directive\'s ranges', () => {
    expect(ICD203_TERMS.map((t) => [t.term, t.lo, t.hi])).toEqual([
      ['almost no chance', 0.01, 0.05],
      ['very unlikely', 0.05, 0.2],
      ['unlikely', 0.2, 0.45],
      ['roughly even chance', 0.45, 0.55],
      ['likely', 0.55, 0.8],
      ['very likely', 0.8, 0.95],
      ['almost certain', 0.95, 0.99],
    ]);
  });

  it('icd203Term maps probabilities to phrases, boundaries symmetric about 1/2', () => {
    expect(icd203Term(0)).toBe('almost no chance');
    expect(icd203Term(0.03)).toBe('almost no chance');
    expect(icd203Term(0.05)).toBe('very unlikely');
    expect(icd203Term(0.2)).toBe('unlikely');
    expect(icd203Term(0.45)).toBe('roughly even chance');
    expect(icd203Term(0.5)).toBe('roughly even chance');
    expect(icd203Term(0.55)).toBe('roughly even chance');
    expect(icd203Term(0.7)).toBe('likely');
    expect(icd203Term(0.8)).toBe('likely');
    expect(icd203Term(0.95)).toBe('very likely');
    expect(icd203Term(0.97)).toBe('almost certain');
    expect(icd203Term(1)).toBe('almost certain');
    const order = ICD203_TERMS.map((t) => t.term);
    for (let p = 0; p <= 1; p += 1 / 128) {
      // Mirror-image probabilities get mirror-image phrases (dyadic p: 1 − p exact).
      expect(order.indexOf(icd203Term(p)) + order.indexOf(icd203Term(1 - p))).toBe(6);
    }
    expect(() => icd203Term(1.2)).toThrow(RangeError);
    expect(() => icd203Term(NaN)).toThrow(RangeError);
  });

  it('each phrase\'s Beta has its 5th and 95th percentiles at the range ends', () => {
    for (const { term, lo, hi } of ICD203_TERMS) {
      const { alpha, beta } = LIKELIHOOD_BETA[term];
      expect(Math.abs(incompleteBetaInv(0.05, alpha, beta) - lo)).toBeLessThan(1e-8);
      expect(Math.abs(incompleteBetaInv(0.95, alpha, beta) - hi)).toBeLessThan(1e-8);
      const d = createDistribution({ dist: 'beta', likelihood: term });
      expect(d.parameters).toEqual({ alpha, beta });
      // The phrase for the Beta's mean is the phrase itself.
      expect(icd203Term(d.mean as number)).toBe(term);
    }
  });

  it('the stored shapes are what betaFromPercentiles solves for (to 10 digits)', () => {
    for (const { term, lo, hi } of ICD203_TERMS) {
      const solved = betaFromPercentiles(lo, hi);
      const stored = LIKELIHOOD_BETA[term];
      expect(Math.abs(solved.alpha / stored.alpha - 1)).toBeLessThan(1e-9);
      expect(Math.abs(solved.beta / stored.beta - 1)).toBeLessThan(1e-9);
    }
  });
});

describe('elicitation helpers', () => {
  it('normalFromPercentiles puts p5 and p95 at the 5th and 95th percentiles', () => {
    expect(Z_P95).toBe(1.6448536269514722); // R: qnorm(0.95)
    expect(Math.abs(normalQuantile(0.95) - Z_P95)).toBeLessThan(1e-15);
    const { mean, sd } = normalFromPercentiles(-2, 6);
    expect(mean).toBe(2);
    expect(Math.abs(mean + sd * Z_P95 - 6)).toBeLessThan(1e-14);
    expect(() => normalFromPercentiles(1, 1)).toThrow(RangeError);
  });

  it('lognormalFromPercentiles works in log space', () => {
    const { mu, sigma } = lognormalFromPercentiles(1, 100);
    expect(Math.abs(mu - Math.log(10))).toBeLessThan(1e-15);
    expect(Math.abs(Math.exp(mu + sigma * Z_P95) - 100)).toBeLessThan(1e-12);
    expect(() => lognormalFromPercentiles(0, 1)).toThrow(RangeError);
  });

  it('betaFromMeanSd is the method of moments', () => {
    const { alpha, beta } = betaFromMeanSd(0.2, 0.1);
    // k = 0.2·0.8/0.01 − 1 = 15.
    expect(Math.abs(alpha - 3)).toBeLessThan(1e-13);
    expect(Math.abs(beta - 12)).toBeLessThan(1e-13);
    expect(() => betaFromMeanSd(0.5, 0.5)).toThrow(RangeError);
  });

  it('betaFromPercentiles handles other levels and rejects bad input', () => {
    const { alpha, beta } = betaFromPercentiles(0.1, 0.3, 0.1, 0.9);
    expect(Math.abs(incompleteBetaInv(0.1, alpha, beta) - 0.1)).toBeLessThan(1e-10);
    expect(Math.abs(incompleteBetaInv(0.9, alpha, beta) - 0.3)).toBeLessThan(1e-10);
    expect(() => betaFromPercentiles(0.3, 0.1)).toThrow(RangeError);
    expect(() => betaFromPercentiles(0, 0.1)).toThrow(RangeError);
  });
});
