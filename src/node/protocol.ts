/**
 * The messages between the main thread and the chunk workers, and how errors cross between
 * them. Everything here is plain data (structured-clone safe): a worker receives a job's data
 * (e.g. the run plan: factor specs and formula ASTs), never functions, and rebuilds the model
 * itself.
 */
import { NumericalError, type NumericalErrorData } from '../engine/chunk';
import type { ChunkRange } from '../engine/driver';
import { ScenarioError, type ValidationIssue } from '../issues';
import type { ChunkJob } from './kinds';

/** Main thread to worker. */
export type ToWorker =
  /** Prepare a job once (e.g. build its model); its chunks follow (messages arrive in order). */
  | ({ readonly type: 'job'; readonly job: number } & ChunkJob)
  /** Compute one chunk of a job and answer with its result. */
  | { readonly type: 'chunk'; readonly job: number; readonly task: number; readonly index: number; readonly count: number }
  /** Take chunks of `chunks` by position from the counters in `shared` and fold them (folding.ts); answer once, with a FoldAnswer. */
  | { readonly type: 'fold'; readonly job: number; readonly task: number; readonly chunks: ChunkRange; readonly shared: SharedArrayBuffer }
  /** The job is over: free what it prepared. */
  | { readonly type: 'drop'; readonly job: number };

/** Worker to main thread: the answer to one `chunk` or `fold` message. */
export type FromWorker =
  | { readonly type: 'done'; readonly task: number; readonly result: unknown }
  | { readonly type: 'failed'; readonly task: number; readonly error: WireError };

/**
 * An error thrown in a worker, as data. Structured cloning keeps only an Error's name and
 * message, so the fields that make our own errors useful (a NumericalError's node and first bad
 * trial, a ScenarioError's issues) travel explicitly and the same class is rebuilt on arrival.
 */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly numerical?: NumericalErrorData;
  readonly issues?: readonly ValidationIssue[];
}

/** Packs an error thrown in a worker for the main thread. */
export function toWire(e: unknown): WireError {
  if (e instanceof NumericalError) {
    return { name: e.name, message: e.message, stack: e.stack, numerical: e.toData() };
  }
  if (e instanceof ScenarioError) return { name: e.name, message: e.message, stack: e.stack, issues: e.issues };
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}

/**
 * Rebuilds a worker's error on the main thread: a NumericalError or ScenarioError as the same
 * class with the same message (so callers and the CLI treat it exactly as in a single-threaded
 * run), anything else as an Error with the worker's name, message and stack.
 */
export function fromWire(w: WireError): Error {
  if (w.numerical) return NumericalError.fromData(w.numerical);
  if (w.issues) return new ScenarioError(w.issues);
  const e = new Error(w.message);
  e.name = w.name;
  if (w.stack) e.stack = `${w.stack}\n    (in a scenario-odds worker thread)`;
  return e;
}
