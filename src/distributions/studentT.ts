import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import { solveIncreasing } from './roots';
import { incompleteBeta, incompleteBetaHalfUpper, incompleteBetaInv, logBetaAccurate } from './special';
import { gammaConstants, gammaMT, logGammaVariate, standardNormal } from './variates';
import type { Distribution, StudentTSpec } from './types';
import { exp, log, log1p, normalQuantile } from '../math/index';

/**
 * From this df/2 on, the tail inside |t| < √df comes from `incompleteBetaHalfUpper`, which is
 * exact to about 1e-14 there, where the continued fraction loses digits as df grows (1e-14 at
 * df = 1000, 2e-12 at 1e5).
 */
const HALF_UPPER_MIN_B = 50;

/**
 * Student t: location + scale·T with T = Z/√(χ²/df), χ²/df = G/(df/2) for G ~ Gamma(df/2, 1),
 * drawn in that order (Z by the ziggurat, G by Marsaglia–Tsang). For df < 2 the gamma is
 * boosted and T is formed from ln G, since G itself underflows to 0 for small df (and Z/0 would
 * be infinite).
 *
 * The CDF is ½·I_{df/(df+t²)}(df/2, ½) in the tail beyond |t| = √df and
 * ½ + ½·I_{t²/(df+t²)}(½, df/2) inside it, each written through r = df/t² so that neither
 * argument is a rounded 1 − (something small); lnB(df/2, ½) comes from `logBetaAccurate`, as
 * `logBeta` loses digits for large df.
 */
export function studentTDistribution(spec: StudentTSpec): Distribution {
  const df = spec.df;
  const location = spec.location ?? 0;
  const scale = spec.scale ?? 1;
  const halfDf = df / 2;
  const logHalfDf = log(halfDf);
  const k = gammaConstants(halfDf);
  const lbeta = logBetaAccurate(halfDf, 0.5);
  // P(T < −√df): where the CDF switches from one piece to the other.
  const splitTail = 0.5 * incompleteBeta(0.5, halfDf, 0.5, false, lbeta);

  /** P(T < −|z|) for z ≠ 0. */
  const lowerTail = (z: number): number => {
    const r = df / z / z;
    if (r <= 1) return 0.5 * incompleteBeta(r / (1 + r), halfDf, 0.5, false, lbeta);
    const y = 1 / (1 + r);
    return 0.5 * (halfDf >= HALF_UPPER_MIN_B ? incompleteBetaHalfUpper(y, halfDf, lbeta) : incompleteBeta(y, 0.5, halfDf, true, lbeta));
  };
  /** ln of the t(df) density's constant, 1/(√df·B(df/2, ½)). */
  const logDensityScale = -lbeta - 0.5 * log(df);
  /**
   * The z > 0 with P(T < −z) = q, for 0 < q < ½. In the tail (z >= √df) x = df/(df + z²) <= ½
   * solves I_x(df/2, ½) = 2q with full precision. Inside, the same equation in x near 1 would
   * go through 1 − 2q, which loses q when it is small (for large df, q = 1e-20 lies inside), so
   * there Halley's method runs on z itself, from the Cornish–Fisher start, with the exact tail
   * and density.
   */
  const tailQuantile = (q: number): number => {
    if (q <= splitTail) {
      const x = incompleteBetaInv(2 * q, halfDf, 0.5, lbeta);
      return Math.sqrt(df) * Math.sqrt((1 - x) / x);
    }
    const z0 = -normalQuantile(q);
    const guess = z0 + (z0 * z0 * z0 + z0) / (4 * df);
    const probe = (z: number) => {
      const f = q - lowerTail(z);
      const pdf = exp(logDensityScale - 0.5 * (df + 1) * log1p((z * z) / df));
      const t = f / pdf;
      // f''/f' = −(df + 1)·z/(df + z²).
      const curv = t * ((-(df + 1) * z) / (df + z * z));
      return { f, step: t / (1 - 0.5 * Math.min(1, Math.max(-1, curv))) };
    };
    return solveIncreasing(probe, 0, Math.sqrt(df), guess);
  };

  return {
    spec,
    name: 't',
    parameters: Object.freeze({ df, location, scale }),
    mean: df > 1 ? location : undefined,
    variance: df > 2 ? (scale * scale * df) / (df - 2) : undefined,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      if (k.boosted) {
        for (let i = 0; i < n; i++) {
          const z = standardNormal(stream);
          out[i] = location + scale * z * exp(0.5 * (logHalfDf - logGammaVariate(stream, k)));
        }
      } else {
        for (let i = 0; i < n; i++) {
          const z = standardNormal(stream);
          out[i] = location + scale * z * Math.sqrt(halfDf / gammaMT(stream, k.d, k.c));
        }
      }
    },
    cdf(x) {
      if (Number.isNaN(x)) return NaN;
      const z = (x - location) / scale;
      if (z === 0) return 0.5;
      const tail = lowerTail(z);
      return z < 0 ? tail : 1 - tail;
    },
    quantile(p) {
      checkProbability(p);
      if (p === 0) return -Infinity;
      if (p === 1) return Infinity;
      if (p === 0.5) return location;
      // 1 − p is exact for p >= ½ (Sterbenz), so both halves keep their tails' precision.
      return p < 0.5 ? location - scale * tailQuantile(p) : location + scale * tailQuantile(1 - p);
    },
    describe: () => {
      const shifted = location !== 0 || scale !== 1 ? `, location ${fmt(location)}, scale ${fmt(scale)}` : '';
      return `StudentT(df ${fmt(df)}${shifted})`;
    },
  };
}
