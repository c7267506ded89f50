/**
 * Differential test: our formula parser (src/expr/syntax.ts and convert.ts) against the pipeline
 * it replaced, mathjs 15.2's parser and the old whitelist converter (./mathjsReference.ts, the
 * only place mathjs's parser is still loaded).
 *
 * 50,000 inputs from a fixed seed, plus a list of edge cases: 30,000 random strings of the
 * language's tokens and of every token it refuses (strings, brackets, `%`, `**`, `&&`, `?.`,
 * units, hex numbers, comments, control and unicode characters...), joined with or without
 * white space; 10,000 formulas generated from the grammar of the language, half of them with
 * one token inserted, removed or replaced; and 10,000 expressions nesting what is refused after
 * parsing (property access, assignments, definitions, strings, matrices, ranges...). Each is
 * parsed with the declared names given (every other input) or not. Then:
 *   - accepted by one <=> accepted by the other, with the same FormulaAst;
 *   - refused by both with the same FormulaErrorCode; a syntax error also at the same character
 *     with the same message (mathjs gave no character for some: then the message only);
 * except the deliberate differences in DIFFERENCES, each with its reason, each seen at least
 * once here and pinned by an example below.
 *
 * Time: about 4 s (both parsers on every input).
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMULA_FUNCTIONS, FormulaError, parseFormula, type FormulaAst, type FormulaErrorCode } from '../../src/expr';
import { prng } from '../fuzz/sandbox';
import { referenceParseFormula } from './mathjsReference';

const SEED = 0xd1ff;
const TOKEN_STRINGS = 30_000;
const GENERATED = 10_000;
const HOSTILE_EXPRESSIONS = 10_000;
const KNOWN = new Set(['x', 'y', 'z', 'w', 'pi']);

type Outcome = { ok: true; ast: FormulaAst } | { ok: false; code: FormulaErrorCode; message: string; position: number | undefined };

function outcome(parse: () => FormulaAst): Outcome {
  try {
    return { ok: true, ast: parse() };
  } catch (e) {
    if (e instanceof FormulaError) return { ok: false, code: e.code, message: e.message, position: e.position };
    throw e;
  }
}

const refused = (o: Outcome, code?: FormulaErrorCode): boolean => !o.ok && (code === undefined || o.code === code);

/** A difference between the two parsers that is intended, and how to recognise it. */
interface Difference {
  readonly what: string;
  readonly why: string;
  readonly applies: (source: string, old: Outcome, ours: Outcome) => boolean;
}

const DIFFERENCES: readonly Difference[] = [
  {
    what: 'a 0b/0o/0x number with a fraction or a word size is refused',
    why: 'mathjs read `0x1.8` as 1.5, `0b12.1` as 1.5 (the digit 2 silently dropped) and `0xffi8` as -1: nothing documents or tests these forms, and their values surprise; whole hexadecimal, binary and octal numbers stay',
    // Where mathjs read such a literal we refuse it when reading it, so the refusal can come
    // before another one mathjs reported first, or (inside `a % ...`) turn it into another.
    applies: (source, _old, ours) => refused(ours) && readNonDecimalFraction(source),
  },
  {
    what: 'calling through optional chaining, `f?.(x)`, is refused as property access',
    why: 'mathjs read `sin?.(x)` as `sin(x)` (its optional-chaining syntax, accepted by accident since `a?.b` is refused)',
    applies: (source, _old, ours) => /\?\.\s*\(/.test(source) && refused(ours, 'formula-property-access'),
  },
  {
    what: '`undefined` is refused as unsupported, like `null`',
    why: 'mathjs gives the word the same node as an empty formula, so the old message was "formula has no expression" (formula-empty) for `x + undefined`',
    applies: (source, old, ours) => /\bundefined\b/.test(source) && refused(old, 'formula-empty') && refused(ours, 'formula-unsupported'),
  },
];

/** Whether the text has a 0b/0o/0x literal with a fraction or word size that mathjs read as a number. */
function readNonDecimalFraction(source: string): boolean {
  for (const [literal] of source.matchAll(/(?<![\w$.])0[box][\w$]*(\.[\w$]*)?/g)) {
    if (/[.i]/.test(literal) && outcome(() => referenceParseFormula(literal)).ok) return true;
  }
  return false;
}

// Syntax errors whose message changed on purpose (the code and, where mathjs gave one, the
// character stay the same).
const MESSAGE_DIFFERENCES: ReadonlyArray<readonly [old: RegExp, ours: RegExp]> = [
  // A bad 0x/0b/0o number: mathjs's message has no position and no hint.
  [/String ".*" is (not a valid number|out of range)/, /^syntax error at character \d+: ".*" is not a valid number \(0x, 0b and 0o numbers are whole, such as 0x1f\)/],
  // `(a).b = 1`, `f(1).b = 2`: mathjs's message came from its node classes.
  [/SymbolNode or AccessorNode expected as "object"/, /^syntax error at character \d+: Invalid left hand side of assignment operator =/],
];

// ---------------------------------------------------------------------------------------------
// Inputs

const NAMES = ['x', 'y', 'z', 'w', 'a', 'kg', 'inch', 'cm', 'e', 'i', 'pi', 'end', 'foo', 'é', 'π', '\uD835\uDC65', '$', '_a1'];
const WORDS = ['true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'and', 'or', 'not', 'xor', 'mod', 'to', 'in'];
const HOSTILE = ['constructor', '__proto__', 'toString', 'import', 'eval', 'evaluate', 'random', 'f'];
const FUNCTIONS = ['sigmoid', 'min', 'max', 'clamp', 'exp', 'atan2', 'log', 'pow'];
const NUMBERS = ['0', '1', '2.5', '.5', '5.', '1e-3', '1e3', '1E+2', '1e999', '00', '0x10', '0b1', '0o7', '0x1.8', '0xffi8', '0x', '0b2', '1e', '1e.', '1e+', '2x'];
const OPERATORS = [
  '+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', '?', ':', ',', '(', ')', '(', ')',
  '**', '===', '!==', '<>', '=', '&&', '||', '&', '|', '^|', '~', '!', "'", '%', '.*', './', '.^', '<<', '>>', '>>>', '??', '?.', ';', '.', '[', ']', '{', '}',
];
const OTHERS = ['"a"', "'b'", '"\\n"', '"unterminated', '"\\u12"', '"\\q"', '"', '#c\n', '\n', '\t', '\u00A0', '\r', '@'];
const TOKENS = [...NAMES, ...WORDS, ...HOSTILE, ...FUNCTIONS, ...NUMBERS, ...OPERATORS, ...OPERATORS, ...OTHERS];
const SEPARATORS = ['', ' ', ' ', ' ', '  ', '\t', '\n'];

/** Hand-picked cases on the edges of mathjs's grammar. */
const EDGES = [
  '50%', 'a + 50%', '50 % (1 +', '5 % 3', '1 % (1 % (1 % 1))', '2 in', '2 in cm', '-2 in', '5 kg m', 'x in', '1/2 x', '1/2/3 x', '-1/2(x)', '~1/2 x', '+1/2 in', '"a"/2 x',
  'a ? b : c ? d : e', 'a ? b ? c : d : e : f : g', '(a ? b : c) ? d : e', 'a ? : b', '1:3', ':', 'x ? 1:2 : 3', 'a?.5:1',
  'end = 1', 'a = end = 1', 'x ? end = 1 : 2', 'end.a = 1', 'end[1] = 1', '(a).b = 1', 'f(1).b = 2', 'a.b.c = 1', 'a?.b = 1', 'f(x, x) = x', 'end(x) = 1', 'f(x) = end',
  'sin?.(x)', 'a.b?.(1)', '(a)?.(1)', 'x!', "x'", "x'!", 'a[1]', 'a.b(1)', 'f(1)(2)', '(a)(b)', '2(3)', '[1, 2; 3]', '[1, 2; 3, 4]', '[1,]', '{a: 1, "b": 2}',
  '"\\u0041"', 'x # comment', '(x\n+ 1)', 'x\n+ 1', ';', 'x;', '\nx', 'not x > 1', 'not (x > 1)', '(not x) > 1', '0 < x < 1 <= y', 'undefined', 'x + undefined',
  'x ?? 1', '1 .* 2', '2 .^ 3', '0x1F + 0b101 + 0o17', '1e-3 + .5 + 5.', 'x \u00A0+ 1', '\uD835\uDC65 + 1', 'e ^ x', 'pi x', '2 pi', 'randomInt(1, 6)',
];

const OPERANDS = [...NAMES, ...WORDS, ...HOSTILE, ...NUMBERS, ...OTHERS.slice(0, 3), '(', '-', 'not', ...FUNCTIONS.map((f) => `${f}(`), ...HOSTILE.map((f) => `${f}(`)];
const INFIX = [
  '+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', 'and', 'or', '?', ':', ',', ')', '', '',
  'xor', 'mod', 'to', 'in', '%', '.*', '**', '&&', '||', '&', '|', '=', '??', '?.', '.', '!', "'", ';', '[', '{',
];

/**
 * Token strings: any token anywhere (mostly nonsense, which is the point), or operands and
 * operators in turn with the brackets closed, so that more of them parse and reach the
 * refusals that come after parsing.
 */
function tokenString(r: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const n = 1 + Math.floor(r() * 10);
  const alternate = r() < 0.5;
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) tokens.push(pick(!alternate || r() < 0.05 ? TOKENS : i % 2 === 0 ? OPERANDS : INFIX));
  if (alternate) {
    const open = tokens.join('').split('(').length - tokens.join('').split(')').length;
    for (let i = 0; i < open; i++) tokens.push(')');
  }
  return tokens.reduce((s, t) => s + pick(SEPARATORS) + t);
}

/** A formula of the language as tokens (function arities are sometimes wrong, on purpose). */
function formulaTokens(r: () => number, depth: number): string[] {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const sub = () => formulaTokens(r, depth - 1);
  const u = r();
  if (depth <= 0 || u < 0.2) return [pick(['x', 'y', 'z', 'w', 'a', 'pi', 'true', 'false', '0', '1', '2.5', '.5', '1e-3', '0x10'])];
  if (u < 0.5) return [...sub(), pick(['+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', 'and', 'or']), ...sub()];
  if (u < 0.6) return [pick(['-', '+', 'not', '-']), ...sub()];
  if (u < 0.7) return ['(', ...sub(), ')'];
  if (u < 0.8) {
    const f = pick(FORMULA_FUNCTIONS);
    const arity = f.minArgs + Math.floor(r() * (f.maxArgs - f.minArgs + 1)) + (r() < 0.05 ? 1 : 0);
    const args = Array.from({ length: arity }, sub);
    return [f.name, '(', ...args.flatMap((a, i) => (i === 0 ? a : [',', ...a])), ')'];
  }
  if (u < 0.9) return [...sub(), '?', ...sub(), ':', ...sub()];
  return [...sub(), pick(['<', '<=']), ...sub(), pick(['<', '<=', '>']), ...sub()];
}

function generated(r: () => number): string {
  const tokens = formulaTokens(r, 1 + Math.floor(r() * 5));
  if (r() < 0.5) {
    const at = Math.floor(r() * tokens.length);
    const u = r();
    if (u < 0.4) tokens.splice(at, 0, TOKENS[Math.floor(r() * TOKENS.length)]);
    else if (u < 0.7) tokens.splice(at, 1);
    else tokens[at] = TOKENS[Math.floor(r() * TOKENS.length)];
  }
  return tokens.join(r() < 0.8 ? ' ' : '');
}

/** Expressions nesting the constructs that are refused after parsing (as the fuzz suite's do). */
function hostile(r: () => number, depth: number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  if (depth <= 0 || r() < 0.25) return pick([...NAMES, ...WORDS, ...HOSTILE, ...NUMBERS, '"s"', '[]', '{}', '[1, 2]', '{a: 1}']);
  const sub = () => hostile(r, depth - 1);
  const u = r();
  if (u < 0.25) return `${sub()} ${pick(['+', '-', '*', '/', '^', '%', 'mod', '==', '<', '<=', 'and', 'or', 'xor', '&', '|', 'to', 'in', '.*', '??', '>>'])} ${sub()}`;
  if (u < 0.35) return `${pick(['-', '+', 'not ', '~'])}${sub()}${pick(['', '', '!', "'", '%'])}`;
  if (u < 0.45) return `${sub()}${pick(['.', '?.'])}${pick(NAMES)}`;
  if (u < 0.52) return `${sub()}[${sub()}]`;
  if (u < 0.64) return `${pick([...FUNCTIONS, ...HOSTILE, 'end'])}${pick(['(', '(', '?.('])}${Array.from({ length: Math.floor(r() * 4) }, sub).join(', ')})`;
  if (u < 0.72) return `${sub()} = ${sub()}`;
  if (u < 0.76) return `f(${pick(NAMES)}, ${pick(NAMES)}) = ${sub()}`;
  if (u < 0.84) return `(${sub()})`;
  if (u < 0.92) return `${sub()} ? ${sub()} : ${sub()}`;
  if (u < 0.96) return `${sub()}${pick(['; ', '\n'])}${sub()}`;
  return `${sub()}:${sub()}`;
}

function* inputs(): Generator<string> {
  yield* EDGES;
  const r = prng(SEED);
  for (let i = 0; i < TOKEN_STRINGS; i++) yield tokenString(r);
  for (let i = 0; i < GENERATED; i++) yield generated(r);
  for (let i = 0; i < HOSTILE_EXPRESSIONS; i++) yield hostile(r, 1 + Math.floor(r() * 5));
}

// ---------------------------------------------------------------------------------------------

interface Tally {
  inputs: number;
  accepted: number;
  refused: Partial<Record<FormulaErrorCode, number>>;
  differences: number[];
  messageDifferences: number;
  unexplained: string[];
}

/** Why the outcomes disagree, or undefined if they agree. */
function disagreement(old: Outcome, ours: Outcome): string | undefined {
  if (old.ok && ours.ok) return isDeepStrictEqual(old.ast, ours.ast) ? undefined : 'different trees';
  if (old.ok || ours.ok) return 'accepted by one only';
  if (old.code !== ours.code) return 'different codes';
  if (old.code !== 'formula-syntax') return undefined;
  // mathjs gave no character for some syntax errors ("syntax error: ..."); we always do.
  if (old.position === undefined) {
    return ours.message.replace(/^syntax error at character \d+: /, 'syntax error: ') === old.message ? undefined : 'different syntax error';
  }
  return old.position === ours.position && old.message === ours.message ? undefined : 'different syntax error';
}

function show(source: string, old: Outcome, ours: Outcome, why: string): string {
  const o = (x: Outcome) => (x.ok ? JSON.stringify(x.ast) : `${x.code} @${x.position}: ${x.message}`);
  return `${JSON.stringify(source)}: ${why}\n    mathjs: ${o(old)}\n    ours:   ${o(ours)}`;
}

function compare(source: string, known: ReadonlySet<string> | undefined, tally: Tally): void {
  const old = outcome(() => referenceParseFormula(source, known));
  const ours = outcome(() => parseFormula(source, { known }));
  tally.inputs++;
  if (ours.ok) tally.accepted++;
  else {
    tally.refused[ours.code] = (tally.refused[ours.code] ?? 0) + 1;
    if (ours.position !== undefined && !(ours.position >= 0 && ours.position <= source.length)) {
      tally.unexplained.push(show(source, old, ours, 'position outside the formula'));
    }
  }
  const why = disagreement(old, ours);
  if (why === undefined) return;
  const i = DIFFERENCES.findIndex((d) => d.applies(source, old, ours));
  if (i >= 0) tally.differences[i]++;
  else if (!old.ok && !ours.ok && MESSAGE_DIFFERENCES.some(([o, u]) => o.test(old.message) && u.test(ours.message))) tally.messageDifferences++;
  else tally.unexplained.push(show(source, old, ours, why));
}

describe('our parser against mathjs 15.2 and the old converter', () => {
  const tally: Tally = { inputs: 0, accepted: 0, refused: {}, differences: DIFFERENCES.map(() => 0), messageDifferences: 0, unexplained: [] };

  beforeAll(() => {
    let i = 0;
    for (const source of inputs()) compare(source, i++ % 2 === 0 ? KNOWN : undefined, tally);
    console.info(
      `parser differential: ${tally.inputs} inputs, ${tally.accepted} accepted by both; refused: ${JSON.stringify(tally.refused)}; ` +
        `deliberate differences: ${tally.differences.join(', ')}; changed syntax messages: ${tally.messageDifferences}`,
    );
  });

  const total = TOKEN_STRINGS + GENERATED + HOSTILE_EXPRESSIONS;

  it(`${total.toLocaleString('en-US')} generated inputs (seed ${SEED}) and ${EDGES.length} edge cases: same acceptance, trees and codes`, () => {
    expect(tally.unexplained.slice(0, 20).join('\n')).toBe('');
    expect(tally.inputs).toBe(total + EDGES.length);
  });

  it('reaches both outcomes, and every refusal code the parser gives', () => {
    expect(tally.accepted).toBeGreaterThan(3000);
    const codes: FormulaErrorCode[] = [
      'formula-syntax', 'formula-property-access', 'formula-assignment', 'formula-string', 'formula-unit', 'formula-implicit-multiplication',
      'formula-random', 'formula-unknown-function', 'formula-forbidden-name', 'formula-reserved-name', 'formula-unsupported', 'formula-arity',
      'formula-empty', 'formula-non-finite',
    ];
    for (const code of codes) expect(tally.refused[code] ?? 0, code).toBeGreaterThan(0);
  });

  it('every deliberate difference occurs (a difference that no longer occurs should be removed)', () => {
    DIFFERENCES.forEach((d, i) => expect(tally.differences[i], d.what).toBeGreaterThan(0));
    expect(tally.messageDifferences).toBeGreaterThan(0);
  });
});

describe('the deliberate differences, by example', () => {
  const code = (source: string) => outcome(() => parseFormula(source));
  const old = (source: string) => outcome(() => referenceParseFormula(source));

  it('0b/0o/0x numbers with a fraction or word size: mathjs read them, we refuse them', () => {
    expect(old('0x1.8')).toEqual({ ok: true, ast: { t: 'num', v: 1.5 } });
    expect(old('0b12.1')).toEqual({ ok: true, ast: { t: 'num', v: 1.5 } });
    expect(old('0xffi8')).toEqual({ ok: true, ast: { t: 'num', v: -1 } });
    for (const s of ['0x1.8', '0b12.1', '0xffi8']) {
      expect(code(s)).toEqual({ ok: false, code: 'formula-syntax', position: 0, message: `syntax error at character 1: "${s}" is not a valid number (0x, 0b and 0o numbers are whole, such as 0x1f)` });
    }
    expect(code('0x1F + 0b101 + 0o17')).toEqual(old('0x1F + 0b101 + 0o17'));
  });

  it('f?.(x): mathjs read it as f(x), we refuse it', () => {
    expect(old('sin?.(x)')).toEqual(old('sin(x)'));
    expect(code('sin?.(x)')).toMatchObject({ ok: false, code: 'formula-property-access', message: 'optional chaining ("?.") is not allowed: "sin?.(x)"' });
  });

  it('undefined: mathjs said "formula has no expression", we say it is not supported', () => {
    expect(old('x + undefined')).toMatchObject({ ok: false, code: 'formula-empty', message: 'formula has no expression' });
    expect(code('x + undefined')).toMatchObject({ ok: false, code: 'formula-unsupported', message: '"undefined" is not supported; only numbers, true and false are' });
  });
});
