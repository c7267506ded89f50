/**
 * The chunk-reducer protocol (src/engine/reduce.ts): any executor gives the same numbers. Here
 * every chunk is computed by a reducer prepared afresh from a structured clone of its stage's
 * data (as a new worker thread would be), the chunks in reverse order, and each partial is
 * cloned again on its way back; merged in chunk order, the result must equal the one-thread
 * result bit for bit. Also: partials stay small, and the two estimators that changed with the
 * protocol (attribution's range over trials, the Poisson bootstrap of Sobol intervals) know
 * the right answer.
 */
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { attributeLogOddsSync, attributionReduction } from '../../src/analysis/attribution';
import { compareReduction, compareVariantsSync } from '../../src/analysis/compare';
import { updateOddsSync, updateReduction } from '../../src/analysis/evidence';
import { parseLedger } from '../../src/analysis/ledger';
import { reducerOf } from '../../src/analysis/reducers/index';
import { analyzeSensitivitySync, sensitivityReduction } from '../../src/analysis/sensitivity';
import { jansenIndices } from '../../src/analysis/sobol';
import type { AttributionResult } from '../../src/analysis/types';
import { CHUNK_SIZE } from '../../src/engine/chunk';
import type { Reduction } from '../../src/engine/reduce';
import { SKETCH_RELATIVE_ACCURACY } from '../../src/engine/sketch';
import type { Scenario } from '../../src/model/types';
import { createStream } from '../../src/rng';
import { trumpKimSummit } from '../../src/scenarios';

/** Each chunk on its own "thread", last chunk first; partials merged in chunk order. */
function scattered<T>(reduction: Reduction<T>): T {
  for (const stage of reduction.stages) {
    const chunks = Math.ceil(stage.trials / CHUNK_SIZE);
    const partials: unknown[] = [];
    for (let index = chunks - 1; index >= 0; index--) {
      const chunk = reducerOf(stage.kind).prepare(structuredClone(stage.data));
      partials[index] = structuredClone(chunk({ index, count: Math.min(CHUNK_SIZE, stage.trials - index * CHUNK_SIZE) }));
    }
    for (const part of partials) stage.merge(part);
  }
  return reduction.finish();
}

/**
 * Each stage whose reducer folds (src/engine/reduce.ts) on three "threads" taking every third
 * chunk, each folding its chunks from a clone of the data; the folds merged last thread first.
 * Stages that do not fold (Sobol) go chunk by chunk, as `scattered`.
 */
function folded<T>(reduction: Reduction<T>): T {
  for (const stage of reduction.stages) {
    const fold = reducerOf(stage.kind).fold;
    const chunks = Math.ceil(stage.trials / CHUNK_SIZE);
    const spec = (index: number) => ({ index, count: Math.min(CHUNK_SIZE, stage.trials - index * CHUNK_SIZE) });
    if (!fold || !stage.mergeFolded) {
      const chunk = reducerOf(stage.kind).prepare(structuredClone(stage.data));
      for (let index = 0; index < chunks; index++) stage.merge(chunk(spec(index)));
      continue;
    }
    const threads = [0, 1, 2].map((t) => {
      const folder = fold(structuredClone(stage.data));
      for (let index = t; index < chunks; index += 3) folder.add(spec(index));
      return structuredClone(folder.take());
    });
    for (const part of threads.reverse()) stage.mergeFolded(part);
  }
  return reduction.finish();
}

const flagship = trumpKimSummit;
const asOf = '2026-12-04';

describe.each([
  ['each chunk on its own thread, merged in chunk order', scattered],
  ['chunks folded on three threads, folds merged in reverse', folded],
])('any executor gives the one-thread result, bit for bit: %s', (_, executor) => {
  it('compare: a named variant and an override, conditional events and the spread of each world’s change', () => {
    const options = { seed: 'reducers', trials: 25_000, asOf, variants: ['seoul-steps-back', { overrides: { 'wDomestic.mean': -7 } }] };
    expect(executor(compareReduction(flagship, options))).toEqual(compareVariantsSync(flagship, options));
  });

  it('sensitivity: the tornado (with its settings’ failures) and the Sobol design with its bootstrap', () => {
    const options = { seed: 'reducers', trials: 20_000, asOf, sobolSamples: 15_000, bootstrap: 50 };
    expect(executor(sensitivityReduction(flagship, options))).toEqual(analyzeSensitivitySync(flagship, options));
  });

  it('attribution and an evidence update with a quiet stretch and a condition', () => {
    const options = { seed: 'reducers', trials: 25_000, asOf };
    expect(executor(attributionReduction(flagship, options))).toEqual(attributeLogOddsSync(flagship, options));
    const ledger = parseLedger({ observations: [{ noneThrough: '2026-05-31' }, { given: 'rokMediation < 0' }] });
    expect(executor(updateReduction(flagship, ledger, options))).toEqual(updateOddsSync(flagship, ledger, options));
    const summit = parseLedger(JSON.parse(readFileSync('examples/summit-ledger.json', 'utf8')));
    expect(executor(updateReduction(flagship, summit, options))).toEqual(updateOddsSync(flagship, summit, options));
  });
});

describe('partials are small', () => {
  it('a compare chunk of the flagship is under 100 KB, not the per-trial columns (one column of one chunk is 80,000 bytes)', () => {
    const reduction = compareReduction(flagship, { seed: 'reducers', trials: CHUNK_SIZE, asOf, variants: ['seoul-steps-back', 'no-russia-alliance'] });
    const [stage] = reduction.stages;
    const partial = reducerOf(stage.kind).prepare(stage.data)({ index: 0, count: CHUNK_SIZE });
    // Every event and output of two variants: sums and counters (about 4 KB) and, per
    // unconditional event, a sketch of each world's change with its buckets as typed arrays
    // (about 60 KB): 65,697 bytes when measured. The protocol before sent each pair's columns
    // of all three models, at least 8 × 80,000 bytes.
    expect(serialize(partial).byteLength).toBeLessThan(100_000);
  });
});

describe('attribution: each term’s range over the worlds', () => {
  it('is the central 95% of the term’s values (2·x with x ~ Normal(0, 1): ±3.9199 within sampling error and the sketch’s 0.5%)', () => {
    const scenario: Scenario = {
      id: 'one-term',
      title: 'One term',
      params: { base: -1, w: 2 },
      factors: { x: { dist: 'normal', mean: 0, sd: 1 } },
      events: { e: 'sigmoid(base + w * x)' },
    };
    const trials = 200_000;
    const a = attributeLogOddsSync(scenario, { seed: 'range', trials }) as Extract<AttributionResult, { applicable: true }>;
    const [lo, hi] = a.terms[0].range95!;
    // The exact quantiles are ±2·z(0.975) = ±3.919928 (z from scipy.stats.norm.ppf(0.975)).
    // Sampling error of an empirical 2.5% quantile: 2·sqrt(p(1 − p)/n)/φ(z) = 0.0120 at n = 2e5;
    // 4 of those, plus the sketch's relative accuracy of the value.
    const tolerance = 4 * 0.012 + SKETCH_RELATIVE_ACCURACY * 3.92;
    expect(Math.abs(lo + 3.919928)).toBeLessThan(tolerance);
    expect(Math.abs(hi - 3.919928)).toBeLessThan(tolerance);
  });
});

describe('Sobol intervals: the Poisson bootstrap', () => {
  it('covers the exact indices of f = x1 + 2·x2 about 95% of the time (400 designs of N = 1,000, from both sides)', () => {
    // x1, x2 ~ U(0, 1): V1 = 1/12, V2 = 4/12, so S1 = ST1 = 0.2 and S2 = ST2 = 0.8 exactly.
    const exact = [0.2, 0.8];
    const n = 1_000;
    const designs = 400;
    const covered = [0, 0, 0, 0];
    for (let d = 0; d < designs; d++) {
      const u = (name: string) => {
        const s = createStream(`design ${d}`, 0, name);
        return Float64Array.from({ length: n }, () => s.double());
      };
      const [a1, a2, b1, b2] = [u('a1'), u('a2'), u('b1'), u('b2')];
      const f = (x1: Float64Array, x2: Float64Array) => x1.map((v, j) => v + 2 * x2[j]);
      const r = jansenIndices(f(a1, a2), f(b1, b2), [f(b1, a2), f(a1, b2)], { bootstrap: 200, stream: createStream(`design ${d}`, 0, 'bootstrap') })!;
      r.indices.forEach((index, i) => {
        if (index.first.ci95[0] <= exact[i] && exact[i] <= index.first.ci95[1]) covered[2 * i]++;
        if (index.total.ci95[0] <= exact[i] && exact[i] <= index.total.ci95[1]) covered[2 * i + 1]++;
      });
    }
    // At true 95% coverage, 400 designs give a rate with standard error 0.0109: [0.905, 0.99]
    // is about −4 and +3.7 of them. Intervals half as wide cover about 70%, twice as wide
    // about 99.99%: both fail.
    for (const c of covered) {
      expect(c / designs).toBeGreaterThan(0.905);
      expect(c / designs).toBeLessThan(0.99);
    }
  });
});
