/**
 * The chunk-reducer protocol under every computation. A reducer turns one chunk (a fixed range
 * of trials with its own streams) into a small partial result, and partials merge in chunk
 * order. Because a chunk's partial is a function of the job's plain data and the chunk alone,
 * any executor gives the same numbers: the calling thread, a pool of worker threads, shard
 * processes on other machines. A run is one reduction (its partials are the engine's chunk
 * totals); an analysis is one or more (a tornado's trials, then a Sobol design's rows).
 *
 * Adding an analysis means writing a reducer (see src/analysis/reducers/) and the reduction
 * that sets it up and reads the merged totals; no executor changes.
 */
import type { ChunkSpec } from './driver';

/**
 * Work done chunk by chunk. `prepare` runs once per job in each thread or process that computes
 * its chunks, from plain data (plans with formula trees, never functions or parsed text), and
 * returns the per-chunk function, which must depend only on the data and the chunk.
 */
export interface Reducer<Data, Partial, Folded = unknown> {
  prepare(data: Data): (spec: ChunkSpec) => Partial;
  /**
   * Only for reducers whose partials merge exactly in any grouping and order (exact sums,
   * integer counts, sketches with exact buckets), so that where a chunk is merged cannot change
   * a bit. Returns a folder: it computes chunks and merges each into one running partial for
   * all of them. An executor may then have each thread fold the chunks it takes and hand over
   * one partial at the end, instead of one per chunk (see `foldChunks` in src/node/parallel.ts).
   */
  fold?(data: Data): Folder<Folded>;
}

/** Chunks computed and merged where they are computed: see {@link Reducer.fold}. */
export interface Folder<Folded> {
  /** Computes one chunk and merges it into the running partial. */
  add(spec: ChunkSpec): void;
  /** The running partial: every chunk added so far, merged. */
  take(): Folded;
}

/** One pass over chunks 0, 1, … covering `trials` trials: the reducer to run, its data, and where its partials go. */
export interface Stage<Data = unknown, Partial = unknown, Folded = unknown> {
  /** The reducer's name in the registry (src/analysis/reducers/index.ts). */
  readonly kind: string;
  readonly data: Data;
  /** Shown in progress, e.g. `tornado` or `sobol`. */
  readonly name: string;
  readonly trials: number;
  /** Takes each chunk's partial, strictly in chunk order. */
  merge(partial: Partial): void;
  /**
   * Takes what one thread folded (`Reducer.fold`), in any order; set only when the stage's
   * reducer folds and nothing reads the stage's partials chunk by chunk.
   */
  mergeFolded?(folded: Folded): void;
}

/** A computation as reductions: its stages, run in order, then its result from what they merged. */
export interface Reduction<T> {
  readonly stages: readonly Stage[];
  finish(): T;
}

/** Trials of every stage of a reduction: the target its progress counts towards. */
export function reductionTrials(reduction: Reduction<unknown>): number {
  return reduction.stages.reduce((sum, stage) => sum + stage.trials, 0);
}
