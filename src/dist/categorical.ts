import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import type { CategoricalSpec, Distribution } from './types';

/** Labels shown by `describe()` before it abbreviates with "...". */
const DESCRIBE_LABELS = 6;
/** Above this many labels the sampler bisects the cumulative weights instead of scanning. */
const LINEAR_SCAN_MAX = 16;

/**
 * Index i of the i-th label (key order) with probability weight_i / sum(weights).
 *
 * A draw is u·total for a 53-bit u in (0, 1), located in the running sums of the raw weights
 * (no division, so equal weights are exactly equally likely); a label of weight 0 can never be
 * drawn, and the last positive-weight label takes any rounding at the top.
 */
export function categoricalDistribution(spec: CategoricalSpec): Distribution {
  const labels = Object.freeze(Object.keys(spec.weights));
  const k = labels.length;
  const weights = labels.map((l) => spec.weights[l]);
  const total = weights.reduce((s, w) => s + w, 0);
  let lastPositive = k - 1;
  while (weights[lastPositive] === 0) lastPositive--;
  let firstPositive = 0;
  while (weights[firstPositive] === 0) firstPositive++;

  const cum = new Float64Array(k);
  const cdfTable = new Float64Array(k);
  let run = 0;
  for (let i = 0; i < k; i++) {
    run += weights[i];
    cum[i] = i >= lastPositive ? Infinity : run;
    cdfTable[i] = i >= lastPositive ? 1 : run / total;
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
      if (k <= LINEAR_SCAN_MAX) {
        for (let i = 0; i < n; i++) {
          const t = stream.double() * total;
          let j = 0;
          while (t >= cum[j]) j++;
          out[i] = j;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const t = stream.double() * total;
          // Smallest j with t < cum[j]; the same answer as the linear scan.
          let l = 0;
          let h = lastPositive;
          while (l < h) {
            const m = (l + h) >>> 1;
            if (t < cum[m]) h = m;
            else l = m + 1;
          }
          out[i] = l;
        }
      }
    },
    cdf(x) {
      if (Number.isNaN(x)) return NaN;
      if (x < 0) return 0;
      const i = Math.floor(x);
      return i >= k - 1 ? 1 : cdfTable[i];
    },
    quantile(p) {
      checkProbability(p);
      if (p === 0) return firstPositive;
      let j = 0;
      while (cdfTable[j] < p) j++;
      return j;
    },
    describe,
  };
}
