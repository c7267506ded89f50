/**
 * Special functions behind the distributions' `cdf` and `quantile`: log-gamma, and the
 * regularized incomplete beta function and its inverse; the normal CDF and its inverse and
 * erf/erfc live in src/math/normal.ts, which the formula functions `phi` and `probit` share,
 * and are re-exported from here.
 *
 * Everything here is deterministic straight-line IEEE arithmetic plus `Math.sqrt` and src/math's
 * `log/exp/log1p/pow`, with fixed iteration caps, so the same input gives the same output on
 * every call and on every JavaScript engine.
 */
import { exp, log, log1p, pow } from '../math/index';

export { erf, erfc, normalCdf, normalPdf, normalQuantile } from '../math/normal';

/** 0.5 * ln(2 pi). */
const HALF_LOG_2PI = 0.9189385332046728;

/**
 * Natural logarithm of the gamma function for x > 0.
 *
 * Shifts x up to at least 10 with Γ(x) = Γ(x+k) / (x(x+1)…(x+k−1)) and applies Stirling's
 * series through the x⁻¹³ term (truncation error below 3e-17 at x = 10). Absolute error about
 * 1e-15; exact integer factorials are reproduced to that accuracy.
 *
 * @returns NaN for x <= 0 or NaN, +Infinity for +Infinity.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  let shift = 0;
  if (x < 10) {
    let prod = 1;
    while (x < 10) {
      prod *= x;
      x += 1;
    }
    shift = log(prod);
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 * (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
  return (x - 0.5) * log(x) - x + HALF_LOG_2PI + series - shift;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const CF_TINY = 1e-300;
const CF_EPS = 1e-16;

/**
 * Continued fraction for the incomplete beta function (modified Lentz), which converges
 * quickly for x < (a+1)/(a+b+2); takes O(sqrt(max(a, b))) terms.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < CF_TINY) d = CF_TINY;
  d = 1 / d;
  let h = d;
  const maxIter = 1000 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= CF_EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b) = P(X <= x) for X ~ Beta(a, b), or its
 * complement 1 − I_x(a, b) when `upper` is true (computed directly, so a small upper tail keeps
 * its relative precision).
 *
 * Continued fraction (Numerical Recipes §6.4, modified Lentz) on whichever side converges
 * fast; relative accuracy about 1e-14 for moderate a, b.
 *
 * @param x - point; values <= 0 give 0 and values >= 1 give 1 (lower tail).
 * @param a - first shape, > 0.
 * @param b - second shape, > 0.
 * @param upper - default false: return the lower tail I_x(a, b).
 * @param lbeta - ln B(a, b) if the caller has it cached (default: computed).
 * @returns NaN if x, a or b is NaN or a, b <= 0.
 */
export function incompleteBeta(x: number, a: number, b: number, upper = false, lbeta = logBeta(a, b)): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return NaN;
  if (x <= 0) return upper ? 1 : 0;
  if (x >= 1) return upper ? 0 : 1;
  const front = exp(a * log(x) + b * log1p(-x) - lbeta);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(x, a, b)) / a;
    return upper ? 1 - lower : lower;
  }
  const up = (front * betaContinuedFraction(1 - x, b, a)) / b;
  return upper ? up : 1 - up;
}

/** Density of Beta(a, b) at x in (0, 1), from ln B(a, b). */
function betaPdf(x: number, a: number, b: number, lbeta: number): number {
  return exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lbeta);
}

/**
 * Inverse of the regularized incomplete beta function: the x in [0, 1] with I_x(a, b) = p, i.e.
 * the p-quantile of Beta(a, b).
 *
 * Quantiles above 1/2 are found as 1 − y with I_y(b, a) = 1 − p, so the solver always works on
 * [0, 1/2] where doubles are dense (a quantile within 1e-20 of 1 comes out as exactly 1 rather
 * than a few ulps short). It starts from the Numerical Recipes (§6.4) initial guess and refines
 * with Halley steps kept inside a bracket that shrinks every iteration; when a step would leave
 * the bracket it bisects, geometrically when the bracket spans orders of magnitude, so tiny
 * quantiles such as 1e-100 for Beta(0.01, 1) are reached in a few dozen steps. At most 300
 * iterations.
 *
 * @returns 0 for p <= 0, 1 for p >= 1, NaN for NaN input or a, b <= 0.
 */
export function incompleteBetaInv(p: number, a: number, b: number, lbeta = logBeta(a, b)): number {
  if (Number.isNaN(p) || !(a > 0) || !(b > 0)) return NaN;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (p > incompleteBeta(0.5, a, b, false, lbeta)) return 1 - lowerHalfBetaInv(1 - p, b, a, lbeta);
  return lowerHalfBetaInv(p, a, b, lbeta);
}

/** The x in [0, 1/2] with I_x(a, b) = p, given that I_{1/2}(a, b) >= p. */
function lowerHalfBetaInv(p: number, a: number, b: number, lbeta: number): number {
  let lo = 0;
  let hi = 0.5;
  let x = initialBetaGuess(p, a, b);
  if (!(x > lo && x < hi)) x = bracketMid(lo, hi);
  for (let iter = 0; iter < 300; iter++) {
    const f = incompleteBeta(x, a, b, false, lbeta) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const pdf = betaPdf(x, a, b, lbeta);
    let next = NaN;
    if (pdf > 0 && Number.isFinite(pdf)) {
      const t = f / pdf;
      const curv = t * ((a - 1) / x - (b - 1) / (1 - x));
      next = x - t / (1 - 0.5 * Math.min(1, Math.max(-1, curv)));
    }
    if (!(next > lo && next < hi)) next = bracketMid(lo, hi);
    if (Math.abs(next - x) <= 1e-15 * x || next === x) return next;
    x = next;
  }
  return x;
}

/** Midpoint of (lo, hi) within [0, 1/2]: geometric when the bracket spans orders of magnitude. */
function bracketMid(lo: number, hi: number): number {
  const l = lo > 0 ? lo : Number.MIN_VALUE;
  // Product of square roots: l·hi itself can underflow to 0.
  return hi / l > 4 ? Math.sqrt(l) * Math.sqrt(hi) : 0.5 * (lo + hi);
}

function initialBetaGuess(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * exp(2 * w));
  }
  const lna = log(a / (a + b));
  const lnb = log(b / (a + b));
  const t = exp(a * lna) / a;
  const u = exp(b * lnb) / b;
  const w = t + u;
  if (p < t / w) return pow(a * w * p, 1 / a);
  return 1 - pow(b * w * (1 - p), 1 / b);
}
