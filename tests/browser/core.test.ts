/**
 * The core runs unchanged in a browser (docs/architecture.md, section 3) and gives Node's numbers (section
 * 4). The built ESM entry `dist/index.js`, resolved through the package's `exports` map as a
 * bundler would, is bundled by esbuild for the browser platform (which refuses Node built-ins),
 * loaded into headless Chromium from a loopback HTTP server, and made to run the same seeded
 * simulations as a `node` process running the same file, by `simulateSync` and by `simulate`.
 *
 * Bit-identity across engines: ECMAScript leaves Math.exp, log, pow, log1p, ... "implementation-
 * approximated", and Chromium 156's V8 and Node 20's differ in the last bit for a few percent of
 * inputs (the probe below measures it and prints the counts). The library therefore never uses
 * them for anything that reaches a result: src/math computes them from + - * / and sqrt, which
 * IEEE 754 rounds the same everywhere. So the test requires, for every case, bit-identical
 * results in Node and in Chromium: the same results hash and deep-equal events, nodes and
 * timelines, with no allowance for the engines' Math.
 *
 * Needs the build. Skipped, with the message in the test name, only when Chromium is absent.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { build, type Message } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from '../helpers/browser';
import { assertBuilt, linkedProject, ROOT, runOk } from '../package/helpers';
import { CASES, FORMULA_PROBES } from './cases';

let dir = '';
let compared: { node: RunAll; browser: RunAll } | undefined;
let bundle: { code?: string; errors: Message[]; inputs: string[] } = { errors: [], inputs: [] };

/** The same module in Node and in the page: runs every case both ways, returns plain data. */
const DRIVER = `
import * as lib from 'scenario-odds';
const CASES = ${JSON.stringify(CASES)};
const FORMULA_PROBES = ${JSON.stringify(FORMULA_PROBES)};
const pick = (r) => ({
  resultsHash: r.manifest.resultsHash, scenarioHash: r.manifest.scenarioHash, seed: r.seed, trials: r.trials,
  stoppedBecause: r.stoppedBecause, events: r.events, nodes: r.nodes, timelines: r.timelines,
});
/** The engine's Math functions the library calls, on fixed inputs (spread over their domains). */
function mathProbe() {
  const xs = [];
  for (let i = 1; i <= 4000; i++) xs.push(((i * 0.6180339887498949) % 1) * 40 - 20);
  const pos = (x) => Math.abs(x) + 1e-9;
  const fns = {
    exp: (x) => Math.exp(x), log: (x) => Math.log(pos(x)), log1p: (x) => Math.log1p(pos(x) / 20),
    expm1: (x) => Math.expm1(x / 20), log2: (x) => Math.log2(pos(x)), log10: (x) => Math.log10(pos(x)),
    pow: (x) => Math.pow(pos(x), 0.37), sqrt: (x) => Math.sqrt(pos(x)),
    sin: (x) => Math.sin(x), cos: (x) => Math.cos(x), tan: (x) => Math.tan(x), asin: (x) => Math.asin(x / 20),
    acos: (x) => Math.acos(x / 20), atan: (x) => Math.atan(x), atan2: (x) => Math.atan2(x, 1.5 - x),
    hypot: (x) => Math.hypot(x, 0.37 * x + 1),
  };
  const out = {};
  for (const [name, f] of Object.entries(fns)) out[name] = xs.map(f);
  return out;
}
const view = new DataView(new ArrayBuffer(8));
const fromBits = (hex) => { view.setBigUint64(0, BigInt('0x' + hex)); return view.getFloat64(0); };
// A NaN's sign and payload are not part of its value (ECMAScript lets engines choose them, and
// Chromium's Math.min keeps a different one than Node's), so every NaN reads as 'NaN'.
const bitsOf = (v) => { if (v !== v) return 'NaN'; view.setFloat64(0, v); return view.getBigUint64(0).toString(16).padStart(16, '0'); };
/** Each probe's formula on its inputs, by the compiled loops and by evaluateScalar, as bits. */
function formulaProbe() {
  const out = {};
  for (const { formula, x, y } of FORMULA_PROBES) {
    const n = x.length;
    const columns = [Float64Array.from(x, fromBits), Float64Array.from(y, fromBits)];
    const compiled = new Float64Array(n);
    const ast = lib.parseFormula(formula);
    lib.compileFormula(ast, new Map([['x', 0], ['y', 1]]), new Map(), n).evaluate(columns, compiled, n);
    const scalar = Array.from(columns[0], (xi, i) => lib.evaluateScalar(ast, { x: xi, y: columns[1][i] }));
    out[formula] = { compiled: Array.from(compiled, bitsOf), scalar: scalar.map(bitsOf) };
  }
  return out;
}
export async function runAll() {
  const out = { runtime: '', version: lib.VERSION, cases: {}, freshSeed: '', math: mathProbe(), formulas: formulaProbe() };
  for (const c of CASES) {
    const scenario = typeof c.scenario === 'string' ? lib.builtinScenario(c.scenario) : c.scenario;
    const sync = lib.simulateSync(scenario, c.options);
    const later = await lib.simulate(scenario, c.options);
    out.cases[c.name] = { sync: pick(sync), async: pick(later) };
    out.runtime = sync.manifest.runtime;
  }
  // No seed: one is drawn from the platform's Web Crypto and recorded.
  out.freshSeed = lib.simulateSync(lib.builtinScenario('four-factors'), { trials: 1000 }).seed;
  return out;
}
`;

const PAGE = `
import { runAll } from './driver.mjs';
runAll().then(
  (result) => { window.__result = result; },
  (e) => { window.__error = String((e && e.stack) || e); },
);
`;

beforeAll(async () => {
  assertBuilt();
  dir = linkedProject('browser');
  writeFileSync(join(dir, 'driver.mjs'), DRIVER);
  writeFileSync(join(dir, 'page.mjs'), PAGE);
  writeFileSync(join(dir, 'node-run.mjs'), `import { runAll } from './driver.mjs';\nconsole.log(JSON.stringify(await runAll()));\n`);
  try {
    const out = await build({
      entryPoints: [join(dir, 'page.mjs')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
      // Files here have no tsconfig; never let one map 'scenario-odds' to src/.
      tsconfigRaw: '{}',
    });
    bundle = { code: out.outputFiles[0].text, errors: [], inputs: Object.keys(out.metafile.inputs) };
  } catch (e) {
    bundle = { errors: (e as { errors?: Message[] }).errors ?? [{ text: String(e) } as Message], inputs: [] };
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the ESM build in a browser', () => {
  it('bundles for the browser platform: no Node built-in is imported by the core', () => {
    const problems = bundle.errors.map((m) => {
      const file = m.location?.file ? relative(ROOT, m.location.file.replace(/^.*?node_modules\/scenario-odds\//, `${ROOT}/`)) : '?';
      return `${file}:${m.location?.line ?? '?'}: ${m.text}${m.location?.lineText ? `  (${m.location.lineText.trim()})` : ''}`;
    });
    expect(problems, 'dist/index.js (through its chunks) imports Node built-ins; find the module that pulls them in').toEqual([]);
    expect(bundle.code).toBeDefined();
    // Only the build and the declared runtime dependencies went in; never src/.
    const sources = bundle.inputs.filter((f) => !f.startsWith('..') && !f.includes('node_modules/'));
    expect(sources.filter((f) => f.includes('/src/'))).toEqual([]);
    expect(bundle.inputs.some((f) => f.endsWith('dist/index.js'))).toBe(true);
  });

  it.skipIf(!hasChromium)(`runs the seeded simulations in headless Chromium with Node's numbers (to 1e-12), simulate = simulateSync${skipReason}`, async () => {
    expect(bundle.code, 'the bundle failed; see the previous test').toBeDefined();
    const html = '<!doctype html><meta charset="utf-8"><title>scenario-odds</title><link rel="icon" href="data:,"><script type="module" src="./bundle.js"></script>';
    const server: Server = createServer((req, res) => {
      const body = req.url === '/bundle.js' ? bundle.code! : req.url === '/' ? html : undefined;
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': req.url === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8' }).end(body);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const browser = await launchChromium();
    try {
      const [fromNode, fromBrowser] = await Promise.all([
        runOk(process.execPath, ['node-run.mjs'], { cwd: dir, timeoutMs: 60_000 }).then((r) => JSON.parse(r.stdout) as RunAll),
        (async () => {
          const page = await browser.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(String(e.stack ?? e)));
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(m.text());
          });
          await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
          await page.waitForFunction(() => '__result' in window || '__error' in window, undefined, { timeout: 60_000 });
          const { result, error } = await page.evaluate(() => ({
            result: (window as unknown as { __result?: RunAll }).__result,
            error: (window as unknown as { __error?: string }).__error,
          }));
          expect(error, 'the page threw').toBeUndefined();
          expect(errors, 'errors in the page').toEqual([]);
          return result!;
        })(),
      ]);

      expect(fromBrowser.runtime).toMatch(/^browser( \(.+\))?$/);
      expect(fromNode.runtime).toMatch(/^node v\d+/);
      expect(fromBrowser.version).toBe(fromNode.version);
      expect(fromBrowser.freshSeed).toMatch(/^[0-9a-f]{16}$/);
      expect(Object.keys(fromBrowser.cases)).toEqual(CASES.map((c) => c.name));
      compared = { node: fromNode, browser: fromBrowser };
      for (const c of CASES) {
        const node = fromNode.cases[c.name];
        const page = fromBrowser.cases[c.name];
        // simulate and simulateSync agree exactly within each runtime.
        expect(node.async, `${c.name}: simulate vs simulateSync in Node`).toEqual(node.sync);
        expect(page.async, `${c.name}: simulate vs simulateSync in Chromium`).toEqual(page.sync);
        // Same structure, trials, stop reason, methods and scenario hash; numbers within 1e-12.
        expect(page.sync.scenarioHash, c.name).toBe(node.sync.scenarioHash);
        expect(page.sync.seed, c.name).toBe(node.sync.seed);
        expect(page.sync.trials, c.name).toBe(node.sync.trials);
        expect(page.sync.stoppedBecause, c.name).toBe(node.sync.stoppedBecause);
        const values = (r: Picked) => ({ events: r.events, nodes: r.nodes, timelines: r.timelines });
        expect(numbersWithin(values(page.sync), values(node.sync), 1e-12), `${c.name}: values differing by more than 1e-12`).toEqual([]);
      }
    } finally {
      await browser.close();
      server.close();
    }
  }, 120_000);

  it.skipIf(!hasChromium)(`gives bit-identical results (hashes, events, nodes, timelines) in Node and Chromium, whatever the engines' Math does${skipReason}`, () => {
    expect(compared, 'the previous test did not finish').toBeDefined();
    const { node, browser } = compared!;
    // For the record: how much the engines' own Math functions disagree (the library does not use them).
    const counts = Object.keys(node.math)
      .map((f) => [f, node.math[f].filter((v, i) => !Object.is(v, browser.math[f][i])).length] as const)
      .filter(([, n]) => n > 0)
      .map(([f, n]) => `${f} ${n}/${node.math[f].length}`);
    if (counts.length > 0) console.log(`[browser] this Chromium's Math differs from ${node.runtime}'s in the last bit on: ${counts.join(', ')} (not used by the library)`);
    for (const c of CASES) {
      expect(browser.cases[c.name].sync.resultsHash, `${c.name}: results hash`).toBe(node.cases[c.name].sync.resultsHash);
      expect(browser.cases[c.name].sync.events, `${c.name}: events`).toEqual(node.cases[c.name].sync.events);
      expect(browser.cases[c.name].sync, c.name).toEqual(node.cases[c.name].sync);
    }
  });

  it.skipIf(!hasChromium)(`gives bit-identical values for every formula function, compiled and scalar, in Node and Chromium${skipReason}`, () => {
    expect(compared, 'the first browser test did not finish').toBeDefined();
    const { node, browser } = compared!;
    expect(Object.keys(node.formulas)).toEqual(FORMULA_PROBES.map((p) => p.formula));
    for (const { formula, x } of FORMULA_PROBES) {
      const differing = (a: readonly string[], b: readonly string[]) => a.flatMap((bits, i) => (bits === b[i] ? [] : [`x = ${x[i]}: ${bits} vs ${b[i]}`])).slice(0, 3);
      expect(differing(node.formulas[formula].compiled, node.formulas[formula].scalar), `${formula}: compiled vs evaluateScalar in Node`).toEqual([]);
      expect(differing(browser.formulas[formula].compiled, browser.formulas[formula].scalar), `${formula}: compiled vs evaluateScalar in Chromium`).toEqual([]);
      expect(differing(browser.formulas[formula].compiled, node.formulas[formula].compiled), `${formula}: Chromium vs Node`).toEqual([]);
    }
  });
});

interface Picked {
  resultsHash: string;
  scenarioHash: string;
  seed: string;
  trials: number;
  stoppedBecause: string;
  events: Record<string, unknown>;
  nodes: Record<string, unknown>;
  timelines: Record<string, unknown>;
}

interface RunAll {
  runtime: string;
  version: string;
  freshSeed: string;
  math: Record<string, number[]>;
  formulas: Record<string, { compiled: string[]; scalar: string[] }>;
  cases: Record<string, { sync: Picked; async: Picked }>;
}

/** Paths at which two JSON-like values differ: structure exactly, numbers by more than `tol` (relative above 1). */
function numbersWithin(a: unknown, b: unknown, tol: number, path = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) ? [] : [`${path}: ${String(a)} vs ${String(b)}`];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => numbersWithin((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`));
}
