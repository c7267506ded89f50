/**
 * Real-valued outputs in the analyses: compare reports each output's paired difference in its
 * own units, with each side as simulate reports it.
 */
import { describe, expect, it } from 'vitest';
import { compareVariantsSync } from '../../src/analysis/compare';
import { analyzeSensitivitySync } from '../../src/analysis/sensitivity';
import { attributeLogOddsSync } from '../../src/analysis/attribution';
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
    const { compareVariants: compareOnWorkers } = await import('../../src/node/analyses');
    const options = { seed: 'workers', trials: 60_000, variants: ['cheaper', 'redrawn'] };
    expect(await compareOnWorkers(costs, { ...options, workers: 2 })).toEqual(compareVariantsSync(costs, options));
  });

  it('has no outputs field for a scenario without outputs', () => {
    const { outputs: _none, ...plain } = costs;
    const r = compareVariantsSync({ ...plain, events: { expensive: 'scale * x > 50' } }, { seed: 1, trials: 10_000, variants: ['cheaper'] });
    expect(r.variants[0].outputs).toBeUndefined();
  });
});

describe('sensitivity of an output, without rescaling', () => {
  /** The Ishigami function with a = 7, b = 0.1 and X1, X2, X3 ~ U(-π, π) (Ishigami & Homma 1990). */
  const ishigami: Scenario = {
    id: 'ishigami',
    title: 'Ishigami',
    params: { a: 7, b: 0.1 },
    factors: Object.fromEntries(['x1', 'x2', 'x3'].map((x) => [x, { dist: 'uniform', min: -Math.PI, max: Math.PI }])),
    outputs: { f: 'sin(x1) + a * sin(x2)^2 + b * x3^4 * sin(x1)' },
    events: { positive: 'f > 0' },
  };

  it("covers the Ishigami function's Sobol indices (first 0.3139, 0.4424, 0; total 0.5576, 0.4424, 0.2437) with its intervals", () => {
    // Closed forms: V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446; V1 = (1 + bπ⁴/5)²/2, V2 = a²/8,
    // V13 = b²π⁸/18 − b²π⁸/50 (Ishigami & Homma 1990; Saltelli et al., Global Sensitivity
    // Analysis: The Primer, 2008, §4.8). 200,000 base samples; each 95% bootstrap interval must
    // cover the exact index.
    const r = analyzeSensitivitySync(ishigami, { event: 'f', seed: 'ishigami', trials: 20_000, sobolSamples: 200_000 });
    expect(r.output).toBe(true);
    const exact: Record<string, [number, number]> = { x1: [0.3139, 0.5576], x2: [0.4424, 0.4424], x3: [0, 0.2437] };
    for (const s of r.sobol) {
      const [first, total] = exact[s.factor];
      expect(s.first.ci95[0], `${s.factor} first`).toBeLessThanOrEqual(first + 5e-5);
      expect(s.first.ci95[1], `${s.factor} first`).toBeGreaterThanOrEqual(first - 5e-5);
      expect(s.total.ci95[0], `${s.factor} total`).toBeLessThanOrEqual(total + 5e-5);
      expect(s.total.ci95[1], `${s.factor} total`).toBeGreaterThanOrEqual(total - 5e-5);
      // Not vacuous: each interval is narrower than 0.02.
      expect(s.first.ci95[1] - s.first.ci95[0]).toBeLessThan(0.02);
    }
    // The variance of f, a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, within 2%.
    expect(Math.abs(r.variance! / 13.8446 - 1)).toBeLessThan(0.02);
    // The baseline is the output's mean, a/2 = 3.5, with an unclipped interval.
    expect(r.baseline.ci95[0]).toBeLessThan(3.5);
    expect(r.baseline.ci95[1]).toBeGreaterThan(3.5);
    expect(r.baseline.ci95[1]).toBeGreaterThan(1);
  });

  it('pins factors for the tornado and reports means in the output\'s units; the baseline is simulate\'s mean', () => {
    const r = analyzeSensitivitySync(costs, { event: 'cost', seed: 's', trials: 50_000, sobolSamples: 0 });
    const base = simulateSync(costs, { seed: 's', trials: 50_000 }).outputs!.cost;
    expect(r.baseline.probability).toBeCloseTo(base.mean, 9);
    const x = r.tornado.find((b) => b.name === 'x')!;
    // x pinned at its 10th and 90th percentiles: the output is 100 · x exactly, in kUSD, not a probability.
    expect(x.low.probability).toBeCloseTo(100 * x.lowValue!, 9);
    expect(x.high.probability).toBeCloseTo(100 * x.highValue!, 9);
    expect(x.high.probability).toBeGreaterThan(1);
    const scale = r.tornado.find((b) => b.name === 'scale')!;
    // scale ±50%: the mean moves by ±50%, a swing of the mean itself.
    expect(scale.swing).toBeCloseTo(base.mean, 6);
  });
});

describe('the spread of paired differences across the model\'s worlds', () => {
  it('is each world\'s own change: exactly -0.2 · cost for a fifth off the scale, so its quantiles are -0.2 times the cost\'s', () => {
    const options = { seed: 'diffs', trials: 100_000 };
    const r = compareVariantsSync(costs, { ...options, variants: ['cheaper'] });
    const cost = simulateSync(costs, options).outputs!.cost.acrossWorlds.quantiles;
    const d = r.variants[0].outputs!.cost.acrossWorlds!.quantiles;
    // The sketch's 0.5% relative accuracy on both sides (differences are sketched on their own).
    expect(d.p50 / (-0.2 * cost.p50)).toBeCloseTo(1, 1);
    expect(d.p5).toBeLessThan(d.p95); // -0.2 · p95 of cost is the smallest difference
    expect(Math.abs(d.p5 / (-0.2 * cost.p95) - 1)).toBeLessThan(0.011);
    // An event's difference spread is a probability difference; the 0/1 event has one too.
    expect(r.variants[0].events.expensive.acrossWorlds).toBeDefined();
  });
});

describe('attribution of an output', () => {
  it('does not apply, and says why, running nothing', () => {
    const r = attributeLogOddsSync(costs, { event: 'cost', seed: 1, trials: 1000 });
    expect(r).toMatchObject({ applicable: false, event: 'cost', trials: 0 });
    if (!r.applicable) expect(r.reason).toMatch(/^"cost" is a real-valued output, not a probability/);
  });
});
