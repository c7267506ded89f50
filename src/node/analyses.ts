/**
 * Analyses on worker threads. The models are set up in the calling thread as usual; the threads
 * sample and evaluate each chunk of the paired models (a `paired` job, see kinds.ts) and send
 * back the columns the analysis reads, which the calling thread then accumulates in chunk and
 * trial order with the analysis's own code. So the result is the single-threaded one, bit for bit.
 */
import { accumulateAttribution, attributionColumns, attributionResult, attributionRunSteps, endAttributionChunk, setupAttribution, type AttributionOptions } from '../analysis/attribution';
import { accumulateUpdate, endUpdateChunk, setupUpdate, updateColumns, updateResult, updateRunSteps, type UpdateOptions } from '../analysis/evidence';
import type { EvidenceLedger } from '../analysis/ledger';
import { accumulateCompare, compareColumns, compareResult, compareRunSteps, endCompareChunk, setupCompare, type CompareOptions } from '../analysis/compare';
import type { Arm } from '../analysis/paired';
import { accumulateTornado, endTornadoChunk, finishSensitivity, sensitivityRunSteps, setupSensitivity, tornadoColumns, type SensitivityOptions } from '../analysis/sensitivity';
import { runAsync, type DriverOptions } from '../analysis/steps';
import type { AttributionResult, ComparisonResult, EvidenceResult, SensitivityResult } from '../analysis/types';
import { CHUNK_SIZE, type NumericalError } from '../engine/chunk';
import { runPlanData, type ColumnModel } from '../engine/columns';
import type { ChunkSpec } from '../engine/driver';
import type { Scenario } from '../model/types';
import type { PairedChunk } from './kinds';
import { checkWorkers } from './options';
import { executeChunks, workerCount } from './parallel';
import { WorkerPool } from './pool';
import { fromWire } from './protocol';

/** Where threads can help: `workers` as for `simulate` (default: one per core, fewer for small runs). */
type OnWorkers<O> = O & { workers?: number };

/** A paired evaluation to run on threads and accumulate here. */
interface PairedWork extends DriverOptions {
  readonly workers: number;
  /** The base model first, then the arms' models. */
  readonly models: readonly ColumnModel[];
  readonly arms: readonly Arm[];
  /** Per model, the columns the accumulators read. */
  readonly columns: number[][];
  readonly tolerant: boolean;
  readonly seed: string;
  readonly batchSize: number;
  readonly trials: number;
  /** Progress: the stage's name and the analysis's whole target. */
  readonly stage: string;
  readonly target: number;
  /** Adds n trials, now in the models' columns, starting at trial `chunk · CHUNK_SIZE + offset`. */
  accumulate(n: number, chunk: number, offset: number): void;
  endChunk(): void;
}

/**
 * Runs the chunks of a paired evaluation on `workers` threads and feeds their columns to the
 * accumulators batch by batch, in chunk order. A tolerant arm's first failure, in chunk order,
 * is recorded on the arm as a single-threaded run records it (its sums are then never used).
 */
async function pairedOnWorkers(w: PairedWork): Promise<void> {
  const { models, arms, columns, batchSize, trials } = w;
  const chunks = Math.ceil(trials / CHUNK_SIZE);
  let issued = 0;
  let merged = 0;
  const sink = {
    nextChunk(): ChunkSpec | undefined {
      if (issued === chunks) return undefined;
      const index = issued++;
      return { index, count: Math.min(CHUNK_SIZE, trials - index * CHUNK_SIZE) };
    },
    add(part: PairedChunk): 'done' | undefined {
      part.failures.forEach((failure, a) => {
        if (failure && !arms[a].failure) arms[a].failure = fromWire(failure) as NumericalError;
      });
      const count = part.columns[0][0].length;
      for (let offset = 0; offset < count; offset += batchSize) {
        const n = Math.min(batchSize, count - offset);
        columns.forEach((cols, m) => cols.forEach((k, j) => models[m].columns[k].set(part.columns[m][j].subarray(offset, offset + n))));
        w.accumulate(n, merged, offset);
      }
      w.endChunk();
      merged++;
      w.onProgress?.({ stage: w.stage, trials: Math.min(merged * CHUNK_SIZE, trials), target: w.target });
      return merged === chunks ? 'done' : undefined;
    },
  };
  const job = { kind: 'paired' as const, data: { plans: models.map((m) => runPlanData(m.plan)), seed: w.seed, batchSize, columns, tolerant: w.tolerant } };
  const pool = new WorkerPool(w.workers);
  try {
    const stop = await executeChunks(pool, job, sink, w.signal);
    if (stop === 'aborted') throw w.signal?.reason ?? new Error('aborted');
  } finally {
    await pool.terminate();
  }
}

/**
 * An analysis of one model (with the models paired with it, if any, whose failure fails it too)
 * whose chunks are evaluated on threads: attribution, update. `columns` as in {@link PairedWork}.
 */
function oneModelOnWorkers(
  workers: number,
  run: { readonly model: ColumnModel; readonly arms?: readonly Arm[]; readonly settings: { readonly seed: string; readonly batchSize: number }; readonly trials: number },
  columns: number[][],
  stage: string,
  driver: DriverOptions,
  accumulate: PairedWork['accumulate'],
  endChunk: () => void,
): Promise<void> {
  const { model, arms = [], settings, trials } = run;
  const models = [model, ...arms.map((arm) => arm.model)];
  return pairedOnWorkers({ ...driver, workers, models, arms, columns, tolerant: false, seed: settings.seed, batchSize: settings.batchSize, trials, stage, target: trials, accumulate, endChunk });
}

/**
 * {@link compareVariants} with its models evaluated on worker threads; the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario, option (including `workers`), variant, override or event.
 * @throws {NumericalError} if a node of the baseline or a variant yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 */
export async function compareOnWorkers(scenario: Scenario, options: OnWorkers<CompareOptions>): Promise<ComparisonResult> {
  if (options.workers !== undefined) checkWorkers(options.workers);
  const { workers: requested, ...core } = options;
  const run = setupCompare(scenario, core);
  const { setup, base, arms } = run;
  const workers = workerCount(requested, setup.trials);
  if (workers <= 1) return runAsync(compareRunSteps(run, scenario, core), core);
  await pairedOnWorkers({
    ...core,
    workers,
    models: [base, ...arms.map((arm) => arm.model)],
    arms,
    columns: compareColumns(run),
    tolerant: false,
    seed: setup.settings.seed,
    batchSize: setup.settings.batchSize,
    trials: setup.trials,
    stage: 'compare',
    target: setup.trials,
    accumulate: (n) => accumulateCompare(run, n),
    endChunk: () => endCompareChunk(run),
  });
  return compareResult(run, scenario, core);
}

/**
 * {@link analyzeSensitivity} with the tornado's models evaluated on worker threads (the Sobol
 * stage and the bootstrap run in this thread); the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario or option (including `workers`), an unknown or conditional event.
 * @throws {NumericalError} if the scenario itself yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 */
export async function sensitivityOnWorkers(scenario: Scenario, options: OnWorkers<SensitivityOptions> = {}): Promise<SensitivityResult> {
  if (options.workers !== undefined) checkWorkers(options.workers);
  const { workers: requested, ...core } = options;
  const run = setupSensitivity(scenario, core);
  const workers = workerCount(requested, run.trials);
  if (workers <= 1) return runAsync(sensitivityRunSteps(run), core);
  await pairedOnWorkers({
    ...core,
    workers,
    models: [run.base, ...run.arms.map((arm) => arm.model)],
    arms: run.arms,
    columns: tornadoColumns(run),
    tolerant: true,
    seed: run.seed,
    batchSize: run.settings.batchSize,
    trials: run.trials,
    stage: 'tornado',
    target: run.target,
    accumulate: (n) => accumulateTornado(run, n),
    endChunk: () => endTornadoChunk(run),
  });
  return runAsync(finishSensitivity(run), core);
}

/**
 * {@link attributeLogOdds} with its model evaluated on worker threads (the terms are evaluated
 * and summed in this thread); the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario or option (including `workers`), or an unknown event.
 * @throws {NumericalError} if the scenario yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 */
export async function attributionOnWorkers(scenario: Scenario, options: OnWorkers<AttributionOptions> = {}): Promise<AttributionResult> {
  if (options.workers !== undefined) checkWorkers(options.workers);
  const { workers: requested, ...core } = options;
  const run = setupAttribution(scenario, core);
  if (!('model' in run)) return run;
  const workers = workerCount(requested, run.trials);
  if (workers <= 1) return runAsync(attributionRunSteps(run), core);
  await oneModelOnWorkers(workers, run, [attributionColumns(run)], 'attribution', core, (n, chunk, offset) => accumulateAttribution(run, chunk, n, offset), () => endAttributionChunk(run));
  return attributionResult(run);
}

/**
 * {@link updateOdds} with its model evaluated on worker threads (the conditions are evaluated
 * and the weights summed in this thread); the same result, bit for bit.
 *
 * @throws {ScenarioError} for an invalid scenario, ledger or option (including `workers`), or a condition outside [0, 1].
 * @throws {NumericalError} if the scenario yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 */
export async function updateOnWorkers(scenario: Scenario, ledger: EvidenceLedger, options: OnWorkers<UpdateOptions> = {}): Promise<EvidenceResult> {
  if (options.workers !== undefined) checkWorkers(options.workers);
  const { workers: requested, ...core } = options;
  const run = setupUpdate(scenario, ledger, core);
  const workers = workerCount(requested, run.trials);
  if (workers <= 1) return runAsync(updateRunSteps(run), core);
  await oneModelOnWorkers(workers, run, updateColumns(run), 'update', core, (n, chunk, offset) => accumulateUpdate(run, chunk, n, offset), () => endUpdateChunk(run));
  return updateResult(run);
}
