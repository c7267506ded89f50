/**
 * The `scenario-odds/node` entry as bundlers resolve it for browsers (the `browser` condition of
 * the exports map): the core API, and a `simulate` that takes the Node entry's options but always
 * computes in the calling thread. Same numbers as on any number of Node worker threads.
 *
 * @packageDocumentation
 */
import { simulate as simulateInThread } from '../engine/simulate';
import type { SimulationResult } from '../engine/types';
import type { Scenario } from '../model/types';
import { checkWorkers, type ParallelSimulateOptions } from './options';

export * from '../index';
export { MAX_WORKERS, type ParallelSimulateOptions } from './options';

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
