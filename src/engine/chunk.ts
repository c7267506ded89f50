import { createStream } from '../rng';
import { ColumnModel, type ColumnCheck, type RunPlan } from './columns';
import type { Reducer } from './reduce';
import { addExact, mergeExact } from './exactSum';
import { emptySketch, mergeFlatSketch, mergeSketch, type FlatSketch, type Sketch } from './sketch';

/** Trials per chunk: a constant of the engine, so results never depend on workers or batches. */
export const CHUNK_SIZE = 10_000;

/**
 * Totals over some set of chunks. Sums are exact partials (see exactSum.ts) and counts are
 * integers, so totals merged in any grouping are identical.
 *
 * Under "nothing yet" evidence each trial carries a weight w (the model's weight column), and
 * the sums are of weighted values: `sum`, `sumSq` and `cross` hold Σ w·x, Σ (w·x)² and
 * Σ (w·x)(w·y), and the `weight…` lists what self-normalized estimates need besides. Without
 * evidence those lists are empty and the sums are plain.
 */
export interface Totals {
  trials: number;
  /** Per column: exact partials of the values and of their squares. */
  readonly sum: number[][];
  readonly sumSq: number[][];
  /** Per cross pair of the model: exact partials of the products of the two columns. */
  readonly cross: number[][];
  /** Per event: trials whose value was exactly 1, and trials strictly between 0 and 1. */
  readonly ones: number[];
  readonly fractional: number[];
  /** Σw and Σw² (weighted runs only). */
  readonly weight: number[][];
  /** Per column, Σ w²·x: the covariance of w·x with w (weighted runs only). */
  readonly withWeight: number[][];
  /** Per column, Σ w·x²: the weighted spread of x (weighted runs only). */
  readonly weightedSq: number[][];
  /** Per sketched column of the model (`ColumnModel.sketched`), the quantile sketch of its values (weighted under evidence). */
  readonly sketches: Sketch[];
}

const PARTIAL_LISTS = ['sum', 'sumSq', 'cross', 'weight', 'withWeight', 'weightedSq'] as const;

/** Totals of nothing, shaped for `model`. */
export function emptyTotals(model: ColumnModel): Totals {
  const lists = (n: number) => Array.from({ length: n }, () => [] as number[]);
  const columns = model.columns.length;
  const weighted = model.weight >= 0;
  return {
    trials: 0,
    sum: lists(columns),
    sumSq: lists(columns),
    cross: lists(model.crossPairs.length),
    ones: new Array<number>(model.eventCount).fill(0),
    fractional: new Array<number>(model.eventCount).fill(0),
    weight: lists(weighted ? 2 : 0),
    withWeight: lists(weighted ? columns : 0),
    weightedSq: lists(weighted ? columns : 0),
    sketches: model.sketched.map(() => emptySketch()),
  };
}

/**
 * One chunk's totals as `runChunk` hands them over: its running sums as they stand at the end
 * of the chunk (Neumaier sum and compensation pairs) and its sketches in flat form, all typed
 * arrays, so sending them to another thread and merging them there makes little garbage.
 */
export interface ChunkTotals {
  readonly trials: number;
  /**
   * Per column k, from (weighted ? 8 : 4)·k: the pairs of Σx and Σx², then under evidence
   * weights (where x is w·x) of Σw·(w·x) and Σw·x².
   */
  readonly sums: Float64Array;
  /** Per cross pair p, from 2p: the pair of Σ of the products. */
  readonly cross: Float64Array;
  /** Under evidence weights, the pairs of Σw and Σw² (empty otherwise). */
  readonly weights: Float64Array;
  readonly ones: number[];
  readonly fractional: number[];
  readonly sketches: readonly FlatSketch[];
}

/** Adds the compensated pair at `at` of `pairs` to exact partials. */
function addPair(partials: number[], pairs: Float64Array, at: number): void {
  addExact(partials, pairs[at]);
  addExact(partials, pairs[at + 1]);
}

/** Adds the counts of `part` into `into`. */
function mergeCounts(into: Totals, part: { readonly trials: number; readonly ones: readonly number[]; readonly fractional: readonly number[] }): void {
  into.trials += part.trials;
  for (let e = 0; e < into.ones.length; e++) {
    into.ones[e] += part.ones[e];
    into.fractional[e] += part.fractional[e];
  }
}

/** Adds `part` (totals over some chunks: a shard's, or a merge's) into `into`. */
export function mergeTotals(into: Totals, part: Totals): void {
  mergeCounts(into, part);
  for (const key of PARTIAL_LISTS) {
    const target = into[key];
    for (let k = 0; k < target.length; k++) mergeExact(target[k], part[key][k]);
  }
  for (let s = 0; s < into.sketches.length; s++) mergeSketch(into.sketches[s], part.sketches[s]);
}

/** Adds one chunk's totals into `into`. */
export function mergeChunkTotals(into: Totals, part: ChunkTotals): void {
  mergeCounts(into, part);
  const weighted = into.weight.length > 0;
  const stride = weighted ? 8 : 4;
  for (let k = 0; k < into.sum.length; k++) {
    addPair(into.sum[k], part.sums, stride * k);
    addPair(into.sumSq[k], part.sums, stride * k + 2);
    if (weighted) {
      addPair(into.withWeight[k], part.sums, stride * k + 4);
      addPair(into.weightedSq[k], part.sums, stride * k + 6);
    }
  }
  for (let p = 0; p < into.cross.length; p++) addPair(into.cross[p], part.cross, 2 * p);
  if (weighted) {
    addPair(into.weight[0], part.weights, 0);
    addPair(into.weight[1], part.weights, 2);
  }
  for (let s = 0; s < into.sketches.length; s++) mergeFlatSketch(into.sketches[s], part.sketches[s]);
}

/** A computed column produced values it must not: NaN or infinite, or a probability outside [0, 1]. */
export class NumericalError extends Error {
  constructor(
    readonly node: string,
    readonly badTrials: number,
    readonly batchTrials: number,
    readonly firstTrial: number,
    readonly value: number,
    readonly seed: string,
    readonly check: ColumnCheck,
  ) {
    const what =
      check === 'probability' && !Number.isNaN(value)
        ? `a probability outside [0, 1] (${value})`
        : check === 'nonnegative' && !Number.isNaN(value)
          ? `a negative or infinite multiplier (${value})`
          : `a non-finite value (${value})`;
    // The count covers one batch (the run stops at the first bad batch); the trial index is the
    // run's, so that it can be reproduced with the seed.
    super(`"${node}" gave ${what} in ${badTrials} of the ${batchTrials} trials of the batch it happened in; the first was trial ${firstTrial} (seed ${JSON.stringify(seed)})`);
    this.name = 'NumericalError';
  }

  /** The error as plain data, to cross a thread or process boundary (structured cloning keeps only an Error's message). */
  toData(): NumericalErrorData {
    return [this.node, this.badTrials, this.batchTrials, this.firstTrial, this.value, this.seed, this.check];
  }

  /** The error {@link NumericalError.toData} described. */
  static fromData(data: NumericalErrorData): NumericalError {
    return new NumericalError(...data);
  }
}

/** A {@link NumericalError}'s fields, in its constructor's order. */
export type NumericalErrorData = readonly [node: string, badTrials: number, batchTrials: number, firstTrial: number, value: number, seed: string, check: ColumnCheck];

/**
 * Samples and evaluates trials [chunk * CHUNK_SIZE, chunk * CHUNK_SIZE + trials) batch by
 * batch, calling `visit(n, offset)` while the model's columns hold trials offset..offset+n-1 of
 * the chunk. Each factor (or group of correlated factors) draws from its own stream for this
 * chunk, so a chunk's numbers depend only on (seed, chunk, factor or group) and a chunk cut short
 * gives a prefix of the same draws.
 *
 * @throws {NumericalError} when a computed column breaks its check.
 */
export function forEachBatch(model: ColumnModel, seed: string, chunk: number, trials: number, visit: (n: number, offset: number) => void): void {
  const { units, unitColumns, batchSize } = model;
  const streams = units.map((u) => createStream(seed, chunk, u.key));
  for (let offset = 0; offset < trials; offset += batchSize) {
    const n = Math.min(batchSize, trials - offset);
    for (let u = 0; u < units.length; u++) units[u].draw(streams[u], unitColumns[u], n);
    evaluateBatch(model, n, seed, chunk * CHUNK_SIZE + offset);
    visit(n, offset);
  }
}

/**
 * Computes every derived, event and internal column from the factor columns already filled
 * for n trials (analyses that choose factor values themselves call this directly).
 * `firstTrial` and `seed` only serve error messages.
 *
 * @throws {NumericalError} when a computed column breaks its check.
 */
export function evaluateBatch(model: ColumnModel, n: number, seed: string, firstTrial: number): void {
  for (const step of model.steps) {
    step.run(n);
    checkColumn(model, step.target, step.check, step.label, n, seed, firstTrial);
  }
}

/**
 * Sums of one chunk: trials [chunk * CHUNK_SIZE, chunk * CHUNK_SIZE + trials), every column.
 *
 * @throws {NumericalError} when a computed column breaks its check.
 */
export function runChunk(model: ColumnModel, seed: string, chunk: number, trials: number): ChunkTotals {
  const { columns, eventCount, crossPairs, weight } = model;
  const width = columns.length;
  const weighted = weight >= 0;
  // Neumaier running sums, carried across batches so batch size cannot matter.
  const sums = new Float64Array((weighted ? 8 : 4) * width);
  const cross = new Float64Array(2 * crossPairs.length);
  const weights = new Float64Array(4);
  const ones = new Array<number>(eventCount).fill(0);
  const fractional = new Array<number>(eventCount).fill(0);
  const sketches = model.chunkSketches;
  for (const s of sketches) s.reset();

  forEachBatch(model, seed, chunk, trials, (n) => {
    if (weighted) {
      addWeightedSums(columns, model.summed, columns[weight], sums, weights, n);
      addCrossSums(model, cross, n, columns[weight]);
    } else {
      addColumnSums(columns, model.summed, sums, n);
      addCrossSums(model, cross, n);
    }
    countEvents(model, ones, fractional, n);
    const w = weighted ? columns[weight] : undefined;
    model.sketched.forEach((k, s) => sketches[s].add(columns[k], n, w));
  });

  return { trials, sums, cross, weights: weighted ? weights : new Float64Array(0), ones, fractional, sketches: sketches.map((s) => s.toFlat()) };
}

/** Data of a run's reducer: what `simulate` computes chunk by chunk, each chunk's totals. */
export interface TotalsData {
  readonly plan: RunPlan;
  readonly seed: string;
  readonly batchSize: number;
}

/** A run as a reducer (engine/reduce.ts): each chunk's totals, from the plan alone. */
export const totalsReducer: Reducer<TotalsData, ChunkTotals, Totals> = {
  prepare({ plan, seed, batchSize }) {
    const model = new ColumnModel(plan, batchSize);
    return ({ index, count }) => runChunk(model, seed, index, count);
  },
  fold({ plan, seed, batchSize }) {
    const model = new ColumnModel(plan, batchSize);
    const totals = emptyTotals(model);
    return { add: ({ index, count }) => mergeChunkTotals(totals, runChunk(model, seed, index, count)), take: () => totals };
  },
};

// The accumulations below are separate top-level functions, not one closure per chunk:
// V8 then keeps one optimized version of each, whatever the model. A single closure
// deoptimized every time a process alternated between models with and without cross sums
// (the flagship and the issue-7 model), which cost up to 1.7x on the next runs.

/** Adds each summed column's values and squares into `sums` (per column: sum, its compensation, sum of squares, its compensation). */
function addColumnSums(columns: readonly Float64Array[], summed: readonly number[], sums: Float64Array, n: number): void {
  for (let s = 0; s < summed.length; s++) {
    const k = summed[s];
    const col = columns[k];
    const o = 4 * k;
    let a = sums[o], ca = sums[o + 1], b = sums[o + 2], cb = sums[o + 3];
    for (let i = 0; i < n; i++) {
      const v = col[i];
      let t = a + v;
      ca += Math.abs(a) >= Math.abs(v) ? a - t + v : v - t + a;
      a = t;
      const v2 = v * v;
      t = b + v2;
      cb += Math.abs(b) >= v2 ? b - t + v2 : v2 - t + b;
      b = t;
    }
    sums[o] = a; sums[o + 1] = ca; sums[o + 2] = b; sums[o + 3] = cb;
  }
}

/**
 * Adds each trial's weight w, and per summed column Σ w·x, Σ (w·x)², Σ w²·x and Σ w·x² into `sums`
 * (8 doubles per column: each sum with its compensation) and Σw, Σw² into `weights`.
 */
function addWeightedSums(columns: readonly Float64Array[], summed: readonly number[], w: Float64Array, sums: Float64Array, weights: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    neumaier(weights, 0, w[i]);
    neumaier(weights, 2, w[i] * w[i]);
  }
  for (let s = 0; s < summed.length; s++) {
    const k = summed[s];
    const col = columns[k];
    const o = 8 * k;
    for (let i = 0; i < n; i++) {
      const wx = w[i] * col[i];
      neumaier(sums, o, wx);
      neumaier(sums, o + 2, wx * wx);
      neumaier(sums, o + 4, w[i] * wx);
      neumaier(sums, o + 6, wx * col[i]);
    }
  }
}

/** One compensated step: adds v to the running sum at s[o], its compensation at s[o + 1]. */
function neumaier(s: Float64Array, o: number, v: number): void {
  const a = s[o];
  const t = a + v;
  s[o + 1] += Math.abs(a) >= Math.abs(v) ? a - t + v : v - t + a;
  s[o] = t;
}

/**
 * Adds the per-trial products of each cross pair into `cross` (per pair: sum, its
 * compensation); with weights w, the products of the weighted values, w²·x·y.
 */
function addCrossSums(model: ColumnModel, cross: Float64Array, n: number, w?: Float64Array): void {
  const { columns, crossPairs } = model;
  for (let p = 0; p < crossPairs.length; p++) {
    const x = columns[crossPairs[p][0]];
    const y = columns[crossPairs[p][1]];
    let a = cross[2 * p], ca = cross[2 * p + 1];
    for (let i = 0; i < n; i++) {
      const v = w === undefined ? x[i] * y[i] : w[i] * x[i] * (w[i] * y[i]);
      const t = a + v;
      ca += Math.abs(a) >= Math.abs(v) ? a - t + v : v - t + a;
      a = t;
    }
    cross[2 * p] = a; cross[2 * p + 1] = ca;
  }
}

/** Counts, per event, the trials whose value is exactly 1 and those strictly between 0 and 1. */
function countEvents(model: ColumnModel, ones: number[], fractional: number[], n: number): void {
  const { columns, firstEvent, eventCount } = model;
  for (let e = 0; e < eventCount; e++) {
    const col = columns[firstEvent + e];
    let o = 0, fr = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === 1) o++;
      else if (v !== 0) fr++;
    }
    ones[e] += o;
    fractional[e] += fr;
  }
}

const BOUNDS: Readonly<Record<ColumnCheck, readonly [number, number]>> = {
  finite: [-Infinity, Infinity],
  probability: [0, 1],
  nonnegative: [0, Infinity],
};

/** Stops the run at the first batch in which a computed column breaks its check. */
function checkColumn(model: ColumnModel, k: number, check: ColumnCheck, label: string, n: number, seed: string, firstTrialOfBatch: number): void {
  const col = model.columns[k];
  const [lo, hi] = BOUNDS[check];
  let bad = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (!(v >= lo && v <= hi) || v - v !== 0) {
      if (bad++ === 0) first = i;
    }
  }
  if (bad > 0) throw new NumericalError(label, bad, n, firstTrialOfBatch + first, col[first], seed, check);
}
