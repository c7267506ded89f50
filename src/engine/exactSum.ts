/**
 * Exact floating-point summation (Shewchuk's non-overlapping partials, as in Python's
 * `math.fsum`). A sum is kept as a list of doubles whose exact real sum is the true total, so
 * merging chunk totals is exactly associative and commutative: any grouping of chunks, any
 * worker count, gives the same rounded result.
 */

/** Adds x to the partials in place; the exact sum of the partials grows by exactly x. */
export function addExact(partials: number[], x: number): void {
  let i = 0;
  const n = partials.length;
  for (let j = 0; j < n; j++) {
    let y = partials[j];
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  // Most additions leave as many partials as before (a count into a count): write in place,
  // and change the array's length only when it changes.
  if (i < n) {
    partials[i] = x;
    if (i + 1 < n) partials.length = i + 1;
  } else partials.push(x);
}

/** Adds every partial of `other` into `into`. */
export function mergeExact(into: number[], other: readonly number[]): void {
  for (const x of other) addExact(into, x);
}

/** The exact sum of the partials rounded once to the nearest double (ties to even). */
export function roundExact(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way case: the rest of the partials decide which way the rounding of hi + lo goes.
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * The correctly rounded value of a small integer combination of exact sums, e.g.
 * Σx² − 2Σxy + Σy² for Σ(x − y)²; coefficients of ±1 and ±2 keep every product exact.
 */
export function combineExact(terms: ReadonlyArray<readonly [number, readonly number[]]>): number {
  const out: number[] = [];
  for (const [coefficient, partials] of terms) for (const x of partials) addExact(out, coefficient * x);
  return roundExact(out);
}

/**
 * One Neumaier step: adds v to the running sum sum[k], its compensation in comp[k], as every
 * per-chunk accumulator does (the same arithmetic everywhere, so sums agree bit for bit).
 */
export function addCompensated(sum: Float64Array, comp: Float64Array, k: number, v: number): void {
  const a = sum[k];
  const t = a + v;
  comp[k] += Math.abs(a) >= Math.abs(v) ? a - t + v : v - t + a;
  sum[k] = t;
}
