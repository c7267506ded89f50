/**
 * Sums over trials that do not depend on how trials are batched or grouped: within a chunk,
 * compensated (Neumaier) running sums in trial order, exactly as the engine's `runChunk` keeps
 * them; across chunks, exact partials merged in chunk order. An analysis that sums an event
 * column this way gets the same bits as `simulate` for the same seed and trials.
 */
import { addCompensated, addExact, roundExact } from '../engine/exactSum';
import { meanInterval, sampleVariance, wilsonInterval, Z95 } from '../engine/intervals';
import type { Estimate } from '../engine/types';

/** Running compensated sums of `size` quantities over one chunk's trials, in trial order. */
export class ChunkSums {
  readonly sum: Float64Array;
  readonly comp: Float64Array;

  constructor(readonly size: number) {
    this.sum = new Float64Array(size);
    this.comp = new Float64Array(size);
  }

  /** Adds v to quantity k (one Neumaier step, the same arithmetic as the engine's). */
  add(k: number, v: number): void {
    addCompensated(this.sum, this.comp, k, v);
  }

  /** Starts a new chunk. */
  reset(): void {
    this.sum.fill(0);
    this.comp.fill(0);
  }
}

/** Exact totals of `size` quantities over whole chunks, plus integer counters. */
export class ExactTotals {
  private readonly partials: number[][];
  /** Integer counts (trials with some property); exact by construction. */
  readonly counts: number[];

  constructor(size: number, counters = 0) {
    this.partials = Array.from({ length: size }, () => []);
    this.counts = new Array<number>(counters).fill(0);
  }

  /** Adds a finished chunk's sums. */
  addChunk(chunk: ChunkSums): void {
    for (let k = 0; k < this.partials.length; k++) {
      addExact(this.partials[k], chunk.sum[k]);
      addExact(this.partials[k], chunk.comp[k]);
    }
  }

  /** The total of quantity k, correctly rounded once. */
  value(k: number): number {
    return roundExact(this.partials[k]);
  }
}

/** A mean with an unclipped normal (CLT) 95% interval, for quantities that are not probabilities. */
export function normalInterval(sum: number, sumSq: number, n: number): { mean: number; lo: number; hi: number; standardError: number } {
  const mean = sum / n;
  const se = Math.sqrt(sampleVariance(sum, sumSq, n) / n);
  return { mean, lo: mean - Z95 * se, hi: mean + Z95 * se, standardError: se };
}

/**
 * An unconditional event's probability from its per-trial values, as the engine estimates it:
 * the Wilson interval when every value was 0 or 1, else the mean with a normal interval.
 */
export function probabilityEstimate(sum: number, sumSq: number, ones: number, fractional: number, n: number): Estimate {
  const i = fractional === 0 ? wilsonInterval(ones, n) : meanInterval(sum, sumSq, n);
  return { probability: i.estimate, ci95: [i.lo, i.hi], standardError: i.standardError };
}

/**
 * Sample covariance matrix (m × m, row-major) from the sums of m quantities and the sums of
 * their pairwise products (upper triangle, row by row: (0,0), (0,1), … (0,m-1), (1,1), …).
 */
export function covarianceMatrix(sums: readonly number[], products: readonly number[], n: number): Float64Array {
  const m = sums.length;
  const out = new Float64Array(m * m);
  let p = 0;
  for (let j = 0; j < m; j++) {
    for (let l = j; l < m; l++) {
      const c = n < 2 ? 0 : (products[p++] - (sums[j] * sums[l]) / n) / (n - 1);
      out[j * m + l] = c;
      out[l * m + j] = c;
    }
  }
  return out;
}

/** gᵀ S g: the delta-method variance of a smooth function of means with gradient g (per trial). */
export function quadraticForm(g: readonly number[], s: Float64Array): number {
  const m = g.length;
  let v = 0;
  for (let j = 0; j < m; j++) for (let l = 0; l < m; l++) v += g[j] * g[l] * s[j * m + l];
  return Math.max(0, v);
}

/** The p-quantile of sorted values by linear interpolation (type 7, as R's default). */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
