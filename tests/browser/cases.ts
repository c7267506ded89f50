/**
 * The runs compared between Node and the browser: the flagship (timeline, conditional events,
 * a variant and overrides), every distribution family and form, and the math functions of the
 * formula language, whose results in a browser must match Node's to the last bit.
 */
import type { Scenario, SimulateOptions } from '../../src/index';

/** One distribution of every family and written form, and formulas calling every function. */
export const everyDistribution: Scenario = {
  id: 'every-distribution',
  title: 'Every distribution family and form',
  params: { shift: 0.25, scale: { value: 2, label: 'a documented param' } },
  factors: {
    c: { dist: 'constant', value: 2 },
    b: { dist: 'bernoulli', p: 0.3 },
    u: { dist: 'uniform', min: -1, max: 1 },
    n: { dist: 'normal', mean: 0, sd: 1 },
    nt: { dist: 'normal', mean: 0, sd: 1, min: -0.5, max: 2 },
    np: { dist: 'normal', p5: 1, p95: 3 },
    ln: { dist: 'lognormal', mu: 0, sigma: 0.5 },
    lnp: { dist: 'lognormal', p5: 1, p95: 10 },
    be: { dist: 'beta', alpha: 2, beta: 5 },
    bm: { dist: 'beta', mean: 0.3, sd: 0.1 },
    bl: { dist: 'beta', likelihood: 'unlikely' },
    tr: { dist: 'triangular', min: 0, mode: 1, max: 3 },
    pe: { dist: 'pert', min: 0, mode: 1, max: 3 },
    ca: { dist: 'categorical', weights: { low: 1, mid: 2, high: 3 } },
  },
  derived: {
    x: 'c * u + n - nt + log(ln) + sqrt(lnp) + be + bm - bl + tr / pe + ca + np',
    y: { formula: 'exp(-abs(n)) + log1p(be) + expm1(u / 10) + log2(lnp) + log10(lnp) + pow(u, 2) + u ^ 3', label: 'every function' },
    z: 'floor(x) + ceil(y) + round(x - y) + sign(u) + min(x, y, 0) + max(x, y) + logit(be) + (x > y ? 1 : -1)',
  },
  events: {
    sigmoidOfX: 'sigmoid((x - 3) / scale + shift)',
    bothRare: { p: 'b and ca == 2', label: 'a 0/1 event (Wilson interval)' },
    clamped: 'clamp(y / 10 + z / 100, 0, 1)',
    notB: 'not b or (u < 0 and n >= -1)',
    givenRare: { p: 'u > 0', given: 'bothRare' },
  },
};

/** A name, a scenario and the options of its run; each is run by `simulateSync` and `simulate`. */
export interface Case {
  readonly name: string;
  readonly scenario: Scenario | 'trump-kim-summit' | 'four-factors';
  readonly options: SimulateOptions;
}

export const CASES: readonly Case[] = [
  { name: 'flagship', scenario: 'trump-kim-summit', options: { seed: 2025, trials: 30_000 } },
  {
    name: 'flagship variant with overrides',
    scenario: 'trump-kim-summit',
    options: { seed: 'browser-check', trials: 20_000, variant: 'optimists-view', params: { wDomestic: -2, 'rokMediation.mean': 0.1 } },
  },
  { name: 'four factors, odd batch size', scenario: 'four-factors', options: { seed: 11, trials: 25_001, batchSize: 777 } },
  { name: 'every distribution', scenario: everyDistribution, options: { seed: 'every', trials: 40_000 } },
  { name: 'stop by half-width', scenario: everyDistribution, options: { seed: 3, halfWidth: 0.01 } },
];
