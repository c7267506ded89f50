/**
 * Special functions behind the distributions' `cdf` and `quantile`: log-gamma, the regularized
 * incomplete beta and gamma functions and their inverses, and the Poisson and binomial terms.
 * The normal CDF and its inverse and erf/erfc live in src/math/normal.ts, which the formula
 * functions `phi` and `probit` share, and are re-exported from here.
 *
 * Everything here is deterministic straight-line IEEE arithmetic plus `Math.sqrt` and src/math's
 * `log/exp/log1p/pow`, with fixed iteration caps, so the same input gives the same output on
 * every call and on every JavaScript engine.
 */
import { erfc, exp, log, log1p, normalQuantile, pow } from '../math/index';
import { solveIncreasing } from './roots';

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
  return incompleteBetaFromFront(x, 1 - x, a, b, upper, exp(a * log(x) + b * log1p(-x) - lbeta));
}

/**
 * I_x(a, b) (or its complement when `upper`) for x in (0, 1) with y = 1 − x given separately,
 * from the caller's `front` = x^a·y^b / B(a, b). A caller that knows y exactly (the binomial's
 * p, when x = 1 − p rounds to 1) or can compute the front more accurately than from ln B (the
 * binomial's, through {@link logBinomialTerm}) passes them here.
 */
export function incompleteBetaFromFront(x: number, y: number, a: number, b: number, upper: boolean, front: number): number {
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(x, a, b)) / a;
    return upper ? 1 - lower : lower;
  }
  const up = (front * betaContinuedFraction(y, b, a)) / b;
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

// ---------------------------------------------------------------------------------------------
// Poisson and binomial terms, and the incomplete gamma function. The terms follow C. Loader,
// "Fast and accurate computation of binomial probabilities" (2000), as R's dpois and dbinom do:
// writing them through Stirling's error and the deviance bd0 avoids subtracting large
// logarithms (−λ + k ln λ − ln k! at λ = 1e6 loses 7 digits that way).

/**
 * Stirling's error ln Γ(z + 1) − (z + ½) ln z + z − ln √(2π), for z > 0. Above 15 from its
 * asymptotic series through z⁻¹¹ (the next term is below 4e-18 there); below, directly from
 * {@link logGamma}, whose absolute error (about 1e-15) is then also this one's.
 */
function stirlingError(z: number): number {
  if (z <= 15) return logGamma(z + 1) - (z + 0.5) * log(z) + z - HALF_LOG_2PI;
  const inv = 1 / z;
  const inv2 = inv * inv;
  return inv * (1 / 12 + inv2 * (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360))))));
}

/**
 * Loader's deviance term x·ln(x/m) + m − x for x, m > 0: near x = m, where it is small and the
 * direct form cancels, from its series in v = (x − m)/(x + m) (which converges within a few
 * terms because |v| < 0.1 there).
 */
function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  const r = x / m;
  // x/m overflows or underflows only at extremes (shape 0.05 at x = 5e-324); take the logs apart there.
  return x * (r > 0 && r < Infinity ? log(r) : log(x) - log(m)) + m - x;
}

/**
 * ln(x^a·e^−x / Γ(a + 1)) for a, x >= 0: the log of the Poisson(x) probability of a for an
 * integer a, and the prefactor of the incomplete gamma series. About 1e-15 absolute error for
 * any a and x (−∞ where the term is 0).
 */
export function logPoissonTerm(a: number, x: number): number {
  if (a === 0) return -x;
  if (x === 0) return -Infinity;
  return -stirlingError(a) - devianceTerm(a, x) - 0.5 * log(2 * Math.PI * a);
}

/**
 * ln of the Binomial(n, p) probability of k, for an integer 0 <= k <= n and q = 1 − p given
 * separately (so that p near 1 keeps its precision). About 1e-15 absolute error where the
 * probability is not negligible, for n up to 1e9 and beyond.
 */
export function logBinomialTerm(k: number, n: number, p: number, q: number): number {
  if (k === 0) return p === 0 ? 0 : n * log1p(-p);
  if (k === n) return q === 0 ? 0 : n * log(p);
  if (p === 0 || q === 0) return -Infinity;
  const lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - devianceTerm(k, n * p) - devianceTerm(n - k, n * q);
  return lc - 0.5 * (log(2 * Math.PI) + log(k) + log1p(-k / n));
}

/**
 * ln B(a, b) through Stirling's errors, written so that nothing of the size a·ln a is
 * subtracted: for a >= b, −(a − ½)·ln(1 + b/a) + (b − ½)·ln b − b·ln(a + b) + ln √(2π) +
 * S(a) + S(b) − S(a + b). About 1e-15 absolute error (relative when the result is large) for
 * every a, b > 0, where {@link logBeta}'s difference of lnΓ values loses digits as a shape grows
 * (about 1e-9 at a = 5e5, b = ½: the Student t's lnB(df/2, ½) at df = 1e6). `logBeta` stays as
 * it is so that the older families' quantiles keep their bits.
 */
export function logBetaAccurate(a: number, b: number): number {
  if (a < b) return logBetaAccurate(b, a);
  return (
    -(a - 0.5) * log1p(b / a) + (b - 0.5) * log(b) - b * log(a + b) + HALF_LOG_2PI + stirlingError(a) + stirlingError(b) - stirlingError(a + b)
  );
}

/**
 * Regularized incomplete gamma function P(a, x) = γ(a, x)/Γ(a), the CDF of Gamma(a, 1) at x, or
 * its complement Q(a, x) when `upper` is true. The Poisson CDF is Q(k + 1, λ).
 *
 * Numerical Recipes §6.2: for x < a + 1 the series P = e^(ln D) · Σ x^n / ((a+1)…(a+n)), else
 * Legendre's continued fraction for Q (modified Lentz), with the prefactor D = x^a·e^−x/Γ(a+1)
 * from {@link logPoissonTerm}, so that large a keeps its digits. Each side gives the tail it
 * computes directly; the other is 1 minus it, which is at least about 0.01 there, so both
 * tails keep about 1e-14 relative accuracy. Takes O(√a) terms near x = a (about 20,000 at
 * a = 1e6, 600,000 at 1e9), a few outside.
 *
 * @returns NaN for NaN input or a <= 0; 0 and 1 (or 1 and 0) at x <= 0 and x = ∞.
 */
export function incompleteGamma(a: number, x: number, upper = false): number {
  if (Number.isNaN(x) || !(a > 0)) return NaN;
  if (x <= 0) return upper ? 1 : 0;
  if (x === Infinity) return upper ? 0 : 1;
  if (x < a + 1) {
    const lower = gammaSeries(a, x);
    return upper ? 1 - lower : lower;
  }
  const up = gammaContinuedFraction(a, x);
  return upper ? up : 1 - up;
}

function gammaSeries(a: number, x: number): number {
  const maxIter = 1000 + Math.ceil(20 * Math.sqrt(a));
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= maxIter; n++) {
    term *= x / (a + n);
    sum += term;
    if (term <= sum * CF_EPS) break;
  }
  return exp(logPoissonTerm(a, x)) * sum;
}

function gammaContinuedFraction(a: number, x: number): number {
  const maxIter = 1000 + Math.ceil(20 * Math.sqrt(a));
  let b = x + 1 - a;
  let c = 1 / CF_TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= maxIter; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = b + an / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= CF_EPS) break;
  }
  // e^−x·x^a/Γ(a) = a·D.
  return a * exp(logPoissonTerm(a, x)) * h;
}

/**
 * Inverse of the regularized incomplete gamma function: the x >= 0 with P(a, x) = p, i.e. the
 * p-quantile of Gamma(a, 1).
 *
 * Above the median (p > P(a, a)) it solves Q(a, x) = 1 − p instead, so an upper quantile such as
 * p = 1 − 1e-12 is found from its own small tail. Starts from Numerical Recipes' guess (§6.2,
 * invgammp: Wilson–Hilferty for a > 1, the two leading terms of each tail otherwise) and takes
 * Newton steps on the log of the tail, kept inside a shrinking bracket
 * ({@link solveIncreasing}), so tiny quantiles such as 1e-120 for a = 0.05 or 0.38 for a = 100,
 * p = 1e-200 come out with full relative precision.
 *
 * @returns 0 for p <= 0 (and wherever the quantile is below the smallest double), +Infinity for
 *   p >= 1, NaN for NaN input or a <= 0.
 */
export function incompleteGammaInv(p: number, a: number): number {
  if (Number.isNaN(p) || !(a > 0)) return NaN;
  if (p <= 0) return 0;
  if (p >= 1) return Infinity;
  // A quantile below the smallest double rounds to 0 (for shape 0.05 every p below 6e-17).
  if (incompleteGamma(a, Number.MIN_VALUE) >= p) return 0;
  const upper = p > incompleteGamma(a, a);
  const logTarget = log(upper ? 1 - p : p);
  // Newton on the log of the tail, increasing in x: ln P(a, x) is nearly linear in ln x near 0
  // (P ≈ x^a/Γ(a + 1)), so there the step is taken in ln x; ln Q(a, x) is nearly linear in x far
  // out. Newton on P itself crawls towards a tiny quantile of a large shape (0.38 for a = 100,
  // p = 1e-200), since x^100 is far from linear.
  const probe = (x: number) => {
    const tail = incompleteGamma(a, x, upper);
    const f = upper ? logTarget - log(tail) : log(tail) - logTarget;
    // d ln(tail)/dx in size: the density x^(a−1)·e^−x/Γ(a) = a·D/x, over the tail.
    const slope = (a * exp(logPoissonTerm(a, x))) / x / tail;
    if (!(Number.isFinite(f) && slope > 0 && Number.isFinite(slope))) return { f, step: NaN };
    return { f, step: upper ? f / slope : x - x * exp(-f / (x * slope)) };
  };
  return solveIncreasing(probe, 0, Infinity, initialGammaGuess(p, a));
}

function initialGammaGuess(p: number, a: number): number {
  if (a > 1) {
    const z = normalQuantile(p);
    const root = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
    // Where Wilson–Hilferty fails (far lower tail), the leading term P ≈ x^a/Γ(a + 1).
    return root > 0 ? a * root * root * root : exp((log(p) + logGamma(a + 1)) / a);
  }
  const t = 1 - a * (0.253 + a * 0.12);
  if (p < t) return exp(log(p / t) / a);
  return 1 - log1p(-(p - t) / (1 - t));
}

/** Terms of the expansion in {@link incompleteBetaHalfUpper}: enough for b >= 50. */
const HALF_UPPER_TERMS = 60;

/**
 * Coefficients of g(s) = (s/(1 − e^−s))^½ = Σ g_k s^k, from the series
 * (1 − e^−s)/s = Σ (−s)^n/(n + 1)! raised to the power −½ (the usual recurrence for a power of
 * a series): g_0 = 1, g_1 = 1/4, g_2 = 1/96, ... They shrink like (2π)^−k.
 */
const HALF_UPPER_G = (() => {
  const e = new Float64Array(HALF_UPPER_TERMS);
  let factorial = 1;
  for (let n = 0; n < HALF_UPPER_TERMS; n++) {
    factorial *= n + 1;
    e[n] = (n % 2 === 0 ? 1 : -1) / factorial;
  }
  const g = new Float64Array(HALF_UPPER_TERMS);
  g[0] = 1;
  for (let n = 1; n < HALF_UPPER_TERMS; n++) {
    let sum = 0;
    for (let k = 1; k <= n; k++) sum += (k / 2 - n) * e[k] * g[n - k];
    g[n] = sum / n;
  }
  return g;
})();

/** ln Γ(½) = ln √π. */
const LOG_GAMMA_HALF = 0.5723649429247001;

/**
 * 1 − I_x(½, b) for b >= 50 and x in [0, ½]: the Student t's tail inside |t| < √df (b = df/2),
 * where both continued fractions of {@link incompleteBeta} lose digits as b grows (2e-12 at
 * b = 5e4, 3e-9 at 5e7: the one in 1 − x subtracts numbers near 1). With 1 − t = e^−s the tail
 * is ∫ s^−½·g(s)·e^(−bs) ds / B(½, b) from s₀ = −ln(1 − x), and expanding g in powers of s
 * (the approach of DiDonato and Morris's BGRAT, ACM TOMS 708, 1992) gives
 * Γ(b + ½)/(Γ(b)·√b) · Σ g_k·(½)_k·b^−k·Q(k + ½, b·s₀), with Q the regularized upper incomplete
 * gamma function: Q(½, X) = erfc(√X) and each next one adds X^(k+½)·e^−X/Γ(k + 3/2). The terms
 * fall like (k/(2πb))^k, so a few dozen give about 1e-14 relative accuracy.
 *
 * @param lbeta - ln B(½, b), as {@link logBetaAccurate} gives it.
 */
export function incompleteBetaHalfUpper(x: number, b: number, lbeta: number): number {
  const big = -b * log1p(-x);
  const scale = exp(LOG_GAMMA_HALF - lbeta - 0.5 * log(b));
  let q = erfc(Math.sqrt(big));
  let next = 2 * Math.sqrt(big / Math.PI) * exp(-big);
  let coefficient = 1;
  let sum = 0;
  for (let k = 0; k < HALF_UPPER_TERMS; k++) {
    const term = HALF_UPPER_G[k] * coefficient * q;
    sum += term;
    if (Math.abs(term) <= 1e-17 * sum) break;
    coefficient *= (k + 0.5) / b;
    q += next;
    next *= big / (k + 1.5);
  }
  return scale * sum;
}
