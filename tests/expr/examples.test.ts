// The @example blocks of src/expr, run as written, with the results their comments claim.
import { describe, expect, it } from 'vitest';
import {
  checkFormula,
  compileFormula,
  evaluateScalar,
  formatFormula,
  FORMULA_FUNCTIONS,
  formulaNames,
  FormulaError,
  isForbiddenName,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_TREE_DEPTH,
  parseFormula,
} from '../../src/expr';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (e) {
    if (e instanceof FormulaError) return e.code;
    throw e;
  }
  return undefined;
};

describe('documented examples', () => {
  it('ast.ts', () => {
    expect(parseFormula('2 * x')).toEqual({ t: 'binary', op: '*', left: { t: 'num', v: 2 }, right: { t: 'name', name: 'x' } });
    expect(parseFormula('a <= b')).toMatchObject({ t: 'binary', op: '<=' });
    expect(parseFormula('not x')).toEqual({ t: 'unary', op: 'not', arg: { t: 'name', name: 'x' } });
    expect(formulaNames(parseFormula('b * a + b'))).toEqual(['a', 'b']);
    expect(formatFormula(parseFormula('(a + b) * -c'))).toBe('(a + b) * -c');
  });

  it('errors.ts', () => {
    expect(codeOf(() => parseFormula('a.constructor'))).toBe('formula-property-access');
  });

  it('functions.ts and names.ts', () => {
    expect(FORMULA_FUNCTIONS.find((f) => f.name === 'clamp')).toMatchObject({ minArgs: 3, maxArgs: 3 });
    expect(codeOf(() => parseFormula('max(a, b, c)'))).toBeUndefined();
    expect(codeOf(() => parseFormula(`max(${'a, '.repeat(16)}a)`))).toBe('formula-arity');
    expect(isForbiddenName('__proto__')).toBe(true);
    expect(isForbiddenName('rokMediation')).toBe(false);
  });

  it('parse.ts', () => {
    expect(codeOf(() => parseFormula('x'.repeat(MAX_FORMULA_LENGTH + 1)))).toBe('formula-too-long');
    const deep = MAX_FORMULA_DEPTH + 1;
    expect(codeOf(() => parseFormula('('.repeat(deep) + 'x' + ')'.repeat(deep)))).toBe('formula-too-deep');
    expect(codeOf(() => parseFormula('x + '.repeat(MAX_FORMULA_TREE_DEPTH) + 'x'))).toBe('formula-too-deep');
    expect(codeOf(() => parseFormula('x + '.repeat(MAX_FORMULA_TREE_DEPTH - 1) + 'x'))).toBeUndefined();
    expect(codeOf(() => parseFormula('5 kg', { known: new Set(['x']) }))).toBe('formula-unit');
    expect(formulaNames(parseFormula('sigmoid(base + 2 * pressure)'))).toEqual(['base', 'pressure']);
    expect(checkFormula('rokMediaton * 2', new Set(['rokMediation']), 'derived.x').issues).toEqual([
      {
        code: 'formula-unknown-name',
        path: 'derived.x',
        message: 'unknown name "rokMediaton" (did you mean "rokMediation"?)',
      },
    ]);
  });

  it('compile.ts and scalar.ts', () => {
    const program = compileFormula(parseFormula('w * x + 1'), new Map([['x', 0]]), new Map([['w', 2]]), 4);
    const out = new Float64Array(4);
    program.evaluate([Float64Array.of(1, 2, 3, 4)], out, 4);
    expect([...out]).toEqual([3, 5, 7, 9]);

    const ast = parseFormula('sigmoid(base + weight * pressure)');
    const p2 = compileFormula(ast, new Map([['pressure', 0]]), new Map([['base', -1], ['weight', 2]]), 4096);
    const out2 = new Float64Array(4096);
    p2.evaluate([new Float64Array(4096).fill(0.5)], out2, 4096);
    expect(out2.every((v) => v === 0.5)).toBe(true);

    expect(evaluateScalar(parseFormula('clamp(a / b, 0, 1)'), { a: 3, b: 4 })).toBe(0.75);
  });

  it('index.ts', () => {
    const { ast, issues } = checkFormula('sigmoid(base + 2 * x)', new Set(['base', 'x']), 'events.summit');
    expect(issues).toEqual([]);
    expect(ast).toBeDefined();
    if (issues.length === 0 && ast) {
      const program = compileFormula(ast, new Map([['x', 0]]), new Map([['base', -1]]), 1024);
      const out = new Float64Array(1024);
      program.evaluate([new Float64Array(1024).fill(0.5)], out, 1024);
      expect(out[1023]).toBe(0.5);
    }
  });
});
