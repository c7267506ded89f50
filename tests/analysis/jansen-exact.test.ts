/**
 * Jansen's estimators and their Poisson bootstrap on designs small enough to compute by hand,
 * against a direct transcription of the formulas (Saltelli et al. 2010, Table 2: "b" for S_i, "f"
 * for S_Ti; V the variance of the 2N pooled values of f(A) and f(B)), with every row weighted by
 * its bootstrap count. The counts come from a stream whose uniforms the test chooses, so each
 * Poisson(1) count is known: k is the smallest with u ≤ e⁻¹·Σ_{j≤k} 1/j!.
 */
import { describe, expect, it } from 'vitest';
import { jansenFinish, jansenIndices, jansenPartial, mergeJansen } from '../../src/analysis/sobol';
import { sortedQuantile } from '../../src/analysis/sums';
import type { RandomStream } from '../../src/rng';

/** A stream that returns the given uniforms in turn. */
function scripted(us: readonly number[]): RandomStream {
  let i = 0;
  return { next: () => us[i++ % us.length] } as unknown as RandomStream;
}

/** The indices of rows weighted by `counts`, from the formulas. */
function byHand(fA: number[], fB: number[], fAB: number[][], counts: number[]) {
  const rows = counts.reduce((s, c) => s + c, 0);
  const mean = fA.reduce((s, a, j) => s + counts[j] * (a + fB[j]), 0) / (2 * rows);
  const v = fA.reduce((s, a, j) => s + counts[j] * ((a - mean) ** 2 + (fB[j] - mean) ** 2), 0) / (2 * rows);
  const first = fAB.map((c) => (v - c.reduce((s, x, j) => s + counts[j] * (fB[j] - x) ** 2, 0) / (2 * rows)) / v);
  const total = fAB.map((c) => c.reduce((s, x, j) => s + counts[j] * (fA[j] - x) ** 2, 0) / (2 * rows) / v);
  return { v, first, total };
}

// Four rows, two inputs: f(A), f(B), f(A with column i from B).
const fA = [1, 4, 2, 7];
const fB = [3, 0.5, 5, 2];
const fAB = [
  [2, 1, 4, 6],
  [3.5, 0, 2, 2.5],
];
const f64 = (xs: number[]) => Float64Array.from(xs);
const design = () => [f64(fA), f64(fB), fAB.map(f64)] as const;

describe('Jansen point estimates', () => {
  it('are the formulas’ values, with zero-width intervals without a bootstrap', () => {
    const r = jansenIndices(...design(), { bootstrap: 0 })!;
    const ref = byHand(fA, fB, fAB, [1, 1, 1, 1]);
    expect(r.variance).toBeCloseTo(ref.v, 14);
    r.indices.forEach((index, i) => {
      expect(index.first.estimate).toBeCloseTo(ref.first[i], 14);
      expect(index.total.estimate).toBeCloseTo(ref.total[i], 14);
      expect(index.first.ci95).toEqual([index.first.estimate, index.first.estimate]);
      expect(index.total.ci95).toEqual([index.total.estimate, index.total.estimate]);
    });
  });

  it('are undefined for an output that never varies, exactly (the variance is taken around the first value)', () => {
    const c = f64([0.1, 0.1, 0.1]);
    expect(jansenIndices(c, c, [c], { bootstrap: 0 })).toBeUndefined();
  });

  it('refuse designs they cannot estimate from, saying what they got', () => {
    expect(() => jansenIndices(f64([1]), f64([2]), [f64([3])], { bootstrap: 0 })).toThrow('jansenIndices: fA, fB and every fAB column need the same length of at least 2 (got 1, 1, [1])');
    expect(() => jansenIndices(f64([1, 2]), f64([2, 3, 4]), [f64([3, 4])], { bootstrap: 0 })).toThrow('(got 2, 3, [2])');
    expect(() => jansenIndices(f64([1, 2]), f64([2, 3]), [f64([3, 4]), f64([1])], { bootstrap: 0 })).toThrow('(got 2, 2, [2, 1])');
    expect(() => jansenIndices(...design(), { bootstrap: 1.5, stream: scripted([0.5]) })).toThrow('jansenIndices: bootstrap must be a whole number >= 0 (got 1.5)');
    expect(() => jansenIndices(...design(), { bootstrap: -1, stream: scripted([0.5]) })).toThrow('(got -1)');
    expect(() => jansenIndices(...design(), { bootstrap: 2 })).toThrow('jansenIndices: a bootstrap needs a stream');
  });
});

describe('the Poisson bootstrap', () => {
  // e⁻¹ = 0.3679, cumulative 0.7358 at 1, 0.9197 at 2, 0.9810 at 3, 0.99634 at 4.
  const E = Math.exp(-1);
  const cases: Array<[number, number]> = [
    [0.2, 0],
    [E, 0],
    [0.5, 1],
    [2 * E, 1],
    [0.8, 2],
    [0.95, 3],
    [0.99, 4],
    [0.999, 5],
  ];

  it('counts each row a Poisson(1) number of times, by inversion of one uniform', () => {
    // One row per call: each replicate's row weight is that row's count.
    const one = f64([1]);
    for (const [u, count] of cases) {
      const out = jansenPartial(one, f64([2]), [f64([3])], 1, 1, scripted([u]));
      expect(out[5], `u = ${u}`).toBe(count);
    }
  });

  it('draws the counts row by row, every resample’s count of a row in turn, and weights every sum by them', () => {
    // Rows 0..3, resamples 0..2: uniforms in the order (row 0: r0 r1 r2), (row 1: r0 r1 r2), …
    const us = [0.5, 0.8, 0.2, 0.95, 0.5, 0.5, 0.2, 0.8, 0.99, 0.5, 0.5, 0.8];
    const counts = [
      [1, 3, 0, 1], // resample 0: the first uniform of each row
      [2, 1, 2, 1],
      [0, 1, 4, 2],
    ];
    const partial = jansenPartial(...design(), 4, 3, scripted(us));
    const k = 2;
    const w = 3 + 2 * k;
    expect(partial.length).toBe(4 * w);
    counts.forEach((c, r) => {
      const o = (r + 1) * w;
      const ref = byHand(fA, fB, fAB, c);
      const rows = c.reduce((s, x) => s + x, 0);
      expect(partial[o], `resample ${r}`).toBe(rows);
      expect(partial[o + 2] / (2 * rows)).toBeCloseTo(ref.v, 13);
      for (let i = 0; i < k; i++) {
        expect((ref.v - partial[o + 3 + i] / (2 * rows)) / ref.v).toBeCloseTo(ref.first[i], 13);
        expect(partial[o + 3 + k + i] / (2 * rows) / ref.v).toBeCloseTo(ref.total[i], 13);
      }
    });
    // The point replicate counts every row once.
    expect(partial[0]).toBe(4);
  });

  it('gives percentile intervals of the resamples’ indices, dropping resamples that count no row', () => {
    const us = [0.5, 0.8, 0.2, 0.95, 0.5, 0.5, 0.2, 0.8, 0.99, 0.5, 0.5, 0.8];
    // A fourth resample that counts no row at all: its indices are NaN and are left out.
    const withEmpty = us.flatMap((u, j) => (j % 3 === 2 ? [u, 0.1] : [u]));
    const r = jansenIndices(...design(), { bootstrap: 4, stream: scripted(withEmpty) })!;
    const counts = [
      [1, 3, 0, 1],
      [2, 1, 2, 1],
      [0, 1, 4, 2],
    ];
    const refs = counts.map((c) => byHand(fA, fB, fAB, c));
    for (let i = 0; i < 2; i++) {
      for (const which of ['first', 'total'] as const) {
        const sorted = Float64Array.from(refs.map((x) => x[which][i])).sort();
        const [lo, hi] = r.indices[i][which].ci95;
        expect(lo, `${which} ${i}`).toBeCloseTo(sortedQuantile(sorted, 0.025), 12);
        expect(hi, `${which} ${i}`).toBeCloseTo(sortedQuantile(sorted, 0.975), 12);
      }
    }
  });

  it('gives a zero-width interval at the estimate when every resample is empty', () => {
    const r = jansenIndices(...design(), { bootstrap: 2, stream: scripted([0.1]) })!;
    for (const index of r.indices) {
      expect(index.first.ci95).toEqual([index.first.estimate, index.first.estimate]);
      expect(index.total.ci95).toEqual([index.total.estimate, index.total.estimate]);
    }
  });
});

describe('mergeJansen', () => {
  const us = [0.5, 0.8, 0.2, 0.95, 0.5, 0.5, 0.2, 0.8, 0.99, 0.5, 0.5, 0.8];
  const k = 2;

  it('merges pieces of a design into what the whole design gives, for any split', () => {
    const whole = jansenPartial(...design(), 4, 3, scripted(us));
    const piece = (from: number, to: number) => {
      const cut = (xs: number[]) => f64(xs.slice(from, to));
      return jansenPartial(cut(fA), cut(fB), fAB.map(cut), to - from, 3, scripted(us.slice(3 * from, 3 * to)));
    };
    for (const splits of [[0, 1, 4], [0, 2, 4], [0, 3, 4], [0, 1, 2, 3, 4]]) {
      const into = new Float64Array(whole.length);
      for (let s = 1; s < splits.length; s++) mergeJansen(into, piece(splits[s - 1], splits[s]), k);
      whole.forEach((x, j) => expect(into[j], `split ${splits} at ${j}`).toBeCloseTo(x, 12));
    }
  });

  it('leaves a replicate alone when the part counted no row, and copies the part into an empty one', () => {
    const whole = jansenPartial(...design(), 4, 3, scripted(us));
    const into = Float64Array.from(whole);
    mergeJansen(into, new Float64Array(whole.length), k);
    expect(into).toEqual(whole);
    const empty = new Float64Array(whole.length);
    mergeJansen(empty, whole, k);
    expect(empty).toEqual(whole);
  });

  it('pools two halves’ means and squared deviations exactly as one pass would (Chan et al.)', () => {
    // Two rows each: (1, 3), (4, 0.5) and (2, 5), (7, 2); pooled mean 3.0625, M2 = 35.46875.
    const first = jansenPartial(f64(fA.slice(0, 2)), f64(fB.slice(0, 2)), fAB.map((c) => f64(c.slice(0, 2))), 2, 0);
    const second = jansenPartial(f64(fA.slice(2)), f64(fB.slice(2)), fAB.map((c) => f64(c.slice(2))), 2, 0);
    mergeJansen(first, second, k);
    expect(first[0]).toBe(4);
    expect(first[1]).toBeCloseTo(24.5 / 8, 15);
    const values = [...fA, ...fB];
    expect(first[2]).toBeCloseTo(values.reduce((s, x) => s + (x - 24.5 / 8) ** 2, 0), 13);
    expect(jansenFinish(first, k, 0)!.variance).toBeCloseTo(byHand(fA, fB, fAB, [1, 1, 1, 1]).v, 14);
  });
});
