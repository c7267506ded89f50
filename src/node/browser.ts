/**
 * The `scenario-odds/node` entry as bundlers resolve it for browsers (the `browser` condition of
 * the exports map): the core API, and a `simulate` and analyses that take the Node entry's
 * options (`workers`, `pool`) but always compute in the calling thread. Same numbers as on any number of Node worker threads.
 *
 * @packageDocumentation
 */
import { attributeLogOdds as attributeInThread, type AttributionOptions } from '../analysis/attribution';
import { compareVariants as compareInThread, type CompareOptions } from '../analysis/compare';
import { updateOdds as updateInThread, type UpdateOptions } from '../analysis/evidence';
import type { EvidenceLedger } from '../analysis/ledger';
import { analyzeSensitivity as sensitivityInThread, type SensitivityOptions } from '../analysis/sensitivity';
import type { AttributionResult, ComparisonResult, EvidenceResult, SensitivityResult } from '../analysis/types';
import { simulate as simulateInThread } from '../engine/simulate';
import type { SimulationResult } from '../engine/types';
import type { Scenario } from '../model/types';
import { checkWorkers, splitParallel, type Parallel, type ParallelSimulateOptions } from './options';

export * from '../index';
export { MAX_WORKERS, type ParallelSimulateOptions, type ParallelOptions, type Parallel } from './options';

/**
 * Runs a scenario's Monte Carlo simulation in the calling thread, yielding to the event loop
 * between chunks. `workers` is checked but not used (there are no worker threads here), so code
 * written for Node runs unchanged and gives the same result, bit for bit.
 *
 * @throws {ScenarioError} if the scenario or an option (including `workers`) is invalid.
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @example
 * ```ts
 * import { simulate, trumpKimSummit } from 'scenario-odds/node'; // this file, in a browser
 * const result = await simulate(trumpKimSummit, { seed: 2025, trials: 100_000, workers: 2 });
 * console.log(result.events.summit.ci95);
 * ```
 */
export async function simulate(scenario: Scenario, options: ParallelSimulateOptions = {}): Promise<SimulationResult> {
  if (options.workers !== undefined) checkWorkers(options.workers);
  const { workers: _workers, pool: _pool, ...core } = options;
  return simulateInThread(scenario, core);
}

/** In a browser, every analysis computes in the calling thread: its core form with `workers` checked, then ignored. */
async function inThread<O extends object, T>(options: Parallel<O>, run: (core: O) => Promise<T>): Promise<T> {
  return run(splitParallel(options).core);
}

/** {@link compareVariants} of the core, taking the Node entry's options (computes in the calling thread). */
export function compareVariants(scenario: Scenario, options: Parallel<CompareOptions>): Promise<ComparisonResult> {
  return inThread(options, (core) => compareInThread(scenario, core));
}

/** {@link analyzeSensitivity} of the core, taking the Node entry's options (computes in the calling thread). */
export function analyzeSensitivity(scenario: Scenario, options: Parallel<SensitivityOptions> = {}): Promise<SensitivityResult> {
  return inThread(options, (core) => sensitivityInThread(scenario, core));
}

/** {@link attributeLogOdds} of the core, taking the Node entry's options (computes in the calling thread). */
export function attributeLogOdds(scenario: Scenario, options: Parallel<AttributionOptions> = {}): Promise<AttributionResult> {
  return inThread(options, (core) => attributeInThread(scenario, core));
}

/** {@link updateOdds} of the core, taking the Node entry's options (computes in the calling thread). */
export function updateOdds(scenario: Scenario, ledger: EvidenceLedger, options: Parallel<UpdateOptions> = {}): Promise<EvidenceResult> {
  return inThread(options, (core) => updateInThread(scenario, ledger, core));
}
