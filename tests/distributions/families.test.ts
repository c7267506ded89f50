/**
 * The families gamma, exponential, Student t, logistic, Poisson, binomial and samples (the
 * empirical distribution) against scipy, independently of src/ (no src/ special function is
 * used as a reference, and no reference is computed from the code under test).
 *
 * Reference values are quoted literals from scipy 1.17.1 (numpy 2.4.6), each table with the
 * scipy call that produced it; every continuous table was cross-checked with mpmath 1.3.0 at
 * 50 digits (cdf by mp.gammainc / mp.betainc / closed forms, quantiles by Newton on the mpmath
 * cdf): scipy agrees to 4e-15 relative everywhere used here (to 1e-14 for the quantiles of
 * Gamma(0.05) below 1e-25), and the discrete tables agree with mpmath to 4e-15 (binomial
 * n = 1e6: to 3e-13, checked by exact summation of the pmf in mpmath).
 *
 * Tolerances:
 * - mean and variance: 1e-12 relative (closed forms; a reference of 0 must be returned as 0,
 *   every such mean here is a location parameter). Undefined where scipy gives nan or inf.
 * - continuous cdf and quantile: 1e-10 relative. scipy and mpmath agree to 1e-14, so this is
 *   the implementation's allowance: 10,000 ulps, room for a Newton or series stopping rule,
 *   far below anything a wrong formula or a lost tail (1 − p cancellation, log vs log1p)
 *   produces. A quantile whose reference is exactly 0 (a median at location 0) may be off by
 *   1e-14 absolute.
 * - discrete cdf: 1e-10 relative as well; discrete quantiles: the exact integer. Every quoted
 *   quantile was checked in mpmath to lie strictly inside its step, F(k − 1) < p <= F(k), with
 *   a margin of at least 2.4e-9 (relative to p), so a cdf correct to 1e-10 decides it.
 * - sampling, n = 100,000 draws with fixed seeds:
 *   continuous: one-sample KS against an independent reference CDF written here (closed forms,
 *   or series / continued fractions with lnΓ and lnB quoted from scipy; each pinned against
 *   the scipy cdf tables to 1e-11 relative first), critical D = 1.9495/√n at alpha = 0.001
 *   (helpers.ts);
 *   discrete: Pearson chi-square on binned counts, bins and their probabilities quoted from
 *   scipy (every expected count >= 20), critical value scipy.stats.chi2.ppf(0.999, bins − 1);
 *   KS with the continuous critical value would be conservative for a step CDF.
 *   Where the variance is finite, the sample mean within 4.5 standard errors of the quoted mean,
 *   SE = sqrt(variance/n) with the quoted scipy variance (4.5 SE: two-sided false-alarm rate
 *   6.8e-6 per check under the CLT). For t with df 1 (Cauchy) and df 2 (infinite variance) the
 *   sample median and quartiles instead, within 4.5 asymptotic SE sqrt(p(1 − p)/n)/f(q), with
 *   q and the density f(q) quoted from scipy. FAMILIES_LOG=1 prints the measured statistics.
 *
 * Beyond the five standard quantile points, a separate block checks the far tails and large
 * parameters (t with df 100 to 1e5 at p down to 1e-20, t df 1e8's cdf, gamma shapes 100 to 1000
 * at p down to 1e-300, binomial n = 1e9's cdf) against scipy values confirmed in mpmath:
 * ordinary finite numbers, at the same 1e-10.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDistribution, type DistSpec } from '../../src/distributions';
import { createStream } from '../../src/rng';
import { draw, expectSamplerContract, KS_CRITICAL_0_001, ksStatistic, moments } from './helpers';

const N = 100_000;
const MOMENT_REL = 1e-12;
const CONT_REL = 1e-10;
const DISC_CDF_REL = 1e-10;
/** Reference CDFs written here must reproduce the scipy tables to this relative accuracy. */
const REF_REL = 1e-11;
/** 1 − 1e-6 as a double (0.99999899999999997...); scipy was given the same double. */
const P_HI = 1 - 1e-6;

/** |got − exact| <= rel·|exact| (so an exact 0 must be returned as 0). */
function expectRel(got: number | undefined, exact: number, rel: number, what: string): void {
  expect(got, what).toBeTypeOf('number');
  const err = Math.abs((got as number) - exact);
  if (!(err <= rel * Math.abs(exact))) {
    throw new Error(`${what}: got ${got}, expected ${exact} (relative error ${(err / Math.abs(exact)).toExponential(2)} > ${rel})`);
  }
}

function expectQuantile(got: number, exact: number, what: string): void {
  if (exact === 0) {
    expect(Math.abs(got), what).toBeLessThan(1e-14);
    return;
  }
  expectRel(got, exact, CONT_REL, what);
}

type Case = {
  name: string;
  spec: DistSpec;
  mean: number | undefined;
  variance: number | undefined;
  cdf: Array<[number, number]>;
  quantiles: Array<[number, number]>;
};

type ContinuousCase = Case & {
  /** Independent reference CDF (see the references section). */
  ref: (x: number) => number;
  /** Support ends: quantile(0) and quantile(1). */
  ends: [number, number];
};

type DiscreteCase = Case & {
  /** Chi-square bins: bin j is (upper[j − 1], upper[j]], the last bin (upper[last], ∞). */
  chi: { upper: number[]; probs: number[]; critical: number };
  ends: [number, number];
};

// ---------------------------------------------------------------------------------------------
// Independent reference CDFs (no src/ code)

const TINY = 1e-300;

/**
 * Regularized lower incomplete gamma P(a, x): the series x^a e^−x Σ x^n / Γ(a + n + 1) for
 * x < a + 1, else 1 − Q(a, x) with Q by Legendre's continued fraction (modified Lentz), as in
 * Numerical Recipes §6.2 (gser/gcf). lnΓ(a) is passed in, quoted from scipy.special.gammaln.
 */
function refGammaP(a: number, x: number, lnGammaA: number): number {
  if (x <= 0) return 0;
  const lnPrefix = a * Math.log(x) - x - lnGammaA;
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return sum * Math.exp(lnPrefix);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return 1 - Math.exp(lnPrefix) * h;
}

/** Continued fraction for the incomplete beta (Numerical Recipes §6.4, betacf; modified Lentz). */
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b), with y = 1 − x given separately (no cancellation). */
function refBetaI(a: number, b: number, x: number, y: number, lnBetaAB: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - lnBetaAB);
  if (x < (a + 1) / (a + b + 2)) return (front * betaCf(a, b, x)) / a;
  return 1 - (front * betaCf(b, a, y)) / b;
}

/** Student t CDF: the tail is ½·I_{ν/(ν+t²)}(ν/2, ½); lnB(ν/2, ½) quoted from scipy.special.betaln. */
function refT(df: number, location: number, scale: number, lnBeta: number): (x: number) => number {
  return (x) => {
    const t = (x - location) / scale;
    if (t === 0) return 0.5;
    const tail = 0.5 * refBetaI(df / 2, 0.5, df / (df + t * t), (t * t) / (df + t * t), lnBeta);
    return t < 0 ? tail : 1 - tail;
  };
}

/** Cauchy (t, df 1): ½ + atan(t)/π. */
const refCauchy = (x: number): number => 0.5 + Math.atan(x) / Math.PI;
/** t with df 2: ½ + t/(2√(2 + t²)) (closed form). */
const refT2 = (x: number): number => 0.5 + x / (2 * Math.sqrt(2 + x * x));
const refExp = (rate: number) => (x: number): number => (x <= 0 ? 0 : -Math.expm1(-rate * x));
const refLogistic = (location: number, scale: number) => (x: number): number => 1 / (1 + Math.exp(-(x - location) / scale));
const refGamma = (shape: number, scale: number, lnGammaShape: number) => (x: number): number =>
  refGammaP(shape, x / scale, lnGammaShape);

// scipy.special.gammaln(a) (mpmath loggamma agrees to the last digit)
const LNG_005 = 2.968879201051731;
const LNG_05 = 0.5723649429247; // ln √π
const LNG_3 = 0.6931471805599453; // ln 2
const LNG_200 = 857.9336698258575;
const LNG_625 = 5.219603986990229;
const LNG_016 = 1.7597989921813186;
// scipy.special.betaln(df/2, 0.5)
const LNB_T25 = 0.5584942275233724; // betaln(1.25, 0.5)
const LNB_T30 = -0.7733283654522322; // betaln(15, 0.5)

// ---------------------------------------------------------------------------------------------
// Reference tables. Each: scipy .stats('mv') → mean, variance; .cdf(x); .ppf(p) at
// p = 1e-6, 0.05, 0.5, 0.95, 1 − 1e-6.

const GAMMA: ContinuousCase[] = [
  {
    name: 'gamma shape 0.05, scale 2',
    // stats.gamma(0.05, scale=2): .stats('mv') = (0.1, 0.2), .cdf(x), .ppf(p)
    spec: { dist: 'gamma', shape: 0.05, scale: 2 },
    mean: 0.1,
    variance: 0.2,
    cdf: [[1e-30, 0.031376943914449874], [1e-06, 0.49729103626219634], [0.01, 0.7879657813080717], [1, 0.9713173712441637], [10, 0.999935596633657]],
    quantiles: [[1e-06, 1.1689264114573103e-120], [0.05, 1.1147750963757648e-26], [0.5, 1.1147756881492512e-06], [0.95, 0.5318646048516819], [P_HI, 17.393725335787487]],
    ref: refGamma(0.05, 2, LNG_005),
    ends: [0, Infinity],
  },
  {
    name: 'gamma shape 0.5, scale 1',
    // stats.gamma(0.5, scale=1): .stats('mv') = (0.5, 0.5), .cdf(x), .ppf(p)
    spec: { dist: 'gamma', shape: 0.5, scale: 1 },
    mean: 0.5,
    variance: 0.5,
    cdf: [[1e-08, 0.00011283791633342464], [0.1, 0.34527915398142317], [0.5, 0.6826894921370859], [2, 0.9544997361036415], [10, 0.999992255783569]],
    quantiles: [[1e-06, 7.853981633978593e-13], [0.05, 0.001966070000009761], [0.5, 0.227468211559786], [0.95, 1.920729410347062], [P_HI, 11.964063488439734]],
    ref: refGamma(0.5, 1, LNG_05),
    ends: [0, Infinity],
  },
  {
    name: 'gamma shape 3, scale 2',
    // stats.gamma(3, scale=2): .stats('mv') = (6.0, 12.0), .cdf(x), .ppf(p)
    spec: { dist: 'gamma', shape: 3, scale: 2 },
    mean: 6,
    variance: 12,
    cdf: [[0.1, 2.006749362439793e-05], [2, 0.08030139707139418], [6, 0.5768099188731566], [15, 0.9797432849433356], [40, 0.9999995444850495]],
    quantiles: [[1e-06, 0.036508565926558594], [0.05, 1.6353828943279067], [0.5, 5.348120627447118], [0.95, 12.591587243743977], [P_HI, 38.25833637714585]],
    ref: refGamma(3, 2, LNG_3),
    ends: [0, Infinity],
  },
  {
    name: 'gamma shape 200, scale 0.01',
    // stats.gamma(200, scale=0.01): .stats('mv') = (2.0, 0.02), .cdf(x), .ppf(p)
    spec: { dist: 'gamma', shape: 200, scale: 0.01 },
    mean: 2,
    variance: 0.02,
    cdf: [[1.5, 5.709688574208249e-05], [1.9, 0.2433474271006237], [2, 0.5094034180072367], [2.1, 0.7639696745011542], [2.6, 0.999952499875557]],
    quantiles: [[1e-06, 1.3981841153773291], [0.05, 1.7732048703304124], [0.5, 1.996667656124657], [0.95, 2.238162339154042], [P_HI, 2.7455761900238382]],
    ref: refGamma(200, 0.01, LNG_200),
    ends: [0, Infinity],
  },
  {
    name: 'gamma mean 10, sd 4 (shape 6.25, scale 1.6)',
    // shape = 10²/4² = 6.25, scale = 4²/10 = 1.6.
    // stats.gamma(6.25, scale=1.6): .stats('mv') = (10.0, 16.0), .cdf(x), .ppf(p)
    spec: { dist: 'gamma', mean: 10, sd: 4 },
    mean: 10,
    variance: 16,
    cdf: [[1, 2.6840674384127603e-05], [5, 0.07875603407754032], [10, 0.5532223694190127], [20, 0.9814071434479575], [40, 0.9999979480884331]],
    quantiles: [[1e-06, 0.5693887134578648], [0.05, 4.445786398258899], [0.5, 9.472021759391431], [0.95, 17.356642691112075], [P_HI, 41.43248096421587]],
    ref: refGamma(6.25, 1.6, LNG_625),
    ends: [0, Infinity],
  },
  {
    name: 'gamma mean 2, sd 5 (shape 0.16, scale 12.5)',
    // shape = 2²/5² = 0.16, scale = 5²/2 = 12.5.
    // stats.gamma(0.16, scale=12.5): .stats('mv') = (2.0, 25.0), .cdf(x), .ppf(p)
    spec: { dist: 'gamma', mean: 2, sd: 5 },
    mean: 2,
    variance: 25,
    cdf: [[1e-10, 0.01803447166001915], [0.1, 0.49616367575178366], [2, 0.785203874953845], [20, 0.9830845151419556], [100, 0.9999908092959641]],
    quantiles: [[1e-06, 2.508150554107809e-37], [0.05, 5.8602498271289245e-08], [0.5, 0.10496748326597043], [0.95, 10.864619948378728], [P_HI, 125.54610479598989]],
    ref: refGamma(0.16, 12.5, LNG_016),
    ends: [0, Infinity],
  },
];

const EXPONENTIAL: ContinuousCase[] = [
  {
    name: 'exponential rate 2',
    // stats.expon(scale=1/2): .stats('mv') = (0.5, 0.25), .cdf(x), .ppf(p)
    spec: { dist: 'exponential', rate: 2 },
    mean: 0.5,
    variance: 0.25,
    cdf: [[1e-09, 1.999999998e-09], [0.1, 0.18126924692201815], [0.5, 0.6321205588285577], [2, 0.9816843611112658], [10, 0.9999999979388464]],
    quantiles: [[1e-06, 5.000002500001667e-07], [0.05, 0.025646647193775268], [0.5, 0.34657359027997264], [0.95, 1.497866136776995], [P_HI, 6.907755278967759]],
    ref: refExp(2),
    ends: [0, Infinity],
  },
  {
    name: 'exponential rate 0.001',
    // stats.expon(scale=1/0.001): .stats('mv') = (1000.0, 1000000.0), .cdf(x), .ppf(p)
    spec: { dist: 'exponential', rate: 0.001 },
    mean: 1000,
    variance: 1e6,
    cdf: [[1, 0.0009995001666250082], [100, 0.09516258196404044], [693, 0.4999264043042323], [5000, 0.9932620530009145], [20000, 0.9999999979388464]],
    quantiles: [[1e-06, 0.0010000005000003335], [0.05, 51.29329438755054], [0.5, 693.1471805599452], [0.95, 2995.73227355399], [P_HI, 13815.510557935519]],
    ref: refExp(0.001),
    ends: [0, Infinity],
  },
  {
    name: 'exponential mean 5 (rate 0.2)',
    // stats.expon(scale=5): .stats('mv') = (5.0, 25.0), .cdf(x), .ppf(p)
    spec: { dist: 'exponential', mean: 5 },
    mean: 5,
    variance: 25,
    cdf: [[0.01, 0.0019980013326669336], [1, 0.18126924692201815], [5, 0.6321205588285577], [20, 0.9816843611112658], [60, 0.9999938557876467]],
    quantiles: [[1e-06, 5.000002500001667e-06], [0.05, 0.2564664719377527], [0.5, 3.4657359027997265], [0.95, 14.97866136776995], [P_HI, 69.07755278967758]],
    ref: refExp(0.2),
    ends: [0, Infinity],
  },
];

const STUDENT_T: ContinuousCase[] = [
  {
    name: 't df 1 (Cauchy)',
    // stats.t(1): .stats('mv') = (inf, nan), .cdf(x), .ppf(p)
    spec: { dist: 't', df: 1 },
    mean: undefined,
    variance: undefined,
    cdf: [[-1000, 0.0003183097800805589], [-1, 0.25000000000000006], [0, 0.5], [0.5, 0.6475836176504333], [10, 0.9682744825694465]],
    quantiles: [[1e-06, -318309.8861827435], [0.05, -6.313751514675044], [0.5, 0], [0.95, 6.313751514675037], [P_HI, 318309.88617359026]],
    ref: refCauchy,
    ends: [-Infinity, Infinity],
  },
  {
    name: 't df 2',
    // stats.t(2): .stats('mv') = (0.0, inf), .cdf(x), .ppf(p)
    spec: { dist: 't', df: 2 },
    mean: 0,
    variance: undefined,
    cdf: [[-50, 0.00019988007994404028], [-1, 0.2113248654051871], [0, 0.5], [0.5, 0.6666666666666666], [10, 0.9950737714883372]],
    quantiles: [[1e-06, -707.1057205259339], [0.05, -2.9199855803537256], [0.5, 0], [0.95, 2.9199855803537242], [P_HI, 707.1057205157672]],
    ref: refT2,
    ends: [-Infinity, Infinity],
  },
  {
    name: 't df 2.5, location 1, scale 2',
    // stats.t(2.5, loc=1, scale=2): .stats('mv') = (1.0, 20.0), .cdf(x), .ppf(p)
    spec: { dist: 't', df: 2.5, location: 1, scale: 2 },
    mean: 1,
    variance: 20,
    cdf: [[-40, 0.0003758759501596723], [-3, 0.07869574787898295], [1, 0.5], [2, 0.6711510400651426], [25, 0.9985818924849609]],
    quantiles: [[1e-06, -439.3468583564737], [0.05, -4.116437228271873], [0.5, 1], [0.95, 6.116437228271871], [P_HI, 441.3468583514085]],
    ref: refT(2.5, 1, 2, LNB_T25),
    ends: [-Infinity, Infinity],
  },
  {
    name: 't df 30, location -3, scale 0.5',
    // stats.t(30, loc=-3, scale=0.5): .stats('mv') = (-3.0, 0.26785714285714285), .cdf(x), .ppf(p)
    spec: { dist: 't', df: 30, location: -3, scale: 0.5 },
    mean: -3,
    variance: 0.26785714285714285,
    cdf: [[-6, 6.971384383602382e-07], [-3.5, 0.1626543077130151], [-3, 0.5], [-2.2, 0.9399607662370314], [-0.5, 0.9999883516572665]],
    quantiles: [[1e-06, -5.935558560209441], [0.05, -3.8486304432969787], [0.5, -3], [0.95, -2.1513695567030213], [P_HI, -0.06444143979568784]],
    ref: refT(30, -3, 0.5, LNB_T30),
    ends: [-Infinity, Infinity],
  },
];

const LOGISTIC: ContinuousCase[] = [
  {
    name: 'logistic location 0, scale 1',
    // stats.logistic(loc=0, scale=1): .stats('mv') = (0.0, 3.289868133696453), .cdf(x), .ppf(p)
    spec: { dist: 'logistic', location: 0, scale: 1 },
    mean: 0,
    variance: 3.289868133696453,
    cdf: [[-30, 9.357622968839299e-14], [-2, 0.11920292202211755], [0, 0.5], [1, 0.7310585786300049], [15, 0.999999694097773]],
    quantiles: [[1e-06, -13.815509557963773], [0.05, -2.9444389791664403], [0.5, 0], [0.95, 2.9444389791664394], [P_HI, 13.815509557935018]],
    ref: refLogistic(0, 1),
    ends: [-Infinity, Infinity],
  },
  {
    name: 'logistic location 10, scale 3',
    // stats.logistic(loc=10, scale=3): .stats('mv') = (10.0, 29.608813203268074), .cdf(x), .ppf(p)
    spec: { dist: 'logistic', location: 10, scale: 3 },
    mean: 10,
    variance: 29.608813203268074,
    cdf: [[-50, 2.0611536181902037e-09], [0, 0.03444519566621117], [10, 0.5], [12, 0.6607563687658172], [60, 0.9999999422225181]],
    quantiles: [[1e-06, -31.446528673891322], [0.05, 1.1666830625006792], [0.5, 10], [0.95, 18.83331693749932], [P_HI, 51.446528673805055]],
    ref: refLogistic(10, 3),
    ends: [-Infinity, Infinity],
  },
  {
    name: 'logistic p5 2, p95 20 (location 11, scale 9/ln 19)',
    // location = (2 + 20)/2 = 11, scale = 18/(2 ln 19) = 3.0566094470559775.
    // stats.logistic(loc=11, scale=18/(2*np.log(19))): .stats('mv') = (11.0, 30.736781707341034), .cdf(x), .ppf(p)
    spec: { dist: 'logistic', p5: 2, p95: 20 },
    mean: 11,
    variance: 30.736781707341034,
    cdf: [[-20, 3.9390106601440356e-05], [2, 0.05000000000000001], [11, 0.5], [20, 0.9500000000000001], [50, 0.9999971243690647]],
    quantiles: [[1e-06, -31.22861703076422], [0.05, 2], [0.5, 11], [0.95, 19.999999999999996], [P_HI, 53.228617030676325]],
    ref: refLogistic(11, 3.0566094470559775),
    ends: [-Infinity, Infinity],
  },
];

const POISSON: DiscreteCase[] = [
  {
    name: 'poisson lambda 0.5',
    // stats.poisson(0.5): .stats('mv') = (0.5, 0.5), .cdf(x), .ppf(p)
    spec: { dist: 'poisson', lambda: 0.5 },
    mean: 0.5,
    variance: 0.5,
    cdf: [[-0.5, 0], [0, 0.6065306597126334], [1, 0.9097959895689501], [2.5, 0.9856123220330293], [6, 0.9999989976203971]],
    quantiles: [[1e-06, 0], [0.05, 0], [0.5, 0], [0.95, 2], [P_HI, 7]],
    // stats.poisson(0.5): probs = cdf differences over the bins, last = sf(3); chi2.ppf(0.999, 4) = 18.46682695290317
    chi: {
      upper: [0, 1, 2, 3],
      probs: [0.6065306597126334, 0.3032653298563167, 0.07581633246407915, 0.012636055410679914, 0.001751622556290824],
      critical: 18.46682695290317,
    },
    ends: [0, Infinity],
  },
  {
    name: 'poisson lambda 30',
    // stats.poisson(30): .stats('mv') = (30.0, 30.0), .cdf(x), .ppf(p)
    spec: { dist: 'poisson', lambda: 30 },
    mean: 30,
    variance: 30,
    cdf: [[10, 2.2348775738450672e-05], [25, 0.20835736466733296], [30, 0.5483515125779114], [40.7, 0.9676904258341258], [60, 0.9999995515359782]],
    quantiles: [[1e-06, 8], [0.05, 21], [0.5, 30], [0.95, 39], [P_HI, 59]],
    // bin ends: stats.poisson(30).ppf(arange(1, 20)/20) deduplicated; probs = cdf differences, last = sf(39);
    // chi2.ppf(0.999, 17) = 40.79021670690253
    chi: {
      upper: [21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 39],
      probs: [
        0.0544434041868541, 0.060202508527419735, 0.042596114524117754, 0.051115337428941365, 0.058979235494932225,
        0.06553248388325822, 0.07021337558920504, 0.07263452647159147, 0.07263452647159147, 0.0702914772305725,
        0.0658982599036616, 0.05990750900332875, 0.05285956676764292, 0.04530820008655134, 0.03775683340545921,
        0.030613648707129126, 0.04275995467190108, 0.04625303764584204,
      ],
      critical: 40.79021670690253,
    },
    ends: [0, Infinity],
  },
  {
    name: 'poisson lambda 1e6',
    // stats.poisson(1e6): .stats('mv') = (1000000.0, 1000000.0), .cdf(x), .ppf(p)
    spec: { dist: 'poisson', lambda: 1e6 },
    mean: 1e6,
    variance: 1e6,
    cdf: [[995000, 2.814820383896536e-07], [999000, 0.15877629981172567], [1000000, 0.5002659614862837], [1001000.5, 0.8414656709634281], [1004500, 0.9999965588607727]],
    quantiles: [[1e-06, 995250], [0.05, 998355], [0.5, 1000000], [0.95, 1001645], [P_HI, 1004757]],
    // bin ends: stats.poisson(1e6).ppf(arange(1, 20)/20); probs = cdf differences, last = sf(1001645);
    // chi2.ppf(0.999, 19) = 43.82019596451753
    chi: {
      upper: [
        998355, 998719, 998964, 999158, 999325, 999475, 999615, 999746, 999874, 1000000, 1000125, 1000253, 1000385,
        1000524, 1000674, 1000842, 1001036, 1001282, 1001645,
      ],
      probs: [
        0.050007147726274334, 0.0501587708531324, 0.050048992637958895, 0.04983264703649215, 0.04997805182243348,
        0.04998180760555038, 0.05034915734324824, 0.049644609253636174, 0.05012761003332733, 0.05013716717423028,
        0.04973510379902013, 0.050118250879912396, 0.04999973202519026, 0.049957543854803, 0.04995553217073545,
        0.05022734124889472, 0.049753187781627406, 0.050134874919496863, 0.049889798379253, 0.04996267345478317,
      ],
      critical: 43.82019596451753,
    },
    ends: [0, Infinity],
  },
  {
    name: 'poisson lambda 10 (lower limit of the PTRS sampler)',
    // stats.poisson(10): .stats('mv') = (10.0, 10.0), .cdf(x), .ppf(p)
    spec: { dist: 'poisson', lambda: 10 },
    mean: 10,
    variance: 10,
    cdf: [[3, 0.010336050675925726], [7, 0.22022064660169907], [10, 0.5830397501929852], [12.5, 0.7915564763948745], [25, 0.9999823197275826]],
    quantiles: [[1e-06, 0], [0.05, 5], [0.5, 10], [0.95, 15], [P_HI, 28]],
    // stats.poisson(10): probs = cdf(1), pmf(2..22), sf(22); chi2.ppf(0.999, 22) = 48.26794229083518
    chi: {
      upper: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22],
      probs: [0.0004993992273873336, 0.002269996488124244, 0.007566654960414148, 0.0189166374010354, 0.037833274802070764, 0.06305545800345112, 0.09007922571921606, 0.11259903214902003, 0.12511003572113322, 0.12511003572113283, 0.11373639611012099, 0.09478033009176834, 0.07290794622443642, 0.05207710444602631, 0.034718069630684134, 0.021698793519177584, 0.01276399618775137, 0.007091108993195316, 0.0037321626279975817, 0.0018660813139987908, 0.000888610149523239, 0.00040391370432868445, 0.0002957368080060947],
      critical: 48.26794229083518,
    },
    ends: [0, Infinity],
  },
];

const BINOMIAL: DiscreteCase[] = [
  {
    name: 'binomial n 20, p 0.01',
    // stats.binom(20, 0.01): .stats('mv') = (0.2, 0.198), .cdf(x), .ppf(p)
    spec: { dist: 'binomial', n: 20, p: 0.01 },
    mean: 0.2,
    variance: 0.198,
    cdf: [[-1, 0], [0, 0.8179069375972309], [1, 0.9831406623643483], [2.5, 0.9989964238318999], [5, 0.9999999656358401]],
    quantiles: [[1e-06, 0], [0.05, 0], [0.5, 0], [0.95, 1], [P_HI, 5]],
    // stats.binom(20, 0.01): probs = pmf(0), pmf(1), pmf(2), sf(2); chi2.ppf(0.999, 3) = 16.26623619623813
    chi: {
      upper: [0, 1, 2],
      probs: [0.8179069375972309, 0.1652337247671174, 0.015855761467551632, 0.0010035761681001167],
      critical: 16.26623619623813,
    },
    ends: [0, 20],
  },
  {
    name: 'binomial n 10, p 0.5',
    // stats.binom(10, 0.5): .stats('mv') = (5.0, 2.5), .cdf(x), .ppf(p) (the cdf values are k/1024)
    spec: { dist: 'binomial', n: 10, p: 0.5 },
    mean: 5,
    variance: 2.5,
    cdf: [[0, 0.0009765625], [3, 0.171875], [4.5, 0.376953125], [5, 0.623046875], [9, 0.9990234375]],
    quantiles: [[1e-06, 0], [0.05, 2], [0.5, 5], [0.95, 8], [P_HI, 10]],
    // stats.binom(10, 0.5).pmf(k), k = 0..10 (C(10, k)/1024); chi2.ppf(0.999, 10) = 29.58829844507442
    chi: {
      upper: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      probs: [0.0009765625, 0.009765625, 0.0439453125, 0.1171875, 0.205078125, 0.24609375, 0.205078125, 0.1171875, 0.0439453125, 0.009765625, 0.0009765625],
      critical: 29.58829844507442,
    },
    ends: [0, 10],
  },
  {
    name: 'binomial n 50, p 0.97',
    // stats.binom(50, 0.97): .stats('mv') = (48.5, 1.4550000000000054), .cdf(x), .ppf(p)
    spec: { dist: 'binomial', n: 50, p: 0.97 },
    mean: 48.5,
    variance: 1.4550000000000054,
    cdf: [[40, 2.0176946878667663e-06], [45, 0.016810645355951368], [48, 0.44472012669268435], [49, 0.7819346246525927], [50, 1]],
    quantiles: [[1e-06, 40], [0.05, 46], [0.5, 49], [0.95, 50], [P_HI, 50]],
    // stats.binom(50, 0.97): probs = cdf(43), pmf(44..49), sf(49); chi2.ppf(0.999, 7) = 24.321886347856854
    chi: {
      upper: [43, 44, 45, 46, 47, 48, 49],
      probs: [
        0.0007037346175771257, 0.0030326819381876115, 0.01307422880018663, 0.04594928237746734, 0.12644199689686028,
        0.2555182020624054, 0.3372144979599083, 0.21806537534740728,
      ],
      critical: 24.321886347856854,
    },
    ends: [0, 50],
  },
  {
    name: 'binomial n 1e6, p 0.3',
    // stats.binom(1e6, 0.3): .stats('mv') = (300000.0, 210000.0), .cdf(x), .ppf(p)
    // (mpmath exact summation of the pmf agrees with these cdf values to 3e-13 relative)
    spec: { dist: 'binomial', n: 1e6, p: 0.3 },
    mean: 300000,
    variance: 210000,
    cdf: [[297000, 2.8467536466221837e-11], [299500, 0.13785089222411243], [300000, 0.5004933190666546], [300800.5, 0.9596410987713625], [302500, 0.9999999751490853]],
    quantiles: [[1e-06, 297823], [0.05, 299246], [0.5, 300000], [0.95, 300754], [P_HI, 302180]],
    // bin ends: stats.binom(1e6, 0.3).ppf(arange(1, 20)/20); probs = cdf differences, last = sf(300754);
    // chi2.ppf(0.999, 19) = 43.82019596451753
    chi: {
      upper: [
        299246, 299413, 299525, 299614, 299691, 299760, 299823, 299884, 299942, 300000, 300058, 300116, 300177, 300240,
        300309, 300386, 300475, 300587, 300754,
      ],
      probs: [
        0.05003441012256967, 0.050248551664405776, 0.0499454075635571, 0.049893100759437314, 0.0503131736585791,
        0.05021740619156395, 0.04945530521945796, 0.05044973686100945, 0.04957323378820677, 0.050362993237867526,
        0.05035327773832965, 0.049544637208581044, 0.05040105876856438, 0.04938809608878114, 0.050128932025988115,
        0.050203425188321105, 0.0497625783757395, 0.049792236674139345, 0.05007171340304839, 0.04986072546185274,
      ],
      critical: 43.82019596451753,
    },
    ends: [0, 1e6],
  },
  {
    name: 'binomial n 20, p 0.5 (BTRS at n·p = 10)',
    // stats.binom(20, 0.5): .stats('mv') = (10.0, 5.0), .cdf(x), .ppf(p)
    spec: { dist: 'binomial', n: 20, p: 0.5 },
    mean: 10,
    variance: 5,
    cdf: [[2, 0.00020122528076171875], [7, 0.13158798217773438], [10, 0.5880985260009766], [13.5, 0.9423408508300781], [19, 0.9999990463256836]],
    quantiles: [[1e-06, 1], [0.05, 6], [0.5, 10], [0.95, 14], [P_HI, 19]],
    // stats.binom(20, 0.5): probs = cdf(2), pmf(3..17), sf(17); chi2.ppf(0.999, 16) = 39.252354790768464
    chi: {
      upper: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
      probs: [0.00020122528076171875, 0.001087188720703125, 0.004620552062988281, 0.0147857666015625, 0.03696441650390625, 0.0739288330078125, 0.12013435363769531, 0.16017913818359375, 0.17619705200195312, 0.16017913818359375, 0.12013435363769531, 0.0739288330078125, 0.03696441650390625, 0.0147857666015625, 0.004620552062988281, 0.001087188720703125, 0.00020122528076171875],
      critical: 39.252354790768464,
    },
    ends: [0, 20],
  },
  {
    name: 'binomial n 100, p 0.8 (BTRS for 1 − p, reflected)',
    // stats.binom(100, 0.8): .stats('mv') = (80.0, 15.999999999999986), .cdf(x), .ppf(p)
    spec: { dist: 'binomial', n: 100, p: 0.8 },
    mean: 80,
    variance: 15.999999999999986,
    cdf: [[60, 3.6084201146408346e-06], [75, 0.1313532173329886], [80, 0.5398386299354266], [85.5, 0.9195562788619491], [97, 0.9999999316829059]],
    quantiles: [[1e-06, 59], [0.05, 73], [0.5, 80], [0.95, 86], [P_HI, 96]],
    // stats.binom(100, 0.8): probs = cdf(65), pmf(66..92), sf(92); chi2.ppf(0.999, 28) = 56.892285393353625
    chi: {
      upper: [65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92],
      probs: [0.000336087161636226, 0.00040079643990937426, 0.0008135569526518602, 0.0015792576139712674, 0.002929637312874237, 0.005189643239948699, 0.008771228011180765, 0.014131422906902402, 0.021681087199631237, 0.03164266780486681, 0.043877832689415724, 0.05773399038081026, 0.07198003995529514, 0.08489953430624719, 0.0945716331512601, 0.09930021480882534, 0.09807428623093795, 0.09089811894574751, 0.07885138029028693, 0.06383206975880373, 0.04806179370074637, 0.03353148397726491, 0.021583483939388914, 0.012753876873275338, 0.00687849539232821, 0.0033628199695826533, 0.0014781626239923629, 0.0005784114615623448, 0.00027698690065619145],
      critical: 56.892285393353625,
    },
    ends: [0, 100],
  },
];

const CONTINUOUS: ContinuousCase[] = [...GAMMA, ...EXPONENTIAL, ...STUDENT_T, ...LOGISTIC];
const DISCRETE: DiscreteCase[] = [...POISSON, ...BINOMIAL];
const ALL: Case[] = [...CONTINUOUS, ...DISCRETE];

const byName = <T extends Case>(cases: T[]): Array<[string, T]> => cases.map((c) => [c.name, c]);

// ---------------------------------------------------------------------------------------------

describe('the reference CDFs written here reproduce the scipy tables', () => {
  it.each(byName(CONTINUOUS))('%s', (_name, c) => {
    // 1e-11 relative: lnΓ(200) = 857.9 and a·ln x ≈ 1060 carry ~1e-13 absolute rounding into
    // the exponent of the series prefix; everything else is good to a few ulps.
    for (const [x, p] of c.cdf) expectRel(c.ref(x), p, REF_REL, `ref cdf(${x})`);
  });
});

describe('mean and variance against scipy (1e-12 relative; undefined where scipy gives nan/inf)', () => {
  it.each(byName(ALL))('%s', (_name, c) => {
    const d = createDistribution(c.spec);
    const mean: number | undefined = d.mean;
    const variance: number | undefined = d.variance;
    if (c.mean === undefined) expect(mean).toBeUndefined();
    else expectRel(mean, c.mean, MOMENT_REL, 'mean');
    if (c.variance === undefined) expect(variance).toBeUndefined();
    else expectRel(variance, c.variance, MOMENT_REL, 'variance');
  });
});

describe('cdf and quantiles against scipy: continuous (1e-10 relative)', () => {
  it.each(byName(CONTINUOUS))('%s', (_name, c) => {
    const d = createDistribution(c.spec);
    for (const [x, p] of c.cdf) expectRel(d.cdf(x), p, CONT_REL, `cdf(${x})`);
    for (const [p, x] of c.quantiles) expectQuantile(d.quantile(p), x, `quantile(${p})`);
    const [lo, hi] = c.ends;
    expect(d.quantile(0)).toBe(lo);
    expect(d.quantile(1)).toBe(hi);
  });
});

describe('cdf and quantiles against scipy: discrete (cdf 1e-10 relative, quantiles exact)', () => {
  it.each(byName(DISCRETE))('%s', (_name, c) => {
    const d = createDistribution(c.spec);
    for (const [x, p] of c.cdf) expectRel(d.cdf(x), p, DISC_CDF_REL, `cdf(${x})`);
    for (const [p, k] of c.quantiles) expect(d.quantile(p), `quantile(${p})`).toBe(k);
    const [lo, hi] = c.ends;
    expect(d.quantile(0)).toBe(lo);
    expect(d.quantile(1)).toBe(hi);
    // A step function: constant between support points, 0 below the support.
    expect(d.cdf(-1e-9)).toBe(0);
    expect(d.cdf(c.quantiles[2][1] + 0.999)).toBe(d.cdf(c.quantiles[2][1]));
  });
});

describe('far tails and large parameters: quantiles far beyond 1e-6, large df, shape and n (1e-10 relative)', () => {
  // Each reference is scipy's ppf/cdf, confirmed by mpmath 1.3.0 at 50 digits (mp.findroot on
  // log P for the t via mp.betainc and for the gamma via mp.gammainc): agreement to 2e-16
  // relative for the t quantiles, 1.1e-15 for the gamma quantiles, 4e-15 for the t cdf.
  // Every reference is an ordinary finite number; 1e-10 as in the tables above.

  it.each([
    // stats.t(df).ppf(p)
    [100, 1e-10, -7.083375481400722],
    [100, 1e-15, -9.40459275466728],
    [100, 1e-20, -11.694684673177003],
    [1000, 1e-8, -5.657912337679106],
    [1000, 1e-10, -6.427876283134213],
    [1000, 1e-15, -8.070281832298525],
    [1000, 1e-20, -9.467044815255925],
    [1000, 1 - 1e-10, 6.427876270033028],
    [1e5, 1e-10, -6.3620004198436915],
    [1e5, 1e-15, -7.9426174040988515],
    [1e5, 1e-20, -9.264350176279423],
  ])('t df %d: quantile(%d)', (df, p, exact) => {
    const d = createDistribution({ dist: 't', df });
    expectRel(d.quantile(p), exact, CONT_REL, `quantile(${p})`);
  });

  it.each([
    // stats.t(1e8).cdf(x) (close to Φ(x); the t differs from the normal by ~1e-8 relative here)
    [-3, 0.0013498983640187472],
    [-5, 2.866520550633643e-7],
    [-9, 1.128607372285265e-19],
  ])('t df 1e8: cdf(%d)', (x, exact) => {
    expectRel(createDistribution({ dist: 't', df: 1e8 }).cdf(x), exact, CONT_REL, `cdf(${x})`);
  });

  it.each([
    // stats.gamma(shape, scale=scale).ppf(p)
    [100, 1, 1e-200, 0.3813641378347788],
    [200, 0.01, 1e-200, 0.07785838828572723],
    [200, 0.01, 1e-300, 0.023969741867329537],
    [1000, 1, 1e-250, 272.8843579606786],
    [1000, 1, 1e-300, 233.92836429052844],
  ])('gamma shape %d, scale %d: quantile(%d)', (shape, scale, p, exact) => {
    const d = createDistribution({ dist: 'gamma', shape, scale });
    expectRel(d.quantile(p), exact, CONT_REL, `quantile(${p})`);
  });

  it.each([
    // n = 1e9 is the largest size with an exact cdf (MAX_EXACT_CDF_SCALE). Exact summation of the
    // pmf in mpmath (40 digits, from k = 960,000 up by the ratio (n − j)p/((j + 1)q));
    // stats.binom(1e9, 0.001).cdf(k) agrees to 3e-13.
    [995002, 2.807591585037677e-7],
    [997001, 0.0013439999710826787],
    [999000, 0.15865521359132886],
    [1000000, 0.5002659615195538],
  ])('binomial n 1e9, p 0.001: cdf(%d)', (k, exact) => {
    expectRel(createDistribution({ dist: 'binomial', n: 1e9, p: 0.001 }).cdf(k), exact, DISC_CDF_REL, `cdf(${k})`);
  });
});

describe('elicitation forms resolve to the documented parameters', () => {
  // A few ulps (2e-15 relative): the parameters are one or two floating-point operations away.
  const ULPS = 2e-15;

  it('gamma mean/sd: shape = mean²/sd², scale = sd²/mean, and back to the same mean and sd', () => {
    for (const [mean, sd, shape, scale] of [
      [10, 4, 6.25, 1.6],
      [2, 5, 0.16, 12.5],
      [0.3, 0.1, 9, 1 / 30],
    ]) {
      const d = createDistribution({ dist: 'gamma', mean, sd });
      expectRel(d.parameters.shape, shape, ULPS, `shape (mean ${mean}, sd ${sd})`);
      expectRel(d.parameters.scale, scale, ULPS, `scale (mean ${mean}, sd ${sd})`);
      expectRel(d.mean, mean, 1e-14, 'mean');
      expectRel(Math.sqrt(d.variance as number), sd, 1e-14, 'sd');
    }
    const p = createDistribution({ dist: 'gamma', shape: 3, scale: 2 }).parameters;
    expect(p).toEqual({ shape: 3, scale: 2 });
  });

  it('exponential mean: rate = 1/mean', () => {
    const d = createDistribution({ dist: 'exponential', mean: 5 });
    expectRel(d.parameters.rate, 0.2, ULPS, 'rate');
    expect(createDistribution({ dist: 'exponential', rate: 2 }).parameters).toEqual({ rate: 2 });
  });

  it('logistic p5/p95: the 5% and 95% quantiles are p5 and p95', () => {
    // F(x) = 1/(1 + e^−(x−μ)/s) with s = (p95 − p5)/(2 ln 19) gives F(p95) = 1/(1 + 1/19) = 0.95
    // exactly; 1e-14 relative as for the normal and lognormal percentile forms (distribution.test.ts).
    for (const [p5, p95] of [
      [2, 20],
      [-3, 1],
      [100, 100.5],
    ]) {
      const d = createDistribution({ dist: 'logistic', p5, p95 });
      expectRel(d.quantile(0.05), p5, 1e-14, `quantile(0.05) for p5 ${p5}`);
      expectRel(d.quantile(0.95), p95, 1e-14, `quantile(0.95) for p95 ${p95}`);
      expectRel(d.mean, (p5 + p95) / 2, 1e-15, 'mean = location');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Sampling

/** Set FAMILIES_LOG=1 to print the measured statistics. */
function report(what: string, value: number, critical: number): void {
  if (process.env.FAMILIES_LOG) console.log(`${what}: ${value.toPrecision(4)} (critical ${critical.toPrecision(4)})`);
}

function expectMeanWithin(sample: Float64Array, mean: number, variance: number, what = ''): void {
  const m = moments(sample);
  const se = Math.sqrt(variance / sample.length);
  const z = (m.mean - mean) / se;
  report(`${what} mean z`, z, 4.5);
  if (!(Math.abs(z) < 4.5)) throw new Error(`sample mean ${m.mean} is ${z.toFixed(2)} SE from ${mean}`);
}

describe('continuous sampling: KS against the independent CDF (alpha 0.001) and the mean, n = 100,000', () => {
  it.each(byName(CONTINUOUS))('%s', (name, c) => {
    const d = createDistribution(c.spec);
    const sample = draw(d, N, 'families', name);
    expect(sample.every((x) => Number.isFinite(x))).toBe(true);
    const [lo, hi] = c.ends;
    expect(sample.every((x) => x >= lo && x <= hi)).toBe(true);
    const dStat = ksStatistic(sample, c.ref);
    report(`${name} KS D`, dStat, KS_CRITICAL_0_001 / Math.sqrt(N));
    expect(dStat).toBeLessThan(KS_CRITICAL_0_001 / Math.sqrt(N));
    if (c.variance !== undefined && c.mean !== undefined) expectMeanWithin(sample, c.mean, c.variance, name);
  });

  // Infinite variance: the sample p-quantile is asymptotically normal with SE
  // sqrt(p(1 − p)/n)/f(q). q and f(q) from scipy: stats.t(df).ppf([0.25, 0.5, 0.75]) and
  // stats.t(df).pdf(...) = [1/(2π), 1/π, 1/(2π)] for df 1 and
  // [0.22963966338592295, 0.3535533905932738, 0.22963966338592295] at ±0.8164965809277261 for df 2.
  it.each([
    ['t df 1 (Cauchy)', [[0.25, -1, 0.15915494309189535], [0.5, 0, 0.31830988618379075], [0.75, 1, 0.15915494309189535]]],
    ['t df 2', [[0.25, -0.8164965809277261, 0.22963966338592295], [0.5, 0, 0.3535533905932738], [0.75, 0.8164965809277261, 0.22963966338592295]]],
  ] as const)('%s: sample median and quartiles within 4.5 asymptotic SE', (name, checks) => {
    const c = STUDENT_T.find((s) => s.name === name) as ContinuousCase;
    const sorted = Float64Array.from(draw(createDistribution(c.spec), N, 'families', name)).sort();
    for (const [p, q, f] of checks) {
      const sampleQ = sorted[Math.floor(p * N)];
      const se = Math.sqrt((p * (1 - p)) / N) / f;
      report(`${name} sample ${p}-quantile z`, (sampleQ - q) / se, 4.5);
      expect(Math.abs(sampleQ - q), `sample ${p}-quantile ${sampleQ}`).toBeLessThan(4.5 * se);
    }
  });
});

function chiSquare(sample: Float64Array, upper: number[], probs: number[]): number {
  const counts = new Array<number>(probs.length).fill(0);
  for (const x of sample) {
    let j = 0;
    while (j < upper.length && x > upper[j]) j++;
    counts[j]++;
  }
  let chi = 0;
  for (let j = 0; j < probs.length; j++) {
    const e = sample.length * probs[j];
    chi += ((counts[j] - e) * (counts[j] - e)) / e;
  }
  return chi;
}

describe('discrete sampling: chi-square on binned counts (alpha 0.001) and the mean, n = 100,000', () => {
  it.each(byName(DISCRETE))('%s', (name, c) => {
    const { chi, ends } = c;
    // the bin probabilities are a partition (sum 1 to rounding)
    expect(Math.abs(chi.probs.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    const d = createDistribution(c.spec);
    const sample = draw(d, N, 'families', name);
    expect(sample.every((x) => Number.isInteger(x) && x >= ends[0] && x <= ends[1])).toBe(true);
    const x2 = chiSquare(sample, chi.upper, chi.probs);
    report(`${name} chi-square`, x2, chi.critical);
    expect(x2).toBeLessThan(chi.critical);
    expectMeanWithin(sample, c.mean as number, c.variance as number, name);
  });
});

// ---------------------------------------------------------------------------------------------
// samples: the empirical distribution

describe('samples: the empirical distribution of the given values', () => {
  // values sorted: −1, 0, 2.5, 2.5, 2.5, 4, 7, 10 (eight values, one value three times).
  const values = [2.5, -1, 7, 2.5, 0, 10, 2.5, 4];
  const spec: DistSpec = { dist: 'samples', values };

  it('mean (arithmetic) and variance (population, divide by 8)', () => {
    // numpy: np.mean(values) = 3.4375 (= 55/16), np.var(values) = 11.27734375 (= 2887/256, ddof=0);
    // both dyadic, exact in binary.
    const d = createDistribution(spec);
    expectRel(d.mean, 3.4375, 1e-15, 'mean');
    expectRel(d.variance, 11.27734375, 1e-15, 'variance');
  });

  it('cdf is the empirical step function (k/8, exact in binary)', () => {
    // numpy: np.mean(values <= x)
    const d = createDistribution(spec);
    for (const [x, p] of [
      [-2, 0],
      [-1, 0.125],
      [-0.5, 0.125],
      [2.5, 0.625],
      [3, 0.625],
      [9.99, 0.875],
      [10, 1],
      [11, 1],
    ]) {
      expect(d.cdf(x), `cdf(${x})`).toBe(p);
    }
  });

  it('quantile(p) = inf{x : F(x) >= p}, including p exactly on a step', () => {
    // numpy: np.quantile(values, p, method='inverted_cdf') (Hyndman–Fan type 1, the generalized
    // inverse); 0.125 and 0.875 are steps of F (1/8 and 7/8), so the lower value is returned.
    const d = createDistribution(spec);
    for (const [p, x] of [
      [1e-6, -1],
      [0.125, -1],
      [0.125 + 1e-12, 0],
      [0.25, 0],
      [0.3, 2.5],
      [0.625, 2.5],
      [0.7, 4],
      [0.875, 7],
      [P_HI, 10],
    ]) {
      expect(d.quantile(p), `quantile(${p})`).toBe(x);
    }
    // the ends of the support
    expect(d.quantile(0)).toBe(-1);
    expect(d.quantile(1)).toBe(10);
  });

  it('draws are the given values, resampled uniformly: chi-square (alpha 0.001) and the mean', () => {
    const d = createDistribution(spec);
    const sample = draw(d, N, 'families', 'samples');
    const distinct = [-1, 0, 2.5, 4, 7, 10];
    expect(sample.every((x) => distinct.includes(x))).toBe(true);
    // bins = the distinct values; probs = multiplicity/8; scipy.stats.chi2.ppf(0.999, 5) = 20.515005652432873
    const upper = [-1, 0, 2.5, 4, 7];
    const probs = [1 / 8, 1 / 8, 3 / 8, 1 / 8, 1 / 8, 1 / 8];
    const x2 = chiSquare(sample, upper, probs);
    report('samples chi-square', x2, 20.515005652432873);
    expect(x2).toBeLessThan(20.515005652432873);
    expectMeanWithin(sample, 3.4375, 11.27734375, 'samples');
  });

  it('ten values: quantile(k/10) is the k-th smallest, the next double above k/10 the (k+1)-th', () => {
    // F at the k-th smallest value is k/10, and k/10 as a double is what the step function's
    // value k/n rounds to (the same division). p·n may round across k (0.7·10 = 7, but
    // 0.30000000000000004·10 = 3.0000000000000004), so a quantile must compare like the cdf.
    const ten = [7, 3, 9, 0, 5, 1, 8, 2, 6, 4].map((v) => v * 1.5 - 2); // sorted: −2, −0.5, 1, …, 11.5
    const sorted = [...ten].sort((a, b) => a - b);
    const d = createDistribution({ dist: 'samples', values: ten });
    const up = new Float64Array(1);
    const bits = new BigUint64Array(up.buffer);
    const nextUp = (x: number): number => {
      up[0] = x;
      bits[0] += 1n; // x > 0
      return up[0];
    };
    for (let k = 1; k <= 10; k++) {
      expect(d.quantile(k / 10), `quantile(${k}/10)`).toBe(sorted[k - 1]);
      expect(d.cdf(sorted[k - 1]), `cdf at the ${k}-th value`).toBe(k / 10);
      if (k < 10) expect(d.quantile(nextUp(k / 10)), `quantile(nextUp(${k}/10))`).toBe(sorted[k]);
    }
    expect(d.quantile(0.1 * 3), 'quantile(0.1·3 = 0.30000000000000004)').toBe(sorted[3]);
  });

  it('a single value is a point mass', () => {
    const d = createDistribution({ dist: 'samples', values: [0.5] });
    expect(d.mean).toBe(0.5);
    expect(d.variance).toBe(0);
    expect([d.cdf(0.49), d.cdf(0.5), d.quantile(0), d.quantile(0.3), d.quantile(1)]).toEqual([0, 1, 0.5, 0.5, 0.5]);
    expect(draw(d, 1000).every((x) => x === 0.5)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Sampler contract for the new families

const CONTRACT: Array<[string, DistSpec]> = [
  ...ALL.map((c) => [c.name, c.spec] as [string, DistSpec]),
  ['samples', { dist: 'samples', values: [2.5, -1, 7, 2.5, 0, 10, 2.5, 4] }],
];

describe('sampler contract (bit-reproducibility)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(CONTRACT)('%s: 1000 at once equals 500 + 500 and 1 + 7 + 0 + 992; same seed same bits, other node other bits', (_n, spec) => {
    expectSamplerContract(spec);
  });

  it('no sampler calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    for (const [, spec] of CONTRACT) draw(createDistribution(spec), 2000);
    expect(spy).not.toHaveBeenCalled();
  });

  it('rejects p outside [0, 1] in quantile and a sample count that does not fit the buffer', () => {
    for (const [, spec] of CONTRACT) {
      const d = createDistribution(spec);
      expect(() => d.quantile(1.1)).toThrow(RangeError);
      expect(() => d.quantile(-0.1)).toThrow(RangeError);
      expect(() => d.quantile(NaN)).toThrow(RangeError);
      expect(() => d.sample(createStream('x', 0, 'y'), new Float64Array(3), 4)).toThrow(RangeError);
    }
  });

  it('describe() gives a non-empty string', () => {
    for (const [, spec] of CONTRACT) expect(createDistribution(spec).describe().length).toBeGreaterThan(0);
  });
});
