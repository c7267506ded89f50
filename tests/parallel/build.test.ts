/**
 * The built Node entry as users get it (issue 7): `scenario-odds/node` resolved through the
 * exports map from ESM and CJS, running on the built worker (dist/worker.js), which must never
 * load the formula parser; and the same entry resolved for a browser, which runs single-threaded with the
 * same numbers. Needs the build (`npm test` does it).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from '../helpers/browser';
import { assertBuilt, DIST, linkedProject, runOk } from '../package/helpers';

let dir = '';

/** Runs in Node (ESM and CJS) and in the page: the Node entry's simulate against the core's. */
const body = (lib: string, core: string) => `
const scenario = ${lib}.builtinScenario('trump-kim-summit');
const options = { seed: 'built', trials: 61_234 };
async function main() {
  const pool = ${lib}.WorkerPool ? new ${lib}.WorkerPool(2) : undefined;
  const viaPool = pool ? await ${lib}.simulate(scenario, { ...options, pool }) : undefined;
  const threads = pool ? pool.running : 0;
  if (pool) await pool.terminate();
  const perCall = await ${lib}.simulate(scenario, { ...options, workers: 3 });
  const reference = ${core}.simulateSync(scenario, options);
  // An analysis through the entry (threads in Node, the page's thread in a browser) and the core's.
  const compareOptions = { seed: 'built', trials: 30_000, asOf: '2026-12-04', variants: ['seoul-steps-back'] };
  const compared = [JSON.stringify(await ${lib}.compareVariants(scenario, { ...compareOptions, workers: 2 })), JSON.stringify(${core}.compareVariantsSync(scenario, compareOptions))];
  return {
    compared,
    hashes: [viaPool?.manifest.resultsHash, perCall.manifest.resultsHash, reference.manifest.resultsHash],
    threads,
    sameErrorClass: ${lib}.NumericalError === ${core}.NumericalError,
    runtime: reference.manifest.runtime,
  };
}
`;

beforeAll(() => {
  assertBuilt();
  dir = linkedProject('node-entry');
  writeFileSync(join(dir, 'esm.mjs'), `import * as node from 'scenario-odds/node';\nimport * as core from 'scenario-odds';\n${body('node', 'core')}\nconsole.log(JSON.stringify(await main()));\n`);
  writeFileSync(join(dir, 'cjs.cjs'), `const node = require('scenario-odds/node');\nconst core = require('scenario-odds');\n${body('node', 'core')}\nmain().then((r) => console.log(JSON.stringify(r)));\n`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Out {
  compared: string[];
  hashes: Array<string | undefined>;
  threads: number;
  sameErrorClass: boolean;
  runtime: string;
}

describe('the built worker', () => {
  it('is its own file and never loads the formula parser (none of it bundled, no mathjs)', () => {
    const worker = readFileSync(join(DIST, 'worker.js'), 'utf8');
    expect(worker).not.toMatch(/(from|import|require)\s*\(?\s*["']mathjs/);
    const markers = ['parseSyntax', 'False part of conditional expression expected'];
    for (const marker of markers) expect(worker, marker).not.toContain(marker);
    // ...while the main bundle does have the parser, so the markers are the right ones.
    const main = readFileSync(join(DIST, 'cli.js'), 'utf8') + readFileSync(join(DIST, 'index.js'), 'utf8');
    const chunks = [...main.matchAll(/from\s+["']\.\/([\w-]+\.js)["']/g)].map((m) => readFileSync(join(DIST, m[1]), 'utf8')).join('\n');
    for (const marker of markers) expect(chunks, marker).toContain(marker);
  });

  it('does not bundle zod: its specs were validated with the scenario (a tenth of the size, faster to start)', () => {
    const worker = readFileSync(join(DIST, 'worker.js'), 'utf8');
    expect(worker).not.toMatch(/node_modules\/zod|ZodError/);
    expect(worker.length).toBeLessThan(200_000); // 96 KB measured; 870 KB with zod
  });
});

describe("'scenario-odds/node' through the exports map", () => {
  for (const [kind, file] of [
    ['ESM', 'esm.mjs'],
    ['CJS', 'cjs.cjs'],
  ] as const) {
    it(`${kind}: runs on the built worker threads with the core's numbers, and shares the core's classes`, async () => {
      const r = await runOk(process.execPath, [file], { cwd: dir, timeoutMs: 60_000 });
      const out = JSON.parse(r.stdout) as Out;
      expect(out.threads).toBe(2);
      expect(new Set(out.hashes).size, JSON.stringify(out.hashes)).toBe(1);
      expect(out.compared[0]).toBe(out.compared[1]);
      expect(out.sameErrorClass).toBe(true);
    }, 60_000);
  }

  it.skipIf(!hasChromium)(`for a browser: bundles without Node built-ins and runs single-threaded, with Node's numbers${skipReason}`, async () => {
    writeFileSync(join(dir, 'page.mjs'), `import * as node from 'scenario-odds/node';\nimport * as core from 'scenario-odds';\n${body('node', 'core')}\nmain().then((r) => { window.__result = r; }, (e) => { window.__error = String(e && e.stack || e); });\n`);
    const out = await build({ entryPoints: [join(dir, 'page.mjs')], bundle: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, metafile: true, logLevel: 'silent', tsconfigRaw: '{}' });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.some((f) => f.endsWith('dist/node.browser.js'))).toBe(true);
    expect(inputs.some((f) => /dist\/(node|worker)\.js$/.test(f))).toBe(false);
    const code = out.outputFiles[0].text;
    const html = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./bundle.js"></script>';
    const server: Server = createServer((req, res) => {
      const text = req.url === '/bundle.js' ? code : req.url === '/' ? html : undefined;
      if (text === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': req.url === '/' ? 'text/html' : 'text/javascript' }).end(text);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => '__result' in window || '__error' in window, undefined, { timeout: 60_000 });
      const { result, error } = await page.evaluate(() => ({ result: (window as unknown as { __result?: Out }).__result, error: (window as unknown as { __error?: string }).__error }));
      expect(error).toBeUndefined();
      const fromNode = JSON.parse((await runOk(process.execPath, ['esm.mjs'], { cwd: dir, timeoutMs: 60_000 })).stdout) as Out;
      expect(result!.runtime).toMatch(/^browser \(Chrome \d+\)$/);
      // No WorkerPool in a browser: `workers: 3` runs in the page's thread, with the numbers of
      // the page's simulateSync and of Node's worker threads, bit for bit.
      expect(result!.threads).toBe(0);
      expect(result!.hashes.slice(1)).toEqual([fromNode.hashes[0], fromNode.hashes[0]]);
      expect(result!.compared).toEqual([fromNode.compared[0], fromNode.compared[0]]);
      expect(result!.sameErrorClass).toBe(true);
    } finally {
      await browser.close();
      server.close();
    }
  }, 120_000);
});
