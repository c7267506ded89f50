// @ts-check
/**
 * StrykerJS over the numeric core (`npm run mutate`; docs/mutation-testing.md). The test set is
 * vitest.mutate.config.ts.
 *
 * Static mutants (code that runs while a module loads: schema builders, tables, constants) each
 * need every test of the set with the module loaded afresh. Over the whole set that is minutes a
 * mutant, so they are ignored; with `MUTATE_TESTS` narrowing the set to a few light files they
 * are measured.
 */
const IGNORE_STATIC = !process.env.MUTATE_TESTS;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: {
    configFile: 'vitest.mutate.config.ts',
    related: true
  },
  coverageAnalysis: 'perTest',
  ignoreStatic: IGNORE_STATIC,
  mutate: [
    'src/engine/**/*.ts',
    'src/distributions/**/*.ts',
    'src/analysis/**/*.ts',
    'src/math/**/*.ts',
    '!src/**/index.ts'
  ],
  concurrency: 1,
  timeoutFactor: 2,
  timeoutMS: 10000,
  dryRunTimeoutMinutes: 60,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: [
    'clear-text',
    'progress',
    'html',
    'json'
  ],
  htmlReporter: {
    fileName: 'reports/mutation/mutation.html'
  },
  jsonReporter: {
    fileName: 'reports/mutation/mutation.json'
  },
  clearTextReporter: {
    allowColor: false,
    logTests: false,
    maxTestsToLog: 0
  },
  thresholds: {
    high: 90,
    low: 80,
    break: null
  },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: [
    'dist',
    'out',
    'coverage',
    'test-output',
    'docs/api',
    'reports',
    // Other runs' sandboxes, when runs with their own --tempDirName go side by side.
    '.stryker-tmp*'
  ]
};
