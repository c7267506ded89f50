/**
 * The quantile sketch against answers known exactly: which bucket a value falls in and the value
 * a bucket reports (from the definitions in src/engine/sketch.ts, computed here independently),
 * zeros and subnormals, negatives, weights with their compensation, a chunk's flat form,
 * merging sketches whose buckets do not overlap, and histograms of small data sets.
 * tests/engine/sketch.test.ts checks the accuracy guarantee on large samples; these pin the
 * mechanism, so a wrong bucket or a lost weight fails here even when it stays within 0.5%.
 */
import { describe, expect, it } from 'vitest';
import { ChunkSketch, emptySketch, mergeFlatSketch, mergeSketch, sketchHistogram, sketchQuantiles, type Sketch } from '../../src/engine/sketch';
import { roundExact } from '../../src/engine/exactSum';

const K = 100;

/** The bucket of x > 0 by the sketch's definition: ceil(K · M(x)), M(x) = e + f for x = 2^e (1 + f). */
function bucketOf(x: number): number {
  const e = Math.floor(Math.log2(x));
  const f = x / 2 ** e - 1;
  return Math.ceil(K * (e + f));
}

/** The harmonic midpoint of bucket j's bounds 2^floor(m) (1 + frac(m)) at m = (j − 1)/K and j/K. */
function bucketMidpoint(j: number): number {
  const bound = (m: number) => 2 ** Math.floor(m) * (1 + m - Math.floor(m));
  return 2 / (1 / bound((j - 1) / K) + 1 / bound(j / K));
}

/** The sketch of `values` (each weight 1, or `weights[i]`) as one chunk, in its merged form. */
function sketchOf(values: readonly number[], weights?: readonly number[]): Sketch {
  const c = new ChunkSketch();
  c.add(Float64Array.from(values), values.length, weights && Float64Array.from(weights));
  const s = emptySketch();
  mergeFlatSketch(s, c.toFlat());
  return s;
}

describe('buckets and the values they report', () => {
  it('a middle quantile is the harmonic midpoint of its value\'s bucket', () => {
    // 3.01 = 2 (1 + 0.505): M = 1.505, bucket 151; 0.3 = 2^-2 (1 + 0.2): M = -1.8, bucket -180;
    // 1000 = 2^9 (1 + 0.953125): bucket 996.
    for (const [x, bucket] of [[3.01, 151], [0.3, -180], [1000, 996], [1.5, 50]] as const) {
      expect(bucketOf(x)).toBe(bucket);
      const [median] = sketchQuantiles(sketchOf([x / 10, x, x, x, x * 10]), [0.5]);
      expect(median).toBeCloseTo(bucketMidpoint(bucket), 13);
      expect(Math.abs(median / x - 1)).toBeLessThan(0.005);
    }
  });

  it('a value on a bucket\'s upper bound belongs to that bucket, the next value up to the next one', () => {
    // M(2) = 1 exactly: bucket 100, whose upper bound is 2; 2 + 1 ulp is in bucket 101.
    const up = 2 + 2 * Number.EPSILON;
    expect(sketchQuantiles(sketchOf([1, 2, 2, 2, 8]), [0.5])[0]).toBeCloseTo(bucketMidpoint(100), 13);
    expect(sketchQuantiles(sketchOf([1, up, up, up, 8]), [0.5])[0]).toBeCloseTo(bucketMidpoint(101), 13);
  });

  it('negative values use the mirrored buckets, in increasing order of value', () => {
    const s = sketchOf([-20, -3.01, -3.01, 0.3, 5]);
    const [q1, q2, q3, q4] = sketchQuantiles(s, [0.2, 0.4, 0.6, 0.8]);
    expect(q1).toBeCloseTo(-bucketMidpoint(bucketOf(20)), 13); // above the minimum: not clamped
    expect(q2).toBeCloseTo(-bucketMidpoint(151), 13);
    expect(q3).toBeCloseTo(-bucketMidpoint(151), 13);
    expect(q4).toBeCloseTo(bucketMidpoint(-180), 13);
  });

  it('zero, negative zero and subnormals share the zero bucket, between the negatives and the positives', () => {
    const tiny = 2 ** -1074;
    const s = sketchOf([-1, 0, -0, tiny, -tiny, 2 ** -1023, 1]);
    expect(roundExact(s.zero)).toBe(5);
    expect(s.pos.bins.map(roundExact).reduce((a, b) => a + b, 0)).toBe(1);
    expect(s.neg.bins.map(roundExact).reduce((a, b) => a + b, 0)).toBe(1);
    expect(sketchQuantiles(s, [0.2, 0.5, 0.8])).toEqual([0, 0, 0]);
    // 2^-1022, the smallest normal, is not zero: bucket K · (-1022).
    const normal = sketchOf([2 ** -1022, 2 ** -1022, 2 ** -1022, 1]);
    expect(roundExact(normal.zero)).toBe(0);
    expect(normal.pos.offset).toBe(-1022 * K);
  });

  it('the extremes are exact, and q = 0 and q = 1 give them', () => {
    const s = sketchOf([0.123, 7.5, -2.25]);
    expect([s.min, s.max]).toEqual([-2.25, 7.5]);
    expect(sketchQuantiles(s, [0, 1, -0.5, 2])).toEqual([-2.25, 7.5, -2.25, 7.5]);
  });
});

describe('weights', () => {
  it('a quantile is the first bucket whose cumulative weight reaches q of the total', () => {
    // Weights 0.1, 0.2, 0.3, 0.4 on 1, 10, 100, 1000 (bucket midpoints within 0.5% of them).
    const s = sketchOf([1000, 1, 100, 10], [0.4, 0.1, 0.3, 0.2]);
    const mids = [1, 10, 100, 1000].map((x) => bucketMidpoint(bucketOf(x)));
    const [a, b, c, d, e] = sketchQuantiles(s, [0.1, 0.11, 0.3, 0.31, 0.61]);
    expect(a).toBe(1); // the first bucket, clamped to the minimum
    expect(b).toBeCloseTo(mids[1], 12);
    expect(c).toBeCloseTo(mids[1], 12);
    expect(d).toBeCloseTo(mids[2], 12);
    expect(e).toBe(1000); // the last bucket, clamped to the maximum
  });

  it('sums each bucket\'s weights with compensation, so many small weights are not lost against a large one', () => {
    // 1 + 1e-16 ten thousand times: plain addition would leave 1; the exact total is 1 + 1e-12.
    const n = 10_001;
    const values = new Array<number>(n).fill(5);
    const weights = new Array<number>(n).fill(1e-16);
    weights[0] = 1;
    const c = new ChunkSketch();
    c.add(Float64Array.from(values), n, Float64Array.from(weights));
    const flat = c.toFlat();
    expect(flat.pos.sum.length).toBe(1);
    expect(flat.pos.comp.length).toBe(1);
    const s = emptySketch();
    mergeFlatSketch(s, flat);
    expect(roundExact(s.pos.bins[0])).toBeCloseTo(1 + 1e-12, 15);
    // The zero bucket too.
    const z = new ChunkSketch();
    z.add(Float64Array.from(values.map(() => 0)), n, Float64Array.from(weights));
    const zs = emptySketch();
    mergeFlatSketch(zs, z.toFlat());
    expect(roundExact(zs.zero)).toBeCloseTo(1 + 1e-12, 15);
  });
});

describe("a chunk's flat form", () => {
  it('a value one bucket past the room made so far is counted', () => {
    // The first value (bucket 0) makes room for buckets -64..63; 1.6399 is in bucket 64.
    expect(bucketOf(1.6399)).toBe(64);
    const c = new ChunkSketch();
    c.add(Float64Array.of(1, 1.6399, -1, -1.6399), 4);
    const flat = c.toFlat();
    for (const side of [flat.pos, flat.neg]) {
      expect(side.offset).toBe(0);
      expect(Array.from(side.sum.filter((x) => x !== 0))).toEqual([1, 1]);
      expect(side.sum.length).toBe(65);
    }
  });

  it('holds exactly the buckets from the first to the last non-empty one, counts without compensations', () => {
    const c = new ChunkSketch();
    c.add(Float64Array.of(3.01, 3.01, 0.3, 1000), 4);
    const flat = c.toFlat();
    expect(flat.pos.offset).toBe(-180);
    expect(flat.pos.sum.length).toBe(996 - -180 + 1);
    expect(flat.pos.sum[0]).toBe(1);
    expect(flat.pos.sum[151 + 180]).toBe(2);
    expect(flat.pos.sum.at(-1)).toBe(1);
    expect(flat.pos.sum.reduce((a, b) => a + b, 0)).toBe(4);
    expect(flat.pos.comp.length).toBe(0);
    expect(flat.neg.sum.length).toBe(0);
    expect(flat.zero).toEqual([0, 0]);
    expect([flat.min, flat.max]).toEqual([0.3, 1000]);
  });

  it('carries the compensations whenever any bucket has one', () => {
    // Bucket of 5 with the compensated total 1 + 1e-12; bucket of 0.5 with a plain 0.25.
    const n = 10_002;
    const values = new Float64Array(n).fill(5);
    const weights = new Float64Array(n).fill(1e-16);
    weights[0] = 1;
    values[n - 1] = 0.5;
    weights[n - 1] = 0.25;
    const c = new ChunkSketch();
    c.add(values, n, weights);
    const s = emptySketch();
    mergeFlatSketch(s, c.toFlat());
    expect(roundExact(s.pos.bins[bucketOf(5) - s.pos.offset])).toBe(1 + 1e-12);
    expect(roundExact(s.pos.bins[bucketOf(0.5) - s.pos.offset])).toBe(0.25);
  });

  it('is a copy: the chunk sketch can be reset and reused while its flat form waits to be merged', () => {
    const n = 10_001;
    const weights = new Float64Array(n).fill(1e-16);
    weights[0] = 1;
    const c = new ChunkSketch();
    c.add(new Float64Array(n).fill(5), n, weights);
    const flat = c.toFlat();
    c.reset();
    c.add(new Float64Array(n).fill(5), n, new Float64Array(n).fill(0.5));
    const s = emptySketch();
    mergeFlatSketch(s, flat);
    expect(roundExact(s.pos.bins[0])).toBe(1 + 1e-12);
  });

  it('grows its room below and above the first value, and reset empties it', () => {
    const c = new ChunkSketch();
    // Buckets far apart, first in the middle, then far below, then far above.
    c.add(Float64Array.of(1, 1e-200, 1e200, 1e-300, 1e300, 1), 6);
    const flat = c.toFlat();
    expect(flat.pos.offset).toBe(bucketOf(1e-300));
    expect(flat.pos.sum.length).toBe(bucketOf(1e300) - bucketOf(1e-300) + 1);
    expect(flat.pos.sum[0 - bucketOf(1e-300)]).toBe(2); // bucket 0 holds the two 1s
    expect(flat.pos.sum.reduce((a, b) => a + b, 0)).toBe(6);
    c.reset();
    const empty = c.toFlat();
    expect(empty.pos.sum.length).toBe(0);
    expect([empty.min, empty.max]).toEqual([Infinity, -Infinity]);
    c.add(Float64Array.of(-4), 1);
    expect(c.toFlat().neg.offset).toBe(200);
  });
});

describe('merging', () => {
  it('sketches whose buckets lie apart merge to the sketch of all values, whichever comes first', () => {
    const low = sketchOf([0.001, 0.002]);
    const high = sketchOf([1e6, 2e6, -5]);
    const all = sketchOf([0.001, 0.002, 1e6, 2e6, -5]);
    for (const parts of [[low, high], [high, low]]) {
      const s = emptySketch();
      for (const p of parts) mergeSketch(s, structuredClone(p));
      expect(s).toEqual(all);
    }
  });

  it('chunks whose buckets overlap add up, counts and compensated weights alike', () => {
    const s = emptySketch();
    const counted = new ChunkSketch();
    counted.add(Float64Array.of(3.01, 3.01, 0.3), 3);
    mergeFlatSketch(s, counted.toFlat());
    mergeFlatSketch(s, counted.toFlat());
    expect(roundExact(s.pos.bins[151 - s.pos.offset])).toBe(4);
    expect(roundExact(s.pos.bins[-180 - s.pos.offset])).toBe(2);
    // Weighted chunks: each bucket's total is kept exactly across the merge (2 + 2e-12).
    const weighted = new ChunkSketch();
    const n = 10_001;
    const weights = new Float64Array(n).fill(1e-16);
    weights[0] = 1;
    weighted.add(new Float64Array(n).fill(3.01), n, weights);
    const flat = weighted.toFlat();
    expect(flat.pos.comp.length).toBe(1);
    const w = emptySketch();
    mergeFlatSketch(w, flat);
    mergeFlatSketch(w, flat);
    expect(roundExact(w.pos.bins[0])).toBe(2 + 2e-12);
  });

  it('merging an empty sketch changes nothing; merging into one copies', () => {
    const s = sketchOf([1, 2, 3]);
    const before = structuredClone(s);
    mergeSketch(s, emptySketch());
    expect(s).toEqual(before);
    const into = emptySketch();
    mergeSketch(into, s);
    expect(into).toEqual(s);
    // A copy: adding to the merged sketch leaves the original alone.
    mergeSketch(into, sketchOf([2]));
    expect(s).toEqual(before);
  });
});

describe('histograms', () => {
  it('puts each bucket\'s share in the bin holding its value', () => {
    // 0 (zero bucket), 1 (value just under 1), 9.99 and 10 (values near 10): bins of width 2.5 from 0 to 10.
    const h = sketchHistogram(sketchOf([0, 0, 1, 9.99, 10, 10, 10, 10]), 4);
    expect([h.from, h.to]).toEqual([0, 10]);
    expect(h.shares).toEqual([3 / 8, 0, 0, 5 / 8]);
  });

  it('with one distinct value, everything is in the first bin', () => {
    // 3.001's bucket (151, from 3.00 to 3.02) reports about 3.00997, above the value itself.
    expect(sketchHistogram(sketchOf([2, 2, 2]), 3).shares).toEqual([1, 0, 0]);
    expect(sketchHistogram(sketchOf([3.001, 3.001]), 3).shares).toEqual([1, 0, 0]);
  });

  it('a bucket reporting a value above the maximum counts in the last bin', () => {
    expect(sketchHistogram(sketchOf([0, 3.001]), 2).shares).toEqual([0.5, 0.5]);
  });

  it('weights count by weight', () => {
    const h = sketchHistogram(sketchOf([-1, 1], [0.25, 0.75]), 2);
    expect(h.shares).toEqual([0.25, 0.75]);
  });
});
