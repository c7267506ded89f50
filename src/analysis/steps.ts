/**
 * Every analysis is written once, as a generator that computes one chunk per step and yields
 * its progress; these drivers run it either to completion (the `…Sync` functions) or
 * cooperatively, letting the event loop in every few milliseconds so an `AbortSignal`,
 * Ctrl-C or a progress bar can act. Both give the same numbers.
 */
import { CHUNK_SIZE } from '../engine/chunk';
import { runInSlices } from '../engine/driver';
import { reductionTrials, type Reduction } from '../engine/reduce';
import { reducerOf } from './reducers/index';

/** Progress of a long analysis: after every chunk in one thread; on worker threads, every 100 ms while the threads fold a stage's chunks, and at its end. */
export interface AnalysisProgress {
  /** What is being computed, e.g. `tornado` or `sobol`. */
  readonly stage: string;
  /** Trials done so far, over all stages. */
  readonly trials: number;
  /** Trials the analysis will do in all. */
  readonly target: number;
}

/** Options every analysis driver understands. */
export interface DriverOptions {
  /** Stops the analysis between chunks; it then throws the signal's reason. */
  signal?: AbortSignal;
  /** Called after every chunk (on worker threads, as {@link AnalysisProgress} says). */
  onProgress?: (progress: AnalysisProgress) => void;
}

/** An analysis as a sequence of chunk steps that ends with its result. */
export type AnalysisSteps<T> = Generator<AnalysisProgress, T, void>;

/**
 * Steps through chunks 0, 1, … covering `trials` trials, calling `chunk(index, count)` for each
 * and yielding progress; `done` is the trials already counted by earlier stages.
 */
export function* chunkSteps(stage: string, trials: number, done: number, target: number, chunk: (index: number, count: number) => void): Generator<AnalysisProgress, void, void> {
  for (let index = 0; index * CHUNK_SIZE < trials; index++) {
    const count = Math.min(CHUNK_SIZE, trials - index * CHUNK_SIZE);
    chunk(index, count);
    yield { stage, trials: done + index * CHUNK_SIZE + count, target };
  }
}

/**
 * A reduction computed in this thread: each stage's reducer prepared here, its chunks computed
 * and merged in order, one step per chunk; then its result.
 */
export function* reductionSteps<T>(reduction: Reduction<T>): AnalysisSteps<T> {
  const target = reductionTrials(reduction);
  let done = 0;
  for (const stage of reduction.stages) {
    const chunk = reducerOf(stage.kind).prepare(stage.data);
    yield* chunkSteps(stage.name, stage.trials, done, target, (index, count) => stage.merge(chunk({ index, count })));
    done += stage.trials;
  }
  return reduction.finish();
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
}

/** Runs an analysis to completion in one go. @throws the signal's reason if it is aborted. */
export function runSync<T>(steps: AnalysisSteps<T>, options: DriverOptions = {}): T {
  for (;;) {
    checkAbort(options.signal);
    const step = steps.next();
    if (step.done) return step.value;
    options.onProgress?.(step.value);
  }
}

/** Runs an analysis, yielding to the event loop between chunks. @throws the signal's reason if it is aborted. */
export function runAsync<T>(steps: AnalysisSteps<T>, options: DriverOptions = {}): Promise<T> {
  return runInSlices(steps, (progress) => options.onProgress?.(progress), () => checkAbort(options.signal));
}
