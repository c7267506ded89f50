/**
 * The chunk side of a sensitivity analysis's tornado: every bar's two settings evaluated on the
 * base model's trials (common random numbers), and per setting the sums of its probability (or
 * output); per bar the sums of its paired swing. A setting that breaks the model is recorded
 * (its bar is left out) instead of failing the analysis.
 */
import { NumericalError, type NumericalErrorData } from '../../engine/chunk';
import { ColumnModel, type RunPlan } from '../../engine/columns';
import type { Reducer } from '../../engine/reduce';
import { eventColumns } from '../columns';
import { EventPair } from '../pairs';
import { forEachPairedBatch, pairArm, type Arm } from '../paired';
import { ChunkAccumulator, foldSums, SumsLayout, type FoldedSums, type SumsPartial } from '../sums';
import { addWeighted, WEIGHTED_SUMS } from '../weights';

/** What a thread needs to compute chunks of a tornado. */
export interface TornadoData {
  /** The base plan, then each bar's low and high settings' plans. */
  readonly plans: readonly RunPlan[];
  readonly seed: string;
  readonly batchSize: number;
  /** The event analysed, or the real-valued output (read from its own column). */
  readonly target: { readonly name: string; readonly output: boolean };
}

/** One chunk of a tornado: its sums, and per setting the failure it first met in this chunk. */
export interface TornadoPartial {
  readonly sums: SumsPartial;
  readonly failures: ReadonlyArray<NumericalErrorData | null>;
}

/** The column a tornado reads in a model: the event's probability, or the output's value. */
export function tornadoColumn(model: ColumnModel, target: TornadoData['target']): number {
  return target.output ? model.names.indexOf(target.name) : eventColumns(model, target.name).value;
}

/**
 * The tornado's accumulators, first on their layout. Without evidence weights: per model (the
 * base, then every setting) Σp and Σp² at 2a and counters of ones and fractional values at 2a,
 * 2a + 1; then per bar Σd, Σd² of the per-trial swing d = high − low. Under weights: per model
 * the weighted sums at WEIGHTED_SUMS·a, then per bar a pair of its low and high settings.
 */
export class TornadoSums {
  readonly width: number;
  readonly weighted: boolean;
  /** Per bar under weights, its low setting paired with its high one; empty otherwise. */
  readonly pairs: readonly EventPair[];
  private readonly columns: readonly number[];

  constructor(
    private readonly models: readonly ColumnModel[],
    target: TornadoData['target'],
    layout: SumsLayout,
    /** The bars' names, which a pair's errors give (the merging side's; the chunk side never reads results). */
    barNames: readonly string[] = [],
  ) {
    this.width = models.length;
    this.weighted = models[0].weight >= 0;
    this.columns = models.map((model) => tornadoColumn(model, target));
    const bars = (this.width - 1) / 2;
    if (this.weighted) {
      layout.addSums(WEIGHTED_SUMS * this.width);
      this.pairs = Array.from({ length: bars }, (_, b) => new EventPair(barNames[b] ?? `bar ${b + 1}`, models[1 + 2 * b], models[2 + 2 * b], { value: this.columns[1 + 2 * b] }, { value: this.columns[2 + 2 * b] }, layout));
    } else {
      layout.addSums(2 * this.width + 2 * bars);
      layout.addCounters(2 * this.width);
      this.pairs = [];
    }
  }

  /** Adds n trials, now in the models' columns, leaving out settings that `failed`. */
  accumulate(n: number, acc: ChunkAccumulator, failed: (setting: number) => boolean): void {
    const { models, width, columns } = this;
    const { sums, counts } = acc;
    const cols = models.map((model, a) => model.columns[columns[a]]);
    const live = (a: number) => a === 0 || !failed(a - 1);
    if (this.weighted) {
      for (let a = 0; a < width; a++) if (live(a)) addWeighted(sums, WEIGHTED_SUMS * a, cols[a], models[a].columns[models[a].weight], n);
      this.pairs.forEach((pair, b) => {
        if (live(1 + 2 * b) && live(2 + 2 * b)) pair.accumulate(n, acc);
      });
      return;
    }
    for (let a = 0; a < width; a++) {
      if (!live(a)) continue;
      const col = cols[a];
      for (let i = 0; i < n; i++) {
        const v = col[i];
        sums.add(2 * a, v);
        sums.add(2 * a + 1, v * v);
        if (v === 1) counts[2 * a]++;
        else if (v !== 0) counts[2 * a + 1]++;
      }
    }
    for (let b = 0; 1 + 2 * b < width; b++) {
      const [lo, hi] = [cols[1 + 2 * b], cols[2 + 2 * b]];
      for (let i = 0; i < n; i++) {
        const d = hi[i] - lo[i];
        sums.add(2 * width + 2 * b, d);
        sums.add(2 * width + 2 * b + 1, d * d);
      }
    }
  }
}

/** What a thread folded of a tornado's chunks: their totals, and per setting the first failure among them. */
export interface FoldedTornado {
  readonly sums: FoldedSums | undefined;
  readonly failures: ReadonlyArray<NumericalErrorData | null>;
}

export const tornadoReducer: Reducer<TornadoData, TornadoPartial, FoldedTornado> = {
  fold(data) {
    const chunk = tornadoReducer.prepare(data);
    const failures: Array<NumericalErrorData | null> = [];
    const sums = foldSums((spec) => {
      const part = chunk(spec);
      part.failures.forEach((failure, a) => (failures[a] = first(failures[a] ?? null, failure)));
      return part.sums;
    });
    return { add: sums.add, take: () => ({ sums: sums.take(), failures }) };
  },
  prepare({ plans, seed, batchSize, target }) {
    const models = plans.map((plan) => new ColumnModel(plan, batchSize));
    const arms: Arm[] = models.slice(1).map((model) => pairArm(models[0], model, true));
    const layout = new SumsLayout();
    const tornado = new TornadoSums(models, target, layout);
    const acc = new ChunkAccumulator(layout);
    return ({ index, count }) => {
      // Each chunk evaluates every setting afresh, so what it reports depends on the chunk alone.
      for (const arm of arms) arm.failure = undefined;
      forEachPairedBatch(models[0], arms, seed, index, count, (n) => tornado.accumulate(n, acc, (a) => arms[a].failure !== undefined));
      return { sums: acc.take(), failures: arms.map((arm) => arm.failure?.toData() ?? null) };
    };
  },
};

/** Of two failures, the one at the earlier trial: the first in chunk order, whatever order chunks are merged in. */
function first(a: NumericalErrorData | null, b: NumericalErrorData | null): NumericalErrorData | null {
  return a && (!b || firstTrial(a) <= firstTrial(b)) ? a : b;
}

const firstTrial = (failure: NumericalErrorData) => failure[3];

/** Records on `arms` each setting's first failure: the earliest trial's, from partials or folds merged in any order. */
export function recordFailures(arms: readonly Arm[], part: Pick<TornadoPartial, 'failures'>): void {
  part.failures.forEach((failure, a) => {
    const known = arms[a].failure;
    if (failure && (!known || firstTrial(failure) < known.firstTrial)) arms[a].failure = NumericalError.fromData(failure);
  });
}
