/**
 * The spread of each quantity across the model's worlds, as opposed to the simulation error of
 * its mean: quantiles of per-trial values against exact ones, bit-identical on any number of
 * threads and shards, weighted under "nothing yet" evidence.
 */
import { describe, expect, it } from 'vitest';
import { incompleteBetaInv, logBeta } from '../../src/distributions/special';
import { SKETCH_RELATIVE_ACCURACY } from '../../src/engine/sketch';
import { simulateSync } from '../../src/engine/simulate';
import type { Scenario } from '../../src/model/types';
import { simulate } from '../../src/node/parallel';
import { mergeParts, runShard } from '../../src/node/shard';

/** An event whose per-trial probability is x ~ Beta(2, 5). */
const betaEvent: Scenario = {
  id: 'beta-event',
  title: 'A Beta(2, 5) chance',
  factors: { x: { dist: 'beta', alpha: 2, beta: 5 }, coin: { dist: 'bernoulli', p: 0.3 } },
  params: { fixed: 0.25 },
  events: { e: { p: 'x' }, flip: 'coin', constant: 'fixed' },
};

const LEVELS = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;

describe('spread across the model\'s worlds', () => {
  it('gives Beta(2, 5)\'s quantiles for an event p: x (scipy: 0.06285, 0.16116, 0.26445, 0.38948, 0.58180)', () => {
    // scipy.stats.beta(2, 5).ppf([.05, .25, .5, .75, .95]). Tolerance: the sketch's documented
    // 0.5% relative accuracy plus 5 standard errors of an empirical quantile at 1e6 trials,
    // sqrt(q (1 - q) / n) / density(x_q) <= 0.00033 for these five.
    const scipy = [0.06285, 0.16116, 0.26445, 0.38948, 0.5818];
    const r = simulateSync(betaEvent, { seed: 'spread', trials: 1_000_000 });
    const q = r.events.e.acrossWorlds!.quantiles;
    LEVELS.forEach((level, k) => expect(Math.abs(q[level] - scipy[k]), level).toBeLessThan(SKETCH_RELATIVE_ACCURACY * scipy[k] + 5 * 0.00033));
    // Factors are not sketched: their quantiles are their distributions' own.
    expect(r.nodes.x.quantiles).toBeUndefined();
    const h = r.events.e.acrossWorlds!.histogram;
    expect(h.shares).toHaveLength(20);
    expect(h.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('has no spread for a 0/1 event or a constant, and the simulation interval stays what it was', () => {
    const r = simulateSync(betaEvent, { seed: 'spread', trials: 20_000 });
    expect(r.events.flip.acrossWorlds).toBeUndefined();
    expect(r.events.constant.acrossWorlds).toBeUndefined();
    expect(r.events.flip.method).toBe('wilson');
  });

  it('is bit-identical on 1 to 4 threads and across 3 merged shards', async () => {
    const options = { seed: 'threads', trials: 70_000 };
    const one = simulateSync(betaEvent, options);
    for (const workers of [2, 3, 4]) {
      const r = await simulate(betaEvent, { ...options, workers });
      expect(r.events.e.acrossWorlds, `${workers} workers`).toEqual(one.events.e.acrossWorlds);
      expect(r.nodes, `${workers} workers`).toEqual(one.nodes);
    }
    const parts = await Promise.all([1, 2, 3].map(async (k) => JSON.parse(JSON.stringify(await runShard(betaEvent, { ...options, workers: 1 }, { k, n: 3 })))));
    const merged = mergeParts(parts);
    expect(merged.events.e.acrossWorlds).toEqual(one.events.e.acrossWorlds);
    expect(merged.manifest.resultsHash).toBe(one.manifest.resultsHash);
  });

  it('weights the worlds under "nothing yet" evidence: a Beta(2, 20) hazard after 6 quiet months is Beta(2, 26)', () => {
    // The posterior of x ~ Beta(2, 20) given no event in 6 months of hazard x is Beta(2, 26)
    // (likelihood (1 - x)^6). Its quantiles come from the library's incompleteBetaInv, which
    // tests/distributions checks against scipy. Tolerance as above (density of Beta(2, 26) ≥ 2.8 at
    // these quantiles, so 5 SE at 1e6 trials ≤ 0.0005 after weighting, ESS ≈ 0.8 n).
    const hazard: Scenario = {
      id: 'beta-hazard',
      title: 'A Beta(2, 20) monthly hazard',
      factors: { x: { dist: 'beta', alpha: 2, beta: 20 } },
      derived: { hazardRate: 'x' },
      timeline: { start: '2026-01', horizon: 12 },
      events: { e: { hazard: 'hazardRate' } },
    };
    const r = simulateSync(hazard, { seed: 'posterior', trials: 1_000_000, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } });
    const lb = logBeta(2, 26);
    [0.05, 0.25, 0.5, 0.75, 0.95].forEach((p, k) => {
      const exact = incompleteBetaInv(p, 2, 26, lb);
      expect(Math.abs(r.nodes.hazardRate.quantiles![LEVELS[k]] - exact), LEVELS[k]).toBeLessThan(SKETCH_RELATIVE_ACCURACY * exact + 0.0005);
    });
  });
});

describe('honest small things', () => {
  it('never gives a probability-valued event a zero-width interval from one trial', () => {
    const r = simulateSync(betaEvent, { seed: 'one', trials: 1 });
    expect(r.events.e.ci95).toEqual([0, 1]);
    expect(r.events.e.method).toBe('mean');
  });

  it('chooses ICD-203 phrases on rounded values: 0.2 computed as 0.19999999999999998 reads "unlikely"', async () => {
    const { icd203Term } = await import('../../src/distributions/likelihood');
    // Doubles just below 0.2, as arithmetic produces them (0.7 - 0.5 gives 0.19999999999999996).
    expect(icd203Term(0.7 - 0.5)).toBe('unlikely');
    expect(icd203Term(0.19999999999999998)).toBe('unlikely');
    expect(icd203Term(0.2)).toBe('unlikely');
    expect(icd203Term(0.1999)).toBe('very unlikely');
    expect(icd203Term(0.8000000000000002)).toBe('likely');
  });
});

describe('real-valued outputs', () => {
  /** A repair cost of 100·x kUSD with x ~ Beta(2, 5), and a 0/1 event over it. */
  const costs: Scenario = {
    id: 'costs',
    title: 'A cost',
    factors: { x: { dist: 'beta', alpha: 2, beta: 5 } },
    outputs: { cost: { formula: '100 * x', label: 'Repair cost', unit: 'kUSD' } },
    events: { expensive: 'cost > 50' },
  };

  it('reports the mean with an unclipped interval covering the exact mean (100 · 2/7), and quantiles in its own units', () => {
    const r = simulateSync(costs, { seed: 'costs', trials: 1_000_000 });
    const o = r.outputs!.cost;
    const exact = 100 * (2 / 7);
    expect(o.ci95[0]).toBeLessThanOrEqual(exact);
    expect(o.ci95[1]).toBeGreaterThanOrEqual(exact);
    // The SE from theory: sd of 100·Beta(2, 5) is 100·sqrt(10 / (49 · 8)) = 15.97, over sqrt(1e6).
    expect(o.standardError).toBeCloseTo(15.97 / 1000, 3);
    // scipy.stats.beta(2, 5).ppf, times 100; tolerance as for the event above, times 100.
    const scipy = [6.285, 16.116, 26.445, 38.948, 58.18];
    LEVELS.forEach((level, k) => expect(Math.abs(o.acrossWorlds.quantiles[level] - scipy[k]), level).toBeLessThan(SKETCH_RELATIVE_ACCURACY * scipy[k] + 0.033 * 5));
    // An output is reported as an output, not as a node.
    expect(r.nodes.cost).toBeUndefined();
    // P(100 x > 50) = P(x > 0.5) = 7/64 for Beta(2, 5) (1 - I_0.5(2, 5) = 0.109375).
    // Within 4 standard errors from theory, √(p(1 − p)/n), which the reported one matches within 5%.
    const se = Math.sqrt((0.109375 * (1 - 0.109375)) / 1_000_000);
    expect(Math.abs(r.events.expensive.probability - 0.109375)).toBeLessThan(4 * se);
    expect(Math.abs(r.events.expensive.standardError / se - 1)).toBeLessThan(0.05);
  });

  it('validates outputs with the other names: a unit, a bad formula, a clash', async () => {
    const { validateScenario } = await import('../../src/model/validate');
    expect(validateScenario(costs)).toEqual([]);
    const bad = { ...costs, outputs: { cost: 'nope * 2' }, derived: { x: '1' } };
    expect(validateScenario(bad).map((i) => [i.code, i.path])).toEqual([['duplicate-name', 'derived.x']]);
    expect(validateScenario({ ...costs, outputs: { cost: 'nope * 2' } }).map((i) => i.path)).toEqual(['outputs.cost']);
  });

  it('goes into reports, whose verify reproduces it', async () => {
    const { buildReport } = await import('../../src/report/build');
    const { renderJson } = await import('../../src/report/json');
    const { renderMarkdown } = await import('../../src/report/markdown');
    const { verifyReport } = await import('../../src/report/verify');
    const report = await buildReport(costs, { seed: 'r', trials: 20_000, asOf: '2026-12-04' });
    expect(report.results.outputs?.cost.mean).toBeGreaterThan(0);
    expect(renderMarkdown(report)).toMatch(/^\| `cost` \| Repair cost \(kUSD\) \| \d+\.?\d* \| ±\d/m);
    expect((await verifyReport(renderJson(report))).reproduced).toBe(true);
  });

  it('is bit-identical on worker threads', async () => {
    const one = simulateSync(costs, { seed: 'w', trials: 50_000 });
    const two = await simulate(costs, { seed: 'w', trials: 50_000, workers: 2 });
    expect(two.outputs).toEqual(one.outputs);
    expect(two.manifest.resultsHash).toBe(one.manifest.resultsHash);
  });
});
