import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { integerQuantile, invertSequentially, transformedRejection, type TransformedRejection } from './discrete';
import { fmt } from './format';
import { incompleteBetaFromFront, logBinomialTerm } from './special';
import type { BinomialSpec, Distribution } from './types';
import { exp, log, log1p } from '../math/index';

/** Below this n·min(p, 1 − p) the sampler inverts the CDF (expected steps: that mean); from it, BTRS. */
const INVERSION_MAX_MEAN = 10;

/**
 * Above n/(p·q) = 1e6 the CDF is summed term by term instead of taken from the incomplete beta
 * function's continued fraction, which near the mean subtracts numbers within sd/n of each other
 * and so loses about 1e-16·√(n/(p·q)) relative (1e-10 at n = 1e9, p = 0.001). The sum takes
 * about 10 terms per unit of sd (150,000 at n = 1e9, p = ½), each a multiplication.
 */
const SUM_MIN_N_OVER_PQ = 1e6;

/**
 * Binomial(n, p). Sampled exactly for p' = min(p, 1 − p) (a draw for p > ½ is n minus one for
 * 1 − p, which is exact there by Sterbenz's lemma): by sequential inversion when n·p' < 10, else
 * by Hörmann's BTRS (transformed rejection with squeeze, 1993). The CDF is
 * P(X <= k) = I_{1−p}(n − k, k + 1), the regularized incomplete beta function, with its prefactor
 * (n − k)·p·P(X = k) from Loader's accurate binomial term, or for large n the sum of the
 * probabilities in the tail not holding the mode; the quantile is the smallest integer whose
 * CDF reaches p.
 */
export function binomialDistribution(spec: BinomialSpec): Distribution {
  const { n, p } = spec;
  const q = 1 - p;
  const flip = p > 0.5;
  const ps = flip ? q : p;
  const qs = 1 - ps;
  const mean = n * p;
  const variance = n * p * q;
  const sd = Math.sqrt(variance);

  const bySum = n > SUM_MIN_N_OVER_PQ * p * q;
  const mode = Math.floor((n + 1) * p);
  const cdf = (x: number): number => {
    if (Number.isNaN(x)) return NaN;
    if (x < 0) return 0;
    if (x >= n) return 1;
    const k = Math.floor(x);
    if (p === 0) return 1;
    if (p === 1) return 0;
    if (bySum) return k < mode ? tailSum(k, -1) : 1 - tailSum(k + 1, 1);
    const front = exp(log(n - k) + log(p) + logBinomialTerm(k, n, p, q));
    return incompleteBetaFromFront(q, p, n - k, k + 1, false, front);
  };
  /**
   * Σ P(X = j) from j = `from` away from the mode (`dir` −1 down, +1 up), where the terms only
   * fall: each from the last by its ratio, and exactly from Loader's term every 256 steps so
   * rounding cannot drift; compensated (Kahan), until a term is below 1e-17 of the sum.
   */
  const tailSum = (from: number, dir: -1 | 1): number => {
    let j = from;
    let term = exp(logBinomialTerm(j, n, p, q));
    let sum = 0;
    let carry = 0;
    for (let i = 1; term > 1e-17 * sum; i++) {
      const y = term - carry;
      const t = sum + y;
      carry = t - sum - y;
      sum = t;
      j += dir;
      if (j < 0 || j > n) break;
      term = i % 256 === 0 ? exp(logBinomialTerm(j, n, p, q)) : dir < 0 ? term * (((j + 1) / (n - j)) * (q / p)) : term * (((n - j + 1) / j) * (p / q));
    }
    return sum;
  };

  // Sampling works with ps <= ½.
  const r = ps / qs;
  const p0 = exp(n * log1p(-ps));
  const ratio = (k: number): number => ((n - k + 1) / k) * r;
  const spq = Math.sqrt(n * ps * qs);
  const b = 1.15 + 2.53 * spq;
  const sampleMode = Math.floor((n + 1) * ps);
  // Hörmann's BTRS constants (his notation: b, a, c, α, v_r, m).
  const btrs: TransformedRejection = {
    a: -0.0873 + 0.0248 * b + 0.01 * ps,
    b,
    shift: n * ps + 0.5,
    vr: 0.92 - 4.2 / b,
    kMax: n,
    quickReject: false,
    logScale: log((2.83 + 5.1 / b) * spq) + logBinomialTerm(sampleMode, n, ps, qs),
    logPmf: (k) => logBinomialTerm(k, n, ps, qs),
  };
  const draw =
    ps === 0
      ? () => 0
      : n * ps < INVERSION_MAX_MEAN
        ? (stream: RandomStream) => invertSequentially(stream.double(), p0, ratio, n)
        : (stream: RandomStream) => transformedRejection(stream, btrs);

  return {
    spec,
    name: 'binomial',
    parameters: Object.freeze({ n, p }),
    mean,
    variance,
    sample(stream: RandomStream, out: Float64Array, count: number): void {
      checkBatch(out, count);
      if (flip) for (let i = 0; i < count; i++) out[i] = n - draw(stream);
      else for (let i = 0; i < count; i++) out[i] = draw(stream);
    },
    cdf,
    quantile(u) {
      checkProbability(u);
      if (p === 1) return n;
      if (u === 0 || p === 0) return 0;
      if (u === 1) return n;
      return integerQuantile(u, cdf, { mean, sd, skewness: (q - p) / sd, lo: 0, hi: n });
    },
    describe: () => `Binomial(${fmt(n)}, ${fmt(p)})`,
  };
}
