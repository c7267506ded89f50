/**
 * The task each worker thread of a WorkerPool runs (built to dist/worker.js, loaded by
 * piscina's thread script): it prepares each job once from its data (for `totals`, rebuilds
 * the column model from the plan), then computes chunks with the same code as a
 * single-threaded run (`runChunk`), so each chunk's result is bit-identical to computing it in
 * the main thread.
 *
 * It imports the engine's column model and chunk loop only, never the formula parser
 * (tests/parallel checks the built file): workers compile formula ASTs, they never parse text.
 */
import { deserialize } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import type { ChunkSpec } from '../engine/driver';
import { CHUNK_KINDS, type ChunkKind } from './kinds';
import { toWire, type ChunkReply, type ChunkTask } from './protocol';

if (isMainThread) throw new Error('scenario-odds: dist/worker.js is a worker-thread task; it is run by WorkerPool, not directly');

/** Per job: its per-chunk function, or the error preparing it gave (reported on each of its chunks). */
const prepared = new Map<number, { readonly run?: (spec: ChunkSpec) => unknown; readonly error?: unknown }>();

function prepare({ kind, data }: ChunkTask): { readonly run?: (spec: ChunkSpec) => unknown; readonly error?: unknown } {
  try {
    if (!Object.hasOwn(CHUNK_KINDS, kind)) throw new Error(`worker received a job of unknown kind ${JSON.stringify(kind)}`);
    return { run: (CHUNK_KINDS[kind] as ChunkKind<unknown, unknown>).prepare(deserialize(new Uint8Array(data))) };
  } catch (error) {
    return { error };
  }
}

/** Computes one chunk of a job; errors come back as data, so our error classes survive the trip. */
export default function computeChunk(task: ChunkTask): ChunkReply {
  for (const job of prepared.keys()) if (!task.open.includes(job)) prepared.delete(job);
  let entry = prepared.get(task.job);
  if (!entry) prepared.set(task.job, (entry = prepare(task)));
  try {
    if (!entry.run) throw entry.error;
    return { result: entry.run({ index: task.index, count: task.count }) };
  } catch (error) {
    return { error: toWire(error) };
  }
}
