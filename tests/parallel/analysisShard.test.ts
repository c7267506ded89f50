/**
 * Sharding an analysis across machines (issue 14, item 3): each shard's part document carries
 * the partials of its chunks of every stage; merged (through JSON, in any order) they give the
 * unsharded analysis bit for bit, and a part that is missing, repeated, of other options or
 * tampered with is refused with a message naming it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attributeLogOddsSync } from '../../src/analysis/attribution';
import { compareVariantsSync } from '../../src/analysis/compare';
import { updateOddsSync } from '../../src/analysis/evidence';
import { parseLedger } from '../../src/analysis/ledger';
import { analyzeSensitivitySync } from '../../src/analysis/sensitivity';
import { decodePartial, encodePartial, mergeAnalysisParts, runAnalysisShard, type AnalysisPartDocument } from '../../src/node/analysisShard';
import type { Scenario } from '../../src/model/types';
import { flagship, issueLines } from './helpers';

/** Through JSON and back, as a part travels between machines. */
const viaJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const asOf = '2026-12-04';

/** The merge error as one line per issue, or undefined if it merged. */
const mergeProblems = (parts: unknown[], names?: string[]) => issueLines(() => mergeAnalysisParts(parts, names));

describe('runAnalysisShard and mergeAnalysisParts', () => {
  it('compare: three shards merged in any order give the unsharded comparison bit for bit', async () => {
    const options = { seed: 'shards', trials: 45_678, asOf, variants: ['seoul-steps-back', { overrides: { 'wDomestic.mean': -7 } }] };
    const parts = await Promise.all([1, 2, 3].map((k) => runAnalysisShard('compare', flagship, { ...options, workers: 1 }, { k, n: 3 })));
    expect(parts.map((p) => p.stages[0].chunks.map((c) => c.index))).toEqual([[0, 3], [1, 4], [2]]);
    const reference = compareVariantsSync(flagship, options);
    for (const order of [[0, 1, 2], [2, 0, 1]]) {
      const merged = mergeAnalysisParts(order.map((i) => viaJson(parts[i])));
      expect(merged.analysis).toBe('compare');
      expect(merged.result).toEqual(reference);
    }
  });

  it('sensitivity (two stages, on worker threads), attribution and update merge to the unsharded results', async () => {
    const sensitivity = { seed: 'shards', trials: 30_000, asOf, sobolSamples: 25_000, bootstrap: 40 };
    const s = await Promise.all([1, 2].map((k) => runAnalysisShard('sensitivity', flagship, { ...sensitivity, workers: 2 }, { k, n: 2 })));
    expect(mergeAnalysisParts(viaJson(s)).result).toEqual(analyzeSensitivitySync(flagship, sensitivity));
    const attribution = { seed: 'shards', trials: 30_000, asOf };
    const a = await Promise.all([1, 2].map((k) => runAnalysisShard('attribution', flagship, { ...attribution, workers: 1 }, { k, n: 2 })));
    expect(mergeAnalysisParts(viaJson(a)).result).toEqual(attributeLogOddsSync(flagship, attribution));
    const ledger = parseLedger(JSON.parse(readFileSync('examples/summit-ledger.json', 'utf8')));
    const update = { seed: 'shards', trials: 30_000, asOf, given: ['rokMediation < 0'] };
    const u = await Promise.all([1, 2, 3].map((k) => runAnalysisShard('update', flagship, { ...update, workers: 1 }, { k, n: 3 }, ledger)));
    expect(mergeAnalysisParts(viaJson(u)).result).toEqual(updateOddsSync(flagship, ledger, update));
  });

  it('a tornado setting that fails in some shard’s chunk is left out with the unsharded note', async () => {
    // p + 50% = 1.2 makes p·x a probability above 1 for x > 1/1.2: about 8 trials in 100,000.
    const s: Scenario = { id: 'failing-setting', title: 'F', params: { p: 0.8 }, factors: { x: { dist: 'uniform', min: 0, max: 0.8334 } }, events: { e: 'p * x' } };
    const options = { seed: 'failing', trials: 40_000, sobolSamples: 0 };
    const reference = analyzeSensitivitySync(s, options);
    expect(reference.notes?.[0]).toMatch(/^p left out of the tornado: at 1\.2 \(\+50%\) "e" gives a probability outside \[0, 1\]/);
    const parts = await Promise.all([1, 2, 3].map((k) => runAnalysisShard('sensitivity', s, { ...options, workers: 1 }, { k, n: 3 })));
    expect(mergeAnalysisParts(viaJson(parts)).result).toEqual(reference);
  });

  it('fixes the as-of date in the part, and refuses a shard without a seed or beyond the chunks', async () => {
    const part = await runAnalysisShard('attribution', flagship, { seed: 1, trials: 20_000, workers: 1 }, { k: 1, n: 2 });
    expect(part.options.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(runAnalysisShard('attribution', flagship, { trials: 20_000 }, { k: 1, n: 2 })).rejects.toThrow(/sharded analysis needs a seed/);
    await expect(runAnalysisShard('attribution', flagship, { seed: 1, trials: 20_000 }, { k: 1, n: 3 })).rejects.toThrow(/only 2 chunks/);
  });

  it('refuses missing, repeated, mismatched and tampered parts, naming each', async () => {
    const options = { seed: 'refuse', trials: 30_000, asOf, variants: ['seoul-steps-back'] };
    const parts = viaJson(await Promise.all([1, 2, 3].map((k) => runAnalysisShard('compare', flagship, { ...options, workers: 1 }, { k, n: 3 }))));
    const names = ['p1.json', 'p2.json', 'p3.json'];
    expect(mergeProblems([parts[0], parts[1]], names)).toEqual(['shard 3/3 is missing (run it with --shard 3/3)']);
    expect(mergeProblems([parts[0], parts[1], parts[1]], names)).toEqual(['p3.json: repeats shard 2/3 (also in p2.json)', 'shard 3/3 is missing (run it with --shard 3/3)']);
    const other = viaJson(await runAnalysisShard('compare', flagship, { ...options, trials: 40_000, workers: 1 }, { k: 3, n: 3 }));
    expect(mergeProblems([parts[0], parts[1], other], names)).toEqual(['p3.json: is of a different options than p1.json']);
    expect(mergeProblems([{ format: 'nope' }], ['x.json'])?.[0]).toMatch(/^x\.json: not an analysis part document/);

    const tampered = (edit: (p: AnalysisPartDocument) => void) => {
      const copy = viaJson(parts[1]);
      edit(copy);
      return mergeProblems([parts[0], copy, parts[2]], names);
    };
    const first = (p: AnalysisPartDocument) => p.stages[0].chunks[0].partial as { sum: { f64: unknown[] }; counts: unknown[] };
    expect(tampered((p) => first(p).sum.f64.pop())).toEqual([expect.stringMatching(/^p2\.json: stages\.0\.chunks\[index 1\]\.partial\.sum is not \d+ finite numbers$/)]);
    expect(tampered((p) => (first(p).sum.f64[0] = { num: 'NaN' }))).toEqual([expect.stringMatching(/partial\.sum is not \d+ finite numbers/)]);
    expect(tampered((p) => (first(p).counts = [1]))).toEqual([expect.stringMatching(/partial\.counts does not have \d+ entries/)]);
    expect(tampered((p) => ((p.stages[0].chunks as unknown as Array<{ index: number }>)[0].index = 0))).toEqual([expect.stringMatching(/^p2\.json: its stage 1 \(compare\) does not hold chunks 1 of shard 2\/3$/)]);
    expect(tampered((p) => ((p as { scenarioHash: string }).scenarioHash = 'x'))).toEqual(['p2.json: is of a different scenario than p1.json']);
  });

  it('carries -0, ±Infinity and typed arrays through JSON exactly', () => {
    const value = { a: Float64Array.from([-0, 1.5, Infinity]), b: [-Infinity, -0, 0, 2], c: null, d: 'x' };
    const back = decodePartial(viaJson(encodePartial(value))) as typeof value;
    expect(back.a).toBeInstanceOf(Float64Array);
    expect(Object.is(back.a[0], -0) && Object.is(back.b[1], -0) && Object.is(back.b[2], 0)).toBe(true);
    expect(back).toEqual(value);
  });
});
