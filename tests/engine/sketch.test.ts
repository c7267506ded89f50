/**
 * The quantile sketch (DDSketch with a bit-level logarithm): every reported quantile within the
 * stated relative accuracy of the exact empirical one, exact merging in any grouping and order,
 * weights, and Beta(2, 5)'s quantiles from scipy.
 */
import { describe, expect, it } from 'vitest';
import { createDistribution } from '../../src/distributions';
import { ChunkSketch, emptySketch, mergeFlatSketch, mergeSketch, SKETCH_RELATIVE_ACCURACY, sketchHistogram, sketchQuantiles, type Sketch } from '../../src/engine/sketch';
import { roundExact } from '../../src/engine/exactSum';
import { createStream } from '../../src/rng';

const QS = [0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1];

/** Draws n values of a distribution from a fixed stream. */
function draw(spec: Parameters<typeof createDistribution>[0], n: number, seed = 'sketch'): Float64Array {
  const out = new Float64Array(n);
  createDistribution(spec).sample(createStream(seed, 0, 'x'), out, n);
  return out;
}

/** The sketches merged, in the order given, into a new one. */
function merged(parts: readonly Sketch[]): Sketch {
  const s = emptySketch();
  for (const p of parts) mergeSketch(s, p);
  return s;
}

/** A chunk's sketch on its own, as merging its flat form into an empty sketch makes it. */
function asSketch(c: ChunkSketch): Sketch {
  const s = emptySketch();
  mergeFlatSketch(s, c.toFlat());
  return s;
}

/** The sketch of values, built chunk by chunk (chunks of `size`), merged in order. */
function sketchOf(values: Float64Array, size = 10_000, weights?: Float64Array): Sketch {
  const chunks: Sketch[] = [];
  for (let at = 0; at < values.length; at += size) {
    const c = new ChunkSketch();
    const n = Math.min(size, values.length - at);
    c.add(values.subarray(at, at + n), n, weights?.subarray(at, at + n));
    chunks.push(asSketch(c));
  }
  return merged(chunks);
}

/** The exact weighted empirical q-quantile: the smallest value whose cumulative weight reaches q of the total. */
function exactQuantile(values: Float64Array, q: number, weights?: Float64Array): number {
  const order = [...values.keys()].sort((a, b) => values[a] - values[b]);
  const w = (i: number) => (weights ? weights[i] : 1);
  const total = order.reduce((t, i) => t + w(i), 0);
  let seen = 0;
  for (const i of order) {
    seen += w(i);
    if (seen >= q * total) return values[i];
  }
  return values[order.at(-1)!];
}

function expectWithinAccuracy(got: number, exact: number, what: string): void {
  // The sketch's guarantee, plus a little for the floating-point bucket bounds.
  expect(Math.abs(got - exact), `${what}: ${got} vs exact ${exact}`).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY * Math.abs(exact) * (1 + 1e-9) + 1e-300);
}

describe('quantile sketch', () => {
  it('states its accuracy: tanh(1/200), just under 0.5%', () => {
    expect(SKETCH_RELATIVE_ACCURACY).toBeCloseTo(0.004999958, 9);
  });

  it('reports every quantile within the relative accuracy of the exact one: normals, lognormals, zeros and negatives', () => {
    const cases: Array<[string, Float64Array]> = [
      ['normal(0, 1)', draw({ dist: 'normal', mean: 0, sd: 1 }, 50_000)],
      ['lognormal(0, 3)', draw({ dist: 'lognormal', mu: 0, sigma: 3 }, 50_000)],
      ['bernoulli(0.3)', draw({ dist: 'bernoulli', p: 0.3 }, 20_000)],
      ['normal(-1e6, 10)', draw({ dist: 'normal', mean: -1e6, sd: 10 }, 20_000)],
      ['tiny uniform', draw({ dist: 'uniform', min: 1e-200, max: 2e-200 }, 20_000)],
    ];
    for (const [name, values] of cases) {
      const got = sketchQuantiles(sketchOf(values), QS);
      QS.forEach((q, k) => expectWithinAccuracy(got[k], exactQuantile(values, q), `${name} q=${q}`));
    }
  });

  it('gives the extremes exactly', () => {
    const values = draw({ dist: 'normal', mean: 3, sd: 2 }, 30_000);
    const s = sketchOf(values);
    expect(s.min).toBe(Math.min(...values));
    expect(s.max).toBe(Math.max(...values));
    expect(sketchQuantiles(s, [0, 1])).toEqual([s.min, s.max]);
  });

  it('merges to the same sketch in any grouping and order, bit for bit', () => {
    const values = draw({ dist: 'lognormal', mu: -2, sigma: 1.5 }, 60_000);
    const weights = draw({ dist: 'uniform', min: 0, max: 1 }, 60_000, 'weights');
    for (const w of [undefined, weights]) {
      const chunks = Array.from({ length: 6 }, (_, c) => {
        const k = new ChunkSketch();
        k.add(values.subarray(c * 10_000, (c + 1) * 10_000), 10_000, w?.subarray(c * 10_000, (c + 1) * 10_000));
        return asSketch(k);
      });
      const inOrder = merged(chunks);
      const reversed = merged([...chunks].reverse());
      const tree = merged([merged([merged([chunks[4], chunks[1]]), chunks[5]]), merged([chunks[0], merged([chunks[3], chunks[2]])])]);
      // Through JSON too, as shard part documents carry them.
      const viaJson = merged(JSON.parse(JSON.stringify(chunks)) as Sketch[]);
      // Each bucket's total, rounded once from its exact partials: equal bit for bit.
      const totals = (x: Sketch) => JSON.stringify([x.pos.offset, x.pos.bins.map(roundExact), x.neg.offset, x.neg.bins.map(roundExact), roundExact(x.zero), x.min, x.max]);
      for (const other of [reversed, tree, viaJson]) {
        expect(totals(other)).toBe(totals(inOrder));
        expect(sketchQuantiles(other, QS)).toEqual(sketchQuantiles(inOrder, QS));
      }
    }
  });

  it('weights values: the weighted quantiles are within the accuracy of the exact weighted ones', () => {
    const values = draw({ dist: 'normal', mean: 0, sd: 1 }, 40_000);
    // Weight e^-x² / 2 shifts the mass towards 0.
    const weights = values.map((x) => Math.exp(-x * x / 2));
    const got = sketchQuantiles(sketchOf(values, 10_000, weights), QS);
    QS.forEach((q, k) => expectWithinAccuracy(got[k], exactQuantile(values, q, weights), `weighted q=${q}`));
  });

  it('recovers Beta(2, 5)\'s quantiles from a million draws (scipy: 0.06285, 0.16116, 0.26445, 0.38948, 0.58180)', () => {
    // scipy.stats.beta(2, 5).ppf([.05, .25, .5, .75, .95]). Tolerance: the sketch's 0.5% relative
    // plus 5 standard errors of an empirical quantile at n = 1e6, sqrt(q(1-q)/n) / density(x_q),
    // which is at most 0.00033 for these five (density 1.31 at the 95th percentile).
    const scipy = [0.06285, 0.16116, 0.26445, 0.38948, 0.5818];
    const got = sketchQuantiles(sketchOf(draw({ dist: 'beta', alpha: 2, beta: 5 }, 1_000_000)), [0.05, 0.25, 0.5, 0.75, 0.95]);
    got.forEach((x, k) => expect(Math.abs(x - scipy[k]), `q ${[0.05, 0.25, 0.5, 0.75, 0.95][k]}`).toBeLessThan(SKETCH_RELATIVE_ACCURACY * scipy[k] + 5 * 0.00033));
  });

  it('draws a histogram whose shares sum to 1', () => {
    const h = sketchHistogram(sketchOf(draw({ dist: 'uniform', min: 2, max: 4 }, 100_000)), 10);
    expect(h.from).toBeGreaterThanOrEqual(2);
    expect(h.to).toBeLessThanOrEqual(4);
    expect(h.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Uniform: each of 10 bins holds about a tenth (±0.01: bucket values near a bin edge may land in its neighbour).
    for (const share of h.shares) expect(Math.abs(share - 0.1)).toBeLessThan(0.01);
  });
});
