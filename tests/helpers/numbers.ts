/** Numeric comparisons shared by the tests of every folder. */

/**
 * |got − want| / |want|, and 0 when the two are the same number: a reference that rounds to 0
 * (a quantile of about 1e-400) is met only by 0 itself, never within a relative tolerance.
 */
export function relativeError(got: number, want: number): number {
  return got === want ? 0 : Math.abs(got - want) / Math.abs(want);
}
