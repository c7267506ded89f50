/**
 * How the CLI ends a command honestly (issue 17, item 5, and compare's default of item 1):
 * progress toward a half-width target with the current half-width and the time left; the
 * analysis stage named on the bar; a half-width run that reaches its cap short of the target
 * warns, says so in --json (`targetMet`) and exits 3; with --json an error is a JSON document;
 * compare hides rows identical to the scenario as written. (The manifest's runtime name is
 * tested in tests/engine/result.test.ts.)
 *
 * The bar is tested in-process (a fake terminal); the rest runs the built CLI (`npx tsup`
 * first).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli as runCliInProcess } from '../../src/cli/app';
import { terminalSafe, type CliIo } from '../../src/cli/io';
import { estimateProgress, formatDuration, progressBar } from '../../src/cli/progress';
import { assertBuilt, lines, runMany, show, STACK_TRACE, type CliResult } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'scenario-odds-ends-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake terminal stderr: what the bar draws, with its control codes. */
function fakeTerminal(columns = 120) {
  const written: string[] = [];
  const out = terminalSafe({ write: (t: string) => written.push(t), isTTY: true, columns });
  return { out, written };
}

describe('the progress bar', () => {
  it('with --half-width, measures progress toward the target and shows the current half-width and the time left', () => {
    const { out, written } = fakeTerminal();
    vi.useFakeTimers();
    try {
      const bar = progressBar(out, { halfWidth: 0.005 })!;
      vi.advanceTimersByTime(2000);
      // 0.01 now, 0.005 wanted: about (0.01 / 0.005)² = 4 times the trials, i.e. 400,000 of them.
      bar.update({ trials: 100_000, target: 10_000_000, halfWidth: 0.01 });
      bar.done();
    } finally {
      vi.useRealTimers();
    }
    const line = written[0];
    expect(line.startsWith('\r[')).toBe(true);
    expect(line).toMatch(/\]  25% half-width 0\.01 \(target 0\.005\) · 100,000 trials · ~6s left \u001b\[K$/);
    // Not the share of the 10,000,000 cap (1%).
    expect(line).not.toMatch(/ {2}1% /);
    expect(written[1]).toBe('\r\u001b[2K');
  });

  it('says when the cap, not the target, bounds the run', () => {
    const { out, written } = fakeTerminal();
    vi.useFakeTimers();
    try {
      const bar = progressBar(out, { halfWidth: 0.001 })!;
      vi.advanceTimersByTime(1000);
      // 0.01 → 0.001 needs 100 times the trials: beyond the 1,000,000 cap.
      bar.update({ trials: 100_000, target: 1_000_000, halfWidth: 0.01 });
    } finally {
      vi.useRealTimers();
    }
    expect(written[0]).toMatch(/\]  10% half-width 0\.01 \(target 0\.001\) · 100,000 trials · cap 1,000,000 before the target · ~9s left /);
  });

  it('estimates progress and durations', () => {
    expect(estimateProgress({ trials: 50_000, target: 100_000 }, undefined)).toEqual({ fraction: 0.5, total: 100_000, capBound: false });
    expect(estimateProgress({ trials: 100_000, target: 10_000_000, halfWidth: 0.004 }, 0.005)).toEqual({ fraction: 1, total: 100_000, capBound: false });
    expect(estimateProgress({ trials: 10_000, target: 10_000_000, halfWidth: Infinity }, 0.005).capBound).toBe(true);
    expect([formatDuration(400), formatDuration(59_000), formatDuration(245_000), formatDuration(7_380_000)]).toEqual(['1s', '59s', '4m 05s', '2h 03m']);
  });

  it('never draws a line wider than the terminal, leaving out the trial count first', () => {
    const draw = (columns: number, halfWidth: number) => {
      const { out, written } = fakeTerminal(columns);
      vi.useFakeTimers();
      try {
        const bar = progressBar(out, { halfWidth: 0.001 })!;
        vi.advanceTimersByTime(1500);
        bar.update({ trials: 123_456, target: 10_000_000, halfWidth });
      } finally {
        vi.useRealTimers();
      }
      return written[0];
    };
    const visible = (line: string) => [...line.replace(/^\r/, '').replace(/\u001b\[K$/, '')].length;
    const narrow = draw(70, 0.002);
    expect(narrow).not.toMatch(/123,456 trials/);
    expect(narrow).toMatch(/\] +25% half-width 0\.002 \(target 0\.001\) · ~\d+s left /);
    expect(visible(narrow)).toBeLessThanOrEqual(69);
    expect(visible(draw(50, 0.0123456))).toBeLessThanOrEqual(49);
    expect(draw(120, 0.002)).toMatch(/ · 123,456 trials · /);
  });

  it('sensitivity names its stage: tornado, then Sobol (in-process, on a fake terminal)', async () => {
    const { out, written } = fakeTerminal();
    const stdout: string[] = [];
    const io: CliIo = { stdout: { write: (t: string) => stdout.push(t) }, stderr: out, onInterrupt: () => () => {} };
    // A clock that moves 600 ms each time it is read: the bar shows from the second update on.
    let t = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (t += 600));
    let code: number;
    try {
      code = await runCliInProcess(['sensitivity', 'four-factors', '--seed', '1', '--trials', '50000', '--sobol-samples', '20000', '--bootstrap', '20', '--workers', '1', '--json'], io);
    } finally {
      clock.mockRestore();
    }
    expect(code, written.join('')).toBe(0);
    const drawn = written.filter((w) => w.startsWith('\r') && w !== '\r\u001b[2K');
    expect(drawn.some((w) => /^\rtornado: \[[#-]+\] +\d+% [\d,]+ trials · (~\d+[smh]|finishing)/.test(w)), drawn.join('\n')).toBe(true);
    expect(drawn.some((w) => /^\rSobol: \[[#-]+\] +\d+% /.test(w)), drawn.join('\n')).toBe(true);
    // The shares grow across the stages: a Sobol line never shows less than a tornado line.
    const share = (w: string) => Number(/\] +(\d+)%/.exec(w)![1]);
    const tornado = drawn.filter((w) => w.startsWith('\rtornado:')).map(share);
    const sobol = drawn.filter((w) => w.startsWith('\rSobol:')).map(share);
    expect(Math.min(...sobol)).toBeGreaterThanOrEqual(Math.max(...tornado));
    expect(written.at(-1)).toBe('\r\u001b[2K');
    expect(JSON.parse(stdout.join('')).kind).toBe('sensitivity');
  }, 60_000);
});

// The built CLI, each invocation once.
const CAP = ['run', 'four-factors', '--seed', '5', '--half-width', '0.001', '--max-trials', '30000'];
const AS_OF = ['--as-of', '2026-06-01'];
const COMPARE = ['compare', 'trump-kim-summit', '--seed', '1', '--trials', '10000', ...AS_OF];
const CALLS = {
  capJson: [...CAP, '--json'],
  capText: CAP,
  met: ['run', 'four-factors', '--seed', '5', '--half-width', '0.01', '--json'],
  fixed: ['run', 'four-factors', '--seed', '5', '--trials', '10000', '--json'],
  capReport: ['report', 'four-factors', '--seed', '5', '--half-width', '0.001', '--max-trials', '30000', '--format', 'json', '--out', join(dir, 'capped')],
  jsonUsage: ['run', 'four-factors', '--trials', 'abc', '--json'],
  jsonUnknownFlag: ['run', 'four-factors', '--nope', '--json'],
  jsonMissingFile: ['run', 'tests/fixtures/nope.json', '--json'],
  jsonInvalidScenario: ['run', 'tests/fixtures/invalid/formula-unknown-name.json', '--json'],
  jsonSet: ['run', 'four-factors', '--trials', '1000', '--set', 'nope=1', '--json'],
  jsonCompare: ['compare', 'trump-kim-summit', '--trials', '1000', '--variant', 'nope', '--json'],
  jsonUnknownCommand: ['nope', '--json'],
  textUsage: ['run', 'four-factors', '--trials', 'abc'],
  compareDefault: [...COMPARE, '--variant', 'as-published', '--variant', 'seoul-steps-back'],
  compareAll: [...COMPARE, '--variant', 'as-published', '--variant', 'seoul-steps-back', '--all'],
  compareNothing: [...COMPARE, '--variant', 'as-published'],
  compareJson: [...COMPARE, '--variant', 'as-published', '--json'],
  mainHelp: ['--help'],
  runHelp: ['run', '--help'],
  compareHelp: ['compare', '--help'],
  sensitivityHelp: ['sensitivity', '--help'],
} as const satisfies Record<string, readonly string[]>;

let results: Record<keyof typeof CALLS, CliResult>;

beforeAll(async () => {
  assertBuilt();
  const names = Object.keys(CALLS) as Array<keyof typeof CALLS>;
  const done = await runMany(names.map((n) => CALLS[n]), { timeoutMs: 60_000 });
  results = Object.fromEntries(names.map((n, i) => [n, done[i]])) as typeof results;
}, 180_000);

function json<T>(r: CliResult): T {
  let doc: unknown;
  expect(() => (doc = JSON.parse(r.stdout)), `stdout is not one JSON document\n${show(r)}`).not.toThrow();
  return doc as T;
}

describe('a --half-width run that reaches its cap short of the target', () => {
  const WARNING = /^scenario-odds: warning: reached the cap of 30,000 trials \(--max-trials\) before every event's 95% half-width fell below 0\.001; the widest, \w+, is ±0\.\d+; .*\(exit code 3\)/;

  it('prints its result, warns on stderr and exits 3; --json has "targetMet": false', () => {
    const r = results.capJson;
    expect(r.code, show(r)).toBe(3);
    const doc = json<{ stoppedBecause: string; trials: number; targetMet: boolean }>(r);
    expect([doc.stoppedBecause, doc.trials, doc.targetMet]).toEqual(['maxTrials', 30_000, false]);
    expect(lines(r.stderr), show(r)).toHaveLength(1);
    expect(r.stderr).toMatch(WARNING);
    const text = results.capText;
    expect(text.code, show(text)).toBe(3);
    expect(text.stdout).toMatch(/stopped: reached the cap of 30,000 trials before the half-width target/);
    expect(text.stderr).toMatch(WARNING);
  });

  it('a run that meets its target exits 0 with "targetMet": true; a fixed --trials run has no targetMet', () => {
    const met = results.met;
    expect(met.code, show(met)).toBe(0);
    expect(json<{ stoppedBecause: string; targetMet: boolean }>(met)).toMatchObject({ stoppedBecause: 'halfWidth', targetMet: true });
    expect(met.stderr).toBe('');
    const fixed = results.fixed;
    expect(fixed.code, show(fixed)).toBe(0);
    expect(Object.hasOwn(json<object>(fixed), 'targetMet')).toBe(false);
  });

  it('report writes the report all the same, warns and exits 3', () => {
    const r = results.capReport;
    expect(r.code, show(r)).toBe(3);
    expect(r.stderr).toMatch(WARNING);
    const report = JSON.parse(readFileSync(join(dir, 'capped', 'report.json'), 'utf8')) as { manifest: { stoppedBecause: string } };
    expect(report.manifest.stoppedBecause).toBe('maxTrials');
  });
});

describe('with --json, an error is one JSON document on stdout (exit code 2)', () => {
  type ErrorDoc = { error: { code: string; message: string; issues: Array<{ code: string; path: string; message: string }> } };
  const error = (r: CliResult) => {
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr, show(r)).toBe('');
    expect(r.stdout).not.toMatch(STACK_TRACE);
    const doc = json<ErrorDoc>(r);
    expect(Object.keys(doc)).toEqual(['error']);
    expect(Object.keys(doc.error)).toEqual(['code', 'message', 'issues']);
    return doc.error;
  };

  it('a usage error: code "usage", its message, no issues', () => {
    expect(error(results.jsonUsage)).toEqual({ code: 'usage', message: '--trials must be a positive whole number (got "abc")', issues: [] });
    expect(error(results.jsonUnknownFlag)).toMatchObject({ code: 'usage', message: expect.stringMatching(/^run: Unknown option '--nope'/) });
    expect(error(results.jsonUnknownCommand)).toMatchObject({ code: 'usage', message: expect.stringMatching(/^unknown command "nope"/) });
  });

  it('invalid input: code "invalid-input" and every issue with its code and path as typed', () => {
    const missing = error(results.jsonMissingFile);
    expect(missing.code).toBe('invalid-input');
    expect(missing.issues).toEqual([{ code: 'file-not-found', path: 'tests/fixtures/nope.json', message: expect.stringMatching(/no such file/) }]);
    const invalid = error(results.jsonInvalidScenario);
    expect(invalid.code).toBe('invalid-input');
    expect(invalid.issues.length).toBeGreaterThan(0);
    for (const i of invalid.issues) expect(i.path).toMatch(/^tests\/fixtures\/invalid\/formula-unknown-name\.json/);
    expect(invalid.message).toBe(invalid.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(error(results.jsonSet).issues).toEqual([expect.objectContaining({ path: '--set nope' })]);
    expect(error(results.jsonCompare).issues).toEqual([expect.objectContaining({ path: '--variant nope' })]);
  });

  it('without --json the same error stays one line on stderr', () => {
    const r = results.textUsage;
    expect(r.code, show(r)).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('scenario-odds: --trials must be a positive whole number (got "abc")\n');
  });
});

describe('compare shows by default only the rows that differ', () => {
  const IDENTICAL_ROW = /^ {2}as-published\s+\d+\.\d\d%\s+\+0\.00 pp\s+\[\+0\.00, \+0\.00\]/m;

  it('hides each row of a variant identical to the scenario as written, and says how many', () => {
    const r = results.compareDefault;
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).not.toMatch(IDENTICAL_ROW);
    expect(r.stdout).toMatch(/^ {2}seoul-steps-back\s+\d+\.\d\d%\s+[+−]\d+\.\d\d pp/m);
    expect(r.stdout).toMatch(/^Identical to the scenario as written in every trial: as-published\.$/m);
    const hidden = /^Hidden: (\d+) of (\d+) rows, where the variant changes no trial of that event; --all shows them\.$/m.exec(r.stdout);
    expect(hidden, r.stdout).not.toBeNull();
    const tables = lines(r.stdout).filter((l) => / as written$/.test(l) && !l.startsWith('Identical')).length;
    expect(Number(hidden![2])).toBe(2 * tables);
    expect(Number(hidden![1])).toBe(tables);
  });

  it('--all shows every row', () => {
    const r = results.compareAll;
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(IDENTICAL_ROW);
    expect(r.stdout).not.toMatch(/^Hidden:/m);
    const summit = r.stdout.slice(r.stdout.indexOf('\nsummit — '));
    expect(summit.split('\n\n')[0].split('\n').filter((l) => /^ {2}(as-published|seoul-steps-back) /.test(l))).toHaveLength(2);
  });

  it('a table with no row left is not printed, and named; --json keeps every row', () => {
    const r = results.compareNothing;
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).not.toMatch(/^ {2}variant\s+P\s+difference/m);
    expect(r.stdout).toMatch(/^No table for summit, agenda, .*: no variant changes them\.$/m);
    const doc = json<{ variants: Array<{ name: string; events: Record<string, { differencePp: { probability: number } }> }> }>(results.compareJson);
    expect(doc.variants[0].name).toBe('as-published');
    expect(Object.values(doc.variants[0].events).length).toBeGreaterThan(1);
    for (const d of Object.values(doc.variants[0].events)) expect(d.differencePp.probability).toBe(0);
  });
});

describe('help', () => {
  it('documents exit code 3, JSON errors, the progress shown, and --all', () => {
    for (const r of Object.values(results).filter((x) => x.args.includes('--help'))) expect(r.code, show(r)).toBe(0);
    expect(results.mainHelp.stdout).toMatch(/3 a --half-width run \(run, report\) reached --max-trials before its target/);
    expect(results.mainHelp.stdout).toMatch(/\{"error": \{"code", "message", "issues"/);
    expect(results.runHelp.stdout).toMatch(/exits 3/);
    expect(results.runHelp.stdout).toMatch(/"targetMet": true, or false when the cap came first/);
    expect(results.runHelp.stdout).toMatch(/current half-width against the target/);
    expect(results.compareHelp.stdout).toMatch(/--all +show every row/);
    expect(results.sensitivityHelp.stdout).toMatch(/names the stage \(tornado, Sobol, Sobol bootstrap\)/);
  });
});
