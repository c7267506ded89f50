#!/usr/bin/env node
// How close is the engine to hand-written loops of the same model, and how fast does the CLI start?
//
//   npx tsup && node bench/engine.mjs [--trials N] [--reps R]
//
// Imports the BUILT package (../dist/index.js), never src/: build first. Defaults: 1,000,000
// trials per run, 9 timed rounds; 30-45 s on the 2-core VM at load average ~3 (~100 s at 16).
//
// Every candidate runs in this one process, after warm-up, in interleaved rounds (the order
// alternates between rounds). This VM's speed drifts, so every ratio is computed within a round
// (same-round times) and the median over rounds is reported; trials/s are medians too and only
// describe this run.
//
// 1. The reference model of issue 7: factors x1..x6 ~ Beta(2,5) Beta(8,2) Beta(5,3) Beta(3,3)
//    Beta(2,2) Beta(1,4); weights w1..w6 ~ Normal(mu_i, 0.3) with mu = 0.5 -0.4 0.8 -0.2 0.3
//    -0.6; logOdds = -2 + w1*x1 + ... + w6*x6; one event with P = sigmoid(logOdds). (`logit` is
//    the name of a formula function, so the derived node is called `logOdds`.)
//    Both hand-written loops use the engine's streams: seedrandom's Tyche-i, one stream per factor
//    per 10,000-trial chunk, seeded with the SHA-256 key of ["scenario-odds/v1", seed, chunk,
//    name]; and the library's sampling algorithms, replicated: Doornik's 128-layer ziggurat for
//    the normal (not Marsaglia's polar method), Marsaglia–Tsang with its squeeze for the gammas,
//    Beta = X/(X+Y). So every trial's probability is bit-identical to the engine's (checked
//    below). Each fills one chunk-long Float64Array per factor (allocated once), then one fused
//    loop computes sigmoid(logOdds) and its Neumaier sums (of p and p²).
//    a. "hand-written, inlined" (the local ceiling): Tyche-i stepped in local variables, the
//       ziggurat and gamma fast paths inlined by hand; seedrandom's tychei seeds each stream and
//       hands over its state ({ state: true }), so the draws are seedrandom's own.
//    a'. "hand-written, seedrandom calls": plain functions like the library's (stdNormal,
//       gammaMT) calling seedrandom's generator `.double()` for every draw, as the engine does.
//    b. The engine: simulateSync(scenario, { seed, trials }) on the model written as a scenario.
// 2. examples/four-factors.json through simulateSync.
// 3. Cold start: `node -e 0`, `node dist/cli.js --version`, `node dist/cli.js run four-factors
//    --trials 100000 --seed 1`, spawned in turn, wall-clock ms.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import tychei from 'seedrandom/lib/tychei.js';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist', 'index.js');
const CLI = join(ROOT, 'dist', 'cli.js');
if (!existsSync(DIST) || !existsSync(CLI)) {
  console.error('bench/engine.mjs: dist/ is missing; build first (npx tsup or npm run build)');
  process.exit(2);
}
const { simulateSync, CHUNK_SIZE, RNG_ALGORITHM, VERSION } = await import(DIST);

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) {
    console.error(`bench/engine.mjs: ${name} needs a positive whole number (got ${process.argv[i + 1]})`);
    process.exit(2);
  }
  return v;
}
const TRIALS = option('--trials', 1_000_000);
const REPS = option('--reps', 9); // timed rounds (medians over these)
const WARMUP_ROUNDS = 2; // untimed rounds first, at WARMUP_TRIALS: lets V8 tier up every path
const WARMUP_TRIALS = Math.min(TRIALS, 200_000);
const SPAWN_REPS = 9; // cold-start rounds, each spawning the three commands in turn
const SPAWN_WARMUP = 2; // untimed rounds first (file cache)
const COLD_TRIALS = 100_000;
const SEED = 'bench-engine';
const STREAM_DOMAIN = 'scenario-odds/v1';
if (RNG_ALGORITHM !== 'seedrandom-tychei' || CHUNK_SIZE !== 10_000) {
  console.error(`bench/engine.mjs: the hand-written loops replicate tychei streams and 10,000-trial chunks; this build has ${RNG_ALGORITHM}, chunk ${CHUNK_SIZE}`);
  process.exit(2);
}

// The issue-7 reference model.
const BETAS = [[2, 5], [8, 2], [5, 3], [3, 3], [2, 2], [1, 4]];
const MUS = [0.5, -0.4, 0.8, -0.2, 0.3, -0.6];
const SD = 0.3;
const INTERCEPT = -2;
const K = BETAS.length;
const X_NAMES = BETAS.map((_, i) => `x${i + 1}`);
const W_NAMES = MUS.map((_, i) => `w${i + 1}`);

const ISSUE7 = {
  id: 'issue-7-reference',
  title: 'Issue 7 reference model: 6 Beta factors, 6 Normal weights, one sigmoid event',
  factors: Object.fromEntries([
    ...BETAS.map(([alpha, beta], i) => [X_NAMES[i], { dist: 'beta', alpha, beta }]),
    ...MUS.map((mean, i) => [W_NAMES[i], { dist: 'normal', mean, sd: SD }]),
  ]),
  derived: { logOdds: `${INTERCEPT} + ${X_NAMES.map((x, i) => `${W_NAMES[i]} * ${x}`).join(' + ')}` },
  events: { p: 'sigmoid(logOdds)' },
};
const FOUR_FACTORS = JSON.parse(readFileSync(join(ROOT, 'examples', 'four-factors.json'), 'utf8'));

// ---------------------------------------------------------------------------------------------
// Shared by both hand-written loops
// ---------------------------------------------------------------------------------------------

// Stream keys exactly as src/rng/index.ts derives them.
const streamKey = (seed, chunk, node) =>
  bytesToHex(sha256(utf8ToBytes(JSON.stringify([STREAM_DOMAIN, seed, chunk, node]))));

// Ziggurat, 128 layers (Marsaglia & Tsang 2000, in Doornik's 2005 form): the algorithm and
// constants of src/distributions/variates.ts, so the normals are bit-identical to the library's.
const ZIG_LAYERS = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_LAYERS + 1);
const ZIG_SIGNED_X = new Float64Array(2 * ZIG_LAYERS);
const ZIG_RATIO = new Float64Array(2 * ZIG_LAYERS);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  ZIG_X[ZIG_LAYERS] = 0;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1] + f));
    f = Math.exp(-0.5 * ZIG_X[i] * ZIG_X[i]);
  }
  for (let j = 0; j < 2 * ZIG_LAYERS; j++) {
    const i = j & (ZIG_LAYERS - 1);
    ZIG_SIGNED_X[j] = j & ZIG_LAYERS ? -ZIG_X[i] : ZIG_X[i];
    ZIG_RATIO[j] = ZIG_X[i + 1] / ZIG_X[i];
  }
}

// Marsaglia–Tsang constants per shape (all shapes here are >= 1): d = shape - 1/3, c = 1/sqrt(9d).
const DA = Float64Array.from(BETAS, ([a]) => a - 1 / 3);
const CA = Float64Array.from(DA, (d) => 1 / Math.sqrt(9 * d));
const DB = Float64Array.from(BETAS, ([, b]) => b - 1 / 3);
const CB = Float64Array.from(DB, (d) => 1 / Math.sqrt(9 * d));
const MU = Float64Array.from(MUS);

// One chunk-long column per factor, allocated once; both loops fill them, then sumChunk reads them.
const XCOL = X_NAMES.map(() => new Float64Array(CHUNK_SIZE));
const WCOL = W_NAMES.map(() => new Float64Array(CHUNK_SIZE));
const SUMS = new Float64Array(4); // Neumaier: sum of p, its compensation, sum of p^2, its compensation

/** Adds sigmoid(-2 + sum w_i x_i) of trials [0, n) of the columns into SUMS. */
function sumChunk(n) {
  let s = SUMS[0], cs = SUMS[1], q = SUMS[2], cq = SUMS[3];
  const [x1, x2, x3, x4, x5, x6] = XCOL;
  const [w1, w2, w3, w4, w5, w6] = WCOL;
  for (let i = 0; i < n; i++) {
    // Left to right, as the engine evaluates the formula: ((-2 + w1*x1) + w2*x2) + ...
    const z = INTERCEPT + w1[i] * x1[i] + w2[i] * x2[i] + w3[i] * x3[i] + w4[i] * x4[i] + w5[i] * x5[i] + w6[i] * x6[i];
    let p;
    if (z >= 0) p = 1 / (1 + Math.exp(-z)); // the library's sigmoid, split at 0
    else {
      const e = Math.exp(z);
      p = e / (1 + e);
    }
    let t = s + p;
    cs += Math.abs(s) >= Math.abs(p) ? s - t + p : p - t + s;
    s = t;
    const p2 = p * p;
    t = q + p2;
    cq += q >= p2 ? q - t + p2 : p2 - t + q;
    q = t;
  }
  SUMS[0] = s; SUMS[1] = cs; SUMS[2] = q; SUMS[3] = cq;
}

function estimateFromSums(trials) {
  const mean = (SUMS[0] + SUMS[1]) / trials;
  const variance = Math.max(0, (SUMS[2] + SUMS[3] - trials * mean * mean) / (trials - 1));
  return { probability: mean, standardError: Math.sqrt(variance / trials) };
}

// ---------------------------------------------------------------------------------------------
// a'. Hand-written, seedrandom calls: the library's function structure, one .double() call per draw
// ---------------------------------------------------------------------------------------------

// `dbl` is a seedrandom tychei generator's .double (53 bits, strictly inside (0, 1)).
function normalSlow(dbl, i, u) {
  if (i === 0) {
    let x, y;
    do {
      x = Math.log(dbl()) / ZIG_R;
      y = Math.log(dbl());
    } while (-2 * y < x * x);
    return ZIG_R - x;
  }
  const x = u * ZIG_X[i];
  const x2 = x * x;
  const f0 = Math.exp(-0.5 * (ZIG_X[i] * ZIG_X[i] - x2));
  const f1 = Math.exp(-0.5 * (ZIG_X[i + 1] * ZIG_X[i + 1] - x2));
  return f1 + dbl() * (f0 - f1) < 1 ? x : NaN;
}

function stdNormal(dbl) {
  for (;;) {
    const t = dbl() * 256;
    const j = t | 0;
    const u = t - j;
    if (u < ZIG_RATIO[j]) return u * ZIG_SIGNED_X[j];
    const r = normalSlow(dbl, j & (ZIG_LAYERS - 1), u);
    if (r === r) return j & ZIG_LAYERS ? -r : r;
  }
}

function gammaMT(dbl, d, c) {
  for (;;) {
    let x, v;
    do {
      x = stdNormal(dbl);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = dbl();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

function fillBetaCalls(dbl, da, ca, db, cb, out, n) {
  for (let i = 0; i < n; i++) {
    const gx = gammaMT(dbl, da, ca);
    const gy = gammaMT(dbl, db, cb);
    out[i] = gx / (gx + gy);
  }
}

function fillNormalCalls(dbl, mu, sd, out, n) {
  for (let i = 0; i < n; i++) out[i] = mu + sd * stdNormal(dbl);
}

function handCalls(seed, trials) {
  SUMS.fill(0);
  for (let chunk = 0; chunk * CHUNK_SIZE < trials; chunk++) {
    const n = Math.min(CHUNK_SIZE, trials - chunk * CHUNK_SIZE);
    for (let f = 0; f < K; f++) {
      fillBetaCalls(tychei(streamKey(seed, chunk, X_NAMES[f])).double, DA[f], CA[f], DB[f], CB[f], XCOL[f], n);
      fillNormalCalls(tychei(streamKey(seed, chunk, W_NAMES[f])).double, MU[f], SD, WCOL[f], n);
    }
    sumChunk(n);
  }
  return estimateFromSums(trials);
}

// ---------------------------------------------------------------------------------------------
// a. Hand-written, inlined (the local ceiling): Tyche-i stepped in locals, samplers inlined
// ---------------------------------------------------------------------------------------------

// The state (a, b, c, d) of the stream being drawn from, between calls.
const ST = new Int32Array(4);

/** Seeds ST exactly as seedrandom's tychei(key) would be seeded. */
function seedState(key) {
  const s = tychei(key, { state: true }).state();
  ST[0] = s.a; ST[1] = s.b; ST[2] = s.c; ST[3] = s.d;
}

// One 53-bit draw from ST: seedrandom's tychei .double() (two next() steps, retried while 0).
// The fill loops below inline the same code; this copy serves the rare slow paths only.
function draw53() {
  let a = ST[0], b = ST[1], c = ST[2], d = ST[3], r;
  do {
    b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
    const top = a >>> 11;
    b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
    r = (top + (a >>> 0) / 0x100000000) / 2097152;
  } while (r === 0);
  ST[0] = a; ST[1] = b; ST[2] = c; ST[3] = d;
  return r;
}

/** The ziggurat after its fast test failed for (j, u): slow case, then retries; draws from ST. */
function normalAfterMiss(j, u) {
  for (;;) {
    const i = j & (ZIG_LAYERS - 1);
    let r;
    if (i === 0) {
      let x, y;
      do {
        x = Math.log(draw53()) / ZIG_R;
        y = Math.log(draw53());
      } while (-2 * y < x * x);
      r = ZIG_R - x;
    } else {
      const x = u * ZIG_X[i];
      const x2 = x * x;
      const f0 = Math.exp(-0.5 * (ZIG_X[i] * ZIG_X[i] - x2));
      const f1 = Math.exp(-0.5 * (ZIG_X[i + 1] * ZIG_X[i + 1] - x2));
      r = f1 + draw53() * (f0 - f1) < 1 ? x : NaN;
    }
    if (r === r) return j & ZIG_LAYERS ? -r : r;
    const t = draw53() * 256;
    j = t | 0;
    u = t - j;
    if (u < ZIG_RATIO[j]) return u * ZIG_SIGNED_X[j];
  }
}

/** Beta column from the stream in ST: per trial Gamma(alpha) then Gamma(beta), one gamma code path. */
function fillBetaInline(da, ca, db, cb, out, n) {
  let a = ST[0], b = ST[1], c = ST[2], d = ST[3];
  let gx = 0;
  for (let j = 0, m = 2 * n; j < m; j++) {
    const second = j & 1;
    const dd = second ? db : da;
    const cc = second ? cb : ca;
    let g;
    for (;;) {
      let x, v;
      do {
        let r;
        do {
          b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
          b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
          const top = a >>> 11;
          b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
          b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
          r = (top + (a >>> 0) / 0x100000000) / 2097152;
        } while (r === 0);
        const t = r * 256;
        const jj = t | 0;
        const u = t - jj;
        if (u < ZIG_RATIO[jj]) x = u * ZIG_SIGNED_X[jj];
        else {
          ST[0] = a; ST[1] = b; ST[2] = c; ST[3] = d;
          x = normalAfterMiss(jj, u);
          a = ST[0]; b = ST[1]; c = ST[2]; d = ST[3];
        }
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      let u;
      do {
        b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
        b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
        const top = a >>> 11;
        b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
        b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
        u = (top + (a >>> 0) / 0x100000000) / 2097152;
      } while (u === 0);
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + dd * (1 - v + Math.log(v))) {
        g = dd * v;
        break;
      }
    }
    if (second) out[j >> 1] = gx / (gx + g);
    else gx = g;
  }
  ST[0] = a; ST[1] = b; ST[2] = c; ST[3] = d;
}

/** Normal(mu, sd) column from the stream in ST. */
function fillNormalInline(mu, sd, out, n) {
  let a = ST[0], b = ST[1], c = ST[2], d = ST[3];
  for (let i = 0; i < n; i++) {
    let r;
    do {
      b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
      b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
      const top = a >>> 11;
      b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
      b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
      r = (top + (a >>> 0) / 0x100000000) / 2097152;
    } while (r === 0);
    const t = r * 256;
    const j = t | 0;
    const u = t - j;
    let z;
    if (u < ZIG_RATIO[j]) z = u * ZIG_SIGNED_X[j];
    else {
      ST[0] = a; ST[1] = b; ST[2] = c; ST[3] = d;
      z = normalAfterMiss(j, u);
      a = ST[0]; b = ST[1]; c = ST[2]; d = ST[3];
    }
    out[i] = mu + sd * z;
  }
  ST[0] = a; ST[1] = b; ST[2] = c; ST[3] = d;
}

function handInline(seed, trials) {
  SUMS.fill(0);
  for (let chunk = 0; chunk * CHUNK_SIZE < trials; chunk++) {
    const n = Math.min(CHUNK_SIZE, trials - chunk * CHUNK_SIZE);
    for (let f = 0; f < K; f++) {
      seedState(streamKey(seed, chunk, X_NAMES[f]));
      fillBetaInline(DA[f], CA[f], DB[f], CB[f], XCOL[f], n);
      seedState(streamKey(seed, chunk, W_NAMES[f]));
      fillNormalInline(MU[f], SD, WCOL[f], n);
    }
    sumChunk(n);
  }
  return estimateFromSums(trials);
}

// ---------------------------------------------------------------------------------------------
// Untimed check: the hand-written samplers draw exactly what the engine draws
// ---------------------------------------------------------------------------------------------

// Per-factor means over two chunks from both hand-written samplers vs the engine's node means
// (Neumaier sums here, exact sums in the engine: equal up to the last bit or so).
function replicaCheck() {
  const chunks = 2;
  const n = chunks * CHUNK_SIZE;
  const means = (fill) => {
    const sums = new Float64Array(2 * K);
    for (let chunk = 0; chunk < chunks; chunk++) {
      fill(chunk);
      for (let f = 0; f < 2 * K; f++) {
        const col = f < K ? XCOL[f] : WCOL[f - K];
        let s = 0, cs = 0;
        for (let i = 0; i < CHUNK_SIZE; i++) {
          const v = col[i], t = s + v;
          cs += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
          s = t;
        }
        sums[f] += s + cs;
      }
    }
    return Array.from(sums, (s) => s / n);
  };
  const calls = means((chunk) => {
    for (let f = 0; f < K; f++) {
      fillBetaCalls(tychei(streamKey(SEED, chunk, X_NAMES[f])).double, DA[f], CA[f], DB[f], CB[f], XCOL[f], CHUNK_SIZE);
      fillNormalCalls(tychei(streamKey(SEED, chunk, W_NAMES[f])).double, MU[f], SD, WCOL[f], CHUNK_SIZE);
    }
  });
  const inline = means((chunk) => {
    for (let f = 0; f < K; f++) {
      seedState(streamKey(SEED, chunk, X_NAMES[f]));
      fillBetaInline(DA[f], CA[f], DB[f], CB[f], XCOL[f], CHUNK_SIZE);
      seedState(streamKey(SEED, chunk, W_NAMES[f]));
      fillNormalInline(MU[f], SD, WCOL[f], CHUNK_SIZE);
    }
  });
  const engine = simulateSync(ISSUE7, { seed: SEED, trials: n }).nodes;
  let worst = 0;
  [...X_NAMES, ...W_NAMES].forEach((name, f) => {
    const ref = engine[name].mean;
    worst = Math.max(worst, Math.abs(calls[f] - ref) / Math.abs(ref), Math.abs(inline[f] - ref) / Math.abs(ref));
  });
  return { factors: 2 * K, trials: n, worstRelDiff: worst };
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q, lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[lo + 1] ?? s[lo]) - s[lo]);
};
const median = (xs) => quantile(xs, 0.5);
const iqr = (xs) => (quantile(xs, 0.75) - quantile(xs, 0.25)) / median(xs);
const pairedRatio = (a, b) => median(a.map((x, i) => x / b[i])); // median of same-round a/b

let sink = 0;
function time(fn) {
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  sink += r.probability;
  return { ms, r };
}

// ---------------------------------------------------------------------------------------------
// 1-2. Throughput
// ---------------------------------------------------------------------------------------------

const started = performance.now();
const load0 = os.loadavg();
const check = replicaCheck();

const CANDIDATES = [
  { key: 'inline', label: 'issue 7, hand-written, inlined', run: (n) => handInline(SEED, n) },
  { key: 'calls', label: 'issue 7, hand-written, seedrandom calls', run: (n) => handCalls(SEED, n) },
  { key: 'engine', label: 'issue 7, simulateSync', run: (n) => simulateSync(ISSUE7, { seed: SEED, trials: n }).events.p },
  { key: 'four', label: 'four-factors.json, simulateSync', run: (n) => simulateSync(FOUR_FACTORS, { seed: SEED, trials: n }).events.summit },
];
for (let w = 0; w < WARMUP_ROUNDS; w++) for (const c of CANDIDATES) time(() => c.run(WARMUP_TRIALS));

const ms = Object.fromEntries(CANDIDATES.map((c) => [c.key, []]));
const last = {};
// The engine runs right next to the ceiling in every round, so their ratio sees the least drift.
const TIMING_ORDER = ['inline', 'engine', 'calls', 'four'].map((k) => CANDIDATES.find((c) => c.key === k));
for (let rep = 0; rep < REPS; rep++) {
  const order = rep % 2 === 0 ? TIMING_ORDER : [...TIMING_ORDER].reverse();
  for (const c of order) {
    const { ms: t, r } = time(() => c.run(TRIALS));
    ms[c.key].push(t);
    last[c.key] = r;
  }
}
const throughputDone = performance.now();

// ---------------------------------------------------------------------------------------------
// Report: throughput (printed before the cold-start spawns)
// ---------------------------------------------------------------------------------------------

const fmtInt = (x) => Math.round(x).toLocaleString('en-US');
const row = (cells, widths) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
const rule = (widths) => `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : '-'.repeat(w - 1) + ':')).join(' | ')} |`;
const pct = (x) => `${(100 * x).toFixed(0)}%`;
const est = (r) => `${r.probability.toFixed(6)} ± ${r.standardError.toFixed(6)}`;

const cpu = os.cpus()[0]?.model ?? 'unknown';
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
console.log(`scenario-odds ${VERSION} (dist/), ${RNG_ALGORITHM}, chunk ${CHUNK_SIZE}; node ${process.version}, ${os.platform()}-${os.arch()}, ${cores} cores, CPU "${cpu}"`);
console.log(`${TRIALS.toLocaleString('en-US')} trials per run; median of ${REPS} interleaved rounds after ${WARMUP_ROUNDS} warm-up rounds of ${WARMUP_TRIALS.toLocaleString('en-US')}; seed "${SEED}"`);
console.log('');

// Throughput ratio of X to Y in one round = time(Y) / time(X).
const speed = (x, y) => pairedRatio(ms[y], ms[x]);
const widths = [39, 9, 4, 9, 10, 10, 21];
console.log(row(['run', 'median ms', 'IQR', 'trials/s', 'x inlined', 'x calls', 'estimate ± SE'], widths));
console.log(rule(widths));
for (const c of CANDIDATES) {
  const four = c.key === 'four';
  console.log(row([
    c.label,
    fmtInt(median(ms[c.key])),
    pct(iqr(ms[c.key])),
    fmtInt(median(ms[c.key].map((t) => TRIALS / (t / 1000)))),
    four ? '' : speed(c.key, 'inline').toFixed(2),
    four ? '' : speed(c.key, 'calls').toFixed(2),
    est(last[c.key]),
  ], widths));
}
console.log('');
const ratio = speed('engine', 'inline');
const perRound = ms.inline.map((t, i) => t / ms.engine[i]);
const vsCalls = speed('engine', 'calls');
console.log(`x inlined / x calls: throughput relative to that hand-written loop, the median of the ${REPS} same-round ratios.`);
console.log(`engine / hand-written (inlined, the local ceiling): ${ratio.toFixed(2)} (rounds ${Math.min(...perRound).toFixed(2)}-${Math.max(...perRound).toFixed(2)}); issue 7 target >= 0.9: ${ratio >= 0.9 ? 'met' : 'NOT met'}`);
console.log(`engine / hand-written (seedrandom calls, the engine's own structure): ${vsCalls.toFixed(2)}`);
const diff = last.engine.probability - last.inline.probability;
const se = Math.hypot(last.engine.standardError, last.inline.standardError);
const bitEqual = last.inline.probability === last.engine.probability && last.calls.probability === last.engine.probability;
console.log(`estimates: engine ${last.engine.probability}, hand-written ${last.inline.probability} / ${last.calls.probability}: difference ${diff.toExponential(2)} = ${(diff / se).toFixed(4)} SE -> ${Math.abs(diff) <= 4 * se ? 'agree within 4 SE' : 'DISAGREE by more than 4 SE'}${bitEqual ? ' (bit-identical)' : ''}`);
console.log(`replica check (untimed, ${check.trials.toLocaleString('en-US')} trials): ${check.factors} factor means of both hand-written samplers vs the engine's, worst relative difference ${check.worstRelDiff.toExponential(1)} -> ${check.worstRelDiff < 1e-12 ? 'the same draws as the engine' : 'the draws DIFFER from the engine\'s'}`);
console.log(`four-factors.json: ${fmtInt(median(ms.four.map((t) => TRIALS / (t / 1000))))} trials/s, ${(median(ms.four) / 1000).toFixed(2)} s for ${TRIALS.toLocaleString('en-US')} trials; ${speed('four', 'engine').toFixed(2)}x the issue-7 model's trials/s`);
console.log('');

// ---------------------------------------------------------------------------------------------
// 3. Cold start
// ---------------------------------------------------------------------------------------------

const COMMANDS = [
  { key: 'bare', label: 'node -e 0', args: ['-e', '0'] },
  { key: 'version', label: 'node dist/cli.js --version', args: [CLI, '--version'], targetMs: 300 },
  {
    key: 'run',
    label: `node dist/cli.js run four-factors --trials ${COLD_TRIALS} --seed 1`,
    args: [CLI, 'run', 'four-factors', '--trials', String(COLD_TRIALS), '--seed', '1'],
    targetMs: 600,
  },
];
function spawnMs(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const t = performance.now() - t0;
  if (r.status !== 0) {
    console.error(`bench/engine.mjs: node ${args.join(' ')} exited ${r.status} (was dist/ being rebuilt meanwhile?)\n${r.stderr}`);
    process.exit(1);
  }
  return t;
}
const spawnTimes = Object.fromEntries(COMMANDS.map((c) => [c.key, []]));
for (let rep = 0; rep < SPAWN_WARMUP + SPAWN_REPS; rep++) {
  const order = rep % 2 === 0 ? COMMANDS : [...COMMANDS].reverse();
  for (const c of order) {
    const t = spawnMs(c.args);
    if (rep >= SPAWN_WARMUP) spawnTimes[c.key].push(t);
  }
}
const load1 = os.loadavg();


const cw = [62, 9, 4, 6, 11, 10];
console.log(row(['cold start (spawned, wall clock)', 'median ms', 'IQR', 'min ms', 'x node -e 0', 'target'], cw));
console.log(rule(cw));
for (const c of COMMANDS) {
  const t = spawnTimes[c.key];
  const x = c.key === 'bare' ? '1.00' : pairedRatio(t, spawnTimes.bare).toFixed(2);
  const target = c.targetMs ? `< ${c.targetMs} ${median(t) < c.targetMs ? 'ok' : 'MISS'}` : '';
  console.log(row([c.label, fmtInt(median(t)), pct(iqr(t)), fmtInt(Math.min(...t)), x, target], cw));
}
console.log('');
console.log(`Cold start: ${SPAWN_REPS} rounds after ${SPAWN_WARMUP} untimed, the three commands spawned in turn (order alternating), output piped; x node -e 0 = median same-round ratio.`);
console.log(`Load average (1 min): ${load0[0].toFixed(2)} at start, ${load1[0].toFixed(2)} at end, on ${cores} cores; other jobs may share this machine.`);
console.log(`(throughput ${((throughputDone - started) / 1000).toFixed(1)} s, total ${((performance.now() - started) / 1000).toFixed(1)} s; sink ${Number.isFinite(sink) ? 'ok' : sink})`);
