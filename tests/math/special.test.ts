/**
 * Special values of src/math, exactly (Object.is: the sign of zero counts, NaN equals NaN).
 *
 * Sources: IEEE 754-2019 section 9.2 (recommended operations) and C99 Annex F (F.9.3.1 exp,
 * F.9.3.3 expm1, F.9.3.7 log, F.9.3.8 log10, F.9.3.9 log1p, F.9.3.10 log2, F.9.4.4 pow), and,
 * for pow, ECMAScript's Number::exponentiate (ES2024 6.1.6.1.3), which the library follows
 * where it differs from C99 (formulas' `^` has always been JavaScript's): pow(+1, NaN) and
 * pow(±1, ±Infinity) are NaN, not 1.
 */
import { describe, expect, it } from 'vitest';
import { exp, expm1, log, log10, log1p, log2, pow } from '../../src/math/index';

const MIN_SUB = 5e-324; // 2^-1074
const MIN_NORMAL = 2.2250738585072014e-308; // 2^-1022
const MAX = Number.MAX_VALUE;

type Case = [number, number, string];
const check = (f: (x: number) => number, cases: Case[]) => {
  for (const [x, want, why] of cases) expect(Object.is(f(x), want), `${f.name}(${x}) = ${f(x)}, want ${want}: ${why}`).toBe(true);
};

describe('exp', () => {
  it('special values (C99 F.9.3.1)', () => {
    check(exp, [
      [0, 1, 'exp(±0) returns 1'],
      [-0, 1, 'exp(±0) returns 1'],
      [-Infinity, 0, 'exp(-∞) returns +0'],
      [Infinity, Infinity, 'exp(+∞) returns +∞'],
      [NaN, NaN, 'NaN in, NaN out'],
      [710, Infinity, 'overflow: > 709.782712893384'],
      [709.782712893384, 1.7976931348622732e308, 'the largest x with a finite result'],
      [-746, 0, 'underflow to +0 below -745.1332191019411'],
      [-745.1332191019411, MIN_SUB, 'the smallest subnormal'],
      [-708.5, 2.006132305331306e-308, 'a subnormal result (< 2^-1022)'],
      [1, Math.E, 'e itself, correctly rounded'],
      [MIN_SUB, 1, 'exp(tiny) = 1'],
      [-MIN_SUB, 1, 'exp(-tiny) = 1'],
      [Math.LN2, 2, 'e^ln2 = 2'],
    ]);
  });
});

describe('expm1', () => {
  it('special values (C99 F.9.3.3)', () => {
    check(expm1, [
      [0, 0, 'expm1(±0) returns ±0'],
      [-0, -0, 'expm1(±0) returns ±0'],
      [-Infinity, -1, 'expm1(-∞) returns -1'],
      [Infinity, Infinity, 'expm1(+∞) returns +∞'],
      [NaN, NaN, 'NaN in, NaN out'],
      [710, Infinity, 'overflow'],
      [-40, -1, 'e^-40 - 1 rounds to -1'],
      [MIN_SUB, MIN_SUB, 'expm1(x) = x for tiny x'],
      [-MIN_SUB, -MIN_SUB, 'expm1(x) = x for tiny x, sign kept'],
      [1e-300, 1e-300, 'expm1(x) = x for tiny x'],
    ]);
  });
});

describe('log', () => {
  it('special values (C99 F.9.3.7)', () => {
    check(log, [
      [0, -Infinity, 'log(±0) returns -∞'],
      [-0, -Infinity, 'log(±0) returns -∞'],
      [1, 0, 'log(1) returns +0'],
      [-1, NaN, 'log(x) is NaN for x < 0'],
      [-MIN_SUB, NaN, 'log(x) is NaN for x < 0'],
      [-Infinity, NaN, 'log(x) is NaN for x < 0'],
      [Infinity, Infinity, 'log(+∞) returns +∞'],
      [NaN, NaN, 'NaN in, NaN out'],
      [MIN_SUB, -744.4400719213812, 'the smallest subnormal'],
      [MIN_NORMAL, -708.3964185322641, 'the smallest normal'],
      [MAX, 709.782712893384, 'the largest double'],
      [Math.E, 1, 'log(e) = 1'],
      [2, Math.LN2, 'log(2) = ln2, correctly rounded'],
      [10, Math.LN10, 'log(10) = ln10, correctly rounded'],
    ]);
  });
});

describe('log1p', () => {
  it('special values (C99 F.9.3.9)', () => {
    check(log1p, [
      [0, 0, 'log1p(±0) returns ±0'],
      [-0, -0, 'log1p(±0) returns ±0'],
      [-1, -Infinity, 'log1p(-1) returns -∞'],
      [-1.0000000000000002, NaN, 'log1p(x) is NaN for x < -1'],
      [-Infinity, NaN, 'log1p(x) is NaN for x < -1'],
      [Infinity, Infinity, 'log1p(+∞) returns +∞'],
      [NaN, NaN, 'NaN in, NaN out'],
      [MIN_SUB, MIN_SUB, 'log1p(x) = x for tiny x'],
      [-MIN_SUB, -MIN_SUB, 'log1p(x) = x for tiny x, sign kept'],
      [1, Math.LN2, 'log1p(1) = ln2'],
      [MAX, 709.782712893384, 'the largest double'],
    ]);
  });
});

describe('log2', () => {
  it('special values (C99 F.9.3.10)', () => {
    check(log2, [
      [0, -Infinity, 'log2(±0) returns -∞'],
      [-0, -Infinity, 'log2(±0) returns -∞'],
      [1, 0, 'log2(1) returns +0'],
      [-2, NaN, 'log2(x) is NaN for x < 0'],
      [-Infinity, NaN, 'log2(x) is NaN for x < 0'],
      [Infinity, Infinity, 'log2(+∞) returns +∞'],
      [NaN, NaN, 'NaN in, NaN out'],
      [MAX, 1024, 'rounds to 1024'],
    ]);
  });

  it('is exact on every power of two, subnormals included', () => {
    for (let n = -1074; n <= 1023; n++) expect(log2(2 ** n), `log2(2^${n})`).toBe(n);
  });
});

describe('log10', () => {
  it('special values (C99 F.9.3.8)', () => {
    check(log10, [
      [0, -Infinity, 'log10(±0) returns -∞'],
      [-0, -Infinity, 'log10(±0) returns -∞'],
      [1, 0, 'log10(1) returns +0'],
      [-10, NaN, 'log10(x) is NaN for x < 0'],
      [-Infinity, NaN, 'log10(x) is NaN for x < 0'],
      [Infinity, Infinity, 'log10(+∞) returns +∞'],
      [NaN, NaN, 'NaN in, NaN out'],
      [MIN_SUB, -323.3062153431158, 'the smallest subnormal'],
      [MAX, 308.25471555991675, 'the largest double'],
    ]);
  });

  it('is exact on powers of ten 1e-22 .. 1e22', () => {
    for (let n = -22; n <= 22; n++) expect(log10(Number(`1e${n}`)), `log10(1e${n})`).toBe(n);
  });
});

describe('pow', () => {
  const cases: Array<[number, number, number, string]> = [
    // y = ±0
    [NaN, 0, 1, 'pow(x, ±0) = 1 for any x, even NaN (C99 and ES)'],
    [NaN, -0, 1, 'pow(x, ±0) = 1 for any x, even NaN'],
    [Infinity, 0, 1, 'pow(x, ±0) = 1'],
    [-0, -0, 1, 'pow(x, ±0) = 1'],
    // NaN
    [NaN, 1, NaN, 'pow(NaN, y ≠ 0) = NaN'],
    [2, NaN, NaN, 'pow(x, NaN) = NaN'],
    [1, NaN, NaN, 'ES: pow(+1, NaN) = NaN (C99 F.9.4.4 says 1)'],
    // ±1 and ±∞ exponents
    [1, Infinity, NaN, 'ES: pow(±1, ±∞) = NaN (C99 says 1)'],
    [-1, -Infinity, NaN, 'ES: pow(±1, ±∞) = NaN (C99 says 1)'],
    [1, 1e300, 1, 'pow(+1, y) = 1 for finite y'],
    [-1, 1e300, 1, '(-1)^(even integer) = 1'],
    [-1, 3, -1, '(-1)^(odd integer) = -1'],
    [-1, 0.5, NaN, '(-1)^(non-integer) = NaN'],
    [0.5, Infinity, 0, 'pow(x, +∞) = +0 for |x| < 1'],
    [-0.5, Infinity, 0, 'pow(x, +∞) = +0 for |x| < 1'],
    [0.5, -Infinity, Infinity, 'pow(x, -∞) = +∞ for |x| < 1'],
    [2, Infinity, Infinity, 'pow(x, +∞) = +∞ for |x| > 1'],
    [-2, Infinity, Infinity, 'pow(x, +∞) = +∞ for |x| > 1'],
    [2, -Infinity, 0, 'pow(x, -∞) = +0 for |x| > 1'],
    // ±0 base
    [0, -3, Infinity, 'pow(+0, y < 0) = +∞'],
    [-0, -3, -Infinity, 'pow(-0, odd y < 0) = -∞'],
    [-0, -2, Infinity, 'pow(-0, even y < 0) = +∞'],
    [-0, -0.5, Infinity, 'pow(-0, non-integer y < 0) = +∞'],
    [-0, -Infinity, Infinity, 'pow(±0, -∞) = +∞'],
    [0, 3, 0, 'pow(+0, y > 0) = +0'],
    [-0, 3, -0, 'pow(-0, odd y > 0) = -0'],
    [-0, 2, 0, 'pow(-0, even y > 0) = +0'],
    [-0, 0.5, 0, 'pow(-0, non-integer y > 0) = +0'],
    [-0, Infinity, 0, 'pow(±0, +∞) = +0'],
    // ±∞ base
    [Infinity, 0.5, Infinity, 'pow(+∞, y > 0) = +∞'],
    [Infinity, -0.5, 0, 'pow(+∞, y < 0) = +0'],
    [-Infinity, 3, -Infinity, 'pow(-∞, odd y > 0) = -∞'],
    [-Infinity, 2, Infinity, 'pow(-∞, even y > 0) = +∞'],
    [-Infinity, 0.5, Infinity, 'pow(-∞, non-integer y > 0) = +∞'],
    [-Infinity, -3, -0, 'pow(-∞, odd y < 0) = -0'],
    [-Infinity, -2, 0, 'pow(-∞, even y < 0) = +0'],
    // negative finite base
    [-2, 0.5, NaN, 'pow(x < 0, non-integer y) = NaN'],
    [-8, 1 / 3, NaN, 'pow(x < 0, non-integer y) = NaN'],
    [-2, 3, -8, '(-x)^odd = -(x^odd)'],
    [-2, -3, -0.125, '(-x)^odd = -(x^odd)'],
    [-2, 4, 16, '(-x)^even = x^even'],
    [-3, 2 ** 53, Infinity, '|y| >= 2^53 is an even integer: overflow to +∞'],
    [-2, 1025, -Infinity, 'overflow keeps the sign of (-x)^odd'],
    [-10, -401, -0, 'underflow keeps the sign of (-x)^odd'],
    // exact integer powers, roots and shortcuts
    [3, 20, 3486784401, 'integer ^ integer is exact when representable'],
    [10, 22, 1e22, 'integer ^ integer is exact when representable'],
    [2, -1074, MIN_SUB, '2^-1074, the smallest subnormal'],
    [2, 1023, 2 ** 1023, '2^1023'],
    [2, 1024, Infinity, 'overflow'],
    [2, -1075, 0, 'underflow to +0'],
    [10, 309, Infinity, 'overflow'],
    [10, -400, 0, 'underflow'],
    [2, 0.5, Math.SQRT2, 'y = 0.5 is sqrt (correctly rounded)'],
    [7.3, 1, 7.3, 'pow(x, 1) = x'],
    [7.3, -1, 1 / 7.3, 'pow(x, -1) = 1/x'],
    [7.3, 2, 7.3 * 7.3, 'pow(x, 2) = x*x'],
    [MIN_SUB, 0.5, 2.2227587494850775e-162, 'sqrt of the smallest subnormal'],
    [MIN_SUB, -1, Infinity, '1 / 2^-1074 overflows'],
  ];
  it('special values (ES Number::exponentiate; C99 F.9.4.4 where they agree)', () => {
    for (const [x, y, want, why] of cases) expect(Object.is(pow(x, y), want), `pow(${x}, ${y}) = ${pow(x, y)}, want ${want}: ${why}`).toBe(true);
  });
  it('agrees with this engine\'s Math.pow on every special case above', () => {
    for (const [x, y] of cases) expect(Object.is(pow(x, y), Math.pow(x, y)), `pow(${x}, ${y})`).toBe(true);
  });
});

describe('every function gives the engine\'s special values', () => {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1, -1, MIN_SUB, -MIN_SUB, MIN_NORMAL, MAX, -MAX];
  const fns: Array<[string, (x: number) => number, (x: number) => number]> = [
    ['exp', exp, Math.exp],
    ['expm1', expm1, Math.expm1],
    ['log', log, Math.log],
    ['log1p', log1p, Math.log1p],
    ['log2', log2, Math.log2],
    ['log10', log10, Math.log10],
  ];
  for (const [name, ours, theirs] of fns) {
    it(name, () => {
      for (const x of specials) expect(Object.is(ours(x), theirs(x)), `${name}(${x}) = ${ours(x)}, Math gives ${theirs(x)}`).toBe(true);
    });
  }
  it('pow, on every pair of special values', () => {
    for (const x of specials) for (const y of [...specials, 0.5, -0.5, 2, -2, 3, -3]) expect(Object.is(pow(x, y), Math.pow(x, y)), `pow(${x}, ${y}) = ${pow(x, y)}, Math gives ${Math.pow(x, y)}`).toBe(true);
  });
});
