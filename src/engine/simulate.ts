import type { Scenario } from '../model/types';
import { runChunk } from './chunk';
import { now, RunState } from './driver';
import { setupSimulation } from './setup';
import type { SimulateOptions, SimulationResult, StopReason } from './types';

export * from './types';

/**
 * The run as a sequence of steps, one per chunk, so the same logic serves the synchronous API
 * and the asynchronous one that yields to the event loop between chunks.
 */
function* runSteps(state: RunState, signal: AbortSignal | undefined): Generator<void, StopReason> {
  const { model, settings } = state.sim;
  for (;;) {
    if (signal?.aborted) {
      if (state.totals.trials === 0) throw signal.reason ?? new Error('aborted');
      return 'aborted';
    }
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
 * @throws {ScenarioError} if the scenario or an option is invalid.
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @example
 * ```ts
 * const result = simulateSync(
 *   { id: 'coin', title: 'Coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { heads: 'heads' } },
 *   { seed: 1, trials: 10_000 },
 * );
 * result.events.heads.ci95; // about [0.49, 0.51]
 * ```
 */
export function simulateSync(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  const state = new RunState(setupSimulation(scenario, options), options);
  const steps = runSteps(state, options.signal);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return state.finish(step.value);
}

/** How long a run works before letting the event loop in (abort signals, Ctrl-C, rendering). */
const SLICE_MS = 25;

const yieldToEventLoop: () => Promise<void> =
  typeof globalThis.setImmediate === 'function'
    ? () => new Promise((resolve) => globalThis.setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs a scenario's Monte Carlo simulation, yielding to the event loop between chunks so an
 * `AbortSignal` or a progress display can act; the numbers are the same as
 * {@link simulateSync}'s for the same inputs.
 *
 * @throws {ScenarioError} if the scenario or an option is invalid.
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @example
 * ```ts
 * const result = await simulate(scenario, { seed: 42, trials: 1_000_000 });
 * console.log(result.events.summit.probability, result.events.summit.ci95);
 * ```
 */
export async function simulate(scenario: Scenario, options: SimulateOptions = {}): Promise<SimulationResult> {
  const state = new RunState(setupSimulation(scenario, options), options);
  const steps = runSteps(state, options.signal);
  let sliceStart = now();
  let step = steps.next();
  while (!step.done) {
    if (now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = now();
    }
    step = steps.next();
  }
  return state.finish(step.value);
}
