/**
 * Golden snapshots of seeded output.
 *
 * For a fixed set of scenarios, seeds and stopping rules, the exact numbers of a run (events,
 * nodes, timelines, trials, stop reason and the manifest without `runtime`) are stored in
 * tests/golden/__snapshots__/<name>.json, printed with sorted keys so only the numbers matter.
 * JSON prints every double in its shortest round-trip form, so "equal text" means "bit-identical
 * numbers".
 *
 * THE RULE. These files are the library's promise that a seed reproduces a result. A change to
 * the numbers in them is a change in seeded output: it must be deliberate, and it must be
 * recorded in the "Seeded output" section of CHANGELOG.md, together with the new seeded-output
 * fingerprint that this suite prints (sha256 over every snapshot's `resultsHash`). To make such
 * a change: run `npx vitest run tests/golden -u`, review the diff of the snapshot files, and
 * add a CHANGELOG entry that says what changed and why, with the new fingerprint; the last
 * test below fails until the CHANGELOG names the current fingerprint. A snapshot change that
 * leaves every `resultsHash` alone (say, an edited description changes a scenario hash) needs
 * no CHANGELOG entry. Never update a snapshot to make an unexplained difference go away.
 *
 * `manifest.version` is written as "<VERSION>" (and checked against VERSION here) so that a
 * release does not count as a change in seeded output; `runtime` and `elapsedMs` are dropped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinScenario, canonicalHash, simulateSync, VERSION, type Scenario, type SimulateOptions, type SimulationResult } from '../../src/index';
import { sha256Hex } from '../../src/rng';

const readJson = (relative: string): Scenario => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as Scenario;

interface GoldenRun {
  /** File name under __snapshots__, without `.json`. */
  readonly name: string;
  readonly scenario: () => Scenario;
  readonly options: SimulateOptions;
}

// Every run pins its as-of date: results record it, and a timed forecast from today would
// change every day. The machine-failure timeline is forecast from its first day.
const GOLDEN_DAY = '2026-12-04';

// Trial counts cross chunk boundaries (CHUNK_SIZE = 10,000): 25,000 = two full chunks and a
// short one, so merging and a partial last chunk are both in the output.
const RUNS: readonly GoldenRun[] = [
  { name: 'four-factors.seed-2025', scenario: () => builtinScenario('four-factors')!, options: { seed: 2025, trials: 25_000, asOf: GOLDEN_DAY } },
  { name: 'four-factors.half-width', scenario: () => builtinScenario('four-factors')!, options: { seed: 'golden', halfWidth: 0.01, asOf: GOLDEN_DAY } },
  { name: 'four-factors-example.seed-7', scenario: () => readJson('../../examples/four-factors.json'), options: { seed: 7, trials: 12_345, asOf: GOLDEN_DAY } },
  { name: 'trump-kim-summit.seed-2025', scenario: () => builtinScenario('trump-kim-summit')!, options: { seed: 2025, trials: 25_000, asOf: GOLDEN_DAY } },
  {
    name: 'trump-kim-summit.seoul-steps-back',
    scenario: () => builtinScenario('trump-kim-summit')!,
    options: { seed: 'golden', trials: 10_000, variant: 'seoul-steps-back', params: { 'wDomestic.mean': -7 }, asOf: GOLDEN_DAY },
  },
  { name: 'every-distribution.seed-golden', scenario: () => readJson('../fixtures/valid/every-distribution.json'), options: { seed: 'golden', trials: 25_000, asOf: GOLDEN_DAY } },
  { name: 'machine-failure.seed-42', scenario: () => readJson('./machine-failure.json'), options: { seed: 42, trials: 25_000, asOf: '2025-11-01' } },
];

/** JSON with keys sorted at every level, two-space indented, ending in a newline. */
function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = sort((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/** What is snapshotted: the result minus wall-clock time, the manifest minus runtime. */
function golden(run: GoldenRun, r: SimulationResult): unknown {
  const { runtime: _runtime, version, ...manifest } = r.manifest;
  expect(version).toBe(VERSION);
  return {
    options: run.options,
    scenario: r.scenario,
    asOf: r.asOf,
    window: r.window,
    evidence: r.evidence,
    seed: r.seed,
    trials: r.trials,
    stoppedBecause: r.stoppedBecause,
    events: r.events,
    nodes: r.nodes,
    timelines: r.timelines,
    manifest: { ...manifest, version: '<VERSION>' },
  };
}

const results = new Map<string, SimulationResult>();

describe('golden snapshots of seeded output', () => {
  it.each(RUNS.map((r) => [r.name, r] as const))('%s', async (_name, run) => {
    const r = simulateSync(run.scenario(), run.options);
    results.set(run.name, r);
    // The results hash is what it claims to be: SHA-256 of the canonical JSON of the numbers.
    const { events, outputs, nodes, timelines, trials, stoppedBecause, window, evidence } = r;
    expect(r.manifest.resultsHash).toBe(canonicalHash({ events, ...(outputs ? { outputs } : {}), nodes, timelines, trials, stoppedBecause, ...(window ? { window } : {}), ...(evidence ? { evidence } : {}) }));
    await expect(stableJson(golden(run, r))).toMatchFileSnapshot(`./__snapshots__/${run.name}.json`);
  });

  it('a second run with the same inputs is bit-identical (in-process determinism)', () => {
    const run = RUNS[0];
    const again = simulateSync(run.scenario(), run.options);
    expect(stableJson(golden(run, again))).toBe(stableJson(golden(run, results.get(run.name) ?? simulateSync(run.scenario(), run.options))));
  });

  it('CHANGELOG.md records the current seeded-output fingerprint in its "Seeded output" section', () => {
    // Recomputed here (not read from the snapshots) so it reflects what the code produces now.
    const lines = RUNS.map((run) => {
      const r = results.get(run.name) ?? simulateSync(run.scenario(), run.options);
      return `${run.name} ${r.manifest.resultsHash}`;
    });
    const fingerprint = sha256Hex(lines.join('\n')).slice(0, 16);
    let changelog = '';
    try {
      changelog = readFileSync(new URL('../../CHANGELOG.md', import.meta.url), 'utf8');
    } catch {
      // Reported by the assertion below.
    }
    const section = /^(#{2,4}) Seeded output\b[^\n]*\n([\s\S]*?)(?=^#{1,4} |$(?![\s\S]))/m.exec(changelog)?.[2] ?? '';
    expect(
      section.includes(fingerprint),
      `seeded output changed (fingerprint ${fingerprint}): review the snapshot diff, then record the change and the ` +
        `line "Seeded-output fingerprint: \`${fingerprint}\`" in the "Seeded output" section of CHANGELOG.md (see tests/golden/golden.test.ts)`,
    ).toBe(true);
  });
});
