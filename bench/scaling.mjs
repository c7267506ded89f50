#!/usr/bin/env node
// How the chunk-reducer protocol scales (issue 14, item 4).
//
//   npx tsup && node bench/scaling.mjs [--rounds R] [--run-trials N] [--memory-trials N] [--skip-memory]
//
// Imports the BUILT package (a private copy of dist/, see bench/lib/shared.mjs). In one process:
//
// 1. Parallel efficiency T(1) / (t · T(t)) at t = 1, 2, 4, … up to the cores, for `run` on the
//    issue-7 reference model (20,000,000 trials, as in the issue's table), `compare` on the flagship (two variants,
//    1,000,000 trials) and `sensitivity` on the flagship (400,000 tornado trials, 200,000 Sobol
//    rows, 200 bootstrap resamples). t = 1 is the calling thread alone; t > 1 uses a pool of t
//    threads started before the rounds. Medians of R interleaved rounds; every run of a workload
//    must give the same result.
// 2. The calling thread's share of all CPU time with 2 workers: its own CPU time (Linux's
//    per-thread counters in /proc, 10 ms ticks) over the process's CPU time (process.cpuUsage,
//    all threads). This is what predicts scaling on many cores from a 2-core machine: with
//    share s, the calling thread saturates at about 1/s workers.
// 3. Bytes per chunk: the structured-clone size (v8.serialize) of one chunk's partial of each
//    stage, read from the sources through tsx (the reducers are not part of the package API),
//    and how often it is sent: per chunk, or once per thread for a stage that folds.
// 4. Peak memory of the reference model at 1e6 and 1e8 trials, on 1 thread and on 2, each in a
//    fresh child process: peak RSS sampled every 20 ms (all threads) and the calling thread's
//    heap retained after a full GC at the end.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { f, mainThreadMs, median, option, pad, padr, privateBuild, REFERENCE, ROOT, trackPeakRss } from './lib/shared.mjs';


const childAt = process.argv.indexOf('--memory-child');
const { lib, build } = await privateBuild('scaling', childAt >= 0 ? process.argv[childAt + 3] : undefined);
const SEED = 'bench-scaling';

if (childAt >= 0) {
  const [trials, workers] = [Number(process.argv[childAt + 1]), Number(process.argv[childAt + 2])];
  const peakRss = trackPeakRss();
  const t0 = performance.now();
  const r = await lib.simulate(REFERENCE, { seed: SEED, trials, workers });
  const ms = performance.now() - t0;
  const maxRssKb = peakRss();
  globalThis.gc();
  console.log(JSON.stringify({ trials: r.trials, ms, maxRssKb, heapEnd: process.memoryUsage().heapUsed }));
  process.exit(0);
}

const ROUNDS = option('scaling', '--rounds', 3);
const RUN_TRIALS = option('scaling', '--run-trials', 20_000_000);
const MEMORY_TRIALS = option('scaling', '--memory-trials', 100_000_000);
const SKIP_MEMORY = process.argv.includes('--skip-memory');
const CORES = os.availableParallelism();
const THREADS = [...new Set([1, ...Array.from({ length: Math.floor(Math.log2(CORES)) }, (_, i) => 2 ** (i + 1)), CORES])].filter((t) => t <= CORES);
const FLAGSHIP = lib.builtinScenario('trump-kim-summit');
const AS_OF = '2026-12-04';

const WORKLOADS = [
  { name: 'run', what: `reference model, ${RUN_TRIALS.toLocaleString('en-US')} trials`, go: (where) => lib.simulate(REFERENCE, { seed: SEED, trials: RUN_TRIALS, ...where }), key: (r) => r.manifest.resultsHash },
  {
    name: 'compare',
    what: 'flagship, 2 variants, 1,000,000 trials',
    go: (where) => lib.compareVariants(FLAGSHIP, { seed: SEED, trials: 1_000_000, asOf: AS_OF, variants: ['seoul-steps-back', 'no-russia-alliance'], ...where }),
    key: (r) => JSON.stringify(r.variants),
  },
  {
    name: 'sensitivity',
    what: 'flagship, 400,000 trials, 200,000 Sobol rows',
    go: (where) => lib.analyzeSensitivity(FLAGSHIP, { seed: SEED, trials: 400_000, sobolSamples: 200_000, asOf: AS_OF, ...where }),
    key: (r) => JSON.stringify([r.tornado, r.sobol]),
  },
];

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

/** Wall-clock ms, process CPU ms (all threads) and the calling thread's CPU ms. */
async function measure(fn) {
  collectGarbage();
  const m0 = mainThreadMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, mainMs: mainThreadMs() - m0, result };
}

console.log(`Scaling of the chunk-reducer protocol: ${CORES} cores, threads ${THREADS.join(', ')}, ${ROUNDS} rounds; load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const pools = new Map(THREADS.filter((t) => t > 1).map((t) => [t, new lib.WorkerPool(t)]));
const where = (t) => (t === 1 ? { workers: 1 } : { pool: pools.get(t) });
const times = new Map();
const mainShare = new Map();
for (const w of WORKLOADS) for (const t of THREADS) times.set(`${w.name} ${t}`, []);
// Warm up every pool's threads and every workload's code paths once, untimed.
for (const w of WORKLOADS) for (const t of THREADS) await w.go(where(t));
for (let round = 0; round < ROUNDS; round++) {
  for (const w of WORKLOADS) {
    const keys = new Set();
    const order = round % 2 === 0 ? THREADS : [...THREADS].reverse();
    for (const t of order) {
      const m = await measure(() => w.go(where(t)));
      keys.add(w.key(m.result));
      times.get(`${w.name} ${t}`).push(m.ms);
      if (t === 2) (mainShare.get(w.name) ?? mainShare.set(w.name, []).get(w.name)).push(m.mainMs / m.cpuMs);
    }
    if (keys.size !== 1) {
      console.error(`bench/scaling.mjs: ${w.name} gave different results for different thread counts`);
      process.exit(1);
    }
  }
}
for (const pool of pools.values()) await pool.terminate();

console.log('\nParallel efficiency T(1) / (t · T(t)), medians (seconds in brackets):');
console.log(`  ${padr('workload', 52)}${THREADS.map((t) => pad(`t = ${t}`, 18)).join('')}`);
for (const w of WORKLOADS) {
  const one = median(times.get(`${w.name} 1`));
  const cells = THREADS.map((t) => {
    const m = median(times.get(`${w.name} ${t}`));
    return pad(`${f((100 * one) / (t * m), 0)}% (${f(m / 1000, 2)})`, 18);
  });
  console.log(`  ${padr(`${w.name}: ${w.what}`, 52)}${cells.join('')}`);
}
if (THREADS.includes(2)) {
  console.log('\nThe calling thread\'s share of all CPU time with 2 workers (target <= 3%), median:');
  for (const w of WORKLOADS) console.log(`  ${padr(w.name, 14)}${f(100 * median(mainShare.get(w.name)), 2)}%`);
}

// Bytes per chunk: one partial of each stage, through the sources.
const { tsImport } = await import('tsx/esm/api');
const src = (path) => tsImport(new URL(`../src/${path}`, import.meta.url).href, import.meta.url);
const [{ compareReduction }, { sensitivityReduction }, { attributionReduction }, { reducerOf }, { CHUNK_SIZE, runChunk }, { ColumnModel }, { setupSimulation }] = await Promise.all(
  ['analysis/compare.ts', 'analysis/sensitivity.ts', 'analysis/attribution.ts', 'analysis/reducers/index.ts', 'engine/chunk.ts', 'engine/columns.ts', 'engine/setup.ts'].map(src),
);
const chunkBytes = (reduction) => reduction.stages.map((stage) => [stage.name, serialize(reducerOf(stage.kind).prepare(stage.data)({ index: 0, count: CHUNK_SIZE })).byteLength, reducerOf(stage.kind).fold !== undefined]);
const sim = setupSimulation(REFERENCE, { seed: SEED, trials: CHUNK_SIZE });
const flagshipSim = setupSimulation(FLAGSHIP, { seed: SEED, trials: CHUNK_SIZE, asOf: AS_OF });
const totalsBytes = (s) => serialize(runChunk(new ColumnModel(s.prepared.plan, s.settings.batchSize), SEED, 0, CHUNK_SIZE)).byteLength;
const rows = [
  ['run, reference model (totals)', totalsBytes(sim), true],
  ['run, flagship (totals)', totalsBytes(flagshipSim), true],
  ...chunkBytes(compareReduction(FLAGSHIP, { seed: SEED, trials: CHUNK_SIZE, asOf: AS_OF, variants: ['seoul-steps-back', 'no-russia-alliance'] })).map(([s, ...r]) => [`compare, flagship (${s})`, ...r]),
  ...chunkBytes(sensitivityReduction(FLAGSHIP, { seed: SEED, trials: CHUNK_SIZE, sobolSamples: CHUNK_SIZE, asOf: AS_OF })).map(([s, ...r]) => [`sensitivity, flagship (${s})`, ...r]),
  ...chunkBytes(attributionReduction(FLAGSHIP, { seed: SEED, trials: CHUNK_SIZE, asOf: AS_OF })).map(([s, ...r]) => [`attribution, flagship (${s})`, ...r]),
];
console.log(`\nBytes of one chunk's partial, ${CHUNK_SIZE.toLocaleString('en-US')} trials (structured-clone size; one column of a chunk is ${(8 * CHUNK_SIZE).toLocaleString('en-US')} bytes).`);
console.log('A stage that folds sends instead one folded partial per thread, at its end (a run folds unless it has a progress callback or a half-width rule):');
for (const [name, bytes, folds] of rows) console.log(`  ${padr(name, 44)}${pad(bytes.toLocaleString('en-US'), 10)}   ${folds ? 'once per thread' : 'per chunk'}`);

if (!SKIP_MEMORY) {
  console.log('\nPeak memory of the reference model, each run in a fresh process:');
  console.log(`  ${padr('trials', 14)}${padr('threads', 9)}${pad('seconds', 9)}${pad('peak RSS MB', 13)}${pad('heap MB', 9)}`);
  const peaks = new Map();
  for (const workers of [1, 2]) {
    for (const trials of [1_000_000, MEMORY_TRIALS]) {
      const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-child', String(trials), String(workers), build], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (child.status !== 0) {
        console.error(`bench/scaling.mjs: memory child (${trials} trials, ${workers} threads) failed:\n${child.stderr}`);
        process.exit(1);
      }
      const m = JSON.parse(child.stdout.trim().split('\n').pop());
      peaks.set(`${workers} ${trials}`, m.maxRssKb);
      console.log(`  ${padr(trials.toLocaleString('en-US'), 14)}${padr(String(workers), 9)}${pad(f(m.ms / 1000, 1), 9)}${pad(f(m.maxRssKb / 1024, 1), 13)}${pad(f(m.heapEnd / 2 ** 20, 1), 9)}`);
    }
    const growth = peaks.get(`${workers} ${MEMORY_TRIALS}`) / peaks.get(`${workers} 1000000`) - 1;
    console.log(`  growth of peak RSS from 1e6 to ${MEMORY_TRIALS.toExponential(0)} trials on ${workers} thread${workers > 1 ? 's' : ''}: ${f(100 * growth, 1)}% (target < 10%)`);
  }
}
console.log(`\nMachine: nproc ${CORES}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}. Root ${ROOT}.`);
