/**
 * A reporter of vitest.mutate.config.ts (mutation testing only): a test file that fails to load
 * becomes one failed test, so that Stryker counts the mutant that broke it as killed.
 *
 * Stryker's vitest runner (9.x) builds a mutant's result from the tests it finds in each file,
 * and a file whose import throws holds none: a mutant that makes a module throw while loading
 * (a schema builder returning nothing, a table filled wrongly) was reported as survived
 * (stryker-js issue 6150). This adds, to each such file, a test named "the file loads" that
 * failed with the file's own error. Files that loaded are left as they are.
 */
import type { RunnerTestCase } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';

export default class LoadFailuresAsTests implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== 'fail' || file.tasks.length > 0) continue;
      const failed = {
        type: 'test',
        id: `${file.id}_loads`,
        name: 'the file loads',
        mode: 'run',
        file,
        suite: file,
        meta: {},
        result: { state: 'fail', errors: file.result.errors },
      };
      // Stryker reads only these fields; the rest of a test's shape is vitest's to build.
      file.tasks.push(failed as unknown as RunnerTestCase);
    }
  }
}
