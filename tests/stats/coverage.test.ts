/**
 * Interval coverage: do the engine's 95% intervals contain the true probability as often as a
 * 95% interval should?
 *
 * Method. For each configuration (true p, trials n) the engine runs R times with different
 * fixed seeds (`coverage/<config>/<r>`), and we count the runs whose reported `ci95` contains
 * p. The runs are independent (every seed gives unrelated streams), so the count is exactly
 * Binomial(R, c) where c is the interval's true coverage at (n, p). The test rejects a count
 * whose two tail probabilities leave it implausible, with a false-alarm rate of at most
 * ALPHA = 0.001 per check (0.0005 per side); with 24 checks (15 coverage counts, 9 zero-event
 * counts) the chance that a correct engine fails for some choice of seeds is below 2.4%. The
 * seeds are fixed, so the suite is deterministic: it passes or fails the same way everywhere.
 *
 * 0/1 events (Wilson). The event is a Bernoulli(p) factor, so the count of events in a run is
 * Binomial(n, p) and the coverage c is known exactly: c = Σ_k P(K = k)·[p in Wilson(k, n)],
 * computed in tests/stats/binomial.ts from the score-test definition of the interval, not from
 * the library's formula. Wilson's coverage is not 0.95 at every (n, p): Brown, Cai & DasGupta,
 * "Interval Estimation for a Binomial Proportion", Statistical Science 16(2):101–133 (2001),
 * show it oscillating around the nominal level and dipping for p near 0 or 1 (which is why
 * they propose a modified lower bound for k = 1, 2). The dip's depth follows from the Poisson
 * limit: k = 1 is covered only once n·p ≥ λ₁ = 1 + z²/2 − z·√(1 + z²/4) ≈ 0.176, so just below
 * λ₁ the coverage is P(K = 0) ≈ e^−λ₁ ≈ 0.838. So each configuration is checked against its
 * exact c (which catches a wrong interval, a biased sampler, or correlated seeds), and c itself
 * is checked to be near 0.95 where n·p and n·(1 − p) are both at least 5, and above the Poisson
 * dip bound where they are not.
 *
 * Probability-valued events (mean of per-trial probabilities, normal interval). The event is a
 * Beta(α, β) factor with true p = α / (α + β). Here c is not known exactly: the interval is a
 * normal-theory interval for a mean with the unbiased variance, whose two-sided coverage is
 * 0.95 + O(1/n) by the Edgeworth expansion of the studentized mean (Hall, "The Bootstrap and
 * Edgeworth Expansion", 1992, §2.6): c ≈ 0.95 − [φ(z)(z³ + z)/2 + 0.2474·γ² − 0.0161·κ] / n
 * with skewness γ and excess kurtosis κ of the per-trial values. For the Beta laws below
 * (γ ≤ 2, κ ≤ 6) the correction is at most 1.2/n, i.e. 0.0012 at n = 1000 and 0.0017 at
 * n = 200. We accept any c in [0.95 − 0.005 − 1.5/n, 0.95 + 0.005]: the band is wider than
 * the predicted correction by a factor of more than three, so only a genuinely wrong interval
 * (a wrong z, a wrong variance, a biased mean) fails.
 *
 * Power (what a failure would mean). With R = 1000 and c = 0.95 the count has sd ≈ 6.9, so the
 * acceptance region is about ±23 around 950: an interval that covers 92.5% or less is
 * caught; e.g. using z = 1.645 (a 90% interval) or the population instead of the sample
 * variance at n = 20 would fail.
 *
 * Time: 15,200 runs of 100–5,000 trials, 5–11 s on the loaded 2-core CI machine.
 */
import { describe, expect, it } from 'vitest';
import { simulateSync, Z95, type Scenario } from '../../src/index';
import { binomialPmf, consistentCount, wilsonCoverage } from './binomial';

const ALPHA = 0.001;

interface Tally {
  covered: number;
  zeroEventRuns: number;
  failures: string[];
}

/** Runs `scenario` R times with seeds `coverage/<tag>/<r>` and tallies event `e` against `truth`. */
function tally(tag: string, scenario: Scenario, trials: number, r: number, truth: number, method: 'wilson' | 'mean'): Tally {
  const t: Tally = { covered: 0, zeroEventRuns: 0, failures: [] };
  for (let i = 0; i < r; i++) {
    const seed = `coverage/${tag}/${i}`;
    const e = simulateSync(scenario, { seed, trials }).events.e;
    const [lo, hi] = e.ci95;
    // Per-run invariants: a probability inside [0, 1] and inside its own interval.
    if (!(lo >= 0 && lo <= e.probability && e.probability <= hi && hi <= 1)) t.failures.push(`${seed}: ${JSON.stringify(e)}`);
    if (e.trials !== trials) t.failures.push(`${seed}: trials ${e.trials}`);
    if (e.probability === 0) {
      t.zeroEventRuns++;
      // Zero events: the interval is [0, z²/(n + z²)] (Wilson's upper bound at k = 0, closed
      // form). Its upper end must still reach above the truth whenever n·p < z² ≈ 3.84 (the
      // k = 0 branch is then in the covering set); for larger n·p, seeing no event at all is
      // itself the rare miss that the coverage count allows for.
      const upper = (Z95 * Z95) / (trials + Z95 * Z95);
      const mustCover = trials * truth < Z95 * Z95;
      if (e.method !== 'wilson' || lo !== 0 || Math.abs(hi - upper) > 1e-15 || (mustCover && !(hi > truth))) {
        t.failures.push(`${seed}: zero events but interval ${JSON.stringify(e.ci95)} (want [0, ${upper}] above ${truth})`);
      }
    } else if (e.method !== method) {
      t.failures.push(`${seed}: method ${e.method}, expected ${method}`);
    }
    if (lo <= truth && truth <= hi) t.covered++;
  }
  return t;
}

function expectConsistent(label: string, covered: number, r: number, cLo: number, cHi: number): void {
  const { ok, lowTail, highTail } = consistentCount(covered, r, cLo, cHi, ALPHA);
  expect(
    ok,
    `${label}: ${covered}/${r} intervals covered; P(X ≤ ${covered} | c = ${cLo.toFixed(4)}) = ${lowTail.toExponential(2)}, ` +
      `P(X ≥ ${covered} | c = ${cHi.toFixed(4)}) = ${highTail.toExponential(2)}, need both ≥ ${ALPHA / 2}`,
  ).toBe(true);
}

const bernoulliEvent = (p: number): Scenario => ({
  id: 'coverage-bernoulli',
  title: 'A Bernoulli factor as the event',
  factors: { b: { dist: 'bernoulli', p } },
  events: { e: 'b' },
});

const betaEvent = (alpha: number, beta: number): Scenario => ({
  id: 'coverage-beta',
  title: 'A Beta factor as the event',
  factors: { x: { dist: 'beta', alpha, beta } },
  events: { e: 'x' },
});

describe('coverage of the Wilson interval (0/1 events, Bernoulli factor as the event)', () => {
  const R = 1000;
  // [p, n]. n·p = 0.15 sits in the Poisson dip (coverage = P(K = 0) = 0.999^150 ≈ 0.861);
  // n·p = 1 is the zero-event case with P(K = 0) ≈ 0.37; the rest span small and large n.
  const configs: Array<[number, number]> = [
    [0.001, 150],
    [0.001, 1000],
    [0.001, 5000],
    [0.05, 200],
    [0.05, 2000],
    [0.3, 500],
    [0.3, 2000],
    [0.5, 100],
    [0.5, 2000],
  ];

  it.each(configs)('p = %s, n = %s: covered count consistent with the exact coverage', (p, n) => {
    const c = wilsonCoverage(n, p, Z95);
    const lambda = Math.min(n * p, n * (1 - p));
    if (lambda >= 5) {
      // Away from the boundary Wilson's exact coverage stays near nominal (BCD 2001).
      expect(Math.abs(c - 0.95), `exact coverage ${c}`).toBeLessThan(0.02);
    } else {
      // Near p = 0: never below the Poisson-limit dip e^−λ₁ (see the header), minus a margin
      // of 0.01 for finite n.
      const lambda1 = 1 + (Z95 * Z95) / 2 - Z95 * Math.sqrt(1 + (Z95 * Z95) / 4);
      expect(c, `exact coverage ${c}`).toBeGreaterThan(Math.exp(-lambda1) - 0.01);
    }

    const t = tally(`wilson/${p}/${n}`, bernoulliEvent(p), n, R, p, 'wilson');
    expect(t.failures).toEqual([]);
    expectConsistent(`Wilson p=${p} n=${n} (exact coverage ${c.toFixed(4)})`, t.covered, R, c, c);

    // The number of zero-event runs is Binomial(R, (1 − p)^n): checks the sampler at the far
    // tail, where the interval's k = 0 branch is used.
    const p0 = binomialPmf(n, p)[0];
    expectConsistent(`zero-event runs, P(K = 0) = ${p0.toFixed(4)}`, t.zeroEventRuns, R, p0, p0);
  });

  it('the zero-event case is really exercised', () => {
    // At p = 0.001 and n = 1000 about 37% of runs see no event (0.999^1000 = 0.3677); each was
    // checked above to report [0, z²/(n + z²)] = [0, 0.00383], which covers p = 0.001.
    const t = tally('wilson/0.001/1000', bernoulliEvent(0.001), 1000, 200, 0.001, 'wilson');
    expect(t.zeroEventRuns).toBeGreaterThan(40);
    expect(t.failures).toEqual([]);
  });
});

describe('coverage of the normal interval (probability-valued events, Beta factor as the event)', () => {
  const R = 1000;
  // [alpha, beta, n]; p = alpha / (alpha + beta). Skewness γ and excess kurtosis κ (closed
  // forms for the Beta law) are ≤ 2 and ≤ 6 here: Beta(1, 999) is nearly exponential
  // (γ = 1.99, κ = 5.95), Beta(1, 19) γ = 1.72, κ = 3.99, Beta(3, 7) γ = 0.48,
  // Beta(2, 2) γ = 0, κ = −0.86, Beta(0.5, 0.5) (U-shaped) γ = 0, κ = −1.5.
  const configs: Array<[number, number, number]> = [
    [1, 999, 1000],
    [1, 19, 1000],
    [3, 7, 200],
    [3, 7, 1000],
    [2, 2, 1000],
    [0.5, 0.5, 1000],
  ];

  it.each(configs)('Beta(%s, %s), n = %s: covered count consistent with nominal 95 (Edgeworth band)', (a, b, n) => {
    const p = a / (a + b);
    const t = tally(`mean/${a}/${b}/${n}`, betaEvent(a, b), n, R, p, 'mean');
    expect(t.failures).toEqual([]);
    expect(t.zeroEventRuns).toBe(0);
    expectConsistent(`mean interval Beta(${a}, ${b}) n=${n}`, t.covered, R, 0.95 - 0.005 - 1.5 / n, 0.95 + 0.005);
  });
});
