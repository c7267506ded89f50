/**
 * The chunk side of `compare`: the baseline and every variant evaluated on the same trials
 * (common random numbers, see paired.ts), and per (variant, event or output) the paired sums.
 */
import { ColumnModel, type RunPlan } from '../../engine/columns';
import { eventColumns } from '../columns';
import { EventPair } from '../pairs';
import { forEachPairedBatch, pairArm } from '../paired';
import { ChunkAccumulator, SumsLayout, sumsReducer } from '../sums';
import { EffectiveSamples } from '../weights';

/** What a thread needs to compute chunks of a comparison. */
export interface CompareData {
  /** The baseline's plan, then each variant's. */
  readonly plans: readonly RunPlan[];
  readonly seed: string;
  readonly batchSize: number;
  /** The compared events; every output of the scenario is compared too. */
  readonly events: readonly string[];
}

/** A comparison's accumulators, laid out in order: per variant its events then its outputs, then the effective samples. */
export interface CompareAccumulators {
  readonly pairs: ReadonlyArray<readonly EventPair[]>;
  readonly samples: EffectiveSamples;
}

/**
 * Builds the accumulators of a comparison of `base` with `variants` on `layout`; the merging
 * side passes `whose`, the names its effective-sample errors give each model.
 */
export function compareAccumulators(base: ColumnModel, variants: readonly ColumnModel[], events: readonly string[], layout: SumsLayout, whose: readonly string[] = []): CompareAccumulators {
  // An output's column is its (derived) node's; every output is compared, in its own units.
  const column = (model: ColumnModel, name: string) => ({ value: model.names.indexOf(name) });
  const pairs = variants.map((model) => [
    ...events.map((name) => new EventPair(name, base, model, eventColumns(base, name), eventColumns(model, name), layout)),
    ...base.plan.outputs.map((name) => new EventPair(name, base, model, column(base, name), column(model, name), layout)),
  ]);
  const samples = new EffectiveSamples([base, ...variants].map((model, m) => ({ model, whose: whose[m] })), layout);
  return { pairs, samples };
}

export const compareReducer = /* @__PURE__ */ sumsReducer<CompareData>(({ plans, seed, batchSize, events }) => {
  const [base, ...variants] = plans.map((plan) => new ColumnModel(plan, batchSize));
  const arms = variants.map((model) => pairArm(base, model));
  const layout = new SumsLayout();
  const { pairs, samples } = compareAccumulators(base, variants, events, layout);
  const acc = new ChunkAccumulator(layout);
  return ({ index, count }) => {
    forEachPairedBatch(base, arms, seed, index, count, (n) => {
      for (const row of pairs) for (const pair of row) pair.accumulate(n, acc);
      samples.accumulate(n, acc);
    });
    return acc.take();
  };
});
