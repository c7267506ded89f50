/**
 * `sin`, `cos`, `tan`, `asin`, `acos`, `atan`, `atan2` after fdlibm 5.3 (s_sin.c, s_cos.c,
 * s_tan.c, k_sin.c, k_cos.c, k_tan.c, e_rem_pio2.c, k_rem_pio2.c, e_asin.c, e_acos.c, s_atan.c,
 * e_atan2.c; Sun Microsystems, 1993, freely redistributable). All but atan2 give the bits of
 * Node 20's `Math.sin` and friends (V8's port of the same code; tests/math checks it); atan2
 * adds two corrections that bring its error below 1 ulp. Error < 1 ulp; deterministic on every
 * engine: only + - * /, sqrt, comparisons and exact bit moves.
 *
 * The argument reduction is exact for every finite double: x - n pi/2 is computed with pi/2
 * split into 33-bit pieces up to |x| ~ 2^19 pi/2 and, above that, by Payne and Hanek's method
 * against 1584 bits of 2/pi (k_rem_pio2.c), so sin(1e300) is as accurate as sin(1).
 */
import { fromWords, highWord, lowWord, pow2, withLowWord } from './words';

/**
 * Argument and result passing for the bodies below: see exp.ts. Arguments go in IO[0] (and
 * IO[1] for atan2), the result comes back in IO[2].
 */
const IO = new Float64Array(3);

// ---------------------------------------------------------------------------------------------
// Kernels on [-pi/4, pi/4]. They read the argument from Y: Y[0] is the reduced argument x and Y[1]
// its tail y (x + y is the exact reduction), and write the result to IO[2]. Doubles passed or
// returned through calls that V8 does not inline are boxed, one allocation each; buffers are not.

/** The reduced argument, head and tail. */
const Y = new Float64Array(2);

// sin(x)/x ~ 1 + S1 x^2 + ... + S6 x^12 on [0, pi/4], error < 2^-58.
const S1 = -1.66666666666666324348e-1; // 0xBFC55555 55555549
const S2 = 8.33333333332248946124e-3; // 0x3F811111 1110F8A6
const S3 = -1.98412698298579493134e-4; // 0xBF2A01A0 19C161D5
const S4 = 2.75573137070700676789e-6; // 0x3EC71DE3 57B1FE7D
const S5 = -2.50507602534068634195e-8; // 0xBE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155010221e-10; // 0x3DE5D93A 5ACFD57C

/** sin(x + y) for |x| <= pi/4 (k_sin.c); `iy` is 0 when y is known to be 0. */
function kernelSin(iy: number): void {
  const x = Y[0];
  const y = Y[1];
  if ((highWord(x) & 0x7fffffff) < 0x3e400000) { IO[2] = x; return; } // |x| < 2^-27: sin x = x, keeps -0
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  IO[2] = iy === 0 ? x + v * (S1 + z * r) : x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

// cos(x) ~ 1 - x^2/2 + C1 x^4 + ... + C6 x^14 on [0, pi/4], error < 2^-58.
const C1 = 4.16666666666666019037e-2; // 0x3FA55555 5555554C
const C2 = -1.38888888888741095749e-3; // 0xBF56C16C 16C15177
const C3 = 2.48015872894767294178e-5; // 0x3EFA01A0 19CB1590
const C4 = -2.75573143513906633035e-7; // 0xBE927E4F 809C52AD
const C5 = 2.08757232129817482790e-9; // 0x3E21EE9E BDB4B1C4
const C6 = -1.13596475577881948265e-11; // 0xBDA8FAE9 BE8838D4

/**
 * cos(x + y) for |x| <= pi/4 (k_cos.c). Above 0.3 it subtracts an exact qx (about x/4) from both
 * 1 and x^2/2, so the final subtraction does not lose the low bits of x^2/2.
 */
function kernelCos(): void {
  const x = Y[0];
  const y = Y[1];
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) { IO[2] = 1; return; } // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) { IO[2] = 1 - (0.5 * z - (z * r - x * y)); return; } // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  IO[2] = (1 - qx) - ((0.5 * z - qx) - (z * r - x * y));
}

// tan(x)/x ~ 1 + T0 x^2 + ... + T12 x^26 on [0, 0.67434], error < 2^-59.2.
const T0 = 3.33333333333334091986e-1; // 0x3FD55555 55555563
const T1 = 1.33333333333201242699e-1; // 0x3FC11111 1110FE7A
const T2 = 5.39682539762260521377e-2; // 0x3FABA1BA 1BB341FE
const T3 = 2.18694882948595424599e-2; // 0x3F9664F4 8406D637
const T4 = 8.86323982359930005737e-3; // 0x3F8226E3 E96E8493
const T5 = 3.59207910759131235356e-3; // 0x3F6D6D22 C9560328
const T6 = 1.45620945432529025516e-3; // 0x3F57DBC8 FEE08315
const T7 = 5.88041240820264096874e-4; // 0x3F4344D8 F2F26501
const T8 = 2.46463134818469906812e-4; // 0x3F3026F7 1A8D1068
const T9 = 7.81794442939557092300e-5; // 0x3F147E88 A03792A6
const T10 = 7.14072491382608190305e-5; // 0x3F12B80F 32F0A7E9
const T11 = -1.85586374855275456654e-5; // 0xBEF375CB DB605373
const T12 = 2.59073051863633712884e-5; // 0x3EFB2A70 74BF7AD4
const PIO4 = 7.85398163397448278999e-1; // 0x3FE921FB 54442D18
const PIO4_LO = 3.06161699786838301793e-17; // 0x3C81A626 33145C07

/**
 * -1/u into IO[2] for u = w_hi + v, given w (u rounded) in Y[0] and v in Y[1], where w_hi is w
 * with its low word cleared: t + a (1 + t w_hi + t v), with a = -1/w and t its high half,
 * recovers the bits that a plain -1/w loses (k_tan.c).
 */
function minusReciprocal(): void {
  const w = Y[0];
  const a = -1 / w;
  const t = withLowWord(a, 0);
  const s = 1 + t * withLowWord(w, 0);
  IO[2] = t + a * (s + t * Y[1]);
}

/**
 * tan(x + y) for |x| <= pi/4 when `iy` = 1, -1/tan(x + y) when `iy` = -1 (k_tan.c). Above
 * 0.6744 it uses tan(pi/4 - u) = (1 - tan u)/(1 + tan u) instead of the polynomial.
 */
function kernelTan(iy: number): void {
  let x = Y[0];
  let y = Y[1];
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x3e300000) {
    // |x| < 2^-28: tan x = x
    if ((ix | lowWord(x) | (iy + 1)) === 0) { IO[2] = 1 / Math.abs(x); return; } // -1/tan(±0)
    if (iy === 1) { IO[2] = x; return; }
    const w = x + y;
    Y[0] = w;
    Y[1] = y - (withLowWord(w, 0) - x);
    minusReciprocal();
    return;
  }
  const big = ix >= 0x3fe59428; // |x| >= 0.6744
  if (big) {
    if (hx < 0) {
      x = -x;
      y = -y;
    }
    x = (PIO4 - x) + (PIO4_LO - y);
    y = 0;
  }
  const z = x * x;
  const w = z * z;
  // x^5 (T1 + x^2 T2 + ... + x^22 T12) split into odd and even powers of x^2.
  let r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
  const v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
  const s = z * x;
  r = y + z * (s * (r + v) + y);
  r += T0 * s;
  const sum = x + r;
  if (big) { IO[2] = (1 - ((hx >> 30) & 2)) * (iy - 2 * (x - ((sum * sum) / (sum + iy) - r))); return; }
  if (iy === 1) { IO[2] = sum; return; }
  Y[0] = sum;
  Y[1] = r - (withLowWord(sum, 0) - x);
  minusReciprocal();
}

// ---------------------------------------------------------------------------------------------
// Argument reduction: x = n pi/2 + (Y[0] + Y[1]), |Y[0] + Y[1]| <= pi/4.

const INV_PIO2 = 6.36619772367581382433e-1; // 0x3FE45F30 6DC9C883: 53 bits of 2/pi
const PIO2_1 = 1.57079632673412561417e0; // 0x3FF921FB 54400000: first 33 bits of pi/2
const PIO2_1T = 6.07710050650619224932e-11; // 0x3DD0B461 1A626331: pi/2 - PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // 0x3DD0B461 1A600000: second 33 bits of pi/2
const PIO2_2T = 2.02226624879595063154e-21; // 0x3BA3198A 2E037073: pi/2 - (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // 0x3BA3198A 2E000000: third 33 bits of pi/2
const PIO2_3T = 8.47842766036889956997e-32; // 0x397B839A 252049C1: pi/2 - (PIO2_1 + PIO2_2 + PIO2_3)

/**
 * High words of n pi/2 for n = 1..32: an x whose high word equals one of these may be close
 * enough to n pi/2 for the one-step reduction to cancel, so it takes the careful path.
 */
const NPIO2_HW = Int32Array.of(
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb,
  0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb,
  0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c,
  0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
);

/**
 * Reduces the finite x in IO[0], |x| > pi/4, into Y and returns n (e_rem_pio2.c). Near pi/2
 * and for |x| up to 2^19 pi/2, x - n pi/2 is formed with pi/2 in up to three 33-bit pieces
 * (each product n * piece exact), adding a piece only when the previous result lost more than
 * 16 or 49 bits to cancellation; beyond, {@link remPio2Large}.
 */
function remPio2(): number {
  const x = IO[0];
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3pi/4: n = ±1
    const sign = hx > 0 ? 1 : -1;
    let z = x - sign * PIO2_1;
    let tail = PIO2_1T;
    if (ix === 0x3ff921fb) {
      // near pi/2: 33 + 33 + 53 bits of pi/2
      z -= sign * PIO2_2;
      tail = PIO2_2T;
    }
    Y[0] = z - sign * tail;
    Y[1] = (z - Y[0]) - sign * tail;
    return sign;
  }
  if (ix <= 0x413921fb) {
    // |x| <= 2^19 pi/2
    const t = Math.abs(x);
    const n = (t * INV_PIO2 + 0.5) | 0;
    let r = t - n * PIO2_1;
    let w = n * PIO2_1T; // first round good to 85 bits
    let y0 = r - w;
    if (n >= 32 || ix === NPIO2_HW[n - 1]) {
      const j = ix >> 20;
      if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
        // second round, good to 118 bits
        let u = r;
        w = n * PIO2_2;
        r = u - w;
        w = n * PIO2_2T - ((u - r) - w);
        y0 = r - w;
        if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
          // third round, 151 bits: enough for every double
          u = r;
          w = n * PIO2_3;
          r = u - w;
          w = n * PIO2_3T - ((u - r) - w);
          y0 = r - w;
        }
      }
    }
    const y1 = (r - y0) - w;
    if (hx < 0) {
      Y[0] = -y0;
      Y[1] = -y1;
      return -n;
    }
    Y[0] = y0;
    Y[1] = y1;
    return n;
  }
  return remPio2Large();
}

/** 2/pi in 24-bit chunks: 1584 bits, enough for the largest double (k_rem_pio2.c's ipio2). */
const TWO_OVER_PI = Int32Array.of(
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7,
  0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c,
  0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11,
  0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7,
  0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e,
  0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
);

/** pi/2 in 24-bit chunks (k_rem_pio2.c's PIo2). */
const PIO2_CHUNKS = Float64Array.of(
  1.57079625129699707031e0, // 0x3FF921FB 40000000
  7.54978941586159635335e-8, // 0x3E74442D 00000000
  5.39030252995776476554e-15, // 0x3CF84698 80000000
  3.28200341580791294123e-22, // 0x3B78CC51 60000000
  1.27065575308067607349e-29, // 0x39F01B83 80000000
  1.22933308981111328932e-36, // 0x387A2520 40000000
  2.73370053816464559624e-44, // 0x36E38222 80000000
  2.16741683877804819444e-51, // 0x3569F31D 00000000
);

const TWO24 = 1.67772160000000000000e7; // 0x41700000 00000000
const TWON24 = 5.96046447753906250000e-8; // 0x3E700000 00000000

// Scratch for remPio2Large, allocated once (k_rem_pio2.c's locals).
const TX = new Float64Array(3);
const F = new Float64Array(20);
const Q = new Float64Array(20);
const FQ = new Float64Array(20);
const IQ = new Int32Array(20);

/**
 * Payne–Hanek reduction for |x| > 2^19 pi/2 (e_rem_pio2.c's large case and k_rem_pio2.c with
 * 53-bit precision, jk = 4). x is cut into three 24-bit integers times 2^e0, and only the part
 * of x * 2/pi that is not a multiple of 8 is formed, from the chunks of 2/pi that reach it:
 * the work does not grow with the exponent. If the fraction found is too close to 0 to carry
 * 53 bits, more chunks are added until it is not.
 */
function remPio2Large(): number {
  const x = IO[0];
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const e0 = (ix >> 20) - 1046; // x = z 2^e0 with 2^23 <= z < 2^24
  let z = fromWords(ix - (e0 << 20), lowWord(x));
  for (let i = 0; i < 2; i++) {
    TX[i] = z | 0;
    z = (z - TX[i]) * TWO24;
  }
  TX[2] = z;
  let nx = 3;
  while (TX[nx - 1] === 0) nx--;

  const jk = 4;
  const jx = nx - 1;
  const jv = Math.max(0, ((e0 - 3) / 24) | 0); // skips chunks whose products are multiples of 8
  let q0 = e0 - 24 * (jv + 1);
  for (let i = 0, j = jv - jx; i <= jx + jk; i++, j++) F[i] = j < 0 ? 0 : TWO_OVER_PI[j];
  for (let i = 0; i <= jk; i++) chunkProduct(jx, i);

  let jz = jk;
  let n: number;
  let ih: number;
  for (;;) {
    // Distill Q into 24-bit integers IQ, lowest chunk first.
    z = Q[jz];
    for (let i = 0, j = jz; j > 0; i++, j--) {
      const fw = (TWON24 * z) | 0;
      IQ[i] = (z - TWO24 * fw) | 0;
      z = Q[j - 1] + fw;
    }
    // The integer part of the product mod 8 is n; z becomes the fraction.
    z *= pow2(q0);
    z -= 8 * Math.floor(z * 0.125);
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) {
      const i = IQ[jz - 1] >> (24 - q0);
      n += i;
      IQ[jz - 1] -= i << (24 - q0);
      ih = IQ[jz - 1] >> (23 - q0);
    } else if (q0 === 0) {
      ih = IQ[jz - 1] >> 23;
    } else if (z >= 0.5) {
      ih = 2;
    }
    if (ih > 0) {
      // fraction >= 1/2: take 1 - fraction and round n up
      n += 1;
      let carry = 0;
      for (let i = 0; i < jz; i++) {
        const j = IQ[i];
        if (carry === 0) {
          if (j !== 0) {
            carry = 1;
            IQ[i] = 0x1000000 - j;
          }
        } else {
          IQ[i] = 0xffffff - j;
        }
      }
      if (q0 === 1) IQ[jz - 1] &= 0x7fffff;
      else if (q0 === 2) IQ[jz - 1] &= 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= pow2(q0);
      }
    }
    if (z !== 0) break;
    let any = 0;
    for (let i = jz - 1; i >= jk; i--) any |= IQ[i];
    if (any !== 0) break;
    // The fraction cancelled to zero in the chunks so far: add as many as were lost.
    let k = 1;
    while (jk >= k && IQ[jk - k] === 0) k++;
    for (let i = jz + 1; i <= jz + k; i++) {
      F[jx + i] = TWO_OVER_PI[jv + i];
      chunkProduct(jx, i);
    }
    jz += k;
  }

  // Drop zero chunks, or split the fraction into a last 24-bit chunk.
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (IQ[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z *= pow2(-q0);
    if (z >= TWO24) {
      const fw = (TWON24 * z) | 0;
      IQ[jz] = z - TWO24 * fw;
      jz += 1;
      q0 += 24;
      IQ[jz] = fw;
    } else {
      IQ[jz] = z;
    }
  }
  // Chunks back to doubles, times pi/2, summed from the smallest.
  let fw = pow2(q0);
  for (let i = jz; i >= 0; i--) {
    Q[i] = fw * IQ[i];
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= jk && k <= jz - i; k++) fw += PIO2_CHUNKS[k] * Q[i + k];
    FQ[jz - i] = fw;
  }
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += FQ[i];
  const y0 = ih === 0 ? fw : -fw;
  fw = FQ[0] - fw;
  for (let i = 1; i <= jz; i++) fw += FQ[i];
  const y1 = ih === 0 ? fw : -fw;
  n &= 7;
  if (hx < 0) {
    Y[0] = -y0;
    Y[1] = -y1;
    return 0 - n; // not -n: -0 is not a small integer, and V8 would box it
  }
  Y[0] = y0;
  Y[1] = y1;
  return n;
}

/** Q[i] = the sum over j of TX[j] * F[jx + i - j]: chunk i of x * 2/pi, exact (24-bit integers). */
function chunkProduct(jx: number, i: number): void {
  let fw = 0;
  for (let j = 0; j <= jx; j++) fw += TX[j] * F[jx + i - j];
  Q[i] = fw;
}

// ---------------------------------------------------------------------------------------------
// sin, cos, tan

/**
 * Sine of x radians.
 *
 * Special values (C99 F.9.1.6, as `Math.sin`): sin(±0) = ±0, sin(±Infinity) = NaN,
 * sin(NaN) = NaN.
 */
export function sin(x: number): number {
  IO[0] = x;
  sinInto();
  return IO[2];
}

/** The body of {@link sin}: reads its argument from IO, writes the result after it. */
function sinInto(): void {
  const x = IO[0];
  const ix = highWord(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) { IO[2] = x - x; return; } // ±Infinity or NaN
  const n = reduce(ix);
  if ((n & 1) === 0) kernelSin(ix <= 0x3fe921fb ? 0 : 1);
  else kernelCos();
  if ((n & 2) !== 0) IO[2] = -IO[2];
}

/**
 * Cosine of x radians.
 *
 * Special values (C99 F.9.1.5, as `Math.cos`): cos(±0) = 1, cos(±Infinity) = NaN,
 * cos(NaN) = NaN.
 */
export function cos(x: number): number {
  IO[0] = x;
  cosInto();
  return IO[2];
}

/** The body of {@link cos}: reads its argument from IO, writes the result after it. */
function cosInto(): void {
  const x = IO[0];
  const ix = highWord(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) { IO[2] = x - x; return; }
  const n = reduce(ix);
  if ((n & 1) === 0) kernelCos();
  else kernelSin(1);
  if (((n + 1) & 2) !== 0) IO[2] = -IO[2]; // + - - + for n mod 4 = 0, 1, 2, 3
}

/**
 * Tangent of x radians. No double is close enough to an odd multiple of pi/2 for the result to
 * overflow: |tan(x)| stays below about 1.6e16.
 *
 * Special values (C99 F.9.1.7, as `Math.tan`): tan(±0) = ±0, tan(±Infinity) = NaN,
 * tan(NaN) = NaN.
 */
export function tan(x: number): number {
  IO[0] = x;
  tanInto();
  return IO[2];
}

/** The body of {@link tan}: reads its argument from IO, writes the result after it. */
function tanInto(): void {
  const x = IO[0];
  const ix = highWord(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) { IO[2] = x - x; return; }
  kernelTan(1 - ((reduce(ix) & 1) << 1)); // -1/tan on odd quadrants
}

/**
 * Puts x = IO[0] (finite, ix its high word without the sign) reduced into Y and returns n with
 * x = n pi/2 + Y[0] + Y[1]; for |x| <= pi/4 that is x itself, n = 0.
 */
function reduce(ix: number): number {
  if (ix > 0x3fe921fb) return remPio2();
  Y[0] = IO[0];
  Y[1] = 0;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// asin, acos

const PI = 3.14159265358979311600e0; // 0x400921FB 54442D18
const PIO2_HI = 1.57079632679489655800e0; // 0x3FF921FB 54442D18
const PIO2_LO = 6.12323399573676603587e-17; // 0x3C91A626 33145C07
const PIO4_HI = 7.85398163397448278999e-1; // 0x3FE921FB 54442D18

// (asin(x) - x)/x^3 ~ R(x^2) = P(x^2)/Q(x^2) on [0, 0.5], error < 2^-58.75.
const PS0 = 1.66666666666666657415e-1; // 0x3FC55555 55555555
const PS1 = -3.25565818622400915405e-1; // 0xBFD4D612 03EB6F7D
const PS2 = 2.01212532134862925881e-1; // 0x3FC9C155 0E884455
const PS3 = -4.00555345006794114027e-2; // 0xBFA48228 B5688F3B
const PS4 = 7.91534994289814532176e-4; // 0x3F49EFE0 7501B288
const PS5 = 3.47933107596021167570e-5; // 0x3F023DE1 0DFDF709
const QS1 = -2.40339491173441421878e0; // 0xC0033A27 1C8A2D4B
const QS2 = 2.02094576023350569471e0; // 0x40002AE5 9C598AC8
const QS3 = -6.88283971605453293030e-1; // 0xBFE6066C 1B8D0159
const QS4 = 7.70381505559019352791e-2; // 0x3FB3B8C5 B12E9282

/** z R(z): the rational part of asin, shared by asin and acos (p/q in e_asin.c and e_acos.c). */
function asinRational(z: number): number {
  const p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  const q = 1 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  return p / q;
}

/**
 * Arcsine in radians, in [-pi/2, pi/2]. For |x| < 1/2 a rational approximation; above, from
 * asin(x) = pi/2 - 2 asin(sqrt((1 - x)/2)), with sqrt split into high and low parts below 0.975.
 *
 * Special values (C99 F.9.1.2, as `Math.asin`): asin(±0) = ±0, asin(x) = NaN for |x| > 1
 * (±Infinity included), asin(NaN) = NaN.
 */
export function asin(x: number): number {
  IO[0] = x;
  asinInto();
  return IO[2];
}

/** The body of {@link asin}: reads its argument from IO, writes the result after it. */
function asinInto(): void {
  const x = IO[0];
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| >= 1
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) { IO[2] = x * PIO2_HI + x * PIO2_LO; return; } // ±pi/2
    IO[2] = NaN;
    return;
  }
  if (ix < 0x3e400000) { IO[2] = x; return; } // |x| < 2^-27
  const small = ix < 0x3fe00000; // |x| < 1/2
  const z = small ? x * x : (1 - Math.abs(x)) * 0.5;
  const r = asinRational(z);
  if (small) { IO[2] = x + x * r; return; }
  const s = Math.sqrt(z);
  let t: number;
  if (ix >= 0x3fef3333) {
    // |x| > 0.975
    t = PIO2_HI - (2 * (s + s * r) - PIO2_LO);
  } else {
    const w = withLowWord(s, 0);
    const c = (z - w * w) / (s + w); // s = w + c to twice the precision
    t = PIO4_HI - ((2 * s * r - (PIO2_LO - 2 * c)) - (PIO4_HI - 2 * w));
  }
  IO[2] = hx > 0 ? t : -t;
}

/**
 * Arccosine in radians, in [0, pi]: pi/2 - asin(x) for |x| < 1/2, 2 asin(sqrt((1 - x)/2)) above
 * 1/2 and pi - 2 asin(sqrt((1 + x)/2)) below -1/2, each arranged so no digits cancel.
 *
 * Special values (C99 F.9.1.1, as `Math.acos`): acos(1) = +0, acos(x) = NaN for |x| > 1
 * (±Infinity included), acos(NaN) = NaN.
 */
export function acos(x: number): number {
  IO[0] = x;
  acosInto();
  return IO[2];
}

/** The body of {@link acos}: reads its argument from IO, writes the result after it. */
function acosInto(): void {
  const x = IO[0];
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| >= 1
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) { IO[2] = hx > 0 ? 0 : PI + 2 * PIO2_LO; return; }
    IO[2] = NaN;
    return;
  }
  if (ix <= 0x3c600000) { IO[2] = PIO2_HI + PIO2_LO; return; } // |x| < 2^-57
  const small = ix < 0x3fe00000; // |x| < 1/2
  const z = small ? x * x : hx < 0 ? (1 + x) * 0.5 : (1 - x) * 0.5;
  const r = asinRational(z);
  if (small) { IO[2] = PIO2_HI - (x - (PIO2_LO - x * r)); return; }
  const s = Math.sqrt(z);
  if (hx < 0) { IO[2] = PI - 2 * (s + (r * s - PIO2_LO)); return; } // x < -1/2
  const df = withLowWord(s, 0);
  const c = (z - df * df) / (s + df);
  IO[2] = 2 * (df + (r * s + c));
}

// ---------------------------------------------------------------------------------------------
// atan, atan2

// atan of 0.5, 1, 1.5 and Infinity, in high and low parts.
const ATAN_HI = Float64Array.of(
  4.63647609000806093515e-1, // 0x3FDDAC67 0561BB4F
  7.85398163397448278999e-1, // 0x3FE921FB 54442D18
  9.82793723247329054082e-1, // 0x3FEF730B D281F69B
  1.57079632679489655800e0, // 0x3FF921FB 54442D18
);
const ATAN_LO = Float64Array.of(
  2.26987774529616870924e-17, // 0x3C7A2B7F 222F65E2
  3.06161699786838301793e-17, // 0x3C81A626 33145C07
  1.39033110312309984516e-17, // 0x3C700788 7AF0CBBD
  6.12323399573676603587e-17, // 0x3C91A626 33145C07
);
// atan(x) ~ x - x^3 (AT0 + AT1 x^2 + ... + AT10 x^20) on [0, 7/16].
const AT0 = 3.33333333333329318027e-1; // 0x3FD55555 5555550D
const AT1 = -1.99999999998764832476e-1; // 0xBFC99999 9998EBC4
const AT2 = 1.42857142725034663711e-1; // 0x3FC24924 920083FF
const AT3 = -1.11111104054623557880e-1; // 0xBFBC71C6 FE231671
const AT4 = 9.09088713343650656196e-2; // 0x3FB745CD C54C206E
const AT5 = -7.69187620504482999495e-2; // 0xBFB3B0F2 AF749A6D
const AT6 = 6.66107313738753120669e-2; // 0x3FB10D66 A0D03D51
const AT7 = -5.83357013379057348645e-2; // 0xBFADDE2D 52DEFD9A
const AT8 = 4.97687799461593236017e-2; // 0x3FA97B4B 24760DEB
const AT9 = -3.65315727442169155270e-2; // 0xBFA2B444 2C6A6C2F
const AT10 = 1.62858201153657823623e-2; // 0x3F90AD3A E322DA11

/** The argument and correction of {@link atanParts}, then its result in two parts. */
const ATAN_IO = new Float64Array(2);

/**
 * atan(x) + c in two parts, high in ATAN_IO[0] and low in ATAN_IO[1], for the finite x
 * (|x| < 2^66) and the small c read from them: s_atan.c with the low part kept apart and c, a
 * correction for an argument that was rounded, added to it. |x| is reduced to [0, 7/16] by
 * atan(x) = atan(k) + atan((x - k)/(1 + k x)) with k = 1/2, 1, 3/2 or Infinity, then a
 * polynomial; atan(k) comes in two parts too. With c = 0 the sum of the parts rounds exactly as
 * fdlibm's atan does.
 */
function atanParts(): void {
  let x = ATAN_IO[0];
  const c = ATAN_IO[1];
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  let id = -1;
  if (ix >= 0x3fdc0000) {
    // |x| >= 7/16
    x = Math.abs(x);
    if (ix < 0x3fe60000) {
      // 7/16 <= |x| < 11/16
      id = 0;
      x = (2 * x - 1) / (2 + x);
    } else if (ix < 0x3ff30000) {
      // 11/16 <= |x| < 19/16
      id = 1;
      x = (x - 1) / (x + 1);
    } else if (ix < 0x40038000) {
      // 19/16 <= |x| < 39/16
      id = 2;
      x = (x - 1.5) / (1 + 1.5 * x);
    } else {
      // 39/16 <= |x| < 2^66
      id = 3;
      x = -1 / x;
    }
  }
  const z = x * x;
  const w = z * z;
  // The sum over i of AT_i z^(i+1), in odd and even parts.
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) {
    ATAN_IO[0] = x;
    ATAN_IO[1] = c - x * (s1 + s2);
    return;
  }
  const lo = x - (x * (s1 + s2) - (ATAN_LO[id] + c));
  ATAN_IO[0] = hx < 0 ? -ATAN_HI[id] : ATAN_HI[id];
  ATAN_IO[1] = hx < 0 ? -lo : lo;
}

/**
 * Arctangent in radians, in [-pi/2, pi/2] (s_atan.c; see {@link atanParts}).
 *
 * Special values (C99 F.9.1.3, as `Math.atan`): atan(±0) = ±0, atan(±Infinity) = ±pi/2,
 * atan(NaN) = NaN.
 */
export function atan(x: number): number {
  IO[0] = x;
  atanInto();
  return IO[2];
}

/** The body of {@link atan}: reads its argument from IO, writes the result after it. */
function atanInto(): void {
  const x = IO[0];
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x44100000) {
    // |x| >= 2^66: ±pi/2, or NaN
    if (x !== x) { IO[2] = x + x; return; }
    IO[2] = hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
    return;
  }
  if (ix < 0x3e400000) { IO[2] = x; return; } // |x| < 2^-27: atan x = x, keeps -0
  ATAN_IO[0] = x;
  ATAN_IO[1] = 0;
  atanParts();
  IO[2] = ATAN_IO[0] + ATAN_IO[1];
}

const PI_O_4 = 7.8539816339744827900e-1; // 0x3FE921FB 54442D18
const PI_LO = 1.2246467991473531772e-16; // 0x3CA1A626 33145C07: pi - PI
const SPLIT = 134217729; // 2^27 + 1: Veltkamp's splitting constant
const TWO54 = 1.8014398509481984e16; // 2^54

/**
 * The angle of the point (x, y) from the positive x axis, in [-pi, pi] radians: atan(y/x)
 * placed in the quadrant of (x, y).
 *
 * fdlibm's e_atan2.c with two corrections that take its error (and V8's `Math.atan2`'s, the same
 * bits) from up to 1.16 ulp to below 1 ulp: the rounding error of y/x is recovered exactly
 * (Dekker's product, on copies of x and y scaled so that nothing overflows or underflows) and
 * passed to atan as a correction, and for x < 0 the result pi - atan(|y/x|) is formed from
 * atan's two parts and pi in two parts, rounded once.
 *
 * Special values (C99 F.9.1.4, as `Math.atan2`): NaN if either argument is NaN;
 * atan2(±0, +0 or x > 0) = ±0, atan2(±0, -0 or x < 0) = ±pi; atan2(y ≠ 0 finite or ±Infinity,
 * ±0) = ±pi/2 (sign of y); atan2(±y finite, +Infinity) = ±0, atan2(±y finite, -Infinity) = ±pi;
 * atan2(±Infinity, +Infinity) = ±pi/4, atan2(±Infinity, -Infinity) = ±3pi/4,
 * atan2(±Infinity, x finite) = ±pi/2.
 */
export function atan2(y: number, x: number): number {
  IO[0] = y;
  IO[1] = x;
  atan2Into();
  return IO[2];
}

/** The body of {@link atan2}: reads its arguments from IO, writes the result after them. */
function atan2Into(): void {
  const y = IO[0];
  const x = IO[1];
  if (x !== x || y !== y) { IO[2] = x + y; return; }
  if (x === 1) { atanInto(); return; } // y/1 is exact; IO[0] already holds y
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const hy = highWord(y);
  const iy = hy & 0x7fffffff;
  const m = ((hy >> 31) & 1) | ((hx >> 30) & 2); // 2 sign(x) + sign(y)

  if ((iy | lowWord(y)) === 0) {
    // y = ±0
    IO[2] = m < 2 ? y : m === 2 ? PI : -PI;
    return;
  }
  if ((ix | lowWord(x)) === 0) { IO[2] = hy < 0 ? -PIO2_HI : PIO2_HI; return; } // x = ±0
  if (ix === 0x7ff00000) {
    // x = ±Infinity
    const r = iy === 0x7ff00000 ? (m < 2 ? PI_O_4 : 3 * PI_O_4) : m < 2 ? 0 : PI;
    IO[2] = (m & 1) === 0 ? r : -r;
    return;
  }
  if (iy === 0x7ff00000) { IO[2] = hy < 0 ? -PIO2_HI : PIO2_HI; return; } // y = ±Infinity

  // atan(|y/x|) = ATAN_IO[0] + ATAN_IO[1]
  const k = (iy - ix) >> 20;
  let quadrant = m;
  if (k > 60) {
    // |y/x| > 2^60: pi/2, whatever the sign of x
    ATAN_IO[0] = PIO2_HI;
    ATAN_IO[1] = 0.5 * PI_LO;
    quadrant &= 1;
  } else if (k < -60) {
    // |y/x| < 2^-60: atan is |y/x| to far below an ulp; with x < 0 the result is ±pi
    ATAN_IO[0] = hx < 0 ? 0 : Math.abs(y / x);
    ATAN_IO[1] = 0;
  } else {
    quotientParts(ix);
    atanParts();
  }
  const hi = ATAN_IO[0];
  const lo = ATAN_IO[1];
  if (quadrant < 2) {
    const r = hi + lo;
    IO[2] = quadrant === 0 ? r : -r;
    return;
  }
  // pi - (hi + lo) = (PI - hi) + (PI_LO - lo), with PI - hi = s + e exactly (Fast2Sum: PI >= hi)
  const s = PI - hi;
  const r = s + (((PI - s) - hi + PI_LO) - lo);
  IO[2] = quadrant === 2 ? r : -r;
}

/**
 * Puts q = ay/ax in ATAN_IO[0] and c = (ay/ax - q)/(1 + q^2) in ATAN_IO[1] (so atan(ay/ax) =
 * atan(q) + c to far below an ulp), for ay = |IO[0]| and ax = |IO[1]|, finite and nonzero, whose
 * ratio is within 2^±61 (ix: ax's high word). Both are first scaled by the same power of two to
 * bring ax into [1, 2), which is exact and keeps Dekker's product q ax = p + e and the remainder
 * ay - q ax = (ay - p) - e exact (ay - p by Sterbenz's lemma).
 */
function quotientParts(ix: number): void {
  let ay = Math.abs(IO[0]);
  let ax = Math.abs(IO[1]);
  let e = (ix >> 20) - 1023;
  if (ix < 0x00100000) {
    // ax subnormal: normalise both first
    ax *= TWO54;
    ay *= TWO54;
    e = (highWord(ax) >> 20) - 1023;
  }
  ax *= pow2(-e);
  ay *= pow2(-e);
  const q = ay / ax;
  let t = SPLIT * q;
  const qh = t - (t - q);
  const ql = q - qh;
  t = SPLIT * ax;
  const ah = t - (t - ax);
  const al = ax - ah;
  const p = q * ax;
  const pe = ((qh * ah - p) + qh * al + ql * ah) + ql * al;
  ATAN_IO[0] = q;
  ATAN_IO[1] = ((ay - p) - pe) / ax / (1 + q * q);
}
