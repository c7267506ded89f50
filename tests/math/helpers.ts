/** Helpers for the tests of src/math: bit views, ulp distances, a fixed-seed generator, exact references. */
import { acos, asin, atan, cos, exp, expm1, log, log10, log1p, log2, sin, tan } from '../../src/math';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import DecimalJs from 'decimal.js';

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

// Reference arithmetic: decimal.js at 60 significant digits (loaded directly rather than through
// mathjs, whose start-up took a second of every mutation-testing run of these tests).
const Decimal = DecimalJs.clone({ precision: 60 });
type DecimalClass = typeof Decimal;
type BigValue = InstanceType<DecimalClass>;

/** The exact value of a finite double, as a 60-digit decimal (the double's value, not its shortest print). */
export function big(x: number): BigValue {
  if (x === 0) return new Decimal(x); // keeps the sign of -0 (atan2(-0, -1) = -pi)
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

/**
 * The exact value of a double as an argument of sin, cos and tan: a double of 2^53 or more is
 * an integer with up to 309 digits, all of which matter for x mod pi/2 (1e300 rounded to 60
 * digits would be off by 1e240), so integers are taken digit for digit; decimal.js then reduces
 * with as many digits of pi as the argument has. Other doubles are below 2^52 in magnitude, and
 * 60 digits of them leave an error far below an ulp of the result.
 */
function angle(x: number): BigValue {
  return Number.isInteger(x) ? new Decimal(BigInt(x).toString()) : big(x);
}

// The standard normal references: 120 digits of working precision, enough to lose 22 to the
// cancellation in the series at |x| = 10 and keep more than 90.
const Wide = Decimal.clone({ precision: 120 });
const SQRT_2PI = new Wide(-1).acos().times(2).sqrt();

/** Standard normal density exp(-x^2/2)/sqrt(2 pi), 120 digits. */
function density(x: BigValue): BigValue {
  return new Wide(x).times(x).div(-2).exp().div(SQRT_2PI);
}

/**
 * Φ(x) to 60 digits or more. For |x| <= 10 the Taylor series Φ(x) = 1/2 + φ(x) Σ x^(2n+1)/(2n+1)!!
 * (Abramowitz and Stegun 26.2.11), every term of one sign; beyond, the upper tail
 * Φ(-y) = φ(y) / (y + 1/(y + 2/(y + 3/(y + ...)))) (Laplace's continued fraction, A&S 26.2.14),
 * evaluated from the bottom, from 50 levels, doubled until two depths agree to 70 digits.
 * Spot-checked against mpmath's ncdf at 60 digits on exact binary inputs (Φ(-5.557173157150681)
 * = 1.37089367313632595564740380984e-8 by the series, Φ(-37.5) = 4.60535300958195484382797e-308
 * by the fraction).
 */
function phiExact(x: BigValue): BigValue {
  const y = new Wide(x);
  if (y.abs().lte(10)) {
    const y2 = y.times(y);
    let term = y;
    let sum = y;
    for (let n = 1; !term.abs().lte(sum.abs().times(1e-85)); n++) {
      term = term.times(y2).div(2 * n + 1);
      sum = sum.plus(term);
    }
    return density(y).times(sum).plus(0.5);
  }
  const a = y.abs();
  const tailFraction = (depth: number): BigValue => {
    let t = a;
    for (let k = depth; k >= 1; k--) t = a.plus(new Wide(k).div(t));
    return t;
  };
  let depth = 50;
  let d = tailFraction(depth);
  for (;;) {
    const next = tailFraction((depth *= 2));
    const settled = next.minus(d).abs().lte(next.times(1e-70));
    d = next;
    if (settled) break;
  }
  const tail = density(a).div(d);
  return y.isNegative() ? tail : tail.neg().plus(1);
}

/**
 * Φ⁻¹(p) to 60 digits: two Newton steps x <- x - (Φ(x) - p)/φ(x) on phiExact from a start
 * accurate to about 1e-14 (the function under test). Each step takes the error e to about
 * |x| e^2 / 2, so two take it below 1e-48 for every |x| < 40.
 */
function probitExact(p: number, start: number): BigValue {
  const target = new Wide(big(p));
  let x = new Wide(big(start));
  for (let i = 0; i < 2; i++) x = x.minus(phiExact(x).minus(target).div(density(x)));
  return x;
}

/**
 * Computing the references is nearly all of these tests' time, and mutation testing re-runs
 * them for every surviving mutant of src/math (docs/mutation-testing.md). The references depend
 * on decimal.js and the inputs only, never on src/, so such a run may keep them in the file named
 * by SCENARIO_ODDS_REFERENCE_CACHE (one `name inputs<TAB>digits` line each, appended as computed:
 * appends of a short line are atomic, so parallel test processes can share it). Unset, as in
 * `npm test`, every reference is computed afresh.
 */
const CACHE_FILE = process.env.SCENARIO_ODDS_REFERENCE_CACHE;
const cached = new Map<string, string>();
if (CACHE_FILE && existsSync(CACHE_FILE)) {
  for (const line of readFileSync(CACHE_FILE, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) cached.set(line.slice(0, tab), line.slice(tab + 1));
  }
}

/** `reference(...inputs)`, from the cache when there is one; `Kind` reads the digits back at the precision they were computed with. */
function remembered<A extends number[]>(name: string, reference: (...inputs: A) => BigValue, Kind: DecimalClass = Decimal) {
  return (...inputs: A): BigValue => {
    if (!CACHE_FILE) return reference(...inputs);
    const key = `${name} ${inputs.map(bitsOf).join(' ')}`;
    const digits = cached.get(key);
    if (digits !== undefined) return new Kind(digits);
    const value = reference(...inputs);
    appendFileSync(CACHE_FILE, `${key}\t${value.toString()}\n`);
    return value;
  };
}

/** Exact references (to 60 digits) of the functions, on exact inputs. */
export const exact = {
  exp: remembered('exp', (x: number) => big(x).exp()),
  expm1: remembered('expm1', (x: number) => (Math.abs(x) < 1e-3 ? series(x, (n) => factorial(n)) : big(x).exp().minus(1))),
  log: remembered('log', (x: number) => big(x).ln()),
  log1p: remembered('log1p', (x: number) => (Math.abs(x) < 1e-3 ? series(x, (n) => (n % 2 === 1 ? n : -n)) : big(x).plus(1).ln())),
  log2: remembered('log2', (x: number) => big(x).ln().div(new Decimal(2).ln())),
  log10: remembered('log10', (x: number) => big(x).ln().div(new Decimal(10).ln())),
  pow: remembered('pow', (x: number, y: number) => (x < 0 ? big(-x).pow(big(y)).times(Math.abs(y) % 2 === 1 ? -1 : 1) : big(x).pow(big(y)))),
  sin: remembered('sin', (x: number) => angle(x).sin()),
  cos: remembered('cos', (x: number) => angle(x).cos()),
  tan: remembered('tan', (x: number) => angle(x).tan()),
  asin: remembered('asin', (x: number) => big(x).asin()),
  acos: remembered('acos', (x: number) => big(x).acos()),
  atan: remembered('atan', (x: number) => big(x).atan()),
  atan2: remembered('atan2', (y: number, x: number) => Decimal.atan2(big(y), big(x))),
  hypot: remembered('hypot', (x: number, y: number) => big(x).times(big(x)).plus(big(y).times(big(y))).sqrt()),
  phi: remembered('phi', (x: number) => phiExact(big(x)), Wide),
  /** The standard normal density φ(x). */
  pdf: remembered('pdf', (x: number) => density(big(x)), Wide),
  /** `start`: an approximation of the result (the value under test) for Newton's method. */
  probit: remembered('probit', (p: number, start: number) => probitExact(p, start), Wide),
};

/** Each one-argument function of src/math beside the engine's own, for tests that compare the two. */
export const UNARY_VS_MATH: ReadonlyArray<readonly [string, (x: number) => number, (x: number) => number]> = [
  ['exp', exp, Math.exp],
  ['expm1', expm1, Math.expm1],
  ['log', log, Math.log],
  ['log1p', log1p, Math.log1p],
  ['log2', log2, Math.log2],
  ['log10', log10, Math.log10],
  ['sin', sin, Math.sin],
  ['cos', cos, Math.cos],
  ['tan', tan, Math.tan],
  ['asin', asin, Math.asin],
  ['acos', acos, Math.acos],
  ['atan', atan, Math.atan],
];
