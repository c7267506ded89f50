#!/usr/bin/env node
// Our worker pool against piscina (issue 14, item 1: prefer a well-kept pool library unless it
// costs speed or determinism).
//
//   node bench/pool.mjs [--rounds R] [--trials N]
//
// Both run from the sources (through tsx) under the same chunk executor (`executeChunks`), the
// same reducers and the same merge: only the pool differs. Piscina gets each job's data once,
// as a SharedArrayBuffer every task refers to (no copy per chunk), and each thread prepares a
// job once. Workloads: `run` on the issue-7 reference model (N trials, default 20,000,000) and
// `sensitivity` on the flagship (400,000 trials, 200,000 Sobol rows), on 2 threads; medians of
// R interleaved rounds (default 3), and the results must be identical.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { Piscina } from 'piscina';
import { f, median, option, pad, padr, REFERENCE } from './lib/shared.mjs';

const { tsImport } = await import('tsx/esm/api');
const src = (path) => tsImport(new URL(`../src/${path}`, import.meta.url).href, import.meta.url);
const [{ RunState }, { setupSimulation }, { executeChunks, jobOf }, { WorkerPool }, { fromWire }, { runReduction }, { sensitivityReduction }, { builtinScenario }] = await Promise.all(
  ['engine/driver.ts', 'engine/setup.ts', 'node/parallel.ts', 'node/pool.ts', 'node/protocol.ts', 'node/analyses.ts', 'analysis/sensitivity.ts', 'scenarios/index.ts'].map(src),
);

const ROUNDS = option('pool', '--rounds', 3);
const TRIALS = option('pool', '--trials', 20_000_000);
const THREADS = 2;
const SEED = 'bench-pool';
const FLAGSHIP = builtinScenario('trump-kim-summit');

/** Piscina behind the four methods the chunk executor uses. */
class PiscinaPool {
  size = THREADS;
  #next = 0;
  #jobs = new Map();
  #piscina = new Piscina({ filename: new URL('./lib/piscina-task.mjs', import.meta.url).href, minThreads: THREADS, maxThreads: THREADS, execArgv: [] });

  open(job) {
    const bytes = serialize(job.data);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const id = this.#next++;
    this.#jobs.set(id, { kind: job.kind, data: shared.buffer });
    return id;
  }

  close(id) {
    this.#jobs.delete(id);
  }

  async runChunk(id, spec) {
    const { kind, data } = this.#jobs.get(id);
    const out = await this.#piscina.run({ key: `${process.pid}:${id}`, kind, data, index: spec.index, count: spec.count });
    if (out.error) throw fromWire(out.error);
    return out.result;
  }

  terminate() {
    return this.#piscina.destroy();
  }
}

async function runOn(pool) {
  const state = new RunState(setupSimulation(REFERENCE, { seed: SEED, trials: TRIALS }), {});
  await executeChunks(pool, jobOf(state.sim), state);
  return state.finish('trials').manifest.resultsHash;
}
const sensitivityOn = async (pool) => JSON.stringify(await runReduction(sensitivityReduction(FLAGSHIP, { seed: SEED, trials: 400_000, sobolSamples: 200_000, asOf: '2026-12-04' }), { pool }));

const pools = { 'our WorkerPool': new WorkerPool(THREADS), piscina: new PiscinaPool() };
const workloads = { [`run, reference model, ${TRIALS.toLocaleString('en-US')} trials`]: runOn, 'sensitivity, flagship': sensitivityOn };
console.log(`Pools on ${THREADS} threads, ${ROUNDS} rounds; load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const times = new Map();
for (const [w, go] of Object.entries(workloads)) {
  const results = new Set();
  for (const p of Object.values(pools)) results.add(await go(p)); // warm-up, untimed
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? Object.entries(pools) : Object.entries(pools).reverse();
    for (const [name, p] of order) {
      const t0 = performance.now();
      results.add(await go(p));
      (times.get(`${w}|${name}`) ?? times.set(`${w}|${name}`, []).get(`${w}|${name}`)).push(performance.now() - t0);
    }
  }
  if (results.size !== 1) {
    console.error(`bench/pool.mjs: ${w}: the pools gave different results`);
    process.exit(1);
  }
}
for (const p of Object.values(pools)) await p.terminate();
console.log(`  ${padr('workload', 44)}${pad('our pool (s)', 14)}${pad('piscina (s)', 13)}${pad('piscina / ours', 16)}`);
for (const w of Object.keys(workloads)) {
  const [ours, theirs] = ['our WorkerPool', 'piscina'].map((n) => times.get(`${w}|${n}`));
  const ratio = median(theirs.map((t, i) => t / ours[i]));
  console.log(`  ${padr(w, 44)}${pad(f(median(ours) / 1000), 14)}${pad(f(median(theirs) / 1000), 13)}${pad(f(ratio, 3), 16)}`);
}
console.log('Same results from both pools in every round.');
