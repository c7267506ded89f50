/**
 * The chunk side of a sensitivity analysis's Sobol indices: rows of the Saltelli design, chunk
 * by chunk. Matrix A is the run's own draws (its first N trials), matrix B comes from the
 * `sobol-B` streams, and a second instance of the model evaluates f(B) and each f(A with input i
 * from B). Each chunk hands over the Jansen sums of its rows and of their Poisson bootstrap
 * resamples (the `sobol-bootstrap` stream of the chunk), never the rows themselves.
 */
import { CHUNK_SIZE, evaluateBatch, forEachBatch } from '../../engine/chunk';
import { ColumnModel, type RunPlan } from '../../engine/columns';
import type { Reducer } from '../../engine/reduce';
import { jansenPartial } from '../sobol';
import { analysisStream } from '../streams';

/** What a thread needs to compute rows of a Sobol design. */
export interface SobolData {
  readonly plan: RunPlan;
  readonly seed: string;
  readonly batchSize: number;
  /** The column whose per-trial value is decomposed, and the name its bootstrap stream is keyed by. */
  readonly column: number;
  readonly name: string;
  /** The model's sampling units that are the design's inputs (a group of correlated factors is one input). */
  readonly inputs: readonly number[];
  readonly bootstrap: number;
}

export const sobolReducer: Reducer<SobolData, Float64Array> = {
  prepare({ plan, seed, batchSize, column, name, inputs: unitIndices, bootstrap }) {
    const base = new ColumnModel(plan, batchSize);
    const scratch = new ColumnModel(plan, batchSize);
    const inputs = unitIndices.map((u) => ({ unit: base.units[u], columns: base.unitColumns[u] }));
    const bColumns = inputs.map(({ unit }) => unit.members.map(() => new Float64Array(batchSize)));
    const fA = new Float64Array(CHUNK_SIZE);
    const fB = new Float64Array(CHUNK_SIZE);
    const fAB = inputs.map(() => new Float64Array(CHUNK_SIZE));
    const use = (i: number, from: readonly Float64Array[], m: number) => inputs[i].unit.members.forEach((f, j) => scratch.columns[f].set(from[j].subarray(0, m)));
    return ({ index, count }) => {
      const streams = inputs.map(({ unit }) => analysisStream(seed, index, unit.key, 'sobol-B'));
      forEachBatch(base, seed, index, count, (m, offset) => {
        fA.set(base.columns[column].subarray(0, m), offset);
        inputs.forEach(({ unit }, i) => unit.draw(streams[i], bColumns[i], m));
        for (let f = 0; f < base.factorCount; f++) scratch.columns[f].set(base.columns[f].subarray(0, m));
        const evaluate = (out: Float64Array) => {
          evaluateBatch(scratch, m, seed, index * CHUNK_SIZE + offset);
          out.set(scratch.columns[column].subarray(0, m), offset);
        };
        inputs.forEach((_, i) => use(i, bColumns[i], m));
        evaluate(fB);
        inputs.forEach(({ columns }, i) => use(i, columns, m));
        inputs.forEach(({ columns }, i) => {
          use(i, bColumns[i], m);
          evaluate(fAB[i]);
          use(i, columns, m);
        });
      });
      return jansenPartial(fA, fB, fAB, count, bootstrap, analysisStream(seed, index, name, 'sobol-bootstrap'));
    };
  },
};
