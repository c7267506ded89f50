/**
 * Sums over trials that do not depend on how trials are batched or grouped: within a chunk,
 * compensated (Neumaier) running sums in trial order, exactly as the engine's `runChunk` keeps
 * them; across chunks, exact partials merged in chunk order. An analysis that sums an event
 * column this way gets the same bits as `simulate` for the same seed and trials.
 */
import type { ChunkSpec } from '../engine/driver';
import { addCompensated, addExact, mergeExact, roundExact } from '../engine/exactSum';
import type { Folder, Reducer, Stage } from '../engine/reduce';
import { ChunkSketch, emptySketch, mergeFlatSketch, mergeSketch, type FlatSketch, type Sketch } from '../engine/sketch';
import { meanInterval, sampleVariance, wilsonInterval, Z95 } from '../engine/intervals';
import type { Estimate } from '../engine/types';

/** Running compensated sums of `size` quantities over one chunk's trials, in trial order. */
export class ChunkSums {
  readonly sum: Float64Array;
  readonly comp: Float64Array;

  constructor(readonly size: number) {
    this.sum = new Float64Array(size);
    this.comp = new Float64Array(size);
  }

  /** Adds v to quantity k (one Neumaier step, the same arithmetic as the engine's). */
  add(k: number, v: number): void {
    addCompensated(this.sum, this.comp, k, v);
  }

  /** Starts a new chunk. */
  reset(): void {
    this.sum.fill(0);
    this.comp.fill(0);
  }
}

/**
 * Where each accumulator of an analysis keeps its numbers: ranges of sums, counters and
 * sketches handed out in order. The chunk side (in any thread) and the merging side build their
 * accumulators in the same order from the same data, so both agree on every offset.
 */
export class SumsLayout {
  sums = 0;
  counters = 0;
  sketches = 0;

  /** Reserves n sums; returns the first one's index. */
  addSums(n: number): number {
    return (this.sums += n) - n;
  }

  /** Reserves n counters; returns the first one's index. */
  addCounters(n: number): number {
    return (this.counters += n) - n;
  }

  /** Reserves one quantile sketch; returns its index. */
  addSketch(): number {
    return this.sketches++;
  }
}

/**
 * What one chunk of an analysis hands over to be merged (plain data, small: it never grows
 * with the chunk's trials): the compensated sums, the counters and the quantile sketches.
 */
export interface SumsPartial {
  readonly sum: Float64Array;
  readonly comp: Float64Array;
  readonly counts: number[];
  readonly sketches: FlatSketch[];
}

/** The accumulators of one chunk, laid out by a {@link SumsLayout}. */
export class ChunkAccumulator {
  readonly sums: ChunkSums;
  readonly counts: number[];
  readonly sketches: ChunkSketch[];

  constructor(layout: SumsLayout) {
    this.sums = new ChunkSums(layout.sums);
    this.counts = new Array<number>(layout.counters).fill(0);
    this.sketches = Array.from({ length: layout.sketches }, () => new ChunkSketch());
  }

  /** The chunk's partial; the accumulators start afresh for the next chunk. */
  take(): SumsPartial {
    const part = { sum: this.sums.sum.slice(), comp: this.sums.comp.slice(), counts: this.counts.slice(), sketches: this.sketches.map((s) => s.toFlat()) };
    this.sums.reset();
    this.counts.fill(0);
    for (const s of this.sketches) s.reset();
    return part;
  }
}

/** {@link ExactTotals} as plain data, to send to another thread: what a thread folding an analysis's chunks hands over. */
export interface FoldedSums {
  readonly partials: number[][];
  readonly counts: number[];
  readonly sketches: Sketch[];
}

/**
 * Exact totals of the quantities of a {@link SumsLayout} over whole chunks. Every total is exact
 * (exact partials, integer counts, sketches with exact buckets), so chunks and folded totals
 * merged in any grouping and order give the same bits.
 */
export class ExactTotals {
  private readonly partials: number[][];
  /** Integer counts (trials with some property); exact by construction. */
  readonly counts: number[];
  /** Quantile sketches, merged exactly. */
  readonly sketches: Sketch[];

  constructor(layout: Pick<SumsLayout, 'sums' | 'counters' | 'sketches'>) {
    this.partials = Array.from({ length: layout.sums }, () => []);
    this.counts = new Array<number>(layout.counters).fill(0);
    this.sketches = Array.from({ length: layout.sketches }, () => emptySketch());
  }

  /** Totals of nothing, shaped like a chunk's partial. */
  static shapedLike(part: SumsPartial): ExactTotals {
    return new ExactTotals({ sums: part.sum.length, counters: part.counts.length, sketches: part.sketches.length });
  }

  /** These totals as plain data (shared, not copied). */
  toData(): FoldedSums {
    return { partials: this.partials, counts: this.counts, sketches: this.sketches };
  }

  /** Adds totals folded elsewhere (see {@link foldSums}). */
  addFolded(part: FoldedSums): void {
    for (let k = 0; k < this.partials.length; k++) mergeExact(this.partials[k], part.partials[k]);
    for (let c = 0; c < this.counts.length; c++) this.counts[c] += part.counts[c];
    for (let s = 0; s < this.sketches.length; s++) mergeSketch(this.sketches[s], part.sketches[s]);
  }

  /** Adds a finished chunk's partial. */
  addChunk(part: SumsPartial): void {
    for (let k = 0; k < this.partials.length; k++) {
      addExact(this.partials[k], part.sum[k]);
      addExact(this.partials[k], part.comp[k]);
    }
    for (let c = 0; c < this.counts.length; c++) this.counts[c] += part.counts[c];
    for (let s = 0; s < this.sketches.length; s++) mergeFlatSketch(this.sketches[s], part.sketches[s]);
  }

  /** The total of quantity k, correctly rounded once. */
  value(k: number): number {
    return roundExact(this.partials[k]);
  }
}

/**
 * A folder (engine/reduce.ts, `Reducer.fold`) for an analysis whose chunks hand over
 * {@link SumsPartial}s: each chunk merged into exact totals where it is computed.
 * `chunk` is the reducer's prepared per-chunk function.
 */
export function foldSums(chunk: (spec: ChunkSpec) => SumsPartial): Folder<FoldedSums | undefined> {
  let totals: ExactTotals | undefined;
  return {
    add(spec) {
      const part = chunk(spec);
      (totals ??= ExactTotals.shapedLike(part)).addChunk(part);
    },
    take: () => totals?.toData(),
  };
}

/**
 * A reducer whose chunks hand over {@link SumsPartial}s (prepared by `prepare`), with the fold
 * that allows. Call it as `/* @__PURE__ *\/ sumsReducer(…)`: a top-level call is otherwise kept
 * by bundlers even where the reducer is never used (it added 11 KB to simulateSync's browser bundle).
 */
export function sumsReducer<Data>(prepare: (data: Data) => (spec: ChunkSpec) => SumsPartial): Reducer<Data, SumsPartial, FoldedSums | undefined> {
  return { prepare, fold: (data) => foldSums(prepare(data)) };
}

/** How a stage merges into `totals`: chunk by chunk, or what a thread folded (nothing, if it took no chunk). */
export function mergingInto(totals: ExactTotals): Required<Pick<Stage<unknown, SumsPartial, FoldedSums | undefined>, 'merge' | 'mergeFolded'>> {
  return { merge: (part) => totals.addChunk(part), mergeFolded: (folded) => folded && totals.addFolded(folded) };
}

/** A mean with an unclipped normal (CLT) 95% interval, for quantities that are not probabilities. */
export function normalInterval(sum: number, sumSq: number, n: number): { mean: number; lo: number; hi: number; standardError: number } {
  const mean = sum / n;
  const se = Math.sqrt(sampleVariance(sum, sumSq, n) / n);
  return { mean, lo: mean - Z95 * se, hi: mean + Z95 * se, standardError: se };
}

/**
 * An unconditional event's probability from its per-trial values, as the engine estimates it:
 * the Wilson interval when every value was 0 or 1, else the mean with a normal interval.
 */
export function probabilityEstimate(sum: number, sumSq: number, ones: number, fractional: number, n: number): Estimate {
  const i = fractional === 0 ? wilsonInterval(ones, n) : meanInterval(sum, sumSq, n);
  return { probability: i.estimate, ci95: [i.lo, i.hi], standardError: i.standardError };
}

/**
 * Sample covariance matrix (m × m, row-major) from the sums of m quantities and the sums of
 * their pairwise products (upper triangle, row by row: (0,0), (0,1), … (0,m-1), (1,1), …).
 */
export function covarianceMatrix(sums: readonly number[], products: readonly number[], n: number): Float64Array {
  const m = sums.length;
  const out = new Float64Array(m * m);
  let p = 0;
  for (let j = 0; j < m; j++) {
    for (let l = j; l < m; l++) {
      const c = n < 2 ? 0 : (products[p++] - (sums[j] * sums[l]) / n) / (n - 1);
      out[j * m + l] = c;
      out[l * m + j] = c;
    }
  }
  return out;
}

/** gᵀ S g: the delta-method variance of a smooth function of means with gradient g (per trial). */
export function quadraticForm(g: readonly number[], s: Float64Array): number {
  const m = g.length;
  let v = 0;
  for (let j = 0; j < m; j++) for (let l = 0; l < m; l++) v += g[j] * g[l] * s[j * m + l];
  return Math.max(0, v);
}

/** The p-quantile of sorted values by linear interpolation (type 7, as R's default). */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
