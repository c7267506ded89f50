/**
 * The chunk side of a log-odds attribution: each term of the event's sigmoid sum evaluated on
 * the model's trials, and per term the sums of its values and a quantile sketch of them (its
 * central 95% across worlds); then the sums of the event's probability.
 */
import { forEachBatch } from '../../engine/chunk';
import { ColumnModel, type RunPlan } from '../../engine/columns';
import type { FormulaAst } from '../../expr/ast';
import { compileFormula } from '../../expr/compile';
import { eventColumns } from '../columns';
import { ChunkAccumulator, SumsLayout, sumsReducer } from '../sums';
import { addWeighted, WEIGHTED_SUMS } from '../weights';

/** What a thread needs to compute chunks of an attribution. */
export interface AttributionData {
  readonly plan: RunPlan;
  readonly seed: string;
  readonly batchSize: number;
  readonly event: string;
  /** The terms of the sum, signed (the base term left out). */
  readonly terms: readonly FormulaAst[];
}

/**
 * Where an attribution's numbers are: per term t, at stride·t, Σ and Σ² of its values (under
 * "nothing yet" weights, the WEIGHTED_SUMS of them) and sketch t; then the event's probability
 * likewise at stride·terms, with counters 0 and 1 of its trials at exactly 1 and strictly
 * between 0 and 1.
 */
export function attributionLayout(terms: number, weighted: boolean): { readonly layout: SumsLayout; readonly stride: number } {
  const stride = weighted ? WEIGHTED_SUMS : 2;
  const layout = new SumsLayout();
  layout.addSums(stride * (terms + 1));
  layout.addCounters(2);
  for (let t = 0; t < terms; t++) layout.addSketch();
  return { layout, stride };
}

export const attributionReducer = /* @__PURE__ */ sumsReducer<AttributionData>(({ plan, seed, batchSize, event, terms }) => {
  const model = new ColumnModel(plan, batchSize);
  const weighted = model.weight >= 0;
  const slots = new Map(model.names.slice(0, model.firstEvent).map((n, i) => [n, i] as const));
  const params = new Map(plan.params);
  const programs = terms.map((ast) => compileFormula(ast, slots, params, batchSize));
  const column = eventColumns(model, event).value;
  const { layout, stride } = attributionLayout(terms.length, weighted);
  const acc = new ChunkAccumulator(layout);
  const { sums, counts, sketches } = acc;
  const scratch = new Float64Array(batchSize);
  return ({ index, count }) => {
    forEachBatch(model, seed, index, count, (n) => {
      const w = weighted ? model.columns[model.weight] : undefined;
      const add = (k: number, x: Float64Array) => {
        if (w) addWeighted(sums, k, x, w, n);
        else {
          for (let i = 0; i < n; i++) {
            sums.add(k, x[i]);
            sums.add(k + 1, x[i] * x[i]);
          }
        }
      };
      programs.forEach((program, t) => {
        program.evaluate(model.columns, scratch, n);
        add(stride * t, scratch);
        sketches[t].add(scratch, n, w);
      });
      const p = model.columns[column];
      add(stride * terms.length, p);
      for (let i = 0; i < n; i++) {
        if (p[i] === 1) counts[0]++;
        else if (p[i] !== 0) counts[1]++;
      }
    });
    return acc.take();
  };
});
