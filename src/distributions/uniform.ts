import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import type { Distribution, UniformSpec } from './types';

/** Uniform on (min, max): `min + (max − min)·u` with a 53-bit u strictly inside (0, 1). */
export function uniformDistribution(spec: UniformSpec): Distribution {
  const { min, max } = spec;
  const width = max - min;
  return {
    spec,
    name: 'uniform',
    parameters: Object.freeze({ min, max }),
    mean: min + width / 2,
    variance: (width * width) / 12,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      for (let i = 0; i < n; i++) out[i] = min + width * stream.double();
    },
    cdf: (x) => (Number.isNaN(x) ? NaN : x <= min ? 0 : x >= max ? 1 : (x - min) / width),
    quantile(p) {
      checkProbability(p);
      return p === 1 ? max : min + width * p;
    },
    describe: () => `Uniform(${fmt(min)}, ${fmt(max)})`,
  };
}
