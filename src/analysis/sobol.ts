/**
 * Variance-based sensitivity indices from a Saltelli design, with Jansen's estimators and
 * Poisson bootstrap intervals. Independent of scenarios: it takes the model's outputs on the design's
 * matrices, so it can be checked on test functions with known indices (the Ishigami function).
 *
 * References: A. Saltelli et al., "Variance based sensitivity analysis of model output. Design
 * and estimator for the total sensitivity index", Computer Physics Communications 181 (2010)
 * 259–270, Table 2 (estimators "b" for S_i and "f" for S_Ti, both Jansen 1999); A. Saltelli et
 * al., Global Sensitivity Analysis: The Primer (Wiley 2008), ch. 4.
 */
import type { RandomStream } from '../rng';
import { sortedQuantile } from './sums';

/** First-order and total-effect indices of one input, each with a 95% bootstrap interval. */
export interface JansenIndex {
  readonly first: { readonly estimate: number; readonly ci95: readonly [number, number] };
  readonly total: { readonly estimate: number; readonly ci95: readonly [number, number] };
}

/** Options of {@link jansenIndices}. */
export interface JansenOptions {
  /** Bootstrap resamples for the intervals (default 200; 0 gives zero-width intervals at the estimate). */
  bootstrap?: number;
  /** Where the bootstrap draws its row indices from. Required when `bootstrap` > 0. */
  stream?: RandomStream;
}

/** Default bootstrap resamples behind each Sobol interval. */
export const DEFAULT_BOOTSTRAP = 200;

/**
 * Sobol indices of k inputs from a Saltelli design of N rows: `fA[j]` = f(A_j), `fB[j]` =
 * f(B_j), and `fAB[i][j]` = f of row j of A with column i taken from B. With V the variance of
 * all 2N values of fA and fB (Saltelli 2010 use both),
 * first order S_i = (V − Σ_j (fB_j − fAB_ij)² / 2N) / V and
 * total effect S_Ti = Σ_j (fA_j − fAB_ij)² / 2N / V.
 * Intervals: Poisson percentile bootstrap over rows (each resample counts row j a Poisson(1)
 * number of times, drawn from `stream`, and recomputes V and every index from the same rows;
 * see `jansenPartial`).
 *
 * @returns undefined when V is 0 (the output does not vary, so no index is defined).
 * @throws RangeError if the arrays differ in length, N < 2, or a bootstrap has no stream.
 * @example
 * ```ts
 * // f(x1, x2) = x1 + 2·x2 with x1, x2 ~ U(0, 1): S1 = ST1 = 0.2, S2 = ST2 = 0.8 exactly.
 * const n = 10_000;
 * const u = (name: string) => { const s = createStream('1', 0, name); return Float64Array.from({ length: n }, () => s.double()); };
 * const [a1, a2, b1, b2] = [u('a1'), u('a2'), u('b1'), u('b2')];
 * const f = (x1: Float64Array, x2: Float64Array) => x1.map((v, j) => v + 2 * x2[j]);
 * const r = jansenIndices(f(a1, a2), f(b1, b2), [f(b1, a2), f(a1, b2)], { stream: createStream('1', 0, 'bootstrap') });
 * r?.indices[1].total.estimate; // ≈ 0.8
 * ```
 */
export function jansenIndices(fA: Float64Array, fB: Float64Array, fAB: readonly Float64Array[], options: JansenOptions = {}): JansenResult | undefined {
  const n = fA.length;
  const boot = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  if (n < 2 || fB.length !== n || fAB.some((c) => c.length !== n)) throw new RangeError(`jansenIndices: fA, fB and every fAB column need the same length of at least 2 (got ${n}, ${fB.length}, [${fAB.map((c) => c.length).join(', ')}])`);
  if (!(Number.isInteger(boot) && boot >= 0)) throw new RangeError(`jansenIndices: bootstrap must be a whole number >= 0 (got ${boot})`);
  if (boot > 0 && !options.stream) throw new RangeError('jansenIndices: a bootstrap needs a stream');
  return jansenFinish(jansenPartial(fA, fB, fAB, n, boot, options.stream), fAB.length, boot);
}

/** Indices of a Saltelli design with the variance they divide. */
export interface JansenResult {
  readonly variance: number;
  readonly indices: JansenIndex[];
}

/** Per replicate (the estimate itself, then each resample): row weight W, mean and M2 of the pooled fA and fB values, then k first-order and k total sums. */
const stride = (k: number) => 3 + 2 * k;

/** e^-1, the probability of each Poisson(1) count's first term. */
const POISSON_ONE_ZERO = Math.exp(-1);

/** A Poisson(1) count by inversion of one uniform. */
function poissonOne(u: number): number {
  let k = 0;
  let p = POISSON_ONE_ZERO;
  let cdf = p;
  while (u > cdf && k < 64) {
    k++;
    p /= k;
    cdf += p;
  }
  return k;
}

/**
 * The sums behind {@link jansenIndices} for rows 0..count-1 of a design: one replicate with
 * every row counted once, then `bootstrap` resamples, each counting every row a Poisson(1)
 * number of times (row by row, all resamples' counts of a row drawn in turn from `stream`).
 * Poisson weights rather than a fixed-size resample make the bootstrap a sum over rows, so
 * designs computed in pieces (chunks, threads, shards) merge with {@link mergeJansen} into
 * exactly what their merged rows give, for any split (Hanley & MacGibbon, "Creating
 * non-parametric bootstrap samples using Poisson frequencies", Comput. Methods Programs Biomed.
 * 83 (2006) 57–62; Chamandy et al., "Estimating uncertainty for massive data streams", Google 2012).
 */
export function jansenPartial(fA: Float64Array, fB: Float64Array, fAB: readonly Float64Array[], count: number, bootstrap: number, stream?: RandomStream): Float64Array {
  const k = fAB.length;
  const w = stride(k);
  const out = new Float64Array((bootstrap + 1) * w);
  const times = new Uint8Array(bootstrap * count);
  const shift = count > 0 ? fA[0] : 0;
  if (bootstrap > 0) {
    for (let j = 0; j < count; j++) for (let r = 0; r < bootstrap; r++) times[r * count + j] = poissonOne(stream!.next());
  }
  for (let r = 0; r <= bootstrap; r++) {
    const c = (j: number) => (r === 0 ? 1 : times[(r - 1) * count + j]);
    const o = r * w;
    // Two passes (mean, then squared deviations) around the first value, so the variance does
    // not cancel and an output that never varies has a variance of exactly 0.
    let weight = 0;
    let sum = 0;
    for (let j = 0; j < count; j++) {
      const cj = c(j);
      weight += cj;
      sum += cj * (fA[j] - shift + (fB[j] - shift));
    }
    if (weight === 0) continue;
    const mean = sum / (2 * weight);
    let m2 = 0;
    for (let j = 0; j < count; j++) {
      const cj = c(j);
      if (cj === 0) continue;
      const [a, b] = [fA[j] - shift - mean, fB[j] - shift - mean];
      m2 += cj * (a * a + b * b);
      for (let i = 0; i < k; i++) {
        out[o + 3 + i] += cj * (fB[j] - fAB[i][j]) ** 2;
        out[o + 3 + k + i] += cj * (fA[j] - fAB[i][j]) ** 2;
      }
    }
    out[o] = weight;
    out[o + 1] = shift + mean;
    out[o + 2] = m2;
  }
  return out;
}

/** Adds `part` (from {@link jansenPartial}) into `into`, replicate by replicate (Chan et al.'s pairwise update of the pooled mean and M2). */
export function mergeJansen(into: Float64Array, part: Float64Array, k: number): void {
  const w = stride(k);
  for (let o = 0; o < into.length; o += w) {
    const [wa, wb] = [into[o], part[o]];
    if (wb === 0) continue;
    if (wa === 0) {
      into.set(part.subarray(o, o + w), o);
      continue;
    }
    const total = wa + wb;
    const delta = part[o + 1] - into[o + 1];
    into[o] = total;
    into[o + 1] += (delta * wb) / total;
    into[o + 2] += part[o + 2] + (delta * delta * 2 * wa * wb) / total;
    for (let i = 3; i < w; i++) into[o + i] += part[o + i];
  }
}

/**
 * The indices and their percentile intervals from merged sums.
 *
 * @returns undefined when the pooled variance is 0.
 */
export function jansenFinish(stats: Float64Array, k: number, bootstrap: number): JansenResult | undefined {
  const w = stride(k);
  const replicate = (o: number) => {
    const rows = stats[o];
    const v = stats[o + 2] / (2 * rows);
    return {
      v,
      first: Array.from({ length: k }, (_, i) => (v - stats[o + 3 + i] / (2 * rows)) / v),
      total: Array.from({ length: k }, (_, i) => stats[o + 3 + k + i] / (2 * rows) / v),
    };
  };
  const point = replicate(0);
  if (!(point.v > 0)) return undefined;
  const resamples = Array.from({ length: bootstrap }, (_, r) => replicate((r + 1) * w));
  const interval = (values: number[], at: number): [number, number] => {
    // A resample can count no row or repeat one value only; its indices are NaN and are dropped.
    const sorted = Float64Array.from(values.filter((x) => Number.isFinite(x))).sort();
    return sorted.length === 0 ? [at, at] : [sortedQuantile(sorted, 0.025), sortedQuantile(sorted, 0.975)];
  };
  return {
    variance: point.v,
    indices: Array.from({ length: k }, (_, i) => ({
      first: { estimate: point.first[i], ci95: interval(resamples.map((r) => r.first[i]), point.first[i]) },
      total: { estimate: point.total[i], ci95: interval(resamples.map((r) => r.total[i]), point.total[i]) },
    })),
  };
}
