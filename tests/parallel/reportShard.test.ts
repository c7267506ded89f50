/**
 * Sharding a report (issue 14, item 3): each shard keeps its chunks' totals apart, and merging
 * replays every chunk in order, so the report (its convergence record included) is the
 * unsharded one: the same hash, and byte-identical files from the CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayReportParts, runReportShard, type ReportPartDocument } from '../../src/node/reportShard';
import { buildReport } from '../../src/report/build';
import { renderHtml } from '../../src/report/html';
import { assertBuilt, runCli, runMany, show } from '../cli/helpers';
import { flagship, issueLines } from './helpers';

const viaJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const dir = mkdtempSync(join(tmpdir(), 'report-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The merge error as one line per issue, or undefined if it merged. */
const problems = (parts: unknown[], names?: string[]) => issueLines(() => replayReportParts(parts, names));

describe('runReportShard and replayReportParts', () => {
  it('three shards replayed in chunk order build the unsharded report, convergence record and all', async () => {
    const options = { seed: 'report-shards', trials: 45_678, asOf: '2026-12-04' };
    const parts = await Promise.all([1, 2, 3].map((k) => runReportShard(flagship, { ...options, workers: 1 }, { k, n: 3 }, 'trump-kim-summit')));
    expect(parts.map((p) => p.chunks.map((c) => c.index))).toEqual([[0, 3], [1, 4], [2]]);
    const replay = replayReportParts(viaJson([parts[2], parts[0], parts[1]]));
    const merged = await buildReport(replay.scenario, { ...replay.options, source: replay.source, simulate: replay.simulate });
    const whole = await buildReport(flagship, { ...options, source: 'trump-kim-summit' });
    expect(merged.convergence.length).toBe(5);
    expect(merged.reportHash).toBe(whole.reportHash);
    expect(renderHtml(merged)).toBe(renderHtml(whole));
  });

  it('refuses a shard without a seed or with a half-width, and parts that are missing, of other settings or tampered with', async () => {
    await expect(runReportShard(flagship, { trials: 20_000 }, { k: 1, n: 2 }, 'x')).rejects.toThrow(/sharded report needs a seed/);
    await expect(runReportShard(flagship, { seed: 1, halfWidth: 0.01 } as never, { k: 1, n: 2 }, 'x')).rejects.toThrow(/fixed number of trials/);
    const options = { seed: 'refuse', trials: 30_000, asOf: '2026-12-04' };
    const parts = viaJson(await Promise.all([1, 2].map((k) => runReportShard(flagship, { ...options, workers: 1 }, { k, n: 2 }, 'trump-kim-summit'))));
    expect(problems([parts[0]], ['a.json'])).toEqual(['shard 2/2 is missing (run it with --shard 2/2)']);
    const other = viaJson(await runReportShard(flagship, { ...options, seed: 'other', workers: 1 }, { k: 2, n: 2 }, 'trump-kim-summit'));
    expect(problems([parts[0], other], ['a.json', 'b.json'])?.[0]).toMatch(/^b\.json: is of a different settings/);
    const tampered = viaJson(parts[1]) as ReportPartDocument & { chunks: Array<{ totals: { trials: number } }> };
    tampered.chunks[0].totals.trials = 9_999;
    expect(problems([parts[0], tampered], ['a.json', 'b.json'])).toEqual(['b.json: chunks[index 1].totals.trials is not 10000']);
    expect(problems([{ format: 'scenario-odds/report-part-v0' }], ['old.json'])).toEqual(['old.json: is a report part document of format scenario-odds/report-part-v0; this version reads scenario-odds/report-part-v1']);
  });
});

describe('report --shard and merge (CLI)', () => {
  it('merge writes the unsharded report’s files byte for byte', async () => {
    assertBuilt();
    const args = ['report', 'trump-kim-summit', '--seed', '11', '--trials', '30000', '--as-of', '2026-12-04'];
    const shards = await runMany([1, 2].map((k) => [...args, '--shard', `${k}/2`]), { timeoutMs: 60_000 });
    for (const s of shards) expect(s.code, show(s)).toBe(0);
    const files = shards.map((s, i) => {
      const file = join(dir, `part-${i + 1}.json`);
      writeFileSync(file, s.stdout);
      return file;
    });
    const merged = await runCli(['merge', ...files, '--out', join(dir, 'merged')], { timeoutMs: 60_000 });
    expect(merged.code, show(merged)).toBe(0);
    const whole = await runCli([...args, '--out', join(dir, 'whole')], { timeoutMs: 60_000 });
    expect(whole.code, show(whole)).toBe(0);
    for (const f of ['report.json', 'report.md', 'report.html']) expect(readFileSync(join(dir, 'merged', f), 'utf8'), f).toBe(readFileSync(join(dir, 'whole', f), 'utf8'));
    const json = await runCli(['merge', ...files, '--json']);
    // With --json a failure is one JSON document on stdout (see `scenario-odds --help`).
    expect([json.code, json.stdout]).toEqual([2, expect.stringMatching(/--json is for the parts of a run or an analysis/)]);
  }, 120_000);
});
