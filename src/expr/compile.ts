/**
 * {@link FormulaAst} -> a program that evaluates a whole batch of trials at once. Names are
 * resolved to constants (folded) or to column slots, then every remaining node becomes one
 * closure running one tight loop from `kernels.ts`. Closures only: no `new Function`, no eval.
 */
import { assertNever, formatFormula, type FormulaAst } from './ast';
import { FormulaError } from './errors';
import { formulaFunction, UNARY_FUNCTIONS, type UnaryFunctionName } from './functions';
import { addProductKernel, BINARY_KERNELS, condKernel, copyKernel, fillKernel, UNARY_KERNELS } from './kernels';
import { BINARY_SCALAR, scalarCond, scalarNot, type ScalarBinaryOp } from './scalar';

/**
 * A compiled formula: evaluates it for a batch of trials, column by column.
 *
 * @example
 * ```ts
 * const program = compileFormula(parseFormula('w * x + 1'), new Map([['x', 0]]), new Map([['w', 2]]), 4);
 * const out = new Float64Array(4);
 * program.evaluate([Float64Array.of(1, 2, 3, 4)], out, 4); // out = [3, 5, 7, 9]
 * ```
 */
export interface ColumnProgram {
  /**
   * Writes the formula's value for trials `0..n)` into `out[0..n)`, reading trial i of the
   * name in slot s from `columns[s][i]`. Allocates nothing.
   *
   * @param columns - one Float64Array per slot, each at least `n` long
   * @param out - receives the results; at least `n` long and not one of `columns`
   * @param n - how many trials, an integer in `[0, maxBatch]`
   * @throws RangeError if `n` is out of range or an array is too short, missing or aliased
   */
  evaluate(columns: readonly Float64Array[], out: Float64Array, n: number): void;
}

/**
 * Internal (not exported by the package): the tree after name resolution and constant
 * folding; `min`, `max`, `pow`, `clamp`, `atan2` and `hypot` are rewritten into binary nodes
 * so only a few shapes need loops.
 */
export type Ir =
  | { k: 'const'; v: number }
  | { k: 'slot'; slot: number }
  | { k: 'unary'; op: 'neg' | 'not' | UnaryFunctionName; arg: Ir }
  | { k: 'binary'; op: ScalarBinaryOp; left: Ir; right: Ir }
  | { k: 'cond'; test: Ir; then: Ir; else: Ir };

type Run = (columns: readonly Float64Array[], dest: Float64Array, n: number) => void;

/**
 * Compiles a formula into a {@link ColumnProgram}. A name found in `constants` becomes a literal
 * (and every subtree made only of literals is computed once, here); otherwise a name found in
 * `slots` reads that column; any other name is an error. Scratch columns for intermediate
 * results are allocated here, `maxBatch` long, and reused between nodes, so evaluating
 * allocates nothing. Results are bit-identical to `evaluateScalar`.
 *
 * @param ast - a formula from `parseFormula` (a plain object, e.g. received by a worker)
 * @param slots - column index of each name that varies per trial
 * @param constants - value of each name fixed for the run (params); these win over `slots`
 * @param maxBatch - the largest `n` that `evaluate` will be given
 * @throws {@link FormulaError} `formula-unknown-name` for a name in neither map;
 *   `formula-unknown-function` / `formula-arity` for a malformed call node
 * @throws RangeError if `maxBatch` is not a positive integer or a slot is not a non-negative integer
 *
 * @example
 * ```ts
 * const ast = parseFormula('sigmoid(base + weight * pressure)');
 * const program = compileFormula(ast, new Map([['pressure', 0]]), new Map([['base', -1], ['weight', 2]]), 4096);
 * const pressure = new Float64Array(4096).fill(0.5);
 * const out = new Float64Array(4096);
 * program.evaluate([pressure], out, 4096); // every out[i] = sigmoid(0) = 0.5
 * ```
 */
export function compileFormula(
  ast: FormulaAst,
  slots: ReadonlyMap<string, number>,
  constants: ReadonlyMap<string, number>,
  maxBatch: number,
): ColumnProgram {
  if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) {
    throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}`);
  }
  const usedSlots = new Set<number>();
  const ir = lower(ast, { slots, constants, usedSlots, formula: ast });
  const run = buildRoot(ir, new BufferPool(maxBatch));
  const used = Int32Array.from([...usedSlots].sort((a, b) => a - b));
  const maxSlot = used.length === 0 ? -1 : used[used.length - 1];

  return {
    evaluate(columns: readonly Float64Array[], out: Float64Array, n: number): void {
      if (!(n >= 0 && n <= maxBatch && Math.floor(n) === n)) {
        throw new RangeError(`n must be an integer in [0, ${maxBatch}], got ${n}`);
      }
      if (out.length < n) throw new RangeError(`out has ${out.length} elements, fewer than n = ${n}`);
      if (columns.length <= maxSlot) {
        throw new RangeError(`formula reads column ${maxSlot} but only ${columns.length} columns were given`);
      }
      for (let j = 0; j < used.length; j++) {
        const column = columns[used[j]];
        if (column === out) throw new RangeError(`out must not be an input column (slot ${used[j]})`);
        if (!(column instanceof Float64Array) || column.length < n) {
          throw new RangeError(`column ${used[j]} must be a Float64Array of at least ${n} elements`);
        }
      }
      run(columns, out, n);
    },
  };
}

/**
 * Internal (not exported by the package; tests use it to see what was folded): resolves names
 * and folds constant subtrees, as {@link compileFormula} does before building loops.
 */
export function resolveFormula(
  ast: FormulaAst,
  slots: ReadonlyMap<string, number>,
  constants: ReadonlyMap<string, number>,
): Ir {
  return lower(ast, { slots, constants, usedSlots: new Set(), formula: ast });
}

interface LowerContext {
  readonly slots: ReadonlyMap<string, number>;
  readonly constants: ReadonlyMap<string, number>;
  readonly usedSlots: Set<number>;
  readonly formula: FormulaAst;
}

const constant = (v: number): Ir => ({ k: 'const', v });

function binary(op: ScalarBinaryOp, left: Ir, right: Ir): Ir {
  if (left.k === 'const' && right.k === 'const') return constant(BINARY_SCALAR[op](left.v, right.v));
  return { k: 'binary', op, left, right };
}

function lower(ast: FormulaAst, ctx: LowerContext): Ir {
  switch (ast.t) {
    case 'num':
      return constant(ast.v);
    case 'name': {
      const c = ctx.constants.get(ast.name);
      if (c !== undefined) return constant(c);
      const slot = ctx.slots.get(ast.name);
      if (slot === undefined) {
        throw new FormulaError('formula-unknown-name', formatFormula(ctx.formula), `unknown name "${ast.name}"`);
      }
      if (!Number.isSafeInteger(slot) || slot < 0) {
        throw new RangeError(`slot of "${ast.name}" must be a non-negative integer, got ${slot}`);
      }
      ctx.usedSlots.add(slot);
      return { k: 'slot', slot };
    }
    case 'unary': {
      const arg = lower(ast.arg, ctx);
      if (arg.k === 'const') return constant(ast.op === '-' ? -arg.v : scalarNot(arg.v));
      return { k: 'unary', op: ast.op === '-' ? 'neg' : 'not', arg };
    }
    case 'binary':
      return binary(ast.op, lower(ast.left, ctx), lower(ast.right, ctx));
    case 'call': {
      const info = formulaFunction(ast.fn);
      if (info === undefined) {
        throw new FormulaError('formula-unknown-function', formatFormula(ctx.formula), `unknown function "${String(ast.fn)}"`);
      }
      if (ast.args.length < info.minArgs || ast.args.length > info.maxArgs) {
        throw new FormulaError('formula-arity', formatFormula(ctx.formula), `${ast.fn}() given ${ast.args.length} arguments`);
      }
      const args = ast.args.map((a) => lower(a, ctx));
      switch (ast.fn) {
        case 'pow':
          return binary('^', args[0], args[1]);
        case 'min':
        case 'max':
          // Left fold, exactly as the reference evaluator does.
          return args.slice(1).reduce((acc, a) => binary(ast.fn as 'min' | 'max', acc, a), args[0]);
        case 'clamp':
          return binary('min', binary('max', args[0], args[1]), args[2]);
        case 'atan2':
        case 'hypot':
          return binary(ast.fn, args[0], args[1]);
        default: {
          const fn = ast.fn;
          const arg = args[0];
          if (arg.k === 'const') return constant(UNARY_FUNCTIONS[fn](arg.v));
          return { k: 'unary', op: fn, arg };
        }
      }
    }
    case 'cond': {
      const test = lower(ast.test, ctx);
      const thenIr = lower(ast.then, ctx);
      const elseIr = lower(ast.else, ctx);
      if (test.k === 'const') {
        if (thenIr.k === 'const' && elseIr.k === 'const') return constant(scalarCond(test.v, thenIr.v, elseIr.v));
        return test.v !== test.v ? constant(NaN) : test.v !== 0 ? thenIr : elseIr;
      }
      return { k: 'cond', test, then: thenIr, else: elseIr };
    }
    default:
      return assertNever(ast);
  }
}

// Scratch columns, handed out in evaluation order: a column is taken before the subtree that
// fills it is built and given back once its consumer is built, so a subtree never scribbles on
// a column that is still waiting to be read.
class BufferPool {
  private readonly free: Float64Array[] = [];
  constructor(readonly size: number) {}
  take(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.size);
  }
  give(buffers: readonly Float64Array[]): void {
    for (const b of buffers) this.free.push(b);
  }
  filled(value: number): Float64Array {
    return new Float64Array(this.size).fill(value);
  }
}

// Where an operand's values are at run time: a slot's own column (read without copying), a
// scratch column filled by `run`, or (buffer and slot both absent) the parent's destination,
// which the first computed operand fills in place.
interface Operand {
  readonly run: Run | undefined;
  readonly buffer: Float64Array | undefined;
  readonly slot: number;
}

interface OperandState {
  readonly pool: BufferPool;
  destTaken: boolean;
  readonly held: Float64Array[];
}

function operand(ir: Ir, state: OperandState): Operand {
  switch (ir.k) {
    case 'slot':
      return { run: undefined, buffer: undefined, slot: ir.slot };
    case 'const':
      return { run: undefined, buffer: state.pool.filled(ir.v), slot: -1 };
    default: {
      if (!state.destTaken) {
        state.destTaken = true;
        return { run: build(ir, state.pool), buffer: undefined, slot: -1 };
      }
      const buffer = state.pool.take();
      state.held.push(buffer);
      return { run: build(ir, state.pool), buffer, slot: -1 };
    }
  }
}

function values(o: Operand, columns: readonly Float64Array[], dest: Float64Array): Float64Array {
  return o.slot >= 0 ? columns[o.slot] : (o.buffer ?? dest);
}

function prepare(o: Operand, columns: readonly Float64Array[], dest: Float64Array, n: number): Float64Array {
  const target = o.buffer ?? dest;
  if (o.run !== undefined) o.run(columns, target, n);
  return values(o, columns, dest);
}

function buildRoot(ir: Ir, pool: BufferPool): Run {
  switch (ir.k) {
    case 'const': {
      const v = ir.v;
      return (_columns, dest, n) => fillKernel(v, dest, n);
    }
    case 'slot': {
      const slot = ir.slot;
      return (columns, dest, n) => copyKernel(columns[slot], dest, n);
    }
    default:
      return build(ir, pool);
  }
}

// Builds a node that is neither a constant nor a plain slot (those are folded into their
// parent's loop). The returned closure writes the node's values into `dest`.
function build(ir: Ir, pool: BufferPool): Run {
  const state: OperandState = { pool, destTaken: false, held: [] };
  let run: Run;
  switch (ir.k) {
    case 'unary': {
      const kernel = UNARY_KERNELS[ir.op];
      const a = operand(ir.arg, state);
      run = (columns, dest, n) => kernel(prepare(a, columns, dest, n), dest, n);
      break;
    }
    case 'binary': {
      const kernels = BINARY_KERNELS[ir.op];
      if (ir.op === '+' && ir.right.k === 'binary' && ir.right.op === '*') {
        const a = operand(ir.left, state);
        const b = operand(ir.right.left, state);
        const c = operand(ir.right.right, state);
        run = (columns, dest, n) => {
          const av = prepare(a, columns, dest, n);
          const bv = prepare(b, columns, dest, n);
          addProductKernel(av, bv, prepare(c, columns, dest, n), dest, n);
        };
      } else if (ir.left.k === 'const') {
        const c = ir.left.v;
        const kernel = kernels.ca;
        const b = operand(ir.right, state);
        run = (columns, dest, n) => kernel(c, prepare(b, columns, dest, n), dest, n);
      } else if (ir.right.k === 'const') {
        const c = ir.right.v;
        const kernel = kernels.ac;
        const a = operand(ir.left, state);
        run = (columns, dest, n) => kernel(prepare(a, columns, dest, n), c, dest, n);
      } else {
        const kernel = kernels.aa;
        const a = operand(ir.left, state);
        const b = operand(ir.right, state);
        run = (columns, dest, n) => {
          const av = prepare(a, columns, dest, n);
          kernel(av, prepare(b, columns, dest, n), dest, n);
        };
      }
      break;
    }
    case 'cond': {
      const t = operand(ir.test, state);
      const a = operand(ir.then, state);
      const b = operand(ir.else, state);
      run = (columns, dest, n) => {
        const tv = prepare(t, columns, dest, n);
        const av = prepare(a, columns, dest, n);
        condKernel(tv, av, prepare(b, columns, dest, n), dest, n);
      };
      break;
    }
    case 'const':
    case 'slot':
      return buildRoot(ir, pool);
    default:
      return assertNever(ir);
  }
  pool.give(state.held);
  return run;
}
