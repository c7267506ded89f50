/**
 * What the integer-valued families (Poisson, binomial) share: the quantile search over the
 * integers, sampling by sequential inversion for small means, and Hörmann's transformed
 * rejection with squeeze for large ones.
 */
import type { RandomStream } from '../rng';
import { log, normalQuantile } from '../math/index';

/** Where an integer-valued distribution lives: its support lo..hi and its first three moments. */
export interface IntegerShape {
  readonly mean: number;
  readonly sd: number;
  readonly skewness: number;
  readonly lo: number;
  /** Largest value of the support (+Infinity for the Poisson). */
  readonly hi: number;
}

/**
 * The p-quantile inf{x : F(x) >= p} of a distribution on the integers lo..hi: the smallest
 * integer k with cdf(k) >= p, for p in (0, 1). The search starts at the Cornish–Fisher
 * approximation mean + sd·(z + skewness·(z² − 1)/6), z the normal p-quantile, widens a bracket
 * from there by doubling steps and bisects it, deciding every step with the exact `cdf`; the
 * start is usually within one or two of the answer, so a search costs a handful of CDF
 * evaluations. cdf(hi) is taken as >= p.
 */
export function integerQuantile(p: number, cdf: (k: number) => number, shape: IntegerShape): number {
  const { lo, hi } = shape;
  const z = normalQuantile(p);
  const guess = Math.round(shape.mean + shape.sd * (z + (shape.skewness * (z * z - 1)) / 6));
  const atLeast = (k: number): boolean => k >= hi || cdf(k) >= p;
  const start = guess <= lo ? lo : guess > hi ? hi : guess;
  // Invariant: `below` fails (or is lo − 1), `above` holds.
  let below: number;
  let above: number;
  if (atLeast(start)) {
    above = start;
    below = start - 1;
    for (let step = 1; below >= lo && atLeast(below); step *= 2) {
      above = below;
      below = Math.max(lo - 1, above - 2 * step);
    }
  } else {
    below = start;
    above = start + 1;
    for (let step = 1; !atLeast(above); step *= 2) {
      below = above;
      above = Math.min(hi, below + 2 * step);
    }
  }
  while (above - below > 1) {
    const mid = below + Math.floor((above - below) / 2);
    if (atLeast(mid)) above = mid;
    else below = mid;
  }
  return above;
}

/**
 * One draw by sequential inversion: the smallest k >= 0 with u <= P(X <= k), walking up the
 * probabilities from P(X = 0) = `p0` by the ratios P(X = k)/P(X = k − 1) = `ratio(k)`. Stops at
 * `kMax`, or where the terms underflow to 0 before the running sum reaches u (possible only
 * when rounding left the sum a few ulps short of 1 and u above it). Expected steps: the mean.
 */
export function invertSequentially(u: number, p0: number, ratio: (k: number) => number, kMax: number): number {
  let k = 0;
  let term = p0;
  let sum = p0;
  while (u > sum && k < kMax && term > 0) {
    k++;
    term *= ratio(k);
    sum += term;
  }
  return k;
}

/**
 * The constants of one transformed rejection sampler (W. Hörmann: "The transformed rejection
 * method for generating Poisson random variables", Insurance: Mathematics and Economics 12,
 * 1993, algorithm PTRS; "The generation of binomial random variates", J. Statist. Comput.
 * Simul. 46, 1993, algorithm BTRS). A point (U, V) gives k = ⌊(2a/us + b)·U + shift⌋ with
 * us = 0.5 − |U|, and is accepted when V·scale/(a/us² + b) <= P(X = k).
 */
export interface TransformedRejection {
  readonly a: number;
  readonly b: number;
  readonly shift: number;
  /** Points with us >= 0.07 and V <= vr lie under the target: accepted without a logarithm. */
  readonly vr: number;
  /** Largest value of the support (Infinity for the Poisson). */
  readonly kMax: number;
  /** PTRS's quick rejection of the region us < 0.013, V > us, where its hat has no mass. */
  readonly quickReject: boolean;
  /** ln of the hat's scale: ln(1/α) for PTRS, ln α + ln P(X = mode) for BTRS. */
  readonly logScale: number;
  /** ln P(X = k) for an integer k in [0, kMax]. */
  readonly logPmf: (k: number) => number;
}

/**
 * One draw by transformed rejection with the constants `t`, as Hörmann's PTRS and BTRS, with the
 * tight box's test on its own pair of uniforms (as numpy and TensorFlow do; Hörmann's step 1
 * reuses V's bits for U, which saves a uniform but not a branch). Exact: the acceptance test
 * compares with the exact probabilities, whose logarithms come from Loader's accurate terms.
 * Expected pairs per draw about 1.15.
 */
export function transformedRejection(stream: RandomStream, t: TransformedRejection): number {
  for (;;) {
    const u = stream.double() - 0.5;
    const v = stream.double();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * t.a) / us + t.b) * u + t.shift);
    if (us >= 0.07 && v <= t.vr) return k;
    if (k < 0 || k > t.kMax || (t.quickReject && us < 0.013 && v > us)) continue;
    if (log(v) - log(t.a / (us * us) + t.b) <= t.logPmf(k) - t.logScale) return k;
  }
}
