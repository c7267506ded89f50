/** Argument checks shared by every distribution's methods. */

/**
 * @throws RangeError unless n is an integer with 0 <= n <= out.length: writing past the end
 *   of a typed array is silently ignored, which would hide an engine bug.
 */
export function checkBatch(out: Float64Array, n: number): void {
  if (!(Number.isInteger(n) && n >= 0 && n <= out.length)) {
    throw new RangeError(`sample count must be an integer in [0, ${out.length}] (got ${n})`);
  }
}

/** @throws RangeError unless 0 <= p <= 1. */
export function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile needs p in [0, 1] (got ${p})`);
}

/**
 * Freezes a validated spec and everything in it (weights, values, a mixture's components) so
 * `Distribution.spec` cannot drift. Validation bounds how deep a spec nests.
 */
export function freezeSpec<T extends object>(spec: T): T {
  for (const v of Object.values(spec)) if (typeof v === 'object' && v !== null) freezeSpec(v);
  return Object.freeze(spec);
}
