import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import type { Distribution, LogisticPercentileSpec, LogisticSpec } from './types';
import { exp, log, log1p } from '../math/index';

/** π²/3: the variance of the standard logistic. */
const PI2_OVER_3 = (Math.PI * Math.PI) / 3;

/**
 * Logistic(location, scale), sampled by inversion: location + scale·ln(u/(1 − u)), written
 * ln u − ln(1 − u) with log1p so that both tails keep their precision.
 *
 * @param note - appended to `describe()`, e.g. the percentiles it was elicited from.
 */
export function logisticDistribution(spec: LogisticSpec | LogisticPercentileSpec, location: number, scale: number, note = ''): Distribution {
  const inverse = (u: number): number => location + scale * (log(u) - log1p(-u));
  return {
    spec,
    name: 'logistic',
    parameters: Object.freeze({ location, scale }),
    mean: location,
    variance: scale * scale * PI2_OVER_3,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      for (let i = 0; i < n; i++) out[i] = inverse(stream.double());
    },
    cdf(x) {
      if (Number.isNaN(x)) return NaN;
      // e^−|z| never overflows, and the small tail is computed directly.
      const z = (x - location) / scale;
      const e = exp(-Math.abs(z));
      return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    },
    quantile(p) {
      checkProbability(p);
      if (p === 0) return -Infinity;
      if (p === 1) return Infinity;
      return inverse(p);
    },
    describe: () => `Logistic(${fmt(location)}, ${fmt(scale)})${note}`,
  };
}
