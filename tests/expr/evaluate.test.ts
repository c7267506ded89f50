import { describe, expect, it } from 'vitest';
import { createDistribution } from '../../src/distributions';
import { compileFormula, evaluateScalar, FORMULA_FUNCTIONS, FormulaError, parseFormula } from '../../src/expr';

/** Evaluates with the reference evaluator and with the compiled program, and checks they agree bit for bit. */
function ev(source: string, scope: Record<string, number> = {}): number {
  const ast = parseFormula(source);
  const scalar = evaluateScalar(ast, scope);
  const names = Object.keys(scope);
  // Every name read from a column, so the compiled loops (not constant folding) are exercised.
  const slots = new Map(names.map((n, i) => [n, i]));
  const columns = names.map((n) => Float64Array.of(scope[n], 0));
  const out = new Float64Array(2);
  compileFormula(ast, slots, new Map(), 2).evaluate(columns, out, 1);
  expect(Object.is(out[0], scalar), `${source}: compiled ${out[0]} vs scalar ${scalar}`).toBe(true);
  // And everything folded as constants.
  const folded = new Float64Array(1);
  compileFormula(ast, new Map(), new Map(Object.entries(scope)), 1).evaluate([], folded, 1);
  expect(Object.is(folded[0], scalar), `${source}: folded ${folded[0]} vs scalar ${scalar}`).toBe(true);
  return scalar;
}

describe('operators', () => {
  it('arithmetic', () => {
    expect(ev('a + b', { a: 1.5, b: 2 })).toBe(3.5);
    expect(ev('a - b', { a: 1.5, b: 2 })).toBe(-0.5);
    expect(ev('a * b', { a: 1.5, b: 2 })).toBe(3);
    expect(ev('a / b', { a: 3, b: 4 })).toBe(0.75);
    expect(ev('a ^ b', { a: 2, b: 10 })).toBe(1024);
    expect(ev('a ^ b', { a: 4, b: 0.5 })).toBe(2);
    expect(ev('-a', { a: 2 })).toBe(-2);
    expect(ev('+a', { a: 2 })).toBe(2);
    // 0.1 + 0.2 is not exactly 0.3 in IEEE doubles, and formulas do not hide that.
    expect(ev('a + b', { a: 0.1, b: 0.2 })).toBe(0.30000000000000004);
  });

  it('follows precedence: -x^2 = -(x^2), 2^3^2 = 2^9, a - b - c = (a - b) - c', () => {
    expect(ev('-x^2', { x: 3 })).toBe(-9);
    expect(ev('(-x)^2', { x: 3 })).toBe(9);
    expect(ev('2^3^2')).toBe(512);
    expect(ev('a - b - c', { a: 10, b: 3, c: 2 })).toBe(5);
    expect(ev('a / b / c', { a: 12, b: 3, c: 2 })).toBe(2);
    expect(ev('1 + 2 * 3 ^ 2')).toBe(19);
  });

  it('division by zero gives IEEE results (the engine flags NaN itself)', () => {
    expect(ev('a / b', { a: 1, b: 0 })).toBe(Infinity);
    expect(ev('a / b', { a: -1, b: 0 })).toBe(-Infinity);
    expect(ev('a / b', { a: 1, b: -0 })).toBe(-Infinity);
    expect(ev('a / b', { a: 0, b: 0 })).toBeNaN();
    expect(ev('a ^ b', { a: -8, b: 1 / 3 })).toBeNaN();
    expect(ev('a ^ b', { a: 0, b: -1 })).toBe(Infinity);
  });

  it('comparisons give 1 or 0, and NaN for a NaN operand', () => {
    const table: Array<[string, number, number, number]> = [
      ['<', 1, 2, 1],
      ['<', 2, 2, 0],
      ['<=', 2, 2, 1],
      ['<=', 3, 2, 0],
      ['>', 3, 2, 1],
      ['>', 2, 2, 0],
      ['>=', 2, 2, 1],
      ['>=', 1, 2, 0],
      ['==', 2, 2, 1],
      ['==', 0, -0, 1],
      ['==', 1, 2, 0],
      ['!=', 1, 2, 1],
      ['!=', 2, 2, 0],
      ['<', -Infinity, Infinity, 1],
      ['==', Infinity, Infinity, 1],
    ];
    for (const [op, a, b, want] of table) expect(ev(`a ${op} b`, { a, b }), `${a} ${op} ${b}`).toBe(want);
    // Exact IEEE comparison, not mathjs's relative tolerance.
    expect(ev('a + b == 0.3', { a: 0.1, b: 0.2 })).toBe(0);
    for (const op of ['<', '<=', '>', '>=', '==', '!=']) {
      expect(ev(`a ${op} b`, { a: NaN, b: 1 })).toBeNaN();
      expect(ev(`a ${op} b`, { a: 1, b: NaN })).toBeNaN();
    }
  });

  it('chained comparisons', () => {
    expect(ev('0 < x < 1', { x: 0.5 })).toBe(1);
    expect(ev('0 < x < 1', { x: 1 })).toBe(0);
    expect(ev('0 <= x <= 1', { x: 1 })).toBe(1);
  });

  it('and/or/not treat nonzero as true, give 1 or 0, and skip the right side when the left decides', () => {
    const truth: Array<[number, number, number, number]> = [
      [0, 0, 0, 0],
      [0, 2, 0, 1],
      [-3, 0, 0, 1],
      [0.5, -1, 1, 1],
    ];
    for (const [a, b, and, or] of truth) {
      expect(ev('a and b', { a, b })).toBe(and);
      expect(ev('a or b', { a, b })).toBe(or);
    }
    expect(ev('not a', { a: 0 })).toBe(1);
    expect(ev('not a', { a: -0 })).toBe(1);
    expect(ev('not a', { a: 0.001 })).toBe(0);
    expect(ev('not a', { a: NaN })).toBeNaN();
    // A NaN that the left side makes irrelevant does not leak (as if short-circuited)...
    expect(ev('a and b', { a: 0, b: NaN })).toBe(0);
    expect(ev('a or b', { a: 1, b: NaN })).toBe(1);
    // ...but a NaN that matters is kept, so the engine can report it.
    expect(ev('a and b', { a: NaN, b: 0 })).toBeNaN();
    expect(ev('a and b', { a: 1, b: NaN })).toBeNaN();
    expect(ev('a or b', { a: 0, b: NaN })).toBeNaN();
    expect(ev('true and not false')).toBe(1);
  });

  it('cond picks a branch on a nonzero test; a NaN test gives NaN', () => {
    expect(ev('t ? a : b', { t: 1, a: 10, b: 20 })).toBe(10);
    expect(ev('t ? a : b', { t: -0.5, a: 10, b: 20 })).toBe(10);
    expect(ev('t ? a : b', { t: 0, a: 10, b: 20 })).toBe(20);
    expect(ev('t ? a : b', { t: NaN, a: 10, b: 20 })).toBeNaN();
    // The branch not taken may be NaN without affecting the result.
    expect(ev('x > 0 ? log(x) : 0', { x: -1 })).toBe(0);
    expect(ev('a ? b : c ? 1 : 2', { a: 0, b: 5, c: 0 })).toBe(2);
  });
});

describe('functions', () => {
  it('every function in the table is tested here', () => {
    expect(FORMULA_FUNCTIONS.map((f) => f.name).sort()).toEqual(
      [
        'abs', 'ceil', 'clamp', 'exp', 'expm1', 'floor', 'log', 'log10', 'log1p', 'log2', 'logit', 'max', 'min',
        'pow', 'round', 'sigmoid', 'sign', 'sqrt', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'hypot',
        'phi', 'probit',
      ].sort(),
    );
  });

  it('exponentials and logarithms', () => {
    expect(ev('exp(x)', { x: 1 })).toBe(Math.E);
    expect(ev('exp(x)', { x: 710 })).toBe(Infinity);
    expect(ev('log(x)', { x: Math.E })).toBe(1);
    expect(ev('log(x)', { x: 0 })).toBe(-Infinity);
    expect(ev('log(x)', { x: -1 })).toBeNaN();
    // log1p/expm1 keep precision near 0 where log(1 + x) would round 1e-20 away.
    expect(ev('log1p(x)', { x: 1e-20 })).toBe(1e-20);
    expect(ev('expm1(x)', { x: 1e-20 })).toBe(1e-20);
    expect(ev('log2(x)', { x: 1024 })).toBe(10);
    expect(ev('log10(x)', { x: 1000 })).toBe(3);
    expect(ev('sqrt(x)', { x: 2.25 })).toBe(1.5);
    expect(ev('sqrt(x)', { x: -1 })).toBeNaN();
  });

  it('abs, sign, floor, ceil, round (halves away from zero, as mathjs)', () => {
    expect(ev('abs(x)', { x: -2.5 })).toBe(2.5);
    expect(ev('sign(x)', { x: -2.5 })).toBe(-1);
    expect(ev('sign(x)', { x: 0 })).toBe(0);
    expect(ev('sign(x)', { x: 7 })).toBe(1);
    expect(ev('floor(x)', { x: -2.5 })).toBe(-3);
    expect(ev('ceil(x)', { x: -2.5 })).toBe(-2);
    expect(ev('round(x)', { x: 2.5 })).toBe(3);
    expect(ev('round(x)', { x: -2.5 })).toBe(-3);
    expect(ev('round(x)', { x: -2.4 })).toBe(-2);
    expect(ev('round(x)', { x: 0.49999999999999994 })).toBe(0);
  });

  it('pow is ^; min/max take 2 to 16 arguments; clamp', () => {
    expect(ev('pow(a, b)', { a: 2, b: -1 })).toBe(0.5);
    expect(ev('min(a, b)', { a: 3, b: -1 })).toBe(-1);
    expect(ev('max(a, b, c, 4)', { a: 3, b: -1, c: 7 })).toBe(7);
    expect(ev('min(a, b, c)', { a: 3, b: NaN, c: 7 })).toBeNaN();
    expect(ev('min(a, b)', { a: 0, b: -0 })).toBe(-0);
    expect(ev(`max(${Array.from({ length: 16 }, (_, i) => i).join(', ')})`)).toBe(15);
    expect(() => parseFormula(`max(${Array.from({ length: 17 }, (_, i) => i).join(', ')})`)).toThrow(
      expect.objectContaining({ code: 'formula-arity' }),
    );
    expect(ev('clamp(x, 0, 1)', { x: 1.5 })).toBe(1);
    expect(ev('clamp(x, 0, 1)', { x: -0.5 })).toBe(0);
    expect(ev('clamp(x, 0, 1)', { x: 0.25 })).toBe(0.25);
    expect(ev('clamp(x, 0, 1)', { x: NaN })).toBeNaN();
    expect(ev('clamp(x, 1, 0)', { x: 0.5 })).toBe(0); // lo > hi: hi wins, as min(max(x, lo), hi)
  });

  it('sigmoid = 1 / (1 + exp(-x)), stable for large |x|', () => {
    expect(ev('sigmoid(x)', { x: 0 })).toBe(0.5);
    expect(ev('sigmoid(x)', { x: 800 })).toBe(1);
    expect(ev('sigmoid(x)', { x: -800 })).toBe(0);
    // e^745 overflows, so 1 / (1 + exp(745)) would be 0; the split form keeps the subnormal e^-745.
    expect(ev('sigmoid(x)', { x: -745 })).toBe(Math.exp(-745) / (1 + Math.exp(-745)));
    // 1 / (1 + e^40) = 4.24835425529158897728e-18 (Python decimal, 30 digits): full relative precision.
    expect(Math.abs(ev('sigmoid(x)', { x: -40 }) / 4.24835425529158897728e-18 - 1)).toBeLessThan(1e-15);
    expect(ev('sigmoid(x)', { x: 2 })).toBe(1 / (1 + Math.exp(-2)));
    expect(ev('sigmoid(x)', { x: Infinity })).toBe(1);
    expect(ev('sigmoid(x)', { x: -Infinity })).toBe(0);
    expect(ev('sigmoid(x)', { x: NaN })).toBeNaN();
  });

  it('logit(p) = log(p / (1 - p)), the inverse of sigmoid', () => {
    expect(ev('logit(p)', { p: 0.5 })).toBe(0);
    expect(ev('logit(p)', { p: 0 })).toBe(-Infinity);
    expect(ev('logit(p)', { p: 1 })).toBe(Infinity);
    expect(ev('logit(p)', { p: 1.5 })).toBeNaN();
    expect(ev('logit(p)', { p: 0.75 })).toBe(Math.log(3));
    expect(ev('sigmoid(logit(p))', { p: 0.3 })).toBeCloseTo(0.3, 15);
  });
});

// Reference values: the correctly rounded results, from mpmath at 40 digits on the exact binary
// inputs (mpmath.sin(1), mpmath.atan2(-3, -4), mpmath.ncdf(-3), ...), except where a closed form
// or R is quoted. src/math gives them to the last bit at these points.
describe('trigonometric functions (radians)', () => {
  it('sin, cos, tan', () => {
    expect(ev('sin(x)', { x: 1 })).toBe(0.8414709848078965);
    expect(ev('cos(x)', { x: 1 })).toBe(0.5403023058681398);
    expect(ev('tan(x)', { x: 1 })).toBe(1.5574077246549023);
    expect(ev('sin(x)', { x: -0 })).toBe(-0);
    expect(ev('cos(x)', { x: -0 })).toBe(1);
    expect(ev('tan(x)', { x: -0 })).toBe(-0);
    for (const f of ['sin', 'cos', 'tan']) {
      expect(ev(`${f}(x)`, { x: Infinity }), `${f}(Infinity)`).toBeNaN();
      expect(ev(`${f}(x)`, { x: -Infinity }), `${f}(-Infinity)`).toBeNaN();
      expect(ev(`${f}(x)`, { x: NaN }), `${f}(NaN)`).toBeNaN();
    }
    // sin(1e22) = -0.8522008497671888017727... (Ng 1992): huge arguments are reduced exactly.
    expect(ev('sin(x)', { x: 1e22 })).toBe(-0.8522008497671888);
    // pi is the double below π, so sin(pi) is the gap, π - pi = 1.2246467991473532e-16.
    expect(ev('sin(pi)')).toBe(1.2246467991473532e-16);
    expect(ev('cos(pi)')).toBe(-1);
  });

  it('asin, acos, atan: NaN outside [-1, 1] for asin and acos', () => {
    expect(ev('asin(x)', { x: 0.5 })).toBe(0.5235987755982989); // π/6
    expect(ev('acos(x)', { x: 0.5 })).toBe(1.0471975511965979); // π/3
    expect(ev('atan(x)', { x: 1 })).toBe(0.7853981633974483); // π/4
    expect(ev('asin(x)', { x: 1 })).toBe(1.5707963267948966);
    expect(ev('acos(x)', { x: -1 })).toBe(Math.PI);
    expect(ev('acos(x)', { x: 1 })).toBe(0);
    expect(ev('asin(x)', { x: -0 })).toBe(-0);
    expect(ev('atan(x)', { x: -0 })).toBe(-0);
    expect(ev('atan(x)', { x: Infinity })).toBe(1.5707963267948966);
    expect(ev('atan(x)', { x: -Infinity })).toBe(-1.5707963267948966);
    for (const x of [1.0000000000000002, -1.5, Infinity, -Infinity, NaN]) {
      expect(ev('asin(x)', { x }), `asin(${x})`).toBeNaN();
      expect(ev('acos(x)', { x }), `acos(${x})`).toBeNaN();
    }
    expect(ev('atan(x)', { x: NaN })).toBeNaN();
  });

  it('atan2(y, x): the angle of (x, y), y first, in all four quadrants', () => {
    expect(ev('atan2(y, x)', { y: 1, x: 1 })).toBe(0.7853981633974483);
    expect(ev('atan2(y, x)', { y: 1, x: -1 })).toBe(2.356194490192345);
    expect(ev('atan2(y, x)', { y: -3, x: -4 })).toBe(-2.498091544796509);
    expect(ev('atan2(y, x)', { y: -1, x: 1 })).toBe(-0.7853981633974483);
    expect(ev('atan2(y, x)', { y: 1, x: 0 })).toBe(1.5707963267948966);
    expect(ev('atan2(y, x)', { y: 0, x: -1 })).toBe(Math.PI);
    expect(ev('atan2(y, x)', { y: -0, x: -1 })).toBe(-Math.PI);
    expect(ev('atan2(y, x)', { y: -0, x: 1 })).toBe(-0);
    expect(ev('atan2(y, x)', { y: 0, x: 0 })).toBe(0);
    expect(ev('atan2(y, x)', { y: Infinity, x: -Infinity })).toBe(2.356194490192345);
    expect(ev('atan2(y, x)', { y: NaN, x: 1 })).toBeNaN();
    expect(ev('atan2(y, x)', { y: 1, x: NaN })).toBeNaN();
  });

  it('hypot(x, y) = sqrt(x^2 + y^2) without overflow or underflow; Infinity beats NaN', () => {
    expect(ev('hypot(x, y)', { x: 3, y: -4 })).toBe(5);
    expect(ev('hypot(x, y)', { x: 1, y: 2 })).toBe(2.23606797749979); // √5
    expect(ev('hypot(x, y)', { x: 1e200, y: 1e200 })).toBe(1.414213562373095e200); // x * x would overflow
    expect(ev('hypot(x, y)', { x: 3e-320, y: 4e-320 })).toBe(5e-320); // x * x would underflow
    expect(ev('hypot(x, y)', { x: -0, y: -0 })).toBe(0);
    expect(ev('hypot(x, y)', { x: Infinity, y: NaN })).toBe(Infinity);
    expect(ev('hypot(x, y)', { x: NaN, y: -Infinity })).toBe(Infinity);
    expect(ev('hypot(x, y)', { x: NaN, y: 1 })).toBeNaN();
  });

  it('pi is the constant 3.141592653589793 (Math.PI), folded like a literal', () => {
    expect(ev('pi')).toBe(Math.PI);
    expect(ev('2 * pi * r', { r: 0.5 })).toBe(Math.PI);
    expect(ev('atan2(y, x) / pi * 180', { y: 1, x: 1 })).toBe(45);
  });
});

describe('the standard normal CDF and its inverse', () => {
  it('phi(x) = P(Z <= x)', () => {
    expect(ev('phi(x)', { x: 0 })).toBe(0.5);
    expect(ev('phi(x)', { x: 1 })).toBe(0.8413447460685429);
    expect(ev('phi(x)', { x: -3 })).toBe(0.0013498980316300946);
    expect(ev('phi(x)', { x: 1.959963984540054 })).toBe(0.975);
    expect(ev('phi(x)', { x: -40 })).toBe(0);
    expect(ev('phi(x)', { x: Infinity })).toBe(1);
    expect(ev('phi(x)', { x: -Infinity })).toBe(0);
    expect(ev('phi(x)', { x: NaN })).toBeNaN();
    // Deep in the lower tail with full relative precision: Φ(-37.5) = 4.6053530095819548e-308 (mpmath).
    expect(Math.abs(ev('phi(x)', { x: -37.5 }) / 4.6053530095819548e-308 - 1)).toBeLessThan(1e-14);
  });

  it('probit(p), the x with phi(x) = p: -Infinity at 0, Infinity at 1, NaN outside [0, 1]', () => {
    // R: qnorm(0.975) = 1.959963984540054, qnorm(1e-10) = -6.361340902404056.
    expect(Math.abs(ev('probit(p)', { p: 0.975 }) / 1.959963984540054 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(ev('probit(p)', { p: 1e-10 }) / -6.361340902404056 - 1)).toBeLessThan(1e-15);
    expect(ev('probit(p)', { p: 0.5 })).toBe(0);
    expect(ev('probit(p)', { p: 0 })).toBe(-Infinity);
    expect(ev('probit(p)', { p: 1 })).toBe(Infinity);
    for (const p of [-1e-300, 1.0000000000000002, 2, Infinity, -Infinity, NaN]) expect(ev('probit(p)', { p }), `probit(${p})`).toBeNaN();
    expect(ev('phi(probit(p))', { p: 0.3 })).toBeCloseTo(0.3, 15);
  });

  it('are the very functions behind the normal distribution\'s cdf and quantile (same bits)', () => {
    const normal = createDistribution({ dist: 'normal', mean: 0, sd: 1 });
    for (const x of [-38, -5.5, -1, -0.3, 0, 0.6744897501960817, 2, 8.5]) expect(Object.is(ev('phi(x)', { x }), normal.cdf(x)), `phi(${x})`).toBe(true);
    for (const p of [1e-300, 1e-10, 0.025, 0.3, 0.5, 0.9, 0.999999]) expect(Object.is(ev('probit(p)', { p }), normal.quantile(p)), `probit(${p})`).toBe(true);
  });
});

describe('evaluateScalar', () => {
  it('reads own properties only and names a missing one', () => {
    const ast = parseFormula('x + y');
    expect(() => evaluateScalar(ast, { x: 1 })).toThrow(FormulaError);
    expect(() => evaluateScalar(ast, { x: 1 })).toThrow(/unknown name "y"/);
    const inherited = Object.create({ y: 2 }) as Record<string, number>;
    inherited.x = 1;
    expect(() => evaluateScalar(ast, inherited)).toThrow(expect.objectContaining({ code: 'formula-unknown-name' }));
  });

  it('evaluates both branches, so a name missing from the branch not taken is still an error', () => {
    expect(() => evaluateScalar(parseFormula('1 ? 2 : z'), {})).toThrow(/"z"/);
  });
});
