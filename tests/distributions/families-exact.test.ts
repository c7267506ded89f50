/**
 * Exact answers the mutation run (docs/mutation-testing.md) found no test asking for: each
 * family's `name` and canonical `parameters`, the CDF outside the support, the ends of the
 * support where floating point would step past them, a normal truncated from above only, the
 * far lower tail truncated (computed through lower tails, not 1 − Φ), PERT and triangular with
 * min ≠ 0, and the sampler contract's "fills out[0..n) only"; for the other families (a second
 * run: Bernoulli, constant, Poisson, binomial, Student t, categorical, mixture) the same names,
 * parameters and descriptions, CDF at NaN, the exact ends, ties, and undefined moments.
 *
 * References: closed forms written next to each value, and scipy 1.17.1 where quoted
 * (`scipy.stats.truncnorm(a, b).cdf(x)`, `scipy.stats.norm.cdf(x)`). Tolerances are relative,
 * stated per check; the values that must be exact (names, parameters, 0, 1, the ends of the
 * support) use toBe/toEqual.
 */
import { describe, expect, it } from 'vitest';
import { createDistribution, type DistSpec } from '../../src/distributions';
import { createStream } from '../../src/rng';
import { relativeError } from '../helpers/numbers';

describe('name and canonical parameters of every continuous family', () => {
  it.each<[DistSpec, string, Record<string, number>]>([
    [{ dist: 'uniform', min: -1, max: 2 }, 'uniform', { min: -1, max: 2 }],
    [{ dist: 'normal', mean: 1, sd: 2 }, 'normal', { mean: 1, sd: 2 }],
    [{ dist: 'normal', mean: 1, sd: 2, min: 0 }, 'normal', { mean: 1, sd: 2, min: 0 }],
    [{ dist: 'normal', mean: 1, sd: 2, max: 3 }, 'normal', { mean: 1, sd: 2, max: 3 }],
    [{ dist: 'normal', mean: 1, sd: 2, min: 0, max: 3 }, 'normal', { mean: 1, sd: 2, min: 0, max: 3 }],
    [{ dist: 'lognormal', mu: 0.5, sigma: 0.25 }, 'lognormal', { mu: 0.5, sigma: 0.25 }],
    [{ dist: 'beta', alpha: 2, beta: 5 }, 'beta', { alpha: 2, beta: 5 }],
    [{ dist: 'gamma', shape: 2, scale: 3 }, 'gamma', { shape: 2, scale: 3 }],
    [{ dist: 'exponential', rate: 4 }, 'exponential', { rate: 4 }],
    [{ dist: 'logistic', location: 1, scale: 2 }, 'logistic', { location: 1, scale: 2 }],
    [{ dist: 'triangular', min: 1, mode: 2, max: 5 }, 'triangular', { min: 1, mode: 2, max: 5 }],
    // PERT(1, 3, 5): alpha = 1 + 4(3 − 1)/4 = 3, beta = 1 + 4(5 − 3)/4 = 3.
    [{ dist: 'pert', min: 1, mode: 3, max: 5 }, 'pert', { min: 1, mode: 3, max: 5, alpha: 3, beta: 3 }],
    // PERT(1, 2, 5): alpha = 1 + 4·1/4 = 2, beta = 1 + 4·3/4 = 4.
    [{ dist: 'pert', min: 1, mode: 2, max: 5 }, 'pert', { min: 1, mode: 2, max: 5, alpha: 2, beta: 4 }],
  ])('%j', (spec, name, parameters) => {
    const d = createDistribution(spec);
    expect(d.name).toBe(name);
    expect(d.parameters).toEqual(parameters);
  });
});

describe('CDF outside the support is exactly 0 below and 1 above; NaN gives NaN', () => {
  it.each<[DistSpec, number, number]>([
    [{ dist: 'uniform', min: -1, max: 2 }, -2, 3],
    [{ dist: 'beta', alpha: 2, beta: 5 }, -0.5, 1.5],
    [{ dist: 'pert', min: 1, mode: 2, max: 5 }, 0.5, 6],
    [{ dist: 'triangular', min: 1, mode: 2, max: 5 }, 0, 6],
    [{ dist: 'normal', mean: 0, sd: 1, min: -1, max: 1 }, -2, 2],
    [{ dist: 'exponential', rate: 2 }, -1, Infinity],
    [{ dist: 'gamma', shape: 2, scale: 3 }, -1, Infinity],
    [{ dist: 'lognormal', mu: 0, sigma: 1 }, -1, Infinity],
  ])('%j: cdf(%d) = 0, cdf(%d) = 1', (spec, below, above) => {
    const d = createDistribution(spec);
    expect(d.cdf(below)).toBe(0);
    expect(d.cdf(above)).toBe(1);
    expect(d.cdf(NaN)).toBeNaN();
  });
});

describe('the ends of the support, where lo + width·q would round past them', () => {
  it('uniform(-0.3, 0.1): quantile(1) is max, though -0.3 + 0.4·1 rounds to 0.10000000000000003', () => {
    expect(-0.3 + (0.1 - -0.3) * 1).toBe(0.10000000000000003);
    expect(createDistribution({ dist: 'uniform', min: -0.3, max: 0.1 }).quantile(1)).toBe(0.1);
  });

  it('PERT(-0.3, 0, 0.1): quantile(1) is max and the CDF reaches 1 exactly there (it gave 0.10000000000000003)', () => {
    const d = createDistribution({ dist: 'pert', min: -0.3, mode: 0, max: 0.1 });
    expect(d.quantile(1)).toBe(0.1);
    expect(d.quantile(0)).toBe(-0.3);
    expect(d.cdf(0.1)).toBe(1);
  });

  it('triangular(0.1, 0.1, 0.7): quantile(0) is min, though 0.7 − sqrt(0.6²) rounds to 0.09999999999999998', () => {
    expect(0.7 - Math.sqrt(0.6 * 0.6)).toBe(0.09999999999999998);
    expect(createDistribution({ dist: 'triangular', min: 0.1, mode: 0.1, max: 0.7 }).quantile(0)).toBe(0.1);
  });
});

describe('triangular and PERT away from 0', () => {
  it('triangular(1, 2, 5): F(x) = (x − 1)²/((5 − 1)(2 − 1)) below the mode, 1 − (5 − x)²/(4·3) above', () => {
    const t = createDistribution({ dist: 'triangular', min: 1, mode: 2, max: 5 });
    expect(t.cdf(1.5)).toBe(0.0625); // 0.25/4, exact in binary
    expect(t.cdf(2)).toBe(0.25);
    expect(relativeError(t.cdf(3), 1 - 4 / 12)).toBeLessThan(1e-15);
    expect(relativeError(t.quantile(0.0625), 1.5)).toBeLessThan(1e-15);
    expect(relativeError(t.quantile(0.75), 5 - Math.sqrt(3))).toBeLessThan(1e-15);
    // Mean (1 + 2 + 5)/3, variance (1 + 4 + 25 − 2 − 5 − 10)/18 = 13/18.
    expect(relativeError(t.mean as number, 8 / 3)).toBeLessThan(1e-15);
    expect(relativeError(t.variance as number, 13 / 18)).toBeLessThan(1e-15);
  });

  it('triangular(0, 2, 5): F(x) = x²/10 below the mode (width·left = 10, not width/left)', () => {
    const t = createDistribution({ dist: 'triangular', min: 0, mode: 2, max: 5 });
    expect(t.cdf(1)).toBe(0.1);
    expect(relativeError(t.quantile(0.1), 1)).toBeLessThan(1e-15);
  });

  it('triangular with mode = min or mode = max: F(min) = 0 and F(max) = 1, not 0/0', () => {
    // width·left = 0 when mode = min: the left piece (x − min)²/(width·left) must never be used.
    const left = createDistribution({ dist: 'triangular', min: 0, mode: 0, max: 2 });
    expect(left.cdf(0)).toBe(0);
    expect(left.cdf(1)).toBe(0.75); // 1 − (2 − 1)²/4
    expect(left.cdf(2)).toBe(1);
    const right = createDistribution({ dist: 'triangular', min: 0, mode: 2, max: 2 });
    expect(right.cdf(0)).toBe(0);
    expect(right.cdf(1)).toBe(0.25); // 1²/4
    expect(right.cdf(2)).toBe(1);
  });

  it('triangular(0, 1, 3): F(mode) = 1/3 correctly rounded', () => {
    // (1 − 0)²/(3·1) = 1/3; the other branch, 1 − 2²/(3·2), rounds to 0.33333333333333337.
    expect(createDistribution({ dist: 'triangular', min: 0, mode: 1, max: 3 }).cdf(1)).toBe(1 / 3);
  });

  it('PERT(1, 3, 5) = 1 + 4·Beta(3, 3): mean 3, variance 16·9/(36·7) = 4/7, F(2) = I_{1/4}(3, 3)', () => {
    const p = createDistribution({ dist: 'pert', min: 1, mode: 3, max: 5 });
    expect(relativeError(p.mean as number, 3)).toBeLessThan(1e-15);
    expect(relativeError(p.variance as number, 4 / 7)).toBeLessThan(1e-15);
    // I_u(3, 3) = P(Bin(5, u) >= 3) = 10u³(1−u)² + 5u⁴(1−u) + u⁵ at u = 1/4: 106/1024.
    expect(relativeError(p.cdf(2), 106 / 1024)).toBeLessThan(1e-13);
  });
});

describe('normal truncated from above only, and in the far lower tail', () => {
  it('Normal(0, 1) on (−∞, 0]: mean −sqrt(2/π), F(−1) = 2Φ(−1), quantile(1) = 0', () => {
    const d = createDistribution({ dist: 'normal', mean: 0, sd: 1, max: 0 });
    expect(relativeError(d.mean as number, -Math.sqrt(2 / Math.PI))).toBeLessThan(1e-15);
    expect(relativeError(d.variance as number, 1 - 2 / Math.PI)).toBeLessThan(1e-14);
    // scipy: 2 * norm.cdf(-1) = 0.31731050786291415; norm.ppf(0.25) = -0.6744897501960817.
    expect(relativeError(d.cdf(-1), 0.31731050786291415)).toBeLessThan(1e-14);
    expect(relativeError(d.quantile(0.5), -0.6744897501960817)).toBeLessThan(1e-14);
    expect(d.quantile(1)).toBe(0);
    expect(d.cdf(0.5)).toBe(1);
  });

  it('Normal(0, 1) on [−7, −6]: F(−6.5) = 0.039459945422639791 (mpmath 50 digits; scipy truncnorm(-7, -6).cdf(-6.5) agrees to 5e-16)', () => {
    // Computed through lower tails; through 1 − Φ the mass (about 9.9e-10) would keep only
    // about 7 digits. 1e-12 relative leaves room for Φ's own ~1e-15 error divided by the mass.
    const d = createDistribution({ dist: 'normal', mean: 0, sd: 1, min: -7, max: -6 });
    expect(relativeError(d.cdf(-6.5), 0.039459945422639791)).toBeLessThan(1e-12);
    // Mean (φ(−7) − φ(−6))/(Φ(−6) − Φ(−7)) (mpmath): -6.1572109033782798357.
    expect(relativeError(d.mean as number, -6.1572109033782798)).toBeLessThan(1e-12);
  });

  it('Normal(0, 1) on [−1, 1] (mass 0.68, sampled by rejection): every draw inside, KS against the exact CDF', () => {
    // KS at alpha = 0.001 with n = 100,000 (critical D = 1.9495/sqrt(n), see helpers.ts); the
    // exact CDF is (Φ(x) − Φ(−1))/(Φ(1) − Φ(−1)) with Φ(±1) from scipy norm.cdf.
    const d = createDistribution({ dist: 'normal', mean: 0, sd: 1, min: -1, max: 1 });
    const n = 100_000;
    const out = new Float64Array(n);
    d.sample(createStream('trunc-reject', 0, 'x'), out, n);
    const lo = 0.15865525393145707;
    const mass = 0.8413447460685429 - lo;
    const phi = (x: number) => 0.5 * (1 + erfApprox(x / Math.SQRT2));
    const sorted = Float64Array.from(out).sort();
    let D = 0;
    for (let i = 0; i < n; i++) {
      const f = (phi(sorted[i]) - lo) / mass;
      D = Math.max(D, f - i / n, (i + 1) / n - f);
    }
    expect(sorted[0]).toBeGreaterThanOrEqual(-1);
    expect(sorted[n - 1]).toBeLessThan(1);
    expect(D).toBeLessThan(1.9495 / Math.sqrt(n));
  });
});

describe('sampler contract: sample(stream, out, n) writes out[0..n) and nothing after', () => {
  it.each<[DistSpec]>([
    [{ dist: 'lognormal', mu: 0, sigma: 1 }],
    [{ dist: 'normal', mean: 0, sd: 1 }],
    [{ dist: 'uniform', min: 0, max: 1 }],
    [{ dist: 'triangular', min: 0, mode: 1, max: 3 }],
    [{ dist: 'beta', alpha: 2, beta: 3 }],
  ])('%j', (spec) => {
    const out = new Float64Array(10).fill(-7);
    createDistribution(spec).sample(createStream('contract', 0, 'x'), out, 6);
    expect(Array.from(out.subarray(6))).toEqual([-7, -7, -7, -7]);
  });
});

describe('logistic variance', () => {
  it('Logistic(0, 1): π²/3 = 3.289868133696453; Logistic(1, 2): 4π²/3', () => {
    expect(relativeError(createDistribution({ dist: 'logistic', location: 0, scale: 1 }).variance as number, 3.289868133696453)).toBeLessThan(1e-15);
    expect(relativeError(createDistribution({ dist: 'logistic', location: 1, scale: 2 }).variance as number, 4 * 3.289868133696453)).toBeLessThan(1e-15);
  });
});

/**
 * erf by Abramowitz & Stegun 7.1.26 would be too coarse for KS; this is the Maclaurin series
 * erf(x) = 2/√π Σ (−1)^k x^(2k+1)/(k!(2k+1)), exact to rounding for |x| <= 1 (40 terms), which is
 * all the test above needs (|x| <= 1/√2). Independent of src/.
 */
function erfApprox(x: number): number {
  let sum = 0;
  let term = x; // (−1)^k x^(2k+1)/k!
  for (let k = 0; k < 40; k++) {
    sum += term / (2 * k + 1);
    term *= (-x * x) / (k + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('the other families: names, canonical parameters, descriptions, NaN and the ends', () => {
  const mixtureOf13: DistSpec = { dist: 'mixture', components: [{ dist: 'constant', value: 1 }, { dist: 'constant', value: 3 }], weights: [1, 1] };
  it.each<[DistSpec, string, Record<string, number>, string]>([
    [{ dist: 'bernoulli', p: 0.3 }, 'bernoulli', { p: 0.3 }, 'Bernoulli(0.3)'],
    [{ dist: 'constant', value: 2 }, 'constant', { value: 2 }, 'Constant(2)'],
    [{ dist: 'poisson', lambda: 3 }, 'poisson', { lambda: 3 }, 'Poisson(3)'],
    [{ dist: 'binomial', n: 10, p: 0.3 }, 'binomial', { n: 10, p: 0.3 }, 'Binomial(10, 0.3)'],
    [{ dist: 't', df: 3 }, 't', { df: 3, location: 0, scale: 1 }, 'StudentT(df 3)'],
    // Location and scale are named as soon as either differs from the standard form.
    [{ dist: 't', df: 3, location: 1, scale: 2 }, 't', { df: 3, location: 1, scale: 2 }, 'StudentT(df 3, location 1, scale 2)'],
    [{ dist: 't', df: 3, scale: 2 }, 't', { df: 3, location: 0, scale: 2 }, 'StudentT(df 3, location 0, scale 2)'],
    [{ dist: 't', df: 3, location: 1 }, 't', { df: 3, location: 1, scale: 1 }, 'StudentT(df 3, location 1, scale 1)'],
    [{ dist: 'categorical', weights: { a: 1, b: 3 } }, 'categorical', { a: 0.25, b: 0.75 }, 'Categorical(a 0.25, b 0.75)'],
    [mixtureOf13, 'mixture', { w0: 0.5, w1: 0.5 }, 'Mixture(50% Constant(1), 50% Constant(3))'],
  ])('%j', (spec, name, parameters, text) => {
    const d = createDistribution(spec);
    expect(d.name).toBe(name);
    expect(d.parameters).toEqual(parameters);
    expect(d.describe()).toBe(text);
    expect(d.cdf(Number.NaN)).toBeNaN();
  });

  it('a categorical with exactly six labels lists them all; a seventh becomes "..."', () => {
    const labels = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, 1]));
    expect(createDistribution({ dist: 'categorical', weights: labels(6) }).describe()).not.toContain('...');
    expect(createDistribution({ dist: 'categorical', weights: labels(7) }).describe()).toMatch(/, \.\.\.\)$/);
  });

  it('Student t: quantile(0) = −∞, quantile(1) = +∞, the median and F(location) exact', () => {
    const t = createDistribution({ dist: 't', df: 3, location: 1, scale: 2 });
    expect([t.quantile(0), t.quantile(1), t.quantile(0.5), t.cdf(1)]).toEqual([-Infinity, Infinity, 1, 0.5]);
  });

  it('Poisson: F(+∞) = 1 and quantile(1) = +∞ (the support has no top)', () => {
    const p = createDistribution({ dist: 'poisson', lambda: 3 });
    expect([p.cdf(Infinity), p.quantile(1)]).toEqual([1, Infinity]);
  });

  it('degenerate binomials: F = 1 everywhere on the support for p = 0, and 0 below n for p = 1', () => {
    const zero = createDistribution({ dist: 'binomial', n: 7, p: 0 });
    const one = createDistribution({ dist: 'binomial', n: 7, p: 1 });
    expect([0, 3, 6.5].map((x) => zero.cdf(x))).toEqual([1, 1, 1]);
    expect([0, 3, 6.5].map((x) => one.cdf(x))).toEqual([0, 0, 0]);
  });

  it('categorical: F is exactly 1 from the last label with weight, though the running sum rounds below the total', () => {
    // 0.1 + 0.7 = 0.7999999999999999 in doubles; the label of weight 0 after c adds nothing.
    const c = createDistribution({ dist: 'categorical', weights: { a: 0.1, b: 0.7, c: 0.2, z: 0 } });
    expect([0, 1, 2, 3].map((x) => c.cdf(x))).toEqual([0.1, 0.7999999999999999, 1, 1]);
  });

  it('mixture: a tie F(x) = p answers x itself; moments undefined where a component has none', () => {
    // F of ½·δ(1) + ½·δ(3) is exactly ½ on [1, 3): the ½-quantile is 1, not the next double.
    const m = createDistribution(mixtureOf13);
    expect([m.quantile(0.5), m.quantile(0.25), m.quantile(0.75), m.quantile(0), m.quantile(1)]).toEqual([1, 1, 3, 1, 3]);
    // Student t: no mean for df <= 1, no variance for df <= 2.
    const cauchy = createDistribution({ dist: 'mixture', components: [{ dist: 't', df: 1 }, { dist: 'normal', mean: 0, sd: 1 }], weights: [1, 1] });
    expect([cauchy.mean, cauchy.variance]).toEqual([undefined, undefined]);
    const heavy = createDistribution({ dist: 'mixture', components: [{ dist: 't', df: 1.5 }, { dist: 'normal', mean: 2, sd: 1 }], weights: [1, 3] });
    expect([heavy.mean, heavy.variance]).toEqual([1.5, undefined]);
  });
});
