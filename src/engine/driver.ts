import { CHUNK_SIZE, emptyTotals, mergeChunkTotals, mergeTotals, type ChunkTotals, type Totals } from './chunk';
import { buildResult, currentEstimates } from './result';
import type { Simulation } from './setup';
import type { SimulateOptions, SimulationResult, StopReason } from './types';

/** A chunk to compute: its index and how many of its trials (the last one may be short). */
export interface ChunkSpec {
  readonly index: number;
  readonly count: number;
}

/**
 * One machine's share of a run with a fixed number of trials: shard `k` of `n` (k from 1)
 * computes chunks k-1, k-1+n, k-1+2n, ... Round-robin rather than contiguous ranges so every
 * shard gets the same number of chunks, give or take one.
 */
export interface Shard {
  readonly k: number;
  readonly n: number;
}

/**
 * The chunks a run (or one shard of it) computes, as a progression: its p-th chunk (p from 0)
 * is chunk `first + p·step`, for p below `limit`. Plain data, so it can travel to a thread that
 * takes its chunks by position (see `foldChunks` in src/node/parallel.ts).
 */
export interface ChunkRange {
  readonly first: number;
  readonly step: number;
  readonly limit: number;
  /** Trials of the whole run: where the last chunk ends. */
  readonly trials: number;
}

/** The chunks of a run of `trials` trials, or of one shard of it. */
export function chunkRange(trials: number, shard?: Shard): ChunkRange {
  const chunks = Math.ceil(trials / CHUNK_SIZE);
  if (!shard) return { first: 0, step: 1, limit: chunks, trials };
  return { first: shard.k - 1, step: shard.n, limit: Math.max(0, Math.ceil((chunks - (shard.k - 1)) / shard.n)), trials };
}

/** The p-th chunk of a range (p below its limit). */
export function chunkAt(range: ChunkRange, p: number): ChunkSpec {
  const index = range.first + p * range.step;
  return { index, count: Math.min(CHUNK_SIZE, range.trials - index * CHUNK_SIZE) };
}

/** Trials in shard `shard` of a run of `trials` trials. */
export function shardTrials(trials: number, shard: Shard): number {
  const chunks = Math.ceil(trials / CHUNK_SIZE);
  const lastIsMine = (chunks - 1) % shard.n === shard.k - 1;
  return chunkRange(trials, shard).limit * CHUNK_SIZE - (lastIsMine ? chunks * CHUNK_SIZE - trials : 0);
}

/**
 * The bookkeeping of one run, shared by every way of computing chunks (in this thread, on
 * worker threads, as one shard of many): hands out chunk specs in order, merges totals
 * strictly in chunk order, reports progress and decides when to stop. Because stopping is
 * decided after each chunk in order, a run stops at the same chunk however many chunks were
 * being computed at once.
 */
export class RunState {
  readonly totals: Totals;
  /** Trials this run (or this shard of it) will do at most. */
  readonly target: number;
  /** The chunks this run (or this shard of it) computes, in the order they are merged. */
  readonly range: ChunkRange;
  private issued = 0;
  private readonly start: number;

  /**
   * @param shard - compute only this shard's chunks (fixed `trials` only: a stopping rule
   *   cannot be decided on a share of the chunks). Default: every chunk.
   */
  constructor(
    readonly sim: Simulation,
    private readonly options: Pick<SimulateOptions, 'onProgress'>,
    readonly shard?: Shard,
  ) {
    const { model, settings } = sim;
    if (shard && settings.trials === undefined) throw new Error('RunState: a shard needs a fixed number of trials');
    this.totals = emptyTotals(model);
    const end = settings.trials ?? settings.maxTrials!;
    this.range = chunkRange(end, shard);
    this.target = shard ? shardTrials(end, shard) : end;
    this.start = now();
  }

  /** The next chunk to compute, or undefined once the target's chunks are all handed out. */
  nextChunk(): ChunkSpec | undefined {
    if (this.issued >= this.range.limit) return undefined;
    return chunkAt(this.range, this.issued++);
  }

  /**
   * Whether the run's chunks may be merged in any order (see `Reducer.fold`): only when nothing
   * reads the totals chunk by chunk, i.e. there is no progress callback and no half-width rule.
   */
  get foldable(): boolean {
    return this.options.onProgress === undefined && this.sim.settings.halfWidth === undefined;
  }

  /** Merges the totals of some of the run's chunks, merged elsewhere (see {@link foldable}). */
  addFolded(part: Totals): void {
    mergeTotals(this.totals, part);
  }

  /** Why the run stopped once every chunk of its target is merged. */
  get completed(): StopReason {
    return this.sim.settings.trials !== undefined ? 'trials' : 'maxTrials';
  }

  /**
   * How a run stops once its `AbortSignal` has fired: with the partial result, or by throwing
   * the signal's reason when not one chunk has been merged yet (there is nothing to report).
   */
  abort(signal: AbortSignal): StopReason {
    if (this.totals.trials === 0) throw signal.reason ?? new Error('aborted');
    return 'aborted';
  }

  /** Merges the next chunk's totals; returns why the run is done, if it is. */
  add(part: ChunkTotals): StopReason | undefined {
    mergeChunkTotals(this.totals, part);
    const { settings, model } = this.sim;
    const h = settings.halfWidth;
    if (this.options.onProgress || h !== undefined) {
      const { worst, events } = currentEstimates(this.totals, model);
      this.options.onProgress?.({ trials: this.totals.trials, target: this.target, halfWidth: worst, events });
      if (h !== undefined && worst < h) return 'halfWidth';
    }
    if (this.totals.trials >= this.target) return this.completed;
    return undefined;
  }

  /** The result so far, stopped for `stop`. */
  finish(stop: StopReason): SimulationResult {
    return buildResult(this.sim, this.totals, stop, now() - this.start);
  }
}

/** Milliseconds from a monotonic clock where there is one. */
export function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/** How long a cooperative run works before letting the event loop in (abort, Ctrl-C, rendering). */
const SLICE_MS = 25;

const yieldToEventLoop: () => Promise<void> =
  typeof globalThis.setImmediate === 'function'
    ? () => new Promise((resolve) => globalThis.setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Drives a step generator to its end, letting the event loop in every few milliseconds, so the
 * same generator serves a synchronous API (iterated directly) and an asynchronous one with the
 * same numbers. `beforeEach` runs before every step (an abort check), `each` on every yielded value.
 */
export async function runInSlices<Y, T>(steps: Generator<Y, T, void>, each: (value: Y) => void = () => {}, beforeEach: () => void = () => {}): Promise<T> {
  let sliceStart = now();
  for (;;) {
    if (now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = now();
    }
    beforeEach();
    const step = steps.next();
    if (step.done) return step.value;
    each(step.value);
  }
}
