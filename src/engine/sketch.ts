/**
 * Quantile summaries of a column's values across trials: DDSketch (Masson, Rim & Lee, "DDSketch:
 * a fast and fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019) with a
 * piecewise-linear logarithm read off the bits of each double instead of a call to `log`.
 *
 * A value x > 0 falls in bucket j when (j − 1)/K < M(x) <= j/K, where M(x) = e + f for
 * x = 2^e (1 + f), 0 <= f < 1 (exact in double arithmetic). Within a binade M grows at least as
 * fast as ln x, so a bucket's largest value is at most e^(1/K) times its smallest, and the
 * bucket's harmonic midpoint is within ALPHA = tanh(1/(2K)) ≈ 0.5% (relative) of every value
 * in it. Negative values use a mirrored store; zero (and any |x| < 2^-1022) has a bucket of
 * its own. Ranks are exact: each bucket holds the exact count (or, under evidence weights, the
 * exactly summed weight) of its values, so the reported q-quantile is the bucket value of the
 * exact empirical q-quantile (the smallest value whose cumulative weight reaches q of the
 * total), within ALPHA relative.
 *
 * Buckets add exactly (exact partials, see exactSum.ts), so sketches merged in any grouping and
 * order are identical: the same bits for any worker count and any shard split.
 */
import { addCompensated, addExact, mergeExact, roundExact } from './exactSum';

/** Buckets per unit of M (about log2): 100 makes neighbouring bucket bounds differ by at most e^0.01. */
const K = 100;

/** Relative accuracy of every quantile a sketch reports: tanh(1 / (2K)), just under 0.5%. */
export const SKETCH_RELATIVE_ACCURACY = Math.tanh(1 / (2 * K));

/** One side (positive or negative values) of a sketch: buckets offset..offset+n-1, each exact partials ([] when empty). */
export interface SketchStore {
  offset: number;
  readonly bins: number[][];
}

/** One side of a chunk's sketch in flat form: bucket sums from `offset`, and their compensations (empty when all are 0). */
export interface FlatStore {
  readonly offset: number;
  readonly sum: Float64Array;
  readonly comp: Float64Array;
}

/**
 * One chunk's sketch in flat form: what a chunk's partial carries. Typed arrays rather than one
 * array per bucket, so sending it to another thread and merging it there makes no garbage (a
 * chunk's sketch has hundreds to thousands of buckets).
 */
export interface FlatSketch {
  readonly zero: readonly [sum: number, comp: number];
  readonly pos: FlatStore;
  readonly neg: FlatStore;
  readonly min: number;
  readonly max: number;
}

/**
 * A mergeable quantile summary as plain data (JSON- and structured-clone-safe): the weight of
 * zero, the positive and negative buckets, and the exact extremes.
 */
export interface Sketch {
  zero: number[];
  readonly pos: SketchStore;
  readonly neg: SketchStore;
  /** Smallest and largest value seen (Infinity and -Infinity when empty). */
  min: number;
  max: number;
}

/** A sketch of nothing. */
export function emptySketch(): Sketch {
  return { zero: [], pos: { offset: 0, bins: [] }, neg: { offset: 0, bins: [] }, min: Infinity, max: -Infinity };
}

const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;
const TWO_M20 = 9.5367431640625e-7; // 2^-20
const TWO_M52 = 2.220446049250313e-16; // 2^-52

/** The bucket of a double from its two words, for |x| >= 2^-1022: ceil(M(|x|) · K), M the bit-level log2 above (exact). */
function bucketOfWords(hi: number, lo: number): number {
  return Math.ceil((((hi >>> 20) & 0x7ff) - 1023 + (hi & 0xfffff) * TWO_M20 + lo * TWO_M52) * K);
}

/** The value with M(value) = m: 2^floor(m) · (1 + frac(m)). */
function valueOf(m: number): number {
  const e = Math.floor(m);
  return 2 ** e * (1 + (m - e));
}

/** The harmonic midpoint of bucket j's bounds: within SKETCH_RELATIVE_ACCURACY of every value in it. */
function bucketValue(j: number): number {
  // 2 / (1/lo + 1/hi) rather than 2·lo·hi / (lo + hi): the product underflows below 1e-154.
  return 2 / (1 / valueOf((j - 1) / K) + 1 / valueOf(j / K));
}

/**
 * Growable bucket totals of one side, within one chunk: plain counts (exact as doubles up to
 * 2^53) for unweighted trials, compensated sums for weighted ones.
 */
class ChunkStore {
  offset = 0;
  sum = new Float64Array(0);
  comp = new Float64Array(0);

  count(j: number): void {
    let k = j - this.offset;
    if (k < 0 || k >= this.sum.length) k = this.grow(j);
    this.sum[k]++;
  }

  add(j: number, w: number): void {
    let k = j - this.offset;
    if (k < 0 || k >= this.sum.length) k = this.grow(j);
    addCompensated(this.sum, this.comp, k, w);
  }

  /** Empties every bucket, keeping the room made so far (the next chunk's values fall in much the same buckets). */
  reset(): void {
    this.sum.fill(0);
    this.comp.fill(0);
  }

  /** Makes room for bucket j, at least doubling the room; returns its slot. */
  private grow(j: number): number {
    const n = this.sum.length;
    const slack = Math.max(64, n);
    const lo = n === 0 ? j - slack : Math.min(this.offset, j - slack);
    const hi = n === 0 ? j + slack : Math.max(this.offset + n, j + slack);
    const sum = new Float64Array(hi - lo);
    const comp = new Float64Array(hi - lo);
    if (n > 0) {
      sum.set(this.sum, this.offset - lo);
      comp.set(this.comp, this.offset - lo);
    }
    [this.sum, this.comp, this.offset] = [sum, comp, lo];
    return j - lo;
  }

  /** The buckets trimmed to the first and last non-empty one, as copies of their sums and (only when some is not 0) compensations. */
  toFlat(): FlatStore {
    let first = 0;
    let last = this.sum.length - 1;
    while (first <= last && this.sum[first] === 0 && this.comp[first] === 0) first++;
    while (last >= first && this.sum[last] === 0 && this.comp[last] === 0) last--;
    const comp = this.comp.subarray(first, last + 1);
    return { offset: this.offset + first, sum: this.sum.slice(first, last + 1), comp: comp.some((c) => c !== 0) ? comp.slice() : new Float64Array(0) };
  }
}

/** One shared empty bucket for the gaps of a merged sketch: it is only ever read (and replaced when a value lands in it). */
const EMPTY: number[] = Object.freeze([]) as unknown as number[];

/** The exact partials of sum + comp (a compensated sum); EMPTY for nothing. */
function exactPair(sum: number, comp: number): number[] {
  if (comp === 0) return sum === 0 ? EMPTY : [sum];
  const partials: number[] = [];
  addExact(partials, sum);
  addExact(partials, comp);
  return partials;
}

/**
 * Accumulates columns over one chunk's trials, in trial order, and hands out the chunk's
 * sketch. Within the chunk, each bucket counts its values (or sums the trials' weights, with
 * compensation, in trial order); across chunks, sketches merge exactly.
 */
export class ChunkSketch {
  private readonly pos = new ChunkStore();
  private readonly neg = new ChunkStore();
  /** The weight of zero (and of values too small to tell from it), and its compensation. */
  private readonly zeroSum = new Float64Array(1);
  private readonly zeroComp = new Float64Array(1);
  private min = Infinity;
  private max = -Infinity;

  /** Adds values[0..n-1], each with weight 1 or `weights[i]`. */
  add(values: Float64Array, n: number, weights?: Float64Array): void {
    // The two 32-bit words of every value, read in place.
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
    const { pos, neg } = this;
    let { min, max } = this;
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (x < min) min = x;
      if (x > max) max = x;
      const hi = words[2 * i + HI];
      const lo = words[2 * i + LO];
      // |x| >= 2^-1022 exactly when the exponent field is not zero (values are finite here).
      const side = (hi & 0x7ff00000) === 0 ? undefined : hi >>> 31 === 0 ? pos : neg;
      if (weights === undefined) {
        if (side) side.count(bucketOfWords(hi, lo));
        else this.zeroSum[0]++;
      } else if (side) side.add(bucketOfWords(hi, lo), weights[i]);
      else addCompensated(this.zeroSum, this.zeroComp, 0, weights[i]);
    }
    this.min = min;
    this.max = max;
  }

  /** Starts a new chunk. */
  reset(): void {
    this.pos.reset();
    this.neg.reset();
    this.zeroSum[0] = 0;
    this.zeroComp[0] = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** The chunk's sketch in flat form, to send to another thread and merge ({@link mergeFlatSketch}). */
  toFlat(): FlatSketch {
    return { zero: [this.zeroSum[0], this.zeroComp[0]], pos: this.pos.toFlat(), neg: this.neg.toFlat(), min: this.min, max: this.max };
  }
}

/** `into` plus `part`, exactly, in place; `into` widens to the union of their buckets. */
function mergeStore(into: SketchStore, part: SketchStore): void {
  if (part.bins.length === 0) return;
  const at = cover(into, part.offset, part.bins.length);
  for (let k = 0; k < part.bins.length; k++) into.bins[at + k] = added(into.bins[at + k], part.bins[k]);
}

/**
 * `into` plus `part` as exact partials. An empty `into` is replaced, never written to: empty
 * buckets may be one shared array (a chunk's sketch shares one, and structured cloning keeps
 * that sharing).
 */
function added(into: number[], part: readonly number[]): number[] {
  if (part.length === 0) return into;
  if (into.length === 0) return [...part];
  mergeExact(into, part);
  return into;
}

/** Makes `into` cover buckets part.offset .. part.offset + length - 1; returns part.offset's slot. */
function cover(into: SketchStore, offset: number, length: number): number {
  if (into.bins.length === 0) into.offset = offset;
  const below = into.offset - offset;
  if (below > 0) {
    into.bins.unshift(...new Array<number[]>(below).fill(EMPTY));
    into.offset = offset;
  }
  const end = offset + length - into.offset;
  while (into.bins.length < end) into.bins.push(EMPTY);
  return offset - into.offset;
}

/** `into` plus a flat side, exactly, in place. */
function mergeFlatStore(into: SketchStore, part: FlatStore): void {
  if (part.sum.length === 0) return;
  const at = cover(into, part.offset, part.sum.length);
  const compensated = part.comp.length > 0;
  for (let k = 0; k < part.sum.length; k++) {
    const sum = part.sum[k];
    const comp = compensated ? part.comp[k] : 0;
    if (sum === 0 && comp === 0) continue;
    const bin = into.bins[at + k];
    if (bin.length === 0) into.bins[at + k] = exactPair(sum, comp);
    else {
      addExact(bin, sum);
      if (comp !== 0) addExact(bin, comp);
    }
  }
}

/** Adds a chunk's flat sketch into `into`, exactly, in place: the same buckets as merging its {@link Sketch} form. */
export function mergeFlatSketch(into: Sketch, part: FlatSketch): void {
  const [sum, comp] = part.zero;
  if (sum !== 0 || comp !== 0) into.zero = added(into.zero, exactPair(sum, comp));
  mergeFlatStore(into.pos, part.pos);
  mergeFlatStore(into.neg, part.neg);
  into.min = Math.min(into.min, part.min);
  into.max = Math.max(into.max, part.max);
}

/**
 * Adds `part` into `into`, exactly, in place: sketches merged in any grouping and order end
 * up with the same buckets and extremes.
 */
export function mergeSketch(into: Sketch, part: Sketch): void {
  into.zero = added(into.zero, part.zero);
  mergeStore(into.pos, part.pos);
  mergeStore(into.neg, part.neg);
  into.min = Math.min(into.min, part.min);
  into.max = Math.max(into.max, part.max);
}

/** The buckets in increasing order of value, each with its value and (rounded once) weight. */
function buckets(s: Sketch): Array<{ value: number; weight: number }> {
  const out: Array<{ value: number; weight: number }> = [];
  for (let k = s.neg.bins.length - 1; k >= 0; k--) out.push({ value: -bucketValue(s.neg.offset + k), weight: roundExact(s.neg.bins[k]) });
  out.push({ value: 0, weight: roundExact(s.zero) });
  s.pos.bins.forEach((b, k) => out.push({ value: bucketValue(s.pos.offset + k), weight: roundExact(b) }));
  return out.filter((b) => b.weight > 0);
}

/**
 * The q-quantiles of the summarized values, each within {@link SKETCH_RELATIVE_ACCURACY}
 * (relative) of the exact empirical q-quantile, the smallest value whose share of the total
 * weight, counted from below, reaches q; clamped to the exact extremes.
 */
export function sketchQuantiles(s: Sketch, qs: readonly number[]): number[] {
  const all = buckets(s);
  let total = 0;
  for (const b of all) total += b.weight;
  return qs.map((q) => {
    // The extremes are known exactly.
    if (q <= 0) return s.min;
    if (q >= 1) return s.max;
    let seen = 0;
    for (const b of all) {
      seen += b.weight;
      if (seen >= q * total) return Math.min(s.max, Math.max(s.min, b.value));
    }
    return s.max;
  });
}

/**
 * A histogram of the summarized values: `bins` equal-width bins from the smallest to the
 * largest value, each with its share of the total weight (each bucket's weight goes to the bin
 * holding its value).
 */
export function sketchHistogram(s: Sketch, bins: number): { readonly from: number; readonly to: number; readonly shares: number[] } {
  const shares = new Array<number>(bins).fill(0);
  const all = buckets(s);
  let total = 0;
  for (const b of all) total += b.weight;
  const width = (s.max - s.min) / bins;
  for (const b of all) {
    const k = width > 0 ? Math.min(bins - 1, Math.max(0, Math.floor((b.value - s.min) / width))) : 0;
    shares[k] += b.weight / total;
  }
  return { from: s.min, to: s.max, shares };
}
