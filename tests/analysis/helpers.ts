/**
 * Shared by the analysis tests.
 */
import { beforeEach } from 'vitest';
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

/** |a − b| / |b|. */
export function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/**
 * `make()` on its first call in each test, then the same value until the test ends: a result
 * several assertions of a test read, computed by the test itself rather than by a describe
 * body. Mutation testing runs one test at a time and credits a test with the code it runs
 * (per-test coverage), so a value cached across tests would hide the code from all but the
 * first; a describe body would run for every single test.
 */
export function perTest<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  beforeEach(() => {
    made = undefined;
  });
  return () => (made ??= { value: make() }).value;
}
