/**
 * The test set of mutation testing (`npm run mutate`, stryker.config.json; docs/mutation-testing.md).
 *
 * It is the normal suite without the tests that only detect change or need a build, so that a
 * surviving mutant means "no test knows the right answer":
 * - tests/golden, tests/math/golden.test.ts: exact output of fixed seeded runs, golden bits;
 * - tests/examples: example outputs, doc transcripts, TSDoc snippets, `npm run docs`;
 * - tests/package, tests/browser, tests/report/browser.test.ts: the packed build, headless Chromium;
 * - tests/cli, tests/analysis/cli.test.ts, tests/report/cli.test.ts: spawn the built dist/cli.js;
 * - tests/parallel: worker threads and dist/ against the calling thread;
 * - tests/helpers, tests/playground, tests/fuzz: prerequisites, the page's URL state, parser safety
 *   (none of them checks a number of the numeric core);
 * - tests/expr/allocation.test.ts: measures what compiled formulas allocate, in a bundle of
 *   src/expr that Stryker's mutants never reach (no number either).
 * vitest.mutate.setup.ts also skips, by name, the tests that compare worker threads or merged
 * shards with the calling thread: a worker thread does not see Stryker's active mutant, so
 * those tests would kill every mutant that changes a number without knowing the right one.
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';
import LoadFailuresAsTests from './vitest.mutate.reporter.js';

const config = mergeConfig(
  base,
  defineConfig({
    test: {
      // Stryker instruments every expression of the mutated files, and a hot loop among them
      // (the engine's per-trial sums, a copula's transform) runs tens of times slower: the
      // 1e6-trial coverage tests of tests/engine took over a minute each in the dry run.
      testTimeout: 300_000,
      exclude: [
        ...configDefaults.exclude,
        'tests/golden/**',
        'tests/examples/**',
        'tests/package/**',
        'tests/browser/**',
        'tests/cli/**',
        'tests/parallel/**',
        'tests/helpers/**',
        'tests/playground/**',
        'tests/fuzz/**',
        'tests/math/golden.test.ts',
        'tests/expr/allocation.test.ts',
        'tests/analysis/cli.test.ts',
        'tests/report/cli.test.ts',
        'tests/report/browser.test.ts',
      ],
      setupFiles: ['./vitest.mutate.setup.ts'],
      reporters: ['default', new LoadFailuresAsTests()],
    },
  }),
);

/**
 * `MUTATE_TESTS` (comma-separated files or globs) narrows the test set to the given files, in
 * place of Stryker's `--testFiles`: with `--testFiles`, Stryker 9 activates a mutant of code that
 * runs while a module loads only after the module has loaded (stryker-js issue 6144), so such
 * mutants survive whatever the tests check. Narrowed this way, Stryker sees no test filter and
 * loads the module afresh with the mutant active.
 */
const only = process.env.MUTATE_TESTS?.split(',').map((f) => f.trim()).filter((f) => f !== '');
if (only !== undefined && only.length > 0) config.test.include = only;

export default config;
