/**
 * One chunk's totals (`runChunk`) against references computed here from the same chunk's
 * columns, which `forEachBatch` hands over batch by batch: the exact sums of the values, of
 * their squares and of the cross products (as BigInt multiples of 2^-1074, tests/engine/
 * exactReference.ts), the event counts and the sketches' totals by enumeration, and the first
 * bad batch of a failing column found by scanning the factor that feeds it.
 *
 * Tolerance of the sums, from first principles: every step of a Neumaier sum adds its rounding
 * error to the compensation exactly, and only the compensation's own additions round, each by
 * at most ε·|compensation| ≤ ε·(nε·Σ|x|). Over n = 10,000 trials the pair (sum, compensation)
 * is therefore within n²ε²·Σ|x| ≈ 1.2e-24·Σ|x| of the exact sum; the bound used is 1e-20·Σ|x|.
 * A plain running sum misses by about √n·ε·Σ|x| ≈ 1e-14·Σ|x|, six orders more, so a step that
 * loses its compensation fails.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src';
import { CHUNK_SIZE, emptyTotals, mergeChunkTotals, NumericalError, runChunk, type ChunkTotals } from '../../src/engine/chunk';
import { setupSimulation } from '../../src/engine/setup';
import { chunkColumns } from './chunkColumns';
import { roundScaled, scaledSum, toScaledBigInt } from './exactReference';
import { machineFailure, quietHazard } from './scenarios';

/** The exact value of a (sum, compensation) pair of a chunk's running sums. */
const pair = (a: Float64Array, at: number): bigint => scaledSum(a.subarray(at, at + 2));

/** Exact Σ terms(i) for i < n, the terms rounded as the engine rounds them, and the tolerance above. */
function exactOf(n: number, term: (i: number) => number): { sum: bigint; tolerance: bigint } {
  let sum = 0n;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const t = term(i);
    sum += toScaledBigInt(t);
    abs += Math.abs(t);
  }
  return { sum, tolerance: toScaledBigInt(1e-20 * abs) + 1n };
}

function expectPair(a: Float64Array, at: number, n: number, term: (i: number) => number, what: string): void {
  const { sum, tolerance } = exactOf(n, term);
  const error = pair(a, at) - sum;
  expect(error <= tolerance && -error <= tolerance, `${what}: off by ${error} · 2^-1074, tolerance ${tolerance}`).toBe(true);
}

/** Weight of a flat sketch: zero's, and every bucket's (sum plus compensation). */
function sketchWeight(s: ChunkTotals['sketches'][number]): number {
  let w = s.zero[0] + s.zero[1];
  for (const store of [s.pos, s.neg]) {
    store.sum.forEach((v, i) => {
      w += v + (store.comp[i] ?? 0);
    });
  }
  return w;
}

describe('runChunk', () => {
  it('sums every reported column, its squares and the cross products to within 1e-20·Σ|x| of the exact sums, and nothing else', () => {
    const sim = setupSimulation(machineFailure, { seed: 'chunk', trials: 1, batchSize: 1500 });
    const m = sim.model;
    const n = 7777; // six batches, the last one short
    const cols = chunkColumns(m, sim.settings.seed, 3, n);
    const t = runChunk(m, sim.settings.seed, 3, n);
    expect(t.trials).toBe(n);
    expect(t.weights.length).toBe(0);
    expect(t.sums.length).toBe(4 * m.columns.length);
    const summed = new Set(m.summed);
    expect(summed.size).toBeLessThan(m.columns.length); // hazards and multipliers are working columns
    for (let k = 0; k < m.columns.length; k++) {
      const x = cols[k];
      if (!summed.has(k)) {
        expect([...t.sums.subarray(4 * k, 4 * k + 4)], m.names[k]).toEqual([0, 0, 0, 0]);
        continue;
      }
      expectPair(t.sums, 4 * k, n, (i) => x[i], `Σ ${m.names[k]}`);
      expectPair(t.sums, 4 * k + 2, n, (i) => x[i] * x[i], `Σ ${m.names[k]}²`);
    }
    expect(m.crossPairs.length).toBeGreaterThan(1); // the survival curve's and the conditional event's
    m.crossPairs.forEach(([a, b], p) => expectPair(t.cross, 2 * p, n, (i) => cols[a][i] * cols[b][i], `Σ ${m.names[a]}·${m.names[b]}`));
  });

  it('counts, per event, the trials at exactly 1 and those strictly between 0 and 1', () => {
    const sim = setupSimulation(machineFailure, { seed: 'chunk', trials: 1, batchSize: 1000 });
    const m = sim.model;
    const n = 4321;
    const cols = chunkColumns(m, sim.settings.seed, 0, n);
    const t = runChunk(m, sim.settings.seed, 0, n);
    const counts = Array.from({ length: m.eventCount }, (_, e) => {
      const v = cols[m.firstEvent + e];
      return [v.filter((x) => x === 1).length, v.filter((x) => x > 0 && x < 1).length];
    });
    expect(t.ones.map((o, e) => [o, t.fractional[e]])).toEqual(counts);
    // Each kind occurs: a 0/1 event with both values, and a fractional one.
    expect(counts.some(([ones, fr]) => ones > 0 && ones < n && fr === 0)).toBe(true);
    expect(counts.some(([, fr]) => fr > 0)).toBe(true);
  });

  it('sketches each derived node and unconditional event: every trial counted once, the exact extremes', () => {
    const sim = setupSimulation(quietHazard, { seed: 'chunk', trials: 1, batchSize: 700, asOf: '2026-01-01' });
    const m = sim.model;
    const n = 2500;
    const cols = chunkColumns(m, sim.settings.seed, 1, n);
    const t = runChunk(m, sim.settings.seed, 1, n);
    expect(m.sketched.map((k) => m.names[k])).toEqual(['spread', 'cost', 'e', 'big']);
    m.sketched.forEach((k, s) => {
      const flat = t.sketches[s];
      expect(sketchWeight(flat), m.names[k]).toBe(n);
      expect(flat.min, m.names[k]).toBe(Math.min(...cols[k]));
      expect(flat.max, m.names[k]).toBe(Math.max(...cols[k]));
      // The zero bucket holds exactly the trials at 0.
      expect(flat.zero[0] + flat.zero[1], m.names[k]).toBe(cols[k].filter((v) => v === 0).length);
    });
    // `spread` has values on both sides of 0, so both sides of its sketch are used.
    expect(t.sketches[0].neg.sum.length).toBeGreaterThan(0);
    expect(t.sketches[0].pos.sum.length).toBeGreaterThan(0);
  });

  it('under "nothing yet" evidence sums w·x, (w·x)², w·(w·x), (w·x)·x, w and w² exactly, and weights the sketches by w', () => {
    const sim = setupSimulation(quietHazard, { seed: 'chunk', trials: 1, batchSize: 900, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } });
    const m = sim.model;
    expect(m.weight).toBeGreaterThanOrEqual(0);
    const n = 3001;
    const cols = chunkColumns(m, sim.settings.seed, 2, n);
    const w = cols[m.weight];
    // The weights are P(no event in the quiet months): strictly between 0 and 1 for this hazard.
    expect(w.every((v) => v > 0 && v < 1)).toBe(true);
    const t = runChunk(m, sim.settings.seed, 2, n);
    expect(t.sums.length).toBe(8 * m.columns.length);
    expectPair(t.weights, 0, n, (i) => w[i], 'Σw');
    expectPair(t.weights, 2, n, (i) => w[i] * w[i], 'Σw²');
    for (const k of m.summed) {
      const x = cols[k];
      const wx = (i: number) => w[i] * x[i];
      expectPair(t.sums, 8 * k, n, wx, `Σ w·${m.names[k]}`);
      expectPair(t.sums, 8 * k + 2, n, (i) => wx(i) * wx(i), `Σ (w·${m.names[k]})²`);
      expectPair(t.sums, 8 * k + 4, n, (i) => w[i] * wx(i), `Σ w·(w·${m.names[k]})`);
      expectPair(t.sums, 8 * k + 6, n, (i) => wx(i) * x[i], `Σ (w·${m.names[k]})·${m.names[k]}`);
    }
    m.crossPairs.forEach(([a, b], p) => expectPair(t.cross, 2 * p, n, (i) => w[i] * cols[a][i] * (w[i] * cols[b][i]), `Σ (w·${m.names[a]})(w·${m.names[b]})`));
    // Merged into a run's totals, each pair becomes exact partials of the same value.
    const into = emptyTotals(m);
    mergeChunkTotals(into, t);
    expect([scaledSum(into.weight[0]), scaledSum(into.weight[1])]).toEqual([pair(t.weights, 0), pair(t.weights, 2)]);
    for (const k of m.summed) {
      expect([into.sum[k], into.sumSq[k], into.withWeight[k], into.weightedSq[k]].map(scaledSum), m.names[k]).toEqual([0, 2, 4, 6].map((o) => pair(t.sums, 8 * k + o)));
    }
    // Counts stay unweighted.
    const big = m.names.indexOf('big') - m.firstEvent;
    expect(t.ones[big]).toBe(cols[m.firstEvent + big].filter((v) => v === 1).length);
    // The sketches hold the weights: within the rounding of Σw over a few buckets.
    const sw = roundScaled(exactOf(n, (i) => w[i]).sum);
    for (const flat of t.sketches) expect(Math.abs(sketchWeight(flat) - sw)).toBeLessThan(1e-12 * sw);
  });
});

describe('a column that breaks its check', () => {
  // `root` is NaN wherever x < 0.2; P(x < 0.2) = 0.2^4 = 0.0016 for Beta(4, 1), so the first
  // bad batch of 500 is not always the first batch.
  const base: Scenario = { id: 'bad-root', title: 'A formula that fails on some trials', factors: { x: { dist: 'beta', alpha: 4, beta: 1 } }, derived: {}, events: {} };

  function firstBadBatch(seed: string, chunk: number, batch: number): { offset: number; bad: number; first: number; value: number } {
    const sim = setupSimulation({ ...base, events: { ok: 'x' } }, { seed, trials: 1, batchSize: batch });
    const x = chunkColumns(sim.model, sim.settings.seed, chunk, CHUNK_SIZE)[0];
    for (let offset = 0; offset < CHUNK_SIZE; offset += batch) {
      const slice = x.subarray(offset, offset + batch);
      const bad = slice.filter((v) => v < 0.2).length;
      if (bad > 0) return { offset, bad, first: slice.findIndex((v) => v < 0.2), value: slice[slice.findIndex((v) => v < 0.2)] };
    }
    throw new Error('no bad trial in the chunk: choose another seed');
  }

  it.each([
    ['finite', { derived: { root: 'log(x - 0.2)' }, events: { ok: 'x' } }, 'root', 'a non-finite value (NaN)', () => NaN],
    ['finite', { derived: { root: '1 / (x >= 0.2)' }, events: { ok: 'x' } }, 'root', 'a non-finite value (Infinity)', () => Infinity],
    ['probability', { derived: {}, events: { over: '0.2 - x + 1' } }, 'over', 'a probability outside [0, 1]', (x: number) => 0.2 - x + 1],
    ['probability', { derived: {}, events: { over: 'x - 0.2' } }, 'over', 'a probability outside [0, 1]', (x: number) => x - 0.2],
    ['nonnegative', { timeline: { start: '2026-01', horizon: 2 }, derived: {}, events: { over: { hazard: '0.1', windows: [{ from: '2026-01', to: '2026-02', multiplier: 'x - 0.2' }] } } }, 'over (window 0 multiplier)', 'a negative or infinite multiplier', (x: number) => x - 0.2],
  ] as const)('stops at the first bad batch and names the node, the count, the first trial and the seed (%s check, case %#)', (check, parts, node, what, valueAt) => {
    const seed = 'bad-3';
    const batch = 500;
    const expected = firstBadBatch(seed, 4, batch);
    expect(expected.offset).toBeGreaterThan(0);
    const sim = setupSimulation({ ...base, ...parts } as Scenario, { seed, trials: 1, batchSize: batch });
    let error: unknown;
    try {
      runChunk(sim.model, sim.settings.seed, 4, CHUNK_SIZE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NumericalError);
    const err = error as NumericalError;
    const firstTrial = 4 * CHUNK_SIZE + expected.offset + expected.first;
    expect(err.toData().slice(0, 4)).toEqual([node, expected.bad, batch, firstTrial]);
    expect(err.check).toBe(check);
    expect(err.value).toBe(valueAt(expected.value));
    expect(err.message).toContain(what);
    expect(err.message).toBe(NumericalError.fromData(err.toData()).message);
    expect(err.message).toContain(`in ${expected.bad} of the ${batch} trials of the batch it happened in; the first was trial ${firstTrial} (seed "${seed}")`);
  });
});
