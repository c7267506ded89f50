/**
 * The special functions of src/distributions/special.ts against exact values: mpmath at 100
 * digits on the same doubles (special-references.json, written by special-references.py beside
 * it). Inputs reach every branch: both sides of each continued fraction, shapes below and
 * above 1, large shapes, tails far out, and the Student t's expansion.
 *
 * Tolerances are the accuracy each function's documentation promises, not what was measured
 * (the largest measured error is quoted beside each); ε = 2⁻⁵² for the rounding of a large result.
 */
import { describe, expect, it } from 'vitest';
import {
  incompleteBeta,
  incompleteBetaHalfUpper,
  incompleteBetaInv,
  incompleteGamma,
  incompleteGammaInv,
  logBetaAccurate,
  logBinomialTerm,
  logGamma,
  logPoissonTerm,
} from '../../src/distributions/special';
import { relativeError } from '../helpers/numbers';
import refs from './special-references.json';

const EPS = 2 ** -52;
const absolute = (got: number, want: number) => (got === want ? 0 : Math.abs(got - want));

describe('special functions against mpmath (100 digits)', () => {
  it('logGamma: within about 1e-15 absolute (4e-15 + 4ε relative; measured 1.8e-15)', () => {
    for (const [x, v] of refs.logGamma as Array<[number, string]>) {
      const want = Number(v);
      expect(absolute(logGamma(x), want), `lnΓ(${x})`).toBeLessThanOrEqual(4e-15 + 4 * EPS * Math.abs(want));
    }
    for (const x of [0, -1, -Infinity, NaN]) expect(logGamma(x), `lnΓ(${x})`).toBeNaN();
    expect(logGamma(Infinity)).toBe(Infinity);
  });

  it('incompleteBeta: both tails within 2e-13 relative (about 1e-14 for moderate shapes, more as the continued fraction lengthens; measured 9.3e-14 at shapes 200, 300)', () => {
    for (const [x, a, b, lower, upper] of refs.incompleteBeta as Array<[number, number, number, string, string]>) {
      expect(relativeError(incompleteBeta(x, a, b), Number(lower)), `I_${x}(${a}, ${b})`).toBeLessThan(2e-13);
      expect(relativeError(incompleteBeta(x, a, b, true), Number(upper)), `1 − I_${x}(${a}, ${b})`).toBeLessThan(2e-13);
    }
  });

  it('incompleteBetaInv: within 2e-13 relative (measured 6.1e-14 for Beta(0.05, 1), whose quantile is p^20)', () => {
    for (const [p, a, b, x] of refs.incompleteBetaInv as Array<[number, number, number, string]>) {
      expect(relativeError(incompleteBetaInv(p, a, b), Number(x)), `I⁻¹_${p}(${a}, ${b})`).toBeLessThan(2e-13);
    }
  });

  it('logPoissonTerm: within 1e-14 absolute (about 1e-15 promised; measured 3.6e-15), −∞ where the term is 0', () => {
    for (const [a, x, v] of refs.logPoissonTerm as Array<[number, number, string | null]>) {
      if (v === null) expect(logPoissonTerm(a, x), `(${a}, ${x})`).toBe(-Infinity);
      else expect(absolute(logPoissonTerm(a, x), Number(v)), `(${a}, ${x})`).toBeLessThan(1e-14);
    }
  });

  it('logBinomialTerm: within 1e-14 absolute plus 4ε relative (measured 9.1e-13 on a value of −6,894, 1.3e-16 of it)', () => {
    for (const [k, n, p, v] of refs.logBinomialTerm as Array<[number, number, number, string]>) {
      const want = Number(v);
      expect(absolute(logBinomialTerm(k, n, p, 1 - p), want), `(${k}, ${n}, ${p})`).toBeLessThanOrEqual(1e-14 + 4 * EPS * Math.abs(want));
    }
    // The certain ends and the impossible middle.
    expect(logBinomialTerm(0, 10, 0, 1)).toBe(0);
    expect(logBinomialTerm(10, 10, 1, 0)).toBe(0);
    expect(logBinomialTerm(3, 10, 0, 1)).toBe(-Infinity);
    expect(logBinomialTerm(3, 10, 1, 0)).toBe(-Infinity);
  });

  it('logBetaAccurate: within 1e-14 absolute plus 4ε relative (measured 7.1e-15), in either order of the shapes', () => {
    for (const [a, b, v] of refs.logBetaAccurate as Array<[number, number, string]>) {
      const want = Number(v);
      expect(absolute(logBetaAccurate(a, b), want), `lnB(${a}, ${b})`).toBeLessThanOrEqual(1e-14 + 4 * EPS * Math.abs(want));
    }
  });

  it('incompleteGamma: both tails within 2e-14 relative (about 1e-14 promised; measured 6.5e-15)', () => {
    for (const [a, x, lower, upper] of refs.incompleteGamma as Array<[number, number, string, string]>) {
      expect(relativeError(incompleteGamma(a, x), Number(lower)), `P(${a}, ${x})`).toBeLessThan(2e-14);
      expect(relativeError(incompleteGamma(a, x, true), Number(upper)), `Q(${a}, ${x})`).toBeLessThan(2e-14);
    }
    expect(incompleteGamma(2, NaN)).toBeNaN();
    expect(incompleteGamma(0, 1)).toBeNaN();
    expect([incompleteGamma(2, 0), incompleteGamma(2, 0, true), incompleteGamma(2, Infinity), incompleteGamma(2, Infinity, true)]).toEqual([0, 1, 1, 0]);
  });

  it('incompleteGammaInv: within 1e-13 relative (a quantile of shape 0.05 is p^20: a relative error δ in p is 20δ in it; measured 5.4e-14)', () => {
    for (const [p, a, x] of refs.incompleteGammaInv as Array<[number, number, string]>) {
      // 1e-20 at shape 0.05: the quantile, about 1e-400, is below the smallest double.
      expect(relativeError(incompleteGammaInv(p, a), Number(x)), `P⁻¹(${a}, ${p})`).toBeLessThan(1e-13);
    }
    expect([incompleteGammaInv(0, 2), incompleteGammaInv(1, 2)]).toEqual([0, Infinity]);
    expect(incompleteGammaInv(NaN, 2)).toBeNaN();
    expect(incompleteGammaInv(0.5, 0)).toBeNaN();
  });

  it('the documented edges: NaN for a NaN argument or a shape not above 0, the certain tails outside (0, 1) and at p = 0, 1', () => {
    // Each shape check alone: a NaN or non-positive first shape, then second, with the other
    // valid. At the ends x = 0, 1 (p = 0, 1) only the check gives NaN: inside, ln B would too.
    for (const [a, b] of [[NaN, 2], [0, 2], [-1, 2], [2, NaN], [2, 0], [2, -1]]) {
      for (const x of [0, 0.5, 1]) {
        expect(incompleteBeta(x, a, b), `I_${x}(${a}, ${b})`).toBeNaN();
        expect(incompleteBeta(x, a, b, true), `1 − I_${x}(${a}, ${b})`).toBeNaN();
        expect(incompleteBetaInv(x, a, b), `I⁻¹_${x}(${a}, ${b})`).toBeNaN();
      }
    }
    expect([incompleteBeta(NaN, 2, 3), incompleteBeta(NaN, 2, 3, true), incompleteBetaInv(NaN, 2, 3)]).toEqual([NaN, NaN, NaN]);
    // x at or beyond either end, in both tails; p at or beyond either end.
    expect([-1, 0, 1, 2].map((x) => [incompleteBeta(x, 2, 3), incompleteBeta(x, 2, 3, true)])).toEqual([[0, 1], [0, 1], [1, 0], [1, 0]]);
    expect([-1, 0, 1, 2].map((p) => incompleteBetaInv(p, 2, 3))).toEqual([0, 0, 1, 1]);
    for (const a of [NaN, 0, -1]) for (const x of [0, 1, Infinity]) expect(incompleteGamma(a, x), `P(${a}, ${x})`).toBeNaN();
    expect([incompleteGamma(2, -1), incompleteGamma(2, -1, true)]).toEqual([0, 1]);
    expect([-1, 2].map((p) => incompleteGammaInv(p, 2))).toEqual([0, Infinity]);
    for (const a of [NaN, -1]) for (const p of [0, 0.5, 1]) expect(incompleteGammaInv(p, a), `P⁻¹(${a}, ${p})`).toBeNaN();
  });

  it('incompleteBetaHalfUpper: 1 − I_x(½, b) within 1e-14 relative, plus what rounding s₀ = −ln(1 − x) costs a tail falling like e^(−b·s₀)', () => {
    // That conditioning is b·s₀ times a rounding of s₀ (4ε allowed): 3.3e-14 measured at
    // b·s₀ = 100 (x = 0.002, b = 50,000), where the allowance is 8.9e-14; elsewhere at most 2.9e-15.
    for (const [x, b, v] of refs.incompleteBetaHalfUpper as Array<[number, number, string]>) {
      const conditioning = -b * Math.log1p(-x);
      expect(relativeError(incompleteBetaHalfUpper(x, b, logBetaAccurate(0.5, b)), Number(v)), `(${x}, ${b})`).toBeLessThan(1e-14 + 4 * EPS * conditioning);
    }
  });
});
