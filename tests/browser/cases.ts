/**
 * The runs compared between Node and the browser: the flagship (timeline, conditional events,
 * a variant and overrides), every distribution family and form, and the math functions of the
 * formula language, whose results in a browser must match Node's to the last bit: inside
 * simulations, and one by one on inputs across their domains (FORMULA_PROBES).
 */
import { FORMULA_FUNCTIONS, type Scenario, type SimulateOptions } from '../../src/index';
import { bitsOf, generator } from '../math/helpers';

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
    angles: 'sin(n) + cos(x * 1e6) + tan(u * pi) + asin(u) + acos(bm) + atan(lnp) + atan2(n, u) + hypot(n, np)',
    normal: 'phi(n) + probit(be) - probit(bl)',
  },
  events: {
    sigmoidOfX: 'sigmoid((x - 3) / scale + shift)',
    bothRare: { p: 'b and ca == 2', label: 'a 0/1 event (Wilson interval)' },
    clamped: 'clamp(y / 10 + z / 100, 0, 1)',
    notB: 'not b or (u < 0 and n >= -1)',
    angular: 'phi(angles / 4 - normal)',
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
    options: { seed: 'browser-check', trials: 20_000, variant: 'optimists-view', params: { 'wDomestic.mean': -7, 'rokMediation.mean': 0.1 } },
  },
  { name: 'four factors, odd batch size', scenario: 'four-factors', options: { seed: 11, trials: 25_001, batchSize: 777 } },
  { name: 'every distribution', scenario: everyDistribution, options: { seed: 'every', trials: 40_000 } },
  { name: 'stop by half-width', scenario: everyDistribution, options: { seed: 3, halfWidth: 0.01 } },
];

/**
 * A formula of x (and y) and the inputs it is evaluated on, as 16-hex-digit bit patterns (JSON
 * keeps neither -0, NaN nor ±Infinity).
 */
export interface FormulaProbe {
  readonly formula: string;
  readonly x: readonly string[];
  readonly y: readonly string[];
}

/**
 * Every formula function, and `pi`, on 1,000 inputs from a fixed seed plus the special values:
 * ±0, ±Infinity, NaN, subnormals, [-1, 1] and (0, 1) (the domains of asin, acos and probit),
 * [-10, 10], magnitudes up to 1e308 (sin, cos and tan of huge arguments), and multiples of
 * pi/2. Each is evaluated in Node and in the page by the compiled column loops and by
 * evaluateScalar: all four must give the same bits (any NaN counting as one value: its payload
 * is not part of it).
 */
export const FORMULA_PROBES: readonly FormulaProbe[] = (() => {
  const g = generator(156);
  const sign = () => (g.unit() < 0.5 ? -1 : 1);
  const kinds = [
    () => g.uniform(-1, 1),
    () => g.unit(),
    () => g.uniform(-10, 10),
    () => sign() * g.logUniform(-1074, 1024),
    () => Math.round(g.uniform(-1e5, 1e5)) * (Math.PI / 2),
    () => g.logUniform(-1000, -1),
  ];
  const specials = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1, -1, 0.5, Number.MAX_VALUE, Math.PI / 2];
  const values = (): string[] => [...specials, ...Array.from({ length: 1000 }, (_, i) => kinds[i % kinds.length]())].map(bitsOf);
  return [
    ...FORMULA_FUNCTIONS.map((f) => ({ formula: `${f.name}(${['x', 'y', 'x * y'].slice(0, f.minArgs).join(', ')})`, x: values(), y: values() })),
    { formula: 'sin(pi * x) + pi', x: values(), y: values() },
  ];
})();
