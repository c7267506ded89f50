/**
 * Sizes (issue 17, item 3). The published tarball: under 1 MB packed. Source maps were two
 * thirds of it; the build no longer emits them (`npx tsup --sourcemap` does, for local
 * debugging) and package.json `files` keeps any *.map out of the tarball. A web page that
 * imports `simulateSync`: at most 200 KB once a bundler (esbuild, minified, for browsers) has
 * kept only what it needs from the built package and its dependencies. Needs the build
 * (`npm test` builds first).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runOk } from './helpers';

const LIMIT = 1_000_000;
const BROWSER_LIMIT = 200_000;

interface PackInfo {
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string; size: number }>;
}

describe('the tarball size', () => {
  it(`is under ${LIMIT.toLocaleString('en-US')} bytes packed, with no source maps`, async () => {
    assertBuilt();
    const packed = await runOk('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const info = (JSON.parse(packed.stdout) as PackInfo[])[0];
    const biggest = [...info.files].sort((a, b) => b.size - a.size).slice(0, 5).map((f) => `${f.path} ${f.size.toLocaleString('en-US')}`);
    console.log(
      `[size] tarball: ${info.size.toLocaleString('en-US')} bytes packed, ${info.unpackedSize.toLocaleString('en-US')} unpacked, ` +
        `${info.entryCount} files; largest: ${biggest.join(', ')}`,
    );
    expect(info.files.filter((f) => f.path.endsWith('.map'))).toEqual([]);
    expect(info.size, `packed size (largest files: ${biggest.join(', ')})`).toBeLessThan(LIMIT);

    // No packed file points at a source map the tarball lacks (a `--sourcemap` build must not
    // be published: bundlers warn about every missing map).
    const paths = new Set(info.files.map((f) => f.path));
    const dangling = info.files
      .filter((f) => /\.(c?js|mjs)$/.test(f.path))
      .filter((f) => {
        const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(ROOT, f.path), 'utf8'));
        return m !== null && !m[1].startsWith('data:') && !paths.has(join(f.path, '..', m[1]));
      })
      .map((f) => f.path);
    expect(dangling, 'built with --sourcemap? rebuild with `npm run build`').toEqual([]);
  });
});

describe('a browser bundle of simulateSync', () => {
  it(`is at most ${BROWSER_LIMIT.toLocaleString('en-US')} bytes minified`, async () => {
    assertBuilt();
    const result = await build({
      stdin: { contents: `export { simulateSync } from ${JSON.stringify(join(ROOT, 'dist', 'index.js'))};`, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = result.outputFiles[0].contents.length;
    const byPackage = new Map<string, number>();
    for (const [file, input] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
      const at = file.lastIndexOf('node_modules/');
      const name = at < 0 ? 'scenario-odds' : file.slice(at + 13).split('/').slice(0, file.slice(at + 13).startsWith('@') ? 2 : 1).join('/');
      byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
    }
    const parts = [...byPackage].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`).join(', ');
    console.log(`[size] browser bundle of simulateSync: ${bytes.toLocaleString('en-US')} bytes minified (${parts})`);
    expect(bytes, parts).toBeLessThanOrEqual(BROWSER_LIMIT);
  });
});
