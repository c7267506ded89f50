#!/usr/bin/env node
// Which seedrandom algorithm should back the engine's streams (src/rng/index.ts)?
//
//   node bench/rng.mjs
//
// Every candidate is measured in this one process, after warm-up, with the measurements
// interleaved round-robin (so machine noise hits all candidates alike); only ratios and
// same-run numbers are meaningful. The statistical checks use fixed seeds, so they give the
// same numbers on every run; only the timings move. Takes ~15-25 s on a 2-core machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import seedrandom from 'seedrandom';
import alea from 'seedrandom/lib/alea.js';
import xor4096 from 'seedrandom/lib/xor4096.js';
import tychei from 'seedrandom/lib/tychei.js';
import xorwow from 'seedrandom/lib/xorwow.js';
import xor128 from 'seedrandom/lib/xor128.js';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

const CURRENT = 'tychei'; // what src/rng/index.ts uses today (RNG_ALGORITHM = 'seedrandom-tychei')
const SEED = 'bench-rng'; // run seed for every derived stream below
// Engine-shaped workload for 1M trials: one stream per (chunk, factor), ~1,200 streams per 1M
// trials, e.g. 100 chunks of 10,000 trials x 12 factors, each stream filling its 10,000-double column.
const CHUNKS = 100;
const FACTORS = 12;
const CHUNK_SIZE = 10000;
const CHUNKS_PER_ROUND = 10; // each timed round runs 10 chunks (120 streams); scaled to 100 chunks
const BATCH = 65536; // doubles per fill call in the long-stream throughput test
// Short measurements, many interleaved rounds: this VM's speed drifts by up to ~2x over
// seconds (noisy neighbours), so every candidate is sampled all through the run.
const WARMUP_ROUNDS = 3; // untimed full rounds first: lets V8's background compiler settle
const ROUNDS = 31; // timed rounds per candidate, interleaved (median reported)
const TARGET_MS = 30; // length of one timed throughput measurement
const SEED_KEYS = 300; // distinct keys per seeding measurement
const K_CHUNKS = 256; // streams for chunks 0..K-1 (one seed, one node)
const NODES = 'abcdefghijklmnopqrstuvwxyz'.split(''); // streams for nodes a..z (one chunk)
const N = 10000; // draws compared per pair of streams
const K_FIRST = 4096; // streams whose first draws form one sequence (first-draw test)
const L = 1000000; // length of the single stream for the lag / range / resolution tests
const LAGS = 8;
const Z = 4.5; // |r| > Z/sqrt(n) is flagged; under independence r ~ N(0, 1/n)
const P_TWO_SIDED_Z = 6.795e-6; // P(|N(0,1)| > 4.5)

// ---------------------------------------------------------------------------------------------
// Candidates and stream keys (derived exactly as streamKey() in src/rng/index.ts)
// ---------------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const CANDIDATES = [
  { name: 'arc4', make: (k) => seedrandom(k), file: 'seedrandom/seedrandom.js', indexVar: 'sr' },
  { name: 'alea', make: alea, file: 'seedrandom/lib/alea.js' },
  { name: 'xor4096', make: xor4096, file: 'seedrandom/lib/xor4096.js' },
  { name: 'tychei', make: tychei, file: 'seedrandom/lib/tychei.js' },
  { name: 'xorwow', make: xorwow, file: 'seedrandom/lib/xorwow.js' },
  { name: 'xor128', make: xor128, file: 'seedrandom/lib/xor128.js' },
];
const BASELINE = 'arc4';

const STREAM_DOMAIN = 'scenario-odds/v1';
const streamKey = (seed, chunk, node) =>
  bytesToHex(sha256(utf8ToBytes(JSON.stringify([STREAM_DOMAIN, seed, chunk, node]))));

let sink = 0; // keeps results observable so nothing is optimised away
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q, lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[lo + 1] ?? s[lo]) - s[lo]);
};
const median = (xs) => quantile(xs, 0.5);
const pairedRatio = (a, b) => median(a.map((x, i) => x / b[i])); // same-round ratios
const iqr = (xs) => (quantile(xs, 0.75) - quantile(xs, 0.25)) / median(xs); // relative

// ---------------------------------------------------------------------------------------------
// 4. Is double() strictly inside (0, 1) by construction? (read from the installed sources)
// ---------------------------------------------------------------------------------------------

function constructionCheck(c) {
  const src = readFileSync(require.resolve(c.file), 'utf8');
  const body = (src.match(/prng\.double = function\(\) \{([\s\S]*?)\n {2}\};/) || [])[1];
  if (body && /while \(result === 0\)/.test(body) && /\/ \(1 << 21\)/.test(body) && />>> 11/.test(body)) {
    // (top21 + bot32 / 2^32) / 2^21, top21 = next() >>> 11, rejected while 0.
    const max = ((0xffffffff >>> 11) + 0xffffffff / 0x100000000) / (1 << 21);
    return {
      inside: max < 1,
      why: `53-bit (hi21 + lo32/2^32)/2^21, loops while 0; max = 1 - 2^${Math.log2(1 - max).toFixed(0)}`,
    };
  }
  if (/prng\.double = prng;/.test(src) && /while \(n < significance\)/.test(src) && /while \(n >= overflow\)/.test(src)) {
    return {
      inside: true,
      why: 'numerator refilled until >= 2^52 (never 0); n + x <= d - 1 (never 1)',
    };
  }
  if (body && !/while/.test(body)) {
    // No rejection loop. For alea, exhibit a state from which double() returns exactly 0.
    let witness = '';
    if (c.name === 'alea') {
      const r = alea('', { state: { c: 0, s0: 0, s1: 0, s2: 0.5 } });
      const u = r.double();
      witness = `; state {c:0,s0:0,s1:0,s2:0.5} -> double() = ${u}`;
    }
    return { inside: false, why: `no guard against 0${witness}` };
  }
  return { inside: false, why: 'double() not recognised; check by hand' };
}

// Published test-suite record, from the comments in seedrandom/index.js.
function publishedRecord() {
  const src = readFileSync(require.resolve('seedrandom/index.js'), 'utf8');
  const out = {};
  for (const m of src.matchAll(/((?:\/\/.*\n)+)var (\w+) = require/g)) {
    const text = m[1];
    const fail = text.match(/Reported to fail: ([^\n]*?)\.?\n/);
    out[m[2]] = fail
      ? { clean: false, text: `fails ${fail[1]}` }
      : /pass all BigCrush|No systematic BigCrush failures/.test(text)
        ? { clean: true, text: 'passes BigCrush' }
        : { clean: null, text: 'not stated' };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 3. Statistics on derived streams
// ---------------------------------------------------------------------------------------------

function draws(prng, n) {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = prng.double();
  return a;
}

function pearson(x, y, n = Math.min(x.length, y.length), ox = 0, oy = 0) {
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[ox + i]; my += y[oy + i]; }
  mx /= n; my /= n;
  let sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[ox + i] - mx, dy = y[oy + i] - my;
    sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function neighbourMaxR(make, keys, n) {
  let prev = draws(make(keys[0]), n), max = 0;
  for (let i = 1; i < keys.length; i++) {
    const cur = draws(make(keys[i]), n);
    max = Math.max(max, Math.abs(pearson(prev, cur)));
    prev = cur;
  }
  return { max, pairs: keys.length - 1, bound: Z / Math.sqrt(n) };
}

function quality(c) {
  const chunkKeys = Array.from({ length: K_CHUNKS }, (_, i) => streamKey(SEED, i, 'x'));
  const nodeKeys = NODES.map((node) => streamKey(SEED, 0, node));
  const chunks = neighbourMaxR(c.make, chunkKeys, N);
  const nodes = neighbourMaxR(c.make, nodeKeys, N);

  // First draw of streams for chunks 0..K_FIRST-1, as one sequence: lag-1 correlation.
  const first = new Float64Array(K_FIRST);
  for (let i = 0; i < K_FIRST; i++) first[i] = c.make(streamKey(SEED, i, 'first')).double();
  const firstR = Math.abs(pearson(first, first, K_FIRST - 1, 0, 1));
  const firstBound = Z / Math.sqrt(K_FIRST - 1);

  // One long stream: autocorrelation at lags 1..LAGS, range, resolution below 2^-32.
  const long = draws(c.make(streamKey(SEED, 0, 'long')), L);
  let lagMax = 0;
  for (let k = 1; k <= LAGS; k++) lagMax = Math.max(lagMax, Math.abs(pearson(long, long, L - k, 0, k)));
  const lagBound = Z / Math.sqrt(L - LAGS);
  let zeroOrOne = 0, lowBits = 0, min = 1, max = 0;
  for (let i = 0; i < L; i++) {
    const u = long[i];
    if (u <= 0 || u >= 1) zeroOrOne++;
    if ((u * 4294967296) % 1 !== 0) lowBits++;
    if (u < min) min = u;
    if (u > max) max = u;
  }
  const lowFrac = lowBits / L;
  const flags = [];
  if (chunks.max > chunks.bound) flags.push('chunks');
  if (nodes.max > nodes.bound) flags.push('nodes');
  if (firstR > firstBound) flags.push('first-draw');
  if (lagMax > lagBound) flags.push('lag');
  return {
    chunks, nodes, firstR, firstBound, lagMax, lagBound, zeroOrOne, lowFrac, min, max,
    res53: lowFrac > 0.999, // 53-bit: all but ~2^-21 of values have bits below 2^-32
    flags,
    tests: chunks.pairs + nodes.pairs + 1 + LAGS,
  };
}

// ---------------------------------------------------------------------------------------------
// 1-2. Timing
// ---------------------------------------------------------------------------------------------

// One fill function per candidate (fresh closure => its own monomorphic call site, as in the
// engine, where only one algorithm is ever used).
const makeFill = () =>
  new Function('next', 'out', 'for (let i = 0; i < out.length; i++) out[i] = next(); return out[out.length - 1];');

function setupTiming(c) {
  // Separate fill functions: the long-stream test sees one double() closure, the workload sees
  // a new one per stream; sharing a call site would let one test deoptimise the other.
  const fill = makeFill();
  const fillColumn = makeFill();
  // 1. Throughput of one long-lived stream.
  const prng = c.make(streamKey(SEED, 0, 'throughput'));
  const out = new Float64Array(BATCH);
  const next = prng.double;
  for (let i = 0; i < 8; i++) sink += fill(next, out); // warm-up
  let t = performance.now(), b = 0;
  while (performance.now() - t < 40) { sink += fill(next, out); b++; } // calibration
  const batches = Math.max(2, Math.round((TARGET_MS * b) / (performance.now() - t)));
  c.throughput = () => {
    const t0 = performance.now();
    for (let i = 0; i < batches; i++) sink += fill(next, out);
    return (batches * BATCH) / (performance.now() - t0) / 1000; // M draws/s
  };
  // 2. Seeding: make(key) plus the first double(), over SEED_KEYS distinct keys.
  const keys = Array.from({ length: SEED_KEYS }, (_, i) => streamKey(SEED, i, 'seeding'));
  c.seeding = () => {
    const t0 = performance.now();
    for (let i = 0; i < keys.length; i++) sink += c.make(keys[i]).double();
    return ((performance.now() - t0) * 1000) / keys.length; // µs per seeding
  };
  // Engine-shaped 1M trials: a fresh stream per (chunk, factor) filling its column.
  const workKeys = [];
  for (let ch = 0; ch < CHUNKS; ch++) for (let fa = 0; fa < FACTORS; fa++) workKeys.push(streamKey(SEED, ch, `f${fa}`));
  const column = new Float64Array(CHUNK_SIZE);
  const perRound = CHUNKS_PER_ROUND * FACTORS;
  let at = 0;
  c.workload = () => {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) sink += fillColumn(c.make(workKeys[at + i]).double, column);
    const ms = performance.now() - t0;
    at = (at + perRound) % workKeys.length;
    return (ms * CHUNKS) / CHUNKS_PER_ROUND; // ms per 1M trials
  };
  c.seeding(); c.seeding(); c.workload(); c.workload(); // warm-up
  c.rates = [];
  c.seeds = [];
  c.works = [];
}

function keyCostMicros() {
  let t0 = performance.now();
  for (let i = 0; i < 2000; i++) sink += streamKey(SEED, i, 'warm').length;
  t0 = performance.now();
  const n = 5000;
  for (let i = 0; i < n; i++) sink += streamKey(SEED, i, 'node').length;
  return ((performance.now() - t0) * 1000) / n;
}

// ---------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------

const started = performance.now();
const published = publishedRecord();
for (const c of CANDIDATES) {
  c.construction = constructionCheck(c);
  c.published = published[c.indexVar ?? c.name] ?? { clean: null, text: 'not stated' };
  c.q = quality(c);
}
for (const c of CANDIDATES) setupTiming(c);
for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
  // Rotate the order every round so no candidate always runs first or last.
  for (let j = 0; j < CANDIDATES.length; j++) {
    const c = CANDIDATES[(j + r) % CANDIDATES.length];
    const rate = c.throughput(), seed = c.seeding(), work = c.workload();
    if (r < WARMUP_ROUNDS) continue;
    c.rates.push(rate);
    c.seeds.push(seed);
    c.works.push(work);
  }
}
const keyUs = keyCostMicros();

const base = CANDIDATES.find((c) => c.name === BASELINE);
for (const c of CANDIDATES) {
  c.rate = median(c.rates);
  c.spread = iqr(c.rates);
  c.seedUs = median(c.seeds);
  c.workMs = median(c.works);
  c.workSpread = iqr(c.works);
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const pad = (s, n) => String(s).padStart(n);
const padr = (s, n) => String(s).padEnd(n);
const f = (x, d) => x.toFixed(d);
const cols = [
  ['rng', 8, (c) => c.name, 'l'],
  ['M dbl/s', 8, (c) => f(c.rate, 1)],
  ['IQR', 4, (c) => `${f(c.spread * 100, 0)}%`],
  ['x arc4', 6, (c) => f(pairedRatio(c.rates, base.rates), 2)],
  ['seed µs', 7, (c) => f(c.seedUs, 2)],
  ['x arc4', 6, (c) => f(pairedRatio(c.seeds, base.seeds), 2)],
  ['ms/1M tr', 8, (c) => f(c.workMs, 0)],
  ['IQR', 4, (c) => `${f(c.workSpread * 100, 0)}%`],
  ['x arc4', 6, (c) => f(pairedRatio(c.works, base.works), 2)],
  ['max r chunks', 12, (c) => f(c.q.chunks.max, 4)],
  ['max r nodes', 11, (c) => f(c.q.nodes.max, 4)],
  ['r 1st-draw', 10, (c) => f(c.q.firstR, 4)],
  ['max r lag1-8', 12, (c) => f(c.q.lagMax, 5)],
  ['0/1 seen', 8, (c) => c.q.zeroOrOne],
  ['<2^-32 bits', 11, (c) => f(c.q.lowFrac, 6)],
  ['flag', 6, (c) => (c.q.flags.length ? c.q.flags.join('+') : 'none'), 'l'],
  ['(0,1) by constr.', 16, (c) => (c.construction.inside ? 'yes' : 'NO'), 'l'],
  ['BigCrush (seedrandom docs)', 0, (c) => c.published.text, 'l'],
];
const line = (cells) => `| ${cells.join(' | ')} |`;
const header = line(cols.map(([h, w, , a]) => (a === 'l' ? padr(h, w) : pad(h, w))));
const rule = line(cols.map(([h, w, , a]) => (a === 'l' ? '-'.repeat(Math.max(w, h.length)) : `${'-'.repeat(Math.max(w, h.length) - 1)}:`)));

const q0 = CANDIDATES[0].q;
console.log(`# seedrandom candidates for scenario-odds streams`);
console.log(`# node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${os.platform()}-${os.arch()}`);
console.log();
console.log(header);
console.log(rule);
for (const c of CANDIDATES) console.log(line(cols.map(([, w, fn, a]) => (a === 'l' ? padr(fn(c), w) : pad(fn(c), w)))));
console.log();
console.log(`Throughput: median of ${ROUNDS} interleaved rounds (after ${WARMUP_ROUNDS} untimed) of ~${TARGET_MS} ms filling Float64Array(${BATCH}) with .double(); IQR = interquartile range / median.`);
console.log(`x arc4: median over rounds of the same-round ratio to arc4 (robust to the machine's speed drifting between rounds).`);
console.log(`Seeding: µs per make(key) + first double() over ${SEED_KEYS} keys (median of ${ROUNDS}); SHA-256 key derivation adds ${f(keyUs, 2)} µs for every candidate.`);
console.log(`ms/1M tr: measured engine-shaped 1M trials: ${CHUNKS * FACTORS} streams (${CHUNKS} chunks x ${FACTORS} factors), each created from its key and filling a ${CHUNK_SIZE}-double column;`);
console.log(`  timed ${CHUNKS_PER_ROUND} chunks per round, scaled x${CHUNKS / CHUNKS_PER_ROUND} (median of ${ROUNDS}).`);
console.log(`Correlation (r columns are |r|): Pearson r between the first ${N} doubles of neighbouring streams: chunks 0..${K_CHUNKS - 1} (${q0.chunks.pairs} pairs) and nodes a..z (${q0.nodes.pairs} pairs);`);
console.log(`  first-draw r: lag-1 r of the first double of ${K_FIRST} chunk streams; lag1-8: max |autocorrelation| of one ${L}-draw stream.`);
console.log(`  Under independence r ~ N(0, 1/n); flag when |r| > ${Z}/sqrt(n): ${f(q0.chunks.bound, 4)} (n=${N}), ${f(q0.firstBound, 4)} (n=${K_FIRST - 1}), ${f(q0.lagBound, 5)} (n=${L - LAGS}).`);
console.log(`  ${q0.tests} tests per candidate x P(|Z|>${Z}) = ${P_TWO_SIDED_Z} -> family-wise false-alarm rate ${f(q0.tests * P_TWO_SIDED_Z * 100, 2)}% per candidate.`);
console.log(`<2^-32 bits: fraction of ${L} doubles with non-zero bits below 2^-32 (53-bit: ~1 - 2^-21; 32-bit: 0). 0/1 seen: draws <= 0 or >= 1.`);
console.log();
console.log('double() strictly inside (0,1) by construction (from the installed sources):');
for (const c of CANDIDATES) console.log(`  ${padr(c.name, 8)} ${c.construction.inside ? 'yes' : 'NO '}  ${c.construction.why}`);
console.log();

const ok = (c) => c.q.flags.length === 0 && c.construction.inside && c.q.res53 && c.q.zeroOrOne === 0;
const eligible = CANDIDATES.filter(ok).sort((a, b) => a.workMs - b.workMs);
const clean = eligible.filter((c) => c.published.clean !== false);
const cur = CANDIDATES.find((c) => c.name === CURRENT);
const describe = (c) =>
  `${c.name} (${f(c.workMs, 0)} ms per 1M engine trials = ${f(pairedRatio(c.works, base.works), 2)}x arc4; ${f(c.rate, 1)} M dbl/s; ${f(c.seedUs, 2)} µs/seed)`;
// Paired per-round comparison (same round => same machine conditions).
const paired = (a, b) => {
  const r = a.works.map((w, i) => w / b.works[i]);
  return { med: median(r), wins: r.filter((x) => x < 1).length, n: r.length };
};
if (eligible.length === 0) {
  console.log('Recommendation: none of the candidates passes every check.');
} else {
  const pick = clean[0] ?? eligible[0];
  if (eligible[0] !== pick) {
    console.log(`Fastest passing this bench's own checks: ${describe(eligible[0])}; not recommended: seedrandom documents that it ${eligible[0].published.text}.`);
  }
  let vs = 'which is what src/rng uses: keep it';
  if (pick !== cur) {
    const p = paired(pick, cur);
    vs = `vs current ${cur.name}: same-round time ratio ${f(p.med, 2)} (faster in ${p.wins}/${p.n} rounds), ${f(pairedRatio(pick.rates, cur.rates), 2)}x long-stream throughput, ${f(pairedRatio(pick.seeds, cur.seeds), 2)}x seeding cost`;
  }
  console.log(`Recommendation: ${describe(pick)}: fastest with no correlation flag, 53-bit double() strictly in (0,1)${clean.length ? ' and no reported BigCrush failure' : ''}; ${vs}.`);
}
console.log(`(total ${f((performance.now() - started) / 1000, 1)} s; sink ${sink > 0 ? 'ok' : sink})`);
