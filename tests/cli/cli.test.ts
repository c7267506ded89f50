/**
 * The command line as a user meets it: the built `dist/cli.js` spawned as a process, with its
 * stdout, stderr and exit code asserted. Stderr is a pipe here (not a terminal), so nothing may
 * appear on it for a successful run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURES, jsonSchemaErrors, lines, PACKAGE_VERSION, runCli, runMany, show, signalWhenBusy, STACK_TRACE, type CliResult } from './helpers';

const EXAMPLE = 'examples/four-factors.json';
const VALID = readdirSync(join(FIXTURES, 'valid')).filter((f) => f.endsWith('.json')).sort().map((f) => `tests/fixtures/valid/${f}`);

interface EventJson {
  probability: number;
  ci95: [number, number];
  standardError: number;
  trials: number;
  acrossWorlds: { quantiles: { p5: number; p95: number } };
}
interface ResultJson {
  scenario: { id: string; hash: string };
  seed: string | number;
  trials: number;
  stoppedBecause: string;
  events: Record<string, EventJson>;
  nodes: Record<string, { mean: number; sd: number }>;
  manifest: { resultsHash: string; overrides?: Record<string, number> } & Record<string, unknown>;
}

function ok(r: CliResult): void {
  expect(r.timedOut, `hung\n${show(r)}`).toBe(false);
  expect(r.code, show(r)).toBe(0);
  expect(r.stderr, `stderr must be empty when it is not a terminal\n${show(r)}`).toBe('');
}

/** stdout parsed as exactly one JSON document (JSON.parse refuses anything after it). */
function parseResult(r: CliResult): ResultJson {
  ok(r);
  let doc: unknown;
  expect(() => (doc = JSON.parse(r.stdout)), `stdout is not one JSON document\n${show(r)}`).not.toThrow();
  return doc as ResultJson;
}

function expectResultShape(j: ResultJson): void {
  expect(typeof j.scenario.id).toBe('string');
  expect(j.scenario.hash).toMatch(/^[0-9a-f]{16,}$/);
  expect(['string', 'number']).toContain(typeof j.seed);
  expect(Number.isInteger(j.trials) && j.trials > 0).toBe(true);
  expect(typeof j.stoppedBecause).toBe('string');
  expect(Object.keys(j.events).length).toBeGreaterThan(0);
  for (const [name, e] of Object.entries(j.events)) {
    expect(e.probability, name).toBeGreaterThanOrEqual(0);
    expect(e.probability, name).toBeLessThanOrEqual(1);
    expect(e.ci95, name).toHaveLength(2);
    expect(e.ci95[0], name).toBeLessThanOrEqual(e.probability);
    expect(e.ci95[1], name).toBeGreaterThanOrEqual(e.probability);
    expect(Number.isFinite(e.standardError) && e.standardError >= 0, name).toBe(true);
    expect(e.trials, name).toBe(j.trials);
  }
  expect(Object.keys(j.nodes).length).toBeGreaterThan(0);
  for (const [name, n] of Object.entries(j.nodes)) {
    expect(Number.isFinite(n.mean), name).toBe(true);
    expect(Number.isFinite(n.sd) && n.sd >= 0, name).toBe(true);
  }
  expect(typeof j.manifest).toBe('object');
  expect(j.manifest.resultsHash).toMatch(/^[0-9a-f]{16,}$/);
}

/** A usage error: exit 2, nothing on stdout, exactly one line on stderr matching `names`. */
function expectUsageError(r: CliResult, names: RegExp): void {
  expect(r.timedOut, `hung\n${show(r)}`).toBe(false);
  expect(r.code, show(r)).toBe(2);
  expect(r.stdout, show(r)).toBe('');
  expect(r.stderr + r.stdout, `stack trace\n${show(r)}`).not.toMatch(STACK_TRACE);
  expect(lines(r.stderr), `expected exactly one line on stderr\n${show(r)}`).toHaveLength(1);
  expect(r.stderr, show(r)).toMatch(names);
}

// Everything quick is started at once (a few processes per core) and asserted afterwards.
const CALLS = {
  version: ['--version'],
  help: ['--help'],
  helpShort: ['-h'],
  noArgs: [],
  runHelp: ['run', '--help'],
  validateHelp: ['validate', '--help'],
  schemaHelp: ['schema', '--help'],
  listHelp: ['list', '--help'],
  list: ['list'],
  listJson: ['list', '--json'],
  schema: ['schema'],
  validateValid: ['validate', ...VALID],
  validateMix: ['validate', VALID[0], 'tests/fixtures/invalid/normal-negative-sd.json', EXAMPLE, 'tests/fixtures/invalid/json-trailing-comma.json'],
  json1: ['run', EXAMPLE, '--seed', '7', '--trials', '20000', '--json'],
  json2: ['run', EXAMPLE, '--seed', '7', '--trials', '20000', '--json'],
  domestic: ['run', EXAMPLE, '--seed', '7', '--trials', '20000', '--json', '--set', 'wDomestic=-2.5'],
  rok: ['run', EXAMPLE, '--seed', '7', '--trials', '20000', '--json', '--set', 'rokMediation.mean=0.4'],
  human: ['run', EXAMPLE, '--seed', '7', '--trials', '20000'],
  builtin: ['run', 'four-factors', '--seed', '11', '--trials', '2000', '--json'],
  builtinHuman: ['run', 'four-factors', '--seed', '11', '--trials', '2000'],
  halfWidth: ['run', 'four-factors', '--seed', '5', '--half-width', '0.01', '--json'],
  setUnknown: ['run', EXAMPLE, '--trials', '1000', '--set', 'nope=1'],
  setNotNumber: ['run', EXAMPLE, '--trials', '1000', '--set', 'wDomestic=abc'],
  setNoName: ['run', EXAMPLE, '--trials', '1000', '--set', '=1'],
  trialsNegative: ['run', EXAMPLE, '--trials', '-5'],
  trialsHuge: ['run', EXAMPLE, '--trials', '1e15'],
  trialsWord: ['run', EXAMPLE, '--trials', 'abc'],
  trialsZero: ['run', EXAMPLE, '--trials', '0'],
  trialsFraction: ['run', EXAMPLE, '--trials', '2.5'],
  halfWidthNegative: ['run', EXAMPLE, '--half-width', '-1'],
  halfWidthWord: ['run', EXAMPLE, '--half-width', 'small'],
  trialsAndHalfWidth: ['run', EXAMPLE, '--trials', '1000', '--half-width', '0.01'],
  seedMissing: ['run', EXAMPLE, '--seed'],
  bogusFlag: ['run', EXAMPLE, '--bogus'],
  bogusCommand: ['frobnicate'],
  noFile: ['run', 'tests/fixtures/does-not-exist.json'],
  directory: ['run', 'tests/fixtures'],
  runNothing: ['run'],
  runTwo: ['run', EXAMPLE, EXAMPLE],
  validateNothing: ['validate'],
  validateNoFile: ['validate', 'tests/fixtures/does-not-exist.json'],
  schemaExtra: ['schema', 'extra'],
} satisfies Record<string, string[]>;

type Call = keyof typeof CALLS;
let results: Record<Call, CliResult>;

beforeAll(async () => {
  assertBuilt();
  const names = Object.keys(CALLS) as Call[];
  const got = await runMany(names.map((n) => CALLS[n]), { timeoutMs: 20_000 });
  results = Object.fromEntries(names.map((n, i) => [n, got[i]])) as Record<Call, CliResult>;
});

describe('version and help', () => {
  it('--version prints the version of package.json', () => {
    ok(results.version);
    expect(results.version.stdout.trim()).toBe(PACKAGE_VERSION);
  });

  it.each(['help', 'helpShort', 'noArgs'] as const)('%s prints the main help with every command', (name) => {
    const r = results[name];
    ok(r);
    expect(r.stdout).toMatch(/Usage: scenario-odds/);
    for (const command of ['run', 'validate', 'schema', 'list']) expect(r.stdout).toContain(command);
  });

  it.each([
    ['runHelp', /Usage: scenario-odds run/, ['--seed', '--trials', '--half-width', '--max-trials', '--set', '--json']],
    ['validateHelp', /Usage: scenario-odds validate/, []],
    ['schemaHelp', /Usage: scenario-odds schema/, []],
    ['listHelp', /Usage: scenario-odds list/, []],
  ] as const)('%s exits 0 with the command usage', (name, usage, flags) => {
    const r = results[name];
    ok(r);
    expect(r.stdout).toMatch(usage);
    for (const flag of flags) expect(r.stdout).toContain(flag);
  });
});

describe('list and schema', () => {
  it('list names the built-in four-factors scenario', () => {
    ok(results.list);
    expect(results.list.stdout).toMatch(/^four-factors\s/m);
    const rows = JSON.parse(results.listJson.stdout) as Array<{ id: string }>;
    expect(rows.map((r) => r.id)).toContain('four-factors');
  });

  it('schema prints one JSON Schema (draft 2020-12) that accepts every valid fixture and the examples', () => {
    ok(results.schema);
    const schema = JSON.parse(results.schema.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    for (const file of [...VALID, EXAMPLE, 'examples/coin-and-die.json']) {
      const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(jsonSchemaErrors(schema, doc), file).toEqual([]);
    }
  });

  it('schema documents the fields of every form of normal, lognormal and beta', () => {
    const schema = JSON.parse(results.schema.stdout) as Record<string, unknown>;
    const text = JSON.stringify(schema);
    // A distribution with several forms must still list each form's fields, or editors cannot
    // complete them and the schema accepts {"dist": "normal", "sdd": 1}.
    const probe = (factor: unknown) => jsonSchemaErrors(schema, { id: 'probe', title: 'Probe', factors: { x: factor }, events: { e: '0.5' } });
    expect(probe({ dist: 'normal', mean: 0, sdd: 1 }), 'normal with a typo accepted').not.toEqual([]);
    expect(probe({ dist: 'lognormal', mu: 0, sigma: -1 }), 'lognormal with sigma < 0 accepted').not.toEqual([]);
    expect(probe({ dist: 'beta', alpha: 0, beta: 1 }), 'beta with alpha = 0 accepted').not.toEqual([]);
    for (const field of ['"p5"', '"p95"', '"mu"', '"sigma"', '"alpha"', '"likelihood"']) expect(text).toContain(field);
  });

  it('validate accepts every valid fixture', () => {
    ok(results.validateValid);
    expect(lines(results.validateValid.stdout)).toEqual(VALID.map((f) => `${f}: ok`));
  });

  it('validate of valid and invalid files exits 2, prints FILE: ok for the valid ones and the issues of the others', () => {
    const r = results.validateMix;
    expect(r.code, show(r)).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    const out = lines(r.stdout);
    expect(out).toContain(`${VALID[0]}: ok`);
    expect(out).toContain(`${EXAMPLE}: ok`);
    expect(out).toContain('tests/fixtures/invalid/normal-negative-sd.json: factors.x.sd: sd must be greater than 0 (got -1)');
    expect(out.some((l) => /^tests\/fixtures\/invalid\/json-trailing-comma\.json: invalid JSON at line 5, column 1/.test(l)), show(r)).toBe(true);
    expect(out).toHaveLength(4);
  });
});

describe('run --json', () => {
  it('prints exactly one JSON document with the required keys and nothing on stderr', () => {
    const j = parseResult(results.json1);
    expectResultShape(j);
    expect(j.scenario.id).toBe('my-summit');
    expect(String(j.seed)).toBe('7');
    expect(j.trials).toBe(20_000);
    expect(j.stoppedBecause).toBe('trials');
    expect(Object.keys(j.events)).toEqual(['summit']);
    expect(Object.keys(j.nodes)).toEqual(expect.arrayContaining(['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints', 'rokMediation', 'logOdds']));
  });

  it('is reproducible: the same command twice gives identical events and resultsHash', () => {
    const a = parseResult(results.json1);
    const b = parseResult(results.json2);
    expect(b.events).toEqual(a.events);
    expect(b.nodes).toEqual(a.nodes);
    expect(b.manifest.resultsHash).toBe(a.manifest.resultsHash);
    expect(b.scenario.hash).toBe(a.scenario.hash);
  });

  it('--set wDomestic=-2.5 lowers summit, with the same draws (common random numbers)', () => {
    const base = parseResult(results.json1);
    const r = parseResult(results.domestic);
    expect(r.events.summit.probability).toBeLessThan(base.events.summit.probability);
    // The factors' draws are unchanged; logOdds moves by exactly (-2.5 - -1.5) * mean(usDomesticConstraints).
    for (const f of ['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints', 'rokMediation']) expect(r.nodes[f]).toEqual(base.nodes[f]);
    expect(r.nodes.logOdds.mean).toBeCloseTo(base.nodes.logOdds.mean - 1.0 * base.nodes.usDomesticConstraints.mean, 10);
    expect(r.manifest.overrides).toEqual({ wDomestic: -2.5 });
    expect(r.manifest.resultsHash).not.toBe(base.manifest.resultsHash);
  });

  it('--set rokMediation.mean=0.4 changes one field of a factor', () => {
    const base = parseResult(results.json1);
    const r = parseResult(results.rok);
    // ±0.05 is many standard errors (sd 0.6 over the run's trials): the test is that --set reaches
    // the field, not the estimate's precision.
    expect(r.nodes.rokMediation.mean).toBeCloseTo(0.4, 1);
    expect(Math.abs(r.nodes.rokMediation.mean - 0.4)).toBeLessThan(5 * (0.3 / Math.sqrt(20_000)));
    expect(r.nodes.sanctionsBlocking).toEqual(base.nodes.sanctionsBlocking);
    expect(r.events.summit.probability).toBeGreaterThan(base.events.summit.probability);
  });

  it('runs the built-in scenario by id', () => {
    const j = parseResult(results.builtin);
    expectResultShape(j);
    expect(j.scenario.id).toBe('four-factors');
    expect(j.trials).toBe(2000);
    expect(Object.keys(j.events)).toEqual(expect.arrayContaining(['summit', 'mediationBackfires']));
    ok(results.builtinHuman);
    expect(results.builtinHuman.stdout).toContain('four-factors');
  });

  it('--half-width 0.01 stops with stoppedBecause "halfWidth" once every interval is that narrow', () => {
    const j = parseResult(results.halfWidth);
    expectResultShape(j);
    expect(j.stoppedBecause).toBe('halfWidth');
    for (const e of Object.values(j.events)) expect((e.ci95[1] - e.ci95[0]) / 2).toBeLessThanOrEqual(0.01);
  });
});

describe('run (human summary)', () => {
  it('shows each event as a percentage with its simulation error and its spread across the model\'s worlds, the trials, the seed, the time and why it stopped', () => {
    const r = results.human;
    ok(r);
    const json = parseResult(results.json1);
    const pct = (json.events.summit.probability * 100).toFixed(2);
    expect(r.stdout).toMatch(/summit/);
    expect(r.stdout).toContain(`${pct}%`);
    const half = 100 * Math.max(json.events.summit.probability - json.events.summit.ci95[0], json.events.summit.ci95[1] - json.events.summit.probability);
    expect(r.stdout).toMatch(/^ +P {2}simulation error {2}across the model's worlds \(90%\)$/m);
    // The 95% half-width in percentage points, then the 5%–95% range of the per-trial chance.
    expect(r.stdout).toMatch(new RegExp(`^ {2}summit +${pct}% {2}±${Number(half.toPrecision(2))} pp +\\d+\\.\\d\\d% – \\d+\\.\\d\\d%`, 'm'));
    const q = json.events.summit.acrossWorlds.quantiles;
    expect(r.stdout).toContain(`${(q.p5 * 100).toFixed(2)}% – ${(q.p95 * 100).toFixed(2)}%`);
    expect(r.stdout).toMatch(/20,000 trials|20000 trials/);
    expect(r.stdout).toMatch(/seed 7\b/);
    expect(r.stdout).toMatch(/\d+(\.\d+)? ?(ms|s)\b/);
    expect(r.stdout).toMatch(/stopped: /);
  });
});

describe('bad usage: exit 2, one clear line on stderr, no stack trace', () => {
  it.each([
    ['setUnknown', /nope/],
    ['setNotNumber', /wDomestic.*abc|abc.*wDomestic/],
    ['setNoName', /=1/],
    ['trialsNegative', /--trials.*-5/],
    ['trialsHuge', /trials.*(1e15|1000000000000000|1,000,000,000,000,000)/],
    ['trialsWord', /--trials.*abc/],
    ['trialsZero', /--trials.*0/],
    ['trialsFraction', /--trials.*2\.5/],
    ['halfWidthNegative', /--half-width.*-1/],
    ['halfWidthWord', /--half-width.*small/],
    ['trialsAndHalfWidth', /--trials.*--half-width/],
    ['seedMissing', /--seed/],
    ['bogusFlag', /--bogus/],
    ['bogusCommand', /frobnicate/],
    ['noFile', /tests\/fixtures\/does-not-exist\.json/],
    ['directory', /tests\/fixtures\b.*directory/],
    ['runNothing', /run/],
    ['runTwo', /run/],
    ['validateNothing', /validate/],
    ['schemaExtra', /schema/],
  ] as const)('%s', (name, names) => {
    expectUsageError(results[name], names);
  });

  it('validate of a missing file reports it as FILE: message and exits 2', () => {
    const r = results.validateNoFile;
    expect(r.code, show(r)).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expect(lines(r.stdout + r.stderr)).toEqual([expect.stringMatching(/^tests\/fixtures\/does-not-exist\.json: /)]);
  });
});

describe('Ctrl-C', () => {
  it('SIGINT stops a long run: exit 130 and one JSON document marked "aborted"', async () => {
    assertBuilt();
    const sent = { at: 0 } as { at: number; cancel?: () => void };
    const r = await runCli(['run', 'four-factors', '--trials', '1e9', '--json', '--seed', '3'], { timeoutMs: 15_000, onSpawn: signalWhenBusy('SIGINT', sent) });
    const endedAt = Date.now();
    sent.cancel?.();
    const sentAt = sent.at;
    expect(r.timedOut, `did not stop after SIGINT\n${show(r)}`).toBe(false);
    expect(sentAt, 'SIGINT was never sent').toBeGreaterThan(0);
    expect(endedAt - sentAt, 'took too long to stop after SIGINT').toBeLessThan(3000);
    expect(r.code, show(r)).toBe(130);
    expect(r.stderr, show(r)).toBe('');
    let j: ResultJson | undefined;
    expect(() => (j = JSON.parse(r.stdout) as ResultJson), `stdout is not one JSON document\n${show(r)}`).not.toThrow();
    expect(j!.stoppedBecause).toBe('aborted');
    expect(j!.manifest.stoppedBecause).toBe('aborted');
    expect(j!.trials).toBeGreaterThan(0);
    expect(j!.trials).toBeLessThan(1e9);
    for (const e of Object.values(j!.events)) expect(e.trials).toBe(j!.trials);
  });
});
