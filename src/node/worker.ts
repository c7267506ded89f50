/**
 * The script each worker thread runs (built to dist/worker.js): it prepares each job from its
 * data (for `totals`, rebuilds the column model from the plan), then computes chunks with the
 * same code as a single-threaded run (`runChunk`), so each chunk's result is bit-identical to
 * computing it in the main thread.
 *
 * It imports the engine's column model and chunk loop only, never the formula parser
 * (tests/parallel checks the built file): workers compile formula ASTs, they never parse text.
 */
import { parentPort } from 'node:worker_threads';
import type { ChunkSpec } from '../engine/driver';
import { CHUNK_KINDS, type ChunkKind } from './kinds';
import { toWire, type FromWorker, type ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('scenario-odds: dist/worker.js is a worker-thread script; it is started by WorkerPool, not run directly');

/** Per job: its per-chunk function, or the error preparing it gave (reported on each of its chunks). */
const jobs = new Map<number, { readonly run?: (spec: ChunkSpec) => unknown; readonly error?: unknown }>();

const reply = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'job': {
      const { job, kind, data } = message;
      try {
        if (!Object.hasOwn(CHUNK_KINDS, kind)) throw new Error(`worker received a job of unknown kind ${JSON.stringify(kind)}`);
        jobs.set(job, { run: (CHUNK_KINDS[kind] as ChunkKind<unknown, unknown>).prepare(data) });
      } catch (error) {
        jobs.set(job, { error });
      }
      return;
    }
    case 'chunk': {
      const { task, job, index, count } = message;
      try {
        const entry = jobs.get(job);
        if (!entry) throw new Error(`worker received a chunk of unknown job ${job}`);
        if (!entry.run) throw entry.error;
        reply({ type: 'done', task, result: entry.run({ index, count }) });
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
