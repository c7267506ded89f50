/**
 * Exact reference values for tests/stats/coverage-estimators.test.ts, computed from first
 * principles (closed forms and exact sums over binomial laws), never from library code, so a
 * reference cannot share a bug with the estimator it checks.
 */
import { binomialPmf, wilsonCoverage } from './binomial';

/**
 * E[(1 − h)^k] for h ~ Beta(a, b) and integer k ≥ 0: B(a, b + k) / B(a, b), which the
 * recurrence Γ(x + 1) = x·Γ(x) turns into the finite product Π_{j<k} (b + j) / (a + b + j).
 * It is the chance of k quiet periods in a world drawn from the prior, i.e. a "nothing yet" weight's mean.
 */
export function betaSurvivalMoment(a: number, b: number, k: number): number {
  let m = 1;
  for (let j = 0; j < k; j++) m *= (b + j) / (a + b + j);
  return m;
}

/**
 * P(at least one occurrence in the next m periods | none in the first k) for a constant
 * per-world hazard h ~ Beta(a, b): 1 − E[(1 − h)^(k+m)] / E[(1 − h)^k]
 * = 1 − B(a, b + k + m) / B(a, b + k) (the posterior of h after k quiet periods is Beta(a, b + k)).
 */
export function quietThenWindow(a: number, b: number, k: number, m: number): number {
  return 1 - betaSurvivalMoment(a, b, k + m) / betaSurvivalMoment(a, b, k);
}

/** Indices k with pmf[k] above `tiny` (the rest carry less than pmf.length·tiny in total). */
function support(pmf: Float64Array, tiny = 1e-15): number[] {
  const out: number[] = [];
  for (let k = 0; k < pmf.length; k++) if (pmf[k] > tiny) out.push(k);
  return out;
}

/**
 * Exact coverage of the delta-method ratio interval for P(C | B) when B ~ Bernoulli(pb) and
 * C ~ Bernoulli(pc) are independent 0/1 factors over n trials (a = B·C, b = B per trial).
 *
 * With N trials where B held and K of them where C held too, every per-trial value is 0 or 1,
 * so the sample moments are Σa = Σa² = Σab = K and Σb = Σb² = N, and the delta-method variance
 * of a − r·b with r = K/N (unbiased sample moments, divisor n − 1) is
 *   [K − K²/n − 2r(K − K·N/n) + r²(N − N²/n)] / (n − 1) = K(N − K) / (N (n − 1)),
 * so SE = √(v/n) / (N/n) = √(r(1 − r)/N · n/(n − 1)): the Wald interval over the N trials,
 * inflated by √(n/(n − 1)). Its coverage is therefore
 *   Σ_N P(N) Σ_K P(K | N) [|K/N − pc| ≤ z·SE(K, N)],  N ~ Bin(n, pb), K | N ~ Bin(N, pc),
 * summed here exactly (terms below 1e-15 dropped).
 */
export function bernoulliRatioCoverage(n: number, pb: number, pc: number, z: number): number {
  const pN = binomialPmf(n, pb);
  let c = 0;
  for (const N of support(pN)) {
    if (N === 0) continue; // the run refuses (condition never held); P(N = 0) is below 1e-15 here
    const pK = binomialPmf(N, pc);
    let inner = 0;
    for (const K of support(pK)) {
      const r = K / N;
      const se = Math.sqrt(((r * (1 - r)) / N) * (n / (n - 1)));
      if (Math.abs(r - pc) <= z * se) inner += pK[K];
    }
    c += pN[N] * inner;
  }
  return c;
}

/**
 * Exact coverage of the Wilson interval for P(E) after rejection on an independent 0/1
 * condition held with probability pg: the kept count N ~ Bin(n, pg), and given N the
 * interval is Wilson's for N trials, whose coverage {@link wilsonCoverage} gives exactly.
 * Only N ≥ minKept enter (a run with fewer effective trials refuses); the returned `mass` is
 * the probability of that (≈ 1 in the tests).
 */
export function rejectionWilsonCoverage(n: number, pg: number, p: number, z: number, minKept: number): { coverage: number; mass: number } {
  const pN = binomialPmf(n, pg);
  let c = 0;
  let mass = 0;
  for (const N of support(pN, 1e-13)) {
    if (N < minKept) continue;
    mass += pN[N];
    c += pN[N] * wilsonCoverage(N, p, z);
  }
  return { coverage: c / mass, mass };
}
