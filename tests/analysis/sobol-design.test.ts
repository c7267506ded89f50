/**
 * The rows of a Sobol design (src/analysis/reducers/sobol.ts), built by hand: matrix A is the
 * run's own draws of the chunk, matrix B each input's draws from its `sobol-B` analysis stream,
 * and row AB_i is A with input i (all members of a correlated group together) taken from B. The
 * output is computed here in plain arithmetic, in the formula's own order (so with the same
 * roundings), and the chunk's Jansen sums must equal the reducer's bit for bit: a mistake in
 * which matrix a column comes from, where a batch lands in the chunk, which stream keys B or
 * the bootstrap, or a column not put back after a swap, changes them.
 */
import { describe, expect, it } from 'vitest';
import { sobolReducer, type SobolData } from '../../src/analysis/reducers/sobol';
import { sensitivityReduction } from '../../src/analysis/sensitivity';
import { jansenPartial } from '../../src/analysis/sobol';
import { analysisStream } from '../../src/analysis/streams';
import { CHUNK_SIZE, forEachBatch, NumericalError } from '../../src/engine/chunk';
import { ColumnModel } from '../../src/engine/columns';
import type { Scenario } from '../../src/model/types';
import { thrownBy } from '../helpers/errors';

const SEED = 'sobol-design';

/** The stage data of a sensitivity analysis's Sobol design, for the output `y`. */
function designOf(scenario: Scenario, seed = SEED): SobolData {
  const reduction = sensitivityReduction(scenario, { seed, trials: 2_000, sobolSamples: 2_000, bootstrap: 4, event: 'y', batchSize: 256 });
  const stage = reduction.stages.find((s) => s.kind === 'sobol');
  if (!stage) throw new Error('no Sobol stage');
  return stage.data as SobolData;
}

/** Per factor name, its `count` values in chunk `index` of the run (matrix A), read in one batch. */
function runDraws(data: SobolData, index: number, count: number): Record<string, Float64Array> {
  const model = new ColumnModel(data.plan, count);
  const out: Record<string, Float64Array> = {};
  forEachBatch(model, data.seed, index, count, () => {
    for (let f = 0; f < model.factorCount; f++) out[model.names[f]] = model.columns[f].slice(0, count);
  });
  return out;
}

/** Per factor name, matrix B: each input's members drawn from its `sobol-B` stream of the chunk, in one batch. */
function bDraws(data: SobolData, index: number, count: number): Record<string, Float64Array> {
  const model = new ColumnModel(data.plan, count);
  const out: Record<string, Float64Array> = {};
  for (const u of data.inputs) {
    const unit = model.units[u];
    const columns = unit.members.map(() => new Float64Array(count));
    unit.draw(analysisStream(data.seed, index, unit.key, 'sobol-B'), columns, count);
    unit.members.forEach((f, j) => (out[model.names[f]] = columns[j]));
  }
  return out;
}

/** The reducer's Jansen sums for chunk `index`, and the same sums from rows built by hand. */
function bothSums(scenario: Scenario, y: (v: Record<string, number>) => number, index: number, count: number) {
  const data = designOf(scenario);
  const got = sobolReducer.prepare(data)({ index, count });
  const a = runDraws(data, index, count);
  const b = bDraws(data, index, count);
  const model = new ColumnModel(data.plan, 1);
  const inputs = data.inputs.map((u) => model.units[u].members.map((f) => model.names[f]));
  const row = (from: (name: string) => Float64Array, j: number) => y(Object.fromEntries(Object.keys(a).map((name) => [name, from(name)[j]])));
  const column = (from: (name: string) => Float64Array) => Float64Array.from({ length: count }, (_, j) => row(from, j));
  const fA = column((name) => a[name]);
  const fB = column((name) => b[name] ?? a[name]);
  const fAB = inputs.map((members) => column((name) => (members.includes(name) ? b[name] : a[name])));
  const want = jansenPartial(fA, fB, fAB, count, data.bootstrap, analysisStream(data.seed, index, 'y', 'sobol-bootstrap'));
  return { got: Array.from(got), want: Array.from(want), inputs, fA };
}

describe('the rows of a Sobol design', () => {
  const independent: Scenario = {
    id: 'design',
    title: 'Design',
    factors: {
      x1: { dist: 'uniform', min: 0, max: 1 },
      x2: { dist: 'normal', mean: 0, sd: 1 },
      x3: { dist: 'uniform', min: -1, max: 1 },
      // Not an input (it does not vary): every row must still read the run's value.
      c: { dist: 'constant', value: 0.25 },
    },
    outputs: { y: 'x1 + 2 * x2 + x1 * x3 + c' },
    events: { e: 'y > 1' },
  };
  const y = (v: Record<string, number>) => v.x1 + 2 * v.x2 + v.x1 * v.x3 + v.c;

  it('are A (the run\'s draws), B (each input\'s sobol-B stream) and A with one input from B, in every batch of a later chunk', () => {
    // 700 trials of chunk 1 in batches of 256: three batches, the last partial.
    const { got, want, inputs, fA } = bothSums(independent, y, 1, 700);
    expect(inputs).toEqual([['x1'], ['x2'], ['x3']]);
    // The hand-built f(A) is the engine's own column: same draws, same roundings.
    const model = new ColumnModel(designOf(independent).plan, 700);
    const k = model.names.indexOf('y');
    forEachBatch(model, SEED, 1, 700, () => expect(Array.from(model.columns[k].subarray(0, 700))).toEqual(Array.from(fA)));
    expect(got).toEqual(want);
  });

  it('swaps a correlated group as one input, both members from B together', () => {
    const correlated: Scenario = { ...independent, correlations: [{ factors: ['x1', 'x3'], rank: 0.6 }] };
    const { got, want, inputs } = bothSums(correlated, y, 0, 500);
    expect(inputs.map((m) => [...m].sort())).toEqual([['x1', 'x3'], ['x2']]);
    expect(got).toEqual(want);
  });

  it('names the run\'s trial of a B row that breaks the output: chunk start, batch offset and row', () => {
    // Seed found by search: chunk 1's first 2,000 run draws of k are all 0, its B draws have a 1.
    const rare: Scenario = {
      id: 'rare',
      title: 'Rare',
      factors: { x: { dist: 'uniform', min: 0, max: 1 }, k: { dist: 'bernoulli', p: 0.001 } },
      outputs: { y: 'x + log(1 - k)' },
      events: { e: 'x > 0.5' },
    };
    const data = designOf(rare, 'rare-41');
    const row = bDraws(data, 1, 2_000).k.indexOf(1);
    expect(row).toBeGreaterThan(256); // in a later batch than the first
    const error = thrownBy(() => sobolReducer.prepare(data)({ index: 1, count: 2_000 }), NumericalError);
    expect(error.firstTrial).toBe(CHUNK_SIZE + row);
    expect(error.message).toBe(`"y" gave a non-finite value (-Infinity) in 1 of the 256 trials of the batch it happened in; the first was trial ${CHUNK_SIZE + row} (seed "rare-41")`);
  });

  it('gives a whole chunk the same sums as the chunk read in one batch', () => {
    const { got, want } = bothSums(independent, y, 0, CHUNK_SIZE);
    expect(got).toEqual(want);
  });
});
