/**
 * `scenario-odds report` and `scenario-odds verify` as a user runs them: the built dist/cli.js
 * as a process, in a temporary directory. The flagship's report is written, verified, edited
 * by hand and verified again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, lines, runCli, runMany, show, STACK_TRACE, type CliResult } from '../cli/helpers';

let dir: string;
let written: CliResult;

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'scenario-odds-report-'));
  written = await runCli(['report', 'trump-kim-summit', '--seed', '2025', '--half-width', '0.005', '--out', join(dir, 'flagship')], { timeoutMs: 30_000 });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function expectOneLineError(r: CliResult, pattern: RegExp): void {
  expect(r.timedOut, show(r)).toBe(false);
  expect(r.code, show(r)).toBe(2);
  expect(r.stdout, show(r)).toBe('');
  expect(lines(r.stderr), show(r)).toHaveLength(1);
  expect(r.stderr, show(r)).toMatch(pattern);
  expect(r.stderr, show(r)).not.toMatch(STACK_TRACE);
}

/** report.json with one number of the embedded results changed, written next to the original. */
function editedCopy(name: string, edit: (text: string) => string): string {
  const original = readFileSync(join(dir, 'flagship', 'report.json'), 'utf8');
  const changed = edit(original);
  expect(changed).not.toBe(original);
  const file = join(dir, name);
  writeFileSync(file, changed);
  return file;
}

describe('scenario-odds report', () => {
  it('prints the odds as run does, then writes report.json, report.md and report.html and prints their paths, nothing on stderr', () => {
    expect(written.code, show(written)).toBe(0);
    expect(written.stderr, show(written)).toBe('');
    const paths = ['report.json', 'report.md', 'report.html'].map((f) => join(dir, 'flagship', f));
    const out = lines(written.stdout);
    expect(out.slice(-3)).toEqual(paths);
    expect(out[0]).toBe('Will Trump and Kim Jong Un hold a summit in the coming year? (trump-kim-summit)');
    expect(out[1]).toMatch(/^as of \d{4}-\d\d-\d\d · window \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d · given no summit through 2026-05-15 \(effective sample [\d,]+ of [\d,]+ trials\)$/);
    expect(written.stdout).toMatch(/^ {2}summit +\d+\.\d\d% {2}±0\.\d+ pp +\d+\.\d\d% – \d+\.\d\d% +Trump–Kim summit in the forecast window$/m);
    expect(written.stdout).toMatch(/^ {2}venueDmz \| summit +2\d\.\d\d% {2}±0\.\d+ pp +not summarized \(a ratio over worlds\) +Venue/m);
    expect(written.stdout).toMatch(/30,000 trials · seed 2025 · .* · stopped: every 95% half-width below 0\.005/);
    // The headline in words after the table: every unconditional finding, none about an input.
    const words = written.stdout.slice(written.stdout.indexOf('In words (ICD-203):\n'));
    expect(words).toMatch(/^In words \(ICD-203\):\n {2}Trump–Kim summit in the forecast window: [a-z ]+ \(ICD-203 \d+–\d+%\) — \d\.\d\d% \(simulation error ±[\d.]+ pp at 95%, 30,000 trials; across the model's worlds [\d.]+% – [\d.]+%, 90% range\)\.\n/);
    expect(words).toContain('  An agenda both sides accept exists: ');
    expect(words).not.toContain('Seoul’s mediation lowers the odds');
    expect(words).not.toContain('Venue:');
    for (const p of paths) expect(readFileSync(p, 'utf8').length, p).toBeGreaterThan(1000);
    const report = JSON.parse(readFileSync(paths[0], 'utf8')) as { asOf: string; reproduce: { command: string }; results: { trials: number } };
    expect(report.reproduce.command).toBe(`scenario-odds report trump-kim-summit --seed 2025 --half-width 0.005 --max-trials 10000000 --as-of ${report.asOf}`);
    expect(report.results.trials).toBe(30_000);
  });

  it('writes byte-identical files when run again with the same inputs, and only the formats asked for', async () => {
    // The first report's own as-of date: run minutes later, a default "today" could be the next day.
    const { asOf } = JSON.parse(readFileSync(join(dir, 'flagship', 'report.json'), 'utf8')) as { asOf: string };
    const [again, mdOnly, badFormat, both, help] = await runMany([
      ['report', 'trump-kim-summit', '--seed', '2025', '--half-width', '0.005', '--as-of', asOf, '--out', join(dir, 'again')],
      ['report', 'four-factors', '--seed', '3', '--trials', '20000', '--format', 'md', '--out', join(dir, 'md-only')],
      ['report', 'four-factors', '--format', 'pdf', '--out', join(dir, 'never')],
      ['report', 'four-factors', '--trials', '1000', '--half-width', '0.01'],
      ['report', '--help'],
    ]);
    expect(again.code, show(again)).toBe(0);
    for (const f of ['report.json', 'report.md', 'report.html']) {
      expect(readFileSync(join(dir, 'again', f), 'utf8'), f).toBe(readFileSync(join(dir, 'flagship', f), 'utf8'));
    }
    expect(mdOnly.code, show(mdOnly)).toBe(0);
    expect(readdirSync(join(dir, 'md-only'))).toEqual(['report.md']);
    expect(readFileSync(join(dir, 'md-only', 'report.md'), 'utf8')).toMatch(/^# Illustration of the file format: four factors \(not a forecast\)\n/);
    expectOneLineError(badFormat, /--format takes a comma-separated list of json, md, html \(got "pdf"\)/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expectOneLineError(both, /give either --trials or --half-width, not both/);
    expect(help.code).toBe(0);
    for (const flag of ['--seed', '--trials', '--half-width', '--max-trials', '--set', '--variant', '--out', '--format']) expect(help.stdout).toContain(flag);
  });
});

describe('scenario-odds verify', () => {
  it('says "reproduced" for the report as written (exit 0)', async () => {
    const r = await runCli(['verify', join(dir, 'flagship', 'report.json')], { timeoutMs: 30_000 });
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^reproduced: trump-kim-summit \(seed 2025, 30,000 trials\); every number and the results hash [0-9a-f]{64} match the re-run\n$/);
  });

  it('fails (exit 1) when one number of the embedded results was edited, naming the event and field', async () => {
    const doc = JSON.parse(readFileSync(join(dir, 'flagship', 'report.json'), 'utf8')) as { results: { events: { summit: { probability: number } } } };
    const p = doc.results.events.summit.probability;
    // Edit the text as a person would: the first occurrence of the number, inside "results".
    const file = editedCopy('edited.json', (text) => {
      const at = text.indexOf('"results"');
      const value = JSON.stringify(p);
      const i = text.indexOf(value, at);
      return `${text.slice(0, i)}0.0849${text.slice(i + value.length)}`;
    });
    const [r, json] = await runMany([['verify', file], ['verify', file, '--json']], { timeoutMs: 30_000 });
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toMatch(/^NOT reproduced: trump-kim-summit \(seed 2025, 30,000 trials\)\n/);
    expect(r.stdout).toContain('the embedded results were edited');
    expect(r.stdout).toContain(`events.summit.probability: report 0.0849, re-run ${p}`);
    expect(r.stdout).toMatch(/likely cause: the report was edited by hand/);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expect(json.code).toBe(1);
    const verdict = JSON.parse(json.stdout) as { reproduced: boolean; problems: Array<{ code: string }> };
    expect(verdict.reproduced).toBe(false);
    expect(verdict.problems.map((x) => x.code)).toContain('results-differ');
  });

  it('refuses what is not a readable report with one line (exit 2)', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"format": "scenario-odds-report",');
    writeFileSync(join(dir, 'other.json'), '{"id": "coin", "title": "Coin"}');
    const [broken, other, missing, nothing] = await runMany([
      ['verify', join(dir, 'broken.json')],
      ['verify', join(dir, 'other.json')],
      ['verify', join(dir, 'missing.json')],
      ['verify'],
    ]);
    expectOneLineError(broken, /^scenario-odds: verify: .*broken\.json: invalid JSON at line 1, column 35: /);
    expectOneLineError(other, /other\.json: the file is not a scenario-odds report \(no "format": "scenario-odds-report"\)/);
    expectOneLineError(missing, /missing\.json: no such file/);
    expectOneLineError(nothing, /verify: expected one report\.json file, got none/);
  });
});
