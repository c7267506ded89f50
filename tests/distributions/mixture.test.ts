/**
 * Mixtures {dist: 'mixture', components, weights}: weights normalized, mean Σ wμ, variance by
 * the law of total variance Σ w(σ² + μ²) − (Σ wμ)², cdf Σ w F_i, quantile inf{x : cdf(x) >= p},
 * draws from component i with probability w_i, from the stream passed in only.
 *
 * References: closed forms evaluated in python with scipy 1.17.1 (scipy.stats.norm / poisson /
 * beta / uniform / gamma / expon), quantiles by root-finding on the closed-form cdf in mpmath
 * 1.3.0 at 50 digits (mp.findroot started from scipy.optimize.brentq; brentq agrees to 2e-13),
 * each quoted as a literal with its formula. Nothing is computed from the code under test.
 *
 * Tolerances:
 * - mean, variance: 1e-12 relative (a few floating-point operations on exact moments).
 * - cdf: 1e-10 relative (a weighted sum of component cdfs; same allowance as the families).
 * - continuous quantiles: 1e-9 relative. The mixture quantile is a numerical inversion of the
 *   cdf (no closed form), so this is the round-trip tolerance of distribution.test.ts; at the
 *   points used the cdf's own rounding limits the answer to better than 3e-12 relative
 *   (worst: p = 1 − 1e-6 for 0.3·N(0,1) + 0.7·N(5,1), 1.1e-16 / density 4.9e-6 / x 9.7).
 * - discrete quantiles: the exact support point (checked in mpmath to lie strictly inside its
 *   step, with a margin of at least 6.6e-7 in p).
 * - sampling at n = 100,000 with fixed seeds: KS (alpha 0.001, critical 1.9495/√n, helpers.ts)
 *   against the closed-form cdf computed here (an independent Φ: Marsaglia's series and
 *   Laplace's continued fraction as in shapes.test.ts, pinned to scipy below), chi-square with
 *   critical value scipy.stats.chi2.ppf(0.999, df) for the discrete mixture, the mean within 4.5
 *   SE = sqrt(variance/n) of the quoted mean, and component shares within 4.5 binomial sd
 *   sqrt(n·w(1 − w)) of n·w (4.5 sd: two-sided false-alarm rate 6.8e-6 per check).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDistribution, type DistSpec } from '../../src/distributions';
import { createStream } from '../../src/rng';
import { draw, expectSamplerContract, KS_CRITICAL_0_001, ksStatistic, moments, sameBits } from './helpers';
import { refPhi } from './normalReference';
import { simulateSync, type Scenario } from '../../src/index';
import { consistentCount, wilsonCoverage } from '../stats/binomial';

const N = 100_000;
const P_HI = 1 - 1e-6; // the double scipy/mpmath were given as well
const KS_CRIT = KS_CRITICAL_0_001 / Math.sqrt(N);

function expectRel(got: number | undefined, exact: number, rel: number, what: string): void {
  expect(got, what).toBeTypeOf('number');
  const err = Math.abs((got as number) - exact);
  if (!(err <= rel * Math.abs(exact))) {
    throw new Error(`${what}: got ${got}, expected ${exact} (relative error ${(err / Math.abs(exact)).toExponential(2)} > ${rel})`);
  }
}

function expectMeanWithin(sample: Float64Array, mean: number, variance: number): void {
  const m = moments(sample);
  const z = (m.mean - mean) / Math.sqrt(variance / sample.length);
  if (!(Math.abs(z) < 4.5)) throw new Error(`sample mean ${m.mean} is ${z.toFixed(2)} SE from ${mean}`);
}

/** Count within 4.5 binomial sd of n·w. */
function expectShare(count: number, n: number, w: number, what: string): void {
  const sd = Math.sqrt(n * w * (1 - w));
  const z = (count - n * w) / sd;
  if (!(Math.abs(z) < 4.5)) throw new Error(`${what}: ${count} of ${n}, expected ${n * w} ± ${sd.toFixed(1)} (z = ${z.toFixed(2)})`);
}

describe('the reference Φ agrees with scipy', () => {
  it.each([
    // scipy.stats.norm.cdf(x)
    [-6, 9.865876450376946e-10],
    [-3.5, 0.00023262907903552502],
    [-1, 0.15865525393145707],
    [0.5, 0.6914624612740131],
    [2, 0.9772498680518208],
    [4.5, 0.9999966023268753],
  ])('Φ(%d)', (x, p) => {
    expectRel(refPhi(x), p, 1e-13, `Φ(${x})`);
  });
});

// ---------------------------------------------------------------------------------------------
// 0.3·N(0, 1) + 0.7·N(5, 1)

const NORMAL_MIX: DistSpec = {
  dist: 'mixture',
  components: [
    { dist: 'normal', mean: 0, sd: 1 },
    { dist: 'normal', mean: 5, sd: 1 },
  ],
  weights: [0.3, 0.7],
};
const normalMixCdf = (x: number): number => 0.3 * refPhi(x) + 0.7 * refPhi(x - 5);

describe('0.3·N(0, 1) + 0.7·N(5, 1)', () => {
  it('mean 3.5 and variance 6.25 (law of total variance: 0.3·1 + 0.7·26 − 3.5²)', () => {
    const d = createDistribution(NORMAL_MIX);
    expectRel(d.mean, 3.5, 1e-12, 'mean');
    expectRel(d.variance, 6.25, 1e-12, 'variance');
  });

  it('cdf = 0.3Φ(x) + 0.7Φ(x − 5) and five quantiles', () => {
    const d = createDistribution(NORMAL_MIX);
    // 0.3*stats.norm.cdf(x) + 0.7*stats.norm.cdf(x - 5) (mpmath ncdf agrees to 1e-15)
    for (const [x, p] of [
      [-3, 0.0004049694094894634],
      [0, 0.1500002006561003],
      [2.5, 0.3024838661303104],
      [5, 0.6499999140045284],
      [8, 0.9990550713778588],
    ]) {
      expectRel(d.cdf(x), p, 1e-10, `cdf(${x})`);
      expectRel(normalMixCdf(x), p, 1e-13, `reference cdf(${x})`);
    }
    // mp.findroot(lambda x: 0.3*mp.ncdf(x) + 0.7*mp.ncdf(x - 5) - p, x0), mp.dps = 50
    for (const [p, x] of [
      [1e-6, -4.504062242310633],
      [0.05, -0.9674215773565749],
      [0.5, 4.434057008006635],
      [0.95, 6.4652337928444545],
      [P_HI, 9.68083108274319],
    ]) {
      expectRel(d.quantile(p), x, 1e-9, `quantile(${p})`);
    }
    expect(d.quantile(0)).toBe(-Infinity);
    expect(d.quantile(1)).toBe(Infinity);
  });

  it('draws: KS against the closed-form cdf and the mean, n = 100,000', () => {
    const sample = draw(createDistribution(NORMAL_MIX), N, 'mixture', 'normal-mix');
    expect(ksStatistic(sample, normalMixCdf)).toBeLessThan(KS_CRIT);
    expectMeanWithin(sample, 3.5, 6.25);
  });
});

// ---------------------------------------------------------------------------------------------
// 0.5·Poisson(3) + 0.5·constant 10

const DISCRETE_MIX: DistSpec = {
  dist: 'mixture',
  components: [
    { dist: 'poisson', lambda: 3 },
    { dist: 'constant', value: 10 },
  ],
  weights: [0.5, 0.5],
};

describe('0.3·N(0, 1) + 0.7·N(3, 0.5): the issue\'s reference', () => {
  // scipy: 0.3*stats.norm.sf(2) + 0.7*stats.norm(3, 0.5).sf(2) = 0.6908999472207283.
  const P_ABOVE_2 = 0.6908999472207283;
  const spec: DistSpec = { dist: 'mixture', components: [{ dist: 'normal', mean: 0, sd: 1 }, { dist: 'normal', mean: 3, sd: 0.5 }], weights: [0.3, 0.7] };

  it('P(x > 2) = 1 − cdf(2) = 0.690900 (to 1e-12)', () => {
    expect(Math.abs(1 - createDistribution(spec).cdf(2) - P_ABOVE_2)).toBeLessThan(1e-12);
  });

  it('a run of a scenario with the mixture covers P(x > 2) with its 95% interval across seeds', () => {
    // 20 runs of 20,000 trials: each run's count is Binomial(20,000, 0.6909) and its Wilson
    // interval's exact coverage c follows from the binomial law (tests/stats/binomial.ts); the
    // number of covering runs must be consistent with Binomial(20, c) at a false-alarm rate of 0.001.
    const scenario: Scenario = { id: 'mix', title: 'Mixture', factors: { x: spec }, events: { above: 'x > 2' } };
    const runs = 20;
    const trials = 20_000;
    let covered = 0;
    for (let r = 0; r < runs; r++) {
      const { ci95 } = simulateSync(scenario, { seed: `mixture-cover/${r}`, trials }).events.above;
      if (ci95[0] <= P_ABOVE_2 && P_ABOVE_2 <= ci95[1]) covered++;
    }
    const c = wilsonCoverage(trials, P_ABOVE_2, 1.959963984540054);
    expect(consistentCount(covered, runs, c, c, 0.001).ok, `${covered}/${runs} covered; exact coverage ${c}`).toBe(true);
  });
});

describe('0.5·Poisson(3) + 0.5·constant 10 (a point mass inside a discrete support)', () => {
  it('mean 6.5 and variance 13.75 (0.5·(3 + 9) + 0.5·(0 + 100) − 6.5²)', () => {
    const d = createDistribution(DISCRETE_MIX);
    expectRel(d.mean, 6.5, 1e-12, 'mean');
    expectRel(d.variance, 13.75, 1e-12, 'variance');
  });

  it('cdf = 0.5·F_Poisson(x) + 0.5·[x >= 10]; quantiles are exact support points', () => {
    const d = createDistribution(DISCRETE_MIX);
    // 0.5*stats.poisson(3).cdf(x) + 0.5*(x >= 10)
    for (const [x, p] of [
      [-1, 0],
      [0, 0.024893534183931976],
      [2, 0.21159504056342182],
      [3.5, 0.32361594439111563],
      [9, 0.49944875593494226],
      [10, 0.9998538315246763],
      [12, 0.999991925475722],
    ]) {
      expectRel(d.cdf(x), p, 1e-10, `cdf(${x})`);
    }
    // Smallest integer k with the mixture cdf >= p, found in mpmath (mp.gammainc) at 50 digits.
    // 0.5 and 0.99 fall in the jump at 10 (cdf(9) = 0.49945, cdf(10) = 0.99985).
    for (const [p, k] of [
      [1e-6, 0],
      [0.05, 1],
      [0.3, 3],
      [0.5, 10],
      [0.6, 10],
      [0.99, 10],
      [P_HI, 14],
    ]) {
      expect(d.quantile(p), `quantile(${p})`).toBe(k);
    }
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Infinity);
  });

  it('draws: integers; chi-square on the support (alpha 0.001) and the mean, n = 100,000', () => {
    const sample = draw(createDistribution(DISCRETE_MIX), N, 'mixture', 'discrete-mix');
    expect(sample.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    const counts = new Array<number>(12).fill(0);
    for (const x of sample) counts[Math.min(x, 11)]++;
    // bins 0, 1, …, 10, >= 11: 0.5*stats.poisson(3).pmf(k) (+ 0.5 at k = 10), last 0.5*sf(10);
    // smallest expected count 14.6; scipy.stats.chi2.ppf(0.999, 11) = 31.264133620239985
    const probs = [
      0.024893534183931972, 0.07468060255179593, 0.11202090382769388, 0.11202090382769388, 0.08401567787077042,
      0.05040940672246229, 0.025204703361231116, 0.01080201572624191, 0.004050755897340716, 0.0013502519657802394,
      0.500405075589734, 0.00014616847532366832,
    ];
    let chi = 0;
    for (let k = 0; k < 12; k++) chi += (counts[k] - N * probs[k]) ** 2 / (N * probs[k]);
    expect(chi).toBeLessThan(31.264133620239985);
    expectMeanWithin(sample, 6.5, 13.75);
  });
});

// ---------------------------------------------------------------------------------------------
// 0.4·Beta(2, 5) + 0.6·Uniform(0.5, 2)

const BETA_UNIFORM: DistSpec = {
  dist: 'mixture',
  components: [
    { dist: 'beta', alpha: 2, beta: 5 },
    { dist: 'uniform', min: 0.5, max: 2 },
  ],
  weights: [0.4, 0.6],
};
/** I_x(2, 5) = P(Bin(6, x) >= 2) = 1 − (1 − x)^6 − 6x(1 − x)^5; uniform (x − 0.5)/1.5. */
function betaUniformCdf(x: number): number {
  const b = x <= 0 ? 0 : x >= 1 ? 1 : 1 - (1 - x) ** 6 - 6 * x * (1 - x) ** 5;
  const u = x <= 0.5 ? 0 : x >= 2 ? 1 : (x - 0.5) / 1.5;
  return 0.4 * b + 0.6 * u;
}

describe('0.4·Beta(2, 5) + 0.6·Uniform(0.5, 2) (overlapping supports)', () => {
  it('mean 121/140 and variance 6779/19600', () => {
    // Beta(2, 5): mean 2/7, variance 10/392; Uniform(0.5, 2): mean 5/4, variance 1.5²/12 = 3/16
    // (scipy: stats.beta(2, 5).stats('mv'), stats.uniform(0.5, 1.5).stats('mv')). With exact
    // fractions: mean = 0.4·2/7 + 0.6·5/4 = 121/140, variance =
    // 0.4·(10/392 + 4/49) + 0.6·(3/16 + 25/16) − (121/140)² = 6779/19600.
    const d = createDistribution(BETA_UNIFORM);
    expectRel(d.mean, 121 / 140, 1e-12, 'mean');
    expectRel(d.variance, 6779 / 19600, 1e-12, 'variance');
  });

  it('cdf and five quantiles', () => {
    const d = createDistribution(BETA_UNIFORM);
    // 0.4*stats.beta(2, 5).cdf(x) + 0.6*stats.uniform(0.5, 1.5).cdf(x)
    for (const [x, p] of [
      [0.05, 0.013109531249999999],
      [0.3, 0.2319300000000001],
      [0.5, 0.35625],
      [0.75, 0.49814453125],
      [1, 0.6],
      [1.9, 0.96],
    ]) {
      expectRel(d.cdf(x), p, 1e-10, `cdf(${x})`);
      expectRel(betaUniformCdf(x), p, 1e-13, `reference cdf(${x})`);
    }
    // mp.findroot on the closed form above, mp.dps = 50. In the uniform-only region
    // (cdf > 0.6) q = 0.5 + 1.5·(p − 0.4)/0.6, e.g. 1.875 at p = 0.95 (p is 0.95 rounded down).
    for (const [p, x] of [
      [1e-6, 0.0004084707132460463],
      [0.05, 0.10537557946295407],
      [0.5, 0.7542745830947312],
      [0.95, 1.8749999999999998],
      [P_HI, 1.9999974999999999],
    ]) {
      expectRel(d.quantile(p), x, 1e-9, `quantile(${p})`);
    }
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(2);
  });

  it('draws: in (0, 2); KS against the closed-form cdf and the mean, n = 100,000', () => {
    const sample = draw(createDistribution(BETA_UNIFORM), N, 'mixture', 'beta-uniform');
    expect(sample.every((x) => x > 0 && x < 2)).toBe(true);
    expect(ksStatistic(sample, betaUniformCdf)).toBeLessThan(KS_CRIT);
    expectMeanWithin(sample, 121 / 140, 6779 / 19600);
  });
});

// ---------------------------------------------------------------------------------------------
// 0.25·Gamma(3, scale 2) + 0.75·Exponential(rate 0.5): the new families as components

const GAMMA_EXP: DistSpec = {
  dist: 'mixture',
  components: [
    { dist: 'gamma', shape: 3, scale: 2 },
    { dist: 'exponential', rate: 0.5 },
  ],
  weights: [0.25, 0.75],
};
/** P(3, y) = 1 − e^−y(1 + y + y²/2) with y = x/2; exponential 1 − e^−x/2. */
function gammaExpCdf(x: number): number {
  if (x <= 0) return 0;
  const y = x / 2;
  return 0.25 * (1 - Math.exp(-y) * (1 + y + (y * y) / 2)) + 0.75 * -Math.expm1(-y);
}

describe('0.25·Gamma(3, scale 2) + 0.75·Exponential(rate 0.5)', () => {
  it('mean 3 and variance 9 (0.25·(12 + 36) + 0.75·(4 + 4) − 3²)', () => {
    const d = createDistribution(GAMMA_EXP);
    expectRel(d.mean, 3, 1e-12, 'mean');
    expectRel(d.variance, 9, 1e-12, 'variance');
  });

  it('cdf and five quantiles', () => {
    const d = createDistribution(GAMMA_EXP);
    // 0.25*stats.gamma(3, scale=2).cdf(x) + 0.75*stats.expon(scale=2).cdf(x)
    for (const [x, p] of [
      [0.5, 0.166439786868887],
      [2, 0.4941657683892668],
      [6, 0.8568621784423912],
      [15, 0.9945210079582231],
      [40, 0.9999998845753971],
    ]) {
      expectRel(d.cdf(x), p, 1e-10, `cdf(${x})`);
      expectRel(gammaExpCdf(x), p, 1e-13, `reference cdf(${x})`);
    }
    // mp.findroot(lambda x: 0.25*mp.gammainc(3, 0, x/2, regularized=True) + 0.75*(-mp.expm1(-x/2)) - p, x0)
    for (const [p, x] of [
      [1e-6, 2.6666684444457614e-6],
      [0.05, 0.13794864488584202],
      [0.5, 2.0364856168837444],
      [0.95, 9.09622268178461],
      [P_HI, 35.205418549346184],
    ]) {
      expectRel(d.quantile(p), x, 1e-9, `quantile(${p})`);
    }
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Infinity);
  });

  it('draws: KS against the closed-form cdf and the mean, n = 100,000', () => {
    const sample = draw(createDistribution(GAMMA_EXP), N, 'mixture', 'gamma-exp');
    expect(ksStatistic(sample, gammaExpCdf)).toBeLessThan(KS_CRIT);
    expectMeanWithin(sample, 3, 9);
  });
});

// ---------------------------------------------------------------------------------------------
// Undefined moments propagate (a careful user's expectation: the law of total variance has no
// value when a component's variance is infinite; the mean none when a component's mean is undefined)

describe('moments of mixtures with heavy-tailed components', () => {
  it('a Cauchy component: mean and variance undefined; the cdf is still the weighted sum', () => {
    const d = createDistribution({
      dist: 'mixture',
      components: [
        { dist: 't', df: 1 },
        { dist: 'normal', mean: 0, sd: 1 },
      ],
      weights: [1, 1],
    });
    expect(d.mean).toBeUndefined();
    expect(d.variance).toBeUndefined();
    // 0.5*stats.t(1).cdf(1) + 0.5*stats.norm.cdf(1) = 0.5·0.75 + 0.5·0.8413447460685429
    expectRel(d.cdf(1), 0.7956723730342714, 1e-10, 'cdf(1)');
    // symmetric about 0: cdf(0) = 0.5, so the median is 0 (to the inversion tolerance, 1e-9 absolute here)
    expect(Math.abs(d.cdf(0) - 0.5)).toBeLessThan(1e-15);
    expect(Math.abs(d.quantile(0.5))).toBeLessThan(1e-9);
    expect(d.quantile(0)).toBe(-Infinity);
    expect(d.quantile(1)).toBe(Infinity);
  });

  it('a t(2) component: mean defined (Σ wμ), variance undefined', () => {
    const d = createDistribution({
      dist: 'mixture',
      components: [
        { dist: 't', df: 2, location: 1 },
        { dist: 'normal', mean: 3, sd: 1 },
      ],
      weights: [1, 3],
    });
    // 0.25·1 + 0.75·3
    expectRel(d.mean, 2.5, 1e-12, 'mean');
    expect(d.variance).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Nesting and zero weights

describe('a mixture of a mixture is the flattened mixture', () => {
  // 0.5·(0.5·N(0,1) + 0.5·N(2,1)) + 0.5·N(4,1) = 0.25·N(0,1) + 0.25·N(2,1) + 0.5·N(4,1):
  // mean 0.25·0 + 0.25·2 + 0.5·4 = 2.5, E[X²] = 0.25·1 + 0.25·5 + 0.5·17 = 10, variance 3.75.
  const nested: DistSpec = {
    dist: 'mixture',
    components: [
      {
        dist: 'mixture',
        components: [
          { dist: 'normal', mean: 0, sd: 1 },
          { dist: 'normal', mean: 2, sd: 1 },
        ],
        weights: [1, 1],
      },
      { dist: 'normal', mean: 4, sd: 1 },
    ],
    weights: [1, 1],
  };
  const flatCdf = (x: number): number => 0.25 * refPhi(x) + 0.25 * refPhi(x - 2) + 0.5 * refPhi(x - 4);

  it('moments, cdf and quantiles of the flat mixture', () => {
    const d = createDistribution(nested);
    expectRel(d.mean, 2.5, 1e-12, 'mean');
    expectRel(d.variance, 3.75, 1e-12, 'variance');
    // 0.25*stats.norm.cdf(x) + 0.25*stats.norm.cdf(x - 2) + 0.5*stats.norm.cdf(x - 4)
    for (const [x, p] of [
      [-2, 0.005695451290796901],
      [1, 0.25067494901581505],
      [2.5, 0.45471679962148825],
      [4, 0.7443045492024969],
      [7, 0.999324979320972],
    ]) {
      expectRel(d.cdf(x), p, 1e-10, `cdf(${x})`);
      expectRel(flatCdf(x), p, 1e-13, `reference cdf(${x})`);
    }
    // mp.findroot on the flat closed form, mp.dps = 50
    for (const [p, x] of [
      [1e-6, -4.465186623181859],
      [0.05, -0.849472642072209],
      [0.5, 2.7769894995589475],
      [0.95, 5.283016137232497],
      [P_HI, 8.611383351460534],
    ]) {
      expectRel(d.quantile(p), x, 1e-9, `quantile(${p})`);
    }
  });

  it('draws: KS against the flat closed form and the mean, n = 100,000', () => {
    const sample = draw(createDistribution(nested), N, 'mixture', 'nested');
    expect(ksStatistic(sample, flatCdf)).toBeLessThan(KS_CRIT);
    expectMeanWithin(sample, 2.5, 3.75);
  });
});

describe('a component of weight 0 takes no part', () => {
  it('is never drawn, and the others keep their shares', () => {
    const d = createDistribution({
      dist: 'mixture',
      components: [
        { dist: 'uniform', min: 0, max: 1 },
        { dist: 'constant', value: 99 },
        { dist: 'uniform', min: 2, max: 3 },
      ],
      weights: [1, 0, 1],
    });
    const sample = draw(d, N, 'mixture', 'zero-weight');
    let low = 0;
    let constant = 0;
    for (const x of sample) {
      if (x === 99) constant++;
      if (x < 1) low++;
    }
    expect(constant).toBe(0);
    expectShare(low, N, 0.5, 'Uniform(0, 1)');
    // mean (0.5 + 2.5)/2; the constant's 99 must not enter
    expectRel(d.mean, 1.5, 1e-12, 'mean');
    expect(d.cdf(98.5)).toBe(1);
    expect(d.quantile(1)).toBe(3);
  });

  it('a zero-weight Cauchy leaves the mean and variance defined', () => {
    const d = createDistribution({
      dist: 'mixture',
      components: [
        { dist: 't', df: 1 },
        { dist: 'normal', mean: 5, sd: 1 },
      ],
      weights: [0, 1],
    });
    expectRel(d.mean, 5, 1e-12, 'mean');
    expectRel(d.variance, 1, 1e-12, 'variance');
    // the cdf and quantiles are the normal's: stats.norm.cdf(1) = 0.8413447460685429,
    // stats.norm.ppf(0.975) = 1.959963984540054
    expectRel(d.cdf(6), 0.8413447460685429, 1e-12, 'cdf(6)');
    expectRel(d.quantile(0.975), 5 + 1.959963984540054, 1e-9, 'quantile(0.975)');
  });
});

// ---------------------------------------------------------------------------------------------
// Weights, component shares, determinism

describe('weights are normalized', () => {
  it('[3, 7] is the same distribution as [0.3, 0.7], bit for bit', () => {
    const a = createDistribution(NORMAL_MIX);
    const b = createDistribution({ ...NORMAL_MIX, weights: [3, 7] } as DistSpec);
    expect(Object.is(a.mean, b.mean)).toBe(true);
    expect(Object.is(a.variance, b.variance)).toBe(true);
    for (const x of [-3, 0, 2.5, 5, 8]) expect(Object.is(a.cdf(x), b.cdf(x)), `cdf(${x})`).toBe(true);
    for (const p of [1e-6, 0.05, 0.3, 0.5, 0.95, P_HI]) expect(Object.is(a.quantile(p), b.quantile(p)), `quantile(${p})`).toBe(true);
    const sa = new Float64Array(10_000);
    const sb = new Float64Array(10_000);
    a.sample(createStream('weights', 0, 'x'), sa, sa.length);
    b.sample(createStream('weights', 0, 'x'), sb, sb.length);
    expect(sameBits(sa, sb)).toBe(true);
  });
});

describe('component shares: each component is drawn with probability w_i', () => {
  it('0.3·Beta(2, 5) + 0.7·Uniform(2, 3): the count above 1.5 is Binomial(n, 0.7)', () => {
    const d = createDistribution({
      dist: 'mixture',
      components: [
        { dist: 'beta', alpha: 2, beta: 5 },
        { dist: 'uniform', min: 2, max: 3 },
      ],
      weights: [0.3, 0.7],
    });
    const sample = draw(d, N, 'mixture', 'shares-2');
    let above = 0;
    for (const x of sample) if (x > 1.5) above++;
    expectShare(above, N, 0.7, 'draws above 1.5');
  });

  it('weights [2, 5, 3] over Uniform(0, 1), Uniform(10, 11), constant 20', () => {
    const d = createDistribution({
      dist: 'mixture',
      components: [
        { dist: 'uniform', min: 0, max: 1 },
        { dist: 'uniform', min: 10, max: 11 },
        { dist: 'constant', value: 20 },
      ],
      weights: [2, 5, 3],
    });
    const sample = draw(d, N, 'mixture', 'shares-3');
    const counts = [0, 0, 0];
    for (const x of sample) {
      if (x > 0 && x < 1) counts[0]++;
      else if (x > 10 && x < 11) counts[1]++;
      else if (x === 20) counts[2]++;
    }
    expect(counts[0] + counts[1] + counts[2]).toBe(N); // nothing outside the components' supports
    expectShare(counts[0], N, 0.2, 'Uniform(0, 1)');
    expectShare(counts[1], N, 0.5, 'Uniform(10, 11)');
    expectShare(counts[2], N, 0.3, 'constant 20');
    // and the mixture's own exact moments: mean 0.2·0.5 + 0.5·10.5 + 0.3·20 = 11.35
    expectRel(d.mean, 11.35, 1e-12, 'mean');
  });
});

describe('determinism: the draws depend only on the stream passed in', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const SPECS: Array<[string, DistSpec]> = [
    ['normal mixture', NORMAL_MIX],
    ['discrete mixture', DISCRETE_MIX],
    ['beta + uniform', BETA_UNIFORM],
    ['gamma + exponential', GAMMA_EXP],
  ];

  it.each(SPECS)('%s: same seed same bits; 1000 at once = 500 + 500 = 1 + 7 + 0 + 992; other node other bits', (_n, spec) => {
    expectSamplerContract(spec);
  });

  it.each(SPECS)('%s: sampling other things in between (other streams, other mixtures) changes nothing', (_n, spec) => {
    const d = createDistribution(spec);
    const direct = new Float64Array(1000);
    const sDirect = createStream('mix-only', 0, 'node');
    d.sample(sDirect, direct, 1000);

    const interleaved = new Float64Array(1000);
    const s = createStream('mix-only', 0, 'node');
    d.sample(s, interleaved, 300);
    // Other work between the calls: the same mixture and its components on other streams, and
    // a new mixture object.
    const scratch = new Float64Array(5000);
    d.sample(createStream('elsewhere', 0, 'a'), scratch, 5000);
    createDistribution(spec).sample(createStream('elsewhere', 0, 'b'), scratch, 777);
    createDistribution({ dist: 'normal', mean: 0, sd: 1 }).sample(createStream('elsewhere', 0, 'c'), scratch, 1234);
    createDistribution({ dist: 'gamma', shape: 0.5, scale: 1 }).sample(createStream('elsewhere', 0, 'd'), scratch, 999);
    d.sample(s, interleaved.subarray(300), 700);

    expect(sameBits(direct, interleaved)).toBe(true);
    // and the stream was advanced by exactly the same amount
    expect(Array.from(s.state)).toEqual(Array.from(sDirect.state));
  });

  it('no mixture sampler calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    for (const [, spec] of SPECS) draw(createDistribution(spec), 2000);
    expect(spy).not.toHaveBeenCalled();
  });

  it('rejects p outside [0, 1] and a sample count that does not fit the buffer', () => {
    for (const [, spec] of SPECS) {
      const d = createDistribution(spec);
      expect(() => d.quantile(1.1)).toThrow(RangeError);
      expect(() => d.quantile(NaN)).toThrow(RangeError);
      expect(() => d.sample(createStream('x', 0, 'y'), new Float64Array(3), 4)).toThrow(RangeError);
    }
  });
});
