/**
 * `hypot` after fdlibm 5.3 (e_hypot.c; Sun Microsystems, 1993, freely redistributable).
 * Error < 1 ulp; deterministic on every engine: only + - * /, sqrt, comparisons and exact bit
 * moves. (V8's `Math.hypot` is not fdlibm's: it sums the squares scaled by the largest
 * argument, so it may differ from this in the last bit.)
 */
import { fromWords, highWord, lowWord, pow2 } from './words';

/** Argument and result passing for the body below: see exp.ts. */
const IO = new Float64Array(3);

const TWO1022 = 4.49423283715578976932e307; // 2^1022
const TWO600 = 4.14951556888099295851e180; // 2^600
const TWOM600 = 2.40991986510288411774e-181; // 2^-600

/**
 * sqrt(x^2 + y^2) without undue overflow or underflow. With a = max(|x|, |y|) and b the other,
 * a^2 + b^2 is formed in extra precision (a and 2a split into high and low halves, so the big
 * products are exact) before the one correctly rounded sqrt; arguments far from 1 are first
 * scaled by 2^±600 (or 2^1022 for a subnormal b).
 *
 * Special values (C99 F.9.4.3, as `Math.hypot` with two arguments): +Infinity if either argument
 * is ±Infinity, even if the other is NaN; otherwise NaN if either is NaN; hypot(±0, ±0) = +0;
 * hypot(x, ±0) = |x|.
 */
export function hypot(x: number, y: number): number {
  IO[0] = x;
  IO[1] = y;
  hypotInto();
  return IO[2];
}

/** The body of {@link hypot}: reads its arguments from IO, writes the result after them. */
function hypotInto(): void {
  const x = IO[0];
  const y = IO[1];
  let ha = highWord(x) & 0x7fffffff;
  let hb = highWord(y) & 0x7fffffff;
  let a: number;
  let b: number;
  if (hb > ha) {
    a = Math.abs(y);
    b = Math.abs(x);
    const j = ha;
    ha = hb;
    hb = j;
  } else {
    a = Math.abs(x);
    b = Math.abs(y);
  }
  if (ha - hb > 0x3c00000) { IO[2] = a + b; return; } // a/b > 2^60: b is below a's last bit
  let k = 0;
  if (ha > 0x5f300000) {
    // a > 2^500
    if (ha >= 0x7ff00000) {
      // Infinity or NaN: Infinity wins over NaN
      let w = a + b;
      if (((ha & 0xfffff) | lowWord(a)) === 0) w = a;
      if (((hb ^ 0x7ff00000) | lowWord(b)) === 0) w = b;
      IO[2] = w;
      return;
    }
    // scale a and b by 2^-600 (exact: b > a 2^-61 stays normal)
    ha -= 0x25800000;
    hb -= 0x25800000;
    k += 600;
    a *= TWOM600;
    b *= TWOM600;
  }
  if (hb < 0x20b00000) {
    // b < 2^-500
    if (hb <= 0x000fffff) {
      // b subnormal or 0
      if ((hb | lowWord(b)) === 0) { IO[2] = a; return; }
      b *= TWO1022;
      a *= TWO1022;
      k -= 1022;
    } else {
      // scale a and b by 2^600 (exact)
      ha += 0x25800000;
      hb += 0x25800000;
      k -= 600;
      a *= TWO600;
      b *= TWO600;
    }
  }
  let w = a - b;
  if (w > b) {
    // a > 2b: a^2 + b^2 = a1^2 + (b^2 + a2 (a + a1)), a1 = a's high half, a2 = a - a1
    const t1 = fromWords(ha, 0);
    const t2 = a - t1;
    w = Math.sqrt(t1 * t1 - (b * -b - t2 * (a + t1)));
  } else {
    // a <= 2b: a^2 + b^2 = t1 y1 + ((a - b)^2 + (t1 y2 + t2 b)), t1 + t2 = 2a, y1 + y2 = b
    a += a;
    const y1 = fromWords(hb, 0);
    const y2 = b - y1;
    const t1 = fromWords(ha + 0x00100000, 0);
    const t2 = a - t1;
    w = Math.sqrt(t1 * y1 - (w * -w - (t1 * y2 + t2 * b)));
  }
  IO[2] = k === 0 ? w : pow2(k) * w;
}
