/**
 * Folding a job's chunks on worker threads (see `Reducer.fold`): each thread takes the next
 * chunk by position from a counter in shared memory, merges it into its own running partial,
 * and hands over that one partial at the end. The calling thread receives nothing per chunk,
 * so its memory does not grow with the number of chunks (bench/README.md, "One parallel protocol").
 *
 * Positions are taken in increasing order and every position taken is computed, so when all
 * threads have answered, the chunks merged are exactly positions 0 … taken − 1: the same prefix
 * of chunks a run in one thread would have merged, whether the run ended, was aborted, or a
 * chunk failed (then the error is that of the first failing position, as in one thread).
 */
import { chunkAt, type ChunkRange } from '../engine/driver';
import type { Folder } from '../engine/reduce';
import { toWire, type WireError } from './protocol';

/** Slots of the shared counters (an Int32Array over the job's SharedArrayBuffer). */
export const NEXT = 0;
/** Set to stop taking chunks: by the calling thread on abort, by a thread whose chunk failed. */
export const STOP = 1;
/** Chunks merged so far, over all threads: tells an abort whether there is anything to wait for. */
export const DONE = 2;
export const FLAG_BYTES = 3 * Int32Array.BYTES_PER_ELEMENT;

/** One thread's answer: its chunks merged, and the failure that stopped it, if one did. */
export interface FoldAnswer {
  readonly folded: unknown;
  readonly failed?: { readonly position: number; readonly error: WireError };
}

/** Takes chunks of `range` until there are none left or `STOP` is set; returns what this thread merged. */
export function foldShare(folder: Folder<unknown>, range: ChunkRange, flags: Int32Array): FoldAnswer {
  while (Atomics.load(flags, STOP) === 0) {
    const position = Atomics.add(flags, NEXT, 1);
    if (position >= range.limit) break;
    try {
      folder.add(chunkAt(range, position));
    } catch (error) {
      Atomics.store(flags, STOP, 1);
      return { folded: folder.take(), failed: { position, error: toWire(error) } };
    }
    Atomics.add(flags, DONE, 1);
  }
  return { folded: folder.take() };
}
