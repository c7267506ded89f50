/**
 * `log`, `log1p`, `log2`, `log10` after fdlibm 5.3 / FreeBSD msun (e_log.c, s_log1p.c,
 * e_log2.c and e_log10.c with k_log.h; Sun Microsystems, 1993, freely redistributable). `log`,
 * `log1p` and `log2` are the ones V8 shipped until 2024; `log10` is FreeBSD's more accurate one.
 * Error < 1 ulp; deterministic on every engine: only + - * /, comparisons and exact bit moves.
 */
import { highWord, lowWord, pow2, withHighWord, withLowWord } from './words';

/**
 * Argument and result passing for the bodies below. V8 inlines only small functions (bytecode
 * under 460 bytes), and a call that is not inlined boxes every double argument and result in a
 * new heap object: one allocation per call, garbage in every formula loop. So each exported
 * function is a tiny wrapper (always inlined) that passes its numbers through this module-level
 * buffer to a body called without arguments: no allocation per call.
 */
const IO = new Float64Array(3);

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: k*LN2_HI is exact for |k| < 2000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const TWO54 = 1.8014398509481984e16; // 2^54, scales subnormals up

// log(1+f) = 2s + s R(s^2), s = f/(2+f), on [0, 0.1716]; |error of R| < 2^-58.45.
const LG1 = 6.666666666666735130e-1; // 0x3FE55555 55555593
const LG2 = 3.999999999940941908e-1; // 0x3FD99999 9997FA04
const LG3 = 2.857142874366239149e-1; // 0x3FD24924 94229359
const LG4 = 2.222219843214978396e-1; // 0x3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-1; // 0x3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-1; // 0x3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-1; // 0x3FC2F112 DF3E5244

/**
 * Natural logarithm. x = 2^k (1+f) with sqrt(2)/2 < 1+f < sqrt(2); log(x) = k ln2 + log(1+f).
 *
 * Special values (IEEE 754-2019 9.2.1, C99 F.9.3.7): log(±0) = -Infinity, log(1) = +0,
 * log(x < 0) = NaN (including -Infinity), log(+Infinity) = +Infinity, log(NaN) = NaN.
 */
export function log(x: number): number {
  IO[0] = x;
  logInto();
  return IO[1];
}

/** The body of {@link log}: reads its argument from IO, writes the result after them. */
function logInto(): void {
  let x = IO[0];
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) { IO[1] = -Infinity; return; }
    if (hx < 0) { IO[1] = NaN; return; }
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) { IO[1] = x + x; return; } // +Infinity or NaN
  const e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  // Normalise x or x/2 into [sqrt(2)/2, sqrt(2)): fdlibm sets the exponent field to 0x3ff or
  // 0x3fe; scaling by the exact power of two gives the same bits, faster (see words.ts).
  x *= pow2(-e - (i >> 20));
  k += e + (i >> 20);
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) { IO[1] = 0; return; }
      IO[1] = k * LN2_HI + k * LN2_LO;
      return;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) { IO[1] = f - R; return; }
    IO[1] = k * LN2_HI - ((R - k * LN2_LO) - f);
    return;
  }
  const s = f / (2 + f);
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) { IO[1] = f - (hfsq - s * (hfsq + R)); return; }
    IO[1] = k * LN2_HI - ((hfsq - (s * (hfsq + R) + k * LN2_LO)) - f);
    return;
  }
  if (k === 0) { IO[1] = f - s * (f - R); return; }
  IO[1] = k * LN2_HI - ((s * (f - R) - k * LN2_LO) - f);
  return;
}

/**
 * log(1 + x), accurate near 0 where `log(1 + x)` loses the low bits of x. When 1+x is not
 * exact, log(1+x) - log(u) ~ c/u with u = fl(1+x) and c = (1+x) - u is added back.
 *
 * Special values (C99 F.9.3.9): log1p(±0) = ±0, log1p(-1) = -Infinity, log1p(x < -1) = NaN,
 * log1p(+Infinity) = +Infinity, log1p(NaN) = NaN.
 */
export function log1p(x: number): number {
  IO[0] = x;
  log1pInto();
  return IO[1];
}

/** The body of {@link log1p}: reads its argument from IO, writes the result after them. */
function log1pInto(): void {
  const x = IO[0];
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    // 1+x < sqrt(2)+
    if (ax >= 0x3ff00000) {
      // x <= -1 (or -Infinity, or a NaN with the sign bit set)
      if (x === -1) { IO[1] = -Infinity; return; }
      IO[1] = NaN;
      return;
    }
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (ax < 0x3c900000) { IO[1] = x; return; } // |x| < 2^-54, keeps the sign of zero
      IO[1] = x - x * x * 0.5;
      return;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // sqrt(2)/2- <= 1+x < sqrt(2)+: no reduction
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) { IO[1] = x + x; return; } // +Infinity or NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // correction term
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // normalise u
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // normalise u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) { IO[1] = 0; return; }
      c += k * LN2_LO;
      IO[1] = k * LN2_HI + c;
      return;
    }
    const R = hfsq * (1 - 0.66666666666666666 * f);
    if (k === 0) { IO[1] = f - R; return; }
    IO[1] = k * LN2_HI - ((R - (k * LN2_LO + c)) - f);
    return;
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) { IO[1] = f - (hfsq - s * (hfsq + R)); return; }
  IO[1] = k * LN2_HI - ((hfsq - (s * (hfsq + R) + (k * LN2_LO + c))) - f);
  return;
}

/** log(1+f) - f + f^2/2 for 1+f in ~[sqrt(2)/2, sqrt(2)] (FreeBSD k_log.h). */
function kLog1p(f: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return s * (hfsq + R);
}

const IVLN2_HI = 1.44269504072144627571e0; // 0x3FF71547 65200000
const IVLN2_LO = 1.67517131648865118353e-10; // 0x3DE705FC 2EEFA200

/**
 * Base-2 logarithm: the reduction of {@link log}, then (f - f^2/2 + kLog1p(f)) / ln2 + k in
 * extra precision (FreeBSD e_log2.c). Exact for powers of two.
 *
 * Special values (C99 F.9.3.10): as {@link log}; log2(1) = +0, log2(2^n) = n.
 */
export function log2(x: number): number {
  IO[0] = x;
  log2Into();
  return IO[1];
}

/** The body of {@link log2}: reads its argument from IO, writes the result after them. */
function log2Into(): void {
  let x = IO[0];
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) { IO[1] = -Infinity; return; }
    if (hx < 0) { IO[1] = NaN; return; }
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) { IO[1] = x + x; return; }
  if (hx === 0x3ff00000 && lx === 0) { IO[1] = 0; return; }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const y = k;
  const f = x - 1;
  const hfsq = 0.5 * f * f;
  const r = kLog1p(f);
  const hi = withLowWord(f - hfsq, 0); // f - hfsq split as hi + lo (Dekker)
  const lo = f - hi - hfsq + r;
  let valHi = hi * IVLN2_HI;
  let valLo = (lo + hi) * IVLN2_LO + lo * IVLN2_HI;
  const w = y + valHi;
  valLo += y - w + valHi;
  valHi = w;
  IO[1] = valLo + valHi;
  return;
}

const IVLN10_HI = 4.34294481878168880939e-1; // 0x3FDBCB7B 15200000: 1/ln(10), high 33 bits
const IVLN10_LO = 2.50829467116452752298e-11; // 0x3DBB9438 CA9AADD5: the rest
const LOG10_2HI = 3.01029995663611771306e-1; // 0x3FD34413 509F6000: k*LOG10_2HI is exact
const LOG10_2LO = 3.69423907715893078616e-13; // 0x3D59FEF3 11F12B36

/**
 * Base-10 logarithm: the reduction of {@link log}, then (f - f^2/2 + kLog1p(f)) / ln(10) +
 * k log10(2) in extra precision (FreeBSD e_log10.c, the k_log.h version: < 1 ulp; fdlibm 5.3's
 * older `ivln10 * log(m)` rounds twice and is off by up to ~1.8 ulp near 1). log10(10^n) = n
 * exactly for n = 0..22 (tests/math checks).
 *
 * Special values (C99 F.9.3.8): as {@link log}; log10(1) = +0.
 */
export function log10(x: number): number {
  IO[0] = x;
  log10Into();
  return IO[1];
}

/** The body of {@link log10}: reads its argument from IO, writes the result after them. */
function log10Into(): void {
  let x = IO[0];
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) { IO[1] = -Infinity; return; }
    if (hx < 0) { IO[1] = NaN; return; }
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) { IO[1] = x + x; return; }
  if (hx === 0x3ff00000 && lx === 0) { IO[1] = 0; return; }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const y = k;
  const f = x - 1;
  const hfsq = 0.5 * f * f;
  const r = kLog1p(f);
  const hi = withLowWord(f - hfsq, 0);
  const lo = f - hi - hfsq + r;
  let valHi = hi * IVLN10_HI;
  const y2 = y * LOG10_2HI;
  let valLo = y * LOG10_2LO + (lo + hi) * IVLN10_LO + lo * IVLN10_HI;
  const w = y2 + valHi;
  valLo += y2 - w + valHi;
  valHi = w;
  IO[1] = valLo + valHi;
  return;
}
