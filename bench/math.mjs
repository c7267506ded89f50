#!/usr/bin/env node
// What do the deterministic elementary functions (src/math) cost against the engine's Math.*?
//
//   node bench/math.mjs [--reps R] [--before <dir with a dist/ built before the change>]
//
// 1. ops/s of src/math's exp, expm1, log, log1p, log2, log10, pow, sin, cos, tan, asin, acos,
//    atan, atan2, hypot and of Math.*, each in a loop over 4,096 fixed inputs writing a
//    Float64Array (the shape of the formula kernels), and the ratio ours / Math (1 = as fast;
//    0.5 = half the speed). sin, cos and tan run on [-10, 10] (one-step argument reduction) and,
//    as sin@huge, on magnitudes up to 1e300 (Payne–Hanek). phi and probit (normalCdf,
//    normalQuantile) have no Math.* counterpart: their ops/s only.
// 2. The engine: simulateSync on examples/four-factors.json (200,000 trials), trials/s of the
//    current dist/ and, with --before, of another build (say, one made from the sources before
//    src/math) loaded into this same process.
//
// src/math is bundled from the sources by esbuild into a temporary file (the package does not
// export it). Every candidate runs in this one process, after warm-up, in interleaved rounds
// whose order alternates; ratios are computed within a round and the median over rounds is
// printed, so compare ratios, not absolute numbers from different runs or machines.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const REPS = Number(arg('--reps', 7));
const BEFORE = arg('--before', undefined);

const tmp = mkdtempSync(join(tmpdir(), 'so-math-bench-'));
await build({ entryPoints: [join(ROOT, 'src/math/index.ts')], bundle: true, format: 'esm', outfile: join(tmp, 'math.mjs'), logLevel: 'silent' });
const ours = await import(pathToFileURL(join(tmp, 'math.mjs')).href);
rmSync(tmp, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const N = 4096;
const ramp = (f) => Float64Array.from({ length: N }, (_, i) => f(((i * 0.6180339887498949) % 1)));
// name: [first inputs, second inputs (two-argument functions only), src/math's name and Math's
// name when not `name` (null: no Math.* counterpart)].
const ys = ramp((u) => u * 6 - 3);
const angles = ramp((u) => u * 20 - 10);
const cases = {
  exp: [ramp((u) => u * 40 - 20)],
  expm1: [ramp((u) => u * 2 - 1)],
  log: [ramp((u) => Math.exp(u * 40 - 20))],
  log1p: [ramp((u) => u * 3 - 0.9)],
  log2: [ramp((u) => Math.exp(u * 40 - 20))],
  log10: [ramp((u) => Math.exp(u * 40 - 20))],
  pow: [ramp((u) => Math.exp(u * 10 - 5)), ys],
  sin: [angles],
  cos: [angles],
  tan: [angles],
  'sin@huge': [ramp((u) => Math.exp(u * 690)), undefined, 'sin', 'sin'],
  asin: [ramp((u) => u * 2 - 1)],
  acos: [ramp((u) => u * 2 - 1)],
  atan: [ramp((u) => Math.sinh(u * 20 - 10))],
  atan2: [ys, ramp((u) => Math.cos(u * 7) * 3)],
  hypot: [ramp((u) => Math.exp(u * 40 - 20)), ys],
  phi: [ramp((u) => u * 16 - 12), undefined, 'normalCdf', null],
  probit: [ramp((u) => u * 0.999 + 0.0005), undefined, 'normalQuantile', null],
};
const out = new Float64Array(N);

// One loop per (function, implementation), written out so each is a monomorphic call site.
const loops = {};
for (const [name, [xs, second, ourName = name, mathName = name]] of Object.entries(cases)) {
  const who = [['ours', ours[ourName]]];
  if (mathName !== null) who.push(['Math', Math[mathName]]);
  for (const [label, f] of who) {
    loops[`${name}/${label}`] = second
      ? new Function('f', 'xs', 'ys', 'out', 'n', 'return () => { for (let i = 0; i < n; i++) out[i] = f(xs[i], ys[i]); };')(f, xs, second, out, N)
      : new Function('f', 'xs', 'out', 'n', 'return () => { for (let i = 0; i < n; i++) out[i] = f(xs[i]); };')(f, xs, out, N);
  }
}

function opsPerSecond(loop, minMs = 60) {
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    loop();
    calls += N;
    t = performance.now();
  }
  return (calls / (t - t0)) * 1000;
}

console.log(`scenario-odds bench/math.mjs — ${process.version}, ${REPS} rounds (medians)\n`);
for (const loop of Object.values(loops)) opsPerSecond(loop, 100); // warm-up
const rows = [];
for (const name of Object.keys(cases)) {
  const hasMath = `${name}/Math` in loops;
  const o = [];
  const m = [];
  const r = [];
  for (let round = 0; round < REPS; round++) {
    const order = !hasMath ? ['ours'] : round % 2 === 0 ? ['ours', 'Math'] : ['Math', 'ours'];
    const got = {};
    for (const who of order) got[who] = opsPerSecond(loops[`${name}/${who}`]);
    o.push(got.ours);
    if (hasMath) {
      m.push(got.Math);
      r.push(got.ours / got.Math);
    }
  }
  rows.push([name, median(o), hasMath ? median(m) : undefined, hasMath ? median(r) : undefined]);
}
const column = (v, digits) => (v === undefined ? '—' : v.toFixed(digits));
console.log('function   src/math (M ops/s)   Math.* (M ops/s)   ratio ours/Math');
for (const [name, o, m, r] of rows) console.log(`${name.padEnd(10)} ${column(o / 1e6, 1).padStart(18)} ${column(m === undefined ? m : m / 1e6, 1).padStart(18)} ${column(r, 2).padStart(17)}`);

// The engine.
const TRIALS = 200_000;
const scenario = JSON.parse(readFileSync(join(ROOT, 'examples/four-factors.json'), 'utf8'));
const builds = [['current dist/', join(ROOT, 'dist/index.js')]];
if (BEFORE) builds.push([`--before ${BEFORE}`, join(resolve(BEFORE), 'dist/index.js')]);
for (const [, file] of builds) {
  if (!existsSync(file)) {
    console.error(`bench/math.mjs: ${file} is missing; build first (npx tsup)`);
    process.exit(2);
  }
}
const libs = await Promise.all(builds.map(([, file]) => import(pathToFileURL(file).href)));
const run = (lib) => {
  const t0 = performance.now();
  const r = lib.simulateSync(scenario, { seed: 2025, trials: TRIALS });
  return { tps: TRIALS / ((performance.now() - t0) / 1000), hash: r.manifest.resultsHash };
};
for (const lib of libs) run(lib); // warm-up
const tps = builds.map(() => []);
const ratios = [];
const hashes = new Set();
for (let round = 0; round < REPS; round++) {
  const order = builds.map((_, i) => i);
  if (round % 2 === 1) order.reverse();
  const got = [];
  for (const i of order) {
    const { tps: t, hash } = run(libs[i]);
    got[i] = t;
    tps[i].push(t);
    hashes.add(`${i}:${hash}`);
  }
  if (builds.length > 1) ratios.push(got[0] / got[1]);
}
console.log(`\nengine: simulateSync(examples/four-factors.json, ${TRIALS.toLocaleString('en')} trials, seed 2025)`);
builds.forEach(([label], i) => console.log(`  ${label.padEnd(40)} ${Math.round(median(tps[i])).toLocaleString('en').padStart(12)} trials/s`));
if (ratios.length > 0) {
  console.log(`  ratio current/before (same round, median): ${median(ratios).toFixed(3)}`);
  const byBuild = builds.map((_, i) => [...hashes].filter((h) => h.startsWith(`${i}:`)).map((h) => h.slice(2)));
  console.log(`  results hash ${byBuild[0][0] === byBuild[1][0] ? 'identical in both builds' : `differs: ${byBuild[0][0]} vs ${byBuild[1][0]}`}`);
}
