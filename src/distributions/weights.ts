/**
 * Drawing an index with probability proportional to a weight, shared by the categorical and
 * mixture families: a draw is u·total for a 53-bit u in (0, 1), located in the running sums of
 * the raw weights (no division, so equal weights are exactly equally likely). A weight of 0 can
 * never be drawn, and the last positive weight takes any rounding at the top.
 */

/** Above this many weights {@link pickIndex} bisects the running sums instead of scanning. */
const LINEAR_SCAN_MAX = 16;

/** The running sums of a list of weights >= 0 with a positive, finite total. */
export interface WeightTable {
  /** Σ weights. */
  readonly total: number;
  /** Running sums; +Infinity from the last positive weight on. */
  readonly cumulative: Float64Array;
  /** Index of the first positive weight. */
  readonly first: number;
  /** Index of the last positive weight. */
  readonly last: number;
}

/** The running sums of `weights` (each >= 0, at least one positive, a finite total). */
export function weightTable(weights: readonly number[]): WeightTable {
  const k = weights.length;
  let last = k - 1;
  while (weights[last] === 0) last--;
  let first = 0;
  while (weights[first] === 0) first++;
  const cumulative = new Float64Array(k);
  let run = 0;
  for (let i = 0; i < k; i++) {
    run += weights[i];
    cumulative[i] = i >= last ? Infinity : run;
  }
  return { total: weights.reduce((s, w) => s + w, 0), cumulative, first, last };
}

/** The index drawn by the uniform `u`: the smallest j with u·total < cumulative[j]. */
export function pickIndex(table: WeightTable, u: number): number {
  const t = u * table.total;
  const cum = table.cumulative;
  if (cum.length <= LINEAR_SCAN_MAX) {
    let j = 0;
    while (t >= cum[j]) j++;
    return j;
  }
  let l = 0;
  let h = table.last;
  while (l < h) {
    const m = (l + h) >>> 1;
    if (t < cum[m]) h = m;
    else l = m + 1;
  }
  return l;
}
