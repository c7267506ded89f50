import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Smoke checks of what V8's optimizing compiler makes of compiled formulas. They run in a project
 * of their own with `--single-threaded`, so that optimization happens on the main thread and
 * what is inlined does not depend on how loaded the machine is (tests/expr/allocation.test.ts).
 */
const JIT_CHECKS = ['tests/expr/allocation.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'suite', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, ...JIT_CHECKS] } },
      { extends: true, test: { name: 'jit', include: JIT_CHECKS, execArgv: ['--single-threaded'] } },
    ],
  },
});
