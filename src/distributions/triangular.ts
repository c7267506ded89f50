import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import type { Distribution, TriangularSpec } from './types';

/**
 * Triangular on [min, max] with peak at mode, sampled by inverting its CDF (one uniform and one
 * square root per draw, no rejection). mode may equal min or max.
 */
export function triangularDistribution(spec: TriangularSpec): Distribution {
  const { min: a, mode: c, max: b } = spec;
  const width = b - a;
  const left = c - a;
  const right = b - c;
  const split = left / width; // F(mode)
  const kl = width * left;
  const kr = width * right;
  const inverse = (u: number): number => {
    const x = u < split ? a + Math.sqrt(u * kl) : b - Math.sqrt((1 - u) * kr);
    return x < a ? a : x > b ? b : x;
  };
  return {
    spec,
    name: 'triangular',
    parameters: Object.freeze({ min: a, mode: c, max: b }),
    mean: a + (width + left) / 3,
    // (a² + b² + c² − ab − ac − bc)/18 shifted to a = 0, which avoids cancellation far from 0.
    variance: (width * width + left * left - width * left) / 18,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      for (let i = 0; i < n; i++) {
        const u = stream.double();
        const x = u < split ? a + Math.sqrt(u * kl) : b - Math.sqrt((1 - u) * kr);
        out[i] = x < a ? a : x > b ? b : x;
      }
    },
    cdf(x) {
      if (Number.isNaN(x)) return NaN;
      if (x <= a) return 0;
      if (x >= b) return 1;
      if (x <= c) return ((x - a) * (x - a)) / kl;
      return 1 - ((b - x) * (b - x)) / kr;
    },
    quantile(p) {
      checkProbability(p);
      return inverse(p);
    },
    describe: () => `Triangular(${fmt(a)}, ${fmt(c)}, ${fmt(b)})`,
  };
}
