/**
 * Every reducer, by name (a run's `totals` and each analysis's): what the calling thread, a
 * worker thread or a shard process looks up to compute a stage's chunks. Nothing here (or imported from here) parses
 * formula text: threads compile formula trees only (tests/parallel/build.test.ts checks).
 */
import { totalsReducer } from '../../engine/chunk';
import type { Reducer } from '../../engine/reduce';
import { attributionReducer } from './attribution';
import { compareReducer } from './compare';
import { sobolReducer } from './sobol';
import { tornadoReducer } from './tornado';
import { updateReducer } from './update';

export const REDUCERS = {
  totals: totalsReducer,
  compare: compareReducer,
  tornado: tornadoReducer,
  sobol: sobolReducer,
  attribution: attributionReducer,
  update: updateReducer,
} as const;

/** The name of an analysis reducer. */
export type ReducerName = keyof typeof REDUCERS;

/** The reducer called `kind`. @throws Error for a name no reducer has (a message from another version). */
export function reducerOf(kind: string): Reducer<unknown, unknown> {
  if (!Object.hasOwn(REDUCERS, kind)) throw new Error(`no reducer named ${JSON.stringify(kind)}`);
  return REDUCERS[kind as ReducerName] as Reducer<unknown, unknown>;
}
