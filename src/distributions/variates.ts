/**
 * Primitive random variates shared by the samplers: the standard normal (ziggurat) and the
 * standard gamma (Marsaglia–Tsang). Every draw comes from the stream passed in, and nothing is
 * carried between calls (no cached second value), so a value depends only on the stream's
 * position: the basis of batch invariance.
 */
import { draw53, type RandomStream } from '../rng';
import { exp, log } from '../math/index';
import { NORMAL_REACH, UNIFORM_LOG_REACH } from './limits';

// Ziggurat with 128 layers (Marsaglia & Tsang, "The ziggurat method for generating random
// variables", J. Stat. Softw. 5(8), 2000), in Doornik's form ("An improved ziggurat method to
// generate normal random samples", 2005): the layer index and the position inside the layer
// come from separate bits of one 53-bit uniform, which avoids the correlation Doornik found in
// the original 32-bit version.
const ZIG_LAYERS = 128;
/** Start of the tail (x_1 for 128 layers). */
const ZIG_R = 3.442619855899;
/** Common area of every layer (and of the base layer including the tail). */
const ZIG_V = 9.91256303526217e-3;

/** Right edge of each layer; ZIG_X[0] is the base layer's pseudo-width V / f(R). */
const ZIG_X = new Float64Array(ZIG_LAYERS + 1);
/**
 * Indexed by 8 bits (sign bit 7, layer bits 0-6): the layer's width with the sign applied, and
 * the fraction of the layer lying entirely under the curve (ZIG_X[i+1] / ZIG_X[i]). Folding the
 * sign into the table removes an unpredictable branch from the hot path (measured: about 2x).
 */
const ZIG_SIGNED_X = new Float64Array(2 * ZIG_LAYERS);
const ZIG_RATIO = new Float64Array(2 * ZIG_LAYERS);

(function buildZiggurat(): void {
  let f = exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  ZIG_X[ZIG_LAYERS] = 0;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    ZIG_X[i] = Math.sqrt(-2 * log(ZIG_V / ZIG_X[i - 1] + f));
    f = exp(-0.5 * ZIG_X[i] * ZIG_X[i]);
  }
  for (let j = 0; j < 2 * ZIG_LAYERS; j++) {
    const i = j & (ZIG_LAYERS - 1);
    ZIG_SIGNED_X[j] = j & ZIG_LAYERS ? -ZIG_X[i] : ZIG_X[i];
    ZIG_RATIO[j] = ZIG_X[i + 1] / ZIG_X[i];
  }
})();

/**
 * One standard normal variate by the ziggurat method. About 98.8% of calls use exactly one
 * `stream.double()` and no transcendental function; the rest fall to {@link normalAfterMiss}.
 * Exact (no approximation beyond floating point); expected draws per variate ≈ 1.02.
 */
export function standardNormal(stream: RandomStream): number {
  // 53-bit uniform: the top 8 bits pick layer and sign, the remaining 45 the position.
  const t = stream.double() * 256;
  const j = t | 0;
  const u = t - j;
  return u < ZIG_RATIO[j] ? u * ZIG_SIGNED_X[j] : normalAfterMiss(stream, j, u);
}

/**
 * Fills `out[0..n)` with `mean + sd · Z` for standard normals Z: the same draws and the same
 * values as n calls of {@link standardNormal}. The Tyche-i step is written out in the loop, as in
 * {@link fillGammaRatios} and for the same reason: with the state in local variables this loop
 * measured about 1.1x the speed of the same loop calling {@link draw53} (both timed against
 * bench/engine.mjs's hand-written normal fill in one process).
 *
 * The draw's layer and position come straight from its integer bits: of the 53-bit uniform
 * r = (top·2³² + low)/2⁵³, the layer j = ⌊256r⌋ is top's upper 8 bits and the position
 * 256r − j is the other 45 bits as a fraction, both exact, so the same numbers as
 * {@link standardNormal}'s `t | 0` and `t − j` without the conversions between them (what it
 * bought: bench/README.md). r = 0 is redrawn, as `double()` does.
 */
export function fillNormals(stream: RandomStream, mean: number, sd: number, out: Float64Array, n: number): void {
  const s = stream.state;
  let a = s[0], b = s[1], c = s[2], d = s[3];
  for (let i = 0; i < n; i++) {
    let top: number;
    do {
      b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
      b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
      top = a >>> 11;
      b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
      b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
    } while ((top | a) === 0);
    const j = top >>> 13;
    const u = ((top & 0x1fff) + (a >>> 0) / 0x100000000) / 0x2000;
    let z: number;
    if (u < ZIG_RATIO[j]) z = u * ZIG_SIGNED_X[j];
    else {
      s[0] = a; s[1] = b; s[2] = c; s[3] = d;
      z = normalAfterMiss(stream, j, u);
      a = s[0]; b = s[1]; c = s[2]; d = s[3];
    }
    out[i] = mean + sd * z;
  }
  s[0] = a; s[1] = b; s[2] = c; s[3] = d;
}

/**
 * The ziggurat after the fast test failed for the point (j, u): the tail beyond R
 * (Marsaglia's exponential method) or the wedge of layer j, then fresh draws while rejected.
 * A function of its own, so the kernels' loops spell out only the fast path.
 */
function normalAfterMiss(stream: RandomStream, j: number, u: number): number {
  for (;;) {
    const i = j & (ZIG_LAYERS - 1);
    let r: number;
    if (i === 0) {
      // Tail: terminates with probability 1; acceptance rate above 0.9 for R = 3.44.
      let x: number;
      let y: number;
      do {
        x = log(stream.double()) / ZIG_R;
        y = log(stream.double());
      } while (-2 * y < x * x);
      r = ZIG_R - x;
    } else {
      const x = u * ZIG_X[i];
      const x2 = x * x;
      const f0 = exp(-0.5 * (ZIG_X[i] * ZIG_X[i] - x2));
      const f1 = exp(-0.5 * (ZIG_X[i + 1] * ZIG_X[i + 1] - x2));
      r = f1 + stream.double() * (f0 - f1) < 1 ? x : NaN;
    }
    if (r === r) return j & ZIG_LAYERS ? -r : r;
    // NaN: the wedge point was rejected; start over with a fresh draw.
    const t = stream.double() * 256;
    j = t | 0;
    u = t - j;
    if (u < ZIG_RATIO[j]) return u * ZIG_SIGNED_X[j];
  }
}

/**
 * One Gamma(shape, 1) variate for shape >= 1 by Marsaglia & Tsang, "A simple method for
 * generating gamma variables", ACM TOMS 26(3), 2000, with its squeeze test (a log is needed in
 * under 2% of draws). `d = shape − 1/3` and `c = 1/sqrt(9d)` are precomputed by the caller.
 * Expected normal draws per variate at most 1.05 (shape = 1), → 1 as shape grows.
 */
export function gammaMT(stream: RandomStream, d: number, c: number): number {
  for (;;) {
    let x: number;
    let v0: number;
    do {
      x = standardNormal(stream);
      v0 = 1 + c * x;
    } while (v0 <= 0);
    const v = v0 * v0 * v0;
    const u = stream.double();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || acceptsGammaPoint(u, x2, v0, v, d)) return d * v;
  }
}

/**
 * Marsaglia–Tsang's exact test, `log(u) < x²/2 + d(1 − v + log v)`, for a point whose squeeze
 * `u < 1 − 0.0331x⁴` failed (about 10% of points), with the same result bit for bit: first a
 * second squeeze fitted to the shape ({@link belowQuarticBound}), then a log-free bracket
 * ({@link gammaPointBracket}), and a logarithm only for points very close to the boundary.
 */
export function acceptsGammaPoint(u: number, x2: number, v0: number, v: number, d: number): boolean {
  if (belowQuarticBound(u, v0, d)) return true;
  setPoint(u, x2, v0, v, d);
  return acceptsPoint();
}

/**
 * A second squeeze, fitted to the shape: true only where the logarithm test certainly accepts.
 * The first squeeze's 0.0331 serves every shape from 1; larger shapes need far less, so this one
 * settles a quarter of the points the first leaves at shape 1, nearly all from shape 5 (about
 * three quarters for bench/engine.mjs's reference model), with a few multiplications where
 * {@link gammaPointBracket} takes four divisions in a long chain.
 *
 * With t = v0 − 1 (exact for v0 in [1/2, 2]) and x²/2 = 4.5·d·t² up to rounding, the test's
 * right side is x²/2 + d(1 − v0³ + 3 ln v0) = 3d·(ln(1 + t) − t + t²/2 − t³/3). The series of
 * ln(1 + t) alternates with falling terms for 0 < t <= 1, and for −1/2 <= t < 0 its tail after
 * t⁵ is at most t⁶/(6(1 + t)) <= t⁶/3 in size, so the right side is at least −A with
 * A = d·t⁴·(3/4 − 3t/5 + t²), and e^−A >= 1 − A. So u < 1 − A − ε means ln u < −A − ε, below
 * the right side by ε. ε = 1e-13 + 1e-12·d is over ten times the rounding error of the computed test
 * (log within an ulp, |ln v| <= 3 ln 2, x² <= 9d here, and v0, v, c rounded), so the computed test
 * accepts such a point too: the draws are the same as without this squeeze.
 */
export function belowQuarticBound(u: number, v0: number, d: number): boolean {
  const t = v0 - 1;
  const t2 = t * t;
  return v0 >= 0.5 && v0 <= 2 && u < 1 - d * t2 * t2 * (0.75 - 0.6 * t + t2) - (1e-13 + 1e-12 * d);
}

/**
 * The point (u, x², v0, v, d) being tested. The samplers' loops call the tests through small
 * wrappers that V8 inlines, which store the point here, so the bodies take no arguments: a
 * call that is not inlined boxes each double argument in a new heap object (as in
 * src/math/exp.ts), five allocations for every tenth gamma draw.
 */
const POINT = new Float64Array(5);

function setPoint(u: number, x2: number, v0: number, v: number, d: number): void {
  POINT[0] = u; POINT[1] = x2; POINT[2] = v0; POINT[3] = v; POINT[4] = d;
}

/** The body of {@link acceptsGammaPoint}, on {@link POINT}. */
function acceptsPoint(): boolean {
  const known = bracketPoint();
  if (known !== UNDECIDED) return known === ACCEPT;
  const d = POINT[4];
  return log(POINT[0]) < 0.5 * POINT[1] + d * (1 - POINT[3] + log(POINT[3]));
}

const ACCEPT = 1;
const REJECT = 0;
const UNDECIDED = -1;

/**
 * The log-free part of {@link acceptsGammaPoint}: 1 (accept) or 0 (reject) where the outcome of
 * the logarithm test is certain, -1 where the point is too close to the boundary to tell.
 *
 * ln y = 2·atanh(z) = 2(z + z³/3 + z⁵/5 + …) with z = (y − 1)/(y + 1) ∈ (−1, 1), every term
 * of z's sign, and the tail after the z^(2k−1) term at most 2|z|^(2k+1)/((2k+1)(1 − z²)) in size.
 * Cut after z⁷ for ln v0 (v = v0³ up to rounding) and after z⁵ for ln u, that brackets both
 * sides of the test: ln u ≤ its partial sum, and T = x²/2 + d(1 − v) + 3d·ln v0 lies between
 * the two bounds of ln v0. Where ln u is certainly below or above T's whole bracket the test's
 * outcome is known. The margins `m` and `tm` are about 40 times the rounding error of the bounds
 * and of the test itself (at most ~20 roundings of 2⁻⁵³ relative to the terms' magnitudes, plus
 * 2.3e-16·d because v is v0³ rounded), so the answer is always the one the test computes;
 * tests/distributions checks that on millions of points, many of them on the boundary.
 */
export function gammaPointBracket(u: number, x2: number, v0: number, v: number, d: number): number {
  setPoint(u, x2, v0, v, d);
  return bracketPoint();
}

/** The body of {@link gammaPointBracket}, on {@link POINT}. */
function bracketPoint(): number {
  const u = POINT[0], x2 = POINT[1], v0 = POINT[2], v = POINT[3], d = POINT[4];
  const z = (v0 - 1) / (v0 + 1);
  const z2 = z * z;
  const lnV0 = 2 * z * (1 + z2 * (1 / 3 + z2 * (1 / 5 + z2 / 7)));
  const tailV0 = (2 * z * z2 * z2 * z2 * z2) / (9 * (1 - z2));
  const lnV0Lo = z < 0 ? lnV0 + tailV0 : lnV0;
  const lnV0Hi = z < 0 ? lnV0 : lnV0 + tailV0;
  const y = (u - 1) / (u + 1);
  const y2 = y * y;
  const lnU = 2 * y * (1 + y2 * (1 / 3 + y2 / 5));
  const tailU = (2 * y * y2 * y2 * y2) / (7 * (1 - y2));
  const base = 0.5 * x2 + d * (1 - v);
  const m = 1e-13 * (x2 + d * (Math.abs(1 - v) + 3 * Math.abs(lnV0Lo) + 3 * Math.abs(lnV0Hi) + 1));
  const tm = 4e-14 * (Math.abs(lnU) + Math.abs(tailU));
  if (lnU + tm < base + 3 * d * lnV0Lo - m) return ACCEPT;
  if (lnU + tailU - tm >= base + 3 * d * lnV0Hi + m) return REJECT;
  return UNDECIDED;
}

/**
 * Fills `out[0..n)` with `lo + width · X/(X+Y)` for X ~ Gamma(a), Y ~ Gamma(b), both shapes
 * >= 1, drawn in that order by {@link gammaMT} with its constants (da, ca) and (db, cb): the
 * same draws and values as the two calls per trial, in one loop whose generator state lives in
 * local variables. The constants come as numbers, not {@link GammaConstants}: objects whose
 * fields changed representation (an integer shape, then a fractional one) deoptimized this loop,
 * and V8 sometimes left it unoptimized for the rest of the process (0.48x instead of 0.7x the
 * ceiling in bench/engine.mjs).
 *
 * Why the Tyche-i step is written out here, twice: this is the engine's hottest loop (a Beta
 * factor takes about four 53-bit draws). Inlining {@link draw53} instead keeps the state in
 * memory and measured 0.85x the speed. The two sites (the normal, then Marsaglia–Tsang's
 * uniform) follow the algorithm's own loops; one site alternating between the two roles, as
 * this loop was written before, took 411 ms per million trials of bench/engine.mjs's reference
 * model against 382–384 ms for this form (one run each, the same draws). The normal's layer
 * and position come from the draw's integer bits, as in {@link fillNormals}.
 */
export function fillGammaRatios(stream: RandomStream, da: number, ca: number, db: number, cb: number, lo: number, width: number, out: Float64Array, n: number): void {
  const s = stream.state;
  let a = s[0], b = s[1], c = s[2], d = s[3];
  for (let k = 0, m = 2 * n; k < m; k++) {
    const second = k & 1;
    const dd = second ? db : da;
    const cc = second ? cb : ca;
    let g: number;
    for (;;) {
      let x: number;
      let v0: number;
      do {
        let top: number;
        do {
          b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
          b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
          top = a >>> 11;
          b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
          b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
        } while ((top | a) === 0);
        const j = top >>> 13;
        const u = ((top & 0x1fff) + (a >>> 0) / 0x100000000) / 0x2000;
        if (u < ZIG_RATIO[j]) x = u * ZIG_SIGNED_X[j];
        else {
          s[0] = a; s[1] = b; s[2] = c; s[3] = d;
          x = normalAfterMiss(stream, j, u);
          a = s[0]; b = s[1]; c = s[2]; d = s[3];
        }
        v0 = 1 + cc * x;
      } while (v0 <= 0);
      const v = v0 * v0 * v0;
      let u: number;
      do {
        b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
        b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
        const top = a >>> 11;
        b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
        b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
        u = (top + (a >>> 0) / 0x100000000) / 0x200000;
      } while (u === 0);
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || acceptsGammaPoint(u, x2, v0, v, dd)) {
        g = dd * v;
        break;
      }
    }
    // X waits in its trial's slot for Y, not in a variable: a double carried from one pass of
    // the loop to the next was, in some processes' compiles, kept boxed, a new heap number for
    // every trial (97 MB per million trials of the reference model, and the slow processes).
    const i = k >> 1;
    if (second) out[i] = lo + width * (out[i] / (out[i] + g));
    else out[i] = g;
  }
  s[0] = a; s[1] = b; s[2] = c; s[3] = d;
}

/**
 * Precomputed constants for {@link gammaMT} and {@link logGammaVariate} for a given shape > 0:
 * shapes below 1 use Marsaglia–Tsang's boost Γ(a) = Γ(a+1)·U^(1/a).
 */
export interface GammaConstants {
  /** The shape a > 0. */
  readonly shape: number;
  /** True when a < 1: sample Γ(a + 1) and multiply by U^(1/a). */
  readonly boosted: boolean;
  /** Marsaglia–Tsang d = a' − 1/3 for the shape a' actually sampled (a or a + 1). */
  readonly d: number;
  /** Marsaglia–Tsang c = 1/sqrt(9d). */
  readonly c: number;
  /** 1/a, the exponent of the boost. */
  readonly invShape: number;
}

/** Constants for a Gamma(shape, 1) sampler; `shape` must be > 0. */
export function gammaConstants(shape: number): GammaConstants {
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  return { shape, boosted, d, c: 1 / Math.sqrt(9 * d), invShape: 1 / shape };
}

/**
 * ln of one Gamma(shape, 1) variate. Working in logs keeps tiny shapes usable: for shape 0.01,
 * U^(1/shape) underflows to 0 whenever U < 6e-4, but its log is just ln(U)/shape.
 */
export function logGammaVariate(stream: RandomStream, k: GammaConstants): number {
  const g = log(gammaMT(stream, k.d, k.c));
  return k.boosted ? g + log(stream.double()) * k.invShape : g;
}

/**
 * Bounds on ln G for every Gamma(shape, 1) variate G that {@link gammaMT} (for shape >= 1) or
 * {@link logGammaVariate} (any shape) can return, from the bounds on their inputs: normals
 * |x| <= NORMAL_REACH and uniforms u >= e^−UNIFORM_LOG_REACH. Validation uses them to refuse
 * parameters whose samples could leave ±1e100 (`MAX_FACTOR_VALUE`).
 *
 * Marsaglia–Tsang returns G = d·v with v = (1 + c·x)³, so ln G <= ln d + 3·ln(1 + 13c). Below,
 * an accepted point passes ln u < x²/2 + d(1 − v + ln v) (the squeeze accepts only such
 * points), and x² < min(1/c², 13²) = min(9d, 169) wherever v < 1, so
 * ln v > −(37 + min(4.5d, 84.5))/d − 1. The boost for shape < 1 adds ln(U)/shape >= −37/shape.
 */
export function gammaLogRange(shape: number): { readonly lo: number; readonly hi: number } {
  const k = gammaConstants(shape);
  const hi = log(k.d) + 3 * log(1 + NORMAL_REACH * k.c);
  const lo = log(k.d) - (UNIFORM_LOG_REACH + Math.min(4.5 * k.d, 0.5 * NORMAL_REACH * NORMAL_REACH)) / k.d - 1;
  return { lo: k.boosted ? lo - UNIFORM_LOG_REACH * k.invShape : lo, hi };
}
