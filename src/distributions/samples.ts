import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import type { Distribution, SamplesSpec } from './types';

/**
 * The empirical distribution of `values`: a draw is values[⌊u·count⌋] of the sorted values for
 * a 53-bit u in (0, 1), so each value has probability 1/count (a repeated value count/its
 * multiplicity), exactly to 2⁻⁵³. Sorting first makes the distribution independent of the order
 * the data were written in. The CDF is the step function #{values <= x}/count and the quantile
 * its generalized inverse, the smallest value whose CDF reaches p.
 */
export function samplesDistribution(spec: SamplesSpec): Distribution {
  const sorted = Float64Array.from(spec.values).sort();
  const count = sorted.length;
  const mean = neumaierSum(sorted, 0) / count;
  const variance = neumaierSum(sorted, mean, true) / count;
  /** #{values <= x}: the index of the first value above x. */
  const rank = (x: number): number => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const range = count === 1 ? fmt(sorted[0]) : `${fmt(sorted[0])} to ${fmt(sorted[count - 1])}`;
  return {
    spec,
    name: 'samples',
    parameters: Object.freeze({ count }),
    mean,
    variance,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      // u·count < count for every u < 1 and count < 2⁵³ (the product rounds down), so the
      // index is always in range.
      for (let i = 0; i < n; i++) out[i] = sorted[Math.floor(stream.double() * count)];
    },
    cdf: (x) => (Number.isNaN(x) ? NaN : rank(x) / count),
    quantile(p) {
      checkProbability(p);
      if (p === 0) return sorted[0];
      // The smallest k with k/count >= p, as the CDF computes it (p·count may round across k).
      let k = Math.max(1, Math.ceil(p * count));
      while (k > 1 && (k - 1) / count >= p) k--;
      while (k < count && k / count < p) k++;
      return sorted[k - 1];
    },
    describe: () => `Samples(${count} ${count === 1 ? 'value' : 'values'}, ${range})`,
  };
}

/** Σ x (or Σ (x − centre)² when `squares`), with Neumaier's compensation. */
function neumaierSum(values: Float64Array, centre: number, squares = false): number {
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - centre;
    const x = squares ? d * d : d;
    const t = sum + x;
    carry += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + carry;
}
