/** Helpers for the tests of src/math: bit views, ulp distances, a fixed-seed generator, exact references. */
import { all, create } from 'mathjs';

const view = new DataView(new ArrayBuffer(8));

/** The 64 bits of a double as 16 hex digits (sign first). */
export function bitsOf(x: number): string {
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

/** The double with these 16 hex digits of bits. */
export function fromBits(hex: string): number {
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

/** Doubles in their order on the line as integers: -0 and +0 both map to 0. */
function ordered(x: number): bigint {
  view.setFloat64(0, x);
  const b = view.getBigInt64(0);
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

/**
 * How many doubles apart `a` and `b` are (0 when bit-identical or ±0; Infinity if exactly one is
 * NaN; both NaN count as 0). MAX_VALUE and Infinity are 1 apart.
 */
export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (Object.is(a, b)) return 0;
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

/** A fixed-seed generator (SplitMix64): the same inputs on every run and every machine. */
export function splitmix(seed: bigint): () => bigint {
  let s = BigInt.asUintN(64, seed);
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
}

/** Uniform doubles in [lo, hi) and doubles with uniformly random bit patterns, from a seed. */
export function generator(seed: number) {
  const next = splitmix(BigInt(seed));
  const unit = () => Number(next() >> 11n) / 2 ** 53;
  return {
    /** Uniform in [lo, hi). */
    uniform: (lo: number, hi: number) => lo + (hi - lo) * unit(),
    /** Log-uniform magnitude in [2^lo, 2^hi), positive. */
    logUniform: (lo: number, hi: number) => 2 ** (lo + (hi - lo) * unit()),
    /** A random finite positive double of any exponent, subnormals included (uniform over bit patterns). */
    anyPositive: (): number => {
      for (;;) {
        view.setBigUint64(0, next() & 0x7fffffffffffffffn);
        const x = view.getFloat64(0);
        if (Number.isFinite(x) && x > 0) return x;
      }
    },
    /** A random subnormal (positive). */
    subnormal: (): number => {
      view.setBigUint64(0, (next() & 0x000fffffffffffffn) | 1n);
      return view.getFloat64(0);
    },
    unit,
  };
}

// Reference arithmetic: decimal.js (through mathjs) at 60 significant digits.
const M = create(all, { precision: 60 });
const Decimal = M.bignumber(0).constructor as unknown as {
  new (v: string | number): BigValue;
  pow(a: BigValue | number, b: BigValue | number): BigValue;
};
interface BigValue {
  exp(): BigValue;
  ln(): BigValue;
  log(base: number): BigValue;
  pow(y: BigValue): BigValue;
  minus(y: BigValue | number): BigValue;
  plus(y: BigValue | number): BigValue;
  times(y: BigValue | number): BigValue;
  div(y: BigValue | number): BigValue;
  abs(): BigValue;
  isZero(): boolean;
  toNumber(): number;
}

/** The exact value of a finite double, as a 60-digit decimal (the double's value, not its shortest print). */
export function big(x: number): BigValue {
  if (x === 0) return new Decimal(0);
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1 : 1;
  const e = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  const mant = e === 0 ? frac : frac | (1n << 52n);
  const exponent = (e === 0 ? 1 : e) - 1075;
  return new Decimal(mant.toString()).times(Decimal.pow(2, exponent)).times(sign);
}

/** One ulp of the double nearest `y` (the spacing of doubles at |y|; 2^-1074 among subnormals). */
function ulpAt(y: number): number {
  const a = Math.abs(y);
  if (a < 2 ** -1022) return 2 ** -1074;
  view.setFloat64(0, a);
  const e = Number(view.getBigUint64(0) >> 52n);
  return 2 ** (e - 1075);
}

/**
 * Error of the double `got` against the exact value `exact`, in ulps of the correctly rounded
 * result (so 0.5 or less means correctly rounded).
 */
export function ulpError(got: number, exact: BigValue): number {
  const rounded = exact.toNumber();
  if (!Number.isFinite(got) || !Number.isFinite(rounded)) return got === rounded ? 0 : Infinity;
  return big(got).minus(exact).abs().div(ulpAt(rounded)).toNumber();
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i; // exact for n <= 18, and beyond that the terms are negligible
  return f;
}

/** Sum over n = 1..30 of x^n / d(n): the Taylor series of expm1 and log1p, for |x| < 1e-3 (where 1 + x loses digits). */
function series(x: number, d: (n: number) => number): BigValue {
  const bx = big(x);
  let power = bx;
  let sum = new Decimal(0);
  for (let n = 1; n <= 30; n++) {
    sum = sum.plus(power.div(d(n)));
    power = power.times(bx);
  }
  return sum;
}

/** Exact references (to 60 digits) of the functions, on exact inputs. */
export const exact = {
  exp: (x: number) => big(x).exp(),
  expm1: (x: number) => (Math.abs(x) < 1e-3 ? series(x, (n) => factorial(n)) : big(x).exp().minus(1)),
  log: (x: number) => big(x).ln(),
  log1p: (x: number) => (Math.abs(x) < 1e-3 ? series(x, (n) => (n % 2 === 1 ? n : -n)) : big(x).plus(1).ln()),
  log2: (x: number) => big(x).ln().div(new Decimal(2).ln()),
  log10: (x: number) => big(x).ln().div(new Decimal(10).ln()),
  pow: (x: number, y: number) => (x < 0 ? big(-x).pow(big(y)).times(Math.abs(y) % 2 === 1 ? -1 : 1) : big(x).pow(big(y))),
};
