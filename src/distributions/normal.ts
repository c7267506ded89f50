import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt, showInterval } from './format';
import { normalCdf, normalPdf, normalQuantile } from './special';
import { fillNormals, standardNormal } from './variates';
import type { Distribution, NormalPercentileSpec, NormalSpec } from './types';

/**
 * Truncated normals keeping at least this much probability are sampled by rejection from the
 * ziggurat (expected draws at most 2, each about 2.5x cheaper than an inverse-CDF draw);
 * narrower or tail intervals by inverting the CDF inside [Φ(a), Φ(b)], which costs one uniform
 * however far in the tail the interval lies.
 */
const REJECTION_MIN_MASS = 0.5;

/**
 * Normal(mean, sd), truncated to [lo, hi] when either bound is finite.
 *
 * @param note - appended to `describe()`, e.g. the percentiles it was elicited from.
 */
export function normalDistribution(
  spec: NormalSpec | NormalPercentileSpec,
  mean: number,
  sd: number,
  note = '',
): Distribution {
  const lo = spec.min ?? -Infinity;
  const hi = spec.max ?? Infinity;
  const label = `Normal(${fmt(mean)}, ${fmt(sd)})`;
  if (lo === -Infinity && hi === Infinity) {
    return {
      spec,
      name: 'normal',
      parameters: Object.freeze({ mean, sd }),
      mean,
      variance: sd * sd,
      sample(stream: RandomStream, out: Float64Array, n: number): void {
        checkBatch(out, n);
        fillNormals(stream, mean, sd, out, n);
      },
      cdf: (x) => normalCdf((x - mean) / sd),
      quantile(p) {
        checkProbability(p);
        return mean + sd * normalQuantile(p);
      },
      describe: () => label + note,
    };
  }

  const a = (lo - mean) / sd;
  const b = (hi - mean) / sd;
  // An interval above the mean is handled through upper tails (Φ(−z)), where the small
  // probabilities are represented with full relative precision.
  const upper = a > 0;
  const pa = upper ? normalCdf(-a) : normalCdf(a);
  const pb = upper ? normalCdf(-b) : normalCdf(b);
  const mass = upper ? pa - pb : pb - pa;
  const useRejection = mass >= REJECTION_MIN_MASS;
  const clampX = (x: number): number => (x < lo ? lo : x > hi ? hi : x);
  const inverse = (u: number): number => {
    const z = upper ? -normalQuantile(pa - u * mass) : normalQuantile(pa + u * mass);
    return clampX(mean + sd * (z < a ? a : z > b ? b : z));
  };

  const phiA = normalPdf(a);
  const phiB = normalPdf(b);
  const aPhiA = Number.isFinite(a) ? a * phiA : 0;
  const bPhiB = Number.isFinite(b) ? b * phiB : 0;
  const shift = (phiA - phiB) / mass;
  const parameters: Record<string, number> = { mean, sd };
  if (lo !== -Infinity) parameters.min = lo;
  if (hi !== Infinity) parameters.max = hi;

  return {
    spec,
    name: 'normal',
    parameters: Object.freeze(parameters),
    // Standard truncated-normal moments (Johnson, Kotz & Balakrishnan, Continuous Univariate
    // Distributions vol. 1, §10.1), clamped to the interval against rounding.
    mean: clampX(mean + sd * shift),
    variance: sd * sd * Math.max(0, 1 + (aPhiA - bPhiB) / mass - shift * shift),
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      if (useRejection) {
        for (let i = 0; i < n; i++) {
          let z: number;
          do z = standardNormal(stream);
          while (z < a || z > b);
          out[i] = clampX(mean + sd * z);
        }
      } else {
        for (let i = 0; i < n; i++) out[i] = inverse(stream.double());
      }
    },
    cdf(x) {
      if (Number.isNaN(x)) return NaN;
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      const z = (x - mean) / sd;
      const f = upper ? (pa - normalCdf(-z)) / mass : (normalCdf(z) - pa) / mass;
      return f < 0 ? 0 : f > 1 ? 1 : f;
    },
    quantile(p) {
      checkProbability(p);
      if (p === 0) return lo;
      if (p === 1) return hi;
      return inverse(p);
    },
    describe: () => `${label} on ${showInterval(lo, hi)}${note}`,
  };
}
