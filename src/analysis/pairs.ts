/**
 * One event (or output) of a model paired with another model on the same trials: the per-trial
 * sums a paired difference needs, accumulated chunk by chunk in any thread, and the difference
 * with its delta-method interval read from the merged totals. Used by `compare` (baseline and
 * variant) and by the weighted tornado (a bar's low and high settings).
 */
import { Z95 } from '../engine/intervals';
import type { ColumnModel } from '../engine/columns';
import { sketchHistogram, sketchQuantiles } from '../engine/sketch';
import type { Spread } from '../engine/types';
import { ScenarioError } from '../issues';
import { exp, log } from '../math/index';
import type { EventColumns } from './columns';
import { covarianceMatrix, quadraticForm, type ChunkAccumulator, type ExactTotals, type SumsLayout } from './sums';
import type { EventDifference, OutputDifference } from './types';

// Per-trial quantities of one event in a pair: (baseline, variant) for an unconditional event;
// for a ratio, (numerator, denominator) in each: (joint, condition) for a conditional event and,
// under "nothing yet" evidence, the same weighted, (w·p, w) or (w·joint, w·condition).
const PLAIN = 2;
const RATIO = 4;
const GREATER = 0;
const LESS = 1;
const CHANGED = 2;
const FRACTIONAL = 3;

/** variant − baseline of one event, with what its interval and the odds ratio's need. */
interface Paired {
  readonly pb: number;
  readonly pv: number;
  readonly diff: number;
  /** Standard error of `diff` (0 when no trial differs). */
  readonly se: number;
  /** Whether no trial differs at all. */
  readonly identical: boolean;
  /** Covariance of the per-trial quantities, and the gradients of pb and pv with respect to their means. */
  readonly S: Float64Array;
  readonly gb: readonly number[];
  readonly gv: readonly number[];
}

/**
 * One event of one variant against the baseline. The same pair is built on the chunk side (with
 * the models that evaluate the trials) and on the merging side (with models of the same plans),
 * in the same order on the same {@link SumsLayout}, so both agree on where its numbers are.
 */
export class EventPair {
  private readonly m: number;
  /** Whether either model weights its trials by evidence: then each side is a weighted mean. */
  private readonly weighted: boolean;
  /** The weighted quantities of a batch (see {@link EventPair.weigh}). */
  private readonly scratch: Float64Array[];
  /** Where its sums, its 4 counters and (for an unconditional event) its sketch of per-trial differences are. */
  private readonly at: { readonly sums: number; readonly counts: number; readonly sketch?: number };
  /** Per-trial differences (variant − baseline) of an unconditional event: their spread across the model's worlds. */
  private readonly diffs?: Float64Array;

  constructor(
    readonly name: string,
    private readonly base: ColumnModel,
    private readonly arm: ColumnModel,
    private readonly b: EventColumns,
    private readonly v: EventColumns,
    layout: SumsLayout,
  ) {
    this.weighted = base.weight >= 0 || arm.weight >= 0;
    this.m = b.given === undefined && !this.weighted ? PLAIN : RATIO;
    this.scratch = this.weighted ? Array.from({ length: RATIO }, () => new Float64Array(base.batchSize)) : [];
    const size = this.m + (this.m * (this.m + 1)) / 2;
    this.at = { sums: layout.addSums(size), counts: layout.addCounters(4), ...(b.given === undefined ? { sketch: layout.addSketch() } : {}) };
    if (b.given === undefined) this.diffs = new Float64Array(base.batchSize);
  }

  /**
   * One side's (w·value, w·condition) into scratch[o] and scratch[o + 1]: the condition is 1
   * for an unconditional event, w is 1 for a model without evidence (exact: 1·x is x), so
   * each side sums exactly what `simulate` of it sums.
   */
  private weigh(model: ColumnModel, c: EventColumns, o: number, n: number): void {
    const cols = model.columns;
    const x = cols[c.value];
    const g = c.given === undefined ? undefined : cols[c.given];
    const w = model.weight >= 0 ? cols[model.weight] : undefined;
    const [a, d] = [this.scratch[o], this.scratch[o + 1]];
    for (let i = 0; i < n; i++) {
      const wi = w === undefined ? 1 : w[i];
      a[i] = wi * x[i];
      d[i] = g === undefined ? wi : wi * g[i];
    }
  }

  /** Adds n trials, now in both models' columns, to the chunk's accumulators. */
  accumulate(n: number, acc: ChunkAccumulator): void {
    const { m } = this;
    const { sums } = acc;
    const k0 = this.at.sums;
    const c0 = this.at.counts;
    const counts = acc.counts;
    const bc = this.base.columns;
    const vc = this.arm.columns;
    const x = new Float64Array(m);
    let cols: Float64Array[];
    if (this.weighted) {
      this.weigh(this.base, this.b, 0, n);
      this.weigh(this.arm, this.v, 2, n);
      cols = this.scratch;
    } else cols = m === PLAIN ? [bc[this.b.value], vc[this.v.value]] : [bc[this.b.value], bc[this.b.given!], vc[this.v.value], vc[this.v.given!]];
    // The per-trial probabilities compared for "greater": the event's own, or P(event | condition).
    // Under weights a share of trials means nothing, so there are none.
    const [qb, qv] = this.weighted ? [] : m === PLAIN ? cols : [bc[this.b.conditional!], vc[this.v.conditional!]];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) x[j] = cols[j][i];
      let k = k0;
      for (let j = 0; j < m; j++) sums.add(k++, x[j]);
      for (let j = 0; j < m; j++) for (let l = j; l < m; l++) sums.add(k++, x[j] * x[l]);
      if (qb !== undefined) {
        const pb = qb[i];
        const pv = qv[i];
        if (pv > pb) counts[c0 + GREATER]++;
        else if (pv < pb) counts[c0 + LESS]++;
        if ((pb !== 0 && pb !== 1) || (pv !== 0 && pv !== 1)) counts[c0 + FRACTIONAL]++;
      }
      if (m === PLAIN ? x[1] !== x[0] : x[0] !== x[2] || x[1] !== x[3]) counts[c0 + CHANGED]++;
    }
    if (this.diffs) {
      // Each world's own change, weighted (under evidence) by the baseline's weight of that world.
      const [xb, xv] = [bc[this.b.value], vc[this.v.value]];
      const d = this.diffs;
      for (let i = 0; i < n; i++) d[i] = xv[i] - xb[i];
      acc.sketches[this.at.sketch!].add(d, n, this.base.weight >= 0 ? bc[this.base.weight] : undefined);
    }
  }

  /** The spread of the per-trial differences across the model's worlds, when they vary. */
  private spread(totals: ExactTotals): Spread | undefined {
    const all = this.at.sketch === undefined ? undefined : totals.sketches[this.at.sketch];
    if (!all || !(all.min < all.max)) return undefined;
    const [p5, p25, p50, p75, p95] = sketchQuantiles(all, [0.05, 0.25, 0.5, 0.75, 0.95]);
    return { quantiles: { p5, p25, p50, p75, p95 }, histogram: sketchHistogram(all, 20) };
  }

  /**
   * Both sides' probabilities and the paired difference, by the delta method over the per-trial
   * quantities (a plain difference of means, or of two ratios).
   *
   * @throws {ScenarioError} `condition-never-held` when a ratio's denominator summed to 0.
   */
  private paired(n: number, totals: ExactTotals): Paired {
    const { m } = this;
    const size = m + (m * (m + 1)) / 2;
    const all = Array.from({ length: size }, (_, k) => totals.value(this.at.sums + k));
    const sums = all.slice(0, m);
    const S = covarianceMatrix(sums, all.slice(m), n);
    const mu = sums.map((s) => s / n);
    let pb: number, pv: number;
    let gb: number[], gv: number[];
    if (m === PLAIN) {
      [pb, pv] = [sums[0] / n, sums[1] / n];
      [gb, gv] = [[1, 0], [0, 1]];
    } else {
      if (sums[1] === 0 || sums[3] === 0) {
        throw new ScenarioError([{ code: 'condition-never-held', path: `events.${this.name}.given`, message: `the condition of "${this.name}" had probability 0 in all ${n} trials of ${sums[1] === 0 ? 'the baseline' : 'a variant'}, so the comparison is undefined` }]);
      }
      // Same arithmetic as the engine's ratio estimate, so the numbers match `simulate`.
      [pb, pv] = [sums[0] / sums[1], sums[2] / sums[3]];
      gb = [1 / mu[1], -pb / mu[1], 0, 0];
      gv = [0, 0, 1 / mu[3], -pv / mu[3]];
    }
    const identical = totals.counts[this.at.counts + CHANGED] === 0;
    const diff = identical ? 0 : pv - pb;
    const se = identical ? 0 : Math.sqrt(quadraticForm(gv.map((g, j) => g - gb[j]), S) / n);
    return { pb, pv, diff, se, identical, S, gb, gv };
  }

  /** variant − baseline with its standard error (in probability, not percentage points). */
  difference(n: number, totals: ExactTotals): { readonly difference: number; readonly standardError: number } {
    const { diff, se } = this.paired(n, totals);
    return { difference: diff, standardError: se };
  }

  /** The pair as a real-valued output's: the two means and their paired difference, in the output's units. */
  outputResult(n: number, totals: ExactTotals): OutputDifference {
    const { pb, pv, diff, se } = this.paired(n, totals);
    const acrossWorlds = this.spread(totals);
    return { baseline: pb, variant: pv, difference: { value: diff, ci95: [diff - Z95 * se, diff + Z95 * se], standardError: se }, ...(acrossWorlds ? { acrossWorlds } : {}) };
  }

  result(n: number, totals: ExactTotals): EventDifference {
    const { pb, pv, diff, se, identical, S, gb, gv } = this.paired(n, totals);
    const out: { -readonly [K in keyof EventDifference]: EventDifference[K] } = {
      baseline: pb,
      variant: pv,
      differencePp: { probability: 100 * diff, ci95: [100 * (diff - Z95 * se), 100 * (diff + Z95 * se)], standardError: 100 * se },
    };
    const acrossWorlds = this.spread(totals);
    if (acrossWorlds) out.acrossWorlds = acrossWorlds;
    if (pb > 0 && pb < 1 && pv > 0 && pv < 1) {
      const logOr = identical ? 0 : log(pv / (1 - pv)) - log(pb / (1 - pb));
      const g = gv.map((x, j) => x / (pv * (1 - pv)) - gb[j] / (pb * (1 - pb)));
      const seLog = identical ? 0 : Math.sqrt(quadraticForm(g, S) / n);
      out.oddsRatio = exp(logOr);
      out.oddsRatioCi95 = [exp(logOr - Z95 * seLog), exp(logOr + Z95 * seLog)];
    }
    const c0 = this.at.counts;
    if (!this.weighted && totals.counts[c0 + FRACTIONAL] > 0) {
      const { counts } = totals;
      out.probabilityGreater = counts[c0 + GREATER] / n;
      out.probabilityLess = counts[c0 + LESS] / n;
    }
    return out;
  }
}

