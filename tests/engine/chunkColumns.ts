/** Reading a chunk's columns as the engine computed them, for the engine's exact tests. */
import { forEachBatch } from '../../src/engine/chunk';
import type { ColumnModel } from '../../src/engine/columns';

/** Every column of one chunk, as the engine computed it, trial by trial. */
export function chunkColumns(model: ColumnModel, seed: string, chunk: number, trials: number): Float64Array[] {
  const all = model.columns.map(() => new Float64Array(trials));
  forEachBatch(model, seed, chunk, trials, (n, offset) => {
    model.columns.forEach((c, k) => all[k].set(c.subarray(0, n), offset));
  });
  return all;
}
