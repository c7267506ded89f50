/**
 * `pow` after fdlibm 5.3 (e_pow.c; Sun Microsystems, 1993, freely redistributable), as V8
 * ships it for `Math.pow` and `**`. Error < 1 ulp ("nearly rounded"); pow(integer, integer)
 * is exact whenever the result is representable. Deterministic on every engine: only + - * /,
 * sqrt (correctly rounded by IEEE 754), comparisons and exact bit moves.
 */
import { fromWords, highWord, lowWord, scalbn, withLowWord } from './words';

/**
 * Argument and result passing for the bodies below. V8 inlines only small functions (bytecode
 * under 460 bytes), and a call that is not inlined boxes every double argument and result in a
 * new heap object: one allocation per call, garbage in every formula loop. So each exported
 * function is a tiny wrapper (always inlined) that passes its numbers through this module-level
 * buffer to a body called without arguments: no allocation per call.
 */
const IO = new Float64Array(3);

const DP_H1 = 5.84962487220764160156e-1; // 0x3FE2B803 40000000: log2(1.5) high
const DP_L1 = 1.35003920212974897128e-8; // 0x3E4CFDEB 43CFD006: log2(1.5) low
const TWO53 = 9007199254740992; // 2^53
const HUGE = 1e300;
const TINY = 1e-300;
// (3/2)(log(x) - 2s - (2/3)s^3) as a polynomial in s^2
const L1 = 5.99999999999994648725e-1; // 0x3FE33333 33333303
const L2 = 4.28571428578550184252e-1; // 0x3FDB6DB6 DB6FABFF
const L3 = 3.33333329818377432918e-1; // 0x3FD55555 518F264D
const L4 = 2.72728123808534006489e-1; // 0x3FD17460 A91D4101
const L5 = 2.30660745775561754067e-1; // 0x3FCD864A 93C9DB65
const L6 = 2.06975017800338417784e-1; // 0x3FCA7E28 4A454EEF
// exp's rational approximation (see exp.ts)
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const LG2 = 6.93147180559945286227e-1; // 0x3FE62E42 FEFA39EF
const LG2_H = 6.93147182464599609375e-1; // 0x3FE62E43 00000000
const LG2_L = -1.90465429995776804525e-9; // 0xBE205C61 0CA86C39
const OVT = 8.0085662595372944372e-17; // -(1024 - log2(ovfl + 0.5 ulp))
const CP = 9.61796693925975554329e-1; // 0x3FEEC709 DC3A03FD = 2/(3 ln2)
const CP_H = 9.61796700954437255859e-1; // 0x3FEEC709 E0000000 = (float)CP
const CP_L = -7.02846165095275826516e-9; // 0xBE3E2FE0 145B01F5 = tail of CP_H
const IVLN2 = 1.44269504088896338700e0; // 0x3FF71547 652B82FE = 1/ln2
const IVLN2_H = 1.44269502162933349609e0; // 0x3FF71547 60000000 = 24 bits of 1/ln2
const IVLN2_L = 1.92596299112661746887e-8; // 0x3E54AE0B F85DDF44 = tail of IVLN2_H

/**
 * x to the power y, with ECMAScript's special values (ES2024 6.1.6.1.3 Number::exponentiate),
 * which are C99 F.9.4.4's except where ECMAScript says otherwise:
 * - pow(x, ±0) = 1 for any x, even NaN;
 * - pow(x, NaN) = NaN and pow(NaN, y) = NaN for y ≠ 0 (C99: pow(+1, NaN) = 1; ECMAScript: NaN);
 * - pow(±1, ±Infinity) = NaN (C99: 1);
 * - pow(±0, y) for y < 0: +Infinity, or -Infinity for -0 and y an odd integer;
 *   for y > 0: +0, or -0 for -0 and y an odd integer;
 * - pow(x, +Infinity) = +Infinity for |x| > 1, +0 for |x| < 1; pow(x, -Infinity) the reverse;
 * - pow(+Infinity, y) = +Infinity for y > 0, +0 for y < 0; pow(-Infinity, y) = pow(-0, -y);
 * - pow(x < 0 finite, y finite non-integer) = NaN; pow(x < 0, y integer) = ±pow(-x, y).
 *
 * Method: log2|x| = t1 + t2 in extra precision, y log2|x| = n + y' with |y'| <= 1/2 by
 * simulated multi-precision arithmetic, result 2^n e^(y' ln2).
 */
export function pow(x: number, y: number): number {
  IO[0] = x; IO[1] = y;
  powInto();
  return IO[2];
}

/** The body of {@link pow}: reads its arguments from IO, writes the result after them. */
function powInto(): void {
  const x = IO[0];
  const y = IO[1];
  let hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) { IO[2] = 1; return; } // x^±0 = 1, even for NaN
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) {
    IO[2] = x + y; // NaN
    return;
  }

  // yisint: 0 = y is not an integer, 1 = an odd integer, 2 = an even integer (only when x < 0)
  let yisint = 0;
  let j: number;
  let k: number;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yisint = 2; // |y| >= 2^53: even
    } else if (iy >= 0x3ff00000) {
      k = (iy >> 20) - 0x3ff; // exponent of y
      if (k > 20) {
        j = ly >>> (52 - k);
        if (j << (52 - k) === (ly | 0)) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        j = iy >> (20 - k);
        if (j << (20 - k) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±Infinity
      if (((ix - 0x3ff00000) | lx) === 0) { IO[2] = NaN; return; } // (±1)^±Infinity (ECMAScript)
      if (ix >= 0x3ff00000) { IO[2] = hy >= 0 ? y : 0; return; } // |x| > 1
      IO[2] = hy < 0 ? -y : 0; // |x| < 1
      return;
    }
    if (iy === 0x3ff00000) { IO[2] = hy < 0 ? 1 / x : x; return; } // y = ±1
    if (hy === 0x40000000) { IO[2] = x * x; return; } // y = 2
    if (hy === 0x3fe00000 && hx >= 0) { IO[2] = Math.sqrt(x); return; } // y = 0.5, x >= +0: sqrt is correctly rounded
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x is ±0, ±Infinity or ±1
    let z = ax;
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = NaN; // (-1)^non-integer
      else if (yisint === 1) z = -z; // (x < 0)^odd = -(|x|^odd)
    }
    IO[2] = z;
    return;
  }

  let n = (hx >> 31) + 1; // 0 when x < 0
  if ((n | yisint) === 0) { IO[2] = NaN; return; } // (x < 0)^non-integer
  const s = (n | (yisint - 1)) === 0 ? -1 : 1; // sign of the result: (x < 0)^odd is negative

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: must overflow or underflow
      if (ix <= 0x3fefffff) { IO[2] = hy < 0 ? Infinity : 0; return; }
      if (ix >= 0x3ff00000) { IO[2] = hy > 0 ? Infinity : 0; return; }
    }
    if (ix < 0x3fefffff) { IO[2] = hy < 0 ? s * HUGE * HUGE : s * TINY * TINY; return; }
    if (ix > 0x3ff00000) { IO[2] = hy > 0 ? s * HUGE * HUGE : s * TINY * TINY; return; }
    // |1 - x| <= 2^-20: log(x) by x - x^2/2 + x^3/3 - x^4/4
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = withLowWord(u + v, 0);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    j = ix & 0x000fffff;
    ix = j | 0x3ff00000; // normalise
    if (j <= 0x3988e) {
      k = 0; // |x| < sqrt(3/2)
    } else if (j < 0xbb67a) {
      k = 1; // |x| < sqrt(3)
    } else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = fromWords(ix, lowWord(ax));
    const bp = k === 0 ? 1 : 1.5;

    // ss = s_h + s_l = (x - 1)/(x + 1) or (x - 1.5)/(x + 1.5)
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = withLowWord(ss, 0);
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // ax + bp, high part
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = withLowWord(3 + s2 + r, 0);
    tL = r - (tH - 3 - s2);
    // u + v = ss (1 + ...)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3 ln2) (ss + ...)
    const pH = withLowWord(u + v, 0);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + (k === 0 ? 0 : DP_L1);
    // log2(ax) = (ss + ...) 2/(3 ln2) = n + dp_h + z_h + z_l
    const t = n;
    const dpH = k === 0 ? 0 : DP_H1;
    t1 = withLowWord(zH + zL + dpH + t, 0);
    t2 = zL - (t1 - t - dpH - zH);
  }

  // (y1 + y2)(t1 + t2) with y1 = y with its low word cleared
  const y1 = withLowWord(y, 0);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  j = highWord(z);
  let i = lowWord(z);
  if (j >= 0x40900000) {
    // z >= 1024
    if (((j - 0x40900000) | i) !== 0) { IO[2] = s * HUGE * HUGE; return; } // z > 1024: overflow
    if (pL + OVT > z - pH) { IO[2] = s * HUGE * HUGE; return; }
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z <= -1075
    if (((j - 0xc090cc00) | i) !== 0) { IO[2] = s * TINY * TINY; return; } // z < -1075: underflow
    if (pL <= z - pH) { IO[2] = s * TINY * TINY; return; }
  }

  // 2^(pH + pL)
  i = j & 0x7fffffff;
  k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff; // new k for n
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = withLowWord(pL + pH, 0);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const r1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * r1) / (r1 - 2 - (w + z * w));
  z = 1 - (r - z);
  j = highWord(z) + (n << 20);
  if (j >> 20 <= 0) z = scalbn(z, n); // subnormal result
  else z = fromWords(j, lowWord(z));
  IO[2] = s * z;
  return;
}
