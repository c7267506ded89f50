/**
 * Special functions against independently known values: published constants (quoted with
 * their source) and closed forms computed here.
 */
import { describe, expect, it } from 'vitest';
import {
  erf,
  erfc,
  incompleteBeta,
  incompleteBetaInv,
  logBeta,
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
} from '../../src/distributions';
import { relativeError } from '../helpers/numbers';

describe('normal CDF (Cody)', () => {
  it('matches published values', () => {
    // Abramowitz & Stegun table 26.1 / R pnorm, to 16 digits.
    expect(normalCdf(0)).toBe(0.5);
    expect(relativeError(normalCdf(1), 0.8413447460685429)).toBeLessThan(1e-15);
    expect(relativeError(normalCdf(-1), 0.15865525393145707)).toBeLessThan(1e-15);
    expect(relativeError(normalCdf(1.959963984540054), 0.975)).toBeLessThan(1e-15);
    expect(relativeError(normalCdf(-1.959963984540054), 0.025)).toBeLessThan(1e-14);
    expect(relativeError(normalCdf(3), 0.9986501019683699)).toBeLessThan(1e-15);
    // Deep lower tail keeps relative precision: R pnorm(-10) = 7.619853024160527e-24,
    // pnorm(-20) = 2.753624118606233e-89, pnorm(-37) = 5.725571222524e-300.
    expect(relativeError(normalCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-13);
    expect(relativeError(normalCdf(-20), 2.753624118606233e-89)).toBeLessThan(1e-12);
    expect(relativeError(normalCdf(-37), 5.725571222524e-300)).toBeLessThan(1e-10);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('is exactly symmetric', () => {
    for (const x of [0.1, 0.5, 0.674, 0.7, 1.3, 2.2, 5, 6, 9.5]) {
      expect(normalCdf(-x) + normalCdf(x)).toBeCloseTo(1, 15);
    }
  });

  it('density φ(1) = 0.24197072451914337 (1/sqrt(2π)·e^{-1/2})', () => {
    expect(relativeError(normalPdf(1), 0.24197072451914337)).toBeLessThan(1e-15);
  });
});

describe('normal quantile (AS 241)', () => {
  it('matches published values', () => {
    // Φ⁻¹(0.975) = 1.959963984540054 and Φ⁻¹(0.95) = 1.6448536269514722 (R qnorm).
    expect(relativeError(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    expect(relativeError(normalQuantile(0.95), 1.6448536269514722)).toBeLessThan(1e-15);
    expect(relativeError(normalQuantile(0.025), -1.959963984540054)).toBeLessThan(1e-15);
    expect(normalQuantile(0.5)).toBe(0);
    // R qnorm(1e-10) = -6.361340902404056.
    expect(relativeError(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-14);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(-0.1)).toBeNaN();
  });

  it('inverts the CDF across the range (round trip)', () => {
    for (const p of [1e-300, 1e-100, 1e-20, 1e-8, 0.001, 0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999]) {
      // Relative error of Φ(x) grows like |x|·ulp(x) for an exactly rounded x: 37·2^-47 ≈ 3e-13.
      expect(relativeError(normalCdf(normalQuantile(p)), p)).toBeLessThan(5e-13);
    }
    // Above about 5 the CDF is 1 − (tiny) and a double near 1 cannot carry the tail any more:
    // round trips there are only as good as ulp(1)/φ(x), so they are checked below x = 5.
    for (const x of [-35, -12, -5, -2, -0.5, 0.3, 1, 4]) {
      expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThan(1e-13 * Math.max(1, Math.abs(x)));
    }
  });
});

describe('erf / erfc', () => {
  it('matches published values (A&S table 7.1)', () => {
    expect(relativeError(erf(1), 0.8427007929497149)).toBeLessThan(1e-15);
    expect(relativeError(erf(0.5), 0.5204998778130465)).toBeLessThan(1e-15);
    expect(relativeError(erf(-2), -0.9953222650189527)).toBeLessThan(1e-15);
    expect(relativeError(erfc(3), 2.209049699858544e-5)).toBeLessThan(1e-14);
    expect(relativeError(erfc(10), 2.088487583762545e-45)).toBeLessThan(1e-13);
    // Near 0, erf(x) ≈ 2x/sqrt(π) with full relative precision.
    expect(relativeError(erf(1e-10), 1.1283791670955126e-10)).toBeLessThan(1e-15);
    expect(erf(0)).toBe(0);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
  });
});

describe('log-gamma', () => {
  it('matches exact values', () => {
    // Absolute accuracy about 1e-15 (the shift to x >= 10 sums logs of size 15).
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    // ln Γ(1/2) = ln sqrt(π).
    expect(relativeError(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    // ln 9! and ln 99!, from exact factorials.
    expect(relativeError(logGamma(10), Math.log(362880))).toBeLessThan(1e-15);
    let ln99 = 0;
    for (let k = 2; k <= 99; k++) ln99 += Math.log(k);
    expect(relativeError(logGamma(100), ln99)).toBeLessThan(1e-14);
    // Γ(x) ≈ 1/x − γ near 0: ln Γ(1e-8) = −ln(1e-8) − γ·1e-8 + O(1e-16).
    expect(relativeError(logGamma(1e-8), -Math.log(1e-8) - 0.5772156649015329e-8)).toBeLessThan(1e-15);
    // ln Γ(3.5) = ln(15 sqrt(π)/8).
    expect(relativeError(logGamma(3.5), Math.log((15 * Math.sqrt(Math.PI)) / 8))).toBeLessThan(1e-14);
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });

  it('log-beta: B(2, 3) = 1/12', () => {
    expect(relativeError(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-14);
  });
});

/** C(n, k) as a double (exact for the small n used here). */
function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** I_x(a, b) for integer a, b as the binomial tail P(Bin(a+b−1, x) >= a). */
function binomialTail(x: number, a: number, b: number): number {
  const n = a + b - 1;
  let s = 0;
  for (let j = a; j <= n; j++) s += choose(n, j) * x ** j * (1 - x) ** (n - j);
  return s;
}

describe('regularized incomplete beta', () => {
  it('equals the binomial sum for integer shapes', () => {
    for (const [a, b] of [
      [1, 1],
      [2, 5],
      [5, 2],
      [3, 3],
      [10, 4],
      [1, 30],
      [25, 25],
    ]) {
      for (const x of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
        const exact = binomialTail(x, a, b);
        expect(Math.abs(incompleteBeta(x, a, b) - exact)).toBeLessThan(1e-14 + 1e-12 * exact);
        // The upper tail is computed directly.
        expect(Math.abs(incompleteBeta(x, a, b, true) - (1 - exact))).toBeLessThan(1e-14 + 1e-12 * (1 - exact));
      }
    }
  });

  it('matches closed forms for non-integer shapes', () => {
    for (const x of [1e-12, 0.001, 0.2, 0.5, 0.8, 0.999]) {
      // I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b.
      expect(relativeError(incompleteBeta(x, 0.3, 1), x ** 0.3)).toBeLessThan(1e-13);
      expect(relativeError(incompleteBeta(x, 1, 2.5), -Math.expm1(2.5 * Math.log1p(-x)))).toBeLessThan(1e-13);
      // Arcsine law: I_x(1/2, 1/2) = (2/π) arcsin(sqrt(x)).
      expect(relativeError(incompleteBeta(x, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(x)))).toBeLessThan(1e-13);
    }
  });

  it('has the right limits', () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(incompleteBeta(-1, 2, 3)).toBe(0);
    expect(incompleteBeta(0.5, 0, 3)).toBeNaN();
  });
});

describe('inverse regularized incomplete beta', () => {
  it('inverts the closed forms', () => {
    for (const p of [1e-10, 0.01, 0.1, 0.5, 0.9, 0.99, 1 - 1e-10]) {
      // Beta(1/2, 1/2): x = sin²(πp/2).
      expect(relativeError(incompleteBetaInv(p, 0.5, 0.5), Math.sin((Math.PI * p) / 2) ** 2)).toBeLessThan(1e-12);
      // Beta(a, 1): x = p^(1/a), here reaching 1e-100 for a = 0.1.
      expect(relativeError(incompleteBetaInv(p, 0.1, 1), p ** 10)).toBeLessThan(1e-12);
      // Beta(1, b): x = 1 − (1 − p)^(1/b).
      expect(relativeError(incompleteBetaInv(p, 1, 3), -Math.expm1(Math.log1p(-p) / 3))).toBeLessThan(1e-12);
    }
  });

  const shapes = [
    [2, 5],
    [0.5, 3],
    [0.05, 0.05],
    [30, 2],
    [200, 300],
    [1.5, 0.2],
    [0.5, 0.5],
  ];
  // Dyadic levels, so that 1 − p is exact and the symmetry below is a fair test.
  const levels = [2 ** -27, 2 ** -10, 1 / 32, 0.25, 0.5, 0.75, 31 / 32, 1 - 2 ** -10];

  it('round-trips I_x over a grid of shapes', () => {
    for (const [a, b] of shapes) {
      for (const p of levels) {
        const x = incompleteBetaInv(p, a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        // Above 1/2 the solver works on y = 1 − x in Beta(b, a), where y keeps its precision
        // (1 − x itself may have lost it), so the round trip is checked on that side.
        const y = incompleteBetaInv(1 - p, b, a);
        const [t, q, s1, s2] = x <= 0.5 ? [x, p, a, b] : [y, 1 - p, b, a];
        expect(Math.abs(incompleteBeta(t, s1, s2) - q)).toBeLessThan(1e-12 * q);
      }
    }
  });

  it('is symmetric: x(p; a, b) = 1 − x(1 − p; b, a)', () => {
    for (const [a, b] of shapes) {
      for (const p of levels) {
        expect(Math.abs(incompleteBetaInv(p, a, b) - (1 - incompleteBetaInv(1 - p, b, a)))).toBeLessThan(1e-13);
      }
    }
  });

  it('returns exactly 1 when the quantile is closer to 1 than a double can show', () => {
    // Beta(0.05, 0.05): the 0.95 quantile is 1 − y with I_y(0.05, 0.05) = 0.05, y ≈ 1e-20.
    expect(incompleteBetaInv(0.95, 0.05, 0.05)).toBe(1);
  });

  it('has the right limits', () => {
    expect(incompleteBetaInv(0, 2, 3)).toBe(0);
    expect(incompleteBetaInv(1, 2, 3)).toBe(1);
    expect(incompleteBetaInv(NaN, 2, 3)).toBeNaN();
  });
});
