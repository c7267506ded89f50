import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import { normalCdf, normalQuantile } from './special';
import { fillNormals } from './variates';
import type { Distribution, LognormalPercentileSpec, LognormalSpec } from './types';
import { exp, expm1, log } from '../math/index';

/**
 * Lognormal: exp(mu + sigma·Z).
 *
 * @param note - appended to `describe()`, e.g. the percentiles it was elicited from.
 */
export function lognormalDistribution(
  spec: LognormalSpec | LognormalPercentileSpec,
  mu: number,
  sigma: number,
  note = '',
): Distribution {
  const s2 = sigma * sigma;
  return {
    spec,
    name: 'lognormal',
    parameters: Object.freeze({ mu, sigma }),
    mean: exp(mu + s2 / 2),
    // (e^{σ²} − 1)·e^{2μ + σ²}, with expm1 for small σ.
    variance: expm1(s2) * exp(2 * mu + s2),
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      fillNormals(stream, mu, sigma, out, n);
      for (let i = 0; i < n; i++) out[i] = exp(out[i]);
    },
    cdf: (x) => (Number.isNaN(x) ? NaN : x <= 0 ? 0 : normalCdf((log(x) - mu) / sigma)),
    quantile(p) {
      checkProbability(p);
      return exp(mu + sigma * normalQuantile(p));
    },
    describe: () => `Lognormal(${fmt(mu)}, ${fmt(sigma)})${note}`,
  };
}
