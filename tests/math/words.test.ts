/**
 * src/math/words.ts, exactly: the bit moves every function of src/math is built on, against
 * references built from BigInt bit patterns (no floating-point arithmetic in the reference), on
 * fixed-seed random bit patterns of every kind (zeros, subnormals, normals, infinities, NaNs).
 */
import { describe, expect, it } from 'vitest';
import { fromWords, highWord, lowWord, pow2, scalbn, withHighWord, withLowWord } from '../../src/math/words';
import { splitmix } from './helpers';

const view = new DataView(new ArrayBuffer(8));
const bitsOf = (x: number): bigint => {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
};
const fromBits = (b: bigint): number => {
  view.setBigUint64(0, BigInt.asUintN(64, b));
  return view.getFloat64(0);
};
const same = (got: number, want: number) => Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want) && bitsOf(got) === bitsOf(want));

/** Fixed-seed doubles: random bit patterns, and each class of double drawn on purpose. */
function doubles(seed: bigint, n: number): number[] {
  const next = splitmix(seed);
  const out: number[] = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2.2250738585072014e-308, 1, -1];
  for (let i = 0; i < n; i++) {
    const r = next();
    const sign = (r & 1n) << 63n;
    const mantissa = (r >> 1n) & 0xfffffffffffffn;
    switch (i % 4) {
      case 0: out.push(fromBits(r)); break; // any pattern
      case 1: out.push(fromBits(sign | mantissa)); break; // subnormal (or zero)
      case 2: out.push(fromBits(sign | (BigInt(1 + Number((r >> 53n) % 2046n)) << 52n) | mantissa)); break; // normal
      default: out.push(fromBits(sign | (0x7ffn << 52n) | (i % 8 === 3 ? 0n : mantissa | 1n))); // Infinity or a NaN payload
    }
  }
  return out;
}

const XS = doubles(19n, 4_000);
const HIGH = (x: number) => Number(BigInt.asIntN(32, bitsOf(x) >> 32n));
const LOW = (x: number) => Number(bitsOf(x) & 0xffffffffn);

describe('the words of a double', () => {
  it('highWord is the top 32 bits as a signed int32, lowWord the bottom 32 as a uint32', () => {
    for (const x of XS) {
      expect(highWord(x), `highWord(${x})`).toBe(HIGH(x));
      expect(lowWord(x), `lowWord(${x})`).toBe(LOW(x));
    }
    expect(highWord(-0)).toBe(-0x80000000);
    expect(lowWord(fromBits(0xffffffffn))).toBe(0xffffffff);
  });

  it('fromWords puts them back, each taken modulo 2^32', () => {
    for (const x of XS) expect(same(fromWords(HIGH(x), LOW(x)), x), `fromWords of ${x}`).toBe(true);
    expect(Object.is(fromWords(0x80000000, 0), -0)).toBe(true); // as an unsigned high word
    expect(fromWords(0x3ff00000 + 2 ** 32, 1 - 2 ** 32)).toBe(fromBits(0x3ff0000000000001n));
    expect(fromWords(-0x40100001, -1)).toBe(fromBits(0xbfefffffffffffffn)); // -1.9999999999999998
  });

  it('withHighWord and withLowWord replace one half and keep the other', () => {
    const next = splitmix(23n);
    for (const x of XS) {
      const word = Number(next() & 0xffffffffn);
      const b = bitsOf(x);
      expect(same(withHighWord(x, word), fromBits((BigInt(word) << 32n) | (b & 0xffffffffn))), `withHighWord(${x}, ${word})`).toBe(true);
      expect(same(withLowWord(x, word), fromBits((b >> 32n << 32n) | BigInt(word))), `withLowWord(${x}, ${word})`).toBe(true);
      expect(same(withLowWord(x, 0), fromBits(b >> 32n << 32n))).toBe(true);
    }
  });
});

describe('pow2', () => {
  it('is 2^n exactly for every n in [-1074, 1023], subnormals included', () => {
    for (let n = -1074; n <= 1023; n++) {
      const want = n >= -1022 ? fromBits(BigInt(n + 1023) << 52n) : fromBits(1n << BigInt(n + 1074));
      expect(pow2(n), `2^${n}`).toBe(want);
    }
  });
});

/**
 * x·2^n correctly rounded (to nearest, ties to even), from x's bits alone: x = m·2^e with an
 * integer m, and the result's bits are m shifted into place.
 */
function ldexpExact(x: number, n: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const b = bitsOf(x);
  const sign = b >> 63n;
  const field = Number((b >> 52n) & 0x7ffn);
  const fraction = b & 0xfffffffffffffn;
  const m = field === 0 ? fraction : fraction | (1n << 52n);
  const e = (field === 0 ? -1074 : field - 1075) + n; // x·2^n = m·2^e
  const top = e + m.toString(2).length - 1; // the exponent of the leading bit
  const signed = (magnitude: bigint) => fromBits((sign << 63n) | magnitude);
  if (top > 1023) return sign ? -Infinity : Infinity;
  if (top >= -1022) {
    const shift = 52 - (m.toString(2).length - 1); // normalize m to 53 bits: exact
    return signed((BigInt(top + 1023) << 52n) | ((m << BigInt(shift)) & 0xfffffffffffffn));
  }
  // Subnormal: the result is q·2^-1074 with q = m·2^(e+1074), rounded to an integer.
  const s = -(e + 1074);
  if (s <= 0) return signed(m << BigInt(-s));
  let q = m >> BigInt(s);
  const rest = m - (q << BigInt(s));
  const half = 1n << BigInt(s - 1);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n; // q may carry into the smallest normal: the bits still say so
  return signed(q);
}

/** The exponent of x's leading bit (x finite and not 0; 0 for the rest, which scalbn returns as they are). */
function leadingExponent(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const b = bitsOf(x);
  const field = Number((b >> 52n) & 0x7ffn);
  return field > 0 ? field - 1023 : (b & 0xfffffffffffffn).toString(2).length - 1075;
}

describe('scalbn', () => {
  it('is x·2^n correctly rounded for every kind of x and n from -2200 to 2200', () => {
    const next = splitmix(29n);
    const ns = [0, 1, -1, 52, -52, 53, -53, 54, -54, 1023, -1022, -1074, -1075, 2046, -2098, 2200, -2200];
    let subnormalResults = 0;
    let roundedResults = 0;
    for (const x of XS) {
      // One n anywhere, one that puts the result's leading bit within 2^±60 of 2^-1022.
      const picks = [...ns, Number(next() % 4401n) - 2200, Number(next() % 121n) - 60 - 1022 - leadingExponent(x)];
      for (const n of picks) {
        const got = scalbn(x, n);
        const want = ldexpExact(x, n);
        expect(same(got, want), `scalbn(${x}, ${n}) = ${got}, want ${want}`).toBe(true);
        if (want !== 0 && Math.abs(want) < 2.2250738585072014e-308) subnormalResults++;
        if (Number.isFinite(x) && x !== 0 && want !== 0 && Number.isFinite(want) && want / 2 ** n !== x) roundedResults++;
      }
    }
    // The picks above reach the subnormal range and its rounding (not only exact scalings).
    expect(subnormalResults).toBeGreaterThan(1_000);
    expect(roundedResults).toBeGreaterThan(500);
  });

  it('rounds half-way cases to even, and carries into the smallest normal', () => {
    const minSub = 5e-324;
    expect(scalbn(3 * minSub, -1)).toBe(2 * minSub); // 1.5 -> 2
    expect(scalbn(5 * minSub, -1)).toBe(2 * minSub); // 2.5 -> 2
    expect(scalbn(minSub, -1)).toBe(0); // 0.5 -> 0
    expect(Object.is(scalbn(-minSub, -1), -0)).toBe(true);
    expect(scalbn(1.5 * minSub * 2 ** 60, -60)).toBe(2 * minSub);
    expect(scalbn(2.2250738585072014e-308 * (2 - 2 ** -52), -1)).toBe(2.2250738585072014e-308); // 2^53 - 1 halves to 2^52 - 0.5 -> 2^52, the smallest normal
    expect(scalbn(Number.MAX_VALUE, 1)).toBe(Infinity);
    expect(scalbn(-Number.MAX_VALUE, 1)).toBe(-Infinity);
    expect(scalbn(minSub, 2097)).toBe(2 ** 1023);
    expect(scalbn(minSub, 2098)).toBe(Infinity);
    expect(scalbn(2 ** 1023, -2097)).toBe(minSub);
  });
});
