/**
 * The GNU parallel recipe of the sharding docs, run as written (issue 14, item 3): three shards
 * of one run under `parallel`, merged, give the unsharded run's document byte for byte, but for
 * `elapsedMs`, the wall-clock time, which differs between any two runs; three shards of an
 * analysis give its document byte for byte. Needs Debian's `parallel`,
 * which .ci/run installs; with CI set a missing `parallel` fails tests/helpers/prerequisites.test.ts,
 * elsewhere this test is skipped with the reason in its name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasParallel, parallelSkipReason } from '../helpers/parallel';
import { assertBuilt, CLI, ROOT, runCli, show } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'gnu-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The document without its wall-clock time. */
const withoutElapsed = (text: string) => text.replace(/\n\s*"elapsedMs": [\d.e+-]+,?/, '');

describe(`sharding under GNU parallel${parallelSkipReason}`, () => {
  it.skipIf(!hasParallel)('three shards run by `parallel` merge to the unsharded document', async () => {
    assertBuilt();
    const run = ['run', 'trump-kim-summit', '--seed', '7', '--trials', '30000', '--as-of', '2026-12-04'];
    // The docs' line, with `npx scenario-odds` spelled as the built CLI.
    const line = `${process.execPath} ${CLI} ${run.join(' ')} --shard {}/3 > ${dir}/part-{}.json`;
    const p = spawnSync('parallel', ['--will-cite', '--halt', 'now,fail=1', line, ':::', '1', '2', '3'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(p.status, `${p.stdout}\n${p.stderr}`).toBe(0);
    const merged = await runCli(['merge', ...[1, 2, 3].map((k) => join(dir, `part-${k}.json`)), '--json'], { timeoutMs: 60_000 });
    expect(merged.code, show(merged)).toBe(0);
    const whole = await runCli([...run, '--json'], { timeoutMs: 60_000 });
    expect(whole.code, show(whole)).toBe(0);
    expect(withoutElapsed(merged.stdout)).toBe(withoutElapsed(whole.stdout));
    expect(withoutElapsed(merged.stdout)).not.toBe(merged.stdout);
    expect(JSON.parse(readFileSync(join(dir, 'part-2.json'), 'utf8')).shard).toEqual({ k: 2, n: 3 });
  }, 180_000);

  it.skipIf(!hasParallel)('so do three shards of an analysis (sensitivity: the tornado and the Sobol design), byte for byte', async () => {
    assertBuilt();
    const analysis = ['sensitivity', 'trump-kim-summit', '--seed', '7', '--trials', '30000', '--sobol-samples', '20000', '--bootstrap', '50', '--as-of', '2026-12-04'];
    const line = `${process.execPath} ${CLI} ${analysis.join(' ')} --shard {}/3 > ${dir}/sensitivity-{}.json`;
    const p = spawnSync('parallel', ['--will-cite', '--halt', 'now,fail=1', line, ':::', '1', '2', '3'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(p.status, `${p.stdout}\n${p.stderr}`).toBe(0);
    const merged = await runCli(['merge', ...[3, 1, 2].map((k) => join(dir, `sensitivity-${k}.json`)), '--json'], { timeoutMs: 60_000 });
    expect(merged.code, show(merged)).toBe(0);
    const whole = await runCli([...analysis, '--json'], { timeoutMs: 60_000 });
    expect(whole.code, show(whole)).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
  }, 180_000);
});
