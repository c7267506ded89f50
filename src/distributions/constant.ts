import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import type { ConstantSpec, Distribution } from './types';

/** A point mass at `spec.value`; its sampler consumes no random numbers. */
export function constantDistribution(spec: ConstantSpec): Distribution {
  const value = spec.value;
  return {
    spec,
    name: 'constant',
    parameters: Object.freeze({ value }),
    mean: value,
    variance: 0,
    sample(_stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      out.fill(value, 0, n);
    },
    cdf: (x) => (Number.isNaN(x) ? NaN : x < value ? 0 : 1),
    quantile(p) {
      checkProbability(p);
      return value;
    },
    describe: () => `Constant(${fmt(value)})`,
  };
}
