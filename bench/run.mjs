#!/usr/bin/env node
// Runs every benchmark, one after the other, each in its own process (so one bench's heap, JIT
// state and worker threads cannot colour the next one's numbers):
//
//   npm run bench            # builds first (tsup), then this
//   node bench/run.mjs [name...]   # only some, e.g. `node bench/run.mjs peers`
//
// Every bench/*.mjs but this file, with their default options: rng.mjs (the RNG choice),
// engine.mjs (the engine against a hand-written loop, cold start), then any other bench in
// alphabetical order (math.mjs: the deterministic elementary functions), and peers.mjs
// (parallel throughput, Squiggle, time to ±0.1 pp, memory: the longest) last. Each prints its
// own table and ratios; see bench/README.md. Exits non-zero if any bench failed, after running all.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIRST = ['rng', 'engine'];
const LAST = ['peers'];
const found = readdirSync(HERE)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .map((f) => f.slice(0, -'.mjs'.length));
const BENCHES = [...FIRST, ...found.filter((b) => !FIRST.includes(b) && !LAST.includes(b)).sort(), ...LAST];

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !BENCHES.includes(a));
if (unknown.length > 0) {
  console.error(`bench/run.mjs: unknown bench ${unknown.join(', ')} (benches: ${BENCHES.join(', ')})`);
  process.exit(2);
}

const failed = [];
for (const name of asked.length > 0 ? asked : BENCHES) {
  const file = join(HERE, `${name}.mjs`);
  console.log(`\n=== bench/${name}.mjs ===\n`);
  if (!existsSync(file)) {
    console.log(`(bench/${name}.mjs does not exist; skipped)`);
    failed.push(`${name} (missing)`);
    continue;
  }
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.log(`\nbench/${name}.mjs failed (${r.signal ?? `exit ${r.status}`}) after ${s} s`);
    failed.push(name);
  } else console.log(`\n(bench/${name}.mjs: ${s} s)`);
}
if (failed.length > 0) {
  console.error(`\nbench/run.mjs: failed: ${failed.join(', ')}`);
  process.exit(1);
}
