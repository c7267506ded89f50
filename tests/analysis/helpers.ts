/**
 * Shared by the analysis tests.
 */
import { beforeEach } from 'vitest';

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
