import { spawnSync } from 'node:child_process';

/** Whether GNU parallel runs here (Debian's `parallel`, which .ci/run installs). */
export const hasParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).stdout?.startsWith('GNU parallel') ?? false;

/** Why the GNU parallel test is skipped, for the test name. */
export const parallelSkipReason = hasParallel ? '' : " (skipped: no GNU parallel; .ci/run installs Debian's parallel)";
