/**
 * The analysis commands as a user meets them: `dist/cli.js` spawned as a process (see
 * tests/cli/helpers.ts), stdout, stderr and exit code asserted. Stderr is a pipe, so a
 * successful run prints nothing there.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, lines, runCli, runMany, show, STACK_TRACE, type CliResult } from '../cli/helpers';

const dir = mkdtempSync(join(tmpdir(), 'scenario-odds-analysis-'));
const BAD_LEDGER = join(dir, 'bad-ledger.json');
writeFileSync(BAD_LEDGER, JSON.stringify({ scenario: 'trump-kim-summit', observations: [{ date: '2026-01-01', signpost: 'x', ratio: 2 }, { date: '2025-01-01', signpost: 'y', likelihoodRatio: 0 }] }));

const FLAGSHIP = 'trump-kim-summit';
const SMALL = ['--seed', '1', '--trials', '10000'];
// The flagship forecasts from today unless told otherwise; numbers asserted below are for this date.
const AS_OF = ['--as-of', '2026-06-01'];
const CALLS = {
  mainHelp: ['--help'],
  compareHelp: ['compare', '--help'],
  sensitivityHelp: ['sensitivity', '--help'],
  attributionHelp: ['attribution', '--help'],
  updateHelp: ['update', '--help'],
  compareJson: ['compare', FLAGSHIP, ...SMALL, ...AS_OF, '--variant', 'seoul-steps-back', '--set', 'wDomestic.mean=-7', '--event', 'summit', '--json'],
  compareHuman: ['compare', FLAGSHIP, ...SMALL, ...AS_OF, '--variant', 'as-published', '--all'],
  compareNoVariants: ['compare', 'four-factors', '--trials', '1000'],
  compareUnknown: ['compare', FLAGSHIP, '--trials', '1000', '--variant', 'nope'],
  sensitivityJson: ['sensitivity', 'four-factors', ...SMALL, '--sobol-samples', '5000', '--bootstrap', '50', '--json'],
  sensitivityHuman: ['sensitivity', FLAGSHIP, ...SMALL, ...AS_OF, '--sobol-samples', '5000', '--bootstrap', '50'],
  sensitivityEvent: ['sensitivity', FLAGSHIP, '--trials', '1000', '--event', 'nope'],
  sensitivityStep: ['sensitivity', FLAGSHIP, '--param-step', 'lots'],
  attributionHuman: ['attribution', 'four-factors', ...SMALL],
  attributionJson: ['attribution', FLAGSHIP, ...SMALL, ...AS_OF, '--json'],
  attributionFlagship: ['attribution', FLAGSHIP, ...SMALL, ...AS_OF],
  attributionNotApplicable: ['attribution', FLAGSHIP, '--trials', '1000', '--event', 'mediationBackfires'],
  updateHuman: ['update', FLAGSHIP, '--ledger', 'examples/summit-ledger.json', '--seed', '2025', '--trials', '20000', ...AS_OF],
  updateJson: ['update', FLAGSHIP, '--ledger', 'examples/summit-ledger.json', '--seed', '2025', '--trials', '20000', ...AS_OF, '--json'],
  updateGiven: ['update', FLAGSHIP, '--seed', '1', '--trials', '20000', ...AS_OF, '--given', 'usDomesticConstraints > 0.9'],
  updateTooFew: ['update', FLAGSHIP, '--trials', '5000', '--given', 'rokMediation > 1.5'],
  updateNothing: ['update', FLAGSHIP],
  updateNoFile: ['update', FLAGSHIP, '--ledger', 'tests/fixtures/no-such-ledger.json'],
  updateBadLedger: ['update', FLAGSHIP, '--ledger', BAD_LEDGER],
} satisfies Record<string, string[]>;

type Call = keyof typeof CALLS;
let results: Record<Call, CliResult>;

beforeAll(async () => {
  assertBuilt();
  const names = Object.keys(CALLS) as Call[];
  const got = await runMany(names.map((n) => CALLS[n]), { timeoutMs: 30_000 });
  results = Object.fromEntries(names.map((n, i) => [n, got[i]])) as Record<Call, CliResult>;
});

function ok(r: CliResult): string {
  expect(r.timedOut, `hung\n${show(r)}`).toBe(false);
  expect(r.code, show(r)).toBe(0);
  expect(r.stderr, `stderr must be empty when it is not a terminal\n${show(r)}`).toBe('');
  return r.stdout;
}

function json<T>(r: CliResult): T {
  return JSON.parse(ok(r)) as T;
}

/** Exit 2, exactly one line on stderr matching `pattern`, no stack trace, nothing on stdout. */
function usageError(r: CliResult, pattern: RegExp, count = 1): void {
  expect(r.code, show(r)).toBe(2);
  expect(r.stdout, show(r)).toBe('');
  expect(r.stderr, show(r)).not.toMatch(STACK_TRACE);
  expect(lines(r.stderr), show(r)).toHaveLength(count);
  expect(r.stderr, show(r)).toMatch(pattern);
}

describe('help', () => {
  it('lists the analysis commands and documents their flags', () => {
    const main = ok(results.mainHelp);
    for (const command of ['compare', 'sensitivity', 'attribution', 'update']) expect(main).toContain(`  ${command} <file|id>`);
    expect(ok(results.compareHelp)).toMatch(/Usage: scenario-odds compare[\s\S]*--variant[\s\S]*--set[\s\S]*--json/);
    expect(ok(results.sensitivityHelp)).toMatch(/Usage: scenario-odds sensitivity[\s\S]*--event[\s\S]*--sobol-samples[\s\S]*--param-step/);
    expect(ok(results.attributionHelp)).toMatch(/Usage: scenario-odds attribution[\s\S]*--event/);
    expect(ok(results.updateHelp)).toMatch(/Usage: scenario-odds update[\s\S]*--ledger[\s\S]*--given[\s\S]*1,000/);
  });
});

describe('compare', () => {
  it('prints paired differences as JSON: one variant per --variant, and --set as one more', () => {
    const r = json<{ kind: string; seed: string; trials: number; variants: Array<{ name: string; events: Record<string, { differencePp: { probability: number; ci95: number[] } }> }> }>(results.compareJson);
    expect(r.kind).toBe('comparison');
    expect([r.seed, r.trials]).toEqual(['1', 10_000]);
    expect(r.variants.map((v) => v.name)).toEqual(['seoul-steps-back', 'set wDomestic.mean=-7']);
    expect(r.variants[0].events.summit.differencePp.probability).toBeGreaterThan(0);
    expect(r.variants[1].events.summit.differencePp.ci95[1]).toBeLessThan(0);
    expect(Object.keys(r.variants[0].events)).toEqual(['summit']);
  });

  it('prints a table, with exactly zero difference for an identical variant', () => {
    const out = ok(results.compareHuman);
    expect(out).toMatch(/^Variants:\n {2}as-published {2}As published$/m);
    const summit = out.slice(out.indexOf('\nsummit — '));
    expect(summit).toMatch(/^summit — Trump–Kim summit in the forecast window: \d+\.\d\d% as written$/m);
    // The flagship's "nothing yet" evidence weights the trials, so there is no share of trials that moved.
    expect(summit).toMatch(/^ {2}as-published\s+\d+\.\d\d%\s+\+0\.00 pp\s+\[\+0\.00, \+0\.00\]\s+1\.00\s+—\s+—$/m);
  });

  it('refuses what it cannot compare, on one line', () => {
    usageError(results.compareNoVariants, /compare: this scenario has no variants; give --set/);
    usageError(results.compareUnknown, /^--variant nope: no variant named "nope" \(variants: as-published/);
  });
});

describe('sensitivity', () => {
  it('prints the tornado and Sobol indices as JSON', () => {
    const r = json<{ event: string; tornado: Array<{ name: string; swing: number }>; sobol: Array<{ factor: string }>; sobolSamples: number }>(results.sensitivityJson);
    expect(r.event).toBe('summit');
    expect(r.tornado.map((b) => b.name)).toEqual(expect.arrayContaining(['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints', 'rokMediation', 'base', 'wDomestic']));
    expect(r.sobol.map((s) => s.factor)).toEqual(['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints', 'rokMediation']);
    expect(r.sobolSamples).toBe(5000);
  });

  it('prints tables for the flagship, the chance draw of route 1 on top', () => {
    const out = ok(results.sensitivityHuman);
    expect(out).toMatch(/^Tornado: P\(summit\)/m);
    expect(lines(out).find((l) => /^ {2}\S+\s+(factor|param)\s/.test(l))).toMatch(/^ {2}usAgendaDraw\s+factor\s+10th percentile \(0\.1\)/);
    expect(out).toMatch(/^ {2}sum\s+-?\d\.\d{3}\s+\d\.\d{3}$/m);
  });

  it('names a bad --event or --param-step', () => {
    usageError(results.sensitivityEvent, /^--event: no event named "nope" \(events: summit, agenda, mediationBackfires/);
    usageError(results.sensitivityStep, /--param-step must be a positive number \(0\.5\) or percentage \(50%\) \(got "lots"\)/);
  });
});

describe('attribution', () => {
  it('prints a waterfall that ends at the reported probability', () => {
    const out = ok(results.attributionHuman);
    expect(out).toMatch(/^Form: summit = sigmoid\(logOdds\)$/m);
    expect(out).toMatch(/^ {2}base\s+base\s+\+0\.500\s+\+0\.500$/m);
    expect(out).toMatch(/^= P\(summit\) = \d+\.\d\d% \[/m);
    const a = json<{ applicable: boolean; scale: string; meanLogOdds: number; remainder: { mean: number }; finalLogOdds: number }>(results.attributionJson);
    expect([a.applicable, a.scale]).toEqual([true, 'hazard']);
    expect(a.meanLogOdds + a.remainder.mean).toBeCloseTo(a.finalLogOdds, 12);
  });

  it('shows no constant base row when every term of the sum is uncertain (the flagship\'s pace)', () => {
    const bars = lines(ok(results.attributionFlagship)).filter((l) => /^ {2}\S/.test(l)).slice(1);
    expect(bars[0]).toMatch(/^ {2}base\s+base\s+−1\.\d{3}/);
    expect(bars.some((l) => l.includes('(none)'))).toBe(false);
  });

  it('says why the form does not apply (exit 0: it is an answer, not an error)', () => {
    expect(ok(results.attributionNotApplicable)).toMatch(/^Not applicable: "mediationBackfires" is rokMediation < 0, which is not sigmoid\(a sum of terms\)/m);
  });
});

describe('update', () => {
  it('runs the flagship ledger: a table and the posterior', () => {
    const out = ok(results.updateHuman);
    // Seed 2025, 20,000 trials, as of 2026-06-01, weighted by no summit through 2026-05-15: 5.12%.
    expect(out).toMatch(/^Prior \(the model\): 5\.\d\d% \[/m);
    expect(lines(out).filter((l) => /^ {2}20\d\d-\d\d/.test(l))).toHaveLength(6);
    // The National Security Strategy row is a condition on route 1: its ratio comes from the model.
    expect(out).toMatch(/^ {2}2025-12-05\s+given US National Security Strategy.*\s1\.\d\d\s+\d+\.\d\d%\s+\[[^\]]+\]\s+\d{1,3}(,\d{3})+$/m);
    expect(out).toMatch(/^Posterior: \d\.\d\d% \[/m);
    const r = json<{ prior: { probability: number }; posterior: { probability: number }; steps: Array<{ likelihoodRatio: number }> }>(results.updateJson);
    const odds = (p: number) => p / (1 - p);
    expect(odds(r.posterior.probability) / odds(r.prior.probability)).toBeCloseTo(r.steps.reduce((s, x) => s * x.likelihoodRatio, 1), 12);
  });

  it('conditions on the model with --given and reports the effective trials', () => {
    expect(ok(results.updateGiven)).toMatch(/^ {2}\s*given usDomesticConstraints > 0\.9\s+\d+\.\d+\s+\d+\.\d\d%\s+\[[^\]]+\]\s+\d{1,3}(,\d{3})+$/m);
    usageError(results.updateTooFew, /^--given "rokMediation > 1\.5": the condition "rokMediation > 1\.5" leaves an effective sample of \d+ of 5,000 trials, below the 1,000 needed/);
  });

  it('reports ledger problems against the file, one per line', () => {
    usageError(results.updateNothing, /update: give --ledger FILE, --given CONDITION, or both/);
    usageError(results.updateNoFile, /no-such-ledger\.json: no such ledger file/);
    usageError(results.updateBadLedger, /bad-ledger\.json: observations\.\d/, 2);
    expect(results.updateBadLedger.stderr).toContain('bad-ledger.json: observations.0.ratio: unknown field "ratio"');
    expect(results.updateBadLedger.stderr).toContain('bad-ledger.json: observations.1.likelihoodRatio: must be greater than 0');
  });
});

describe('Ctrl-C', () => {
  it('stops a long analysis with exit code 130 and a one-line message', async () => {
    const r = await runCli(['sensitivity', FLAGSHIP, '--trials', '1e7', '--seed', '1'], {
      timeoutMs: 20_000,
      onSpawn: (child) => setTimeout(() => child.kill('SIGINT'), 1500),
    });
    expect(r.timedOut, show(r)).toBe(false);
    expect(r.code, show(r)).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('scenario-odds: interrupted; an analysis has no partial result');
  });
});
