import { availableParallelism } from 'node:os';
import { CHUNK_SIZE } from '../engine/chunk';
import { runPlanData } from '../engine/columns';
import type { Totals } from '../engine/chunk';
import { RunState, type ChunkRange, type ChunkSpec } from '../engine/driver';
import { setupSimulation, type Simulation } from '../engine/setup';
import { runInThread } from '../engine/simulate';
import type { SimulationResult, StopReason } from '../engine/types';
import type { Scenario } from '../model/types';
import { checkWorkers, unknownParallelOptions, type ParallelSimulateOptions } from './options';
import type { ChunkJob, ChunkKindName, JobResult } from './kinds';
import { DONE, FLAG_BYTES, STOP, type FoldAnswer } from './folding';
import { WorkerPool } from './pool';
import { fromWire } from './protocol';

/**
 * Chunks a worker thread should get before starting it pays: a thread costs 100-200 ms to start,
 * load dist/worker.js and warm up its JIT, the time one thread takes for 10-30 chunks of a small
 * scenario (bench/README.md, "Parallel and peers"). So a default 100,000-trial run stays in the
 * calling thread, and a 1,000,000-trial run uses every core of a small machine.
 */
export const MIN_CHUNKS_PER_WORKER = 16;

/** How long a half-width run with the default worker count computes in the calling thread before it starts threads. */
const PROBE_MS = 200;

/** How often a folding run reports the chunks done (nothing comes back per chunk to report on). */
export const FOLD_PROGRESS_MS = 100;

/** Chunks in flight per worker: two, so a worker never waits for the main thread between chunks. */
const DEPTH_PER_WORKER = 2;

/**
 * Where chunks come from and where their results go: {@link RunState} is one for `totals`
 * jobs (the whole run, or one shard); an analysis with its own bookkeeping can be another.
 */
export interface ChunkSink<R, S> {
  /** The next chunk to compute, or undefined when there is none left to hand out. */
  nextChunk(): ChunkSpec | undefined;
  /** Takes the chunks' results in the order they were handed out; returns a value to stop. */
  add(part: R): S | undefined;
}

/**
 * Computes chunks of a job on a pool's worker threads and hands their results to `sink.add`
 * strictly in the order `sink.nextChunk` gave them out, keeping about two chunks in flight per
 * worker. This is the reusable chunk executor of the Node entry: any sampling command or
 * analysis whose per-chunk work is a kind in kinds.ts (a function of the job's data and the
 * chunk only) runs on it and gets the same numbers as in one thread, because each chunk's result
 * is the same wherever it is computed and results are merged in the same order.
 *
 * Errors also surface in chunk order: if several chunks fail, the error is that of the first
 * one, as in a single-threaded run. On an error or an abort the pool's threads are terminated
 * (the pool restarts them if used again).
 *
 * Internal (the package exports `simulate`, `runShard` and `WorkerPool`, which use it). An
 * analysis uses it as {@link runState} does: a pool (given, or started for the call and
 * terminated after), a job such as `jobOf(sim)`, and a sink whose `nextChunk` hands out chunk
 * specs and whose `add` merges each result and says when to stop.
 *
 * @returns what `sink.add` returned to stop; `'aborted'` if `signal` fired first; undefined if
 *   the sink ran out of chunks without stopping.
 * @throws the first failing chunk's error (see {@link WorkerPool.runChunk}).
 */
export async function executeChunks<K extends ChunkKindName, S>(pool: WorkerPool, job: ChunkJob<K>, sink: ChunkSink<JobResult<K>, S>, signal?: AbortSignal): Promise<S | 'aborted' | undefined> {
  if (signal?.aborted) return 'aborted';
  type Outcome = { ok: true; result: JobResult<K> } | { ok: false; error: unknown };
  // Waiting for the head chunk or an abort, whichever comes first. Not Promise.race against one
  // long-lived "aborted" promise: every race would leave a reaction on it holding that chunk's
  // result, so memory would grow with the number of chunks (3.5 KB per chunk, measured).
  let wake: ((value: 'aborted') => void) | undefined;
  const onAbort = () => wake?.('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  const next = (head: Promise<Outcome>) =>
    new Promise<Outcome | 'aborted'>((resolve) => {
      // Aborted while nothing was waiting (e.g. from an onProgress callback inside sink.add).
      if (signal?.aborted) resolve('aborted');
      wake = resolve;
      void head.then(resolve);
    });
  const id = pool.open(job);
  // Each chunk in flight, in hand-out order. These promises never reject, so a failure is only
  // looked at (and reported) when its turn comes.
  const queue: Array<Promise<Outcome>> = [];
  const depth = DEPTH_PER_WORKER * pool.size;
  let ok = false;
  let abandoned = false;
  try {
    for (;;) {
      while (queue.length < depth) {
        const spec = sink.nextChunk();
        if (!spec) break;
        queue.push(
          pool.runChunk(id, spec).then(
            (result) => ({ ok: true, result: result as JobResult<K> }) as const,
            (error: unknown) => ({ ok: false, error }) as const,
          ),
        );
      }
      const head = queue.shift();
      if (!head) {
        ok = true;
        return undefined;
      }
      const outcome = await next(head);
      wake = undefined;
      if (outcome === 'aborted') {
        abandoned = true;
        return 'aborted';
      }
      if (!outcome.ok) throw outcome.error;
      const stop = sink.add(outcome.result);
      if (stop !== undefined) {
        ok = true;
        return stop;
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    pool.close(id);
    // Chunks still in flight after a normal stop finish and are ignored; after an error or an
    // abort the threads are stopped at once. terminate() interrupts them synchronously; after
    // an abort the run returns without waiting for the threads' exit to be confirmed, which on
    // a loaded machine can take longer than the 100 ms an abort is allowed.
    if (!ok) {
      const stopping = pool.terminate();
      if (abandoned) stopping.catch(() => undefined);
      else await stopping;
    }
  }
}

/**
 * Computes the chunks of `range` on every thread of a pool, each thread folding the chunks it
 * takes into one partial (folding.ts), for a job whose reducer folds (`Reducer.fold`: partials
 * that merge exactly in any grouping, so the numbers are the same as chunk by chunk). Nothing
 * travels per chunk, and the calling thread does no work per chunk: it waits.
 *
 * On abort, the threads stop taking chunks and finish the ones they have (so what comes back is
 * a prefix of the chunks, as in one thread), unless none was finished yet: then the signal's
 * reason is thrown at once. On an error or an abort the pool's threads are terminated, as by
 * {@link executeChunks} (the pool restarts them if used again).
 *
 * `progress`, if given, gets the number of chunks done when it has grown, checked every {@link FOLD_PROGRESS_MS} ms.
 *
 * @returns each thread's partial (merge them in any order) and whether the signal fired.
 * @throws the error of the first failing chunk in the range's order; the signal's reason if aborted before any chunk finished.
 */
export async function foldChunks(pool: WorkerPool, job: ChunkJob, range: ChunkRange, signal?: AbortSignal, progress?: (chunks: number) => void): Promise<{ readonly folded: unknown[]; readonly aborted: boolean }> {
  if (signal?.aborted) throw signal.reason;
  const shared = new SharedArrayBuffer(FLAG_BYTES);
  const flags = new Int32Array(shared);
  const id = pool.open(job);
  let ok = false;
  let onAbort: (() => void) | undefined;
  let reported = 0;
  const ticker =
    progress &&
    setInterval(() => {
      const done = Atomics.load(flags, DONE);
      if (done > reported) progress((reported = done));
    }, FOLD_PROGRESS_MS);
  try {
    const answers = Promise.all(pool.foldOnEach(id, range, shared)) as Promise<FoldAnswer[]>;
    const aborted = new Promise<'aborted'>((resolve) => signal?.addEventListener('abort', (onAbort = () => resolve('aborted')), { once: true }));
    let outcome = await Promise.race([answers, aborted]);
    if (outcome === 'aborted') {
      Atomics.store(flags, STOP, 1);
      if (Atomics.load(flags, DONE) === 0) throw signal!.reason ?? new Error('aborted');
      outcome = await answers;
    }
    const failures = outcome.flatMap((a) => (a.failed ? [a.failed] : []));
    if (failures.length > 0) throw fromWire(failures.reduce((first, f) => (f.position < first.position ? f : first)).error);
    ok = !signal?.aborted;
    return { folded: outcome.map((a) => a.folded), aborted: !ok };
  } finally {
    clearInterval(ticker);
    if (onAbort) signal!.removeEventListener('abort', onAbort);
    pool.close(id);
    if (!ok) {
      // As in executeChunks: after an abort, not waiting for the threads' exit to be confirmed.
      const stopping = pool.terminate();
      if (signal?.aborted) stopping.catch(() => undefined);
      else await stopping;
    }
  }
}

/** The `totals` job of a run: its plan without the scenario text (workers need the plan only). */
export function jobOf(sim: Simulation): ChunkJob<'totals'> {
  return { kind: 'totals', data: { plan: runPlanData(sim.prepared.plan), seed: sim.settings.seed, batchSize: sim.settings.batchSize } };
}

/**
 * How many worker threads a run of `target` trials gets: `requested` (checked) capped by its
 * number of chunks, or by default the cores capped at one thread per
 * {@link MIN_CHUNKS_PER_WORKER} chunks.
 *
 * @throws {ScenarioError} (`invalid-option` at `workers`) for a count that is not a whole number from 1 to 256.
 */
export function workerCount(requested: number | undefined, target: number): number {
  const chunks = Math.ceil(target / CHUNK_SIZE);
  if (requested !== undefined) {
    checkWorkers(requested);
    return Math.max(1, Math.min(requested, chunks));
  }
  return Math.max(1, Math.min(availableParallelism(), Math.floor(chunks / MIN_CHUNKS_PER_WORKER)));
}

/**
 * Computes the chunks of a run (or of one shard of it) on worker threads, or in this thread for
 * one worker; returns why it stopped. Threads started here are always stopped before it returns
 * or throws.
 *
 * @throws the first failing chunk's error; the signal's reason if aborted before any chunk finished.
 */
export async function runState(state: RunState, options: Pick<ParallelSimulateOptions, 'workers' | 'pool' | 'signal'>): Promise<StopReason> {
  const { pool: given, signal } = options;
  if (!given && options.workers === undefined && state.sim.settings.halfWidth !== undefined) {
    // How long a half-width run takes is unknown (its target is only a cap): try it here for
    // about what starting threads would cost, and start them only if it is not done by then.
    const stop = await runInThread(state, signal, PROBE_MS);
    if (stop) return stop;
  }
  const workers = given ? given.size : workerCount(options.workers, state.target - state.totals.trials);
  if (!given && workers <= 1) return runInThread(state, signal);
  const pool = given ?? new WorkerPool(workers);
  try {
    if (state.foldable) {
      const { folded, aborted } = await foldChunks(pool, jobOf(state.sim), state.range, signal);
      for (const part of folded) state.addFolded(part as Totals);
      return aborted ? state.abort(signal!) : state.completed;
    }
    const stop = await executeChunks(pool, jobOf(state.sim), state, signal);
    if (stop === 'aborted') return state.abort(signal!);
    if (stop === undefined) throw new Error('internal: the run ran out of chunks before reaching its target');
    return stop;
  } finally {
    if (!given) await pool.terminate();
  }
}

/**
 * Runs a scenario's Monte Carlo simulation on worker threads (Node): the same result as the
 * core `simulate` and `simulateSync`, bit for bit, for any number of workers, because every
 * chunk's totals depend only on (scenario, seed, chunk) and are merged in chunk order; only
 * `elapsedMs` differs. The scenario travels to the workers as data (its checked plan), never as
 * functions. Threads are started for the call (or taken from `pool`) and always stopped: on
 * success, when a chunk fails (the run rejects with that chunk's error, e.g. a NumericalError)
 * and on abort (the partial result is returned, within milliseconds).
 *
 * In a browser, `scenario-odds/node` resolves to a build whose `simulate` computes in the calling
 * thread: same API, same numbers.
 *
 * @throws {ScenarioError} if the scenario or an option (including `workers`) is invalid.
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @example
 * ```ts
 * import { simulate, simulateSync, trumpKimSummit } from 'scenario-odds/node';
 * const result = await simulate(trumpKimSummit, { seed: 2025, trials: 400_000, workers: 2 });
 * console.log(result.events.summit.ci95);
 * // The same numbers, bit for bit, as in one thread:
 * const same = simulateSync(trumpKimSummit, { seed: 2025, trials: 400_000 });
 * console.log(same.manifest.resultsHash === result.manifest.resultsHash); // true
 * ```
 */
export async function simulate(scenario: Scenario, options: ParallelSimulateOptions = {}): Promise<SimulationResult> {
  if (options.workers !== undefined) checkWorkers(options.workers);
  const state = new RunState(setupSimulation(scenario, options, unknownParallelOptions(options)), options);
  return state.finish(await runState(state, options));
}
