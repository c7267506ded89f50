/**
 * The bad-input corpus (tests/fixtures/invalid), run through the built CLI as processes:
 * `validate FILE...` and `run FILE --trials 1000` must both exit 2 with one line per problem that
 * names the file and the path, never a stack trace, never hang. The same table is checked
 * against the library's issue codes and, where the JSON Schema can express the rule, against
 * the schema printed by `scenario-odds schema` (the two must not drift).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURES, jsonSchemaErrors, lines, ROOT, runCli, runMany, show, STACK_TRACE, type CliResult } from './helpers';

interface Issue {
  /** Dotted path as printed (`factors.x.sd`); '' for the file as a whole (JSON syntax, root type). */
  readonly path: string;
  /** The issue code(s) acceptable for this problem (checked through the library). */
  readonly code: string | readonly string[];
  /** What the message must say. */
  readonly message: RegExp;
}

interface Case {
  /** Every issue the file must produce, and no other. */
  readonly issues: readonly Issue[];
  /**
   * The JSON Schema printed by `schema` can express this rule (types, required and unknown
   * fields, single-field ranges), so it must reject the file too.
   */
  readonly schemaRejects?: boolean;
}

const issue = (path: string, code: Issue['code'], message: RegExp): Issue => ({ path, code, message });
/** A JSON syntax error: reported for the whole file with its line and column. */
const json = (line: number, column: number, message: RegExp): Case => ({
  issues: [issue('', 'json-syntax', new RegExp(`^invalid JSON at line ${line}, column ${column}: .*${message.source}`, message.flags))],
});
const one = (path: string, code: Issue['code'], message: RegExp, schemaRejects = false): Case => ({ issues: [issue(path, code, message)], schemaRejects });

const FORBIDDEN = /built-in.*cannot be used/;

/** One row per file in tests/fixtures/invalid; a file without a row fails the coverage test. */
const TABLE: Readonly<Record<string, Case>> = {
  // Malformed JSON
  'json-trailing-comma.json': json(5, 1, /property name in double quotes, found "\}"/),
  'json-missing-closing-brace.json': json(5, 1, /end of file/),
  'json-single-quotes.json': json(2, 3, /double quotes, found "'"/),
  'json-nan-literal.json': json(4, 49, /"NaN"/),
  'json-infinity-literal.json': json(4, 58, /"Infinity"/),
  'json-duplicate-key.json': json(6, 5, /duplicate key "x"/),
  'json-empty-file.json': json(1, 1, /end of file/),
  'json-comment.json': json(1, 1, /found "\/"/),
  'json-unterminated-string.json': json(2, 9, /string/),
  'json-trailing-garbage.json': json(2, 1, /after the end of the JSON value/),
  'json-nested-1000-levels.json': json(1, 128, /nesting deeper than 64 levels/),
  'json-top-level-array.json': one('', 'wrong-type', /must be a JSON object/, true),

  // Wrong types (a wrong-type message says what was expected, not just "invalid input")
  'title-is-number.json': one('title', 'wrong-type', /expected string.*42/, true),
  'params-not-object.json': one('params', 'wrong-type', /expected .*"w = 1"/, true),
  'param-is-string.json': one('params.w', 'wrong-type', /number.*"1"/, true),
  'factor-is-string.json': one('factors.x', 'dist-wrong-type', /must be an object.*"normal\(0, 1\)"/, true),
  'event-is-number.json': one('events.e', 'wrong-type', /(formula|expected (a )?string).*0\.5/, true),

  // Missing or empty sections, unknown fields
  'missing-events.json': one('events', 'missing-field', /missing/, true),
  'missing-id-and-title.json': {
    issues: [issue('id', 'missing-field', /missing/), issue('title', 'missing-field', /missing/)],
    schemaRejects: true,
  },
  'events-empty.json': one('events', 'no-events', /at least one event/),
  'unknown-top-level-field.json': one('factorz', 'unknown-field', /unknown field "factorz"/, true),
  'id-not-a-slug.json': one('id', 'invalid-value', /lower-case letters, digits and hyphens/, true),

  // Distributions
  'dist-unknown.json': one('factors.x.dist', 'dist-unknown', /unknown distribution "weibull"/, true),
  'dist-missing.json': one('factors.x.dist', 'dist-missing-param', /dist is required/, true),
  'normal-negative-sd.json': one('factors.x.sd', 'dist-invalid-param', /sd must be greater than 0 \(got -1\)/, true),
  'beta-alpha-zero.json': one('factors.x.alpha', 'dist-invalid-param', /alpha must be greater than 0 \(got 0\)/, true),
  'bernoulli-p-1.5.json': one('factors.x.p', 'dist-invalid-param', /between 0 and 1 \(got 1\.5\)/, true),
  'nan-as-string.json': one('factors.x.mean', 'dist-wrong-type', /finite number \(got "NaN"\)/, true),
  'infinity-as-string.json': one('factors.x.sd', 'dist-wrong-type', /finite number \(got "Infinity"\)/, true),
  'factor-unknown-field-sdd.json': {
    issues: [
      issue('factors.x.sdd', 'dist-unknown-field', /unknown field "sdd".*did you mean "sd"/),
      issue('factors.x.sd', 'dist-missing-param', /sd is required/),
    ],
    schemaRejects: true,
  },
  'normal-p5-not-below-p95.json': one('factors.x.p95', 'dist-invalid-param', /p95 \(10\) must be greater than p5 \(10\)/),
  'uniform-max-below-min.json': one('factors.x.max', 'dist-invalid-param', /max \(1\) must be greater than min \(5\)/),
  'triangular-mode-outside.json': one('factors.x.mode', 'dist-invalid-param', /mode \(3\) must be between min \(0\) and max \(2\)/),
  'categorical-weights-all-zero.json': one('factors.x.weights', 'dist-invalid-param', /must not all be 0/),
  'beta-unknown-likelihood.json': one('factors.x.likelihood', ['dist-invalid-param', 'dist-wrong-type'], /likelihood must be one of .*"probable-ish"/, true),
  // Every sample would be +Infinity (e^1000): refused at validation, naming the field and the limit.
  'lognormal-mu-1000.json': one('factors.x.mu', 'dist-invalid-param', /^mu must be within ±230 \(got 1000\): samples are e\^\(mu \+ sigma·z\) and must stay between e\^-230 and e\^230 \(about 1e-100 and 1e100\); e\^1000 is \+Infinity$/, true),

  // The graph of derived nodes
  'correlation-not-positive-definite.json': one('correlations.0', 'correlation-not-positive-definite', /group \{a, b, c\} cannot all hold at once.*a–b 0\.9 \(correlations\.0\), b–c 0\.9 \(correlations\.1\), a–c −0\.9 \(correlations\.2\)/),
  'correlation-rank-1.json': one('correlations.0.rank', 'invalid-value', /strictly between -1 and 1/, true),
  'correlation-unknown-factor.json': one('correlations.0.factors.1', 'unknown-factor', /no factor named "bb" \(factors: a, b, c\)/),
  'derived-cycle.json': one('derived.a', 'cycle', /cycle: a -> b -> a/),
  'derived-self-reference.json': one('derived.y', 'cycle', /cycle: y -> y/),

  // Formulas
  'formula-property-access.json': one('events.e', 'formula-property-access', /property access/),
  'formula-assignment.json': one('events.e', 'formula-assignment', /assignment/),
  'formula-import.json': one('events.e', ['formula-forbidden-name', 'formula-unknown-function', 'formula-string'], /import/),
  'formula-string-literal.json': one('events.e', 'formula-string', /string literal.*"yes"/),
  'formula-implicit-multiplication.json': one('events.e', 'formula-implicit-multiplication', /implicit multiplication.*"2 x"/),
  'formula-unknown-function.json': one('events.e', 'formula-unknown-function', /unknown function "frobnicate"/),
  'formula-unknown-name.json': one('events.e', 'formula-unknown-name', /unknown name "qqq"/),
  'formula-syntax-error.json': one('events.e', 'formula-syntax', /syntax error/),
  'formula-empty.json': one('events.e', ['formula-empty', 'invalid-value'], /empty/, true),
  'formula-unit.json': one('events.e', 'formula-unit', /unit.*"kg"/),
  'formula-random.json': one('events.e', 'formula-random', /random/),
  'formula-10000-nested-parens.json': one('events.e', 'formula-too-deep', /nests .*more than 64 deep/),
  'formula-1mb.json': one('events.e', 'formula-too-long', /1048577 characters.*limit is 4000/),
  'formula-long-operator-chain.json': one('events.e', 'formula-too-deep', /more than 256 levels deep/),
  // Operators from other languages: the syntax error says what to write instead.
  'formula-or-as-pipes.json': one('events.e', 'formula-syntax', /^syntax error at character 8: Value expected \(write "or" instead of "\|\|"\)$/),
  'formula-and-as-ampersands.json': one('events.e', 'formula-syntax', /^syntax error at character 8: Value expected \(write "and" instead of "&&"\)$/),
  'formula-power-as-double-star.json': one('events.e', 'formula-syntax', /^syntax error at character 4: Value expected \(write "\^" for a power instead of "\*\*"\)$/),
  // A wrong value and a wrong formula: both reported at once, not the formula only after the value is fixed.
  'value-and-formula-errors.json': {
    issues: [issue('factors.x.sd', 'dist-invalid-param', /^sd must be greater than 0 \(got -1\)$/), issue('events.e', 'formula-unknown-name', /^unknown name "qqq"$/)],
    schemaRejects: true,
  },

  // Names
  'name-proto-as-factor.json': one('factors.__proto__', 'forbidden-name', FORBIDDEN),
  'name-proto-as-param.json': one('params.__proto__', 'forbidden-name', FORBIDDEN),
  'name-constructor-as-param.json': one('params.constructor', 'forbidden-name', FORBIDDEN),
  'name-constructor-as-factor.json': one('factors.constructor', 'forbidden-name', FORBIDDEN),
  'name-tostring-as-factor.json': one('factors.toString', 'forbidden-name', FORBIDDEN),
  'name-hasownproperty-as-event.json': one('events.hasOwnProperty', 'forbidden-name', FORBIDDEN),
  'name-in-two-sections.json': one('factors.x', 'duplicate-name', /"x" is already declared in params/),
  'name-reserved-word.json': one('factors.and', 'reserved-name', /reserved word/),
  'name-with-hyphen.json': one('factors.my-factor', 'invalid-name', /not a valid name/),
  'name-is-function.json': one('params.sigmoid', 'reserved-name', /name of a formula function/),

  // Time: the timeline, calendar windows, the as-of date and "nothing yet" observations
  'timeline-end-and-horizon.json': one('timeline', 'timeline-end-and-horizon', /give "end" \(a fixed window\) or "horizon" \(periods from the as-of date\), not both/),
  'timeline-no-window.json': one('timeline', 'timeline-no-window', /give "horizon" .* or "end"/),
  'timeline-period-unknown.json': one('timeline.period', 'invalid-value', /must be one of day, week, month, quarter, year/, true),
  'window-recurring-month-13.json': one('events.e.windows.0.months.1', 'invalid-value', /must be a month from 1 to 12/, true),
  'observed-untimed-event.json': one('observed.0.event', 'not-timed', /"plain" is not a timed event/),
  'as-of-not-a-day.json': one('asOf', 'invalid-date', /2026-02-30 is not a date/),
};

const INVALID_DIR = join(FIXTURES, 'invalid');
const FILES = readdirSync(INVALID_DIR).sort();
const rel = (name: string) => `tests/fixtures/invalid/${name}`;
/** Longest acceptable output line: a message quotes a value, it never echoes a whole file. */
const MAX_LINE = 1000;

/** Checks that `out` has exactly the expected issue lines, each `FILE: PATH: message`. */
function expectIssueLines(r: CliResult, out: string, name: string, c: Case): void {
  const prefix = `${rel(name)}: `;
  const got = lines(out);
  for (const line of got) {
    expect(line.startsWith(prefix), `a line that does not name the file:\n${line}\n${show(r)}`).toBe(true);
    expect(line.length, `an overlong line (${line.length} chars)\n${show(r)}`).toBeLessThanOrEqual(MAX_LINE);
  }
  for (const want of c.issues) {
    const head = prefix + (want.path ? `${want.path}: ` : '');
    const match = got.find((l) => l.startsWith(head) && want.message.test(l.slice(head.length)));
    expect(match, `no line "${head}" + ${want.message}\n${show(r)}`).toBeDefined();
  }
  expect(got.length, `expected ${c.issues.length} issue line(s)\n${show(r)}`).toBe(c.issues.length);
}

function expectCleanFailure(r: CliResult): void {
  expect(r.timedOut, `hung\n${show(r)}`).toBe(false);
  expect(r.signal, show(r)).toBeNull();
  expect(r.code, show(r)).toBe(2);
  expect(r.stdout + r.stderr, `stack trace\n${show(r)}`).not.toMatch(STACK_TRACE);
}

/** Files per `validate` process: its output names the file on every line, so one process can check several. */
const VALIDATE_BATCH = 10;

describe('tests/fixtures/invalid', () => {
  let validate: Map<string, CliResult>;
  let run: Map<string, CliResult>;

  beforeAll(async () => {
    assertBuilt();
    // `run FILE` once per file; `validate FILE...` in batches (a process costs ~0.3 s of CPU,
    // and the suite must stay fast). Each file's validate lines are picked out by their prefix.
    const batches: string[][] = [];
    for (let i = 0; i < FILES.length; i += VALIDATE_BATCH) batches.push(FILES.slice(i, i + VALIDATE_BATCH));
    const results = await runMany([
      ...batches.map((b) => ['validate', ...b.map(rel)]),
      ...FILES.map((f) => ['run', rel(f), '--trials', '1000', '--seed', '1']),
    ]);
    validate = new Map();
    batches.forEach((b, i) => {
      const r = results[i];
      for (const f of b) {
        const mine = (text: string) => lines(text).filter((l) => l.startsWith(`${rel(f)}: `)).join('\n');
        const others = (text: string) => lines(text).filter((l) => !b.some((g) => l.startsWith(`${rel(g)}: `))).join('\n');
        // Lines naming no file of the batch (a crash, a stray message) are kept for every file.
        validate.set(f, { ...r, stdout: [mine(r.stdout), others(r.stdout)].filter(Boolean).join('\n'), stderr: r.stderr });
      }
    });
    run = new Map(FILES.map((f, i) => [f, results[batches.length + i]]));
  });

  it('has at least 30 fixtures, and every fixture has a row in the table (and every row a file)', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(30);
    expect(FILES.filter((f) => !Object.hasOwn(TABLE, f)), 'fixtures without an expectation in TABLE').toEqual([]);
    expect(Object.keys(TABLE).filter((f) => !FILES.includes(f)), 'rows of TABLE without a fixture file').toEqual([]);
  });

  describe.each(FILES.filter((f) => Object.hasOwn(TABLE, f)))('%s', (name) => {
    const c = TABLE[name];

    it('validate FILE...: exit 2, one line per issue as FILE: PATH: message', () => {
      const r = validate.get(name)!;
      expectCleanFailure(r);
      expectIssueLines(r, r.stdout, name, c);
      expect(r.stderr, show(r)).toBe('');
    });

    it('run FILE --trials 1000: exit 2, the same lines on stderr, nothing on stdout', () => {
      const r = run.get(name)!;
      expectCleanFailure(r);
      expectIssueLines(r, r.stderr, name, c);
      expect(r.stdout, show(r)).toBe('');
    });
  });
});

describe('issue codes (through the built library)', () => {
  type Lib = { validateScenario(input: unknown): Array<{ code: string; path: string; message: string }> };
  let lib: Lib;
  beforeAll(async () => {
    assertBuilt();
    lib = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as Lib;
  });

  // JSON syntax errors come from the file loader; the rest parse with JSON.parse (which keeps
  // "__proto__" as an own key, as the CLI's parser does).
  const rows = FILES.filter((f) => Object.hasOwn(TABLE, f) && TABLE[f].issues.every((i) => i.code !== 'json-syntax'));
  it.each(rows)('%s', (name) => {
    const input: unknown = JSON.parse(readFileSync(join(INVALID_DIR, name), 'utf8'));
    const got = lib.validateScenario(input).map((i) => ({ code: i.code, path: i.path }));
    const want = TABLE[name].issues;
    expect(got.length, JSON.stringify(got)).toBe(want.length);
    for (const w of want) {
      const codes = typeof w.code === 'string' ? [w.code] : w.code;
      expect(
        got.some((g) => g.path === w.path && codes.includes(g.code)),
        `expected ${codes.join(' or ')} at "${w.path}", got ${JSON.stringify(got)}`,
      ).toBe(true);
    }
  });
});

describe('the JSON Schema agrees with validation', () => {
  let schema: Record<string, unknown>;
  beforeAll(async () => {
    assertBuilt();
    const r = await runCli(['schema']);
    expect(r.code, show(r)).toBe(0);
    schema = JSON.parse(r.stdout) as Record<string, unknown>;
  });

  const rows = FILES.filter((f) => TABLE[f]?.schemaRejects);
  it.each(rows)('rejects %s', (name) => {
    const input: unknown = JSON.parse(readFileSync(join(INVALID_DIR, name), 'utf8'));
    expect(jsonSchemaErrors(schema, input), 'the JSON Schema accepts a file that validation rejects').not.toEqual([]);
  });
});
