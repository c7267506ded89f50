/**
 * What a call throws, for tests of every folder: the error itself or the issues of a ScenarioError.
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

/** What `f` throws, which must be a `kind` (default any Error); fails if it returns or throws something else. */
export function thrownBy<E extends Error = Error>(f: () => unknown, kind: abstract new (...args: never[]) => E = Error as never): E {
  try {
    f();
  } catch (e) {
    if (e instanceof kind) return e;
    throw e;
  }
  throw new Error(`expected a ${kind.name}, and the call returned`);
}
