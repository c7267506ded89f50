/**
 * The script each worker thread runs (built to dist/worker.js): it computes a job's chunks with
 * the same code as a single-threaded run (`runChunk`), so each chunk's result is bit-identical
 * to computing it in the main thread. Either chunk by chunk, answering each (the job is
 * prepared from its data on its first chunk: for `totals`, the column model is rebuilt from the
 * plan), or folding the chunks it takes from a shared counter and answering once (folding.ts).
 *
 * It imports the engine's column model and chunk loop only, never the formula parser
 * (tests/parallel checks the built file): workers compile formula ASTs, they never parse text.
 */
import { parentPort } from 'node:worker_threads';
import type { ChunkSpec } from '../engine/driver';
import { CHUNK_KINDS, type ChunkKind } from './kinds';
import { foldShare } from './folding';
import { toWire, type FromWorker, type ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('scenario-odds: dist/worker.js is a worker-thread script; it is started by WorkerPool, not run directly');

/** Per job: its kind and data, and once a chunk needed it, its per-chunk function (or the error preparing it gave, reported on each of its chunks). */
interface Job {
  readonly reducer: ChunkKind<unknown, unknown>;
  readonly data: unknown;
  prepared?: { readonly run?: (spec: ChunkSpec) => unknown; readonly error?: unknown };
}
const jobs = new Map<number, Job>();

const reply = (message: FromWorker) => port.postMessage(message);

function jobOf(id: number): Job {
  const job = jobs.get(id);
  if (!job) throw new Error(`worker received work of unknown job ${id}`);
  return job;
}

function prepared(job: Job): (spec: ChunkSpec) => unknown {
  if (!job.prepared) {
    try {
      job.prepared = { run: job.reducer.prepare(job.data) };
    } catch (error) {
      job.prepared = { error };
    }
  }
  if (!job.prepared.run) throw job.prepared.error;
  return job.prepared.run;
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'job': {
      const { job, kind, data } = message;
      // An unknown kind fails each of the job's chunks, like a job whose data cannot be prepared.
      const reducer = Object.hasOwn(CHUNK_KINDS, kind)
        ? (CHUNK_KINDS[kind] as ChunkKind<unknown, unknown>)
        : { prepare: () => { throw new Error(`worker received a job of unknown kind ${JSON.stringify(kind)}`); } };
      jobs.set(job, { reducer, data });
      return;
    }
    case 'chunk': {
      const { task, job, index, count } = message;
      try {
        reply({ type: 'done', task, result: prepared(jobOf(job))({ index, count }) });
      } catch (error) {
        reply({ type: 'failed', task, error: toWire(error) });
      }
      return;
    }
    case 'fold': {
      const { task, job, chunks, shared } = message;
      try {
        const { reducer, data } = jobOf(job);
        if (!reducer.fold) throw new Error(`worker received a fold of a job whose reducer does not fold`);
        reply({ type: 'done', task, result: foldShare(reducer.fold(data), chunks, new Int32Array(shared)) });
      } catch (error) {
        reply({ type: 'failed', task, error: toWire(error) });
      }
      return;
    }
    case 'drop':
      jobs.delete(message.job);
      return;
    default:
      throw new Error(`worker received an unknown message ${JSON.stringify(message satisfies never)}`);
  }
});
