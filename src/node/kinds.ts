/**
 * The kinds of chunk work a worker thread can do. A job names its kind and carries plain data
 * (plans, specs, formula ASTs: structured-clone data, never functions); each worker prepares
 * the job once from that data and then computes chunk after chunk, returning plain data that
 * the main thread merges in chunk order (see `executeChunks` in parallel.ts).
 *
 * To run another sampling analysis on worker threads, give it a kind here: its per-chunk
 * function must depend only on (data, chunk), like `runChunk`, so the numbers cannot depend on
 * which thread computed which chunk. Whatever a kind imports is bundled into dist/worker.js,
 * so it must not import the formula parser (tests/parallel/build.test.ts checks for it).
 */
import { forEachPairedBatch, pairArm } from '../analysis/paired';
import { runChunk, type Totals } from '../engine/chunk';
import { ColumnModel, type RunPlan } from '../engine/columns';
import type { ChunkSpec } from '../engine/driver';
import { toWire, type WireError } from './protocol';

/** Work done chunk by chunk: `prepare` runs once per job on each thread and returns the per-chunk function. */
export interface ChunkKind<Data, Result> {
  prepare(data: Data): (spec: ChunkSpec) => Result;
}

/** Data of a `totals` job: what `simulate` computes, the run's chunk totals. */
export interface TotalsJob {
  readonly plan: RunPlan;
  readonly seed: string;
  readonly batchSize: number;
}

const totals: ChunkKind<TotalsJob, Totals> = {
  prepare({ plan, seed, batchSize }) {
    const model = new ColumnModel(plan, batchSize);
    return ({ index, count }) => runChunk(model, seed, index, count);
  },
};

/**
 * Data of a `paired` job: a base plan and plans evaluated on the same trials (common random
 * numbers, see analysis/paired.ts), and per plan the columns to send back, so the main thread
 * can run an analysis's accumulators over them in trial order as if it had computed them.
 */
export interface PairedJob {
  /** The base plan first, then the plans paired with it. */
  readonly plans: readonly RunPlan[];
  readonly seed: string;
  readonly batchSize: number;
  /** Per plan, the indices of the columns to return. */
  readonly columns: ReadonlyArray<readonly number[]>;
  /** Whether a paired plan that breaks a column check is left out (see `Arm.tolerant`) instead of failing the chunk. */
  readonly tolerant: boolean;
}

/** One chunk of a `paired` job. */
export interface PairedChunk {
  /** Per plan, per requested column: the chunk's values, one per trial. */
  readonly columns: Float64Array[][];
  /** Per paired plan (the base excluded): its check failure, if it first failed in this chunk. */
  readonly failures: ReadonlyArray<WireError | null>;
}

const paired: ChunkKind<PairedJob, PairedChunk> = {
  prepare({ plans, seed, batchSize, columns, tolerant }) {
    const models = plans.map((plan) => new ColumnModel(plan, batchSize));
    const [base, ...others] = models;
    const arms = others.map((model) => pairArm(base, model, tolerant));
    return ({ index, count }) => {
      const before = arms.map((arm) => arm.failure);
      const out = columns.map((cols) => cols.map(() => new Float64Array(count)));
      forEachPairedBatch(base, arms, seed, index, count, (n, offset) => {
        columns.forEach((cols, m) => cols.forEach((k, j) => out[m][j].set(models[m].columns[k].subarray(0, n), offset)));
      });
      return { columns: out, failures: arms.map((arm, a) => (arm.failure && arm.failure !== before[a] ? toWire(arm.failure) : null)) };
    };
  },
};

/** Every kind of chunk work, by name. */
export const CHUNK_KINDS = { totals, paired } as const;

/** The name of a kind of chunk work. */
export type ChunkKindName = keyof typeof CHUNK_KINDS;
/** The data a job of kind K carries. */
export type JobData<K extends ChunkKindName> = (typeof CHUNK_KINDS)[K] extends ChunkKind<infer D, unknown> ? D : never;
/** What one chunk of a job of kind K returns. */
export type JobResult<K extends ChunkKindName> = (typeof CHUNK_KINDS)[K] extends ChunkKind<never, infer R> ? R : never;

/** A job for a worker pool: a kind of work and its data. */
export interface ChunkJob<K extends ChunkKindName = ChunkKindName> {
  readonly kind: K;
  readonly data: JobData<K>;
}
