/**
 * Property: chunk totals merged in any grouping and any order give the same totals, so a run's
 * numbers cannot depend on how chunks were distributed over workers or in what order they came
 * back. Chunks are computed once with `runChunk` (a mix of full, short and one-trial chunks at
 * scattered chunk indices); fast-check then picks an order and a binary merge tree of their
 * totals, and the rounded sums (and counts) must equal those of merging each chunk's flat
 * partial in order (what a run does) bit for bit, as must the whole result built from them
 * (compared by its results hash, which covers the sketches' quantiles).
 *
 * A second property checks the exact-summation primitive itself against an independent
 * reference: the sum of doubles computed exactly with BigInt (every double is an integer
 * multiple of 2^-1074) and rounded once to nearest, ties to even.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinScenario, simulateSync, type Scenario } from '../../src/index';
import { emptyTotals, mergeChunkTotals, mergeTotals, runChunk, type ChunkTotals, type Totals } from '../../src/engine/chunk';
import { addExact, mergeExact, roundExact } from '../../src/engine/exactSum';
import { buildResult } from '../../src/engine/result';
import { setupSimulation, type Simulation } from '../../src/engine/setup';
import { exactSum, roundScaled, toScaledBigInt } from '../engine/exactReference';
import { machineFailure } from '../engine/scenarios';

const SEED = 4242;

const everyDistribution = JSON.parse(readFileSync(new URL('../fixtures/valid/every-distribution.json', import.meta.url), 'utf8')) as Scenario;

/** [chunk index, trials] pairs: full, short and single-trial chunks, not in index order. */
const CHUNKS: ReadonlyArray<readonly [number, number]> = [
  [0, 2000],
  [1, 1],
  [5, 777],
  [2, 3000],
  [9, 5],
  [3, 1234],
  [17, 2],
];

interface Prepared {
  readonly sim: Simulation;
  readonly parts: readonly Totals[];
  readonly reference: Totals;
  readonly referenceHash: string;
}

function prepare(scenario: Scenario, seed: string): Prepared {
  const sim = setupSimulation(scenario, { seed, trials: 1 });
  const m = sim.model;
  const chunks: ChunkTotals[] = CHUNKS.map(([chunk, n]) => runChunk(m, sim.settings.seed, chunk, n));
  // Each chunk as totals of its own (the form shards and merges hold), for the trees below.
  const parts = chunks.map((c) => {
    const own = emptyTotals(m);
    mergeChunkTotals(own, structuredClone(c));
    return own;
  });
  // The reference is what RunState does: every chunk's flat partial straight into one total.
  const reference = emptyTotals(m);
  for (const c of chunks) mergeChunkTotals(reference, structuredClone(c));
  return { sim, parts, reference, referenceHash: buildResult(sim, reference, 'trials', 0).manifest.resultsHash };
}

/** A merge plan: an order of the parts and a stream of choices for the tree's shape. */
const planArb = fc.record({
  order: fc.shuffledSubarray(
    CHUNKS.map((_, i) => i),
    { minLength: CHUNKS.length, maxLength: CHUNKS.length },
  ),
  choices: fc.array(fc.nat(), { minLength: 2 * CHUNKS.length, maxLength: 2 * CHUNKS.length }),
  seedEmpty: fc.boolean(),
});

function mergeByPlan(p: Prepared, plan: { order: number[]; choices: number[]; seedEmpty: boolean }): Totals {
  let next = 0;
  const choice = () => plan.choices[next++ % plan.choices.length];
  const m = p.sim.model;
  const tree = (ids: number[]): Totals => {
    if (ids.length === 1) return structuredClone(p.parts[ids[0]]);
    const cut = 1 + (choice() % (ids.length - 1));
    const left = tree(ids.slice(0, cut));
    const right = tree(ids.slice(cut));
    // Merge either side into the other.
    if (choice() % 2 === 0) {
      mergeTotals(left, right);
      return left;
    }
    mergeTotals(right, left);
    return right;
  };
  const merged = tree(plan.order);
  if (!plan.seedEmpty) return merged;
  // Also starting from empty totals, as RunState does.
  const out = emptyTotals(m);
  mergeTotals(out, merged);
  return out;
}

function expectSameTotals(a: Totals, b: Totals): void {
  expect(a.trials).toBe(b.trials);
  expect(a.ones).toEqual(b.ones);
  expect(a.fractional).toEqual(b.fractional);
  const rounded = (xs: number[][]) => xs.map((partials) => roundExact(partials));
  // toEqual on numbers distinguishes -0 from 0 (Object.is), so this is bit-for-bit.
  expect(rounded(a.sum)).toEqual(rounded(b.sum));
  expect(rounded(a.sumSq)).toEqual(rounded(b.sumSq));
  expect(rounded(a.cross)).toEqual(rounded(b.cross));
  for (const key of ['weight', 'withWeight', 'weightedSq'] as const) expect(rounded(a[key]), key).toEqual(rounded(b[key]));
}

describe('merging chunk totals in any grouping and order gives the same totals', () => {
  const cases: Array<[string, () => Scenario]> = [
    ['trump-kim-summit (timed + conditional: cross sums; weighted by its observed quiet stretch)', () => builtinScenario('trump-kim-summit')!],
    ['machine-failure (timed, window, conditional)', () => machineFailure],
    ['every-distribution', () => everyDistribution],
  ];

  it.each(cases)('%s (numRuns 150)', (_name, scenario) => {
    const p = prepare(scenario(), 'merge-property');
    fc.assert(
      fc.property(planArb, (plan) => {
        const merged = mergeByPlan(p, plan);
        expectSameTotals(merged, p.reference);
        expect(buildResult(p.sim, merged, 'trials', 0).manifest.resultsHash).toBe(p.referenceHash);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('the in-order merge of runChunk totals is what simulateSync reports', () => {
    // Ties the property to the engine: chunks 0 and 1 (10,000 + 2,345 trials) merged by hand
    // give the same results hash as a 12,345-trial run.
    const scenario = builtinScenario('four-factors')!;
    const sim = setupSimulation(scenario, { seed: 'merge', trials: 12_345 });
    const m = sim.model;
    const totals = emptyTotals(m);
    mergeChunkTotals(totals, runChunk(m, 'merge', 0, 10_000));
    mergeChunkTotals(totals, runChunk(m, 'merge', 1, 2_345));
    const run = simulateSync(scenario, { seed: 'merge', trials: 12_345 });
    expect(buildResult(sim, totals, 'trials', 0).manifest.resultsHash).toBe(run.manifest.resultsHash);
  });
});

describe('exact summation against a BigInt reference', () => {
  const valueArb = fc.oneof(
    fc.double({ min: -1e300, max: 1e300, noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: -1e-300, max: 1e-300, noNaN: true }),
    fc.double({ min: -2, max: 2, noNaN: true }),
    fc.constantFrom(1, -1, 2 ** -53, 2 ** -1074, -(2 ** -1074), 2 ** 1000, 0.1, 1e16, -1e16),
  );

  it('any grouping and order rounds to the correctly rounded exact sum (numRuns 3,000)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(valueArb, fc.nat({ max: 4 })), { minLength: 0, maxLength: 300 }), fc.boolean(), (items, reverse) => {
        const values = items.map(([v]) => v);
        let exact = 0n;
        for (const v of values) exact += toScaledBigInt(v);
        const expected = roundScaled(exact);
        // Partition into up to five groups, sum each, merge the groups in some order.
        const groups: number[][] = Array.from({ length: 5 }, () => []);
        for (const [v, g] of items) addExact(groups[g], v);
        const merged: number[] = [];
        for (const g of reverse ? groups.reverse() : groups) mergeExact(merged, g);
        const got = roundExact(merged);
        // == not Object.is: the BigInt reference has no signed zero.
        expect(got === expected, `got ${got}, expected ${expected} for ${JSON.stringify(values)}`).toBe(true);
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });

  it('the BigInt reference itself: known sums', () => {
    const sum = exactSum;
    expect(sum([0.1, 0.2])).toBe(0.30000000000000004); // 0.1 + 0.2 is already correctly rounded
    expect(sum([1e100, 1, -1e100])).toBe(1);
    expect(sum([1, 2 ** -53])).toBe(1); // a tie, to even
    expect(sum([1, 2 ** -53, 2 ** -105])).toBe(1 + 2 ** -52);
    expect(sum([2 ** -1074, 2 ** -1074])).toBe(2 ** -1073);
    expect(sum([-5e-324])).toBe(-5e-324);
  });
});
