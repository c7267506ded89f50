/**
 * Issue 15: input that cannot hurt, writes that lose nothing, signals, terminal output. Each
 * case runs the built CLI as a process (as a user would) and checks the exit code and the
 * first line it prints; each failed without the fix:
 *
 * - files that are not regular files (a directory, /dev/zero, /dev/urandom, a FIFO) and an
 *   unreadable file are refused at once with exit 2 and one line naming the file (they gave
 *   `internal error: EACCES`, read 1.16 GB from /dev/urandom, or hung on the FIFO);
 * - a JSON string of 9 million characters parses (the string regex overflowed V8's regexp
 *   stack: `internal error: Maximum call stack size exceeded`);
 * - a report that cannot be written completely (the process file-size limit, a directory in
 *   the way) leaves the previous report.json/md/html byte for byte (they were replaced or cut);
 * - a closed stdout (EPIPE) ends quietly and the report files are still written; a full one
 *   (ENOSPC) is said in one line, exit 1 (both were uncaught 'error' events with a stack trace);
 * - SIGTERM stops a run as Ctrl-C does, with its partial result and exit 143 (it lost the run);
 * - control characters from a scenario's text (OSC 52 clipboard writes, screen clears, C1
 *   controls, bidi overrides) never reach stdout or stderr, while --json keeps them as escapes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBuilt, CLI, FIXTURES, lines, ROOT, runCli, runMany, show, signalWhenBusy, STACK_TRACE, type CliResult } from './helpers';

/** Characters that must never reach a terminal from scenario text (tab and newline may). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** An OSC 52 clipboard write, a screen clear, a C1 CSI and a right-to-left override. */
const EVIL = '\u001b]52;c;aGVsbG8=\u0007\u001b[2J\u009b31m\u202e';

let dir: string;
const at = (...parts: string[]) => join(dir, ...parts);
const isRoot = process.getuid?.() === 0;
const hasFifo = process.platform !== 'win32';

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'scenario-odds-hardening-'));
  // Readable by the unprivileged user the EACCES case runs as when the tests run as root.
  chmodSync(dir, 0o755);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Checks a refusal: exit 2, no stack trace, and the first line of `out` matching `first`. */
function expectRefused(r: CliResult, out: 'stdout' | 'stderr', first: RegExp): void {
  expect(r.timedOut, `hung\n${show(r)}`).toBe(false);
  expect(r.code, show(r)).toBe(2);
  expect(r.stdout + r.stderr, show(r)).not.toMatch(STACK_TRACE);
  expect(r.stdout + r.stderr, show(r)).not.toMatch(/internal error/);
  expect(lines(r[out]), show(r)).toHaveLength(1);
  expect(lines(r[out])[0], show(r)).toMatch(first);
}

/** A report of four-factors written into `out`; returns its files' contents by name. */
async function writeReport(out: string, seed: string): Promise<Record<string, string>> {
  const r = await runCli(['report', 'four-factors', '--trials', '10000', '--seed', seed, '--out', out]);
  expect(r.code, show(r)).toBe(0);
  return snapshot(out);
}

function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}

describe('input files that are not regular files, or cannot be read', () => {
  it.skipIf(!hasFifo)('a directory, /dev/zero, /dev/urandom and a FIFO: exit 2 at once, one line naming the file (validate, run, update --ledger, merge)', async () => {
    const fifo = at('scenario.fifo');
    execFileSync('mkfifo', [fifo]);
    const folder = at('a-folder');
    mkdirSync(folder);
    const kinds: ReadonlyArray<readonly [string, string]> = [
      [folder, 'is a directory; expected'],
      ['/dev/zero', 'is a character device, not a regular file; expected'],
      ['/dev/urandom', 'is a character device, not a regular file; expected'],
      [fifo, 'is a named pipe \\(FIFO\\), not a regular file; expected'],
    ];
    const cases: Array<[string[], 'stdout' | 'stderr', RegExp]> = [];
    for (const [file, says] of kinds) {
      const head = `^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${says}`;
      cases.push(
        [['validate', file], 'stdout', new RegExp(`${head} a scenario JSON file$`)],
        [['run', file, '--trials', '1000'], 'stderr', new RegExp(`${head} a scenario JSON file$`)],
        [['update', 'four-factors', '--ledger', file, '--trials', '1000'], 'stderr', new RegExp(`${head} an evidence ledger JSON file$`)],
        [['merge', file], 'stderr', new RegExp(`${head} a part document \\(JSON\\)$`)],
      );
    }
    const results = await runMany(
      cases.map(([args]) => args),
      { timeoutMs: 8000 },
    );
    results.forEach((r, i) => {
      expectRefused(r, cases[i][1], cases[i][2]);
      // /dev/urandom took 9.7 s and 1.16 GB before; the FIFO never ended.
      expect(r.ms, `slow\n${show(r)}`).toBeLessThan(5000);
    });
  }, 30_000);

  it('an unreadable file: exit 2 with "cannot read: permission denied (EACCES)" (validate, run, report, update --ledger)', async (ctx) => {
    const file = at('unreadable.json');
    writeFileSync(file, readFileSync(join(FIXTURES, 'valid', 'minimal.json')));
    chmodSync(file, 0o000);
    // root reads any file (the capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so as root
    // the CLI runs without them, through util-linux's setpriv. Not as an unprivileged user: a
    // clone inside a 0700 folder (as mktemp -d makes) is closed to every other user.
    if (isRoot && process.platform !== 'linux') ctx.skip('running as root off Linux: no setpriv to drop the capability to read any file, and root is never refused (EACCES)');
    const withoutDac = ['--inh-caps', '-dac_override,-dac_read_search', '--bounding-set', '-dac_override,-dac_read_search', '--', process.execPath];
    const run = (args: string[]) =>
      new Promise<CliResult>((done, fail) => {
        const start = Date.now();
        const [command, argv] = isRoot ? ['setpriv', [...withoutDac, CLI, ...args]] : [process.execPath, [CLI, ...args]];
        const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SCENARIO_ODDS_DEBUG: '' } });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
        child.on('error', fail);
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          done({ args, code, signal, stdout, stderr, timedOut: false, ms: Date.now() - start });
        });
      });
    const probe = await run(['--version']).catch((e: Error) => ({ code: -1, stderr: e.message }));
    if (isRoot && probe.code !== 0) ctx.skip(`running as root, and the CLI cannot run without the capability to read any file (setpriv, from util-linux): ${probe.stderr.trim()}`);
    const out = at('unreadable-report');
    const [validate, runIt, report, update] = await Promise.all([
      run(['validate', file]),
      run(['run', file, '--trials', '1000']),
      run(['report', file, '--trials', '1000', '--out', out]),
      run(['update', 'four-factors', '--ledger', file, '--trials', '1000']),
    ]);
    const refused = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot read: permission denied \\(EACCES\\)$`);
    expectRefused(validate, 'stdout', refused);
    expectRefused(runIt, 'stderr', refused);
    expectRefused(report, 'stderr', refused);
    expectRefused(update, 'stderr', refused);
    expect(existsSync(out)).toBe(false);
  }, 20_000);
});

describe('a JSON string of 9 million characters (under the 64 MiB report limit)', () => {
  it('verify parses it: the report is read and re-run (NOT reproduced: it was edited), never "internal error: Maximum call stack size exceeded"', async () => {
    const out = at('long-string');
    await writeReport(out, '4');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { scenario: { description?: string } };
    report.scenario.description = 'x'.repeat(9_000_000);
    const file = join(out, 'long.json');
    writeFileSync(file, JSON.stringify(report));
    const r = await runCli(['verify', file], { timeoutMs: 15_000 });
    expect(r.stderr, show(r)).not.toMatch(/internal error|Maximum call stack/);
    expect(r.code, show(r)).toBe(1);
    expect(lines(r.stdout)[0], show(r)).toMatch(/^NOT reproduced: four-factors \(seed 4, 10,000 trials\)$/);
    expect(r.stdout, show(r)).toMatch(/the embedded scenario was edited/);
  }, 20_000);
});

describe('the JSON parser does not recurse or backtrack on string length (in-process)', () => {
  it('parses 20-million-character strings of plain text, escapes and \\u escapes, and still refuses bad ones with a position', async () => {
    const { parseJson } = await import('../../src/model/json');
    for (const text of ['x'.repeat(20_000_000), '\n"\\'.repeat(7_000_000), '\u00e9\u{1F600}'.repeat(7_000_000)]) {
      const { value, issues } = parseJson(JSON.stringify({ a: text }));
      expect(issues).toEqual([]);
      expect((value as { a: string }).a === text).toBe(true);
    }
    const message = (text: string) => parseJson(text).issues.map((i) => i.message);
    expect(message('{"a": "x\ny"}')).toEqual(['invalid JSON at line 1, column 7: unterminated string (a line break inside a string is written \\n)']);
    expect(message('{"a": "\\q"}')).toEqual(['invalid JSON at line 1, column 8: invalid escape in string: a backslash followed by "q"']);
    expect(message('{"a": "\\u12g4"}')).toEqual(['invalid JSON at line 1, column 8: invalid \\u escape in string (expected 4 hex digits)']);
    expect(message('{"a": "\u0001"}')).toEqual(['invalid JSON at line 1, column 8: control character U+0001 in a string (write it as the escape \\u0001)']);
    // A 30-million-digit number is quoted in 40 characters, not whole.
    expect(message(`[1${'0'.repeat(30_000_000)}]`)).toEqual([`invalid JSON at line 1, column 2: number 1${'0'.repeat(36)}... is too large`]);
  });
});

describe('writing a report loses nothing', () => {
  it.skipIf(process.platform === 'win32')('a write that fails part-way (a file-size limit, as on a full disk): exit 2, one line, the previous files unchanged and no temporary file left', async () => {
    const out = at('full-disk');
    const before = await writeReport(out, '1');
    expect(Object.keys(before).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    expect(before['report.html'].length, 'report.html must exceed the limit below').toBeGreaterThan(40 * 1024);
    expect(before['report.json'].length, 'report.json must fit under the limit below').toBeLessThan(14 * 1024);
    // ulimit -f 32: writes past 16 or 32 KB (512- or 1024-byte blocks) fail with EFBIG, the
    // way ENOSPC fails them on a full disk (Node ignores SIGXFSZ). report.json and report.md
    // fit; report.html does not.
    const r = await new Promise<CliResult>((done) => {
      const start = Date.now();
      const args = ['report', 'four-factors', '--trials', '10000', '--seed', '2', '--out', out];
      const child = spawn('/bin/sh', ['-c', 'ulimit -f 32 && exec "$0" "$@"', process.execPath, CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SCENARIO_ODDS_DEBUG: '' } });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code, signal) => done({ args, code, signal, stdout, stderr, timedOut: false, ms: Date.now() - start }));
    });
    expect(snapshot(out), `the previous report was changed\n${show(r)}`).toEqual(before);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr, show(r)).not.toMatch(STACK_TRACE);
    expect(lines(r.stderr), show(r)).toEqual([expect.stringMatching(new RegExp(`^scenario-odds: report: cannot write ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/report\\.html: .*\\(EFBIG\\); the previous files in .* are unchanged$`))]);
    expect(lines(r.stdout)[0], show(r)).toMatch(/^Illustration of the file format: four factors/);
  }, 20_000);

  it('an --out under a folder that refuses children (/proc): exit 2 at once, not a hang', async () => {
    // Node 20's recursive mkdir loops forever on such a path (node/files.ts, makeDirectory).
    const [report, run] = await runMany([
      ['report', 'four-factors', '--trials', '10000', '--seed', '5', '--out', '/proc/scenario-odds-nope'],
      ['run', 'four-factors', '--trials', '10000', '--seed', '5', '--out', '/proc/scenario-odds-nope/run.json'],
    ], { timeoutMs: 15_000 });
    for (const r of [report, run]) {
      expect(r.code, show(r)).toBe(2);
      expect(r.stderr, show(r)).not.toMatch(STACK_TRACE);
    }
    expect(lines(report.stderr), show(report)).toEqual(['scenario-odds: report: cannot create --out /proc/scenario-odds-nope: ENOENT']);
    expect(lines(run.stderr), show(run)).toEqual(['scenario-odds: run: cannot write --out /proc/scenario-odds-nope/run.json: ENOENT']);
  }, 20_000);

  it('a directory in the way of one file: exit 2 naming it, and the other files are not replaced', async () => {
    const out = at('in-the-way');
    const before = await writeReport(out, '1');
    rmSync(join(out, 'report.md'));
    mkdirSync(join(out, 'report.md'));
    const r = await runCli(['report', 'four-factors', '--trials', '10000', '--seed', '2', '--out', out]);
    expect(readFileSync(join(out, 'report.json'), 'utf8'), 'report.json was replaced').toBe(before['report.json']);
    expect(readFileSync(join(out, 'report.html'), 'utf8'), 'report.html was replaced').toBe(before['report.html']);
    expect(r.code, show(r)).toBe(2);
    expect(lines(r.stderr), show(r)).toEqual([expect.stringMatching(/^scenario-odds: report: cannot write .*\/report\.md: is a directory \(EISDIR\); the previous files in .* are unchanged$/)]);
    expect(readdirSync(out).sort(), 'a temporary file was left behind').toEqual(['report.html', 'report.json', 'report.md']);
  }, 20_000);

  it('a closed stdout (EPIPE, as with `report … | head -1`): the files are written, no stack trace, exit 0', async () => {
    const out = at('epipe');
    const r = await runCli(['report', 'four-factors', '--trials', '10000', '--seed', '5', '--out', out], {
      // The reader goes away before the CLI prints anything: every write to stdout fails with EPIPE.
      onSpawn: (child) => child.stdout!.destroy(),
    });
    expect(r.stderr, show(r)).toBe('');
    expect(r.code, show(r)).toBe(0);
    expect(readdirSync(out).sort(), show(r)).toEqual(['report.html', 'report.json', 'report.md']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<\/html>\s*$/);
  });

  it.skipIf(!existsSync('/dev/full'))('stdout on a full disk (/dev/full): exit 1 with one line saying so, no stack trace', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = await new Promise<CliResult>((done) => {
        const start = Date.now();
        const child = spawn(process.execPath, [CLI, 'list'], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], env: { ...process.env, SCENARIO_ODDS_DEBUG: '' } });
        let stderr = '';
        child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('close', (code, signal) => done({ args: ['list', '>/dev/full'], code, signal, stdout: '', stderr, timedOut: false, ms: Date.now() - start }));
      });
      expect(r.code, show(r)).toBe(1);
      expect(lines(r.stderr), show(r)).toEqual(['scenario-odds: cannot write to stdout: ENOSPC']);
    } finally {
      closeSync(full);
    }
  });
});

describe('SIGTERM behaves as Ctrl-C', () => {
  it('stops a long run with its partial result (exit 143), and a long report without touching the previous files', async () => {
    const out = at('sigterm-report');
    const before = await writeReport(out, '1');
    const sentRun = { at: 0 };
    const sentReport = { at: 0 };
    const [run, report] = await Promise.all([
      runCli(['run', 'four-factors', '--trials', '1e9', '--json', '--seed', '3'], { timeoutMs: 15_000, onSpawn: signalWhenBusy('SIGTERM', sentRun) }),
      runCli(['report', 'four-factors', '--trials', '1e9', '--seed', '3', '--out', out], { timeoutMs: 15_000, onSpawn: signalWhenBusy('SIGTERM', sentReport) }),
    ]);
    expect(sentRun.at, 'SIGTERM was never sent').toBeGreaterThan(0);
    expect(run.timedOut, `did not stop after SIGTERM\n${show(run)}`).toBe(false);
    expect(run.signal, show(run)).toBeNull();
    expect(run.code, show(run)).toBe(143);
    expect(run.stderr, show(run)).toBe('');
    expect(lines(run.stdout)[0], show(run)).toBe('{');
    const partial = JSON.parse(run.stdout) as { stoppedBecause: string; trials: number };
    expect(partial.stoppedBecause).toBe('aborted');
    expect(partial.trials).toBeGreaterThan(0);
    expect(partial.trials).toBeLessThan(1e9);

    expect(sentReport.at, 'SIGTERM was never sent').toBeGreaterThan(0);
    expect(report.signal, show(report)).toBeNull();
    expect(report.code, show(report)).toBe(143);
    expect(lines(report.stderr)[0], show(report)).toBe('scenario-odds: interrupted; no report written (a partial run cannot be reproduced)');
    expect(snapshot(out)).toEqual(before);
  }, 20_000);
});

describe('no control character from a scenario reaches the terminal', () => {
  it('run (text and --json), report and validate/run error messages print none of a title\'s, label\'s or name\'s escapes', async () => {
    const scenario = {
      id: 'escapes',
      title: `Title${EVIL} end`,
      description: `Described${EVIL}`,
      factors: { [`x${EVIL}`]: { dist: 'normal', mean: 0, sd: 1 } },
      events: { e: { p: '0.25', label: `Label${EVIL}` } },
    };
    const bad = at('escapes-bad.json');
    writeFileSync(bad, JSON.stringify(scenario));
    const good = at('escapes.json');
    writeFileSync(good, JSON.stringify({ ...scenario, factors: {} }));
    const [text, json, report, validateBad, runBad] = await runMany([
      ['run', good, '--trials', '1000', '--seed', '1'],
      ['run', good, '--trials', '1000', '--seed', '1', '--json'],
      ['report', good, '--trials', '1000', '--seed', '1', '--out', at('escapes-report')],
      ['validate', bad],
      ['run', bad, '--trials', '1000'],
    ]);
    for (const r of [text, json, report, validateBad, runBad]) {
      expect(r.stdout, show(r)).not.toMatch(CONTROL);
      expect(r.stderr, show(r)).not.toMatch(CONTROL);
      expect(r.stdout + r.stderr, show(r)).not.toMatch(STACK_TRACE);
    }
    expect(text.code, show(text)).toBe(0);
    expect(lines(text.stdout)[0], show(text)).toBe('Title]52;c;aGVsbG8=[2J31m end (escapes)');
    expect(text.stdout, show(text)).toMatch(/Label\]52;c;aGVsbG8=\[2J31m/);
    expect(report.code, show(report)).toBe(0);
    expect(lines(report.stdout)[0], show(report)).toBe('Title]52;c;aGVsbG8=[2J31m end (escapes)');
    // --json keeps the text, every control character written as a \u escape.
    expect(json.code, show(json)).toBe(0);
    expect(lines(json.stdout)[0], show(json)).toBe('{');
    expect(json.stdout).toContain('"title": "Title\\u001b]52;c;aGVsbG8=\\u0007\\u001b[2J\\u009b31m\\u202e end"');
    expect((JSON.parse(json.stdout) as { scenario: { title: string } }).scenario.title).toBe(scenario.title);
    // Issues quote the name with its escapes made visible.
    expect(validateBad.code, show(validateBad)).toBe(2);
    expect(lines(validateBad.stdout)[0], show(validateBad)).toMatch(/^.*escapes-bad\.json: factors\.x\\u001b\]52;c;aGVsbG8=\\u0007\\u001b\[2J\\u009b31m\\u202e: .*not a valid name/);
    expect(runBad.code, show(runBad)).toBe(2);
    expect(lines(runBad.stderr)[0], show(runBad)).toMatch(/^.*escapes-bad\.json: factors\.x\\u001b\]52/);
  }, 20_000);

  it('the progress bar still draws with its own carriage returns through the filter (in-process)', async () => {
    const { terminalSafe } = await import('../../src/cli/io');
    const { progressBar } = await import('../../src/cli/progress');
    const written: string[] = [];
    const stderr = terminalSafe({ write: (t: string) => written.push(t), isTTY: true, columns: 80 });
    vi.useFakeTimers();
    try {
      const bar = progressBar(stderr)!;
      vi.advanceTimersByTime(1500);
      bar.update({ trials: 50_000, target: 100_000 });
      bar.done();
      stderr.write(`a title${EVIL}\tand a tab\n`);
    } finally {
      vi.useRealTimers();
    }
    expect(written[0]).toMatch(/^\r\[#+-+\]  50% 50,000 trials · ~2s left \u001b\[K$/);
    expect(written[1]).toBe('\r\u001b[2K');
    expect(written[2]).toBe('a title]52;c;aGVsbG8=[2J31m\tand a tab\n');
  });
});
