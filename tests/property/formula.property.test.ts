/**
 * Property: the formula pipeline (parseFormula -> compileFormula -> batch evaluate) gives the
 * meaning a straightforward reference evaluator gives the same generated expression, and the
 * meaning mathjs's own `evaluate` gives the same text.
 *
 * Expressions are generated as trees (fast-check, fixed seed) over x, y, z, literals, `pi`, every
 * operator, chained comparisons, `?:` and every function, then printed with as few parentheses
 * as mathjs's precedence allows (plus random extra ones), so the parser's precedence is tested
 * too. Each is evaluated on 10 rows of values that include 0, -0, ±Infinity, NaN, 1e±300.
 *
 * 1. Against the reference evaluator below, which walks the generated tree with the documented
 *    semantics (FORMULA_FUNCTIONS, src/expr/scalar.ts): bit-identical, always (NaN = NaN).
 *
 * 2. Against mathjs `evaluate` (imported here only; the library never evaluates with mathjs),
 *    configured with `predictable: true` (real results only) and the smallest tolerance its
 *    functions accept (relTol 1e-15: `round` refuses smaller ones). sigmoid, logit, clamp, phi
 *    and probit are ours: logit(p) and clamp(x, lo, hi) are printed for mathjs as
 *    log(p / (1 - p)) and min(max(x, lo), hi), their exact definitions; sigmoid, phi and probit
 *    are imported into mathjs from our table (sigmoid is checked on its own against mathjs's
 *    1 / (1 + exp(-x)), last test; phi and probit against exact values in tests/math). The results
 *    must be equal (=== , so 0 equals -0), except where mathjs computes differently by design,
 *    which the reference evaluator detects on the path and counts:
 *    - a NaN result: our logic propagates NaN (`NaN and 1` is NaN), mathjs treats NaN as false;
 *    - a near tie: mathjs compares with a relative tolerance (1e-15 here), and its floor, ceil,
 *      round and min/max snap values within that tolerance; we compare exactly. A tie is an
 *      operand pair (or value and integer/half-integer) within 2e-15 relative;
 *    - signed zero in min/max: mathjs's min(-0, 0) is 0, Math.min's is -0 (1/x tells them apart);
 *    - a negative base with a non-integer or infinite exponent: mathjs takes real odd roots
 *      ((-8)^(1/3) = -2) and gives NaN for (-2)^Infinity; we use JavaScript's pow rules (NaN, Infinity);
 *    - a last-bit difference of a transcendental function: mathjs calls this engine's Math.*
 *      (its own scaled sum for hypot), ours is src/math's (tests/math bounds both against exact
 *      values).
 *    Each accepted difference is verified: mathjs's result must equal its own primitives applied
 *    to the generated tree, so it can only come from a primitive, never from parsing. Explained
 *    differences must stay rare (under 5% of compared rows; 9 of 9,434 when measured).
 */
import fc from 'fast-check';
import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compileFormula, evaluateScalar, FORMULA_FUNCTIONS, parseFormula } from '../../src/index';
import { sigmoid as ourSigmoid } from '../../src/expr/functions';
// The library's transcendental functions are its own deterministic ones (src/math, the same
// bits in every JavaScript engine), so the documented semantics use them, not Math.*.
import * as M from '../../src/math';

const SEED = 31337;
const NAMES = ['x', 'y', 'z'] as const;
const ROWS = 10;

type Cmp = '<' | '<=' | '>' | '>=' | '==' | '!=';
type Bin = '+' | '-' | '*' | '/' | '^' | Cmp | 'and' | 'or';
type Node = { paren: boolean } & (
  | { k: 'num'; v: number }
  | { k: 'name'; n: string }
  | { k: 'pi' }
  | { k: 'neg' | 'not'; a: Node }
  | { k: 'bin'; op: Bin; l: Node; r: Node }
  | { k: 'chain'; ops: [Cmp, Cmp]; args: [Node, Node, Node] }
  | { k: 'call'; fn: string; args: Node[] }
  | { k: 'cond'; t: Node; a: Node; b: Node }
);

const CMP: Cmp[] = ['<', '<=', '>', '>=', '==', '!='];
const LITERALS = [0, 0.5, 1, 2, 3, 10, 0.1, 0.001, 1e300, 7, 2.5, 1e-300, 0.3];
const VALUES = [0.5, 2, 3, -1.5, 0.1, 1e-300, 1e300, 7, -0.25, 0, 1, -2, 0.7, Infinity, -Infinity, NaN, -0, 0.001, 2.5, -8];

const nodeArb: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => {
  const node = tie('node');
  const p = fc.nat({ max: 9 }).map((n) => n === 0); // extra parentheses one time in ten
  // Arithmetic three times as often as comparisons and logic.
  const binOp = fc.oneof({ weight: 3, arbitrary: fc.constantFrom<Bin>('+', '-', '*', '/', '^') }, { weight: 1, arbitrary: fc.constantFrom<Bin>(...CMP, 'and', 'or') });
  return {
    node: fc.oneof(
      { maxDepth: 6, depthSize: 'medium' },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('num' as const), v: fc.constantFrom(...LITERALS), paren: p }) },
      { weight: 4, arbitrary: fc.record({ k: fc.constant('name' as const), n: fc.constantFrom(...NAMES), paren: p }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('pi' as const), paren: p }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('neg' as const, 'not' as const), a: node, paren: p }) },
      { weight: 6, arbitrary: fc.record({ k: fc.constant('bin' as const), op: binOp, l: node, r: node, paren: p }) },
      {
        weight: 1,
        arbitrary: fc.record({ k: fc.constant('chain' as const), ops: fc.tuple(fc.constantFrom(...CMP), fc.constantFrom(...CMP)), args: fc.tuple(node, node, node), paren: p }),
      },
      {
        weight: 4,
        arbitrary: fc.constantFrom(...FORMULA_FUNCTIONS).chain((f) =>
          fc.record({
            k: fc.constant('call' as const),
            fn: fc.constant(f.name as string),
            args: fc.array(node, { minLength: f.minArgs, maxLength: Math.min(f.maxArgs, f.minArgs + 2) }),
            paren: p,
          }),
        ),
      },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('cond' as const), t: node, a: node, b: node, paren: p }) },
    ) as fc.Arbitrary<Node>,
  };
}).node;

// Precedence levels of mathjs's parser: ?: < or < and < comparisons < + - < * / < unary < ^ < atoms.
const PREC = { cond: 1, or: 2, and: 3, rel: 4, add: 5, mul: 6, unary: 7, pow: 8, atom: 9 } as const;
function binPrec(op: Bin): number {
  if (op === 'or') return PREC.or;
  if (op === 'and') return PREC.and;
  if ((CMP as string[]).includes(op)) return PREC.rel;
  if (op === '+' || op === '-') return PREC.add;
  if (op === '*' || op === '/') return PREC.mul;
  return PREC.pow;
}

/** Prints a tree; `forMathjs` spells out logit and clamp (not mathjs functions) and renames phi and probit. */
function print(n: Node, forMathjs: boolean, min = 0): string {
  const [text, prec] = raw(n, forMathjs);
  return n.paren || prec < min ? `(${text})` : text;
}

function operand(n: Node, forMathjs: boolean, min: number, leftOfComparison = false): string {
  // `not x < 1` is refused as ambiguous by the parser, so a `not` left of a comparison is
  // always parenthesised.
  if (leftOfComparison && n.k === 'not') return `(${print(n, forMathjs)})`;
  return print(n, forMathjs, min);
}

function raw(n: Node, m: boolean): [string, number] {
  switch (n.k) {
    case 'num':
      return [String(n.v), PREC.atom];
    case 'name':
      return [n.n, PREC.atom];
    case 'pi':
      return ['pi', PREC.atom];
    case 'neg':
      return [`- ${operand(n.a, m, PREC.unary)}`, PREC.unary];
    case 'not':
      return [`not ${operand(n.a, m, PREC.unary)}`, PREC.unary];
    case 'bin': {
      const prec = binPrec(n.op);
      if (prec === PREC.pow) return [`${operand(n.l, m, PREC.atom)} ^ ${operand(n.r, m, PREC.unary)}`, prec];
      if (prec === PREC.rel) return [`${operand(n.l, m, PREC.add, true)} ${n.op} ${operand(n.r, m, PREC.add)}`, prec];
      // Left-associative: the left operand may have the same precedence, the right may not.
      return [`${operand(n.l, m, prec)} ${n.op} ${operand(n.r, m, prec + 1)}`, prec];
    }
    case 'chain':
      return [`${operand(n.args[0], m, PREC.add, true)} ${n.ops[0]} ${operand(n.args[1], m, PREC.add)} ${n.ops[1]} ${operand(n.args[2], m, PREC.add)}`, PREC.rel];
    case 'call': {
      const args = n.args.map((a) => print(a, m, PREC.cond));
      if (m && n.fn === 'logit') return [`log((${args[0]}) / (1 - (${args[0]})))`, PREC.atom];
      if (m && n.fn === 'clamp') return [`min(max(${args[0]}, ${args[1]}), ${args[2]})`, PREC.atom];
      if (m && n.fn === 'phi') return [`normalCdf(${args[0]})`, PREC.atom];
      if (m && n.fn === 'probit') return [`normalQuantile(${args[0]})`, PREC.atom];
      return [`${n.fn}(${args.join(', ')})`, PREC.atom];
    }
    case 'cond':
      // A `?:` directly in the true branch needs parentheses: mathjs then reads the ':' that
      // follows its false branch as a range operator ("False part of conditional expression
      // expected"). The false branch nests without them (right associativity).
      return [`${operand(n.t, m, PREC.or)} ? ${print(n.a, m, PREC.or)} : ${print(n.b, m, PREC.cond)}`, PREC.cond];
  }
}

interface Flags {
  tie: boolean;
  zeroSign: boolean;
  pow: boolean;
  /** Our deterministic function and the one mathjs uses (this engine's Math.*, or its own hypot) differ here (<= 2 ulp, tests/math). */
  engineMath: boolean;
}

const near = (a: number, b: number) => Number.isFinite(a) && Number.isFinite(b) && a !== b && Math.abs(a - b) <= 2e-15 * Math.max(Math.abs(a), Math.abs(b));
const roundHalfAway = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));
const sigmoidDoc = (x: number) => (x >= 0 ? 1 / (1 + M.exp(-x)) : M.exp(x) / (1 + M.exp(x)));

/** The documented semantics, straight from the tree. */
function reference(n: Node, s: Record<string, number>, f: Flags): number {
  switch (n.k) {
    case 'num':
      return n.v;
    case 'name':
      return s[n.n];
    case 'pi':
      return Math.PI;
    case 'neg':
      return -reference(n.a, s, f);
    case 'not': {
      const a = reference(n.a, s, f);
      return Number.isNaN(a) ? NaN : a === 0 ? 1 : 0;
    }
    case 'bin':
      return binary(n.op, reference(n.l, s, f), reference(n.r, s, f), f);
    case 'chain': {
      const [a, b, c] = n.args.map((x) => reference(x, s, f));
      return binary('and', binary(n.ops[0], a, b, f), binary(n.ops[1], b, c, f), f);
    }
    case 'call': {
      const v = n.args.map((x) => reference(x, s, f));
      const x = v[0];
      switch (n.fn) {
        case 'min':
        case 'max': {
          for (let i = 0; i < v.length; i++)
            for (let j = 0; j < v.length; j++) {
              if (near(v[i], v[j])) f.tie = true;
              if (Object.is(v[i], 0) && Object.is(v[j], -0)) f.zeroSign = true;
            }
          return v.reduce((acc, y) => (n.fn === 'min' ? Math.min(acc, y) : Math.max(acc, y)));
        }
        case 'clamp': {
          const inner = Math.max(x, v[1]);
          for (const [a, b] of [[x, v[1]], [inner, v[2]]]) {
            if (near(a, b)) f.tie = true;
            if ((Object.is(a, 0) && Object.is(b, -0)) || (Object.is(a, -0) && Object.is(b, 0))) f.zeroSign = true;
          }
          return Math.min(inner, v[2]);
        }
        case 'pow':
          return binary('^', x, v[1], f);
        case 'floor':
        case 'ceil':
          if (near(x, Math.round(x))) f.tie = true;
          return n.fn === 'floor' ? Math.floor(x) : Math.ceil(x);
        case 'round':
          if (near(x, Math.floor(x) + 0.5)) f.tie = true;
          return roundHalfAway(x);
        case 'sigmoid':
          return sigmoidDoc(x);
        case 'logit':
          return M.log(x / (1 - x));
        case 'phi':
          return M.normalCdf(x);
        case 'probit':
          return M.normalQuantile(x);
        case 'atan2':
        case 'hypot': {
          const value = M[n.fn](x, v[1]);
          if (!Object.is(value, num(mathFn(n.fn)(x, v[1])))) f.engineMath = true;
          return value;
        }
        default: {
          const own = (M as unknown as Record<string, ((x: number) => number) | undefined>)[n.fn];
          const engine = (Math as unknown as Record<string, (x: number) => number>)[n.fn](x);
          if (!own) return engine;
          const value = own(x);
          if (!Object.is(value, engine)) f.engineMath = true;
          return value;
        }
      }
    }
    case 'cond': {
      const t = reference(n.t, s, f);
      const a = reference(n.a, s, f);
      const b = reference(n.b, s, f);
      return Number.isNaN(t) ? NaN : t !== 0 ? a : b;
    }
  }
}

function binary(op: Bin, a: number, b: number, f: Flags): number {
  const nan = Number.isNaN(a) || Number.isNaN(b);
  if ((CMP as string[]).includes(op) && near(a, b)) f.tie = true;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '^':
      if (a < 0 && !Number.isInteger(b)) f.pow = true;
      if (!Object.is(M.pow(a, b), Math.pow(a, b))) f.engineMath = true;
      return M.pow(a, b);
    case '<':
      return nan ? NaN : a < b ? 1 : 0;
    case '<=':
      return nan ? NaN : a <= b ? 1 : 0;
    case '>':
      return nan ? NaN : a > b ? 1 : 0;
    case '>=':
      return nan ? NaN : a >= b ? 1 : 0;
    case '==':
      return nan ? NaN : a === b ? 1 : 0;
    case '!=':
      return nan ? NaN : a === b ? 0 : 1;
    case 'and':
      return Number.isNaN(a) ? NaN : a === 0 ? 0 : Number.isNaN(b) ? NaN : b === 0 ? 0 : 1;
    case 'or':
      return Number.isNaN(a) ? NaN : a !== 0 ? 1 : Number.isNaN(b) ? NaN : b === 0 ? 0 : 1;
  }
}

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

const math = create(all, { relTol: 1e-15, absTol: 0, predictable: true });
// mathjs's own `phi` is the golden ratio, so ours go in under other names (see `print`). mathjs
// passes comparisons on as booleans: Number() makes them the 1 and 0 our formulas have.
math.import({
  sigmoid: (x: number) => ourSigmoid(x),
  normalCdf: (x: number) => M.normalCdf(Number(x)),
  normalQuantile: (p: number) => M.normalQuantile(Number(p)),
});

type MathFn = (...args: number[]) => unknown;
const mathFn = (name: string): MathFn => (math as unknown as Record<string, MathFn>)[name];
const num = (v: unknown): number => Number(v);
const MATHJS_CMP: Record<Cmp, string> = { '<': 'smaller', '<=': 'smallerEq', '>': 'larger', '>=': 'largerEq', '==': 'equal', '!=': 'unequal' };

/**
 * The same tree evaluated with mathjs's primitives (tolerant comparisons, truthy logic, its
 * pow, min, max, floor, ceil, round). Wherever ours and mathjs's `evaluate` differ, mathjs's
 * result must equal this: that proves mathjs read the text as the tree, so the difference is
 * one of primitives, never of parsing or structure. (Where they agree, ours equals the
 * documented-semantics reference, so the text means the tree to both.)
 */
function referenceMathjs(n: Node, s: Record<string, number>): number {
  const r = (x: Node) => referenceMathjs(x, s);
  switch (n.k) {
    case 'num':
      return n.v;
    case 'name':
      return s[n.n];
    case 'pi':
      return Math.PI;
    case 'neg':
      return -r(n.a);
    case 'not':
      return r(n.a) ? 0 : 1;
    case 'bin': {
      const a = r(n.l);
      if (n.op === 'and') return a ? (r(n.r) ? 1 : 0) : 0;
      if (n.op === 'or') return a ? 1 : r(n.r) ? 1 : 0;
      const b = r(n.r);
      if (n.op in MATHJS_CMP) return num(mathFn(MATHJS_CMP[n.op as Cmp])(a, b));
      if (n.op === '^') return num(mathFn('pow')(a, b));
      return binary(n.op, a, b, { tie: false, zeroSign: false, pow: false, engineMath: false });
    }
    case 'chain': {
      const [a, b, c] = n.args.map(r);
      return num(mathFn(MATHJS_CMP[n.ops[0]])(a, b)) && num(mathFn(MATHJS_CMP[n.ops[1]])(b, c)) ? 1 : 0;
    }
    case 'call': {
      const v = n.args.map(r);
      if (n.fn === 'clamp') return num(mathFn('min')(num(mathFn('max')(v[0], v[1])), v[2]));
      if (n.fn === 'logit') return num(mathFn('log')(v[0] / (1 - v[0])));
      if (n.fn === 'phi') return num(mathFn('normalCdf')(v[0]));
      if (n.fn === 'probit') return num(mathFn('normalQuantile')(v[0]));
      return num(mathFn(n.fn)(...v));
    }
    case 'cond':
      return r(n.t) ? r(n.a) : r(n.b);
  }
}

describe('the formula compiler agrees with reference evaluators', () => {
  const rowsArb = fc.array(fc.tuple(fc.constantFrom(...VALUES), fc.constantFrom(...VALUES), fc.constantFrom(...VALUES)), { minLength: ROWS, maxLength: ROWS });
  const tally = { rows: 0, mathjsCompared: 0, nan: 0, explained: 0, exprs: 0 };

  it('on generated expressions: bit-identical to the reference, equal to mathjs evaluate (numRuns 1,000)', () => {
    fc.assert(
      fc.property(nodeArb, rowsArb, (tree, rows) => {
        const ours = print(tree, false);
        const theirs = print(tree, true);
        const ast = parseFormula(ours);
        const slots = new Map(NAMES.map((n, i) => [n, i]));
        const program = compileFormula(ast, slots, new Map(), ROWS);
        const columns = NAMES.map((_, i) => Float64Array.from(rows, (r) => r[i]));
        const out = new Float64Array(ROWS);
        program.evaluate(columns, out, ROWS);
        const compiled = math.compile(theirs);
        tally.exprs++;
        rows.forEach((row, i) => {
          tally.rows++;
          const scope = { x: row[0], y: row[1], z: row[2] };
          const flags: Flags = { tie: false, zeroSign: false, pow: false, engineMath: false };
          const expected = reference(tree, scope, flags);
          const where = `${ours} at ${JSON.stringify(row.map(String))}`;
          expect(same(out[i], expected), `${where}: compiled ${out[i]}, reference ${expected}`).toBe(true);
          expect(same(evaluateScalar(ast, scope), expected), `${where}: evaluateScalar`).toBe(true);
          const m = Number(compiled.evaluate({ ...scope }));
          if (m === out[i] || (Number.isNaN(m) && Number.isNaN(out[i]))) {
            tally.mathjsCompared++;
            return;
          }
          // A difference is accepted only when mathjs's result is exactly what its own
          // primitives give on the generated tree (so it read the text as we did) and the
          // difference is one of the documented kinds.
          const viaPrimitives = referenceMathjs(tree, scope);
          expect(same(m, viaPrimitives) || m === viaPrimitives, `${theirs} at ${JSON.stringify(row.map(String))}: mathjs ${m}, its primitives on the tree ${viaPrimitives}`).toBe(true);
          if (Number.isNaN(out[i])) {
            tally.nan++;
            return;
          }
          tally.mathjsCompared++;
          if (flags.tie || flags.zeroSign || flags.pow || flags.engineMath) {
            tally.explained++;
            return;
          }
          expect.fail(`${where}: ours ${out[i]}, mathjs ${m} for ${theirs}`);
        });
      }),
      { seed: SEED, numRuns: 1_000 },
    );
    // The exceptions must stay exceptions. Every early return in the row loop is counted:
    // agreement and explained differences in mathjsCompared/explained, and rows where ours is
    // NaN but mathjs is not (mathjs's own primitives differ there; nothing further is compared)
    // in nan, bounded too so that such rows cannot come to dominate (measured with this seed:
    // 651 NaN rows, 55 explained, of 10,000).
    if (process.env.PROPERTY_LOG) console.log(`formula property tally: ${JSON.stringify(tally)}`);
    expect(tally.mathjsCompared + tally.nan).toBe(tally.rows);
    expect(tally.mathjsCompared).toBeGreaterThan(tally.rows / 4);
    expect(tally.explained).toBeLessThan(0.05 * tally.mathjsCompared);
    expect(tally.nan).toBeLessThan(0.1 * tally.rows);
  });

  it('sigmoid matches mathjs 1 / (1 + exp(-x)) within floating-point error (numRuns 20,000)', () => {
    // Both forms use exp (under 1 ulp in V8's fdlibm port) and three correctly rounded
    // operations (½ ulp each), so each is within about 2.5 ulps of the true value and the two
    // within 5 ulps: a relative 2^-50 (8 units of 2^-53) bounds it with margin. Where exp
    // underflows (x < -708) ours returns a subnormal e^x and mathjs 0 or a differently rounded
    // subnormal: an absolute 2^-1022 covers that range.
    const reference = math.compile('1 / (1 + exp(-x))');
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true }), fc.double({ min: -800, max: 800, noNaN: true }), fc.double({ min: -40, max: 40, noNaN: true })), (x) => {
        const a = ourSigmoid(x);
        const b = Number(reference.evaluate({ x }));
        expect(Math.abs(a - b) <= 2 ** -50 * Math.max(Math.abs(a), Math.abs(b)) + 2 ** -1022, `x = ${x}: ${a} vs ${b}`).toBe(true);
        expect(a >= 0 && a <= 1).toBe(true);
      }),
      { seed: SEED, numRuns: 20_000 },
    );
  });
});
