/**
 * Sharding across machines (issue 7): `run --shard K/N --json` prints a part document with the
 * exact totals of its chunks; `merge` prints what the unsharded run prints. The library half
 * runs from source; the command-line half runs the built CLI as separate processes, like
 * tests/cli.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateSync } from '../../src/engine/simulate';
import type { SimulationResult } from '../../src/engine/types';
import { mergeParts, runShard, type PartDocument } from '../../src/node/shard';
import { assertBuilt, expectRefusals, FIXTURES, runCli, runMany, show, type CliResult } from '../cli/helpers';
import { correlatedFlagship, everyDistribution, flagship, issueLines, numbers } from './helpers';

/** Through JSON and back, as a part travels between machines (JSON keeps every double exactly). */
const viaJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The merge error as one line per issue, or undefined if it merged. */
const mergeProblems = (parts: unknown[], names?: string[]) => issueLines(() => mergeParts(parts, names));

describe('runShard and mergeParts (library)', () => {
  it('three shards, merged in any order, give the unsharded result bit for bit (timeline, conditionals)', async () => {
    const options = { seed: 'shards', trials: 123_457 };
    const parts = await Promise.all([1, 2, 3].map((k) => runShard(flagship, { ...options, workers: 1 }, { k, n: 3 })));
    expect(parts.map((p) => p.totals.trials)).toEqual([43_457, 40_000, 40_000]);
    const reference = simulateSync(flagship, options);
    for (const order of [[0, 1, 2], [2, 0, 1]]) {
      const merged = mergeParts(order.map((i) => viaJson(parts[i])));
      expect(merged.manifest.resultsHash).toBe(reference.manifest.resultsHash);
      expect(numbers(merged)).toEqual(numbers(reference));
    }
  }, 60_000);

  it('three shards of a model with correlated groups and a mixture merge to the unsharded result bit for bit', async () => {
    const options = { seed: 'corr-shards', trials: 63_457 };
    const parts = await Promise.all([1, 2, 3].map((k) => runShard(correlatedFlagship, { ...options, workers: 1 }, { k, n: 3 })));
    const merged = mergeParts(parts.map(viaJson));
    const reference = simulateSync(correlatedFlagship, options);
    expect(merged.manifest.resultsHash).toBe(reference.manifest.resultsHash);
    expect(numbers(merged)).toEqual(numbers(reference));
  }, 60_000);

  it('shards computed on worker threads merge to the same result; one shard is a valid split too', async () => {
    const options = { seed: 5, trials: 90_000, params: { threshold: 1 } };
    const parts = await Promise.all([1, 2].map((k) => runShard(everyDistribution, { ...options, workers: 2 }, { k, n: 2 })));
    const reference = simulateSync(everyDistribution, options);
    expect(numbers(mergeParts(parts))).toEqual(numbers(reference));
    expect(numbers(mergeParts([await runShard(everyDistribution, options, { k: 1, n: 1 })]))).toEqual(numbers(reference));
  }, 60_000);

  it('refuses a half-width stop, no seed and impossible shards', async () => {
    await expect(runShard(everyDistribution, { trials: 30_000 }, { k: 1, n: 2 })).rejects.toThrow(/seed: a sharded run needs a seed/);
    await expect(runShard(everyDistribution, { seed: 1, halfWidth: 0.01 } as never, { k: 1, n: 2 })).rejects.toThrow(/halfWidth: a sharded run needs a fixed number of trials/);
    await expect(runShard(everyDistribution, { seed: 1, trials: 30_000 }, { k: 1, n: 4 })).rejects.toThrow(/shard: 4 shards, but 30,000 trials make only 3 chunks of 10,000: use at most 3 shards/);
    await expect(runShard(everyDistribution, { seed: 1, trials: 30_000 }, { k: 3, n: 2 })).rejects.toThrow(/shard: must be k of n with 1 <= k <= n/);
  });

  it('refuses parts of different scenarios, seeds or settings, and a shard missing or repeated, one line each', async () => {
    const shard = (scenario = everyDistribution, options: { seed?: number; trials?: number; params?: Record<string, number> } = {}, k = 1, n = 2) =>
      runShard(scenario, { seed: 1, trials: 40_000, asOf: '2026-12-04', ...options }, { k, n });
    const [a, b] = await Promise.all([shard(undefined, {}, 1), shard(undefined, {}, 2)]);
    expect(mergeProblems([a, b])).toBeUndefined();
    expect(mergeProblems([a, await shard(undefined, { seed: 2 }, 2)], ['a.json', 'b.json'])).toEqual(['b.json: is of a different seed than a.json: "2" vs "1"']);
    expect(mergeProblems([a, await shard(flagship, {}, 2)], ['a.json', 'b.json'])?.[0]).toMatch(/^b\.json: is of a different scenario than a\.json: trump-kim-summit [0-9a-f]{12} vs every-distribution [0-9a-f]{12}$/);
    expect(mergeProblems([a, await shard(undefined, { params: { threshold: 1 } }, 2)])?.[0]).toMatch(/^part 2: is of a different scenario than part 1/);
    expect(mergeProblems([a, await shard(undefined, { trials: 50_000 }, 2)])).toEqual(['part 2: is of a different settings (trials, variant, overrides, as-of date, horizon, evidence) than part 1: {"trials":50000,"overrides":{},"asOf":"2026-12-04"} vs {"trials":40000,"overrides":{},"asOf":"2026-12-04"}']);
    expect(mergeProblems([a, await shard(undefined, {}, 2, 3)])).toEqual(['part 2: is of a different shard count than part 1: 2/3 vs 1/2']);
    expect(mergeProblems([a])).toEqual(['shard 2/2 is missing (run it with --shard 2/2)']);
    expect(mergeProblems([a, b, a], ['p1', 'p2', 'p1-again'])).toEqual(['p1-again: repeats shard 1/2 (also in p1)']);
    expect(mergeProblems([a, everyDistribution])).toEqual(['part 2: not a part document (those are printed by `scenario-odds run --shard K/N --json`)']);
    expect(mergeProblems([])).toEqual(['no part documents to merge']);
    // Tampered totals are caught rather than merged into wrong numbers.
    const tampered = viaJson(b) as { totals: { trials: number; ones: number[] } };
    tampered.totals.trials += 1;
    expect(mergeProblems([a, tampered])).toEqual(['part 2: totals.trials is 20001; this shard of the run has 20000']);
    const short = viaJson(b) as { totals: { sum: unknown[] } };
    short.totals.sum.pop();
    expect(mergeProblems([a, short])?.[0]).toMatch(/^part 2: totals\.sum does not fit the scenario/);
    const newer: PartDocument = { ...viaJson(b), engine: { ...b.engine, version: '9.9.9' } };
    expect(mergeProblems([{ ...viaJson(a), engine: newer.engine }, newer])?.[0]).toMatch(/^part 1: was made by scenario-odds 9\.9\.9 .*; this is scenario-odds /);
  }, 60_000);
});

describe('scenario-odds run --shard K/N and merge (separate processes, built CLI)', () => {
  let dir = '';
  const file = (name: string) => join(dir, name);
  // Today, read once: these processes run minutes apart, and each one's default "today" could
  // fall on either side of midnight.
  const today = ['--as-of', new Date().toISOString().slice(0, 10)];
  const args = ['trump-kim-summit', '--seed', '11', '--trials', '123457', ...today];
  let unsharded: CliResult;
  let unshardedText: CliResult;
  let shards: CliResult[];

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'scenario-odds-shards-'));
    // Three shards as three processes (--json > part-K.json), plus the unsharded run.
    [unsharded, unshardedText, ...shards] = await runMany(
      [
        ['run', ...args, '--json'],
        ['run', ...args],
        ...[1, 2, 3].map((k) => ['run', ...args, '--shard', `${k}/3`, '--json']),
      ],
      { timeoutMs: 60_000 },
    );
    shards.forEach((r, i) => writeFileSync(file(`part-${i + 1}.json`), r.stdout));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints a part document per shard', () => {
    for (const r of [unsharded, unshardedText, ...shards]) expect(r.code, show(r)).toBe(0);
    const parts = shards.map((r) => JSON.parse(r.stdout) as PartDocument);
    expect(parts.map((p) => [p.format, p.shard.k, p.shard.n, p.totals.trials])).toEqual([
      ['scenario-odds/part-v2', 1, 3, 43_457],
      ['scenario-odds/part-v2', 2, 3, 40_000],
      ['scenario-odds/part-v2', 3, 3, 40_000],
    ]);
  });

  it('merge --json prints the unsharded document: same probabilities, intervals and results hash', async () => {
    const merged = await runCli(['merge', file('part-3.json'), file('part-1.json'), file('part-2.json'), '--json']);
    expect(merged.code, show(merged)).toBe(0);
    expect(merged.stderr).toBe('');
    const a = JSON.parse(unsharded.stdout) as SimulationResult;
    const b = JSON.parse(merged.stdout) as SimulationResult;
    expect(b.manifest.resultsHash).toBe(a.manifest.resultsHash);
    expect(numbers(b)).toEqual(numbers(a));
    // Same document, key for key, apart from the time it took.
    expect(merged.stdout.replace(/"elapsedMs": [\d.e+-]+/, '')).toBe(unsharded.stdout.replace(/"elapsedMs": [\d.e+-]+/, ''));
  });

  it('merge without --json prints the same summary (apart from the time), and --out writes the JSON', async () => {
    const out = file('merged/result.json');
    const merged = await runCli(['merge', file('part-1.json'), file('part-2.json'), file('part-3.json'), '--out', out]);
    expect(merged.code, show(merged)).toBe(0);
    const withoutTime = (s: string) => s.replace(/ · [\d.]+ (s|ms|min) · /, ' · ');
    expect(withoutTime(merged.stdout)).toBe(withoutTime(unshardedText.stdout));
    expect(merged.stderr).toBe(`wrote ${out}\n`);
  });

  it('refuses bad merges and shard options with one line each and exit code 2', async () => {
    const other = (name: string, extra: string[], k = 2) => ['run', ...extra, '--shard', `${k}/3`, '--json', '--out', file(name)];
    const made = await runMany([
      other('seed.json', ['trump-kim-summit', '--seed', '12', '--trials', '123457']),
      other('scenario.json', ['four-factors', '--seed', '11', '--trials', '123457']),
      other('trials.json', ['trump-kim-summit', '--seed', '11', '--trials', '123456']),
      other('set.json', ['trump-kim-summit', '--seed', '11', '--trials', '123457', '--set', 'wDomestic.mean=-7']),
    ]);
    for (const r of made) expect(r.code, show(r)).toBe(0);
    const [p1, p2, p3] = [1, 2, 3].map((k) => file(`part-${k}.json`));
    const refusals: Array<[string[], RegExp]> = [
      [['merge', p1, file('seed.json'), p3], /seed\.json: is of a different seed than .*part-1\.json: "12" vs "11"$/],
      [['merge', p1, file('scenario.json'), p3], /scenario\.json: is of a different scenario than .*part-1\.json: four-factors \w+ vs trump-kim-summit \w+$/],
      [['merge', p1, file('trials.json'), p3], /trials\.json: is of a different settings \(trials, variant, overrides, as-of date, horizon, evidence\) than .*part-1\.json/],
      [['merge', p1, file('set.json'), p3], /set\.json: is of a different scenario than/],
      [['merge', p1, p3], /^shard 2\/3 is missing \(run it with --shard 2\/3\)$/],
      [['merge', p1, p2, p2, p3], /part-2\.json: repeats shard 2\/3 \(also in .*part-2\.json\)$/],
      [['merge', p1, p2, join(FIXTURES, 'valid', 'minimal.json')], /minimal\.json: not a part document/],
      [['merge', p1, file('nope.json')], /nope\.json: cannot read: ENOENT$/],
      [['merge'], /^scenario-odds: merge: expected the part documents of every shard/],
      [['run', 'trump-kim-summit', '--half-width', '0.01', '--shard', '1/2'], /^scenario-odds: run: --shard needs a fixed --trials, not --half-width/],
      [['run', 'trump-kim-summit', '--shard', '4/3'], /^scenario-odds: --shard must be K\/N with 1 <= K <= N, or auto \(got "4\/3"\); e\.g\. --shard 2\/3, or --shard auto in a Slurm job array/],
      [['run', 'trump-kim-summit', '--seed', '1', '--trials', '30000', '--shard', '1/5'], /^shard: 5 shards, but 30,000 trials make only 3 chunks of 10,000: use at most 3 shards$/],
      [['run', 'trump-kim-summit', '--workers', '0'], /^scenario-odds: --workers must be a positive whole number \(got "0"\)$/],
      [['report', 'trump-kim-summit', '--workers', '-1', '--out', file('never')], /^scenario-odds: --workers must be a positive whole number \(got "-1"\)$/],
      [['verify', file('never/report.json'), '--workers', 'two'], /^scenario-odds: --workers must be a positive whole number \(got "two"\)$/],
      [['compare', 'trump-kim-summit', '--workers', '1.5'], /^scenario-odds: --workers must be a positive whole number \(got "1\.5"\)$/],
      [['run', 'trump-kim-summit', '--workers', '999'], /^scenario-odds: --workers must be at most 256 \(got "999"\)$/],
      [['verify', file('never/report.json'), '--workers', '1e3'], /^scenario-odds: --workers must be at most 256 \(got "1e3"\)$/],
      [['sensitivity', 'trump-kim-summit', '--workers', '0'], /^scenario-odds: --workers must be a positive whole number \(got "0"\)$/],
      [['attribution', 'trump-kim-summit', '--workers', 'x'], /^scenario-odds: --workers must be a positive whole number \(got "x"\)$/],
      [['update', 'trump-kim-summit', '--given', 'rokMediation < 0', '--workers', '-2'], /^scenario-odds: --workers must be a positive whole number \(got "-2"\)$/],
      [['run', 'trump-kim-summit', '--trials', '30000', '--shard', '1/2'], /^--seed: a sharded run needs a seed: every shard must draw the same trials/],
      [['compare', 'trump-kim-summit', '--trials', '30000', '--shard', '1/2'], /^--seed: a sharded analysis needs a seed: every shard must draw the same trials/],
      [['attribution', 'trump-kim-summit', '--seed', '1', '--trials', '30000', '--shard', '1/5'], /^shard: 5 shards, but the analysis has only 3 chunks of 10,000 trials: use at most 3 shards$/],
      [['sensitivity', 'trump-kim-summit', '--seed', '1', '--shard', 'auto'], /^scenario-odds: --shard auto: no job array index in the environment/],
    ];
    await expectRefusals(refusals);
  }, 120_000);

  it('run --workers N gives the same document for any N', async () => {
    const runs = await runMany([1, 2, 3].map((n) => ['run', ...args, '--json', '--workers', String(n)]), { timeoutMs: 60_000 });
    for (const r of runs) {
      expect(r.code, show(r)).toBe(0);
      expect(numbers(JSON.parse(r.stdout) as SimulationResult)).toEqual(numbers(JSON.parse(unsharded.stdout) as SimulationResult));
    }
  }, 120_000);

  it('report --workers N writes byte-identical files for any N, and verify --workers N reproduces them', async () => {
    const made = await runMany([1, 2].map((n) => ['report', ...args, '--workers', String(n), '--out', file(`report-${n}`)]), { timeoutMs: 60_000 });
    for (const r of made) expect(r.code, show(r)).toBe(0);
    for (const name of ['report.json', 'report.md', 'report.html']) {
      expect(readFileSync(file(`report-2/${name}`), 'utf8'), name).toBe(readFileSync(file(`report-1/${name}`), 'utf8'));
    }
    const verified = await runCli(['verify', file('report-1/report.json'), '--workers', '2']);
    expect(verified.code, show(verified)).toBe(0);
    expect(verified.stdout).toMatch(/^reproduced: trump-kim-summit \(seed 11, 123,457 trials\)/);
  }, 120_000);

  it('compare, sensitivity, attribution and update --workers N print the same analysis for any N', async () => {
    const analyses = [
      // Named variants: --as-of applies to every variant and would leave the backtests' windows in the past.
      ['compare', ...args, '--variant', 'seoul-steps-back', '--variant', 'no-russia-alliance', '--json'],
      ['sensitivity', 'trump-kim-summit', ...today, '--seed', '11', '--trials', '60000', '--sobol-samples', '5000', '--bootstrap', '20', '--json'],
      ['attribution', ...args, '--json'],
      ['update', ...args, '--ledger', 'examples/summit-ledger.json', '--given', 'rokMediation < 0', '--json'],
    ];
    const runs = await runMany(
      [1, 2].flatMap((n) => analyses.map((a) => [...a, '--workers', String(n)])),
      { timeoutMs: 60_000 },
    );
    for (const r of runs) expect(r.code, show(r)).toBe(0);
    analyses.forEach((_, i) => expect(runs[analyses.length + i].stdout, analyses[i][0]).toBe(runs[i].stdout));
    expect((JSON.parse(runs[0].stdout) as { variants: unknown[] }).variants.length).toBeGreaterThan(1);
    expect((JSON.parse(runs[1].stdout) as { tornado: unknown[] }).tornado.length).toBeGreaterThan(5);
    expect((JSON.parse(runs[2].stdout) as { applicable: boolean }).applicable).toBe(true);
    expect((JSON.parse(runs[3].stdout) as { steps: unknown[] }).steps.length).toBeGreaterThan(1);
  }, 120_000);
});
