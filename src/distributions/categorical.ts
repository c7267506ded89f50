import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import type { CategoricalSpec, Distribution } from './types';
import { pickIndex, weightTable } from './weights';

/** Labels shown by `describe()` before it abbreviates with "...". */
const DESCRIBE_LABELS = 6;

/**
 * Index i of the i-th label (key order) with probability weight_i / sum(weights), drawn by
 * {@link pickIndex} (exact to 2⁻⁵³; a label of weight 0 is never drawn).
 */
export function categoricalDistribution(spec: CategoricalSpec): Distribution {
  const labels = Object.freeze(Object.keys(spec.weights));
  const k = labels.length;
  const weights = labels.map((l) => spec.weights[l]);
  const table = weightTable(weights);
  const total = table.total;

  const cdfTable = new Float64Array(k);
  let run = 0;
  for (let i = 0; i < k; i++) {
    run += weights[i];
    cdfTable[i] = i >= table.last ? 1 : run / total;
  }
  const probs = weights.map((w) => w / total);
  let mean = 0;
  let second = 0;
  for (let i = 0; i < k; i++) {
    mean += i * probs[i];
    second += i * i * probs[i];
  }

  const describe = (): string => {
    const parts = labels.slice(0, DESCRIBE_LABELS).map((l, i) => `${l} ${Number(probs[i].toPrecision(3))}`);
    if (k > DESCRIBE_LABELS) parts.push('...');
    return `Categorical(${parts.join(', ')})`;
  };

  return {
    spec,
    name: 'categorical',
    parameters: Object.freeze(Object.fromEntries(labels.map((l, i) => [l, probs[i]]))),
    labels,
    mean,
    variance: Math.max(0, second - mean * mean),
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      for (let i = 0; i < n; i++) out[i] = pickIndex(table, stream.double());
    },
    cdf(x) {
      if (Number.isNaN(x)) return NaN;
      if (x < 0) return 0;
      const i = Math.floor(x);
      return i >= k - 1 ? 1 : cdfTable[i];
    },
    quantile(p) {
      checkProbability(p);
      if (p === 0) return table.first;
      let j = 0;
      while (cdfTable[j] < p) j++;
      return j;
    },
    describe,
  };
}
