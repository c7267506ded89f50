/**
 * Setup of vitest.mutate.config.ts (mutation testing only): skips, by name, the tests in the
 * mutation test set that would kill a mutant without knowing the right number.
 *
 * - Worker threads and merged shards against the calling thread. Stryker activates a mutant in
 *   the test's own thread; a worker thread loads the same instrumented source without it, so
 *   such a test fails for every mutant that changes a number.
 * - The built CLI (a describe named "scenario-odds …" or "the CLI …", as in
 *   tests/report/verify.test.ts): Stryker's sandbox has no dist/, and dist/ would not carry the
 *   mutant anyway.
 * - Pinned draws ("pins the first draws for seed 42" in tests/distributions/distribution.test.ts):
 *   a snapshot of seeded output, like tests/golden; it fails for any change, right or wrong.
 *
 * Their right-answer siblings in the same files still run.
 */
import { beforeEach } from 'vitest';

const CHANGE_ONLY: ReadonlyArray<[RegExp, string]> = [
  [/worker threads|on threads|one thread and on two|merged shards/i, 'compares worker threads with the calling thread'],
  [/^(scenario-odds |the CLI )/, 'runs the built CLI, which does not carry the mutant'],
  [/pins the first draws/i, 'a snapshot of seeded draws'],
];

beforeEach((context) => {
  for (const [pattern, why] of CHANGE_ONLY) {
    if (pattern.test(context.task.name) || pattern.test(context.task.suite?.name ?? '')) context.skip(`${why}: only detects change (mutation testing skips it)`);
  }
});
