/**
 * Variance-based sensitivity indices from a Saltelli design, with Jansen's estimators and
 * bootstrap intervals. Independent of scenarios: it takes the model's outputs on the design's
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
 * Intervals: percentile bootstrap over rows (each resample draws N rows with replacement and
 * recomputes V and every index from the same rows).
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
  const steps = jansenSteps(fA, fB, fAB, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Indices of a Saltelli design with the variance they divide. */
export interface JansenResult {
  readonly variance: number;
  readonly indices: JansenIndex[];
}

/**
 * {@link jansenIndices} as steps: yields the bootstrap resamples done so far after each one, so
 * a long bootstrap can be interrupted between resamples.
 *
 * @throws RangeError as {@link jansenIndices}.
 */
export function* jansenSteps(fA: Float64Array, fB: Float64Array, fAB: readonly Float64Array[], options: JansenOptions = {}): Generator<number, JansenResult | undefined, void> {
  const n = fA.length;
  const k = fAB.length;
  const boot = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  if (n < 2 || fB.length !== n || fAB.some((c) => c.length !== n)) throw new RangeError(`jansenIndices: fA, fB and every fAB column need the same length of at least 2 (got ${n}, ${fB.length}, [${fAB.map((c) => c.length).join(', ')}])`);
  if (!(Number.isInteger(boot) && boot >= 0)) throw new RangeError(`jansenIndices: bootstrap must be a whole number >= 0 (got ${boot})`);
  if (boot > 0 && !options.stream) throw new RangeError('jansenIndices: a bootstrap needs a stream');

  // Centre on the overall mean first, so the one-pass variance of each resample does not
  // cancel. Each row's terms sit together (yA, yB, then k first-order and k total terms), so a
  // resample is one sequential pass weighted by how often it drew each row.
  let mu = 0;
  for (let j = 0; j < n; j++) mu += fA[j] + fB[j];
  mu /= 2 * n;
  const w = 2 + 2 * k;
  const data = new Float64Array(n * w);
  for (let j = 0; j < n; j++) {
    const o = j * w;
    data[o] = fA[j] - mu;
    data[o + 1] = fB[j] - mu;
    for (let i = 0; i < k; i++) {
      data[o + 2 + i] = (fB[j] - fAB[i][j]) ** 2;
      data[o + 2 + k + i] = (fA[j] - fAB[i][j]) ** 2;
    }
  }

  // One estimate with each row counted `times[j]` times (all 1, or a bootstrap resample's counts).
  const sf = new Float64Array(k);
  const st = new Float64Array(k);
  const estimate = (times: Int32Array): number => {
    let s1 = 0, s2 = 0;
    sf.fill(0);
    st.fill(0);
    for (let j = 0; j < n; j++) {
      const c = times[j];
      if (c === 0) continue;
      const o = j * w;
      const a = data[o], b = data[o + 1];
      s1 += c * (a + b);
      s2 += c * (a * a + b * b);
      for (let i = 0; i < k; i++) {
        sf[i] += c * data[o + 2 + i];
        st[i] += c * data[o + 2 + k + i];
      }
    }
    const m = s1 / (2 * n);
    const v = s2 / (2 * n) - m * m;
    for (let i = 0; i < k; i++) {
      sf[i] = (v - sf[i] / (2 * n)) / v;
      st[i] = st[i] / (2 * n) / v;
    }
    return v;
  };

  const times = new Int32Array(n).fill(1);
  const variance = estimate(times);
  if (!(variance > 0)) return undefined;
  const first = Array.from(sf);
  const total = Array.from(st);

  const firsts = Array.from({ length: k }, () => new Float64Array(boot));
  const totals = Array.from({ length: k }, () => new Float64Array(boot));
  for (let r = 0; r < boot; r++) {
    const stream = options.stream!;
    times.fill(0);
    for (let t = 0; t < n; t++) times[Math.floor(stream.next() * n)]++;
    estimate(times);
    for (let i = 0; i < k; i++) {
      firsts[i][r] = sf[i];
      totals[i][r] = st[i];
    }
    yield r + 1;
  }
  const interval = (values: Float64Array, point: number): [number, number] => {
    if (boot === 0) return [point, point];
    // A resample can have zero variance only if it repeats one value; drop such (NaN) replicates.
    const sorted = values.filter((x) => Number.isFinite(x)).sort();
    return sorted.length === 0 ? [point, point] : [sortedQuantile(sorted, 0.025), sortedQuantile(sorted, 0.975)];
  };
  return {
    variance,
    indices: Array.from({ length: k }, (_, i) => ({
      first: { estimate: first[i], ci95: interval(firsts[i], first[i]) },
      total: { estimate: total[i], ci95: interval(totals[i], total[i]) },
    })),
  };
}
