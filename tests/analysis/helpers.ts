/**
 * Shared by the analysis tests.
 */
import { ScenarioError } from '../../src/issues';

/** The `code path` of each issue `f` throws in a ScenarioError; fails if it throws nothing or something else. */
export function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((i) => `${i.code} ${i.path}`);
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

/** What `f` throws; fails if it returns. */
export function thrownBy(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, and the call returned');
}

/**
 * `make()` on first call, then the same value: a result several tests read, computed only when
 * one of them runs (mutation testing runs single tests, and a describe body runs for every one).
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
