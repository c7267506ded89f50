import type { Scenario } from '../model/types';
import { runChunk } from './chunk';
import { now, RunState, runInSlices } from './driver';
import { setupSimulation, SIMULATE_OPTION_NAMES, unknownOptionIssues } from './setup';
import type { SimulateOptions, SimulationResult, StopReason } from './types';

export * from './types';

/**
 * The run as a sequence of steps, one per chunk, so the same logic serves the synchronous API
 * and the asynchronous one that yields to the event loop between chunks.
 */
function* runSteps(state: RunState, signal: AbortSignal | undefined): Generator<void, StopReason> {
  const { model, settings } = state.sim;
  for (;;) {
    if (signal?.aborted) return state.abort(signal);
    const spec = state.nextChunk()!;
    const stop = state.add(runChunk(model, settings.seed, spec.index, spec.count));
    if (stop) return stop;
    yield;
  }
}

/**
 * Runs a scenario's Monte Carlo simulation synchronously (blocking until done) and returns
 * each event's probability with its 95% interval. Identical inputs (scenario, seed, trials or
 * stopping rule, variant, overrides) give bit-identical results.
 *
 * @throws {ScenarioError} if the scenario or an option is invalid, or an option is unknown
 *   (`unknown-option`, e.g. a misspelt `trails`).
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @example
 * ```ts
 * const result = simulateSync(
 *   { id: 'coin', title: 'Coin', factors: { toss: { dist: 'bernoulli', p: 0.5 } }, events: { heads: 'toss' } },
 *   { seed: 1, trials: 10_000 },
 * );
 * result.events.heads.ci95; // about [0.49, 0.51]
 * ```
 */
export function simulateSync(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  const state = new RunState(setupSimulation(scenario, options, unknownOptionIssues(options, SIMULATE_OPTION_NAMES)), options);
  const steps = runSteps(state, options.signal);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return state.finish(step.value);
}

/**
 * Runs a scenario's Monte Carlo simulation, yielding to the event loop between chunks so an
 * `AbortSignal` or a progress display can act; the numbers are the same as
 * {@link simulateSync}'s for the same inputs.
 *
 * @throws {ScenarioError} if the scenario or an option is invalid, or an option is unknown
 *   (`unknown-option`, e.g. a misspelt `trails`).
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @example
 * ```ts
 * const scenario = builtinScenario('four-factors')!;
 * const result = await simulate(scenario, { seed: 42, trials: 1_000_000 });
 * console.log(result.events.summit.probability, result.events.summit.ci95);
 * ```
 */
export async function simulate(scenario: Scenario, options: SimulateOptions = {}): Promise<SimulationResult> {
  const state = new RunState(setupSimulation(scenario, options, unknownOptionIssues(options, SIMULATE_OPTION_NAMES)), options);
  return state.finish(await runInThread(state, options.signal));
}

/**
 * Computes a run's chunks in this thread, yielding to the event loop every few milliseconds;
 * returns why it stopped. The Node entry's worker-thread driver uses it for one worker, and
 * with `budgetMs` to try a run of unknown length here first: after that long it returns
 * undefined between two chunks, and the run can go on elsewhere from the same state.
 */
export function runInThread(state: RunState, signal: AbortSignal | undefined): Promise<StopReason>;
export function runInThread(state: RunState, signal: AbortSignal | undefined, budgetMs: number): Promise<StopReason | undefined>;
export function runInThread(state: RunState, signal: AbortSignal | undefined, budgetMs = Infinity): Promise<StopReason | undefined> {
  return runInSlices(withinBudget(runSteps(state, signal), budgetMs));
}

/** `steps` until they end, or undefined once `budgetMs` have passed (checked between two steps, after the first). */
function* withinBudget<T>(steps: Generator<void, T>, budgetMs: number): Generator<void, T | undefined> {
  const start = now();
  let step = steps.next();
  while (!step.done) {
    if (now() - start > budgetMs) return undefined;
    yield;
    step = steps.next();
  }
  return step.value;
}
