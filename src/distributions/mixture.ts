import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { smallestDoubleWhere } from './roots';
import type { Distribution, MixtureSpec } from './types';
import { pickIndex, weightTable } from './weights';

/** Components shown by `describe()` before it abbreviates with "...". */
const DESCRIBE_COMPONENTS = 6;

/**
 * A mixture of the resolved `components` with the spec's weights.
 *
 * Each draw picks a component with {@link pickIndex} from one uniform and then takes that
 * component's next draw, from the same stream. Draw i therefore depends only on the stream's
 * position, as every sampler's must: drawing all indices of a batch first would make the
 * values depend on the batch size, which the engine promises never changes a number.
 *
 * Everything is computed from the normalized weights sᵢ = wᵢ/Σ w, so weights that normalize
 * to the same shares ([3, 7] and [0.3, 0.7]) give the same numbers bit for bit. The CDF is
 * Σ sᵢFᵢ(x)/Σ sᵢ (exactly 1 where every Fᵢ is). The p-quantile lies between the smallest and
 * largest component p-quantile, and is found there by {@link smallestDoubleWhere}: exactly the
 * smallest double with CDF >= p, which for discrete components is the atom where the CDF jumps
 * past p. Moments by the law of total variance; undefined when a component with positive
 * weight has none.
 */
export function mixtureDistribution(spec: MixtureSpec, components: readonly Distribution[]): Distribution {
  const raw = spec.weights.reduce((s, w) => s + w, 0);
  const shares = spec.weights.map((w) => w / raw);
  const table = weightTable(shares);
  const { total } = table;
  // Components that can be drawn; the others take no part in any computation.
  const live = components.flatMap((d, i) => (shares[i] > 0 ? [{ d, w: shares[i] }] : []));
  const cdf = (x: number): number => {
    if (Number.isNaN(x)) return NaN;
    let s = 0;
    for (const { d, w } of live) s += w * d.cdf(x);
    const f = s / total;
    return f > 1 ? 1 : f;
  };
  const { mean, variance } = moments(live, total);
  const one = new Float64Array(1);
  const parts = components.slice(0, DESCRIBE_COMPONENTS).map((d, i) => `${Number((100 * shares[i]).toPrecision(3))}% ${d.describe()}`);
  if (components.length > DESCRIBE_COMPONENTS) parts.push('...');
  const text = `Mixture(${parts.join(', ')})`;

  return {
    spec,
    name: 'mixture',
    parameters: Object.freeze(Object.fromEntries(shares.map((s, i) => [`w${i}`, s]))),
    mean,
    variance,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      for (let i = 0; i < n; i++) {
        components[pickIndex(table, stream.double())].sample(stream, one, 1);
        out[i] = one[0];
      }
    },
    cdf,
    quantile(p) {
      checkProbability(p);
      let lo = Infinity;
      let hi = -Infinity;
      for (const { d } of live) {
        const q = d.quantile(p);
        if (q < lo) lo = q;
        if (q > hi) hi = q;
      }
      if (p === 0) return lo;
      if (p === 1) return hi;
      return lo === hi ? lo : smallestDoubleWhere((x) => cdf(x) >= p, lo, hi);
    },
    describe: () => text,
  };
}

function moments(live: ReadonlyArray<{ d: Distribution; w: number }>, total: number): { mean: number | undefined; variance: number | undefined } {
  let mean = 0;
  for (const { d, w } of live) {
    if (d.mean === undefined) return { mean: undefined, variance: undefined };
    mean += w * d.mean;
  }
  mean /= total;
  let variance = 0;
  for (const { d, w } of live) {
    if (d.variance === undefined) return { mean, variance: undefined };
    const shift = (d.mean as number) - mean;
    variance += w * (d.variance + shift * shift);
  }
  return { mean, variance: variance / total };
}
