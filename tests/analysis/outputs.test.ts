/**
 * Real-valued outputs in the analyses: compare reports each output's paired difference in its
 * own units, with each side as simulate reports it.
 */
import { describe, expect, it } from 'vitest';
import { compareVariantsSync } from '../../src/analysis/compare';
import { simulateSync } from '../../src/engine/simulate';
import type { Scenario } from '../../src/model/types';

/** A repair cost of scale · x kUSD, x ~ Beta(2, 5); a variant that cuts the scale by a fifth. */
const costs: Scenario = {
  id: 'costs',
  title: 'A cost',
  params: { scale: 100 },
  factors: { x: { dist: 'beta', alpha: 2, beta: 5 } },
  outputs: { cost: { formula: 'scale * x', unit: 'kUSD' } },
  events: { expensive: 'cost > 50' },
  variants: { cheaper: { set: { scale: 80 } }, redrawn: { factors: { x: { dist: 'beta', alpha: 3, beta: 5 } } } },
};

describe('compare with outputs', () => {
  it('gives each output\'s paired difference in its own units, each side as simulate gives it', () => {
    const options = { seed: 'outputs', trials: 200_000 };
    const r = compareVariantsSync(costs, { ...options, variants: ['cheaper', 'redrawn'] });
    const base = simulateSync(costs, options).outputs!.cost;
    const cheaper = r.variants[0].outputs!.cost;
    expect(cheaper.baseline).toBe(base.mean);
    expect(cheaper.variant).toBe(simulateSync(costs, { ...options, variant: 'cheaper' }).outputs!.cost.mean);
    // Same draws, scale 80 instead of 100: every trial's difference is exactly -0.2 · cost, so
    // the difference is -0.2 · mean (up to rounding) and its SE 0.2 · sd / sqrt(n).
    expect(cheaper.difference.value).toBeCloseTo(-0.2 * base.mean, 9);
    expect(cheaper.difference.standardError).toBeCloseTo((0.2 * base.sd) / Math.sqrt(200_000), 6);
    // Beta(3, 5) against Beta(2, 5), redrawn from the same stream: 100 · (3/8 - 2/7) = 8.929 kUSD.
    const redrawn = r.variants[1].outputs!.cost.difference;
    expect(redrawn.ci95[0]).toBeLessThanOrEqual(100 * (3 / 8 - 2 / 7));
    expect(redrawn.ci95[1]).toBeGreaterThanOrEqual(100 * (3 / 8 - 2 / 7));
    // The event is compared as before, beside it.
    expect(r.variants[0].events.expensive.differencePp.probability).toBeLessThan(0);
  });

  it('gives the same comparison on worker threads (the output columns travel too)', async () => {
    const { compareOnWorkers } = await import('../../src/node/analyses');
    const options = { seed: 'workers', trials: 60_000, variants: ['cheaper', 'redrawn'] };
    expect(await compareOnWorkers(costs, { ...options, workers: 2 })).toEqual(compareVariantsSync(costs, options));
  });

  it('has no outputs field for a scenario without outputs', () => {
    const { outputs: _none, ...plain } = costs;
    const r = compareVariantsSync({ ...plain, events: { expensive: 'scale * x > 50' } }, { seed: 1, trials: 10_000, variants: ['cheaper'] });
    expect(r.variants[0].outputs).toBeUndefined();
  });
});
