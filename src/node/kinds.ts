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
import { REDUCERS } from '../analysis/reducers/index';
import type { Reducer } from '../engine/reduce';

/** Work done chunk by chunk: `prepare` runs once per job on each thread and returns the per-chunk function. */
export type ChunkKind<Data, Result> = Reducer<Data, Result>;

/** Every kind of chunk work, by name. */
export const CHUNK_KINDS = REDUCERS;

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
