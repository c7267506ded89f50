/** Probability mass kept by truncating a normal: shared by validation and the sampler. */
import { normalCdf } from './special';

/**
 * Smallest probability a truncation interval must keep. Below it the truncated normal is a
 * point mass in all but name, its moments lose their digits, and the user almost certainly
 * mistyped a bound; the check also guarantees that sampling does bounded work.
 */
export const MIN_TRUNCATION_MASS = 1e-12;

/**
 * P(lo <= X <= hi) for X ~ Normal(mean, sd), computed in whichever tail keeps relative
 * precision (an interval far above the mean uses upper tails, so [7, ∞) gives 1.28e-12 rather
 * than 1 − 1 = 0).
 */
export function truncatedMass(mean: number, sd: number, lo: number, hi: number): number {
  const a = (lo - mean) / sd;
  const b = (hi - mean) / sd;
  return a > 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
}
