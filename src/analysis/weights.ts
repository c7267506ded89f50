/**
 * "Nothing yet" evidence in the analyses. Under it every trial carries a weight w, its own
 * chance of the quiet stretch observed (the model's weight column, see `ColumnModel.weight`),
 * and a mean over trials becomes the self-normalized Σ w·x / Σw with the engine's delta-method
 * interval. The sums are the engine's own (the same products, compensated in trial order within
 * a chunk, exact across chunks), so an analysis reports the number `simulate` does.
 */
import type { ColumnModel, RunPlan } from '../engine/columns';
import { ratioInterval, type Interval } from '../engine/intervals';
import { MIN_EFFECTIVE_SAMPLE_SIZE, type Estimate } from '../engine/types';
import { ScenarioError } from '../issues';
import type { ChunkAccumulator, ChunkSums, ExactTotals, SumsLayout } from './sums';

/** Quantities behind one weighted mean, from its offset k: Σw, Σw², Σw·x, Σ(w·x)², Σw·(w·x). */
export const WEIGHTED_SUMS = 5;

/** Adds n trials of x under weights w to the weighted sums at k…k+4 of `sums`. */
export function addWeighted(sums: ChunkSums, k: number, x: ArrayLike<number>, w: ArrayLike<number>, n: number): void {
  for (let i = 0; i < n; i++) {
    const wx = w[i] * x[i];
    sums.add(k, w[i]);
    sums.add(k + 1, w[i] * w[i]);
    sums.add(k + 2, wx);
    sums.add(k + 3, wx * wx);
    sums.add(k + 4, w[i] * wx);
  }
}

/** The self-normalized mean Σw·x / Σw from the weighted sums at k, with its delta-method interval (clipped to [0, 1]). */
export function weightedInterval(totals: ExactTotals, k: number, trials: number): Interval {
  const [sw, sww, swx, swxx, swwx] = [0, 1, 2, 3, 4].map((j) => totals.value(k + j));
  return ratioInterval(swx, swxx, sw, sww, swwx, trials);
}

/** {@link weightedInterval} as an event's estimate is reported. */
export function weightedEstimate(totals: ExactTotals, k: number, trials: number): Estimate {
  const i = weightedInterval(totals, k, trials);
  return { probability: i.estimate, ci95: [i.lo, i.hi], standardError: i.standardError };
}

/** (Σw)² / Σw² from the weighted sums at k: how many unweighted trials the weighted ones are worth. */
export function effectiveSampleSize(totals: ExactTotals, k: number): number {
  const [sw, sww] = [totals.value(k), totals.value(k + 1)];
  return sww > 0 ? (sw * sw) / sww : 0;
}

/** A plan's "nothing yet" evidence in words: `no "summit" through 2026-05-15 and …`. */
export function describeEvidence(plan: RunPlan): string {
  return (plan.time?.evidence ?? []).map((o) => `no "${o.event}" through ${o.through}`).join(' and ');
}

/**
 * Refuses, as `simulate` does, a model whose evidence leaves too few effective trials to trust.
 * `whose` names the model when it is not the analysis's own (e.g. `variant "x"`).
 *
 * @throws {ScenarioError} `too-few-effective-trials` below {@link MIN_EFFECTIVE_SAMPLE_SIZE}.
 */
export function assertEffectiveSample(model: ColumnModel, ess: number, trials: number, whose?: string): void {
  if (ess >= MIN_EFFECTIVE_SAMPLE_SIZE) return;
  const what = describeEvidence(model.plan);
  throw new ScenarioError([
    {
      code: 'too-few-effective-trials',
      path: model.plan.time?.evidence[0]?.path ?? 'noneThrough',
      message: `${whose ? `in ${whose}, ` : ''}the evidence (${what}) leaves an effective sample of ${Math.floor(ess).toLocaleString('en-US')} of ${trials.toLocaleString('en-US')} trials, below the ${MIN_EFFECTIVE_SAMPLE_SIZE.toLocaleString('en-US')} needed to trust the estimates; run more trials`,
    },
  ]);
}

/**
 * Σw and Σw² of the trials of each weighted model among `models`, to check their effective
 * sample sizes as `simulate` would for each of them.
 */
export class EffectiveSamples {
  private readonly weighted: ReadonlyArray<{ readonly model: ColumnModel; readonly whose?: string }>;
  private readonly at: number;

  constructor(models: ReadonlyArray<{ readonly model: ColumnModel; readonly whose?: string }>, layout: SumsLayout) {
    this.weighted = models.filter(({ model }) => model.weight >= 0);
    this.at = layout.addSums(2 * this.weighted.length);
  }

  accumulate(n: number, acc: ChunkAccumulator): void {
    this.weighted.forEach(({ model }, j) => {
      const w = model.columns[model.weight];
      for (let i = 0; i < n; i++) {
        acc.sums.add(this.at + 2 * j, w[i]);
        acc.sums.add(this.at + 2 * j + 1, w[i] * w[i]);
      }
    });
  }

  /** @throws {ScenarioError} `too-few-effective-trials` for the first model whose weights leave too few. */
  check(trials: number, totals: ExactTotals): void {
    this.weighted.forEach(({ model, whose }, j) => assertEffectiveSample(model, effectiveSampleSize(totals, this.at + 2 * j), trials, whose));
  }
}
