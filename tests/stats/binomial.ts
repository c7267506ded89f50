/**
 * Exact binomial arithmetic for the coverage tests: the pmf, tail probabilities, and the exact
 * coverage of the Wilson interval. Everything is computed from first principles here (no
 * library code) so the reference cannot share a bug with what it checks.
 */

/**
 * P(X = k) for X ~ Binomial(n, p), k = 0..n, as an array. log C(n, k) is built by the exact
 * recurrence C(n, k+1) = C(n, k)·(n − k)/(k + 1) in log space, so no lgamma approximation is
 * involved; relative error is about n·2^-53, far below anything the tests resolve.
 */
export function binomialPmf(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  if (p === 0 || p === 1) {
    out[p === 0 ? 0 : n] = 1;
    return out;
  }
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let logC = 0;
  for (let k = 0; k <= n; k++) {
    out[k] = Math.exp(logC + k * lp + (n - k) * lq);
    logC += Math.log(n - k) - Math.log(k + 1);
  }
  return out;
}

/** P(X ≤ x) and P(X ≥ x) for X ~ Binomial(n, p). */
export function binomialTails(x: number, n: number, p: number): { le: number; ge: number } {
  const pmf = binomialPmf(n, p);
  let le = 0;
  let ge = 0;
  for (let k = 0; k <= n; k++) {
    if (k <= x) le += pmf[k];
    if (k >= x) ge += pmf[k];
  }
  return { le: Math.min(1, le), ge: Math.min(1, ge) };
}

/**
 * Exact coverage of the two-sided Wilson (score) interval at level z for n trials and true
 * probability p: Σ_k P(K = k)·[p is inside the interval for k]. The Wilson interval is by
 * definition the set of p the score test does not reject (Wilson 1927):
 * (k − n·p)² ≤ z²·n·p·(1 − p). Using that definition, rather than the interval's closed form,
 * keeps this reference independent of `wilsonInterval`.
 */
export function wilsonCoverage(n: number, p: number, z: number): number {
  const pmf = binomialPmf(n, p);
  const bound = z * z * n * p * (1 - p);
  let c = 0;
  for (let k = 0; k <= n; k++) if ((k - n * p) ** 2 <= bound) c += pmf[k];
  return c;
}

/**
 * Whether an observed count is consistent with Binomial(R, c) for some c in [cLo, cHi], with a
 * false-alarm rate of at most `alpha` (alpha/2 per side): rejected when P_cLo(X ≤ x) < alpha/2
 * (too few) or P_cHi(X ≥ x) < alpha/2 (too many). Returns both tail probabilities for messages.
 */
export function consistentCount(x: number, r: number, cLo: number, cHi: number, alpha: number): { ok: boolean; lowTail: number; highTail: number } {
  const lowTail = binomialTails(x, r, cLo).le;
  const highTail = binomialTails(x, r, cHi).ge;
  return { ok: lowTail >= alpha / 2 && highTail >= alpha / 2, lowTail, highTail };
}
