/**
 * The standard normal distribution: its CDF Φ, density φ, inverse Φ⁻¹ and the error function,
 * by W. J. Cody's and M. J. Wichura's rational approximations (about 1e-15 relative: up to 4.8
 * ulp for Φ and 6.2 for Φ⁻¹, measured by tests/math against exact values). Not fdlibm, and not
 * within 1 ulp like the rest of src/math, but deterministic in the same way: straight-line
 * IEEE arithmetic, `Math.sqrt`/`Math.abs`/`Math.trunc` and src/math's `exp`/`log`, so the same
 * input gives the same bits on every engine. The distributions (src/distributions) and the formula
 * functions `phi` and `probit` share these definitions, so they give the same numbers; moved
 * here unchanged from src/distributions/special.ts, so every seeded result stayed the same.
 */
import { exp } from './exp';
import { log } from './log';

/**
 * Argument and result passing, as in src/math/exp.ts: the bodies of Φ, erf and Φ⁻¹ are too large
 * for V8 to inline, and a call that is not inlined returns its double boxed in a new heap
 * object (16 bytes a call in a formula's loop). Each exported function is a small wrapper that
 * V8 inlines; its body reads the argument from IO[0] and leaves the result in IO[1].
 */
const IO = new Float64Array(2);

/** 1 / sqrt(2 pi). */
const INV_SQRT_2PI = 0.3989422804014327;
/** sqrt(32): Cody's switch to the asymptotic tail expansion. */
const SQRT_32 = 5.656854249492381;

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969),
// in the ANORM form used by R's pnorm (near-full double precision, relative accuracy kept in
// both tails because the small tail is always the one computed directly).
const CODY_A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const CODY_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const CODY_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
];
const CODY_D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const CODY_P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const CODY_Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/**
 * Offset of Φ(x) from 1/2 for |x| <= 0.67448975, returned separately so that erf keeps full
 * relative precision near 0 (0.5 + tiny would lose it).
 */
function centralOffset(x: number): number {
  const xsq = x * x;
  let xnum = CODY_A[4] * xsq;
  let xden = xsq;
  for (let i = 0; i < 3; i++) {
    xnum = (xnum + CODY_A[i]) * xsq;
    xden = (xden + CODY_B[i]) * xsq;
  }
  return (x * (xnum + CODY_A[3])) / (xden + CODY_B[3]);
}

/** The smaller tail Φ(-y) for y = |x| > 0.67448975, computed without cancellation. */
function smallTail(y: number): number {
  let temp: number;
  if (y <= SQRT_32) {
    let xnum = CODY_C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + CODY_C[i]) * y;
      xden = (xden + CODY_D[i]) * y;
    }
    temp = (xnum + CODY_C[7]) / (xden + CODY_D[7]);
  } else {
    if (y >= 38.5) return 0; // below the smallest subnormal
    const xsq = 1 / (y * y);
    let xnum = CODY_P[5] * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + CODY_P[i]) * xsq;
      xden = (xden + CODY_Q[i]) * xsq;
    }
    temp = (xsq * (xnum + CODY_P[4])) / (xden + CODY_Q[4]);
    temp = (INV_SQRT_2PI - temp) / y;
  }
  // exp(-y^2/2) split so that the large part of y^2 is formed exactly (Cody's trick): keeps
  // relative accuracy for y up to 38.
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return exp(-ysq * ysq * 0.5) * exp(-del * 0.5) * temp;
}

/**
 * Standard normal cumulative distribution function Φ(x) = P(Z <= x).
 *
 * Cody's rational Chebyshev approximation (as in R's `pnorm`): about 1e-16 relative accuracy,
 * including deep in the lower tail (Φ(-37) ≈ 5.7e-300). Exactly symmetric:
 * `normalCdf(-x) === 1 - normalCdf(x)` in exact arithmetic, and the upper tail is best computed
 * as `normalCdf(-x)`.
 *
 * @returns NaN for NaN, 0 for -Infinity, 1 for +Infinity.
 */
export function normalCdf(x: number): number {
  IO[0] = x;
  normalCdfInto();
  return IO[1];
}

/** The body of {@link normalCdf}, on IO. */
function normalCdfInto(): void {
  const x = IO[0];
  if (Number.isNaN(x)) { IO[1] = NaN; return; }
  const y = Math.abs(x);
  if (y <= 0.67448975) { IO[1] = 0.5 + centralOffset(x); return; }
  const tail = smallTail(y);
  IO[1] = x > 0 ? 1 - tail : tail;
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * exp(-0.5 * x * x);
}

/**
 * The error function erf(x) = 2Φ(x·√2) − 1, with full relative precision near 0.
 *
 * @returns NaN for NaN, ±1 for ±Infinity.
 */
export function erf(x: number): number {
  IO[0] = x;
  erfInto();
  return IO[1];
}

/** The body of {@link erf}, on IO. */
function erfInto(): void {
  const x = IO[0];
  if (Number.isNaN(x)) { IO[1] = NaN; return; }
  const z = x * Math.SQRT2;
  const y = Math.abs(z);
  if (y <= 0.67448975) { IO[1] = 2 * centralOffset(z); return; }
  const r = 1 - 2 * smallTail(y);
  IO[1] = z > 0 ? r : -r;
}

/**
 * The complementary error function erfc(x) = 1 − erf(x) = 2Φ(−x·√2), with relative precision in
 * the upper tail (erfc(10) ≈ 2.09e-45).
 */
export function erfc(x: number): number {
  IO[0] = -x * Math.SQRT2;
  normalCdfInto();
  return 2 * IO[1];
}

// Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
// Applied Statistics 37 (1988) 477-484, PPND16 (about 1 part in 1e16).
const AS241_A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const AS241_B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const AS241_C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const AS241_D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const AS241_E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const AS241_F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

/**
 * Inverse of the standard normal CDF, Φ⁻¹(p), by Wichura's AS 241 (PPND16), accurate to about
 * 1e-16 relative over the whole range, including p as small as 1e-300.
 *
 * @returns -Infinity for p = 0, +Infinity for p = 1, NaN for p outside [0, 1] or NaN.
 */
export function normalQuantile(p: number): number {
  IO[0] = p;
  normalQuantileInto();
  return IO[1];
}

/** The body of {@link normalQuantile}, on IO. */
function normalQuantileInto(): void {
  const p = IO[0];
  if (!(p >= 0 && p <= 1)) { IO[1] = NaN; return; }
  if (p === 0) { IO[1] = -Infinity; return; }
  if (p === 1) { IO[1] = Infinity; return; }
  const q = p - 0.5;
  const central = Math.abs(q) <= 0.425;
  let r: number;
  let num: readonly number[];
  let den: readonly number[];
  if (central) {
    r = 0.180625 - q * q;
    num = AS241_A;
    den = AS241_B;
  } else {
    r = Math.sqrt(-log(q < 0 ? p : 1 - p));
    if (r <= 5) {
      r -= 1.6;
      num = AS241_C;
      den = AS241_D;
    } else {
      r -= 5;
      num = AS241_E;
      den = AS241_F;
    }
  }
  // Both degree-7 polynomials by Horner's rule in one loop, not in a helper called twice per
  // path: V8 stopped inlining such a helper after a few paths, and boxed its results.
  let a = num[7];
  let b = den[7];
  for (let i = 6; i >= 0; i--) {
    a = a * r + num[i];
    b = b * r + den[i];
  }
  if (central) IO[1] = (q * a) / b;
  else IO[1] = q < 0 ? -(a / b) : a / b;
}
