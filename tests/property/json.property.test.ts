/**
 * Property: a scenario survives a JSON round trip, and a reordering of its keys, with the same
 * canonical hash, and runs to the same numbers.
 *
 * The hash (`canonicalHash`, recorded as `manifest.scenarioHash`) is what a reader uses to
 * check that a result came from a given scenario, so "same hash" must imply "same scenario":
 * a run of two scenarios with equal hashes and equal seeds must give equal results. JSON
 * objects are unordered (RFC 8259 §4), and files get reformatted and keys re-sorted by editors
 * and tools, so the hash ignores key order; the numbers must then ignore it too.
 *
 * Scenarios come from the shared generator (every event kind) plus documentation fields with
 * hostile text: lone surrogates, control characters, U+2028, quotes, backslashes, RTL marks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson, scenarioHash, ScenarioError, simulateSync, validateScenario, type Scenario, type SimulationResult } from '../../src/index';
import { parseJson } from '../../src/model/json';
import { scenarioArb } from './arbitraries';

const SEED = 8086;

const textArb = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udfff', '\u2028', '\u2029', '\u0000', '\u001f', '"', '\\', '😀', '\u202e', '\ufeff', '\n') },
  ),
  maxLength: 24,
});

/** A generated scenario with documentation everywhere it is allowed, a source and a variant. */
const documentedArb = fc
  .tuple(scenarioArb, textArb, textArb, textArb, fc.double({ min: -10, max: 10, noNaN: true }), fc.nat())
  .map(([g, title, description, label, value, shuffleSeed]) => {
    const s: Scenario = {
      ...g.scenario,
      title: `T${title}`,
      description,
      params: { w: { value, label, description, source: title } },
      derived: { twiceF0: { formula: '2 * f0 + w', label } },
      sources: [{ id: 's1', title: `S${label}`, note: description }],
      variants: { other: { label, set: { w: value + 1 } } },
    };
    // JSON.stringify writes -0 as 0, so -0 cannot survive a text round trip by construction;
    // the hash treating them alike is tested on its own below.
    return { ...g, scenario: withoutNegativeZero(s) as Scenario, shuffleSeed };
  });

function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v)]));
}

/** mulberry32, for shuffling keys reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deep copy with the keys of every object in a random order (own data properties only),
 * except a categorical factor's weights: their order is meaningful (a label's position is the
 * value formulas see) and is part of the scenario hash, tested separately below.
 */
function reorderKeys(value: unknown, rand: () => number, keepOrder = false): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, rand));
  if (value === null || typeof value !== 'object') return value;
  const categorical = (value as Record<string, unknown>).dist === 'categorical';
  const keys = Object.keys(value);
  for (let i = keepOrder ? 0 : keys.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  const out = {};
  for (const k of keys) {
    const child = reorderKeys((value as Record<string, unknown>)[k], rand, categorical && k === 'weights');
    Object.defineProperty(out, k, { value: child, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function run(s: Scenario, seed: string): SimulationResult | 'condition-never-held' {
  try {
    return simulateSync(s, { seed, trials: 300 });
  } catch (e) {
    if (e instanceof ScenarioError && e.issues.every((i) => i.code === 'condition-never-held')) return 'condition-never-held';
    throw e;
  }
}

function outcome(r: SimulationResult | 'condition-never-held'): unknown {
  return r === 'condition-never-held' ? r : { scenarioHash: r.manifest.scenarioHash, resultsHash: r.manifest.resultsHash };
}

describe('a scenario survives a JSON round trip and a key reordering', () => {
  it('JSON.stringify -> parseJson gives an equal scenario with the same hash, issues and results (numRuns 100)', () => {
    fc.assert(
      fc.property(documentedArb, fc.constantFrom(undefined, 2, '\t'), ({ scenario, seed }, indent) => {
        const text = JSON.stringify(scenario, null, indent);
        const { value, issues } = parseJson(text);
        expect(issues).toEqual([]);
        expect(value).toStrictEqual(scenario);
        expect(canonicalHash(value)).toBe(canonicalHash(scenario));
        expect(validateScenario(value)).toEqual([]);
        expect(outcome(run(value as Scenario, seed))).toEqual(outcome(run(scenario, seed)));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('reordering keys at every level keeps the canonical JSON, the hash and the results (numRuns 100)', () => {
    fc.assert(
      fc.property(documentedArb, ({ scenario, seed, shuffleSeed }) => {
        const reordered = reorderKeys(scenario, prng(shuffleSeed)) as Scenario;
        expect(canonicalJson(reordered)).toBe(canonicalJson(scenario));
        expect(scenarioHash(reordered)).toBe(scenarioHash(scenario));
        // Through text as well: a reformatted, re-sorted file.
        const reparsed = parseJson(JSON.stringify(reordered, null, 1)).value as Scenario;
        expect(scenarioHash(reparsed)).toBe(scenarioHash(scenario));
        // Same hash must mean same numbers, for the scenario and for its variant.
        const a = run(scenario, seed);
        expect(outcome(run(reordered, seed)), `reordered: ${JSON.stringify(reordered)}`).toEqual(outcome(a));
        expect(outcome(run(reparsed, seed))).toEqual(outcome(a));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('categorical weights: reordering them changes the numbers, so it changes the scenario hash', () => {
    // The label index a categorical factor samples follows the written order, so `cat == 0`
    // means "low" in one scenario and "high" in the other: the hash must tell them apart
    // (it once did not: canonicalJson sorts keys).
    const make = (weights: Record<string, number>): Scenario => ({
      id: 'categorical-order',
      title: 'Categorical order',
      factors: { cat: { dist: 'categorical', weights } },
      events: { first: 'cat == 0' },
    });
    const lowFirst = make({ low: 9, high: 1 });
    const highFirst = make({ high: 1, low: 9 });
    const a = simulateSync(lowFirst, { seed: 1, trials: 1000 });
    const b = simulateSync(highFirst, { seed: 1, trials: 1000 });
    expect(b.manifest.resultsHash).not.toBe(a.manifest.resultsHash);
    expect(b.scenario.hash, 'different numbers under one scenario hash').not.toBe(a.scenario.hash);
  });

  it('a param written as -0 runs as 0: same numbers, same hash, from a file or from code', () => {
    // JSON cannot carry -0 (JSON.stringify prints 0) yet a formula can tell it from 0
    // (1 / -0 = -Infinity): runs treat -0 as 0, so a scenario gives the same numbers and hash
    // however it was written (it once gave P = 0 vs 1 under one hash).
    const file = (w: string) => `{"id":"zero","title":"Zero","params":{"w":${w}},"events":{"e":"sigmoid(1 / w)"}}`;
    const plus = parseJson(file('0')).value as Scenario;
    const minus = parseJson(file('-0')).value as Scenario;
    const a = simulateSync(plus, { seed: 1, trials: 10 });
    const b = simulateSync(minus, { seed: 1, trials: 10 });
    const c = simulateSync({ ...plus, params: { w: -0 } }, { seed: 1, trials: 10 });
    expect(b.events.e.probability).toBe(1);
    expect(b.manifest.resultsHash).toBe(a.manifest.resultsHash);
    expect(b.scenario.hash).toBe(a.scenario.hash);
    expect(c.manifest.resultsHash).toBe(a.manifest.resultsHash);
  });
});
