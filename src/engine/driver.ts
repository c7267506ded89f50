import { CHUNK_SIZE, emptyTotals, mergeTotals, type Totals } from './chunk';
import { buildResult, currentEstimates } from './result';
import type { Simulation } from './setup';
import type { SimulateOptions, SimulationResult, StopReason } from './types';

/** A chunk to compute: its index and how many of its trials (the last one may be short). */
export interface ChunkSpec {
  readonly index: number;
  readonly count: number;
}

/**
 * The bookkeeping of one run, shared by every way of computing chunks (in this thread, on
 * worker threads): hands out chunk specs in order, merges totals strictly in chunk order,
 * reports progress and decides when to stop. Because stopping is decided after each chunk in
 * order, a run stops at the same chunk however many chunks were being computed at once.
 */
export class RunState {
  readonly totals: Totals;
  readonly target: number;
  private issued = 0;
  private readonly start: number;

  constructor(
    readonly sim: Simulation,
    private readonly options: Pick<SimulateOptions, 'onProgress'>,
  ) {
    const { model, settings } = sim;
    this.totals = emptyTotals(model.columns.length, model.eventCount, model.crossPairs.length);
    this.target = settings.trials ?? settings.maxTrials!;
    this.start = now();
  }

  /** The next chunk to compute, or undefined once the target's chunks are all handed out. */
  nextChunk(): ChunkSpec | undefined {
    const first = this.issued * CHUNK_SIZE;
    if (first >= this.target) return undefined;
    return { index: this.issued++, count: Math.min(CHUNK_SIZE, this.target - first) };
  }

  /** Merges the next chunk's totals; returns why the run is done, if it is. */
  add(part: Totals): StopReason | undefined {
    mergeTotals(this.totals, part);
    const { settings, model } = this.sim;
    const h = settings.halfWidth;
    if (this.options.onProgress || h !== undefined) {
      const { worst, events } = currentEstimates(this.totals, model);
      this.options.onProgress?.({ trials: this.totals.trials, target: this.target, halfWidth: worst, events });
      if (h !== undefined && worst < h) return 'halfWidth';
    }
    if (this.totals.trials >= this.target) return settings.trials !== undefined ? 'trials' : 'maxTrials';
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
