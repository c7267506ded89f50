import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import type { Distribution, ExponentialMeanSpec, ExponentialSpec } from './types';
import { expm1, log, log1p } from '../math/index';

/**
 * Exponential(rate), sampled by inversion: −ln(u)/rate for a 53-bit u in (0, 1), one uniform
 * and one logarithm per draw; u < 1 keeps every draw above 0.
 *
 * @param note - appended to `describe()`, e.g. the mean it was written as.
 */
export function exponentialDistribution(spec: ExponentialSpec | ExponentialMeanSpec, rate: number, note = ''): Distribution {
  const mean = 1 / rate;
  return {
    spec,
    name: 'exponential',
    parameters: Object.freeze({ rate }),
    mean,
    variance: mean * mean,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      for (let i = 0; i < n; i++) out[i] = -log(stream.double()) / rate;
    },
    cdf: (x) => (Number.isNaN(x) ? NaN : x <= 0 ? 0 : -expm1(-rate * x)),
    quantile(p) {
      checkProbability(p);
      return p === 1 ? Infinity : -log1p(-p) / rate;
    },
    describe: () => `Exponential(${fmt(rate)})${note}`,
  };
}
