import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import type { BernoulliSpec, Distribution } from './types';

/**
 * 1 with probability p, else 0: `u < p` with a 53-bit uniform u in (0, 1), so p = 0 never
 * gives 1, p = 1 always does, and p is honoured to 2^-53 rather than the 2^-32 of `next()`.
 */
export function bernoulliDistribution(spec: BernoulliSpec): Distribution {
  const p = spec.p;
  return {
    spec,
    name: 'bernoulli',
    parameters: Object.freeze({ p }),
    mean: p,
    variance: p * (1 - p),
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      for (let i = 0; i < n; i++) out[i] = stream.double() < p ? 1 : 0;
    },
    cdf: (x) => (Number.isNaN(x) ? NaN : x < 0 ? 0 : x < 1 ? 1 - p : 1),
    quantile(q) {
      checkProbability(q);
      if (p === 1) return 1;
      if (p === 0) return 0;
      return q <= 1 - p ? 0 : 1;
    },
    describe: () => `Bernoulli(${fmt(p)})`,
  };
}
