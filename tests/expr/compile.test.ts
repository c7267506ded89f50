import { describe, expect, it } from 'vitest';
import {
  compileFormula,
  evaluateScalar,
  formatFormula,
  FORMULA_FUNCTIONS,
  FormulaError,
  parseFormula,
  type BinaryOp,
  type FormulaAst,
} from '../../src/expr';
import { resolveFormula } from '../../src/expr/compile';

/** mulberry32: a tiny seeded generator so the generated expressions are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BINARY_OPS: BinaryOp[] = ['+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', 'and', 'or'];
const LITERALS = [0, 1, 2, 0.5, 3, 10, 0.001, 1e300, 2.5, 7];
// Values that probe every IEEE corner: signed zeros, infinities, NaN, subnormals, overflow.
const SPECIAL = [0, -0, 1, -1, 0.5, -0.5, 2, -2.5, 2.5, 3, 1e300, -1e300, Infinity, -Infinity, NaN, 5e-324, 800, -800, 0.999];

function randomAst(rand: () => number, names: readonly string[], depth: number): FormulaAst {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  if (depth === 0 || rand() < 0.25) {
    return rand() < 0.6 ? { t: 'name', name: pick(names) } : { t: 'num', v: pick(LITERALS) };
  }
  const r = rand();
  const sub = (): FormulaAst => randomAst(rand, names, depth - 1);
  if (r < 0.15) return { t: 'unary', op: rand() < 0.5 ? '-' : 'not', arg: sub() };
  if (r < 0.6) return { t: 'binary', op: pick(BINARY_OPS), left: sub(), right: sub() };
  if (r < 0.85) {
    const f = pick(FORMULA_FUNCTIONS);
    const n = f.minArgs + Math.floor(rand() * (Math.min(f.maxArgs, f.minArgs + 2) - f.minArgs + 1));
    return { t: 'call', fn: f.name, args: Array.from({ length: n }, sub) };
  }
  return { t: 'cond', test: sub(), then: sub(), else: sub() };
}

function sameBits(a: Float64Array, b: Float64Array, n: number): string | undefined {
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return `trial ${i}: ${a[i]} vs ${b[i]}`;
  return undefined;
}

describe('compileFormula: batch results are bit-identical to evaluateScalar', () => {
  const n = 131; // deliberately odd, and smaller than maxBatch
  const maxBatch = 150;
  const rand = prng(20240612);
  const slotNames = ['x', 'y', 'z'];
  const columns = slotNames.map(() => {
    const c = new Float64Array(maxBatch);
    for (let i = 0; i < n; i++) c[i] = rand() < 0.5 ? SPECIAL[Math.floor(rand() * SPECIAL.length)] : (rand() - 0.5) * 20;
    return c;
  });

  it('on 500 generated expressions, with names as columns and as folded constants', () => {
    const out = new Float64Array(maxBatch);
    const want = new Float64Array(maxBatch);
    for (let k = 0; k < 500; k++) {
      const ast = randomAst(rand, ['x', 'y', 'z', 'p', 'q'], 1 + (k % 6));
      // The printed form parses back to the very same tree.
      expect(parseFormula(formatFormula(ast))).toEqual(ast);
      const p = SPECIAL[k % SPECIAL.length];
      const q = LITERALS[k % LITERALS.length];
      const variants: Array<[Map<string, number>, Map<string, number>]> = [
        [new Map([['x', 0], ['y', 1], ['z', 2]]), new Map([['p', p], ['q', q]])],
        [new Map([['x', 0], ['y', 1], ['z', 2], ['p', 0], ['q', 1]]), new Map()],
      ];
      for (const [slots, constants] of variants) {
        const program = compileFormula(structuredClone(ast), slots, constants, maxBatch);
        program.evaluate(columns, out, n);
        for (let i = 0; i < n; i++) {
          const scope: Record<string, number> = { p, q };
          for (const [name, slot] of slots) scope[name] = columns[slot][i];
          want[i] = evaluateScalar(ast, scope);
        }
        const diff = sameBits(out, want, n);
        expect(diff, `${formatFormula(ast)} with constants ${JSON.stringify([...constants])}: ${diff}`).toBeUndefined();
      }
    }
  });

  it('the generated expressions call every function in the table', () => {
    const called = new Set<string>();
    const visit = (ast: FormulaAst): void => {
      if (ast.t === 'call') called.add(ast.fn);
      if (ast.t === 'unary') visit(ast.arg);
      else if (ast.t === 'binary') [ast.left, ast.right].forEach(visit);
      else if (ast.t === 'call') ast.args.forEach(visit);
      else if (ast.t === 'cond') [ast.test, ast.then, ast.else].forEach(visit);
    };
    const again = prng(20240612);
    for (let k = 0; k < 500; k++) visit(randomAst(again, ['x'], 1 + (k % 6)));
    expect(FORMULA_FUNCTIONS.map((f) => f.name).filter((name) => !called.has(name))).toEqual([]);
  });

  it('sums of products, evaluated in one pass, are bit-identical wherever their operands come from', () => {
    // Columns, constants, computed operands (one of them written into the destination first),
    // nested sums of products, and a product of a product.
    const formulas = [
      'x + y * z', '-2 + x * y + y * z + z * x', 'x + 2 * y', 'x + y * 3', '0.5 + p * z', 'sin(x) + cos(y) * (z + 1)',
      'x + (y + x * z) * (z + y * x)', '(x + y * z) + (y + z * x) * x', 'x * y + z * (x * y)', 'x + y * z * x',
    ];
    const slots = new Map([['x', 0], ['y', 1], ['z', 2]]);
    const out = new Float64Array(maxBatch);
    const want = new Float64Array(maxBatch);
    for (const formula of formulas) {
      const ast = parseFormula(formula);
      compileFormula(ast, slots, new Map([['p', 0.1]]), maxBatch).evaluate(columns, out, n);
      for (let i = 0; i < n; i++) want[i] = evaluateScalar(ast, { x: columns[0][i], y: columns[1][i], z: columns[2][i], p: 0.1 });
      expect(sameBits(out, want, n), formula).toBeUndefined();
    }
  });

  it('evaluating again with other data and a smaller n reuses scratch columns correctly', () => {
    const ast = parseFormula('(x + y) * (y - z) / (exp(x) + (z > 0 ? sqrt(z) : -z)) + min(x, y, z) * max(x * 2, y)');
    const slots = new Map([['x', 0], ['y', 1], ['z', 2]]);
    const program = compileFormula(ast, slots, new Map(), maxBatch);
    const out = new Float64Array(maxBatch).fill(-7);
    for (const m of [n, 10, 1, 0, maxBatch]) {
      const cols = columns.map((c) => c.map((v) => v * (m + 1)));
      program.evaluate(cols, out, m);
      for (let i = 0; i < m; i++) {
        expect(Object.is(out[i], evaluateScalar(ast, { x: cols[0][i], y: cols[1][i], z: cols[2][i] }))).toBe(true);
      }
    }
  });
});

describe('compileFormula', () => {
  it('writes only out[0..n) for n smaller than maxBatch', () => {
    const program = compileFormula(parseFormula('2 * x + 1'), new Map([['x', 0]]), new Map(), 8);
    const out = new Float64Array(8).fill(-1);
    program.evaluate([Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8)], out, 3);
    expect([...out]).toEqual([3, 5, 7, -1, -1, -1, -1, -1]);
    program.evaluate([new Float64Array(8)], out, 0);
    expect(out[0]).toBe(3);
  });

  it('resolves params as constants (they win over slots) and factors as columns', () => {
    const program = compileFormula(
      parseFormula('w * x + b'),
      new Map([['x', 1], ['w', 0]]),
      new Map([['w', 10], ['b', 0.5]]),
      4,
    );
    const out = new Float64Array(2);
    program.evaluate([Float64Array.of(99, 99), Float64Array.of(1, 2)], out, 2);
    expect([...out]).toEqual([10.5, 20.5]);
  });

  it('folds constant subtrees once, at compile time', () => {
    const slots = new Map([['x', 0]]);
    const constants = new Map([['p', 0], ['q', 2]]);
    expect(resolveFormula(parseFormula('x * exp(p + 1) + sigmoid(0)'), slots, constants)).toEqual({
      k: 'binary',
      op: '+',
      left: { k: 'binary', op: '*', left: { k: 'slot', slot: 0 }, right: { k: 'const', v: Math.E } },
      right: { k: 'const', v: 0.5 },
    });
    // Only whole constant subtrees: (x + p) + q is not reassociated, which would change rounding.
    expect(resolveFormula(parseFormula('x + p + q'), slots, constants)).toMatchObject({
      left: { k: 'binary', op: '+' },
      right: { k: 'const', v: 2 },
    });
    expect(resolveFormula(parseFormula('clamp(q * 3, 0, 1) + min(p, q, 5)'), slots, constants)).toEqual({ k: 'const', v: 1 });
    expect(resolveFormula(parseFormula('p ? x : 1'), slots, constants)).toEqual({ k: 'const', v: 1 });
  });

  it('a formula that folds to a number fills the output without reading columns', () => {
    const program = compileFormula(parseFormula('p * 2 + (q > 1 ? 1 : 0)'), new Map(), new Map([['p', 3], ['q', 2]]), 4);
    const out = new Float64Array(4);
    program.evaluate([], out, 4);
    expect([...out]).toEqual([7, 7, 7, 7]);
  });

  it('a formula that is one name copies its column', () => {
    const program = compileFormula(parseFormula('x'), new Map([['x', 0]]), new Map(), 3);
    const x = Float64Array.of(1, NaN, -0);
    const out = new Float64Array(3);
    program.evaluate([x], out, 3);
    expect([...out]).toEqual([1, NaN, -0]);
  });

  it('a constant test picks its branch at compile time', () => {
    const program = compileFormula(parseFormula('flag ? x : y'), new Map([['x', 0], ['y', 1]]), new Map([['flag', 0]]), 2);
    const out = new Float64Array(2);
    program.evaluate([Float64Array.of(1, 1), Float64Array.of(2, 2)], out, 2);
    expect([...out]).toEqual([2, 2]);
  });

  it('throws formula-unknown-name for a name in neither map', () => {
    const run = (): unknown => compileFormula(parseFormula('x + y'), new Map([['x', 0]]), new Map(), 4);
    expect(run).toThrow(FormulaError);
    expect(run).toThrow(expect.objectContaining({ code: 'formula-unknown-name', formula: 'x + y' }));
    // Even in a branch that constant folding would drop.
    expect(() => compileFormula(parseFormula('1 ? x : y'), new Map([['x', 0]]), new Map(), 4)).toThrow(/"y"/);
  });

  it('compiles an AST that went through JSON (as sent to a worker)', () => {
    const ast = JSON.parse(JSON.stringify(parseFormula('clamp(x, 0, 1) ^ 2'))) as FormulaAst;
    const out = new Float64Array(1);
    compileFormula(ast, new Map([['x', 0]]), new Map(), 1).evaluate([Float64Array.of(0.5)], out, 1);
    expect(out[0]).toBe(0.25);
  });

  it('refuses malformed call nodes', () => {
    const bad = { t: 'call', fn: 'constructor', args: [] } as unknown as FormulaAst;
    expect(() => compileFormula(bad, new Map(), new Map(), 1)).toThrow(
      expect.objectContaining({ code: 'formula-unknown-function' }),
    );
    const arity: FormulaAst = { t: 'call', fn: 'exp', args: [] };
    expect(() => compileFormula(arity, new Map(), new Map(), 1)).toThrow(expect.objectContaining({ code: 'formula-arity' }));
  });

  it('checks its arguments', () => {
    const ast = parseFormula('x + 1');
    const slots = new Map([['x', 0]]);
    expect(() => compileFormula(ast, slots, new Map(), 0)).toThrow(RangeError);
    expect(() => compileFormula(ast, slots, new Map(), 1.5)).toThrow(RangeError);
    expect(() => compileFormula(ast, new Map([['x', -1]]), new Map(), 4)).toThrow(RangeError);
    const program = compileFormula(ast, slots, new Map(), 4);
    const x = new Float64Array(4);
    const out = new Float64Array(4);
    expect(() => program.evaluate([x], out, 5)).toThrow(RangeError);
    expect(() => program.evaluate([x], out, -1)).toThrow(RangeError);
    expect(() => program.evaluate([x], out, 2.5)).toThrow(RangeError);
    expect(() => program.evaluate([], out, 4)).toThrow(RangeError);
    expect(() => program.evaluate([new Float64Array(2)], out, 4)).toThrow(RangeError);
    expect(() => program.evaluate([x], new Float64Array(2), 4)).toThrow(RangeError);
    expect(() => program.evaluate([x], x, 4)).toThrow(/must not be an input column/);
  });
});
