#!/usr/bin/env node
// Our worker pool against piscina (issue 14, item 1: prefer a well-kept pool library unless it
// costs speed or determinism).
//
//   node bench/pool.mjs [--pairs P] [--trials N]
//
// Both run from the sources (through tsx) under the same chunk executor (`executeChunks`), the
// same reducers and the same merge: only the pool differs. Piscina gets each job's data once,
// as a SharedArrayBuffer every task refers to (no copy per chunk), each thread prepares a job
// once, and it runs in the configuration that did best in trials: two tasks queued per thread
// (as our pool keeps two chunks in flight per thread) and no timing histograms.
//
// Each measurement is a fresh process (`--child POOL WORKLOAD`) that starts its pool, warms it
// up, and times one run: wall-clock seconds and the calling thread's share of all CPU time (what
// predicts scaling on many cores). Processes alternate ours/piscina for P pairs (default 6), and
// the ratio is the median of the pairs' ratios, because this VM's speed drifts over minutes.
// Workloads: `run` on the issue-7 reference model (N trials, default 20,000,000: 2,000 small
// chunks, where per-chunk overhead shows most) and `sensitivity` on the flagship (400,000
// trials, 200,000 Sobol rows), on 2 threads; every process of a workload must give the same result.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import { f, mainThreadMs, median, option, pad, padr, REFERENCE } from './lib/shared.mjs';

const PAIRS = option('pool', '--pairs', 6);
const TRIALS = option('pool', '--trials', 20_000_000);
const THREADS = 2;
const SEED = 'bench-pool';
const POOLS = ['ours', 'piscina'];
const WORKLOADS = { run: `run, reference model, ${TRIALS.toLocaleString('en-US')} trials`, sensitivity: 'sensitivity, flagship' };

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) await child(process.argv[childAt + 1], process.argv[childAt + 2]);
else parent();

async function child(poolName, workload) {
  const { tsImport } = await import('tsx/esm/api');
  const src = (path) => tsImport(new URL(`../src/${path}`, import.meta.url).href, import.meta.url);
  const [{ RunState }, { setupSimulation }, { executeChunks, jobOf }, { WorkerPool }, { fromWire }, { runReduction }, { sensitivityReduction }, { builtinScenario }] = await Promise.all(
    ['engine/driver.ts', 'engine/setup.ts', 'node/parallel.ts', 'node/pool.ts', 'node/protocol.ts', 'node/analyses.ts', 'analysis/sensitivity.ts', 'scenarios/index.ts'].map(src),
  );
  const { Piscina } = await import('piscina');

  /** Piscina behind the four methods the chunk executor uses. */
  class PiscinaPool {
    size = THREADS;
    #next = 0;
    #jobs = new Map();
    #piscina = new Piscina({
      filename: new URL('./lib/piscina-task.mjs', import.meta.url).href,
      minThreads: THREADS,
      maxThreads: THREADS,
      concurrentTasksPerWorker: 2,
      recordTiming: false,
      execArgv: [],
    });

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

  const go = {
    async run(pool, trials) {
      const state = new RunState(setupSimulation(REFERENCE, { seed: SEED, trials }), {});
      await executeChunks(pool, jobOf(state.sim), state);
      return state.finish('trials').manifest.resultsHash;
    },
    async sensitivity(pool, trials) {
      const flagship = builtinScenario('trump-kim-summit');
      return JSON.stringify(await runReduction(sensitivityReduction(flagship, { seed: SEED, trials, sobolSamples: trials / 2, asOf: '2026-12-04' }), { pool }));
    },
  }[workload];
  const pool = poolName === 'piscina' ? new PiscinaPool() : new WorkerPool(THREADS);
  await go(pool, workload === 'run' ? 2_000_000 : 40_000); // warm-up, untimed
  const m0 = mainThreadMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await go(pool, workload === 'run' ? TRIALS : 400_000);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  await pool.terminate();
  console.log(JSON.stringify({ ms, share: (mainThreadMs() - m0) / ((c.user + c.system) / 1000), result }));
}

function parent() {
  console.log(`Pools on ${THREADS} threads, ${PAIRS} pairs of fresh processes; load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const self = fileURLToPath(import.meta.url);
  console.log(`  ${padr('workload', 40)}${pad('ours (s)', 10)}${pad('piscina (s)', 13)}${pad('piscina / ours', 16)}${pad('calling thread: ours', 22)}${pad('piscina', 9)}`);
  for (const [workload, title] of Object.entries(WORKLOADS)) {
    const runs = { ours: [], piscina: [] };
    const results = new Set();
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const name of pair % 2 === 0 ? POOLS : [...POOLS].reverse()) {
        const out = spawnSync(process.execPath, [self, '--child', name, workload, '--trials', String(TRIALS)], { encoding: 'utf8' });
        if (out.status !== 0) {
          console.error(`bench/pool.mjs: the ${name} child for ${workload} failed:\n${out.stderr}`);
          process.exit(1);
        }
        const r = JSON.parse(out.stdout.trim().split('\n').at(-1));
        runs[name].push(r);
        results.add(r.result);
      }
    }
    if (results.size !== 1) {
      console.error(`bench/pool.mjs: ${workload}: the pools gave different results`);
      process.exit(1);
    }
    const ratio = median(runs.piscina.map((r, i) => r.ms / runs.ours[i].ms));
    const [ours, theirs] = POOLS.map((n) => runs[n]);
    const pct = (rs) => `${f(100 * median(rs.map((r) => r.share)))}%`;
    console.log(`  ${padr(title, 40)}${pad(f(median(ours.map((r) => r.ms)) / 1000), 10)}${pad(f(median(theirs.map((r) => r.ms)) / 1000), 13)}${pad(f(ratio, 3), 16)}${pad(pct(ours), 22)}${pad(pct(theirs), 9)}`);
  }
  console.log(`Same results from both pools in every process. Load average at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}.`);
}
