/**
 * Analyses on worker threads. The models are set up in the calling thread as usual; the threads
 * sample and evaluate each chunk (a `paired` job, see kinds.ts) and send back the columns the
 * analysis reads, which the calling thread then accumulates in chunk and trial order with the
 * analysis's own code. So the result is the single-threaded one, bit for bit.
 */
import { compareColumns, compareResult, compareVariants, endCompareChunk, accumulateCompare, setupCompare, type CompareOptions } from '../analysis/compare';
import type { ComparisonResult } from '../analysis/types';
import { CHUNK_SIZE } from '../engine/chunk';
import type { ChunkSpec } from '../engine/driver';
import type { Scenario } from '../model/types';
import type { PairedColumns } from './kinds';
import { checkWorkers } from './options';
import { executeChunks, workerCount } from './parallel';
import { WorkerPool } from './pool';

/**
 * {@link compareVariants} on `workers` threads (default: one per core, fewer for small runs, as
 * `simulate` chooses); the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario, option (including `workers`), variant, override or event.
 * @throws {NumericalError} if a node of the baseline or a variant yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 */
export async function compareOnWorkers(scenario: Scenario, options: CompareOptions & { workers?: number }): Promise<ComparisonResult> {
  if (options.workers !== undefined) checkWorkers(options.workers);
  const { workers: requested, ...core } = options;
  const run = setupCompare(scenario, core);
  const { setup, base, arms } = run;
  const { trials, settings } = setup;
  const workers = workerCount(requested, trials);
  if (workers <= 1) return compareVariants(scenario, core);

  const models = [base, ...arms.map((arm) => arm.model)];
  const columns = compareColumns(run);
  const chunks = Math.ceil(trials / CHUNK_SIZE);
  let issued = 0;
  let merged = 0;
  const sink = {
    nextChunk(): ChunkSpec | undefined {
      if (issued === chunks) return undefined;
      const index = issued++;
      return { index, count: Math.min(CHUNK_SIZE, trials - index * CHUNK_SIZE) };
    },
    add(part: PairedColumns): 'done' | undefined {
      const count = part[0][0].length;
      for (let offset = 0; offset < count; offset += settings.batchSize) {
        const n = Math.min(settings.batchSize, count - offset);
        columns.forEach((cols, m) => cols.forEach((k, j) => models[m].columns[k].set(part[m][j].subarray(offset, offset + n))));
        accumulateCompare(run, n);
      }
      endCompareChunk(run);
      merged++;
      options.onProgress?.({ stage: 'compare', trials: Math.min(merged * CHUNK_SIZE, trials), target: trials });
      return merged === chunks ? 'done' : undefined;
    },
  };
  const job = { kind: 'paired' as const, data: { plans: models.map((m) => m.plan), seed: settings.seed, batchSize: settings.batchSize, columns } };
  const pool = new WorkerPool(workers);
  try {
    const stop = await executeChunks(pool, job, sink, options.signal);
    if (stop === 'aborted') throw options.signal?.reason ?? new Error('aborted');
  } finally {
    await pool.terminate();
  }
  return compareResult(run, scenario, core);
}
