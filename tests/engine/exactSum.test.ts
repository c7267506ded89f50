import { describe, expect, it } from 'vitest';
import { addCompensated, addExact, combineExact, mergeExact, roundExact } from '../../src/engine/exactSum';
import { generator } from '../math/helpers';
import { exactSum } from './exactReference';

function fsum(values: number[]): number {
  const p: number[] = [];
  for (const v of values) addExact(p, v);
  return roundExact(p);
}

describe('exact summation', () => {
  // Reference values: Python's math.fsum on the same inputs (same algorithm, correctly rounded).
  it('recovers what naive summation loses', () => {
    expect(fsum([1e100, 1, -1e100])).toBe(1);
    expect(fsum(new Array(10).fill(0.1))).toBe(1);
    expect(fsum([1, 1e-16, 1e-16])).toBe(1.0000000000000002);
    expect(fsum([])).toBe(0);
  });

  it('rounds half-way cases to even using the remaining partials', () => {
    // 1 + 2^-53 + 2^-105 is just above the half-way point between 1 and 1 + 2^-52.
    expect(fsum([1, 2 ** -53, 2 ** -105])).toBe(1 + 2 ** -52);
    expect(fsum([1, 2 ** -53])).toBe(1);
  });

  it('gives the same total for any grouping and order of the parts', () => {
    // Deterministic pseudo-random values spanning many magnitudes (LCG, no Math.random).
    let state = 12345;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 10 ** ((state % 31) - 15);
    const values = Array.from({ length: 3000 }, next);
    const whole = fsum(values);
    for (const groups of [1, 2, 3, 7, 100]) {
      const parts: number[][] = Array.from({ length: groups }, () => []);
      values.forEach((v, i) => addExact(parts[(i * 7919) % groups], v));
      const merged: number[] = [];
      for (const part of parts.reverse()) mergeExact(merged, part);
      expect(roundExact(merged)).toBe(whole);
    }
  });
});

/** Deterministic pseudo-random doubles: mixed magnitudes, signs, exact cancellations and half-way sums. */
function cases(seed: number, count: number): number[][] {
  const { unit: u } = generator(seed);
  const out: number[][] = [];
  for (let c = 0; c < count; c++) {
    const kind = c % 4;
    const length = 1 + Math.floor(u() * 30);
    const values: number[] = [];
    for (let i = 0; i < length; i++) values.push((u() < 0.5 ? -1 : 1) * u() * 2 ** Math.floor(u() * 120 - 60));
    if (kind === 1) values.push(...values.map((v) => -v).slice(0, length >> 1)); // exact cancellations
    if (kind === 2) {
      // A half-way sum: 1 + 2^-53 is exactly between two doubles; a tiny rest decides the rounding.
      const rest = (u() < 0.5 ? -1 : 1) * 2 ** -(80 + Math.floor(u() * 40));
      values.splice(0, values.length, 1, 2 ** -53, rest, ...(u() < 0.5 ? [] : [2 ** -60, -(2 ** -60)]));
    }
    if (kind === 3) values.push(2 ** 70, -(2 ** 70), 3 * 2 ** -70); // large terms that cancel exactly
    out.push(values);
  }
  return out;
}

// The reference itself is checked on known sums in tests/property/merge.property.test.ts.
describe('exact summation against an exact BigInt reference', () => {
  it('rounds the sum of every case correctly, keeping the partials ordered, with no zeros below the top', () => {
    const problems: string[] = [];
    for (const values of cases(20261205, 4000)) {
      const partials: number[] = [];
      values.forEach((v, i) => {
        addExact(partials, v);
        // The partials' exact sum is the exact sum so far (shown by rounding both); every
        // partial but the last is non-zero and smaller in magnitude than the next, and the last
        // (the running high part) may be 0 after an exact cancellation (Shewchuk's invariant).
        if (roundExact(partials) !== exactSum(values.slice(0, i + 1))) problems.push(`${JSON.stringify(values.slice(0, i + 1))}: ${roundExact(partials)}`);
        const last = partials.length - 1;
        for (let k = 0; k < last; k++) {
          const next = partials[k + 1];
          if (partials[k] === 0 || (Math.abs(partials[k]) >= Math.abs(next) && !(k + 1 === last && next === 0))) problems.push(`${JSON.stringify(values)}: partials ${JSON.stringify(partials)}`);
        }
      });
      if (problems.length > 3) break;
    }
    expect(problems).toEqual([]);
  });

  it('shortens the list when an addition cancels a partial below the top', () => {
    // Partials [1, 2^60, 2^120]; adding -1 cancels the 1: the loop's first two steps leave no
    // remainder, so the list is written from its start and cut to [2^60, 2^120].
    const partials: number[] = [];
    const values = [2 ** 120, 2 ** 60, 1, -1, 3, -(2 ** 60), -(2 ** 120)];
    values.forEach((v, i) => {
      addExact(partials, v);
      expect(roundExact(partials), `after ${i + 1} values`).toBe(exactSum(values.slice(0, i + 1)));
      if (i === 3) expect(partials).toEqual([2 ** 60, 2 ** 120]);
    });
  });

  it('rounds a half-way sum by the sign of what lies beyond it', () => {
    // 1 + 2^-53 is half-way between 1 and 1 + 2^-52: a rest below it rounds down, above it up,
    // wherever in the list the rest comes.
    for (const rest of [2 ** -100, -(2 ** -100), 2 ** -60, -(2 ** -60)]) {
      const expected = rest > 0 ? 1 + 2 ** -52 : 1;
      expect(fsum([1, 2 ** -53, rest])).toBe(expected);
      expect(fsum([rest, 2 ** -53, 1])).toBe(expected);
      expect(fsum([2 ** -53, rest, 1, 2 ** -70, -(2 ** -70)])).toBe(expected);
    }
    // Below 1 the half-way point is 1 − 2^-54: the rest decides again.
    expect(fsum([1, -(2 ** -54), 2 ** -90])).toBe(1);
    expect(fsum([1, -(2 ** -54), -(2 ** -90)])).toBe(1 - 2 ** -53);
  });

  it('combines sums with small integer coefficients exactly (Σ(x − y)² = Σx² − 2Σxy + Σy²)', () => {
    const xs = [0.1, 1e8, -3.5, 2 ** -30];
    const ys = [0.3, 1e8 + 1, -3.25, 0];
    const sums = (f: (x: number, y: number) => number) => {
      const p: number[] = [];
      xs.forEach((x, i) => addExact(p, f(x, ys[i])));
      return p;
    };
    const got = combineExact([
      [1, sums((x) => x * x)],
      [-2, sums((x, y) => x * y)],
      [1, sums((_, y) => y * y)],
    ]);
    // The same combination of the same rounded products, summed exactly by the reference.
    const terms = xs.flatMap((x, i) => [x * x, -2 * (x * ys[i]), ys[i] * ys[i]]);
    expect(got).toBe(exactSum(terms));
    expect(combineExact([])).toBe(0);
  });

  it('takes one Neumaier step whichever term is larger', () => {
    const sum = new Float64Array(2);
    const comp = new Float64Array(2);
    for (const v of [1e100, 1, -1e100]) addCompensated(sum, comp, 1, v);
    expect([sum[1], comp[1]]).toEqual([0, 1]); // the 1 survives in the compensation
    expect([sum[0], comp[0]]).toEqual([0, 0]); // other slots untouched
    sum[0] = 1;
    addCompensated(sum, comp, 0, 2 ** -60); // smaller term: a − t + v
    addCompensated(sum, comp, 0, 3); // larger term: v − t + a
    expect(sum[0] + comp[0]).toBe(4);
    expect(comp[0]).toBe(2 ** -60);
    // A small running sum meets a large term: only v − t + a keeps the 0.1 (a − t + v gives 0).
    const s1 = new Float64Array(1);
    const c1 = new Float64Array(1);
    for (const v of [0.1, 1e20, -1e20]) addCompensated(s1, c1, 0, v);
    expect([s1[0], c1[0]]).toEqual([0, 0.1]);
  });
});
