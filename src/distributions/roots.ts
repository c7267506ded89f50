/**
 * Root finding shared by the quantile functions: a search over the doubles themselves, and
 * Newton/Halley steps kept inside a shrinking bracket. Both are deterministic (BigInt and IEEE
 * arithmetic only), so a quantile is the same bits on every engine.
 */

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);
const SIGN = 1n << 63n;

/**
 * The position of `x` in the order of the doubles, as an integer: adjacent doubles have adjacent
 * keys, −0 and +0 share key 0, and ±Infinity are the ends.
 */
function orderKey(x: number): bigint {
  F64[0] = x;
  const bits = U64[0];
  return bits >= SIGN ? SIGN - bits : bits;
}

function fromOrderKey(k: bigint): number {
  U64[0] = k < 0n ? SIGN - k : k;
  return F64[0];
}

/**
 * The double halfway between `lo` and `hi` (lo < hi) in the order of the doubles: halving this
 * gap 64 times reaches adjacent doubles whatever their magnitudes, where the arithmetic midpoint
 * needs about 2,000 steps to cross from 1e-300 to 1e300 (it is near the geometric mean for
 * positive bounds far apart).
 */
function midDouble(lo: number, hi: number): number {
  const a = orderKey(lo);
  return fromOrderKey(a + (orderKey(hi) - a) / 2n);
}

/**
 * The smallest double x in [lo, hi] for which `holds(x)`, for a predicate that is false and
 * then true along the doubles; `holds(hi)` is taken as true without asking. At most 65 calls of
 * `holds`, and the answer is exact: the double just below it fails the predicate (or is below
 * `lo`). Used for inf{x : F(x) >= p}, which for a step function F is exactly a jump point.
 */
export function smallestDoubleWhere(holds: (x: number) => boolean, lo: number, hi: number): number {
  if (holds(lo)) return lo;
  let a = orderKey(lo);
  let b = orderKey(hi);
  while (b - a > 1n) {
    const m = a + (b - a) / 2n;
    if (holds(fromOrderKey(m))) b = m;
    else a = m;
  }
  return fromOrderKey(b);
}

/** What {@link solveIncreasing} needs at a point: the function's value and a proposed step. */
export interface RootProbe {
  /** f(x), for an f that increases through its root. */
  readonly f: number;
  /** The Newton or Halley correction: the next guess is x − step (NaN: none). */
  readonly step: number;
}

/**
 * The root of an increasing f in [lo, hi], starting at `x`. Each probe shrinks the bracket to
 * the side the root is on; a step that would leave the bracket is replaced by
 * {@link midDouble}, so the iteration converges like Newton's where it can and never worse than
 * bisection over the doubles. Stops when a step changes x by less than 1e-15 relative, when
 * the bracket closes to adjacent doubles, or after 200 probes.
 */
export function solveIncreasing(probe: (x: number) => RootProbe, lo: number, hi: number, x: number): number {
  if (!(x > lo && x < hi)) x = midDouble(lo, hi);
  for (let iter = 0; iter < 200; iter++) {
    const { f, step } = probe(x);
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    let next = x - step;
    if (!(next > lo && next < hi)) {
      next = midDouble(lo, hi);
      if (next === lo || next === hi) return x;
    }
    if (Math.abs(next - x) <= 1e-15 * Math.abs(x)) return next;
    x = next;
  }
  return x;
}

/** The largest double below `x` (for a finite x): P(X = x) = F(x) − F(nextDown(x)) for a step CDF F. */
export function nextDown(x: number): number {
  return fromOrderKey(orderKey(x) - 1n);
}
