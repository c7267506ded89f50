/**
 * The meaning of every operator, one value at a time. These definitions are the reference: the
 * column compiler folds constants with them and its loops inline the very same expressions, and
 * the tests check the two agree bit for bit.
 */
import { assertNever, formatFormula, type BinaryOp, type FormulaAst } from './ast';
import { FormulaError } from './errors';
import { clamp, UNARY_FUNCTIONS } from './functions';
import { atan2, hypot, max, min, pow } from './math';

/**
 * Binary operators plus the two-argument forms that `min`, `max`, `pow`, `clamp`, `atan2` and
 * `hypot` compile to. Comparisons and logic give 1 or 0, and NaN when an operand they look at
 * is NaN, so that a NaN produced upstream (say `0/0`) reaches the engine's NaN check instead of
 * silently becoming "false". `and`/`or` look at their right operand only when the left one does
 * not decide.
 */
export type ScalarBinaryOp = BinaryOp | 'min' | 'max' | 'atan2' | 'hypot';

/** The scalar meaning of each binary operator. */
export const BINARY_SCALAR: Readonly<Record<ScalarBinaryOp, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => pow(a, b),
  '<': (a, b) => (a < b ? 1 : a >= b ? 0 : NaN),
  '<=': (a, b) => (a <= b ? 1 : a > b ? 0 : NaN),
  '>': (a, b) => (a > b ? 1 : a <= b ? 0 : NaN),
  '>=': (a, b) => (a >= b ? 1 : a < b ? 0 : NaN),
  '==': (a, b) => (a === b ? 1 : a !== a || b !== b ? NaN : 0),
  '!=': (a, b) => (a === b ? 0 : a !== a || b !== b ? NaN : 1),
  and: (a, b) => (a !== a ? NaN : a === 0 ? 0 : b !== b ? NaN : b === 0 ? 0 : 1),
  or: (a, b) => (a !== a ? NaN : a !== 0 ? 1 : b !== b ? NaN : b === 0 ? 0 : 1),
  min: (a, b) => min(a, b),
  max: (a, b) => max(a, b),
  atan2: (a, b) => atan2(a, b),
  hypot: (a, b) => hypot(a, b),
};

/** `not x`: 1 for 0, 0 for any other number, NaN for NaN. */
export function scalarNot(a: number): number {
  return a !== a ? NaN : a === 0 ? 1 : 0;
}

/** `test ? a : b`: a nonzero test picks `a`; a NaN test gives NaN. */
export function scalarCond(test: number, a: number, b: number): number {
  return test !== test ? NaN : test !== 0 ? a : b;
}

/**
 * Evaluates a formula for one set of values: the straightforward reference for the compiled
 * column programs (same operations in the same order, so bit-identical results), and handy for
 * single values. Both branches of `?:` and both sides of `and`/`or` are evaluated, as in the
 * compiled code, so every name must be present even if its branch is not taken.
 *
 * `min(a, b, c)` is `min(min(a, b), c)`, `clamp(x, lo, hi)` is `min(max(x, lo), hi)`, `^` and
 * `pow` are src/math's `pow` (Math.pow's special values, the same bits on every engine), and
 * every other transcendental function is src/math's too.
 * Division by zero and out-of-domain functions give IEEE results (±Infinity, NaN); nothing
 * throws at run time.
 *
 * @param ast - a formula from `parseFormula`
 * @param scope - a value for every name the formula uses (own properties only)
 * @throws {@link FormulaError} `formula-unknown-name` if a name has no own property in `scope`
 *
 * @example
 * ```ts
 * evaluateScalar(parseFormula('clamp(a / b, 0, 1)'), { a: 3, b: 4 }); // 0.75
 * ```
 */
export function evaluateScalar(ast: FormulaAst, scope: Readonly<Record<string, number>>): number {
  return evaluate(ast, scope, ast);
}

function evaluate(ast: FormulaAst, scope: Readonly<Record<string, number>>, root: FormulaAst): number {
  switch (ast.t) {
    case 'num':
      return ast.v;
    case 'name':
      // Own properties only, so `constructor` and friends never resolve to Object.prototype.
      if (!Object.hasOwn(scope, ast.name)) {
        throw new FormulaError('formula-unknown-name', formatFormula(root), `unknown name "${ast.name}"`);
      }
      return scope[ast.name];
    case 'unary': {
      const a = evaluate(ast.arg, scope, root);
      return ast.op === '-' ? -a : scalarNot(a);
    }
    case 'binary':
      return BINARY_SCALAR[ast.op](evaluate(ast.left, scope, root), evaluate(ast.right, scope, root));
    case 'call': {
      const args = ast.args.map((a) => evaluate(a, scope, root));
      switch (ast.fn) {
        case 'pow':
          return pow(args[0], args[1]);
        case 'min': {
          let m = args[0];
          for (let i = 1; i < args.length; i++) m = min(m, args[i]);
          return m;
        }
        case 'max': {
          let m = args[0];
          for (let i = 1; i < args.length; i++) m = max(m, args[i]);
          return m;
        }
        case 'clamp':
          return clamp(args[0], args[1], args[2]);
        case 'atan2':
          return atan2(args[0], args[1]);
        case 'hypot':
          return hypot(args[0], args[1]);
        default:
          return UNARY_FUNCTIONS[ast.fn](args[0]);
      }
    }
    case 'cond': {
      const test = evaluate(ast.test, scope, root);
      const a = evaluate(ast.then, scope, root);
      const b = evaluate(ast.else, scope, root);
      return scalarCond(test, a, b);
    }
    default:
      return assertNever(ast);
  }
}
