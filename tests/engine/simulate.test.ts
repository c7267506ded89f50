import { describe, expect, it, vi } from 'vitest';
import { NumericalError } from '../../src/engine/chunk';
import { simulate, simulateSync, type SimulationResult } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';

const coins: Scenario = {
  id: 'coins',
  title: 'Two coins',
  factors: { a: { dist: 'bernoulli', p: 0.3 }, b: { dist: 'bernoulli', p: 0.6 } },
  events: { aNotB: 'a and not b', either: 'a or b', both: 'a * b' },
};

const betaMean: Scenario = {
  id: 'beta-mean',
  title: 'Probability drawn from a Beta',
  factors: { x: { dist: 'beta', alpha: 2, beta: 5 }, y: { dist: 'normal', mean: 1, sd: 2 } },
  derived: { twice: '2 * x' },
  events: { e: 'x', f: 'twice / 2 > 0.5' },
};

/** The result without wall-clock time, for exact comparisons. */
function numbers(r: SimulationResult) {
  const { elapsedMs: _elapsed, ...rest } = r;
  return rest;
}

/**
 * The estimate is within 4 standard errors of the exact value, the standard error taken from
 * theory (`sd`, the per-trial values' exact standard deviation, over √n), not from the code; and
 * the standard error the code reports agrees with theory within 5% (its own sampling error is
 * about 1/√(2n), under 0.3% here): a bug that halves or doubles it fails.
 */
function within4se(r: SimulationResult, event: string, exact: number, sd: number): void {
  const e = r.events[event];
  const se = sd / Math.sqrt(r.trials);
  expect(Math.abs(e.probability - exact)).toBeLessThan(4 * se);
  expect(Math.abs(e.standardError / se - 1), `${event}: SE ${e.standardError} vs ${se} from theory`).toBeLessThan(0.05);
  expect(e.ci95[0]).toBeLessThanOrEqual(e.probability);
  expect(e.ci95[1]).toBeGreaterThanOrEqual(e.probability);
}

describe('simulate: estimates against exact answers', () => {
  it('matches a Bernoulli-only scenario enumerated by hand', () => {
    // Exact by enumeration of the four outcomes of independent a ~ B(0.3), b ~ B(0.6):
    // P(a and not b) = 0.3 * 0.4 = 0.12, P(a or b) = 1 - 0.7 * 0.4 = 0.72, P(a and b) = 0.18.
    const r = simulateSync(coins, { seed: 'coins', trials: 200_000 });
    // A 0/1 event with probability p: per-trial sd √(p(1 − p)).
    const bernoulli = (p: number) => Math.sqrt(p * (1 - p));
    within4se(r, 'aNotB', 0.12, bernoulli(0.12));
    within4se(r, 'either', 0.72, bernoulli(0.72));
    within4se(r, 'both', 0.18, bernoulli(0.18));
    expect(r.events.aNotB.method).toBe('wilson');
    expect(r.trials).toBe(200_000);
    expect(r.stoppedBecause).toBe('trials');
  });

  it('estimates P = E[Beta(2, 5)] = alpha / (alpha + beta) = 2/7 by the mean of probabilities', () => {
    const r = simulateSync(betaMean, { seed: 7, trials: 100_000 });
    // sd of Beta(2, 5): √(αβ / ((α + β)²(α + β + 1))) = √(10 / 392).
    within4se(r, 'e', 2 / 7, Math.sqrt(10 / 392));
    expect(r.events.e.method).toBe('mean');
    // P(Beta(2,5) > 0.5) = I_0.5(5, 2) by symmetry = sum_{j=5}^{6} C(6,j) 0.5^6 = 7/64.
    within4se(r, 'f', 7 / 64, Math.sqrt((7 / 64) * (57 / 64)));
    // Node summaries: mean of Normal(1, 2) within 4 SE (sd/sqrt(n)); sd within 4 SE of 2, the
    // standard error of a normal sample's sd being sd/sqrt(2n) in theory (not the code's own).
    expect(Math.abs(r.nodes.y.mean - 1)).toBeLessThan((4 * 2) / Math.sqrt(100_000));
    expect(Math.abs(r.nodes.y.sd - 2)).toBeLessThan((4 * 2) / Math.sqrt(2 * 100_000));
    expect(r.nodes.twice.kind).toBe('derived');
  });

  it('gives a zero-event estimate a positive upper bound', () => {
    const r = simulateSync({ id: 'never', title: 'Never', factors: { u: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'u > 2' } }, { seed: 1, trials: 5000 });
    expect(r.events.e.probability).toBe(0);
    expect(r.events.e.ci95[0]).toBe(0);
    expect(r.events.e.ci95[1]).toBeGreaterThan(0);
  });
});

describe('simulate: reproducibility', () => {
  it('is bit-identical across batch sizes, including ones that do not divide the chunk', () => {
    const base = numbers(simulateSync(betaMean, { seed: 'batches', trials: 25_000, batchSize: 2000 }));
    for (const batchSize of [1, 97, 10_000, 65_536]) {
      expect(numbers(simulateSync(betaMean, { seed: 'batches', trials: 25_000, batchSize }))).toEqual(base);
    }
  });

  it('repeats exactly for the same seed and differs for another seed', () => {
    const a = numbers(simulateSync(betaMean, { seed: 11, trials: 20_000 }));
    expect(numbers(simulateSync(betaMean, { seed: 11, trials: 20_000 }))).toEqual(a);
    expect(numbers(simulateSync(betaMean, { seed: '11', trials: 20_000 }))).toEqual(a);
    const b = simulateSync(betaMean, { seed: 12, trials: 20_000 });
    expect(b.events.e.probability).not.toBe(a.events.e.probability);
    expect(b.manifest.resultsHash).not.toBe(a.manifest.resultsHash);
  });

  it('the async API gives the same numbers as the sync one', async () => {
    const sync = numbers(simulateSync(betaMean, { seed: 3, trials: 30_000 }));
    expect(numbers(await simulate(betaMean, { seed: 3, trials: 30_000 }))).toEqual(sync);
  });

  it('changing one factor leaves every other factor’s draws unchanged', () => {
    const changed: Scenario = { ...betaMean, factors: { ...betaMean.factors, x: { dist: 'uniform', min: 0, max: 1 } } };
    const a = simulateSync(betaMean, { seed: 5, trials: 30_000 });
    const b = simulateSync(changed, { seed: 5, trials: 30_000 });
    expect(b.nodes.y).toEqual(a.nodes.y);
    expect(b.nodes.x.mean).not.toBe(a.nodes.x.mean);
  });

  it('a run stopped by half-width equals a fixed run of the same length', () => {
    const stopped = simulateSync(coins, { seed: 9, halfWidth: 0.01 });
    const fixed = simulateSync(coins, { seed: 9, trials: stopped.trials });
    expect(stopped.events).toEqual(fixed.events);
    expect(stopped.nodes).toEqual(fixed.nodes);
  });

  it('records the seed it generated when none is given', () => {
    const r = simulateSync(coins, { trials: 1000 });
    expect(r.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(numbers(simulateSync(coins, { trials: 1000, seed: r.seed }))).toEqual({ ...numbers(r) });
  });

  it('never calls or replaces Math.random', async () => {
    const original = Math.random;
    const spy = vi.spyOn(Math, 'random');
    simulateSync(betaMean, { trials: 20_000 });
    await simulate(coins, { trials: 20_000 });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(Math.random).toBe(original);
  });

  it('fills the manifest', () => {
    const r = simulateSync(coins, { seed: 'm', trials: 1000, params: {} });
    expect(r.manifest).toMatchObject({
      library: 'scenario-odds',
      rngAlgorithm: 'seedrandom-tychei',
      chunkSize: 10_000,
      seed: 'm',
      trials: 1000,
      stoppedBecause: 'trials',
      scenarioHash: r.scenario.hash,
    });
    expect(r.manifest.runtime).toBe(`node ${process.version}`);
    expect(r.manifest.resultsHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('simulate: stopping', () => {
  it('stops once every half-width is below the target', () => {
    const r = simulateSync(coins, { seed: 2, halfWidth: 0.005 });
    expect(r.stoppedBecause).toBe('halfWidth');
    for (const e of Object.values(r.events)) {
      expect(Math.max(e.probability - e.ci95[0], e.ci95[1] - e.probability)).toBeLessThan(0.005);
    }
    // p(1-p) = 0.2016 at worst (either = 0.72) needs n > (1.96² · 0.2016)/0.005² ≈ 31,000.
    expect(r.trials).toBeGreaterThan(30_000);
    expect(r.trials).toBeLessThanOrEqual(40_000);
  });

  it('stops at maxTrials when the half-width is out of reach', () => {
    const r = simulateSync(coins, { seed: 2, halfWidth: 0.0001, maxTrials: 20_000 });
    expect(r.stoppedBecause).toBe('maxTrials');
    expect(r.trials).toBe(20_000);
  });

  it('stops on abort with the partial result marked', async () => {
    const controller = new AbortController();
    const r = await simulate(coins, {
      seed: 1,
      trials: 10_000_000,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.trials >= 30_000) controller.abort();
      },
    });
    expect(r.stoppedBecause).toBe('aborted');
    expect(r.trials).toBe(30_000);
  });

  it('reports progress after each chunk', () => {
    const seen: number[] = [];
    simulateSync(coins, { seed: 1, trials: 25_000, onProgress: (p) => seen.push(p.trials) });
    expect(seen).toEqual([10_000, 20_000, 25_000]);
  });
});

describe('simulate: errors', () => {
  it('refuses absurd options with one issue each', () => {
    for (const [options, path] of [
      [{ trials: -5 }, 'trials'],
      [{ trials: 1e15 }, 'trials'],
      [{ trials: 1.5 }, 'trials'],
      [{ halfWidth: 0 }, 'halfWidth'],
      [{ maxTrials: Number.NaN }, 'maxTrials'],
      [{ seed: '' }, 'seed'],
    ] as const) {
      try {
        simulateSync(coins, options);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        expect((e as ScenarioError).issues.map((i) => i.path)).toEqual([path]);
      }
    }
  });

  it('names the node, the count and the first trial when a value is NaN', () => {
    const s: Scenario = { id: 'nan', title: 'NaN', factors: { u: { dist: 'uniform', min: 0, max: 1 } }, derived: { bad: 'sqrt(u - 0.5)' }, events: { e: 'bad > 0.1' } };
    try {
      simulateSync(s, { seed: 4, trials: 1000 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NumericalError);
      const err = e as NumericalError;
      expect(err.node).toBe('bad');
      expect(err.badTrials).toBeGreaterThan(400);
      expect(err.message).toMatch(/"bad" gave a non-finite value \(NaN\) in \d+ of the 1000 trials of the batch it happened in; the first was trial \d+ \(seed "4"\)/);
    }
  });

  it('refuses an event probability outside [0, 1]', () => {
    const s: Scenario = { id: 'out', title: 'Out', factors: { u: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'u * 2' } };
    expect(() => simulateSync(s, { seed: 4, trials: 1000 })).toThrow(/"e" gave a probability outside \[0, 1\]/);
  });

  it('applies overrides and names unknown ones', () => {
    const s: Scenario = { ...coins, params: { w: 0.5 }, events: { e: 'w * a' } };
    expect(simulateSync(s, { seed: 1, trials: 1000, params: { w: 1 } }).events.e.method).toBe('wilson');
    expect(() => simulateSync(s, { seed: 1, trials: 1000, params: { nope: 1 } })).toThrow(/no param named "nope"/);
    const r = simulateSync(s, { seed: 1, trials: 1000, params: { 'a.p': 0 } });
    expect(r.events.e.probability).toBe(0);
  });
});
