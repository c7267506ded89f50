/**
 * Shared inputs of the parallel and sharding tests: scenarios that exercise every sampler, a
 * timeline and conditional events, and a way to compare results without their wall-clock time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulationResult } from '../../src/engine/types';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { trumpKimSummit } from '../../src/scenarios';
import { FIXTURES } from '../cli/helpers';

/** Every distribution family and form (tests/fixtures/valid/every-distribution.json). */
export const everyDistribution = JSON.parse(readFileSync(join(FIXTURES, 'valid', 'every-distribution.json'), 'utf8')) as Scenario;

/** The flagship: a monthly timeline, hazard windows and conditional venue events. */
export const flagship: Scenario = trumpKimSummit;

/**
 * The flagship with three of its factors in one correlated group (a Gaussian copula), and a
 * mixture factor correlated with Seoul's mediation: every new way of drawing factors at once.
 */
export const correlatedFlagship: Scenario = {
  ...trumpKimSummit,
  factors: {
    ...trumpKimSummit.factors,
    mixedShock: { dist: 'mixture', components: [{ dist: 'normal', mean: 0, sd: 1 }, { dist: 'gamma', shape: 2, scale: 1 }], weights: [0.3, 0.7] },
  },
  correlations: [
    { factors: ['sanctionsBlocking', 'russiaAlliance'], rank: 0.5 },
    { factors: ['russiaAlliance', 'usDomesticConstraints'], rank: -0.2 },
    { factors: ['mixedShock', 'rokMediation'], rank: 0.3 },
  ],
};

/**
 * Fails (NumericalError) only now and then: sqrt of a negative number when u < 2e-5, so about
 * one chunk in five has a bad trial and the first one is some way into the run.
 */
export const rarelyNaN: Scenario = {
  id: 'rarely-nan',
  title: 'A formula that is NaN in about 1 trial in 50,000',
  factors: { u: { dist: 'uniform', min: 0, max: 1 } },
  derived: { root: 'sqrt(u - 0.00002)' },
  events: { e: 'root > 0.5' },
};

/** The result without wall-clock time: what must be bit-identical between runs. */
export function numbers(r: SimulationResult): Omit<SimulationResult, 'elapsedMs'> {
  const { elapsedMs: _elapsed, ...rest } = r;
  return rest;
}

/** The ScenarioError `call` throws, one line per issue (`path: message`), or undefined if it returns. */
export function issueLines(call: () => unknown): string[] | undefined {
  try {
    call();
    return undefined;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  }
}
