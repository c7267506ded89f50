/**
 * "Verify means verify" and "bounded work" (issue 15): verifyReport re-renders the whole
 * report from the re-run and names each field a careful forger changed (one who recomputes
 * every hash), compares the recorded environment instead of trusting it, checks report.md and
 * report.html byte for byte, and refuses settings beyond a trial budget before sampling.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { canonicalHash } from '../../src/model/canonical';
import type { Scenario } from '../../src/model/types';
import { buildReport, reportHashOf } from '../../src/report/build';
import { renderHtml } from '../../src/report/html';
import { renderJson, ReportError } from '../../src/report/json';
import { renderMarkdown } from '../../src/report/markdown';
import type { Report, SimulateFn } from '../../src/report/types';
import type { VerifyResult } from '../../src/report/types';
import { DEFAULT_TRIAL_BUDGET, TrialBudgetError, verifyReport } from '../../src/report/verify';
import { assertBuilt, lines, runMany, show, STACK_TRACE } from '../cli/helpers';

/** A small forecast with a param, a factor, a derived node and a variant: 20,000 trials run in milliseconds. */
const scenario: Scenario = {
  id: 'ceasefire',
  title: 'Will the ceasefire hold through the spring?',
  params: { base: { value: -1.5, label: 'Base log-odds' } },
  factors: { pressure: { dist: 'normal', mean: -1, sd: 1, label: 'Outside pressure' } },
  derived: { logOdds: 'base + 0.8 * pressure' },
  events: { holds: { p: 'sigmoid(logOdds)', label: 'The ceasefire holds' } },
  variants: { mediated: { label: 'Mediated', description: 'A mediator steps in.', set: { 'pressure.mean': 0 } } },
};
const RUN = { seed: 7, trials: 20_000 } as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;

/** report.json edited, then every hash recomputed, as a careful forger would. */
function forge(r: Report, edit: (doc: Editable) => void): Report {
  const doc = JSON.parse(renderJson(r)) as Editable;
  edit(doc);
  doc.manifest.resultsHash = canonicalHash(doc.results);
  doc.reportHash = reportHashOf(doc as Report);
  return doc as Report;
}

const codes = (v: VerifyResult) => v.problems.map((p) => p.code);
const paths = (v: VerifyResult, code: string) => v.problems.find((p) => p.code === code)?.differences?.map((d) => d.path) ?? [];

let report: Report;
let varied: Report;

beforeAll(async () => {
  report = await buildReport(scenario, RUN);
  varied = await buildReport(scenario, { ...RUN, variant: 'mediated', params: { base: -1.2 } });
});

describe('verifyReport re-renders the report from the re-run', () => {
  it('passes an untouched report and says what it covers', async () => {
    const v = await verifyReport(renderJson(report));
    expect(v).toMatchObject({ reproduced: true, problems: [], seed: '7', trials: 20_000 });
    expect(v.notRederived).toEqual(['asked.source']);
    expect(v.notes.join('\n')).toMatch(/Not re-derived.*the analyses \(not re-run\), asked\.source/);
    expect(v.notes.join('\n')).toMatch(/Only the JSON was verified/);
    // A variant with overrides is named as it ran; its label is taken as recorded.
    const w = await verifyReport(renderJson(varied));
    expect(w.problems).toEqual([]);
    expect(w.notRederived).toEqual(['asked.source', 'asked.variant', 'asked.factors[0].asWritten', 'asked.params[0].asWritten']);
  });

  it('says in the report itself what verification covers and what only the report hash does', () => {
    for (const text of [renderMarkdown(report), renderHtml(report)]) {
      expect(text).toMatch(/renders this report again and compares it field by field/);
      expect(text).toMatch(/Not re-derived, covered only by the report hash: the analyses \(not re-run\), the name of the source file, the variant(\\)?(&#39;|’|')s name, label and description/);
    }
  });

  it('fails each forgery of the issue with exit-1 problems naming the field, though every hash was recomputed', async () => {
    const sentence = report.findings[0].sentence;
    expect(sentence).toMatch(/\d+\.\d\d%/);
    const forgeries: Array<[string, (doc: Editable) => void]> = [
      ['findings[0].sentence', (doc) => (doc.findings[0].sentence = sentence.replace(/\d+\.\d\d%/, '99.9%'))],
      ['asked.params[0].value', (doc) => (doc.asked.params[0].value = -9.9)],
      ['reproduce.command', (doc) => (doc.reproduce.command = `curl x | sh; ${doc.reproduce.command}`)],
      ['asked.title', (doc) => (doc.asked.title = 'Will the ceasefire collapse?')],
      ['manifest.rngAlgorithm', (doc) => (doc.manifest.rngAlgorithm = 'mulberry32')],
      ['asked.seed', (doc) => (doc.asked.seed = '8')],
      ['asked.factors[0].distribution', (doc) => (doc.asked.factors[0].distribution = 'Normal(5, 1)')],
      ['evil', (doc) => (doc.evil = '<script>')],
    ];
    for (const [path, edit] of forgeries) {
      const v = await verifyReport(forge(report, edit));
      expect(v.reproduced, path).toBe(false);
      const problem = v.problems.find((p) => p.code === 'report-differs');
      expect(problem?.differences?.map((d) => d.path), path).toContain(path);
      expect(problem?.message, path).toContain(`${path}: report `);
    }
    // The changed number shows in the message, not just the path.
    const v = await verifyReport(forge(report, (doc) => (doc.findings[0].sentence = sentence.replace(/\d+\.\d\d%/, '99.9%'))));
    expect(codes(v)).toEqual(['report-differs']);
    expect(v.problems[0].message).toContain('99.9%');
  });

  it('compares the recorded library version and runtime instead of trusting them', async () => {
    const version = await verifyReport(forge(report, (doc) => (doc.manifest.version = '9.9.9')));
    expect(codes(version)).toEqual(['environment-differs']);
    expect(paths(version, 'environment-differs')).toEqual(['manifest.version']);
    expect(version.problems[0].message).toMatch(/every number reproduces, but the report records manifest\.version "9\.9\.9" and this is "0\.1\.0"/);
    // A runtime the library would not write is not taken on trust.
    for (const runtime of [`${report.manifest.runtime}; curl x | sh`, 'node 16', 'browser (Netscape 4)']) {
      const v = await verifyReport(forge(report, (doc) => (doc.manifest.runtime = runtime)));
      expect(codes(v), runtime).toEqual(['environment-differs']);
      expect(paths(v, 'environment-differs'), runtime).toEqual(['manifest.runtime']);
    }
    // Another runtime in the library's own form (a report from the playground, from Deno) is
    // verified by its numbers, and the notes say which runtimes were involved.
    for (const runtime of ['browser (Chrome 131)', 'browser', 'deno v2.9.6', 'node v22.11.0']) {
      const v = await verifyReport(forge(report, (doc) => (doc.manifest.runtime = runtime)));
      expect(v.reproduced, runtime).toBe(true);
      expect(v.notes.join(' '), runtime).toContain(`written with "${runtime}" and re-run here with "${report.manifest.runtime}"`);
    }
    // Minor and patch releases of the same Node major are outside the check (and say so).
    const patch = await verifyReport(forge(report, (doc) => (doc.manifest.runtime = doc.manifest.runtime.replace(/\.\d+\.\d+$/, '.0.0'))));
    expect(patch.reproduced).toBe(true);
    expect(patch.notes.join(' ')).toMatch(/minor and patch releases are not compared/);
  });

  it('names variant and override forgeries that do not describe the embedded scenario', async () => {
    const overrides = await verifyReport(forge(varied, (doc) => (doc.manifest.overrides = { base: -3 })));
    expect(codes(overrides)).toEqual(['report-differs']);
    expect(paths(overrides, 'report-differs')).toEqual(expect.arrayContaining(['manifest.overrides.base', 'asked.overrides.base', 'reproduce.command']));
    // The variant's documentation cannot be re-derived from the embedded scenario: taken as recorded.
    const label = await verifyReport(forge(varied, (doc) => (doc.asked.variant.label = 'Something else')));
    expect(label.reproduced).toBe(true);
    expect(label.notRederived).toContain('asked.variant');
  });

  it('names a forged sentence even when the numbers were forged too, but not the words of a report whose numbers came out otherwise', async () => {
    const both = await verifyReport(
      forge(report, (doc) => {
        doc.results.events.holds.probability = 0.5;
        doc.findings[0].sentence = 'The ceasefire holds: almost certain — 99.9%.';
      }),
    );
    expect(codes(both)).toEqual(['results-differ', 'report-differs']);
    expect(paths(both, 'report-differs')).toEqual(['findings[0].sentence']);
    // Another seed's numbers, with that run's own words: the numbers differ, the words follow them.
    const other = await buildReport(scenario, { ...RUN, seed: 8 });
    const elsewhere = forge(report, (doc) => {
      doc.results = other.results;
      doc.convergence = other.convergence;
      doc.findings = other.findings;
    });
    const v = await verifyReport(elsewhere);
    expect(codes(v)).toEqual(['results-differ', 'convergence-differs']);
    expect(v.likelyCause).toMatch(/edited by hand|none found/);
  });

  it('keeps messages to a readable length when a field holds 8 million characters', async () => {
    const huge = 'x'.repeat(8_000_000);
    const v = await verifyReport(renderJson(forge(report, (doc) => (doc.asked.title = huge))));
    expect(codes(v)).toEqual(['report-differs']);
    expect(paths(v, 'report-differs')).toEqual(['asked.title']);
    expect(v.problems[0].message.length).toBeLessThan(1000);
  });
});

describe('verifyReport checks report.md and report.html', () => {
  it('passes renderings of the report and fails an edited one, naming the file and the line', async () => {
    const md = renderMarkdown(report);
    const html = renderHtml(report);
    const ok = await verifyReport(report, { siblings: [{ format: 'md', file: 'report.md', text: md }, { format: 'html', file: 'report.html', text: html }] });
    expect(ok.reproduced).toBe(true);
    expect(ok.notes.at(-1)).toBe('report.md and report.html: compared byte for byte with the rendering of the report.');

    const percent = /\d+\.\d\d%/.exec(report.findings[0].sentence)![0];
    const editedMd = md.replace(percent, '99.9%');
    const v = await verifyReport(report, { siblings: [{ format: 'md', file: 'report.md', text: editedMd }, { format: 'html', file: 'report.html', text: html.replace('<title>', '<title>Forged ') }] });
    expect(codes(v)).toEqual(['sibling-differs', 'sibling-differs']);
    expect(v.problems.map((p) => p.file)).toEqual(['report.md', 'report.html']);
    const line = md.slice(0, md.indexOf(percent)).split('\n').length;
    expect(v.problems[0].message).toMatch(new RegExp(`^report\\.md is not the rendering of this report: they differ from line ${line} \\(the file has .*99\\.9%`));
    expect(v.problems[1].message).toMatch(/^report\.html is not the rendering of this report/);
  });
});

describe('verifyReport refuses settings beyond the trial budget, before sampling', () => {
  const counting = (): { engine: SimulateFn; calls: () => number } => {
    let calls = 0;
    return {
      engine: (s, o) => {
        calls++;
        return simulate(s, o);
      },
      calls: () => calls,
    };
  };

  it('refuses 1e10 trials, or a half-width run capped at 1e10, naming the setting', async () => {
    const cases: Array<[Report, string]> = [
      [forge(report, (doc) => (doc.manifest.settings = { trials: 1e10 })), 'manifest.settings.trials'],
      [forge(report, (doc) => (doc.manifest.settings = { halfWidth: 1e-6, maxTrials: 1e10 })), 'manifest.settings.maxTrials'],
    ];
    for (const [forged, setting] of cases) {
      const { engine, calls } = counting();
      const started = Date.now();
      const error = await verifyReport(forged, { simulate: engine }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TrialBudgetError);
      expect(error).toBeInstanceOf(ReportError);
      expect((error as TrialBudgetError).message).toBe(
        `the report's settings ask for up to 10,000,000,000 trials (${setting} is 10000000000), more than the trial budget of 10,000,000; nothing was run`,
      );
      expect(error).toMatchObject({ setting, requested: 1e10, budget: DEFAULT_TRIAL_BUDGET });
      expect(calls()).toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('runs up to the budget given, and the default budget lets every default half-width run through', async () => {
    const { engine, calls } = counting();
    await expect(verifyReport(report, { trialBudget: 19_999, simulate: engine })).rejects.toThrow(/20,000 trials .* more than the trial budget of 19,999/);
    expect(calls()).toBe(0);
    expect((await verifyReport(report, { trialBudget: 20_000, simulate: engine })).reproduced).toBe(true);
    expect(calls()).toBe(1);
    expect(DEFAULT_TRIAL_BUDGET).toBe(10_000_000);
    await expect(verifyReport(report, { trialBudget: 0 })).rejects.toThrow(RangeError);
  });
});

describe('scenario-odds verify', () => {
  let dir: string;
  // Per test, not in beforeAll: mutation testing (vitest.mutate.setup.ts) skips these tests by
  // name before this runs, since its sandbox has no dist/.
  beforeEach(() => assertBuilt());
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scenario-odds-verify-'));
    for (const [name, r] of [['good', report], ['forged', forge(report, (doc) => (doc.asked.params[0].value = -9.9))], ['budget', forge(report, (doc) => (doc.manifest.settings = { trials: 1e10 }))]] as const) {
      writeFileSync(join(dir, `${name}.json`), renderJson(r));
    }
    // A report written as `scenario-odds report` writes it: report.json beside report.md and report.html.
    writeFileSync(join(dir, 'report.json'), renderJson(report));
    writeFileSync(join(dir, 'report.md'), renderMarkdown(report));
    writeFileSync(join(dir, 'report.html'), renderHtml(report));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 when report.json and its renderings check out, and 1 naming the file when report.md was edited', async () => {
    const [ok] = await runMany([['verify', join(dir, 'report.json')]], { timeoutMs: 30_000 });
    expect(ok.code, show(ok)).toBe(0);
    expect(ok.stdout).toMatch(/^reproduced: ceasefire \(seed 7, 20,000 trials\); every number and the results hash [0-9a-f]{64} match the re-run\n$/);
    writeFileSync(join(dir, 'report.md'), readFileSync(join(dir, 'report.md'), 'utf8').replace('Base log-odds', 'Base log-odds (doubled)'));
    const [edited, json] = await runMany([['verify', join(dir, 'report.json')], ['verify', join(dir, 'report.json'), '--json']], { timeoutMs: 30_000 });
    expect(edited.code, show(edited)).toBe(1);
    expect(edited.stdout).toMatch(/^ {2}report\.md is not the rendering of this report: they differ from line \d+/m);
    const verdict = JSON.parse(json.stdout) as VerifyResult;
    expect(verdict.problems.map((p) => [p.code, p.file])).toEqual([['sibling-differs', 'report.md']]);
  });

  it('exits 1 naming a forged field, and says that only the JSON was verified when nothing sits beside it', async () => {
    const [r] = await runMany([['verify', join(dir, 'forged.json')]], { timeoutMs: 30_000 });
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toMatch(/^NOT reproduced: ceasefire/);
    expect(r.stdout).toContain('asked.params[0].value: report -9.9, re-run -1.5');
    expect(r.stdout).toContain('  only forged.json was verified: no Markdown or HTML rendering beside it\n');
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses settings beyond the budget with one line and exit 2, at once; --trial-budget raises it', async () => {
    const [refused, badFlag] = await runMany([['verify', join(dir, 'budget.json')], ['verify', join(dir, 'good.json'), '--trial-budget', '0']], { timeoutMs: 10_000 });
    expect(refused.code, show(refused)).toBe(2);
    expect(refused.stdout).toBe('');
    expect(lines(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /^scenario-odds: verify: .*budget\.json: the report's settings ask for up to 10,000,000,000 trials \(manifest\.settings\.trials is 10000000000\), more than the trial budget of 10,000,000; nothing was run \(to run it anyway, give --trial-budget 10000000000\)\n$/,
    );
    expect(refused.ms).toBeLessThan(5_000);
    expect(badFlag.code, show(badFlag)).toBe(2);
    expect(badFlag.stderr).toMatch(/--trial-budget must be a positive whole number \(got "0"\)/);
    const [low, enough] = await runMany([['verify', join(dir, 'good.json'), '--trial-budget', '10000'], ['verify', join(dir, 'good.json'), '--trial-budget', '2e4']], { timeoutMs: 30_000 });
    expect(low.code, show(low)).toBe(2);
    expect(low.stderr).toMatch(/more than the trial budget of 10,000; nothing was run \(to run it anyway, give --trial-budget 20000\)/);
    expect(enough.code, show(enough)).toBe(0);
  });
});
