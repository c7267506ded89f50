/**
 * Our own formula tree. It is plain JSON (no classes, no functions, no prototypes other than
 * Object/Array) so it can be hashed, stored and posted to worker threads, which compile it
 * without ever loading the parser.
 */
import type { FunctionName } from './functions';

/**
 * Operators with two operands. Comparisons and `and`/`or` give 1 or 0 (NaN if an operand they
 * look at is NaN).
 *
 * @example
 * ```ts
 * const ast = parseFormula('a <= b');
 * if (ast.t === 'binary') console.log(ast.op); // '<='
 * ```
 */
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '^'
  | '<'
  | '<='
  | '>'
  | '>='
  | '=='
  | '!='
  | 'and'
  | 'or';

/**
 * Operators with one operand (unary plus is dropped while parsing: it does nothing to a number).
 *
 * @example
 * ```ts
 * parseFormula('not x'); // { t: 'unary', op: 'not', arg: { t: 'name', name: 'x' } }
 * ```
 */
export type UnaryOp = '-' | 'not';

/**
 * A parsed, whitelisted formula.
 *
 * - `num`: a finite literal (`true`/`false` become 1/0)
 * - `name`: a reference to a param, factor or derived node, resolved when compiling
 * - `unary`, `binary`: operators; `^` is `pow` (src/math: Math.pow's special values, deterministic bits)
 * - `call`: a function from `FORMULA_FUNCTIONS`
 * - `cond`: `test ? then : else`, where a nonzero test picks `then`
 *
 * @example
 * ```ts
 * const ast: FormulaAst = parseFormula('2 * x');
 * // { t: 'binary', op: '*', left: { t: 'num', v: 2 }, right: { t: 'name', name: 'x' } }
 * ```
 */
export type FormulaAst =
  | { t: 'num'; v: number }
  | { t: 'name'; name: string }
  | { t: 'unary'; op: UnaryOp; arg: FormulaAst }
  | { t: 'binary'; op: BinaryOp; left: FormulaAst; right: FormulaAst }
  | { t: 'call'; fn: FunctionName; args: FormulaAst[] }
  | { t: 'cond'; test: FormulaAst; then: FormulaAst; else: FormulaAst };

/**
 * The names a formula refers to, sorted (by UTF-16 code units) and without duplicates: the
 * edges of the scenario's dependency graph.
 *
 * @example
 * ```ts
 * formulaNames(parseFormula('b * a + b')); // ['a', 'b']
 * ```
 */
export function formulaNames(ast: FormulaAst): string[] {
  const names = new Set<string>();
  collectNames(ast, names);
  return [...names].sort();
}

function collectNames(ast: FormulaAst, names: Set<string>): void {
  switch (ast.t) {
    case 'num':
      return;
    case 'name':
      names.add(ast.name);
      return;
    case 'unary':
      collectNames(ast.arg, names);
      return;
    case 'binary':
      collectNames(ast.left, names);
      collectNames(ast.right, names);
      return;
    case 'call':
      for (const a of ast.args) collectNames(a, names);
      return;
    case 'cond':
      collectNames(ast.test, names);
      collectNames(ast.then, names);
      collectNames(ast.else, names);
      return;
    default:
      return assertNever(ast);
  }
}

// Binding strength as the parser reads it (mathjs's rules): unary minus/not bind tighter than
// `* /` but looser than `^` (so `-x^2` is `-(x^2)`), and comparisons sit between `and` and `+ -`.
const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '==': 3,
  '!=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '^': 7,
};
const UNARY_PRECEDENCE = 6;
const ATOM_PRECEDENCE = 9;

function precedenceOf(ast: FormulaAst): number {
  switch (ast.t) {
    case 'cond':
      return 0;
    case 'binary':
      return PRECEDENCE[ast.op];
    case 'unary':
      return UNARY_PRECEDENCE;
    case 'num':
      // A negative literal (only built by hand or by folding) prints with its sign, like a unary minus.
      return ast.v < 0 || Object.is(ast.v, -0) ? UNARY_PRECEDENCE : ATOM_PRECEDENCE;
    default:
      return ATOM_PRECEDENCE;
  }
}

/**
 * Prints a formula back to source text that `parseFormula` reads as the same tree
 * (parentheses only where the precedence needs them). Used in messages and reports.
 *
 * @example
 * ```ts
 * formatFormula(parseFormula('(a + b) * -c')); // '(a + b) * -c'
 * ```
 */
export function formatFormula(ast: FormulaAst): string {
  switch (ast.t) {
    case 'num':
      return Object.is(ast.v, -0) ? '-0' : String(ast.v);
    case 'name':
      return ast.name;
    case 'unary': {
      // `--x` would parse, but `-(-x)` reads better; a negative literal is wrapped the same way.
      const inner = wrap(ast.arg, precedenceOf(ast.arg) <= UNARY_PRECEDENCE);
      return ast.op === '-' ? `-${inner}` : `not ${inner}`;
    }
    case 'binary': {
      const p = PRECEDENCE[ast.op];
      const lp = precedenceOf(ast.left);
      const rp = precedenceOf(ast.right);
      let leftParens: boolean;
      let rightParens: boolean;
      if (ast.op === '^') {
        // Right-associative, and a unary or signed base must be wrapped: `(-2)^2` is not `-2^2`.
        leftParens = lp <= p || lp === UNARY_PRECEDENCE;
        rightParens = rp < p;
      } else if (p === 3) {
        // The parser reads `a < b < c` as a chained comparison, so nested comparisons keep
        // parentheses; and `not x < y` is refused as ambiguous, so a `not` operand is wrapped.
        leftParens = lp <= p || (ast.left.t === 'unary' && ast.left.op === 'not');
        rightParens = rp <= p;
      } else {
        leftParens = lp < p;
        rightParens = rp <= p;
      }
      return `${wrap(ast.left, leftParens)} ${ast.op} ${wrap(ast.right, rightParens)}`;
    }
    case 'call':
      return `${ast.fn}(${ast.args.map(formatFormula).join(', ')})`;
    case 'cond':
      return `${wrap(ast.test, ast.test.t === 'cond')} ? ${wrap(ast.then, ast.then.t === 'cond')} : ${wrap(ast.else, ast.else.t === 'cond')}`;
    default:
      return assertNever(ast);
  }
}

function wrap(ast: FormulaAst, parens: boolean): string {
  const s = formatFormula(ast);
  return parens ? `(${s})` : s;
}

/** Exhaustiveness guard for switches over the AST; reaching it means a malformed tree. */
export function assertNever(value: never): never {
  throw new TypeError(`unexpected formula node ${JSON.stringify(value)}`);
}
