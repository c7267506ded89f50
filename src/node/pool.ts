import { availableParallelism } from 'node:os';
import { serialize } from 'node:v8';
import { Piscina } from 'piscina';
import type { ChunkSpec } from '../engine/driver';
import type { ChunkJob } from './kinds';
import { checkWorkers } from './options';
import { fromWire, type ChunkReply, type ChunkTask } from './protocol';

/**
 * The worker task sits next to the module that starts it (dist/worker.js beside dist/node.js,
 * the shared chunks and the CLI's chunks). Run from source (vitest, tsx), this file is
 * src/node/pool.ts, and worker.source.mjs loads the TypeScript task.
 */
function workerTask(): URL {
  const here = import.meta.url;
  // The path, not the URL: a loader may add a query (tsx's tsImport does).
  return new URL(new URL(here).pathname.endsWith('.ts') ? './worker.source.mjs' : './worker.js', here);
}

/** A job's kind and its data as bytes every thread reads (see {@link ChunkTask}). */
interface OpenJob {
  readonly kind: ChunkJob['kind'];
  readonly data: SharedArrayBuffer;
}

/**
 * A fixed number of worker threads that compute chunks of runs, on
 * [piscina](https://github.com/piscinajs/piscina). Threads start on first use and are reused
 * by every run given the pool (starting one costs 100-200 ms with its warm-up), so an analysis
 * that runs many simulations pays for them once. Idle threads do not keep the process alive;
 * still, call {@link WorkerPool.terminate} when done.
 *
 * Use one pool for one run at a time: a run that fails or is aborted terminates the pool's
 * threads (the pool starts fresh ones if used again).
 *
 * @example
 * ```ts
 * import { simulate, trumpKimSummit, WorkerPool } from 'scenario-odds/node';
 * const pool = new WorkerPool(2);
 * try {
 *   for (const mean of [-7, -5, -3]) {
 *     const r = await simulate(trumpKimSummit, { seed: 1, trials: 200_000, params: { 'wDomestic.mean': mean }, pool });
 *     console.log(mean, r.events.summit.probability);
 *   }
 * } finally {
 *   await pool.terminate();
 * }
 * ```
 */
export class WorkerPool {
  /** Number of worker threads. */
  readonly size: number;
  private threads: Piscina | undefined;
  private readonly jobs = new Map<number, OpenJob>();
  private nextJob = 0;

  /**
   * @param size - number of worker threads; default `os.availableParallelism()`.
   * @throws {ScenarioError} (`invalid-option` at `workers`) unless size is a whole number from 1 to 256.
   */
  constructor(size: number = availableParallelism()) {
    checkWorkers(size);
    this.size = size;
  }

  /** Worker threads currently running (they start on first use and stop on {@link WorkerPool.terminate}). */
  get running(): number {
    return this.threads?.threads.length ?? 0;
  }

  /**
   * Registers a job: its data is serialized once, and each thread prepares it on its first chunk of it.
   *
   * @internal used by the chunk executor (src/node/parallel.ts), not part of the package API.
   */
  open(job: ChunkJob): number {
    const bytes = serialize(job.data);
    const data = new SharedArrayBuffer(bytes.length);
    new Uint8Array(data).set(bytes);
    const id = this.nextJob++;
    this.jobs.set(id, { kind: job.kind, data });
    return id;
  }

  /**
   * Forgets a job: each thread frees what it prepared for it with its next chunk of any job.
   *
   * @internal
   */
  close(job: number): void {
    this.jobs.delete(job);
  }

  /**
   * Computes one chunk of an open job on a free thread (or the next one to be free); resolves
   * to the job kind's result for that chunk.
   *
   * @throws the chunk's error as thrown in the worker (a NumericalError or ScenarioError is
   *   rebuilt as the same class), or an Error if the worker died or the pool was terminated first.
   * @internal
   */
  async runChunk(job: number, spec: ChunkSpec): Promise<unknown> {
    const open = this.jobs.get(job);
    if (!open) throw new Error(`WorkerPool: job ${job} is not open`);
    // Their own execArgv: by default a worker inherits the parent's, and flags such as
    // `--input-type=module` (from `node --input-type=module -e …`) make Worker refuse to start.
    if (!this.threads) {
      this.threads = new Piscina({ filename: workerTask().href, minThreads: this.size, maxThreads: this.size, execArgv: [] });
      // Piscina reports a thread that dies between chunks here (one that dies during a chunk
      // fails that chunk): no chunk is lost, and it starts a replacement.
      this.threads.on('error', () => undefined);
    }
    const task: ChunkTask = { job, kind: open.kind, data: open.data, open: [...this.jobs.keys()], index: spec.index, count: spec.count };
    const reply = (await this.threads.run(task)) as ChunkReply;
    if (reply.error) throw fromWire(reply.error);
    return reply.result;
  }

  /**
   * Stops every worker thread now, even in the middle of a chunk (the threads are told to stop
   * before this returns; the promise resolves once they have exited); chunks in flight reject.
   * The pool stays usable: the next chunk starts fresh threads.
   */
  async terminate(): Promise<void> {
    const threads = this.threads;
    this.threads = undefined;
    await threads?.destroy();
  }
}
