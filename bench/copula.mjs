#!/usr/bin/env node
// What correlating factors costs: a correlated factor is drawn by its quantile function through
// the Gaussian copula instead of its own sampler.
//
//   npx tsup && node bench/copula.mjs [--trials N] [--reps R]
//
// Imports the BUILT package (../dist/index.js): build first. Defaults: 200,000 trials per run,
// 5 timed rounds, about 30 s on the 2-core VM. Each model runs twice in every round, without
// `correlations` (the baseline: each factor's own sampler) and with one pair at rank 0.5, in
// alternating order. Both runs happen in the same round, so each ratio is taken within a round;
// the table reports the median ratio and the median µs per trial over rounds.
//
// Models: a pair of one family and a standard normal, event `b > 0`. The families are beta,
// normal, gamma, t, Poisson, binomial and a mixture, at the parameters the guide's cost
// sentence speaks of (Poisson and binomial with parameters in the millions), and the flagship
// with sanctionsBlocking and russiaAlliance at rank 0.5.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist', 'index.js');
if (!existsSync(DIST)) {
  console.error('bench/copula.mjs: dist/ is missing; build first (npx tsup or npm run build)');
  process.exit(2);
}
const { simulateSync, trumpKimSummit } = await import(DIST);

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) {
    console.error(`bench/copula.mjs: ${name} must be a whole number of at least 1`);
    process.exit(2);
  }
  return v;
}
const TRIALS = option('--trials', 200_000);
const REPS = option('--reps', 5);

const pair = (spec) => ({ id: 'pair', title: 'Pair', factors: { a: spec, b: { dist: 'normal', mean: 0, sd: 1 } }, events: { e: 'b > 0' } });
const MODELS = [
  ['beta(2, 5)', pair({ dist: 'beta', alpha: 2, beta: 5 })],
  ['normal(0, 1)', pair({ dist: 'normal', mean: 0, sd: 1 })],
  ['gamma(3, 2)', pair({ dist: 'gamma', shape: 3, scale: 2 })],
  ['t(4)', pair({ dist: 't', df: 4 })],
  ['poisson(1e6)', pair({ dist: 'poisson', lambda: 1e6 })],
  ['binomial(1e6, 0.3)', pair({ dist: 'binomial', n: 1e6, p: 0.3 })],
  ['mixture of 2', pair({ dist: 'mixture', components: [{ dist: 'normal', mean: 0, sd: 1 }, { dist: 'gamma', shape: 2, scale: 1 }], weights: [0.3, 0.7] })],
];
const correlated = (scenario, a, b) => ({ ...scenario, correlations: [{ factors: [a, b], rank: 0.5 }] });
const CASES = [
  ...MODELS.map(([name, s]) => [name, s, correlated(s, 'a', 'b')]),
  ['flagship', trumpKimSummit, correlated(trumpKimSummit, 'sanctionsBlocking', 'russiaAlliance')],
];

const time = (scenario) => {
  const t0 = performance.now();
  simulateSync(scenario, { seed: 'bench', trials: TRIALS, asOf: '2026-12-04' });
  return performance.now() - t0;
};
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

for (const [, plain, corr] of CASES) (time(plain), time(corr)); // warm-up
const rows = [];
for (const [name, plain, corr] of CASES) {
  const ratios = [];
  const plainUs = [];
  const corrUs = [];
  for (let r = 0; r < REPS; r++) {
    let p, c;
    if (r % 2 === 0) (p = time(plain)), (c = time(corr));
    else (c = time(corr)), (p = time(plain));
    ratios.push(c / p);
    plainUs.push((p * 1000) / TRIALS);
    corrUs.push((c * 1000) / TRIALS);
  }
  rows.push([name, median(plainUs).toFixed(2), median(corrUs).toFixed(2), median(ratios).toFixed(2)]);
}
console.log(`${TRIALS.toLocaleString('en-US')} trials per run, median of ${REPS} rounds`);
console.log('model                    µs/trial independent  µs/trial correlated  ratio');
for (const [name, p, c, ratio] of rows) console.log(`${name.padEnd(24)} ${p.padStart(20)} ${c.padStart(20)} ${ratio.padStart(6)}`);
