import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkRange, ChunkSpec } from '../engine/driver';
import type { ChunkJob } from './kinds';
import { checkWorkers } from './options';
import { fromWire, type FromWorker, type ToWorker } from './protocol';

/**
 * The young generation of each worker thread's heap, in MB. V8 grows a thread's young
 * generation the longer it runs, which made a 2-thread run's peak memory grow with its trials
 * (+13% from 1e6 to 6e7 trials by default, +3% at 4 MB); a chunk's garbage is short-lived, so
 * the cap costs no speed (bench/README.md, "One parallel protocol").
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** How to start a worker: the built script's URL, or (from source) code that loads the TypeScript. */
type WorkerScript = { readonly url: URL } | { readonly code: string };

/**
 * The built worker sits next to the module that starts it (dist/worker.js beside dist/node.js,
 * the shared chunks and the CLI's chunks). Run from source (vitest, tsx), this file is
 * src/node/pool.ts and the worker is TypeScript: it is loaded through tsx's API, so tests do
 * not depend on a build.
 */
function defaultWorkerScript(): WorkerScript {
  const here = import.meta.url;
  // The path, not the URL: a loader may add a query (tsx's tsImport does).
  if (!new URL(here).pathname.endsWith('.ts')) return { url: new URL('./worker.js', here) };
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./worker.ts', here).href;
  return { code: `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(worker)}, ${JSON.stringify(here)}))` };
}

interface Slot {
  readonly worker: Worker;
  /** Jobs whose data this worker already has. */
  readonly jobs: Set<number>;
  busy: number;
}

interface Pending {
  readonly slot: Slot;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * A fixed number of worker threads that compute chunks of runs. Threads start on first use and
 * are reused by every run given the pool (starting one costs 100-200 ms with its warm-up), so an
 * analysis that runs many simulations pays for them once. Idle threads do not keep the
 * process alive; still, call {@link WorkerPool.terminate} when done.
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
  private readonly slots: Array<Slot | undefined>;
  private readonly pending = new Map<number, Pending>();
  private readonly jobs = new Map<number, ChunkJob>();
  private nextTask = 0;
  private nextJob = 0;
  private readonly script: WorkerScript;

  /**
   * @param size - number of worker threads; default `os.availableParallelism()`.
   * @throws {ScenarioError} (`invalid-option` at `workers`) unless size is a whole number from 1 to 256.
   */
  constructor(size: number = availableParallelism()) {
    checkWorkers(size);
    this.size = size;
    this.slots = new Array<Slot | undefined>(size).fill(undefined);
    this.script = defaultWorkerScript();
  }

  /** Worker threads currently running (they start on first use and stop on {@link WorkerPool.terminate}). */
  get running(): number {
    return this.slots.filter((s) => s !== undefined).length;
  }

  /**
   * Registers a job; its data is sent to each worker once, just before that worker's first chunk of it.
   *
   * @internal used by the chunk executor (src/node/parallel.ts), not part of the package API.
   */
  open(job: ChunkJob): number {
    const id = this.nextJob++;
    this.jobs.set(id, job);
    return id;
  }

  /**
   * Forgets a job: workers free what they prepared for it.
   *
   * @internal
   */
  close(job: number): void {
    this.jobs.delete(job);
    for (const slot of this.slots) {
      if (slot?.jobs.delete(job)) this.post(slot, { type: 'drop', job });
    }
  }

  /**
   * Computes one chunk of an open job on the least busy worker; resolves to the job kind's
   * result for that chunk.
   *
   * @throws the chunk's error as thrown in the worker (a NumericalError or ScenarioError is
   *   rebuilt as the same class), or an Error if the worker died or the pool was terminated first.
   * @internal
   */
  runChunk(job: number, spec: ChunkSpec): Promise<unknown> {
    return this.send(this.leastBusy(), job, (task) => ({ type: 'chunk', job, task, index: spec.index, count: spec.count }));
  }

  /**
   * Starts every worker on folding the chunks of `chunks` (see folding.ts): each takes chunks
   * by position from the counters in `shared` and answers once. Resolves, per worker, to its
   * FoldAnswer.
   *
   * @throws (the promises reject) as {@link WorkerPool.runChunk}'s.
   * @internal
   */
  foldOnEach(job: number, chunks: ChunkRange, shared: SharedArrayBuffer): Array<Promise<unknown>> {
    return Array.from({ length: this.size }, (_, i) => this.send((this.slots[i] ??= this.spawn(i)), job, (task) => ({ type: 'fold', job, task, chunks, shared })));
  }

  /** Sends `slot` one task of an open job (and the job's data first, if it does not have them); resolves to the answer. */
  private send(slot: Slot, job: number, message: (task: number) => ToWorker): Promise<unknown> {
    const data = this.jobs.get(job);
    if (!data) return Promise.reject(new Error(`WorkerPool: job ${job} is not open`));
    if (!slot.jobs.has(job)) {
      slot.jobs.add(job);
      this.post(slot, { type: 'job', job, kind: data.kind, data: data.data });
    }
    const task = this.nextTask++;
    // Busy threads keep the process alive until their answer arrives; idle ones do not.
    if (slot.busy++ === 0) slot.worker.ref();
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(task, { slot, resolve, reject }));
    this.post(slot, message(task));
    return result;
  }

  /**
   * Stops every worker thread now, even in the middle of a chunk (the threads are told to stop
   * before this returns; the promise resolves once they have exited); chunks in flight reject.
   * The pool stays usable: the next chunk starts fresh threads.
   */
  async terminate(): Promise<void> {
    const live = this.slots.filter((s): s is Slot => s !== undefined);
    this.slots.fill(undefined);
    for (const [task, p] of this.pending) {
      this.pending.delete(task);
      p.reject(new Error('the worker pool was terminated'));
    }
    await Promise.all(live.map((s) => s.worker.terminate()));
  }

  private leastBusy(): Slot {
    let best = -1;
    for (let i = 0; i < this.size; i++) {
      const busy = this.slots[i]?.busy ?? 0;
      if (best < 0 || busy < (this.slots[best]?.busy ?? 0)) best = i;
      if (busy === 0) break;
    }
    return (this.slots[best] ??= this.spawn(best));
  }

  private spawn(i: number): Slot {
    const name = `scenario-odds worker ${i + 1}`;
    // Their own execArgv: by default a worker inherits the parent's, and flags such as
    // `--input-type=module` (from `node --input-type=module -e …`) make Worker refuse to start.
    const execArgv: string[] = [];
    const options = { name, execArgv, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } };
    const worker = 'url' in this.script ? new Worker(this.script.url, options) : new Worker(this.script.code, { ...options, eval: true });
    worker.unref();
    const slot: Slot = { worker, jobs: new Set(), busy: 0 };
    worker.on('message', (m: FromWorker) => this.settle(slot, m));
    worker.on('error', (e: Error) => this.lose(slot, e));
    worker.on('exit', (code) => this.lose(slot, new Error(`a scenario-odds worker thread stopped unexpectedly (exit code ${code})`)));
    return slot;
  }

  private post(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  private settle(slot: Slot, m: FromWorker): void {
    const p = this.pending.get(m.task);
    if (!p) return;
    this.pending.delete(m.task);
    if (--slot.busy === 0) slot.worker.unref();
    if (m.type === 'done') p.resolve(m.result);
    else p.reject(fromWire(m.error));
  }

  /** A worker died (uncaught error, failed to load, exited): its chunks in flight fail with why. */
  private lose(slot: Slot, error: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots[i] = undefined;
    for (const [task, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(task);
      p.reject(error);
    }
    void slot.worker.terminate();
  }
}

