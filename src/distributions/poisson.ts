import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { integerQuantile, invertSequentially, transformedRejection, type TransformedRejection } from './discrete';
import { fmt } from './format';
import { incompleteGamma, logPoissonTerm } from './special';
import type { Distribution, PoissonSpec } from './types';
import { exp, log } from '../math/index';

/** Below this mean the sampler inverts the CDF (expected steps: lambda); from it, PTRS. */
const INVERSION_MAX_LAMBDA = 10;

/**
 * Poisson(lambda). Sampled exactly: by sequential inversion for lambda < 10, else by Hörmann's
 * PTRS (transformed rejection with squeeze, 1993; valid from lambda = 10, about 1.15 pairs of
 * uniforms per draw at any lambda). CDF Q(⌊x⌋ + 1, lambda), the regularized upper incomplete
 * gamma function; the quantile is the smallest integer whose CDF reaches p.
 */
export function poissonDistribution(spec: PoissonSpec): Distribution {
  const lambda = spec.lambda;
  const sd = Math.sqrt(lambda);
  const cdf = (x: number): number => {
    if (Number.isNaN(x)) return NaN;
    if (x < 0) return 0;
    if (x === Infinity) return 1;
    return incompleteGamma(Math.floor(x) + 1, lambda, true);
  };
  const p0 = exp(-lambda);
  const ratio = (k: number): number => lambda / k;
  // Hörmann's PTRS constants (his table 1 notation: b, a, 1/α, v_r).
  const b = 0.931 + 2.53 * sd;
  const a = -0.059 + 0.02483 * b;
  const ptrs: TransformedRejection = {
    a,
    b,
    shift: lambda + 0.43,
    vr: 0.9277 - 3.6224 / (b - 2),
    kMax: Infinity,
    quickReject: true,
    logScale: log(1.1239 + 1.1328 / (b - 3.4)),
    logPmf: (k) => logPoissonTerm(k, lambda),
  };
  return {
    spec,
    name: 'poisson',
    parameters: Object.freeze({ lambda }),
    mean: lambda,
    variance: lambda,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      if (lambda < INVERSION_MAX_LAMBDA) for (let i = 0; i < n; i++) out[i] = invertSequentially(stream.double(), p0, ratio, Infinity);
      else for (let i = 0; i < n; i++) out[i] = transformedRejection(stream, ptrs);
    },
    cdf,
    quantile(p) {
      checkProbability(p);
      if (p === 0) return 0;
      if (p === 1) return Infinity;
      return integerQuantile(p, cdf, { mean: lambda, sd, skewness: 1 / sd, lo: 0, hi: Infinity });
    },
    describe: () => `Poisson(${fmt(lambda)})`,
  };
}
