/**
 * Every analysis on worker threads. An analysis is a reduction (src/engine/reduce.ts): its
 * models are set up in the calling thread, the threads compute its stages' chunks with the
 * same reducers a single-threaded run uses, and either fold them themselves (a stage whose
 * reducer folds: its partials merge exactly in any order) or send back small partials that the
 * calling thread merges in chunk order (the Sobol stage, whose merge is not exact). So the
 * result is the single-threaded one, bit for bit, and a new analysis needs nothing here.
 */
import { attributionReduction, type AttributionOptions } from '../analysis/attribution';
import { compareReduction, type CompareOptions } from '../analysis/compare';
import { updateReduction, type UpdateOptions } from '../analysis/evidence';
import type { EvidenceLedger } from '../analysis/ledger';
import { sensitivityReduction, type SensitivityOptions } from '../analysis/sensitivity';
import { reducerOf } from '../analysis/reducers/index';
import type { DriverOptions } from '../analysis/steps';
import type { AttributionResult, ComparisonResult, EvidenceResult, SensitivityResult } from '../analysis/types';
import { CHUNK_SIZE } from '../engine/chunk';
import { chunkRange, runInSlices, type ChunkSpec } from '../engine/driver';
import { reductionTrials, type Reduction, type Stage } from '../engine/reduce';
import type { Scenario } from '../model/types';
import type { ChunkJob } from './kinds';
import { splitParallel, type Parallel, type ParallelOptions } from './options';
import { executeChunks, foldChunks, workerCount } from './parallel';
import { WorkerPool } from './pool';

/**
 * Computes the chunks `indices` of a stage on `pool`'s threads, or in this thread without one
 * (yielding to the event loop every few milliseconds), handing each partial to `take` in the
 * order of `indices`; `progress` gets the stage's trials done after each chunk.
 *
 * @throws the first failing chunk's error; the signal's reason if aborted.
 */
export async function runStage(stage: Stage, indices: readonly number[], take: (index: number, partial: unknown) => void, pool: WorkerPool | undefined, signal: AbortSignal | undefined, progress: (trials: number) => void): Promise<void> {
  let issued = 0;
  let merged = 0;
  let trials = 0;
  const spec = (index: number): ChunkSpec => ({ index, count: Math.min(CHUNK_SIZE, stage.trials - index * CHUNK_SIZE) });
  const add = (partial: unknown): 'done' | undefined => {
    const index = indices[merged++];
    take(index, partial);
    trials += spec(index).count;
    progress(trials);
    return merged === indices.length ? 'done' : undefined;
  };
  if (indices.length === 0) return;
  if (!pool) {
    const chunk = reducerOf(stage.kind).prepare(stage.data);
    await runInSlices(
      (function* () {
        for (const index of indices) yield add(chunk(spec(index)));
      })(),
      undefined,
      () => {
        if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      },
    );
    return;
  }
  const sink = { nextChunk: () => (issued < indices.length ? spec(indices[issued++]) : undefined), add };
  const stop = await executeChunks(pool, { kind: stage.kind, data: stage.data } as ChunkJob, sink, signal);
  if (stop === 'aborted') throw signal?.reason ?? new Error('aborted');
}

/**
 * Computes a stage whose reducer folds on `pool`'s threads, each thread folding the chunks it
 * takes (`foldChunks`), and merges what they folded; `progress` gets the trials done every
 * `FOLD_PROGRESS_MS` and at the end.
 *
 * @throws the first failing chunk's error; the signal's reason if aborted.
 */
async function foldStage(stage: Stage, pool: WorkerPool, signal: AbortSignal | undefined, progress: (trials: number) => void): Promise<void> {
  const job = { kind: stage.kind, data: stage.data } as ChunkJob;
  let reported = 0;
  const report = (trials: number) => trials > reported && progress((reported = trials));
  const { folded, aborted } = await foldChunks(pool, job, chunkRange(stage.trials), signal, (chunks) => report(Math.min(stage.trials, chunks * CHUNK_SIZE)));
  if (aborted) throw signal?.reason ?? new Error('aborted');
  for (const part of folded) stage.mergeFolded!(part);
  report(stage.trials);
}

/**
 * Calls `work` with the pool to compute on: the given one, one of `workers` threads started for
 * the call (and always stopped after it), or none for one thread. `trials` (all the work's)
 * caps the default number of threads.
 */
export async function withPool<T>(where: ParallelOptions, trials: number, work: (pool: WorkerPool | undefined) => Promise<T>): Promise<T> {
  if (where.pool) return work(where.pool);
  const workers = workerCount(where.workers, trials);
  if (workers <= 1) return work(undefined);
  const pool = new WorkerPool(workers);
  try {
    return await work(pool);
  } finally {
    await pool.terminate();
  }
}

/**
 * Computes a reduction's stages on worker threads (or in this thread for one worker) and
 * returns its result: partials merge in chunk order, so the result is the one-thread one, bit
 * for bit. Threads started here are always stopped before it returns or throws.
 *
 * @throws the first failing chunk's error; the signal's reason if aborted.
 */
export async function runReduction<T>(reduction: Reduction<T>, options: DriverOptions & ParallelOptions): Promise<T> {
  const { signal, onProgress } = options;
  const target = reductionTrials(reduction);
  await withPool(options, target, async (pool) => {
    let done = 0;
    for (const stage of reduction.stages) {
      const progress = (trials: number) => onProgress?.({ stage: stage.name, trials: done + trials, target });
      if (pool && stage.mergeFolded && reducerOf(stage.kind).fold) await foldStage(stage, pool, signal, progress);
      else {
        const indices = Array.from({ length: Math.ceil(stage.trials / CHUNK_SIZE) }, (_, i) => i);
        await runStage(stage, indices, (_, partial) => stage.merge(partial), pool, signal, progress);
      }
      done += stage.trials;
    }
  });
  return reduction.finish();
}

/** Sets up a reduction from the core options (inside the promise, so a bad input rejects) and runs it where the options say. */
async function onWorkers<O extends DriverOptions, T>(options: Parallel<O>, reduce: (core: O) => Reduction<T>): Promise<T> {
  const { core, where } = splitParallel(options);
  return runReduction(reduce(core), { ...core, ...where });
}

/**
 * The core {@link compareVariants} on worker threads (`workers`, default one per core for a
 * large enough run, or a given `pool`); the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario, option (including `workers`), variant, override or event.
 * @throws {NumericalError} if a node of the baseline or a variant yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 * @example
 * ```ts
 * import { compareVariants, trumpKimSummit } from 'scenario-odds/node';
 * const r = await compareVariants(trumpKimSummit, { seed: 1, trials: 400_000, variants: ['seoul-steps-back'], workers: 2 });
 * console.log(r.variants[0].events.summit.differencePp);
 * ```
 */
export function compareVariants(scenario: Scenario, options: Parallel<CompareOptions>): Promise<ComparisonResult> {
  return onWorkers(options, (core) => compareReduction(scenario, core));
}

/**
 * The core {@link analyzeSensitivity} on worker threads: the tornado's trials and the Sobol
 * design's rows (with their bootstrap) are computed by the threads; the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario or option (including `workers`), an unknown or conditional event.
 * @throws {NumericalError} if the scenario itself yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 */
export function analyzeSensitivity(scenario: Scenario, options: Parallel<SensitivityOptions> = {}): Promise<SensitivityResult> {
  return onWorkers(options, (core) => sensitivityReduction(scenario, core));
}

/**
 * The core {@link attributeLogOdds} on worker threads; the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario or option (including `workers`), or an unknown event.
 * @throws {NumericalError} if the scenario yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 */
export function attributeLogOdds(scenario: Scenario, options: Parallel<AttributionOptions> = {}): Promise<AttributionResult> {
  return onWorkers(options, (core) => attributionReduction(scenario, core));
}

/**
 * The core {@link updateOdds} on worker threads; the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario, ledger or option (including `workers`), or a condition outside [0, 1].
 * @throws {NumericalError} if the scenario yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 */
export function updateOdds(scenario: Scenario, ledger: EvidenceLedger, options: Parallel<UpdateOptions> = {}): Promise<EvidenceResult> {
  return onWorkers(options, (core) => updateReduction(scenario, ledger, core));
}
