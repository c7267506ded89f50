import { describe, expect, it } from 'vitest';
import { addExact, mergeExact, roundExact } from '../../src/engine/exactSum';

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
