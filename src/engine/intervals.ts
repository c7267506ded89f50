/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/** A probability estimate with its 95% interval. */
export interface Interval {
  readonly estimate: number;
  readonly lo: number;
  readonly hi: number;
  readonly standardError: number;
}

/**
 * Wilson score interval for k successes in n trials (Wilson 1927); unlike the Wald interval it
 * stays inside [0, 1] and gives a positive upper bound when k = 0.
 */
export function wilsonInterval(k: number, n: number, z = Z95): Interval {
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 (or n) the bound is exactly 0 (or 1); the formula leaves rounding dust there.
  return {
    estimate: p,
    lo: k === 0 ? 0 : Math.max(0, centre - half),
    hi: k === n ? 1 : Math.min(1, centre + half),
    standardError: Math.sqrt((p * (1 - p)) / n),
  };
}

/**
 * Normal-approximation (CLT) interval for the mean of per-trial probabilities, from their sum
 * and sum of squares; clipped to [0, 1]. From fewer than two trials, [0, 1] (standard error
 * 0.5, the largest a probability can have).
 */
export function meanInterval(sum: number, sumSq: number, n: number, z = Z95): Interval {
  const mean = sum / n;
  // One trial says nothing about the spread: the honest interval is all of [0, 1], not a point.
  if (n < 2) return { estimate: mean, lo: 0, hi: 1, standardError: 0.5 };
  const variance = sampleVariance(sum, sumSq, n);
  const se = Math.sqrt(variance / n);
  return { estimate: mean, lo: Math.max(0, mean - z * se), hi: Math.min(1, mean + z * se), standardError: se };
}

/** Unbiased sample variance from a sum and a sum of squares (0 for fewer than two values). */
export function sampleVariance(sum: number, sumSq: number, n: number): number {
  if (n < 2) return 0;
  return Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
}

/** The larger distance from the estimate to either end of its interval. */
export function halfWidth(i: Interval): number {
  return Math.max(i.estimate - i.lo, i.hi - i.estimate);
}

/**
 * Ratio estimate Σa / Σb over trials with a delta-method (linearisation) interval, clipped to
 * [0, 1]; used for conditional probabilities such as P(venue | summit) = E[p_s q_v] / E[p_s].
 * The variance of a − R·b per trial, divided by n and by the squared mean of b, is the
 * standard first-order variance of a ratio estimator (Cochran, Sampling Techniques, 6.3).
 */
export function ratioInterval(sa: number, saa: number, sb: number, sbb: number, sab: number, n: number, z = Z95): Interval {
  const r = sa / sb;
  if (n < 2) return { estimate: r, lo: 0, hi: 1, standardError: 0.5 };
  const se = ratioStandardError(sa, saa, sb, sbb, sab, n);
  return { estimate: r, lo: Math.max(0, r - z * se), hi: Math.min(1, r + z * se), standardError: se };
}

/** The delta-method standard error of the ratio Σa / Σb (see {@link ratioInterval}), for any real a. */
export function ratioStandardError(sa: number, saa: number, sb: number, sbb: number, sab: number, n: number): number {
  const r = sa / sb;
  const cov = n < 2 ? 0 : (sab - (sa * sb) / n) / (n - 1);
  const v = Math.max(0, sampleVariance(sa, saa, n) - 2 * r * cov + r * r * sampleVariance(sb, sbb, n));
  return Math.sqrt(v / n) / (sb / n);
}
