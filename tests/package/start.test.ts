/**
 * `npm start` rebuilds dist/ only when it is missing or older than its sources
 * (scripts/build-if-stale.mjs), checked on a fake checkout with chosen modification times.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'scenario-odds-start-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes a file with the given modification time (seconds since the epoch). */
function file(path: string, mtime: number): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), mtime, mtime);
}
const check = () => execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-stale.mjs'), '--check', '--root', root], { encoding: 'utf8' }).trim();
const OUTPUTS = ['cli.js', 'index.js', 'index.cjs', 'node.js', 'playground/app.js', 'playground/worker.js', 'worker.js'];

describe('scripts/build-if-stale.mjs', () => {
  it('builds when dist/ is missing, skips when every output is newer than every input, builds again after an edit', () => {
    file('src/index.ts', 1000);
    file('src/engine/deep.ts', 1000);
    file('package.json', 1000);
    expect(check()).toBe('stale');
    for (const f of OUTPUTS.slice(0, -1)) file(`dist/${f}`, 2000);
    expect(check()).toBe('stale'); // worker.js is still missing
    file('dist/worker.js', 2000);
    expect(check()).toBe('fresh');
    file('src/engine/deep.ts', 3000); // a nested source edited after the build
    expect(check()).toBe('stale');
    file('src/engine/deep.ts', 1000);
    file('package.json', 2500); // a dependency change counts too
    expect(check()).toBe('stale');
  });
});
