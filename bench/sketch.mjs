#!/usr/bin/env node
// What the quantile sketches cost: the engine's chunk loop with every factor, derived node and
// unconditional event sketched (as every run does) against the same loop with none sketched.
//
//   node bench/sketch.mjs [--trials N] [--reps R]
//
// Bundles src/ with esbuild (the sketches are internal: nothing public turns them off). Two
// models: the reference model of issue 7 (12 factors, one derived node and one event: 2
// sketched columns, factors are not sketched) and the flagship (2 derived nodes and 2
// unconditional events sketched, weighted by its "nothing yet" evidence). Each round times
// both variants of a model in alternating order on the same chunks; the ratio is taken within
// a round and the median over rounds is printed, with the time per trial per sketched column.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const TRIALS = arg('--trials', 300_000);
const REPS = arg('--reps', 7);

const tmp = mkdtempSync(join(tmpdir(), 'so-sketch-bench-'));
const entry = join(tmp, 'entry.ts');
const src = (p) => JSON.stringify(join(ROOT, 'src', p));
await import('node:fs').then(({ writeFileSync }) =>
  writeFileSync(entry, `export { runChunk, CHUNK_SIZE } from ${src('engine/chunk.ts')};\nexport { setupSimulation } from ${src('engine/setup.ts')};\nexport { ColumnModel } from ${src('engine/columns.ts')};\n`),
);
await build({ entryPoints: [entry], bundle: true, format: 'esm', outfile: join(tmp, 'engine.mjs'), logLevel: 'silent' });
const { runChunk, CHUNK_SIZE, setupSimulation, ColumnModel } = await import(pathToFileURL(join(tmp, 'engine.mjs')).href);
rmSync(tmp, { recursive: true, force: true });

const MU = [0.5, -0.4, 0.8, -0.2, 0.3, -0.6];
const BETAS = [[2, 5], [8, 2], [5, 3], [3, 3], [2, 2], [1, 4]];
const reference = {
  id: 'reference',
  title: 'Issue 7 reference model',
  factors: Object.fromEntries([
    ...BETAS.map(([a, b], i) => [`x${i + 1}`, { dist: 'beta', alpha: a, beta: b }]),
    ...MU.map((m, i) => [`w${i + 1}`, { dist: 'normal', mean: m, sd: 0.3 }]),
  ]),
  derived: { logOdds: `-2 + ${MU.map((_, i) => `w${i + 1} * x${i + 1}`).join(' + ')}` },
  events: { e: 'sigmoid(logOdds)' },
};
const flagship = JSON.parse(readFileSync(join(ROOT, 'src/scenarios/trump-kim-summit.json'), 'utf8'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeRun(model, seed) {
  const start = performance.now();
  for (let c = 0; c * CHUNK_SIZE < TRIALS; c++) runChunk(model, seed, c, Math.min(CHUNK_SIZE, TRIALS - c * CHUNK_SIZE));
  return performance.now() - start;
}

console.log(`quantile sketches: ${TRIALS.toLocaleString('en-US')} trials per run, ${REPS} rounds (medians), node ${process.version}`);
console.log('model             sketched columns   with sketches   without   ratio   ns per trial per column');
for (const [name, scenario, options] of [
  ['reference', reference, {}],
  ['trump-kim-summit', flagship, { asOf: '2026-12-04' }],
]) {
  const sim = setupSimulation(scenario, { seed: 'bench', trials: TRIALS, ...options });
  const withSketches = sim.model;
  const without = new ColumnModel(sim.prepared.plan, sim.settings.batchSize);
  without.sketched.length = 0;
  const columns = withSketches.sketched.length;
  for (let w = 0; w < 2; w++) [withSketches, without].forEach((m) => timeRun(m, 'warm-up'));
  const ratios = [];
  const times = [[], []];
  for (let r = 0; r < REPS; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    const t = [0, 0];
    for (const i of order) t[i] = timeRun(i === 0 ? withSketches : without, `round-${r}`);
    ratios.push(t[0] / t[1]);
    times[0].push(t[0]);
    times[1].push(t[1]);
  }
  const [a, b] = [median(times[0]), median(times[1])];
  const perColumn = ((a - b) * 1e6) / TRIALS / columns;
  console.log(
    `${name.padEnd(18)}${String(columns).padStart(16)}   ${`${a.toFixed(0)} ms`.padStart(13)}   ${`${b.toFixed(0)} ms`.padStart(7)}   ${median(ratios).toFixed(2).padStart(5)}   ${perColumn.toFixed(1).padStart(6)}`,
  );
}
