/**
 * Primitive random variates shared by the samplers: the standard normal (ziggurat) and the
 * standard gamma (Marsaglia–Tsang). Every draw comes from the stream passed in, and nothing is
 * carried between calls (no cached second value), so a value depends only on the stream's
 * position: the basis of batch invariance.
 */
import type { RandomStream } from '../rng';
import { exp, log } from '../math/index';

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
 * `stream.double()` and no transcendental function; the rest fall to {@link normalSlow}.
 * Exact (no approximation beyond floating point); expected draws per variate ≈ 1.02.
 */
export function standardNormal(stream: RandomStream): number {
  for (;;) {
    // 53-bit uniform: the top 8 bits pick layer and sign, the remaining 45 the position.
    const t = stream.double() * 256;
    const j = t | 0;
    const u = t - j;
    if (u < ZIG_RATIO[j]) return u * ZIG_SIGNED_X[j];
    const r = normalSlow(stream, j & (ZIG_LAYERS - 1), u);
    if (r === r) return j & ZIG_LAYERS ? -r : r;
    // NaN signals a rejected wedge point: start over with a fresh draw.
  }
}

/**
 * The rare ziggurat cases: the tail beyond R (Marsaglia's exponential method) or the wedge of a
 * layer. Returns |x| or NaN when the point is rejected.
 */
function normalSlow(stream: RandomStream, i: number, u: number): number {
  if (i === 0) {
    // Tail: terminates with probability 1; acceptance rate above 0.9 for R = 3.44.
    let x: number;
    let y: number;
    do {
      x = log(stream.double()) / ZIG_R;
      y = log(stream.double());
    } while (-2 * y < x * x);
    return ZIG_R - x;
  }
  const x = u * ZIG_X[i];
  const x2 = x * x;
  const f0 = exp(-0.5 * (ZIG_X[i] * ZIG_X[i] - x2));
  const f1 = exp(-0.5 * (ZIG_X[i + 1] * ZIG_X[i + 1] - x2));
  return f1 + stream.double() * (f0 - f1) < 1 ? x : NaN;
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
    let v: number;
    do {
      x = standardNormal(stream);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = stream.double();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
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
