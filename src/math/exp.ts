/**
 * `exp` and `expm1` after fdlibm 5.3 (e_exp.c, s_expm1.c; Sun Microsystems, 1993, freely
 * redistributable), as V8 shipped them until 2024. Error < 1 ulp; what matters here is that
 * the result is a fixed function of the input bits on every engine: only + - * /, comparisons
 * and exact bit moves.
 */
import { fromWords, highWord, lowWord, pow2 } from './words';

/**
 * Argument and result passing for the bodies below. V8 inlines only small functions (bytecode
 * under 460 bytes), and a call that is not inlined boxes every double argument and result in a
 * new heap object: one allocation per call, garbage in every formula loop. So each exported
 * function is a tiny wrapper (always inlined) that passes its numbers through this module-level
 * buffer to a body called without arguments: no allocation per call.
 */
const IO = new Float64Array(3);

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: k*LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.44269504088896338700e0; // 0x3FF71547 652B82FE
const O_THRESHOLD = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF: above, exp overflows
const U_THRESHOLD = -7.45133219101941108420e2; // 0xC0874910 D52D3051: below, exp underflows to 0
const TWOM1000 = 9.33263618503218878990e-302; // 2^-1000
const TWO1023 = 8.98846567431157953865e307; // 2^1023
const E = 2.718281828459045; // 0x4005BF0A 8B145769, e correctly rounded

// exp: R(r^2) = r (e^r + 1) / (e^r - 1) ~ 2 + P1 r^2 + ... + P5 r^10 on [0, 0.3466], error < 2^-59.
const P1 = 1.66666666666666019037e-1; // 0x3FC55555 5555553E
const P2 = -2.77777777770155933842e-3; // 0xBF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-5; // 0x3F11566A AF25DE2C
const P4 = -1.65339022054652515390e-6; // 0xBEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-8; // 0x3E663769 72BEA4D0

/**
 * e^x. Reduce x = k ln2 + r with |r| <= ln2/2 (r carried as hi - lo), approximate e^r by the
 * rational form 1 + r + r c(r) / (2 - c(r)), scale by 2^k.
 *
 * Special values (IEEE 754-2019 9.2, C99 F.9.3.1): exp(±0) = 1, exp(-Infinity) = +0,
 * exp(+Infinity) = +Infinity, exp(NaN) = NaN; overflow to +Infinity above 709.78..., underflow
 * to +0 below -745.13...; subnormal results in between.
 */
export function exp(x: number): number {
  IO[0] = x;
  expInto();
  return IO[1];
}

/** The body of {@link exp}: reads its argument from IO, writes the result after them. */
function expInto(): void {
  let x = IO[0];
  let hx = highWord(x);
  const negative = hx >>> 31; // 1 when the sign bit is set
  hx &= 0x7fffffff;

  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) { IO[1] = x + x; return; } // NaN
      IO[1] = negative === 0 ? x : 0; // exp(+Infinity) = +Infinity, exp(-Infinity) = +0
      return;
    }
    if (x > O_THRESHOLD) { IO[1] = Infinity; return; }
    if (x < U_THRESHOLD) { IO[1] = 0; return; }
  }

  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2: k = ±1
      if (x === 1) { IO[1] = E; return; } // the general path is 1 ulp off here; e is worth getting right
      k = negative === 0 ? 1 : -1;
    } else {
      k = (INV_LN2 * x + (negative === 0 ? 0.5 : -0.5)) | 0; // truncation, as C's (int)
    }
    // Exact, and for k = ±1 the same bits as fdlibm's x ∓ LN2_HI and ±LN2_LO. Computed on every
    // path, not assigned a constant on one: V8 gives a variable fed a module constant on one
    // path and a computed double on another a boxed representation, which allocated a heap
    // number on every call.
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28: e^x = 1 + x to within half an ulp
    IO[1] = 1 + x;
    return;
  }

  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) { IO[1] = 1 - ((x * c) / (c - 2) - x); return; }
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) { IO[1] = y * 2 * TWO1023; return; }
    IO[1] = y * pow2(k); // exact
    return;
  }
  IO[1] = y * fromWords(0x3ff00000 + ((k + 1000) << 20), 0) * TWOM1000; // one rounding, into the subnormals
  return;
}

// expm1: R1(z) ~ 1 + Q1 z + ... + Q5 z^5 with z = r^2/2 (coefficients pre-scaled by 2^i), error < 2^-61.
const Q1 = -3.33333333333331316428e-2; // 0xBFA11111 111110F4
const Q2 = 1.58730158725481460165e-3; // 0x3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-5; // 0xBF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-6; // 0x3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-7; // 0xBE8AFDB7 6E09C32D

/**
 * e^x - 1, accurate near 0 where `exp(x) - 1` cancels. Same reduction as {@link exp}, plus a
 * correction term for the rounding of r; the final combination depends on k to avoid
 * cancellation (fdlibm s_expm1.c, step 4).
 *
 * Special values (C99 F.9.3.3): expm1(±0) = ±0, expm1(+Infinity) = +Infinity,
 * expm1(-Infinity) = -1, expm1(NaN) = NaN; -1 for x < -56 ln2; overflow above 709.78...
 */
export function expm1(x: number): number {
  IO[0] = x;
  expm1Into();
  return IO[1];
}

/** The body of {@link expm1}: reads its argument from IO, writes the result after them. */
function expm1Into(): void {
  let x = IO[0];
  let hx = highWord(x);
  const negative = hx >>> 31;
  hx &= 0x7fffffff;

  if (hx >= 0x4043687a) {
    // |x| >= 56 ln2
    if (hx >= 0x40862e42) {
      // |x| >= 709.78...
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) { IO[1] = x + x; return; } // NaN
        IO[1] = negative === 0 ? x : -1;
        return;
      }
      if (x > O_THRESHOLD) { IO[1] = Infinity; return; }
    }
    if (negative !== 0) { IO[1] = -1; return; } // e^x < 2^-56: e^x - 1 rounds to -1
  }

  let hi: number;
  let lo: number;
  let k: number;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    k = hx < 0x3ff0a2b2 ? (negative === 0 ? 1 : -1) : (INV_LN2 * x + (negative === 0 ? 0.5 : -0.5)) | 0;
    hi = x - k * LN2_HI; // exact; computed on every path, as in exp
    lo = k * LN2_LO;
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    // |x| < 2^-54: expm1(x) = x (keeps the sign of zero)
    IO[1] = x;
    return;
  } else {
    k = 0;
  }

  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) { IO[1] = x - (x * e - hxs); return; }

  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) { IO[1] = 0.5 * (x - e) - 0.5; return; }
  if (k === 1) {
    if (x < -0.25) { IO[1] = -2 * (e - (x + 0.5)); return; }
    IO[1] = 1 + 2 * (x - e);
    return;
  }
  if (k <= -2 || k > 56) {
    // e^x - 1 with the -1 negligible or exact enough
    let y = 1 - (e - x);
    if (k === 1024) y = y * 2 * TWO1023;
    else y = y * fromWords(0x3ff00000 + (k << 20), 0);
    IO[1] = y - 1;
    return;
  }
  let y: number;
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 - 2^-k
    y = t - (e - x);
  } else {
    t = fromWords((0x3ff - k) << 20, 0); // 2^-k
    y = x - (e + t);
    y += 1;
  }
  IO[1] = y * fromWords(0x3ff00000 + (k << 20), 0); // y * 2^k, exact: 2 <= k <= 56
  return;
}
