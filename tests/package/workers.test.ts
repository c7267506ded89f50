/**
 * Worker threads start with their own execArgv: a parent started as
 * `node --input-type=module -e "…"` (a notebook cell, a one-liner) still gets its workers.
 * By default a worker inherits the parent's flags, and Worker refuses `--input-type`
 * (ERR_INPUT_TYPE_NOT_ALLOWED).
 *
 * And a pool's idle threads do not keep the process alive: a script that forgets
 * `pool.terminate()` still ends when its work is done.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, DIST, run, show } from './helpers';

beforeAll(() => assertBuilt());

describe('the built package on worker threads', () => {
  it('runs on two workers from `node --input-type=module -e`, with the single-thread numbers', async () => {
    const node = pathToFileURL(join(DIST, 'node.js')).href;
    const code = `import { simulate, simulateSync, trumpKimSummit } from '${node}';
const options = { seed: 1, trials: 40000, asOf: '2026-12-04' };
const threads = await simulate(trumpKimSummit, { ...options, workers: 2 });
console.log(threads.manifest.resultsHash === simulateSync(trumpKimSummit, options).manifest.resultsHash);`;
    const r = await run(process.execPath, ['--input-type=module', '-e', code]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout.trim()).toBe('true');
  });

  it('ends a script whose pool was never terminated, once its work is done (idle threads do not keep the process alive)', async () => {
    const node = pathToFileURL(join(DIST, 'node.js')).href;
    const code = `import { simulate, trumpKimSummit, WorkerPool } from '${node}';
const pool = new WorkerPool(2);
const r = await simulate(trumpKimSummit, { seed: 1, trials: 40000, asOf: '2026-12-04', pool });
console.log(pool.running, r.trials);`;
    const r = await run(process.execPath, ['--input-type=module', '-e', code], { timeoutMs: 20_000 });
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout.trim()).toBe('2 40000');
  });
});
