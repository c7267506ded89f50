/**
 * The spread of each quantity across the model's worlds, as opposed to the simulation error of
 * its mean: quantiles of per-trial values against exact ones, bit-identical on any number of
 * threads and shards, weighted under "nothing yet" evidence.
 */
import { describe, expect, it } from 'vitest';
import { incompleteBetaInv, logBeta } from '../../src/dist/special';
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
    // tests/dist checks against scipy. Tolerance as above (density of Beta(2, 26) ≥ 2.8 at
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
    const { icd203Term } = await import('../../src/dist/likelihood');
    // Doubles just below 0.2, as arithmetic produces them (0.7 - 0.5 gives 0.19999999999999996).
    expect(icd203Term(0.7 - 0.5)).toBe('unlikely');
    expect(icd203Term(0.19999999999999998)).toBe('unlikely');
    expect(icd203Term(0.2)).toBe('unlikely');
    expect(icd203Term(0.1999)).toBe('very unlikely');
    expect(icd203Term(0.8000000000000002)).toBe('likely');
  });
});
