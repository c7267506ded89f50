// Prints how many bytes each formula allocates per trial, as JSON: `node --single-threaded
// allocationProbe.mjs BUNDLE FORMULA...`, where BUNDLE is src/expr bundled into one ES module
// (tests/expr/allocation.test.ts builds it). A plain Node process, so the code runs as shipped,
// not through vitest's module runner.
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [bundle, ...formulas] = process.argv.slice(2);
const expr = await import(pathToFileURL(bundle).href);

const n = 1024;
/** How long rounds may go on for the JIT to finish optimizing. */
const SETTLE_MS = 60_000;
/** Batches per measured round: 512 Ki trials, 8 MiB if every trial boxed one double. */
const ROUND_BATCHES = 512;

// Columns x, y, z spread over (0, 1) (a golden-ratio sequence: no random numbers needed to reach every range).
const columns = [0.5, 0.25, 0.75].map((start) => Float64Array.from({ length: n }, (_, i) => (start + i * 0.6180339887498949) % 1));
const slots = new Map([['x', 0], ['y', 1], ['z', 2]]);
const params = new Map([['a', 1.5], ['b', -2]]);

const session = new Session();
session.connect();

/**
 * The fewest bytes allocated per trial in any round, after 1,000 batches to let the JIT settle,
 * by V8's sampling heap profiler (one sample per 512 bytes on average) counting the objects that
 * collections have already freed. A double boxed in a heap number is 16 bytes, so one per trial
 * reads as about 16; none reads as well under 1. Rounds go on until one is under 1 byte a
 * trial, for up to SETTLE_MS: unoptimized code boxes every number, while code that allocates in
 * its optimized form does so in every round, so waiting longer cannot hide it.
 */
async function bytesPerTrial(program) {
  const out = new Float64Array(n);
  for (let k = 0; k < 1000; k++) program.evaluate(columns, out, n);
  let fewest = Infinity;
  const start = performance.now();
  while (fewest >= 1 && (fewest === Infinity || performance.now() - start < SETTLE_MS)) {
    await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
    for (let k = 0; k < ROUND_BATCHES; k++) program.evaluate(columns, out, n);
    const { profile } = await session.post('HeapProfiler.stopSampling');
    fewest = Math.min(fewest, totalSize(profile.head) / (ROUND_BATCHES * n));
  }
  return fewest;
}

function totalSize(node) {
  return node.children.reduce((sum, child) => sum + totalSize(child), node.selfSize);
}

const bytes = {};
for (const formula of formulas) bytes[formula] = await bytesPerTrial(expr.compileFormula(expr.parseFormula(formula), slots, params, n));
session.disconnect();
process.stdout.write(JSON.stringify(bytes));
