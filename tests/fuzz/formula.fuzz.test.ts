/**
 * Fuzz: the formula language cannot be abused.
 *
 * 100,000+ inputs from a fixed-seed generator are fed to the formula pipeline:
 *   - known mathjs exploit payloads (constructor chains, `import`, `createUnit`, `reviver`,
 *     `evaluate`/`parse`/`compile`, matrix index getters, setters on arrays and objects,
 *     function definitions, `{}["constructor"]`, ...) alone and embedded in valid formulas;
 *   - generated hostile expressions mixing `constructor`, `__proto__`, `prototype`, `Function`,
 *     `process`, string literals, accessors, calls, assignments, units and deep nesting;
 *   - mutations of real formulas (the flagship's);
 *   - random strings: ASCII, control characters, unicode (surrogate pairs and lone surrogates,
 *     RTL marks, zero-width joiners, full-width brackets, math symbols), up to 1 MB.
 *
 * Every input must either compile (parseFormula + compileFormula with declared x, y, z as
 * columns and w as a constant) to a program that evaluates a small batch without throwing and
 * whose AST is plain data made only of our node types, or fail with a FormulaError carrying
 * one of the known codes and a one-line message. Nothing else may be thrown.
 *
 * And nothing may run outside the sandbox. Payloads call a sentinel global function and set
 * global properties if they ever execute; while the fuzz loop runs, reads of
 * Function.prototype.constructor (the door every constructor chain goes through) and calls of
 * the global `eval` are counted by traps. After the loop: the sentinel was never called, no
 * trap fired, no global appeared, and Object.prototype, Function.prototype, Array.prototype
 * (and the other built-in prototypes below) have exactly the own properties and descriptors
 * they had before.
 *
 * Time: 5–12 s for 100,007 inputs on the loaded 2-core CI machine (measured; the suite logs it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFormula, evaluateScalar, FORMULA_FUNCTIONS, FormulaError, parseFormula, validateScenario, type FormulaAst } from '../../src/index';
import { checkFormula, isForbiddenName, type FormulaErrorCode } from '../../src/expr';
import { prng, snapshotBuiltins, diffSnapshots } from './sandbox';

const SEED = 0x5eed;
const TOTAL = 100_000;
const SENTINEL = '__scenarioOddsSandboxEscape';
const SET_FLAG = '__scenarioOddsPwned';

// Every code of FormulaErrorCode; `satisfies` makes the compiler flag a code added or removed.
const CODES = {
  'formula-syntax': true,
  'formula-property-access': true,
  'formula-assignment': true,
  'formula-string': true,
  'formula-unit': true,
  'formula-implicit-multiplication': true,
  'formula-random': true,
  'formula-unknown-function': true,
  'formula-unknown-name': true,
  'formula-forbidden-name': true,
  'formula-reserved-name': true,
  'formula-unsupported': true,
  'formula-arity': true,
  'formula-empty': true,
  'formula-too-long': true,
  'formula-too-deep': true,
  'formula-non-finite': true,
} satisfies Record<FormulaErrorCode, true>;

const SLOTS = new Map([
  ['x', 0],
  ['y', 1],
  ['z', 2],
]);
const CONSTANTS = new Map([['w', 0.5]]);
const KNOWN = new Set(['x', 'y', 'z', 'w']);
const BATCH = 8;
const COLUMNS = [
  Float64Array.of(0, -0, 1, -1, 0.5, 1e300, -Infinity, NaN),
  Float64Array.of(2, 3, -2.5, 1e-300, Infinity, 0.25, 7, 0),
  Float64Array.of(-1, 0.1, 0.9, 5e-324, 100, -100, 1, 0),
];
const SCOPE = { x: 0.5, y: 2, z: -1, w: 0.5 };

// ---------------------------------------------------------------------------------------------
// Inputs

const call = `${SENTINEL}()`;
/** Known mathjs sandbox-escape payloads (CVE-2017-1001002/1001003 era and later write-ups). */
const PAYLOADS: readonly string[] = [
  `cos.constructor("${call}")()`,
  `cos.constructor("return process")()`,
  `cos.constructor("globalThis.${SET_FLAG} = 1")()`,
  `sin.constructor("${call}")()`,
  `x.constructor("${call}")()`,
  `[].map.constructor("${call}")()`,
  `[].map.constructor("return this")()`,
  `[].constructor.constructor("${call}")()`,
  `"".constructor.constructor("${call}")()`,
  `(1).constructor.constructor("${call}")()`,
  `{}.constructor.constructor("${call}")()`,
  `{}["constructor"]`,
  `{}["constructor"]["constructor"]("${call}")()`,
  `x["constructor"]["constructor"]("${call}")()`,
  `x["__proto__"]`,
  `x.__proto__.polluted = 1`,
  `x["__proto__"]["polluted"] = 1`,
  `{}.__proto__.${SET_FLAG} = 1`,
  `constructor`,
  `__proto__`,
  `prototype`,
  `constructor.prototype`,
  `Function("${call}")()`,
  `Function.prototype.call`,
  `process.exit(1)`,
  `process.mainModule.require("child_process").execSync("id")`,
  `globalThis.${SENTINEL}()`,
  `this.${SENTINEL}()`,
  `eval("${call}")`,
  `require("fs")`,
  `import({}, {override: true})`,
  `import({cos: f}, {override: true})`,
  `import({${SENTINEL}: 1})`,
  `createUnit("pwn", "1 m")`,
  `createUnit("${call}")`,
  `reviver("{}")`,
  `evaluate("${call}")`,
  `evaluate("1 + 1")`,
  `parse("${call}").compile().evaluate()`,
  `compile("1").evaluate()`,
  `simplify("x")`,
  `derivative("x^2", "x")`,
  `config({number: "BigNumber"})`,
  `typed("f", {"number": f})`,
  `chain(3).add(4).done()`,
  `help(cos)`,
  `[1,2][1]`,
  `[1,2,3][2:3]`,
  `matrix([1,2])`,
  `a = [1, 2]; a[1] = 2`,
  `a[1] = 2`,
  `a.b = c`,
  `x.y = 1`,
  `f(x) = x`,
  `f(x) = ${call}`,
  `f = cos; f.constructor("${call}")()`,
  `cos.apply(null, [1])`,
  `cos.call(null, 1)`,
  `cos.bind(null)`,
  `cos.name`,
  `cos["constructor"]`,
  `x.toString()`,
  `toString()`,
  `valueOf`,
  `hasOwnProperty("x")`,
  `__defineGetter__("x", f)`,
  `__lookupGetter__`,
  `"a" + "b"`,
  `'single'`,
  `5 cm to inch`,
  `5 kg`,
  `2 x`,
  `x!`,
  `x'`,
  `1:10`,
  `x; ${call}`,
  `x\n${call}`,
  `random()`,
  `pickRandom([1, 2])`,
  `1e999`,
  `NaN`,
  `Infinity`,
  `null`,
  `undefined`,
  `i`,
  `e`,
  `pi`,
  `"${call}"`,
  `x ? cos.constructor("${call}")() : 0`,
  `sigmoid(cos.constructor("${call}")())`,
  `min(x, [].map.constructor("${call}")())`,
  `@`,
  `x => x`,
  `\`${call}\``,
];

const CONTEXTS: ReadonlyArray<(p: string) => string> = [
  (p) => p,
  (p) => `x + (${p})`,
  (p) => `sigmoid(${p})`,
  (p) => `(${p}) ? 1 : 0`,
  (p) => `  ${p}  `,
  (p) => `x\n${p}`,
  (p) => `x; ${p}`,
  (p) => `${'('.repeat(30)}${p}${')'.repeat(30)}`,
  (p) => `[${p}]`,
  (p) => `{a: ${p}}`,
];

const HOSTILE_NAMES = [
  'constructor', '__proto__', 'prototype', 'Function', 'process', 'globalThis', 'global', 'this', 'eval', 'require',
  'import', 'module', 'exports', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '__lookupSetter__',
  'bind', 'call', 'apply', 'arguments', 'caller', 'Object', 'Reflect', 'Proxy', 'cos', 'map', 'evaluate', 'parse',
  'compile', 'createUnit', 'reviver', 'config', 'typed', 'matrix', 'Infinity', 'NaN', 'undefined', 'null', 'true',
  'x', 'y', 'z', 'w', 'x', 'y', 'z', 'w', 'sigmoid', 'logit', 'clamp', 'max', 'e', 'pi', 'i', 'end', SENTINEL,
];
const STRINGS = [`"${call}"`, `'${call}'`, '"return process"', "'constructor'", '"__proto__"', '""', '"\\u0000"', `"${'\\"'.repeat(3)}"`];
const NUMBERS = ['0', '1', '2.5', '1e308', '1e309', '-0', '0.1', '1e-400', '0x10', '0b1', '1_000', '.5', '5.', '1e', '00'];
const BINARY = ['+', '-', '*', '/', '^', '%', 'mod', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', 'xor', '&', '|', '<<', '>>', '>>>', 'to', 'in', '.*', './', '.^', ':'];

/** A random hostile expression from the grammar above, at most `depth` levels deep. */
function hostile(r: () => number, depth: number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  if (depth <= 0 || r() < 0.2) {
    const u = r();
    if (u < 0.55) return pick(HOSTILE_NAMES);
    if (u < 0.75) return pick(NUMBERS);
    if (u < 0.9) return pick(STRINGS);
    return pick(['[]', '{}', '[1, 2]', '{a: 1}', '()', pick(PAYLOADS)]);
  }
  const sub = () => hostile(r, depth - 1);
  const u = r();
  if (u < 0.25) return `${sub()} ${pick(BINARY)} ${sub()}`;
  if (u < 0.35) return `${pick(['-', '+', 'not ', '!', '~'])}${sub()}`;
  if (u < 0.5) return `${sub()}.${pick(HOSTILE_NAMES)}`;
  if (u < 0.6) return `${sub()}[${sub()}]`;
  if (u < 0.75) return `${sub()}(${Array.from({ length: Math.floor(r() * 4) }, sub).join(', ')})`;
  if (u < 0.8) return `${sub()} = ${sub()}`;
  if (u < 0.84) return `f(${pick(HOSTILE_NAMES)}) = ${sub()}`;
  if (u < 0.9) return `(${sub()})`;
  if (u < 0.94) return `${sub()} ? ${sub()} : ${sub()}`;
  if (u < 0.97) return `${sub()}; ${sub()}`;
  const n = 1 + Math.floor(r() * 80); // deep nesting around the bracket limit (64)
  const [open, close] = pick([['(', ')'], ['[', ']'], ['{a:', '}'], ['sigmoid(', ')'], ['- (', ')']]);
  return open.repeat(n) + sub() + close.repeat(n);
}

const REAL_FORMULAS = [
  'base + wSanctions * sanctionsBlocking + wRussia * russiaAlliance + wDomestic * usDomesticConstraints + wRok * rokMediation',
  'sigmoid(monthlyLogOdds) * agendaGate',
  'usDropsDenuclearization + (1 - usDropsDenuclearization) * (residualPhotoOp + residualWedge)',
  'clamp(scale * (be + beMean + beLikely) / 1.5, 0, 1)',
  'cat == 2 and positive > 5',
  'x > 0 ? min(x, 1) : max(-1, x) ^ 2',
  '0 < x <= 1 and not (y == z)',
].map((f) => f.replace(/[A-Za-z_]\w*/g, (n) => (FORMULA_FUNCTIONS.some((g) => g.name === n) || ['and', 'or', 'not'].includes(n) ? n : 'xyzw'[n.length % 4])));
const MUTATIONS = ['.constructor', '["constructor"]', '(', ')', '[', ']', '"', "'", '=', ';', '\n', '.', ',', ':', '?', ' ', '__proto__', 'prototype', '#', '\u0000', 'e', '!', '%'];

function mutate(r: () => number): string {
  let s = REAL_FORMULAS[Math.floor(r() * REAL_FORMULAS.length)];
  const edits = 1 + Math.floor(r() * 4);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(r() * (s.length + 1));
    const u = r();
    if (u < 0.4) s = s.slice(0, at) + MUTATIONS[Math.floor(r() * MUTATIONS.length)] + s.slice(at);
    else if (u < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 3));
    else s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(r() * 95)) + s.slice(at + 1);
  }
  return s;
}

const UNICODE = [
  'é', 'ß', 'Ω', 'π', '∞', '中', '文', '𝑥', '😀', '👩‍👩‍👧', '\ud800', '\udfff', '\ufeff', '\u200b', '\u200d', '\u00a0',
  '\u2028', '\u2029', '\u202e', '\u2066', '（', '）', '［', '］', '＋', '×', '÷', '−', '≤', '≥', '≠', '√', '²', '\u0301', 'ℯ', 'ｘ',
];

function randomString(r: () => number): string {
  const u = r();
  const len = u < 0.97 ? Math.floor(r() * 60) : u < 0.999 ? 1000 + Math.floor(r() * 3200) : 100_000 + Math.floor(r() * 900_000);
  if (len > 5000) return (r() < 0.5 ? 'x + ' : '(').repeat(Math.ceil(len / 4)).slice(0, len);
  let s = '';
  for (let i = 0; i < len; i++) {
    const v = r();
    if (v < 0.6) s += String.fromCharCode(32 + Math.floor(r() * 95));
    else if (v < 0.7) s += String.fromCharCode(Math.floor(r() * 32));
    else if (v < 0.75) s += String.fromCharCode(0x7f + Math.floor(r() * 33));
    else if (v < 0.9) s += UNICODE[Math.floor(r() * UNICODE.length)];
    else s += String.fromCharCode(Math.floor(r() * 0x10000));
  }
  return s;
}

function* inputs(): Generator<string> {
  const r = prng(SEED);
  for (const p of PAYLOADS) for (const c of CONTEXTS) yield c(p);
  let n = PAYLOADS.length * CONTEXTS.length;
  for (; n < TOTAL; n++) {
    const u = r();
    if (u < 0.5) yield hostile(r, 1 + Math.floor(r() * 6));
    else if (u < 0.6) yield mutate(r);
    else yield randomString(r);
  }
  // The length limit's edges and the nesting limit's edges.
  yield 'x'.repeat(4000);
  yield 'x'.repeat(4001);
  yield `${'x + '.repeat(999)}x`;
  yield `${'('.repeat(64)}x${')'.repeat(64)}`;
  yield `${'('.repeat(65)}x${')'.repeat(65)}`;
  yield `${'- '.repeat(1999)}x`;
  yield `${'x ^ '.repeat(999)}x`;
}

// ---------------------------------------------------------------------------------------------
// Checks

const NODE_KEYS: Record<FormulaAst['t'], readonly string[]> = {
  num: ['t', 'v'],
  name: ['name', 't'],
  unary: ['arg', 'op', 't'],
  binary: ['left', 'op', 'right', 't'],
  call: ['args', 'fn', 't'],
  cond: ['else', 't', 'test', 'then'],
};
const FUNCTION_NAMES = new Set(FORMULA_FUNCTIONS.map((f) => f.name as string));
const OPS = new Set(['+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', 'and', 'or', 'not']);

/** The AST is plain data made only of our node types, with declared names and table functions. */
function astProblem(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return 'not a plain object';
  const n = node as Record<string, unknown>;
  const keys = Object.keys(n).sort();
  const t = n.t as FormulaAst['t'];
  if (!Object.hasOwn(NODE_KEYS, t) || keys.join() !== NODE_KEYS[t].join()) return `bad node ${JSON.stringify(keys)}`;
  switch (t) {
    case 'num':
      return typeof n.v === 'number' && Number.isFinite(n.v) ? undefined : 'bad number';
    case 'name':
      // The parser accepts unicode letters in names (π, é, $), as mathjs did; they are harmless
      // data and fail to compile unless declared, but never a name that could reach JavaScript
      // internals.
      return typeof n.name === 'string' && n.name.length > 0 && !isForbiddenName(n.name) ? undefined : `bad name ${String(n.name)}`;
    case 'unary':
      return OPS.has(n.op as string) ? astProblem(n.arg) : 'bad op';
    case 'binary':
      return OPS.has(n.op as string) ? (astProblem(n.left) ?? astProblem(n.right)) : 'bad op';
    case 'call':
      if (!FUNCTION_NAMES.has(n.fn as string) || !Array.isArray(n.args)) return 'bad call';
      for (const a of n.args) {
        const p = astProblem(a);
        if (p) return p;
      }
      return undefined;
    case 'cond':
      return astProblem(n.test) ?? astProblem(n.then) ?? astProblem(n.else);
  }
}

interface Outcome {
  count: number;
  compiled: number;
  byCode: Record<string, number>;
  problems: string[];
  /** Messages that are not one clean line (first few, and how many in all). */
  unsafeMessages: string[];
  unsafeMessageCount: number;
}

// Line breaks, C0/C1 control characters (ESC starts terminal escape sequences), DEL, and the
// Unicode line/paragraph separators and bidi overrides that reorder what a terminal shows.
const UNSAFE_IN_MESSAGE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function expectTyped(e: unknown, src: string, out: Outcome, stage: string): void {
  if (e instanceof FormulaError && Object.hasOwn(CODES, e.code) && typeof e.message === 'string' && e.message.length > 0) {
    out.byCode[e.code] = (out.byCode[e.code] ?? 0) + 1;
    if (UNSAFE_IN_MESSAGE.test(e.message) || e.message.length > 1000) {
      if (out.unsafeMessageCount++ < 5) out.unsafeMessages.push(`${JSON.stringify(src.slice(0, 80))} -> ${e.code}: ${JSON.stringify(e.message.slice(0, 160))}`);
    }
    return;
  }
  const what = e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e);
  if (out.problems.length < 20) out.problems.push(`${stage} ${JSON.stringify(src.slice(0, 200))} threw ${what}`);
}

function fuzzOne(src: string, out: Outcome, index: number): void {
  let ast: FormulaAst;
  try {
    ast = parseFormula(src, { known: KNOWN });
  } catch (e) {
    expectTyped(e, src, out, 'parseFormula');
    return;
  }
  const shape = astProblem(ast);
  if (shape) {
    out.problems.push(`${JSON.stringify(src.slice(0, 200))}: AST ${shape}`);
    return;
  }
  let program;
  try {
    program = compileFormula(ast, SLOTS, CONSTANTS, BATCH);
  } catch (e) {
    expectTyped(e, src, out, 'compileFormula');
    return;
  }
  const result = new Float64Array(BATCH);
  try {
    program.evaluate(COLUMNS, result, BATCH);
    const scalar = evaluateScalar(ast, SCOPE);
    if (typeof scalar !== 'number') out.problems.push(`${JSON.stringify(src)}: evaluateScalar gave ${typeof scalar}`);
  } catch (e) {
    out.problems.push(`${JSON.stringify(src.slice(0, 200))}: evaluation threw ${String(e)}`);
    return;
  }
  out.compiled++;
  // Now and then, the same formula through the validation path a scenario file takes.
  if (index % 50 === 0) {
    try {
      throughValidation(src, out);
    } catch (e) {
      out.problems.push(`${JSON.stringify(src.slice(0, 200))}: validation threw ${String(e)}`);
    }
  }
}

function throughValidation(src: string, out: Outcome): void {
  {
    const issues = validateScenario({ id: 'fuzz', title: 'Fuzz', params: { w: 0.5 }, factors: { x: { dist: 'normal', mean: 0, sd: 1 }, y: { dist: 'uniform', min: 0, max: 1 }, z: { dist: 'beta', alpha: 2, beta: 2 } }, events: { e: { p: 'clamp(q, 0, 1)' } }, derived: { q: src } });
    if (!Array.isArray(issues)) out.problems.push(`${JSON.stringify(src)}: validateScenario returned ${typeof issues}`);
    const checked = checkFormula(src, KNOWN, 'derived.q');
    if (!checked.ast || checked.issues.length > 0) out.problems.push(`${JSON.stringify(src)}: parseFormula accepted it but checkFormula did not`);
  }
}

interface Sandbox {
  escapes: string[];
  constructorReads: number;
  evalCalls: number;
  newGlobals: string[];
  builtinChanges: string[];
  elapsedMs: number;
}

/** Runs every input once, with the sentinel and traps in place, and records what happened. */
function runFuzz(): { out: Outcome; sandbox: Sandbox } {
  const escapes: string[] = [];
  const g = globalThis as Record<string, unknown>;
  g[SENTINEL] = (...args: unknown[]) => void escapes.push(`sentinel(${args.map(String).join(', ')})`);
  const before = snapshotBuiltins();
  const globalsBefore = new Set(Reflect.ownKeys(globalThis));
  // Traps, only while the loop runs: reading Function.prototype.constructor, calling eval.
  let constructorReads = 0;
  let evalCalls = 0;
  const ctor = Object.getOwnPropertyDescriptor(Function.prototype, 'constructor')!;
  const realEval = globalThis.eval;
  const out: Outcome = { count: 0, compiled: 0, byCode: {}, problems: [], unsafeMessages: [], unsafeMessageCount: 0 };
  const started = performance.now();
  Object.defineProperty(Function.prototype, 'constructor', {
    configurable: true,
    get() {
      constructorReads++;
      return ctor.value;
    },
    set() {
      constructorReads++;
    },
  });
  g.eval = (...args: unknown[]) => {
    evalCalls++;
    return (realEval as (...a: unknown[]) => unknown)(...args);
  };
  try {
    for (const src of inputs()) fuzzOne(src, out, out.count++);
  } finally {
    Object.defineProperty(Function.prototype, 'constructor', ctor);
    g.eval = realEval;
  }
  const elapsedMs = performance.now() - started;
  if (g[SET_FLAG] !== undefined) escapes.push(`globalThis.${SET_FLAG} was set`);
  if (({} as Record<string, unknown>).polluted !== undefined) escapes.push('Object.prototype.polluted was set');
  delete g[SENTINEL];
  const newGlobals = [...Reflect.ownKeys(globalThis)].filter((k) => !globalsBefore.has(k)).map(String);
  return { out, sandbox: { escapes, constructorReads, evalCalls, newGlobals, builtinChanges: diffSnapshots(before, snapshotBuiltins()), elapsedMs } };
}

describe('fuzz: hostile formulas either compile to numbers or fail with a typed error', () => {
  let run: { out: Outcome; sandbox: Sandbox };
  beforeAll(() => {
    run = runFuzz();
    const { out, sandbox } = run;
    console.info(
      `formula fuzz: ${out.count} inputs in ${(sandbox.elapsedMs / 1000).toFixed(1)} s; ${out.compiled} compiled; refused: ${JSON.stringify(out.byCode)}`,
    );
  });

  it(`${TOTAL.toLocaleString('en-US')}+ inputs (seed ${SEED}): each compiles and evaluates, or throws a FormulaError with a known code`, () => {
    expect(run.out.problems).toEqual([]);
    expect(run.out.count).toBeGreaterThanOrEqual(TOTAL);
  });

  it('no code ran outside the sandbox: sentinel untouched, no trap fired, no global added, built-in prototypes unchanged', () => {
    const { sandbox } = run;
    expect(sandbox.escapes).toEqual([]);
    expect(sandbox.constructorReads, 'Function.prototype.constructor was read during the fuzz loop').toBe(0);
    expect(sandbox.evalCalls, 'eval was called during the fuzz loop').toBe(0);
    expect(sandbox.newGlobals).toEqual([]);
    expect(sandbox.builtinChanges).toEqual([]);
  });

  it('the generator reaches both outcomes and every interesting refusal', () => {
    const { out } = run;
    expect(out.compiled).toBeGreaterThan(1000);
    for (const code of ['formula-syntax', 'formula-property-access', 'formula-assignment', 'formula-string', 'formula-forbidden-name', 'formula-unknown-function', 'formula-unknown-name', 'formula-too-deep', 'formula-too-long', 'formula-unsupported', 'formula-unit', 'formula-empty', 'formula-random', 'formula-non-finite'] as const) {
      expect(out.byCode[code] ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('error messages are one line with no control characters (the CLI prints them verbatim, one issue per line)', () => {
    // A formula is user input; echoing its raw newlines or ESC sequences into a message lets a
    // scenario file forge extra issue lines or drive the terminal (e.g. "\u001b[2J" clears it).
    expect(run.out.unsafeMessages, `${run.out.unsafeMessageCount} messages in all`).toEqual([]);
  });

  it('minimal case: a formula with ESC and a newline after a syntax error', () => {
    // Through validation, as `scenario-odds validate` reports it: the message quotes the rest of
    // the formula verbatim, so the terminal receives ESC [2J (clear screen) and a forged line.
    const issues = validateScenario({ id: 'a', title: 'A', factors: { x: { dist: 'normal', mean: 0, sd: 1 } }, events: { e: 'x > 0 $\u001b[2J\nINJECTED' } });
    expect(issues.map((i) => i.code)).toEqual(['formula-syntax']);
    expect(issues[0].message).not.toMatch(UNSAFE_IN_MESSAGE);
  });
});
