/**
 * fast-check arbitraries shared by the property suites: valid scenarios of every event kind
 * with a seed and a trial count.
 */
import fc from 'fast-check';
import type { DistSpec, EventSpec, Scenario } from '../../src/index';

// fast-check 4 may build records with a null prototype; scenarios read from JSON never have
// one, and deep equality after a JSON round trip would tell them apart.
const record = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) =>
  fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<{ [K in keyof T]: T[K] extends fc.Arbitrary<infer U> ? U : never }>;

export const factorArb: fc.Arbitrary<DistSpec> = fc.oneof(
  record({ dist: fc.constant('bernoulli' as const), p: fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double({ min: 0, max: 1, noNaN: true })) }),
  record({ dist: fc.constant('beta' as const), alpha: fc.double({ min: 0.05, max: 50, noNaN: true }), beta: fc.double({ min: 0.05, max: 50, noNaN: true }) }),
  record({ dist: fc.constant('normal' as const), mean: fc.double({ min: -3, max: 3, noNaN: true }), sd: fc.double({ min: 0.01, max: 5, noNaN: true }) }),
  record({ dist: fc.constant('uniform' as const), min: fc.double({ min: -2, max: 0, noNaN: true }), max: fc.double({ min: 0.001, max: 2, noNaN: true }) }),
  record({ dist: fc.constant('constant' as const), value: fc.double({ min: -1, max: 2, noNaN: true }) }),
  record({
    dist: fc.constant('categorical' as const),
    weights: record({ a: fc.double({ min: 0.01, max: 5, noNaN: true }), b: fc.double({ min: 0, max: 5, noNaN: true }) }),
  }),
) as fc.Arbitrary<DistSpec>;

/** A formula giving a probability (or a 0/1 condition) from factor f. */
export const probabilityOf = (f: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.double({ min: -4, max: 4, noNaN: true }).map((w) => `sigmoid(${w} * ${f} + 0.25)`),
    fc.constant(`clamp(${f}, 0, 1)`),
    fc.double({ min: -1, max: 1, noNaN: true }).map((c) => `${f} > ${c}`),
    fc.constant(`clamp(${f}, 0, 1) ^ 3`),
    fc.constantFrom('0', '1', '0.5', '1e-9'),
  );

export interface Generated {
  scenario: Scenario;
  trials: number;
  seed: string;
}

export const scenarioArb: fc.Arbitrary<Generated> = fc
  .array(factorArb, { minLength: 1, maxLength: 3 })
  .chain((factors) => {
    const names = factors.map((_, i) => `f${i}`);
    const pick = fc.constantFrom(...names);
    const formula = pick.chain(probabilityOf);
    return record({
      factors: fc.constant(factors),
      plain: fc.array(formula, { minLength: 1, maxLength: 3 }),
      conditional: fc.option(formula, { nil: undefined }),
      timed: fc.option(record({ hazard: formula.map((h) => `(${h}) * 0.2`), multiplier: fc.constantFrom('0', '0.5', '2', '1e3') }), { nil: undefined }),
      trials: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 61, max: 25_000 }), fc.constantFrom(1, 2, 10_000, 10_001)),
      seed: fc.string({ minLength: 1, maxLength: 12 }),
    });
  })
  .map(({ factors, plain, conditional, timed, trials, seed }) => {
    const events: Record<string, EventSpec> = {};
    plain.forEach((p, i) => (events[`e${i}`] = p));
    if (conditional !== undefined) events.cond = { p: conditional, given: 'e0' };
    const scenario: Scenario = {
      id: 'generated',
      title: 'Generated',
      factors: Object.fromEntries(factors.map((f, i) => [`f${i}`, f])),
      events,
    };
    if (timed !== undefined) {
      scenario.timeline = { start: '2026-11', end: '2027-03' };
      events.timed = { hazard: timed.hazard, windows: [{ from: '2026-12', to: '2027-01', multiplier: timed.multiplier }] };
    }
    return { scenario, trials, seed };
  });

