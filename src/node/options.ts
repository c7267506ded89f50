/**
 * The Node entry's run options and their checks, kept free of Node imports so the entry's
 * browser build (browser.ts) shares them.
 */
import { SIMULATE_OPTION_NAMES, unknownOptionIssues } from '../engine/setup';
import type { SimulateOptions } from '../engine/types';
import type { ValidationIssue } from '../issues';
import { ScenarioError } from '../issues';
import type { WorkerPool } from './pool';

/** The most worker threads a run or pool may have (far above any useful count; catches typos such as 1e6). */
export const MAX_WORKERS = 256;

/** Where the Node entry computes: on how many worker threads, or on which pool. */
export interface ParallelOptions {
  /**
   * Worker threads to compute chunks on. Default: the number of cores
   * (`os.availableParallelism()`), capped so each thread gets at least
   * `MIN_CHUNKS_PER_WORKER` chunks of the run's target; a `halfWidth` run (whose length is
   * unknown) first computes for 200 ms in this thread and starts threads only if it is not done.
   * An explicit count is capped by the number of chunks only. `1` computes in this thread,
   * starting no worker. Results never depend on it. Ignored when `pool` is given, and in
   * browsers (which always compute in the calling thread).
   */
  workers?: number;
  /** Compute on this pool's threads (left running afterwards) instead of starting threads for this call. Default: none. */
  pool?: WorkerPool;
}

/** Options of the Node entry's `simulate`: the core options plus where to compute. */
export interface ParallelSimulateOptions extends SimulateOptions, ParallelOptions {}

/** Options of the Node entry's analyses: the core analysis's options plus where to compute. */
export type Parallel<O> = O & ParallelOptions;

/**
 * Splits an analysis's options into the core's and where to compute, checking `workers`.
 *
 * @throws {ScenarioError} (`invalid-option` at `workers`) for a bad worker count.
 */
export function splitParallel<O extends object>(options: Parallel<O>): { readonly core: O; readonly where: ParallelOptions } {
  const { workers, pool, ...core } = options;
  if (workers !== undefined) checkWorkers(workers);
  return { core: core as O, where: { workers, pool } };
}

/** Keys of {@link ParallelSimulateOptions} that the core options do not have. */
const PARALLEL_OPTION_NAMES: readonly string[] = [...SIMULATE_OPTION_NAMES, 'workers', 'pool'];

/** Issues for keys that are not options of the Node entry's runs (a misspelt `trails`, with a "did you mean"). */
export function unknownParallelOptions(options: unknown): ValidationIssue[] {
  return unknownOptionIssues(options, PARALLEL_OPTION_NAMES);
}

/**
 * Checks a worker count given by a caller.
 *
 * @throws {ScenarioError} (`invalid-option` at `workers`) unless it is a whole number from 1 to {@link MAX_WORKERS}.
 */
export function checkWorkers(workers: unknown): asserts workers is number {
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new ScenarioError([{ code: 'invalid-option', path: 'workers', message: `must be a whole number from 1 to ${MAX_WORKERS} (got ${JSON.stringify(workers) ?? String(workers)})` }]);
  }
}
