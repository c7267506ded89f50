/**
 * The published package, tested as users get it: `npm pack` into a temporary directory, the
 * tarball linted (publint, Are the Types Wrong?) and installed offline into a fresh project,
 * where ESM `import`, CJS `require`, TypeScript's resolution of the types and the CLI are
 * checked. Needs the build (`npm test` builds first); nothing here is skipped.
 *
 * The install is offline: the project's runtime dependencies are pinned to the versions in
 * package-lock.json, which `npm ci` has just put in npm's cache. Only if that cache lacks them
 * (a hand-made node_modules, say) does it retry with `--prefer-offline`, and it says so.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from 'publint/utils';
import { publint } from 'publint';
import {
  assertBuilt,
  bin,
  childEnv,
  lockedVersions,
  packageJson,
  ROOT,
  run,
  runOk,
  show,
  tempDir,
  type RunResult,
} from './helpers';

const pkg = packageJson();
const runtimeDeps = Object.keys(pkg.dependencies ?? {}).sort();

let work = '';
let tarball = '';
let packedFiles: string[] = [];
let project = '';
let installNote = '';

/** A small seeded run of the flagship (timeline, conditional events) and a 0/1 scenario. */
const RUN_SNIPPET = `
const coin = { id: 'coin', title: 'Coin', factors: { toss: { dist: 'bernoulli', p: 0.5 } }, events: { heads: 'toss' } };
const a = lib.simulateSync(lib.trumpKimSummit, { seed: 'pack-test', trials: 20000, asOf: '2026-12-04' });
const b = lib.simulateSync(coin, { seed: 7, trials: 10000 });
const pick = (r) => ({ resultsHash: r.manifest.resultsHash, scenarioHash: r.manifest.scenarioHash, events: r.events, nodes: r.nodes, timelines: r.timelines });
console.log(JSON.stringify({ version: lib.VERSION, flagship: pick(a), coin: pick(b) }));
`;

beforeAll(async () => {
  assertBuilt();
  work = tempDir('pack');
  const packed = await runOk('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
  const info = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(work, info[0].filename);
  packedFiles = info[0].files.map((f) => f.path).sort();

  project = join(work, 'project');
  const locked = lockedVersions();
  const pins = Object.fromEntries(runtimeDeps.map((d) => [d, locked[d]]));
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'pack-test', version: '1.0.0', private: true, dependencies: pins }, null, 2)}\n`,
  );
  writeFileSync(join(project, 'esm.mjs'), `import * as lib from 'scenario-odds';\nconsole.error(import.meta.resolve('scenario-odds'));\n${RUN_SNIPPET}`);
  writeFileSync(join(project, 'cjs.cjs'), `const lib = require('scenario-odds');\nconsole.error(require.resolve('scenario-odds'));\n${RUN_SNIPPET}`);

  const install = (mode: string) =>
    run('npm', ['install', mode, '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', project, tarball], {
      cwd: project,
      env: childEnv(),
      timeoutMs: 120_000,
    });
  let r = await install('--offline');
  if (r.code !== 0 && /ENOTCACHED/.test(r.stderr)) {
    installNote = `offline install failed (npm cache lacks a pinned dependency); retried with --prefer-offline\n${show(r)}`;
    console.warn(installNote);
    r = await install('--prefer-offline');
  }
  if (r.code !== 0) throw new Error(`installing the tarball failed\n${show(r)}`);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Bare module specifiers imported or required by a built file. */
function bareImports(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /^\s*import\s[^'"]*?from\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /^\s*export\s[^'"]*?from\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) if (!m[1].startsWith('.')) found.add(m[1]);
  return [...found].sort();
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec);

describe('the packed tarball', () => {
  it('contains the build, the examples and the README, and nothing from src/ or tests/', () => {
    for (const f of ['package.json', 'README.md', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js']) {
      expect(packedFiles, f).toContain(f);
    }
    if (pkg.files?.includes('examples')) expect(packedFiles.some((f) => f.startsWith('examples/'))).toBe(true);
    expect(packedFiles.filter((f) => /^(src|tests|bench|docs|node_modules)\//.test(f) || f.endsWith('.tgz'))).toEqual([]);
  });

  it('imports only its declared runtime dependencies, and uses each of them (never mathjs, a devDependency of the tests)', async () => {
    // The files as packed (and installed), not dist/, which a concurrent build may be rewriting.
    const dist = join(project, 'node_modules', 'scenario-odds', 'dist');
    const used = new Set<string>();
    const files = (await readdir(dist)).filter((f) => /\.(c?js)$/.test(f));
    expect(files).toContain('index.js');
    const undeclared: string[] = [];
    for (const f of files) {
      for (const spec of bareImports(await readFile(join(dist, f), 'utf8'))) {
        if (isNodeBuiltin(spec)) continue;
        used.add(packageName(spec));
        if (!runtimeDeps.includes(packageName(spec))) undeclared.push(`dist/${f} imports ${spec}`);
      }
    }
    expect(undeclared, 'imported but not in "dependencies" (users would get "Cannot find module")').toEqual([]);
    expect(runtimeDeps.filter((d) => !used.has(d)), 'in "dependencies" but never imported by dist/ (users install it for nothing)').toEqual([]);
    expect(used.has('mathjs')).toBe(false);
  });

  it('passes publint (strict: suggestions and warnings count as failures)', async () => {
    const data = readFileSync(tarball);
    const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const { messages, pkg: linted } = await publint({ pack: { tarball: buffer }, level: 'suggestion', strict: true });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, linted, { color: false })}`)).toEqual([]);
  });

  it('passes Are the Types Wrong? for node10, node16 (ESM and CJS) and bundler resolution', async () => {
    const r = await run(bin('attw'), [tarball, '--format', 'json', '--profile', 'strict', '--no-definitely-typed']);
    const report = JSON.parse(r.stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
    expect(report.analysis.problems, show(r)).toEqual([]);
    // Every subpath of the exports map was analysed.
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(Object.keys(pkg.exports as object).sort());
    expect(r.code, show(r)).toBe(0);
  });
});

describe('the installed package', () => {
  const node = (file: string) => runOk(process.execPath, [file], { cwd: project });

  it('was installed from the tarball (offline, from the locked versions in npm\'s cache)', () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'scenario-odds', 'package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(pkg.version);
    // Nothing in the temporary project points back into this repository.
    expect(readFileSync(join(project, 'package-lock.json'), 'utf8')).not.toContain(ROOT);
    for (const dep of runtimeDeps) expect(existsSync(join(project, 'node_modules', dep, 'package.json')), dep).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'mathjs')), 'mathjs is a devDependency of the tests, so it must not be installed').toBe(false);
    // A fallback to --prefer-offline is allowed (the registry is reachable) but reported above.
    if (installNote) console.warn(`[pack] ${installNote.split('\n')[0]}`);
  });

  let esmRun: Promise<RunResult> | undefined;
  const esmOnce = () => (esmRun ??= node('esm.mjs'));

  it('runs a seeded simulation from ESM (import) and from CJS (require), with identical results', async () => {
    const [esm, cjs] = await Promise.all([esmOnce(), node('cjs.cjs')]);
    // Each resolved the installed copy's own entry point.
    expect(esm.stderr.trim()).toBe(`file://${join(project, 'node_modules', 'scenario-odds', 'dist', 'index.js')}`);
    expect(cjs.stderr.trim()).toBe(join(project, 'node_modules', 'scenario-odds', 'dist', 'index.cjs'));
    const a = JSON.parse(esm.stdout) as { version: string; flagship: { resultsHash: string } };
    const b = JSON.parse(cjs.stdout) as typeof a;
    expect(a.version).toBe(pkg.version);
    expect(b).toEqual(a);
    expect(esm.stdout).toBe(cjs.stdout);
  });

  it('gives TypeScript its types from both entry points (node16: ESM and CJS importers)', async () => {
    const use = `
const scenario: Scenario = { id: 'coin', title: 'Coin', factors: { toss: { dist: 'bernoulli', p: 0.5 } }, events: { heads: 'toss' } };
const result: SimulationResult = simulateSync(scenario, { seed: 1, trials: 1000 });
const p: number = result.events.heads.probability;
const interval: readonly [number, number] = result.events.heads.ci95;
// @ts-expect-error the types are real, not any: a seed is a string or a number
simulateSync(scenario, { seed: { bad: true } });
// @ts-expect-error an unknown distribution is a type error
const bad: Scenario = { id: 'x', title: 'X', factors: { f: { dist: 'gaussian', mean: 0, sd: 1 } }, events: { e: 'f > 0' } };
export { p, interval, bad };
`;
    writeFileSync(join(project, 'types-esm.mts'), `import { simulateSync, type Scenario, type SimulationResult } from 'scenario-odds';\n${use}`);
    writeFileSync(join(project, 'types-cjs.cts'), `import { simulateSync, type Scenario, type SimulationResult } from 'scenario-odds';\n${use}`);
    // skipLibCheck as `tsc --init` sets it (checking zod's declarations costs 10 s); the
    // expected-error lines above fail if a declaration went missing and the API became `any`.
    const common = { strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['ES2022', 'DOM'], target: 'ES2022' };
    writeFileSync(join(project, 'tsconfig.node16.json'), JSON.stringify({ compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16' }, files: ['types-esm.mts', 'types-cjs.cts'] }));
    // (Bundler resolution is covered by Are the Types Wrong? above.)
    const node16 = await run(bin('tsc'), ['-p', 'tsconfig.node16.json', '--traceResolution'], { cwd: project });
    expect(node16.code, show({ ...node16, stdout: node16.stdout.split('\n').filter((l) => /error TS/.test(l)).join('\n') })).toBe(0);
    const resolved = [...node16.stdout.matchAll(/Module name 'scenario-odds' was successfully resolved to '([^']+)'/g)].map((m) => m[1]);
    expect(resolved.map((f) => f.slice(f.indexOf('node_modules')))).toEqual(
      expect.arrayContaining(['node_modules/scenario-odds/dist/index.d.ts', 'node_modules/scenario-odds/dist/index.d.cts']),
    );
  });

  it('installs a working CLI: `npx scenario-odds --version`, `validate` and `run`', async () => {
    const npx = (args: string[]) => runOk('npx', ['--no', '--', 'scenario-odds', ...args], { cwd: project, env: childEnv() });
    const version = await npx(['--version']);
    expect(version.stdout.trim()).toBe(pkg.version);

    const example = join('node_modules', 'scenario-odds', 'examples', 'coin-and-die.json');
    const valid = await npx(['validate', example]);
    expect(valid.stdout.trim()).toBe(`${example}: ok`);

    const text = await npx(['run', 'trump-kim-summit', '--seed', '7', '--trials', '20000']);
    expect(text.stdout).toMatch(/^Will Trump and Kim Jong Un hold a summit in the coming year\? \(trump-kim-summit\)\nas of \d{4}-\d\d-\d\d · window /);
    expect(text.stdout).toMatch(/20,000 trials · seed 7 · .* · stopped: ran the 20,000 trials asked for\n$/);

    // The CLI's numbers are the library's: the same seed, trials and as-of date give the same results hash.
    const json = await npx(['run', 'trump-kim-summit', '--seed', 'pack-test', '--trials', '20000', '--as-of', '2026-12-04', '--json']);
    const fromCli = JSON.parse(json.stdout) as { manifest: { resultsHash: string } };
    const fromLib = JSON.parse((await esmOnce()).stdout) as { flagship: { resultsHash: string } };
    expect(fromCli.manifest.resultsHash).toBe(fromLib.flagship.resultsHash);
  });
});
