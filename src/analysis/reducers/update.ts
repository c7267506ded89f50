/**
 * The chunk side of an evidence update: the event's probability on the model's trials, and per
 * condition, in ledger order, the sums of that probability under the cumulative weight of the
 * conditions so far (a 0/1 or likelihood formula on the model's nodes, or a quiet stretch's
 * chance from a model paired with it on the same trials).
 */
import { CHUNK_SIZE } from '../../engine/chunk';
import { ColumnModel, type RunPlan } from '../../engine/columns';
import type { FormulaAst } from '../../expr/ast';
import { compileFormula } from '../../expr/compile';
import { ScenarioError } from '../../issues';
import { eventColumns } from '../columns';
import { forEachPairedBatch, pairArm } from '../paired';
import { ChunkAccumulator, SumsLayout, sumsReducer } from '../sums';
import { addWeighted, WEIGHTED_SUMS } from '../weights';

/** One condition of an update as a thread needs it: a formula, or the index of a quiet stretch's model among the paired plans. */
export type UpdateCondition =
  | { readonly ast: FormulaAst; readonly path: string; readonly formula: string }
  | { readonly quiet: number; readonly path: string; readonly formula: string };

/** What a thread needs to compute chunks of an update. */
export interface UpdateData {
  /** The update's plan, then one per quiet stretch (that stretch as its only evidence). */
  readonly plans: readonly RunPlan[];
  readonly seed: string;
  readonly batchSize: number;
  readonly event: string;
  readonly conditions: readonly UpdateCondition[];
}

/**
 * Where an update's numbers are: the prior's Σp, Σp² (under the run's own evidence, its
 * WEIGHTED_SUMS) from 0, then from `first` WEIGHTED_SUMS per condition; counters 0 and 1 of
 * trials with p exactly 1 and strictly between 0 and 1.
 */
export function updateLayout(conditions: number, weighted: boolean): { readonly layout: SumsLayout; readonly first: number } {
  const layout = new SumsLayout();
  const first = layout.addSums(weighted ? WEIGHTED_SUMS : 2) + (weighted ? WEIGHTED_SUMS : 2);
  layout.addSums(WEIGHTED_SUMS * conditions);
  layout.addCounters(2);
  return { layout, first };
}

export const updateReducer = /* @__PURE__ */ sumsReducer<UpdateData>(({ plans, seed, batchSize, event, conditions }) => {
  const [model, ...quiet] = plans.map((plan) => new ColumnModel(plan, batchSize));
  const arms = quiet.map((m) => pairArm(model, m));
  const slots = new Map(model.names.slice(0, model.firstEvent).map((n, i) => [n, i] as const));
  const params = new Map(plans[0].params);
  const sources = conditions.map((c) => ('ast' in c ? compileFormula(c.ast, slots, params, batchSize) : quiet[c.quiet]));
  const column = eventColumns(model, event).value;
  const { layout, first } = updateLayout(conditions.length, model.weight >= 0);
  const acc = new ChunkAccumulator(layout);
  const { sums, counts } = acc;
  const scratch = new Float64Array(batchSize);
  const weight = new Float64Array(batchSize);
  return ({ index, count }) => {
    forEachPairedBatch(model, arms, seed, index, count, (n, offset) => {
      const p = model.columns[column];
      if (model.weight >= 0) {
        weight.set(model.columns[model.weight].subarray(0, n));
        addWeighted(sums, 0, p, weight, n);
      } else {
        weight.fill(1, 0, n);
        for (let i = 0; i < n; i++) {
          sums.add(0, p[i]);
          sums.add(1, p[i] * p[i]);
        }
      }
      for (let i = 0; i < n; i++) {
        if (p[i] === 1) counts[0]++;
        else if (p[i] !== 0) counts[1]++;
      }
      sources.forEach((source, s) => {
        let values: Float64Array;
        if (source instanceof ColumnModel) values = source.columns[source.weight];
        else {
          source.evaluate(model.columns, scratch, n);
          values = scratch;
        }
        for (let i = 0; i < n; i++) {
          const c = values[i];
          if (!(c >= 0 && c <= 1)) {
            const { path, formula } = conditions[s];
            throw new ScenarioError([{ code: 'condition-not-probability', path, message: `the condition "${formula}" gave ${c} at trial ${index * CHUNK_SIZE + offset + i} (seed ${JSON.stringify(seed)}); a condition must be 0/1 or a likelihood in [0, 1]` }]);
          }
          weight[i] *= c;
        }
        addWeighted(sums, first + WEIGHTED_SUMS * s, p, weight, n);
      });
    });
    return acc.take();
  };
});
