#!/usr/bin/env node
// Parallel throughput, and how the engine compares with a peer (issue 7).
//
//   npx tsup && node bench/peers.mjs [--trials N] [--rounds R] [--memory-trials N] [--skip-memory]
//
// Imports the BUILT package (../dist/node.js, its worker ../dist/worker.js; a private copy of
// them, see below), never src/.
// Defaults: 1,000,000 trials, 5 interleaved rounds, memory measured at 10M and 100M trials.
// About 4-6 minutes on a 2-core machine, most of it the 100M-trial memory run.
//
// In one process, interleaved round by round (the order rotates between rounds) so the
// machine's drift hits every candidate alike; ratios are medians of same-round ratios:
//
// 1. The reference model of issue 7 (6 Beta factors, 6 Normal(mu_i, 0.3) weights,
//    logit p = -2 + sum w_i x_i, one event with probability sigmoid(logit)) and the flagship
//    (trump-kim-summit: monthly timeline, conditional venue events), each
//    a. on 1 thread: simulateSync (the core engine, no workers);
//    b. on all cores, threads started for the call: simulate(..., { workers: cores });
//    c. on all cores, pooled threads (started once, before the rounds): simulate(..., { pool }).
//    Every run's results hash must be the same (bit-identical for any number of threads).
//    Before and after each round, CORES spinning threads measure how many cores this process
//    can actually have (other jobs share the machine): no parallel ratio can beat that.
// 2. Squiggle (@quri/squiggle-lang), the equivalent reference-model program with
//    sampleCount = trials, `mean(p)` as the answer; its library and stdlib are warmed up first.
// 3. Time to a 95% half-width of 0.001 (±0.1 pp) on every flagship event: 1 thread and all cores;
//    and the time of the default sensitivity analysis of the flagship (3 runs, 1 thread).
// 4. Memory: the reference model for 10M and 100M trials on all cores, each in a fresh child
//    process: peak RSS (sampled every 20 ms; it includes the worker threads) and the main
//    thread's heap retained after a full GC at 10% of the run and at its end. Memory must not
//    grow with trials.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { BETAS, f, median, MUS, pad, padr, option, privateBuild, quantile, REFERENCE, SD, trackPeakRss } from './lib/shared.mjs';

// Every run starts worker threads from dist/worker.js, and a build started meanwhile (several
// people share this tree) deletes dist/ first: so the bench runs a private copy of the build it
// started with (bench/lib/shared.mjs).
const childAt = process.argv.indexOf('--memory-child');
const { lib, build: BUILD } = await privateBuild('peers', childAt >= 0 ? process.argv[childAt + 2] : undefined);

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

const TRIALS = option('peers', '--trials', 1_000_000);
const ROUNDS = option('peers', '--rounds', 5);
const MEMORY_TRIALS = option('peers', '--memory-trials', 100_000_000);
const SKIP_MEMORY = process.argv.includes('--skip-memory');
const SEED = 'bench-peers';
const CORES = os.availableParallelism();
const HALF_WIDTH = 0.001;
const TARGET_PARALLEL = 1.8; // engine on all cores (2 here) vs 1 thread
const TARGET_SQUIGGLE = 20; // engine vs Squiggle

const SQUIGGLE = [
  ...BETAS.map(([a, b], i) => `x${i + 1} = beta(${a}, ${b})`),
  ...MUS.map((m, i) => `w${i + 1} = normal(${m}, ${SD})`),
  `logOdds = -2 + ${BETAS.map((_, i) => `w${i + 1} * x${i + 1}`).join(' + ')}`,
  'p = 1 / (1 + exp(-logOdds))',
  'mean(p)',
].join('\n');
const FLAGSHIP = lib.builtinScenario('trump-kim-summit');

// ---------------------------------------------------------------------------------------------
// Memory child: one long run, peak memory reported as JSON on stdout
// ---------------------------------------------------------------------------------------------

if (childAt >= 0) {
  // Started with --expose-gc: the main thread's heap is measured after a full collection (what
  // is retained, not what garbage happens to be waiting), early in the run and at its end.
  const trials = Number(process.argv[childAt + 1]);
  const retained = () => {
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  let early;
  const peakRss = trackPeakRss();
  const t0 = performance.now();
  const r = await lib.simulate(REFERENCE, {
    seed: SEED,
    trials,
    workers: CORES,
    onProgress: (p) => {
      if (early === undefined && p.trials >= trials / 10) early = { trials: p.trials, heap: retained() };
    },
  });
  const ms = performance.now() - t0;
  const maxRssKb = peakRss();
  console.log(JSON.stringify({ trials: r.trials, ms, maxRssKb, early, heapEnd: retained(), p: r.events.p.probability }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const pairedRatio = (a, b) => median(a.map((x, i) => x / b[i])); // median of same-round ratios
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

// gc() without --expose-gc on the command line: set the flag, then take gc from a new context.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

/** Wall-clock ms and CPU ms of the whole process (all threads: the workers' time counts). */
async function time(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

/**
 * How many cores this process can have right now: CORES threads spinning for 300 ms do this
 * many times the work of one. Other jobs on a shared machine lower it, and it caps what any
 * parallel run measured in the same round can gain.
 */
async function availableCores() {
  const code = `const { parentPort } = require('node:worker_threads');
    parentPort.once('message', () => { const t = Date.now(); let n = 0, x = 0;
      while (Date.now() - t < 300) { for (let i = 0; i < 1e4; i++) x += Math.sqrt(x + i); n++; }
      parentPort.postMessage(n + (x < 0 ? 1 : 0)); });`;
  const spin = async (k) => {
    const threads = Array.from({ length: k }, () => new Worker(code, { eval: true }));
    await Promise.all(threads.map((w) => new Promise((ready) => w.once('online', ready))));
    const work = await Promise.all(threads.map((w) => new Promise((done) => { w.once('message', done); w.postMessage('go'); })));
    await Promise.all(threads.map((w) => w.terminate()));
    return work.reduce((a, b) => a + b, 0);
  };
  const one = await spin(1);
  return (await spin(CORES)) / one;
}

// ---------------------------------------------------------------------------------------------
// 1-2. Throughput: engine 1 thread, all cores per call, all cores pooled, Squiggle
// ---------------------------------------------------------------------------------------------

const { run: squiggleRun, defaultEnvironment } = await import('@quri/squiggle-lang');
async function squiggle(samples) {
  const out = await squiggleRun(SQUIGGLE, { environment: { ...defaultEnvironment, sampleCount: samples, seed: SEED } });
  if (!out.result.ok) throw new Error(`Squiggle failed: ${out.result.value}`);
  return out.result.value.result.value; // mean(p)
}

const started = performance.now();
console.log(`bench/peers.mjs: ${TRIALS.toLocaleString('en-US')} trials, ${ROUNDS} rounds, ${CORES} cores; load average at start ${load()}`);

const pool = new lib.WorkerPool(CORES);
const candidates = [
  { name: 'reference', label: 'reference, engine 1 thread', run: () => lib.simulateSync(REFERENCE, { seed: SEED, trials: TRIALS }) },
  { name: 'reference', label: `reference, engine ${CORES} threads (started per call)`, run: () => lib.simulate(REFERENCE, { seed: SEED, trials: TRIALS, workers: CORES }) },
  { name: 'reference', label: `reference, engine ${CORES} threads (pooled)`, run: () => lib.simulate(REFERENCE, { seed: SEED, trials: TRIALS, pool }) },
  { name: 'reference', label: `reference, Squiggle ${'(1 thread)'}`, run: () => squiggle(TRIALS), squiggle: true },
  { name: 'flagship', label: 'flagship, engine 1 thread', run: () => lib.simulateSync(FLAGSHIP, { seed: SEED, trials: TRIALS }) },
  { name: 'flagship', label: `flagship, engine ${CORES} threads (started per call)`, run: () => lib.simulate(FLAGSHIP, { seed: SEED, trials: TRIALS, workers: CORES }) },
  { name: 'flagship', label: `flagship, engine ${CORES} threads (pooled)`, run: () => lib.simulate(FLAGSHIP, { seed: SEED, trials: TRIALS, pool }) },
];
for (const c of candidates) {
  c.ms = [];
  c.cpuMs = [];
}

// Warm-up, untimed: V8 tiers up the engine, the pool's threads start, Squiggle loads its stdlib.
for (const c of candidates) {
  if (c.squiggle) await squiggle(10_000);
  else await c.run();
}
const available = [];
for (let round = 0; round < ROUNDS; round++) {
  available.push(await availableCores());
  // Rotate the order so no candidate always runs first or after the same neighbour.
  const order = candidates.map((_, i) => candidates[(i + round) % candidates.length]);
  for (const c of order) {
    // A full collection before each timed run, untimed: Squiggle leaves hundreds of MB of
    // garbage, which would otherwise be collected during (and slow) whatever runs next here.
    collectGarbage();
    const { ms, cpuMs, value } = await time(c.run);
    c.ms.push(ms);
    c.cpuMs.push(cpuMs);
    c.last = value;
  }
  available.push(await availableCores());
  process.stderr.write(`  round ${round + 1}/${ROUNDS} done (load ${load()}; ${CORES} spinning threads did ${f(available.at(-2), 2)}x and ${f(available.at(-1), 2)}x one thread's work before and after)\n`);
}
await pool.terminate();

// Bit-identity check: every engine run of a model has one results hash.
for (const name of ['reference', 'flagship']) {
  const hashes = new Set(candidates.filter((c) => c.name === name && !c.squiggle).map((c) => c.last.manifest.resultsHash));
  if (hashes.size !== 1) {
    console.error(`bench/peers.mjs: ${name}: results differ between 1 thread and ${CORES} threads (${[...hashes].join(', ')})`);
    process.exit(1);
  }
}

const [ref1, refCall, refPool, sq, flag1, flagCall, flagPool] = candidates;
const rate = (c) => TRIALS / (median(c.ms) / 1000);

console.log();
console.log(`| run | trials/s (median) | time (median) | IQR | vs engine 1 thread | CPU time | cores busy (CPU/wall) |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (const c of candidates) {
  const base = c.name === 'flagship' ? flag1 : ref1;
  const iqr = (quantile(c.ms, 0.75) - quantile(c.ms, 0.25)) / median(c.ms);
  const busy = median(c.cpuMs.map((x, i) => x / c.ms[i]));
  console.log(`| ${c.label} | ${f(rate(c) / 1e6, 3)} M | ${f(median(c.ms) / 1000, 3)} s | ${f(iqr * 100, 0)}% | ${f(pairedRatio(base.ms, c.ms), 2)}x | ${f(median(c.cpuMs) / 1000, 2)} s | ${f(busy, 2)} |`);
}
console.log();
console.log(`Cores this process could have, measured before and after each round (${CORES} spinning threads / 1): median ${f(median(available), 2)}, range ${f(Math.min(...available), 2)}-${f(Math.max(...available), 2)}. A ${CORES}-thread run cannot gain more than that over 1 thread in the same round.`);
console.log(`CPU time counts every thread of this process. "cores busy" below ${CORES} for a ${CORES}-thread run, or below 1 for a 1-thread run, means other processes had the cores; the parallel overhead is the ratio of CPU times (pooled ${CORES} threads / 1 thread): reference ${f(pairedRatio(refPool.cpuMs, ref1.cpuMs), 2)}x, flagship ${f(pairedRatio(flagPool.cpuMs, flag1.cpuMs), 2)}x.`);

const engineP = ref1.last.events.p;
console.log();
console.log(`Same answer: engine P = ${engineP.probability.toFixed(5)} ± ${(1.96 * engineP.standardError).toFixed(5)} (95%); Squiggle mean(p) = ${Number(sq.last).toFixed(5)} (its own random numbers, so equal within sampling error only).`);

// ---------------------------------------------------------------------------------------------
// 3. Time to ±0.1 pp on the flagship
// ---------------------------------------------------------------------------------------------

const hw1 = await time(() => lib.simulateSync(FLAGSHIP, { seed: SEED, halfWidth: HALF_WIDTH }));
const hwN = await time(() => lib.simulate(FLAGSHIP, { seed: SEED, halfWidth: HALF_WIDTH, workers: CORES }));
if (hw1.value.manifest.resultsHash !== hwN.value.manifest.resultsHash) {
  console.error('bench/peers.mjs: the half-width run differs between 1 thread and all cores');
  process.exit(1);
}
const widest = Object.entries(hw1.value.events).sort((a, b) => b[1].ci95[1] - b[1].ci95[0] - (a[1].ci95[1] - a[1].ci95[0]))[0];
console.log();
console.log(`Flagship to a 95% half-width of ${HALF_WIDTH} on every event: ${hw1.value.trials.toLocaleString('en-US')} trials (${hw1.value.stoppedBecause}; widest: ${widest[0]}, ${f((widest[1].ci95[1] - widest[1].ci95[0]) / 2 * 100, 3)} pp)`);
console.log(`  1 thread: ${f(hw1.ms / 1000, 2)} s; ${CORES} threads (started per call): ${f(hwN.ms / 1000, 2)} s; summit ${(hw1.value.events.summit.probability * 100).toFixed(2)}% [${(hw1.value.events.summit.ci95[0] * 100).toFixed(2)}, ${(hw1.value.events.summit.ci95[1] * 100).toFixed(2)}]`);

// ---------------------------------------------------------------------------------------------
// 3b. The default sensitivity analysis of the flagship (what `scenario-odds sensitivity
//     trump-kim-summit` runs): tornado swings and Sobol indices with bootstrap intervals
// ---------------------------------------------------------------------------------------------

const sensitivity = [];
for (let i = 0; i < 3; i++) {
  collectGarbage();
  sensitivity.push(await time(() => lib.analyzeSensitivitySync(FLAGSHIP, { seed: SEED })));
}
const sens = sensitivity[0].value;
console.log(`Default sensitivity analysis of the flagship (analyzeSensitivitySync with default options, 1 thread; ${sens.sobolSamples.toLocaleString('en-US')} Sobol base samples, ${sens.bootstrap} bootstrap resamples, ${sens.tornado.length} tornado bars, ${sens.sobol.length} Sobol rows): median ${f(median(sensitivity.map((r) => r.ms)) / 1000, 2)} s of 3 runs (${sensitivity.map((r) => f(r.ms / 1000, 2)).join(', ')} s)`);

// ---------------------------------------------------------------------------------------------
// 4. Memory at 10M and 100M trials
// ---------------------------------------------------------------------------------------------

const memory = [];
if (!SKIP_MEMORY) {
  for (const trials of [Math.max(1, Math.round(MEMORY_TRIALS / 10)), MEMORY_TRIALS]) {
    process.stderr.write(`  memory run: ${trials.toLocaleString('en-US')} trials on ${CORES} threads...\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-child', String(trials), BUILD], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) {
      console.error(`bench/peers.mjs: the ${trials}-trial memory run failed:\n${child.stderr}`);
      process.exit(1);
    }
    memory.push(JSON.parse(child.stdout.trim().split('\n').at(-1)));
  }
  console.log();
  console.log('| reference model, all cores | time | trials/s | peak RSS (sampled, all threads) | main heap retained at 10% of the run | at the end |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const m of memory) console.log(`| ${m.trials.toLocaleString('en-US')} trials | ${f(m.ms / 1000, 1)} s | ${f(m.trials / m.ms / 1000, 3)} M | ${f(m.maxRssKb / 1024, 0)} MB | ${f(m.early.heap / 2 ** 20, 1)} MB | ${f(m.heapEnd / 2 ** 20, 1)} MB |`);
  const [small, large] = memory;
  console.log(`At ${large.trials.toLocaleString('en-US')} vs ${small.trials.toLocaleString('en-US')} trials: peak RSS ${f(large.maxRssKb / small.maxRssKb, 2)}x, retained main heap at the end ${f(large.heapEnd / small.heapEnd, 2)}x (near 1: memory does not grow with trials).`);
  console.log(`Long runs amortise the threads' start: ${f(large.trials / large.ms / 1000, 3)} M trials/s on ${CORES} threads at ${large.trials.toLocaleString('en-US')} trials = ${f(large.trials / large.ms / 1000 / (rate(ref1) / 1e6), 2)}x the 1-thread rate above (different runs, not same-round).`);
}

// ---------------------------------------------------------------------------------------------
// Ratios and targets
// ---------------------------------------------------------------------------------------------

const check = (x, target) => `${f(x, 2)}x ${x >= target ? 'MET' : 'NOT MET'} (target >= ${target}x)`;
const roundRatio = (a, b) => a.ms.map((x, i) => x / b.ms[i]);
// Per round: the speedup over what the machine offered in that round (mean of its before/after).
const efficiency = (base, c) => median(roundRatio(base, c).map((r, i) => r / ((available[2 * i] + available[2 * i + 1]) / 2)));
console.log();
console.log(`Ratios (median of same-round ratios), ${CORES} cores:`);
console.log(`  engine ${CORES} threads / 1 thread, reference: pooled ${check(pairedRatio(ref1.ms, refPool.ms), TARGET_PARALLEL)}; started per call ${check(pairedRatio(ref1.ms, refCall.ms), TARGET_PARALLEL)}`);
console.log(`  engine ${CORES} threads / 1 thread, flagship:  pooled ${check(pairedRatio(flag1.ms, flagPool.ms), TARGET_PARALLEL)}; started per call ${check(pairedRatio(flag1.ms, flagCall.ms), TARGET_PARALLEL)}`);
console.log(`  the same as a share of the cores available in each round (1 = all of them used): reference pooled ${f(efficiency(ref1, refPool), 2)}, per call ${f(efficiency(ref1, refCall), 2)}; flagship pooled ${f(efficiency(flag1, flagPool), 2)}, per call ${f(efficiency(flag1, flagCall), 2)}`);
console.log(`  engine / Squiggle, reference: 1 thread ${check(pairedRatio(sq.ms, ref1.ms), TARGET_SQUIGGLE)}; ${CORES} threads pooled ${check(pairedRatio(sq.ms, refPool.ms), TARGET_SQUIGGLE)}`);
console.log();
console.log(`Machine: nproc ${CORES}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${os.platform()}-${os.arch()}; load average at end ${load()} (1, 5, 15 min).`);
console.log(`(total ${f((performance.now() - started) / 1000, 1)} s)`);
