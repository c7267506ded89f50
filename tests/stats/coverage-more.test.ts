/**
 * Interval coverage of the estimators coverage-estimators.test.ts leaves out (issue 19, item 1):
 * log-odds attribution terms, the spread quantiles of an event's per-trial probability
 * (`acrossWorlds.quantiles`, which are estimates, not intervals), the Sobol bootstrap
 * intervals of `analyzeSensitivity`, and the intervals of events of correlated factors.
 *
 * Method (as in coverage-estimators.test.ts). Each check has an exact value θ known in closed
 * form. The estimator runs R times with fixed, distinct seeds (`coverage-more/<config>/<r>`);
 * the runs are independent, so the number X of runs whose interval (or stated error bound)
 * contains θ is exactly Binomial(R, c). A check rejects X when P(X ≤ x | c = cLo) < α/2 (too
 * few) or P(X ≥ x | c = cHi) < α/2 (too many), α = ALPHA = 0.001 per check (consistentCount in
 * binomial.ts). There are 14 count checks and a hard per-run bound on 5 quantiles (chance below
 * 1.5e-3 of failing for a correct library, derived below), so a correct library fails this file for an
 * unlucky choice of seeds with probability about 1.5%; the seeds are fixed, so it passes or
 * fails the same way everywhere.
 *
 * The bands [cLo, cHi], per section:
 * 1. Attribution terms (`ci95` = mean ± 1.96·s/√n of the term's per-trial values, s with
 *    divisor n − 1). For a normal factor the studentized mean is exactly Student-t with n − 1
 *    degrees of freedom, so c = P(|T_{n−1}| ≤ 1.96) exactly (integrated here from the t density,
 *    no library code: 0.949861 at n = 2,000) and the band is [c, c]. For a skewed factor
 *    (Beta(2, 5)) c is 0.95 + O(1/n) as for any mean of a bounded variable; band [0.94, 0.96] as
 *    in coverage-estimators.test.ts.
 * 2. Spread quantiles: no interval; we check the reported quantile against a stated error
 *    bound (derived in that section) that holds with probability ≥ 0.95 − (normal-approximation
 *    error), band [0.94, 1], plus a 5-SE bound that must hold in every run.
 * 3. Sobol first-order and total-effect indices: percentile-bootstrap intervals (B = 200
 *    resamples) of the Jansen estimators. Their coverage is 0.95 + O(1/N) in theory (two-sided
 *    percentile intervals of a smooth function of means, Hall 1992 §3.5) but with a finite B the
 *    2.5% and 97.5% points of the resamples are themselves noisy (each endpoint's sd is about
 *    √(0.025·0.975/B)/φ(1.96) ≈ 0.19 standard errors at B = 200), which lowers the coverage by
 *    roughly 1 point, and the Jansen ratio's O(1/N) bias lowers it further at small N. We do not
 *    know c exactly, so the band is a requirement, not a measurement: cLo = 0.90 (an interval
 *    that misses the truth more than 1 time in 10 is too narrow or off-centre to be called a
 *    95% interval; a standard error 20% too small gives 90.1%, so this tolerates the known
 *    finite-B loss but fails anything worse) and cHi = 0.97 (a standard error 10% too large
 *    gives 96.9%; the percentile interval has no mechanism to overcover by more than that).
 *
 * 4. Events of correlated factors: trials stay independent whatever the factors' correlation,
 *    so a 0/1 event's count is exactly binomial and the band is Wilson's exact coverage [c, c]
 *    (binomial.ts); for a conditional on a 0/1 condition, averaged over the binomial number of
 *    trials where the condition held.
 *
 * Runtime about 15 s on one core (attribution 2 × 1,000 runs of 2,000 trials; quantiles 500
 * runs of 50,000 trials; Sobol 1,000 runs with N = 2,000 and B = 200; correlated factors
 * 3 × 1,000 runs of 2,000 trials).
 * Set COVERAGE_REPORT=1 to print every measured count.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSensitivitySync, attributeLogOddsSync, simulateSync, Z95, type Scenario } from '../../src/index';
import { binomialPmf, consistentCount, wilsonCoverage } from './binomial';

const ALPHA = 0.001;
const DELTA_BAND: [number, number] = [0.94, 0.96];

function expectCount(label: string, covered: number, r: number, [cLo, cHi]: readonly [number, number]): void {
  const { ok, lowTail, highTail } = consistentCount(covered, r, cLo, cHi, ALPHA);
  if (process.env.COVERAGE_REPORT) console.log(`${label}: ${covered}/${r} covered (band ${cLo.toFixed(5)}–${cHi.toFixed(5)})${ok ? '' : ' REJECTED'}`);
  expect(
    ok,
    `${label}: ${covered}/${r} covered; P(X ≤ ${covered} | c = ${cLo.toFixed(5)}) = ${lowTail.toExponential(2)} (too narrow if < ${ALPHA / 2}), ` +
      `P(X ≥ ${covered} | c = ${cHi.toFixed(5)}) = ${highTail.toExponential(2)} (too wide if < ${ALPHA / 2})`,
  ).toBe(true);
}

const seedOf = (tag: string, i: number) => `coverage-more/${tag}/${i}`;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * P(|T| ≤ z) for T ~ Student-t with ν degrees of freedom, by composite Simpson integration of
 * the unnormalized density (1 + t²/ν)^(−(ν+1)/2) over [−z, z], divided by its integral over
 * [−40, 40] (the mass beyond |t| = 40 is below 1e-300 for ν ≥ 1000). From first principles, so
 * it cannot share a bug with library code; accurate to ~1e-12 with 20,000 panels.
 */
function studentTCentral(nu: number, z: number): number {
  const g = (t: number) => Math.exp((-(nu + 1) / 2) * Math.log1p((t * t) / nu));
  const simpson = (a: number, b: number, m: number) => {
    const h = (b - a) / m;
    let s = g(a) + g(b);
    for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * g(a + i * h);
    return (s * h) / 3;
  };
  return simpson(-z, z, 20_000) / simpson(-40, 40, 400_000);
}

// ---------------------------------------------------------------------------------------------
// 1. Attribution terms: each term's ci95 is a normal interval for the mean of its per-trial values.
// ---------------------------------------------------------------------------------------------

describe('attribution terms (attributeLogOdds: normal interval of each term\'s mean)', () => {
  const R = 1000;
  const trials = 2000;

  it('the t-coverage reference is right where it is known', () => {
    // ν → ∞: the normal's 0.95 at z = 1.959963984540054; ν = 1: Cauchy, (2/π)·atan(z).
    expect(studentTCentral(1e9, 1.959963984540054)).toBeCloseTo(0.95, 8);
    expect(studentTCentral(1000, 1.0)).toBeGreaterThan(0.68); // sanity: close to 0.6827
  });

  // [tag, factor x, exact E[x], band or 'exact-t']
  const configs: Array<[string, Scenario['factors'], number, 'exact-t' | [number, number]]> = [
    // x ~ Normal(1, 1): the term w·x is normal, so the interval's coverage is exactly P(|T_{n−1}| ≤ Z95).
    ['normal', { x: { dist: 'normal', mean: 1, sd: 1 } }, 1, 'exact-t'],
    // x ~ Beta(2, 5), E[x] = 2/7, skewed: delta-method band.
    ['beta', { x: { dist: 'beta', alpha: 2, beta: 5 } }, 2 / 7, DELTA_BAND],
  ];

  it.each(configs)('%s factor: the term w·x covers its exact mean w·E[x]', (tag, factors, ex, band) => {
    const w = 0.8;
    const scenario: Scenario = { id: `cov-attr-${tag}`, title: 'attribution', params: { b: -0.5, w }, factors, events: { e: 'sigmoid(b + w * x)' } };
    const truth = w * ex;
    let covered = 0;
    const failures: string[] = [];
    for (let i = 0; i < R; i++) {
      const a = attributeLogOddsSync(scenario, { seed: seedOf(`attr/${tag}`, i), trials });
      if (!a.applicable) throw new Error(`not applicable: ${a.reason}`);
      // The base is b (a param only), the single term is w·x (named after its one factor).
      if (a.baseLogOdds !== -0.5 || a.terms.length !== 1 || a.terms[0].name !== 'x') failures.push(`run ${i}: base ${a.baseLogOdds}, terms ${JSON.stringify(a.terms)}`);
      const { mean, ci95: [lo, hi] } = a.terms[0];
      if (!(lo <= mean && mean <= hi)) failures.push(`run ${i}: mean ${mean} outside [${lo}, ${hi}]`);
      if (lo <= truth && truth <= hi) covered++;
    }
    expect(failures.slice(0, 5)).toEqual([]);
    const c = studentTCentral(trials - 1, Z95);
    expect(c).toBeGreaterThan(0.9498); // 0.95 − z·φ(z)(z² + 1)/(2ν) ≈ 0.949861 (Cornish–Fisher)
    expect(c).toBeLessThan(0.95);
    expectCount(`attribution term w·x, ${tag}, exact mean ${truth.toFixed(6)}`, covered, R, band === 'exact-t' ? [c, c] : band);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Spread quantiles of an event's per-trial probability (DDSketch, 0.5% relative accuracy).
// ---------------------------------------------------------------------------------------------

describe('spread quantiles (acrossWorlds.quantiles of sigmoid(x), x ~ Normal(0, 1))', () => {
  /**
   * The bound. Y = sigmoid(X), X ~ N(0, 1), has q-quantile y_q = sigmoid(Φ⁻¹(q)) and density
   * f(y) = φ(logit y) / (y (1 − y)), so f(y_q) = φ(Φ⁻¹(q)) / (y_q (1 − y_q)). The sketch reports
   * a bucket value within ρ = SKETCH_RELATIVE_ACCURACY = tanh(1/200) ≈ 0.005 (relative) of the
   * exact empirical q-quantile Ŷ_q (engine/sketch.ts), and Ŷ_q is asymptotically normal with
   * SE = √(q(1 − q)/n) / f(y_q) (Bahadur; Serfling 1980 §2.3). So the reported value ŷ satisfies
   *   |ŷ − y_q| ≤ |Ŷ_q − y_q| + ρ·Ŷ_q ≤ k·SE + ρ·(y_q + k·SE)   whenever |Ŷ_q − y_q| ≤ k·SE,
   * which has probability 2Φ(k) − 1 up to the normal approximation (its error here is far below
   * 0.01: q·n ≥ 2,500 order statistics on either side). Checks: with k = Z95 the count of runs
   * within the bound is Binomial(R, c ≥ 0.95 − ε) (band [0.94, 1]: the sketch's error is counted
   * at its worst, so c can only exceed 0.95); with k = 5 every run must be within the bound
   * (P(|Z| > 5) = 5.7e-7; 5 quantiles × 500 runs fail a correct library with chance < 1.5e-3).
   * At n = 50,000 the sampling SE (0.0013–0.0014) and the sketch's ρ·y_q (0.0008 at p5,
   * 0.0025 at p50, 0.0042 at p95) are of the same size, so both enter the bound. Measured
   * (seeds fixed): 497–500 of 500 runs within the k = Z95 bound, largest |ŷ − y_q| 3.7–4.5 SE.
   * The count check is weak by construction (the sketch's error is taken at its worst); the
   * k = 5 bound is the sharp one: a wrong rank or level (p2.5 for p5 moves y_q by 0.038 = 30 SE)
   * or a sketch error beyond ρ at these levels fails it.
   */
  const R = 500;
  const trials = 50_000;
  const RHO = Math.tanh(1 / 200);
  // Φ⁻¹ at 0.05, 0.25 (and by symmetry 0.75, 0.95).
  const Z05 = 1.6448536269514722;
  const Z25 = 0.6744897501960817;
  const phi = (x: number) => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
  const levels: Array<['p5' | 'p25' | 'p50' | 'p75' | 'p95', number, number]> = [
    ['p5', 0.05, -Z05],
    ['p25', 0.25, -Z25],
    ['p50', 0.5, 0],
    ['p75', 0.75, Z25],
    ['p95', 0.95, Z05],
  ];
  const scenario: Scenario = { id: 'cov-quantiles', title: 'spread', factors: { x: { dist: 'normal', mean: 0, sd: 1 } }, events: { e: 'sigmoid(x)' } };
  let runs: Array<Record<string, number>> | undefined;
  const runsOnce = () => (runs ??= Array.from({ length: R }, (_, i) => ({ ...simulateSync(scenario, { seed: seedOf('quantiles', i), trials }).events.e.acrossWorlds!.quantiles })));

  it.each(levels)('%s is within k·SE + ρ·(y_q + k·SE) of sigmoid(Φ⁻¹(q))', (key, q, zq) => {
    const yq = sigmoid(zq);
    const se = Math.sqrt((q * (1 - q)) / trials) / (phi(zq) / (yq * (1 - yq)));
    const bound = (k: number) => k * se + RHO * (yq + k * se);
    let within95 = 0;
    const outside5: string[] = [];
    let worst = 0;
    for (const [i, r] of runsOnce().entries()) {
      const d = Math.abs(r[key] - yq);
      worst = Math.max(worst, d / se);
      if (d <= bound(Z95)) within95++;
      if (d > bound(5)) outside5.push(`run ${i}: ${key} = ${r[key]}, exact ${yq}, |diff| ${d} > ${bound(5)}`);
    }
    if (process.env.COVERAGE_REPORT) console.log(`${key}: exact ${yq.toFixed(6)}, SE ${se.toExponential(3)}, ρ·y_q ${(RHO * yq).toExponential(3)}, largest |diff| ${worst.toFixed(2)} SE`);
    expect(outside5.slice(0, 5)).toEqual([]);
    expectCount(`quantile ${key} within Z95·SE + ρ·(y_q + Z95·SE) = ${bound(Z95).toExponential(3)}`, within95, R, [0.94, 1]);
  });

  it('the quantiles are ordered and inside (0, 1) in every run', () => {
    const bad = runsOnce().filter((r) => !(0 < r.p5 && r.p5 <= r.p25 && r.p25 <= r.p50 && r.p50 <= r.p75 && r.p75 <= r.p95 && r.p95 < 1));
    expect(bad.slice(0, 3)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Sobol indices: percentile-bootstrap intervals of the Jansen estimators.
// ---------------------------------------------------------------------------------------------

describe('Sobol indices (analyzeSensitivity: percentile-bootstrap intervals)', () => {
  // p = 0.5 + a·x1 + b·x2 with x1, x2 ~ U(−1, 1) independent (so p ∈ [0.2, 0.8]): additive, so
  // the first-order and total-effect indices coincide, S_i = a_i² / (a² + b²): 0.8 and 0.2.
  const R = 1000;
  const [a, b] = [0.2, 0.1];
  const U = { dist: 'uniform', min: -1, max: 1 } as const;
  const scenario: Scenario = { id: 'cov-sobol', title: 'linear', factors: { x1: U, x2: U }, events: { e: `0.5 + ${a} * x1 + ${b} * x2` } };
  const exact: Record<string, number> = { x1: (a * a) / (a * a + b * b), x2: (b * b) / (a * a + b * b) };
  const SOBOL_BAND: [number, number] = [0.9, 0.97];
  let counts: Record<string, number> | undefined;
  const countsOnce = () => {
    if (counts) return counts;
    const c: Record<string, number> = { 'x1 first': 0, 'x2 first': 0, 'x1 total': 0, 'x2 total': 0 };
    for (let i = 0; i < R; i++) {
      const s = analyzeSensitivitySync(scenario, { seed: seedOf('sobol', i), trials: 1000, sobolSamples: 2000, bootstrap: 200 });
      expect(s.sobol.map((x) => x.factor).sort()).toEqual(['x1', 'x2']);
      for (const idx of s.sobol) {
        for (const kind of ['first', 'total'] as const) {
          const [lo, hi] = idx[kind].ci95;
          if (lo <= exact[idx.factor] && exact[idx.factor] <= hi) c[`${idx.factor} ${kind}`]++;
        }
      }
    }
    return (counts = c);
  };

  it('exact indices', () => {
    expect(exact.x1).toBeCloseTo(0.8, 15);
    expect(exact.x2).toBeCloseTo(0.2, 15);
  });

  it.each(['x1 first', 'x2 first', 'x1 total', 'x2 total'])('%s: the bootstrap interval covers the exact index in 90%–97% of runs', (key) => {
    expectCount(`Sobol ${key}, exact ${exact[key.split(' ')[0]]}`, countsOnce()[key], R, SOBOL_BAND);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Correlated factors (a Gaussian copula on the factors' ranks).
// ---------------------------------------------------------------------------------------------

describe('events of correlated factors (Wilson intervals; the copula must not bend them)', () => {
  const R = 1000;
  const trials = 2000;
  const N01 = { dist: 'normal', mean: 0, sd: 1 } as const;
  const correlated = (id: string, rank: number, events: Scenario['events']): Scenario => ({ id, title: 'correlated normals', factors: { x: N01, y: N01 }, correlations: [{ factors: ['x', 'y'], rank }], events });

  // Two standard normals with Spearman rank r are bivariate normal with ρ = 2·sin(π·r/6), so
  // x + y ~ Normal(0, 2 + 2ρ) and P(x + y > 1) = 1 − Φ(1/√(2 + 2ρ)); quoted from scipy
  // (`norm.sf(1 / sqrt(2 + 2 * rho))`): 0.2829888193695899 at r = 0.5 (ρ = 0.51764),
  // 0.1543107274785726 at r = −0.5. Independent factors would give 0.2398 (4.5 standard errors
  // from 0.2830 at 2,000 trials, so every run would miss). Taking the rank itself as ρ moves the
  // negative-rank p to 0.1587 and the conditional's below to 0.6667: with that bug applied to
  // src/model/correlations.ts these two checks counted 915 and 921 of 1,000, both rejected
  // (the positive-rank p moves only to 0.2819, which this check cannot see).
  const sums: Array<[string, number, number]> = [
    ['positive rank', 0.5, 0.2829888193695899],
    ['negative rank', -0.5, 0.1543107274785726],
  ];

  it.each(sums)('%s: a 0/1 event (x + y > 1) has the exact coverage of the Wilson interval', (tag, rank, p) => {
    const scenario = correlated(`cov-corr-${rank > 0 ? "pos" : "neg"}`, rank, { e: 'x + y > 1' });
    let covered = 0;
    for (let i = 0; i < R; i++) {
      const [lo, hi] = simulateSync(scenario, { seed: seedOf(`corr/${tag}`, i), trials }).events.e.ci95;
      if (lo <= p && p <= hi) covered++;
    }
    // Trials stay independent of each other whatever the factors' correlation, so the number of
    // trials with x + y > 1 is Binomial(trials, p) and the coverage is exactly Wilson's.
    const c = wilsonCoverage(trials, p, Z95);
    expectCount(`correlated 0/1 event, ${tag}, exact p ${p}`, covered, R, [c, c]);
  });

  it('a conditional event P(y > 0 | x > 0) has the exact coverage of Wilson on the trials where x > 0', () => {
    // Orthant probability of a bivariate normal: P(x > 0, y > 0) = 1/4 + asin(ρ)/(2π), and
    // P(x > 0) = 1/2, so P(y > 0 | x > 0) = 1/2 + asin(ρ)/π (Sheppard, 1899).
    const rho = 2 * Math.sin(Math.PI * 0.5 / 6);
    const p = 0.5 + Math.asin(rho) / Math.PI;
    expect(p).toBeCloseTo(0.6731886233119285, 12); // numpy: 0.5 + np.arcsin(2 * sin(pi / 12)) / pi
    const scenario = correlated('cov-corr-cond', 0.5, { meet: 'x > 0', a: { p: 'y > 0', given: 'meet' } });
    let covered = 0;
    for (let i = 0; i < R; i++) {
      const [lo, hi] = simulateSync(scenario, { seed: seedOf('corr/cond', i), trials }).events.a.ci95;
      if (lo <= p && p <= hi) covered++;
    }
    // A 0/1 condition makes the conditional a proportion over the M trials where it held
    // (coverage-estimators.test.ts, "rejection"), M ~ Binomial(trials, 1/2): the coverage is
    // Σ_m P(M = m)·wilson(m, p), summed where P(M = m) > 1e-15.
    const pm = binomialPmf(trials, 0.5);
    let c = 0;
    pm.forEach((w, m) => {
      if (w > 1e-15 && m > 0) c += w * wilsonCoverage(m, p, Z95);
    });
    expectCount(`correlated conditional event, exact p ${p.toFixed(6)}`, covered, R, [c, c]);
  });
});
