import { describe, expect, it } from 'vitest';
import {
  checkFormula,
  formatFormula,
  formulaNames,
  FormulaError,
  isForbiddenName,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_TREE_DEPTH,
  parseFormula,
  type FormulaAst,
  type FormulaErrorCode,
} from '../../src/expr';

function errorOf(source: string, known?: ReadonlySet<string>): FormulaError {
  try {
    parseFormula(source, { known });
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be rejected`);
}

/** Best of several timings in milliseconds, so one GC pause or busy neighbour does not fail a test. */
function fastest(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const KNOWN = new Set(['a', 'b', 'c', 'x', 'y', 'rokMediation']);

describe('parseFormula rejects, each with its own code', () => {
  const cases: Array<[FormulaErrorCode, string]> = [
    ['formula-syntax', '1 +'],
    ['formula-property-access', 'a.constructor'],
    ['formula-property-access', 'a["x"]'],
    ['formula-property-access', 'a[1]'],
    ['formula-property-access', 'a.b(1)'],
    ['formula-assignment', 'a = 1'],
    ['formula-assignment', 'f(x) = x'],
    ['formula-assignment', 'a.b = 1'],
    ['formula-string', '"abc"'],
    ['formula-string', "'abc'"],
    ['formula-unit', '5 inch to cm'],
    ['formula-unit', '5 inch in cm'],
    ['formula-implicit-multiplication', '2 x'],
    ['formula-implicit-multiplication', '2x'],
    ['formula-implicit-multiplication', 'x y'],
    ['formula-implicit-multiplication', '2 (x + 1)'],
    ['formula-random', 'random()'],
    ['formula-random', 'randomInt(1, 6)'],
    ['formula-random', 'pickRandom(x)'],
    ['formula-unknown-function', 'foo(1)'],
    ['formula-unknown-function', 'evaluate("1")'],
    ['formula-unknown-function', 'createUnit("x")'],
    ['formula-forbidden-name', '__proto__'],
    ['formula-forbidden-name', 'constructor'],
    ['formula-forbidden-name', 'toString'],
    ['formula-forbidden-name', 'x + valueOf'],
    ['formula-forbidden-name', 'import("fs")'],
    ['formula-forbidden-name', 'eval(1)'],
    ['formula-forbidden-name', 'process'],
    ['formula-forbidden-name', 'globalThis'],
    ['formula-unsupported', '[1,2]'],
    ['formula-unsupported', '{a: 1}'],
    ['formula-unsupported', '1:3'],
    ['formula-unsupported', 'a; b'],
    ['formula-unsupported', 'a\nb'],
    ['formula-unsupported', '5 % 2'],
    ['formula-unsupported', 'a!'],
    ['formula-unsupported', 'a xor b'],
    ['formula-unsupported', '50%'],
    ['formula-unsupported', 'null'],
    ['formula-unsupported', 'not x > 1'],
    ['formula-arity', 'exp(1, 2)'],
    ['formula-arity', 'clamp(x, 0)'],
    ['formula-arity', 'min(x)'],
    ['formula-arity', 'sin()'],
    ['formula-arity', 'cos(x, y)'],
    ['formula-arity', 'atan2(y)'],
    ['formula-arity', 'hypot(1, 2, 3)'],
    ['formula-arity', 'phi(x, 1)'],
    ['formula-arity', 'probit()'],
    ['formula-reserved-name', 'pi * 2'],
    ['formula-empty', ''],
    ['formula-empty', '   \t'],
    ['formula-empty', '# only a comment'],
    ['formula-non-finite', '1e999'],
    ['formula-non-finite', 'Infinity'],
    ['formula-non-finite', 'NaN'],
  ];
  it.each(cases)('%s: %j', (code, source) => {
    const e = errorOf(source, code === 'formula-reserved-name' ? new Set(['pi']) : undefined);
    expect(e.code).toBe(code);
    expect(e.formula).toBe(source);
    expect(e.message).not.toContain('\n');
    expect(e.message.length).toBeGreaterThan(0);
  });

  it('formula-unit: a number times an undeclared symbol, when the declared names are given', () => {
    expect(errorOf('5 kg', KNOWN).code).toBe('formula-unit');
    expect(errorOf('5 kg', KNOWN).message).toContain('"kg"');
    expect(errorOf('2 x', KNOWN).code).toBe('formula-implicit-multiplication');
    // Without the declared names `5 kg` cannot be told from `2 x`.
    expect(errorOf('5 kg').code).toBe('formula-implicit-multiplication');
  });

  it('formula-syntax carries the 0-based position of the offending character', () => {
    const e = errorOf('a + * b');
    expect(e.code).toBe('formula-syntax');
    expect(e.position).toBe(4); // the message says character 5, 1-based, at the "*"
    expect('a + * b'[e.position ?? -1]).toBe('*');
    expect(e.message).toContain('character 5');
    expect(errorOf('(1 + 2').position).toBe(6);
    expect(errorOf('1 + 0x1.8').position).toBe(4);
  });

  it('other refusals point at the start of the offending part', () => {
    expect(errorOf('x + a.b').position).toBe(4);
    expect(errorOf('1 + foo(2)').position).toBe(4);
    expect(errorOf('y * (2 x)').position).toBe(5);
    expect(errorOf('x ? "s" : 1').position).toBe(4);
  });

  it('reads in linear time: nested `a % (...)`, exponential in mathjs 15.2 (2 s at 20 levels), and long chains', () => {
    const nested = '1 % ('.repeat(MAX_FORMULA_DEPTH - 1) + '1' + ')'.repeat(MAX_FORMULA_DEPTH - 1);
    expect(errorOf(nested).message).toMatch(/^operator "%" is not supported: "1 % \(1 % /);
    expect(fastest(() => errorOf(nested))).toBeLessThan(20);
    const chain = 'x ? x : '.repeat(499) + 'x';
    expect(chain.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
    expect(fastest(() => errorOf(chain))).toBeLessThan(20);
  });

  it('formula-too-deep: 10,000 nested parentheses are refused fast, before parsing', () => {
    const source = '('.repeat(10_000) + 'x' + ')'.repeat(10_000);
    const e = errorOf(source);
    expect(e.code).toBe('formula-too-deep');
    expect(e.position).toBe(MAX_FORMULA_DEPTH);
    expect(fastest(() => errorOf(source))).toBeLessThan(2);
    // Within the length limit too: the parser recurses on each bracket (about fifteen frames).
    expect(errorOf('('.repeat(100) + '1' + ')'.repeat(100)).code).toBe('formula-too-deep');
    expect(errorOf('exp('.repeat(MAX_FORMULA_DEPTH + 1) + '1' + ')'.repeat(MAX_FORMULA_DEPTH + 1)).code).toBe(
      'formula-too-deep',
    );
  });

  it('formula-too-deep: long operator chains within the length limit', () => {
    expect(errorOf('-'.repeat(1000) + 'x').code).toBe('formula-too-deep');
    expect(errorOf('x + '.repeat(MAX_FORMULA_TREE_DEPTH + 10) + 'x').code).toBe('formula-too-deep');
    expect(errorOf('x < '.repeat(MAX_FORMULA_TREE_DEPTH + 10) + 'x').code).toBe('formula-too-deep');
    expect(errorOf('x ? x : '.repeat(MAX_FORMULA_TREE_DEPTH + 10) + 'x').code).toBe('formula-too-deep');
  });

  it('accepts nesting right at the limits', () => {
    const depth = MAX_FORMULA_DEPTH;
    expect(parseFormula('('.repeat(depth) + 'x' + ')'.repeat(depth))).toEqual({ t: 'name', name: 'x' });
    const sum = parseFormula('x + '.repeat(100) + 'x');
    expect(formulaNames(sum)).toEqual(['x']);
  });

  it('formula-too-long: a 1 MB formula is refused in well under a millisecond', () => {
    const source = 'x + '.repeat(262_144);
    expect(source.length).toBeGreaterThanOrEqual(1_000_000);
    const e = errorOf(source);
    expect(e.code).toBe('formula-too-long');
    expect(e.message).toContain(String(MAX_FORMULA_LENGTH));
    expect(e.formula.length).toBeLessThan(1000);
    // Typically ~0.02 ms; the bound leaves room for a loaded CI machine.
    expect(fastest(() => errorOf(source))).toBeLessThan(1);
  });

  it('accepts a formula of exactly the maximum length', () => {
    const source = '1'.padEnd(MAX_FORMULA_LENGTH, ' ');
    expect(parseFormula(source)).toEqual({ t: 'num', v: 1 });
  });

  it('refuses a non-string at run time', () => {
    expect(() => parseFormula(42 as unknown as string)).toThrow(FormulaError);
  });

  it('names the offending piece in one line', () => {
    expect(errorOf('foo(1)').message).toMatch(/unknown function "foo"/);
    expect(errorOf('sigmod(x)').message).toBe('unknown function "sigmod" (did you mean "sigmoid"?)');
    expect(errorOf('a.constructor').message).toContain('a.constructor');
    expect(errorOf('exp(1, 2)').message).toContain('exp() takes 1 argument, got 2');
    expect(errorOf('5 inch to cm').message).toContain('5 inch to cm');
    expect(errorOf('2 x').message).toContain('2 * x');
  });

  it('reports the outermost problem first', () => {
    expect(errorOf('constructor = 1').code).toBe('formula-assignment');
    expect(errorOf('a.b.c').code).toBe('formula-property-access');
  });
});

describe('parseFormula accepts the language', () => {
  const num = (v: number): FormulaAst => ({ t: 'num', v });
  const name = (n: string): FormulaAst => ({ t: 'name', name: n });

  it('builds plain-JSON trees', () => {
    expect(parseFormula('2 * x')).toEqual({ t: 'binary', op: '*', left: num(2), right: name('x') });
    expect(parseFormula('-x')).toEqual({ t: 'unary', op: '-', arg: name('x') });
    expect(parseFormula('+x')).toEqual(name('x'));
    expect(parseFormula('not x')).toEqual({ t: 'unary', op: 'not', arg: name('x') });
    expect(parseFormula('true + false')).toEqual({ t: 'binary', op: '+', left: num(1), right: num(0) });
    expect(parseFormula('a ? b : c')).toEqual({ t: 'cond', test: name('a'), then: name('b'), else: name('c') });
    expect(parseFormula('clamp(x, 0, 1)')).toEqual({ t: 'call', fn: 'clamp', args: [name('x'), num(0), num(1)] });
    expect(parseFormula('((x))')).toEqual(name('x'));
    expect(parseFormula('0x10 + 1.5e3 + .5')).toEqual({
      t: 'binary',
      op: '+',
      left: { t: 'binary', op: '+', left: num(16), right: num(1500) },
      right: num(0.5),
    });
    const ast = parseFormula('sigmoid(a + 2 * b) > 0.5 and not c');
    expect(JSON.parse(JSON.stringify(ast))).toEqual(ast);
    expect(structuredClone(ast)).toEqual(ast);
  });

  it('follows mathjs precedence', () => {
    expect(formatFormula(parseFormula('-x^2'))).toBe('-x ^ 2');
    expect(parseFormula('-x^2')).toEqual({ t: 'unary', op: '-', arg: { t: 'binary', op: '^', left: name('x'), right: num(2) } });
    expect(parseFormula('2^3^2')).toEqual({
      t: 'binary',
      op: '^',
      left: num(2),
      right: { t: 'binary', op: '^', left: num(3), right: num(2) },
    });
    expect(formatFormula(parseFormula('a or b and c'))).toBe('a or b and c');
    expect(parseFormula('a or b and c')).toMatchObject({ op: 'or', right: { op: 'and' } });
    expect(parseFormula('not a and b')).toMatchObject({ op: 'and', left: { t: 'unary', op: 'not' } });
    expect(parseFormula('a < b + 1')).toMatchObject({ op: '<', right: { op: '+' } });
  });

  it('reads chained comparisons as mathjs does: a < b <= c is a < b and b <= c', () => {
    expect(parseFormula('0 < x <= 1')).toEqual({
      t: 'binary',
      op: 'and',
      left: { t: 'binary', op: '<', left: num(0), right: name('x') },
      right: { t: 'binary', op: '<=', left: name('x'), right: num(1) },
    });
  });

  it('accepts every comparison, logical and arithmetic operator', () => {
    for (const op of ['+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', 'and', 'or'] as const) {
      expect(parseFormula(`a ${op} b`)).toEqual({ t: 'binary', op, left: name('a'), right: name('b') });
    }
  });

  it('does not resolve names (forbidden ones excepted)', () => {
    expect(parseFormula('undeclared')).toEqual(name('undeclared'));
    expect(parseFormula('exp')).toEqual(name('exp'));
  });
});

describe('formulaNames and formatFormula', () => {
  it('lists referenced names sorted and unique', () => {
    expect(formulaNames(parseFormula('b * a + b + exp(c) - 1'))).toEqual(['a', 'b', 'c']);
    expect(formulaNames(parseFormula('1 + 2'))).toEqual([]);
  });

  it('prints source that parses back to the same tree', () => {
    for (const s of [
      '(a + b) * -c',
      'a - (b - c)',
      '(2 ^ 3) ^ 2',
      '(-2) ^ 2',
      '2 ^ (-x)',
      'a ? b : (c ? a : b)',
      '(a ? b : c) ? a : b',
      '(not a) < b',
      'not (a < b)',
      '(a < b) < c',
      'a < b and b < c',
      '-(-a)',
      'min(a, b, 1e+21, 5e-324)',
      '-(a ? b : c)',
    ]) {
      const ast = parseFormula(s);
      expect(parseFormula(formatFormula(ast))).toEqual(ast);
    }
    expect(formatFormula(parseFormula('(a + b) * -c'))).toBe('(a + b) * -c');
  });
});

describe('checkFormula', () => {
  it('returns the AST and no issues for a valid formula', () => {
    const r = checkFormula('sigmoid(rokMediation * 2)', KNOWN, 'derived.pressure');
    expect(r.issues).toEqual([]);
    expect(r.ast).toEqual(parseFormula('sigmoid(rokMediation * 2)'));
  });

  it('formula-unknown-name: one issue per unknown name, with a suggestion', () => {
    const r = checkFormula('rokMediaton * 2 + unknwn + 1 + unknwn', KNOWN, 'derived.pressure');
    expect(r.issues).toEqual([
      {
        code: 'formula-unknown-name',
        path: 'derived.pressure',
        message: 'unknown name "rokMediaton" (did you mean "rokMediation"?)',
      },
      { code: 'formula-unknown-name', path: 'derived.pressure', message: 'unknown name "unknwn"' },
    ]);
    expect(r.ast).toBeDefined();
  });

  it('hints at functions used as names and at the missing constant e', () => {
    expect(checkFormula('exp + 1', KNOWN, 'p').issues[0].message).toContain('call it as exp(...)');
    expect(checkFormula('atan2 * 2', KNOWN, 'p').issues[0].message).toContain('call it as atan2(...)');
    expect(checkFormula('e ^ x', KNOWN, 'p').issues[0].message).toBe('unknown name "e" (e is not a built-in constant: write exp(x) for e^x, exp(1) for e)');
  });

  it('pi is a constant: a number literal, not a name the formula depends on', () => {
    const r = checkFormula('2 * pi * x', KNOWN, 'p');
    expect(r.issues).toEqual([]);
    expect(r.ast).toEqual(parseFormula('2 * 3.141592653589793 * x'));
    expect(formulaNames(r.ast!)).toEqual(['x']);
    expect(parseFormula('pi')).toEqual({ t: 'num', v: Math.PI });
  });

  it('formula-reserved-name: a declared name that is also a constant cannot be read (it would be shadowed)', () => {
    expect(checkFormula('sin(pi / 4) + x', new Set(['pi', 'x']), 'derived.y').issues).toEqual([
      {
        code: 'formula-reserved-name',
        path: 'derived.y',
        message: '"pi" is the constant 3.141592653589793 in formulas, so the declared "pi" cannot be read: rename it',
      },
    ]);
  });

  it('a number next to a constant is implicit multiplication, not a unit', () => {
    const e = errorOf('2 pi', KNOWN);
    expect(e.code).toBe('formula-implicit-multiplication');
    expect(e.message).toContain('write "2 * pi"');
  });

  it('formula-arity names the expected count', () => {
    expect(errorOf('atan2(y)').message).toBe('atan2() takes 2 arguments, got 1: "atan2(y)"');
    expect(errorOf('hypot(1, 2, 3)').message).toBe('hypot() takes 2 arguments, got 3: "hypot(1, 2, 3)"');
    expect(errorOf('probit()').message).toBe('probit() takes 1 argument, got 0: "probit()"');
  });

  it('suggests by case and by small edits only', () => {
    expect(checkFormula('RokMediation', KNOWN, 'p').issues[0].message).toContain('did you mean "rokMediation"');
    expect(checkFormula('z', KNOWN, 'p').issues[0].message).toBe('unknown name "z"');
  });

  it('turns parse errors into a single issue with the path', () => {
    expect(checkFormula('5 kg', KNOWN, 'events.summit').issues).toEqual([
      expect.objectContaining({ code: 'formula-unit', path: 'events.summit' }),
    ]);
    expect(checkFormula('a.constructor', KNOWN, 'derived.x')).toEqual({
      issues: [expect.objectContaining({ code: 'formula-property-access', path: 'derived.x' })],
    });
    expect(checkFormula('__proto__', new Set(['__proto__']), 'p').issues[0].code).toBe('formula-forbidden-name');
  });
});

describe('isForbiddenName', () => {
  it('covers every Object.prototype member and the host names', () => {
    for (const n of Object.getOwnPropertyNames(Object.prototype)) expect(isForbiddenName(n)).toBe(true);
    for (const n of ['prototype', 'eval', 'Function', 'import', 'process', 'globalThis', 'require']) {
      expect(isForbiddenName(n)).toBe(true);
    }
    for (const n of ['x', 'rokMediation', 'name', 'length', 'e', 'summit']) expect(isForbiddenName(n)).toBe(false);
  });
});
