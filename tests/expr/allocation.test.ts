/**
 * Compiled formulas allocate nothing per trial: a smoke check that counts garbage collections
 * while a program evaluates thousands of batches (tests/expr/collections.ts).
 *
 * This file runs on its own, in vitest.config.ts's `jit` project, with V8's `--single-threaded`:
 * whether a compiled loop boxes a double depends on what V8 inlines, and with optimization on a
 * background thread that depends on timing. CI twice saw a process whose optimized code boxed
 * every trial for a whole minute (8 and 16 collections a round) while the same test passed on
 * every run elsewhere; with optimization on the main thread, what is inlined follows from the
 * code run alone.
 *
 * The trigonometric functions and hypot pass their numbers to src/math/words.ts's bit-access
 * helpers, which V8 inlines while the code it compiles has seen ordinary inputs. After thousands
 * of calls on NaN, ±Infinity and huge values (as compile.test.ts's 500 generated expressions
 * make), the optimized bodies can grow branches that use up V8's inlining budget; a helper then
 * stays a call and its double result is boxed (measured for hypot: slower, the same bits). This
 * checks the ordinary case. Not phi and probit: Cody's and Wichura's code, moved unchanged from
 * the distributions, passes doubles between helpers of its own, which V8 may box.
 */
import { beforeAll, expect, it } from 'vitest';
import { compileFormula, parseFormula } from '../../src/expr';
import { generator } from '../math/helpers';
import { collectionsWhileEvaluating } from './collections';

const n = 1024;
const slots = new Map([['x', 0], ['y', 1], ['z', 2]]);
const params = new Map([['a', 1.5], ['b', -2]]);

beforeAll(() => {
  expect(process.execArgv, 'run by vitest.config.ts\'s jit project').toContain('--single-threaded');
});

/** The fewest collections while `formula` (over columns x, y, z of uniforms; params a, b) evaluates batches. */
async function collectionsOf(formula: string): Promise<number> {
  const { unit } = generator(1);
  const columns = [0, 1, 2].map(() => Float64Array.from({ length: n }, unit));
  return collectionsWhileEvaluating(compileFormula(parseFormula(formula), slots, params, n), columns, n);
}

it('arithmetic, comparisons, conditionals, sigmoid, clamp and min allocate nothing per batch', async () => {
  expect(await collectionsOf('sigmoid(a * x + b * (y > 0.5 ? y : -y)) * clamp(z, 0, 1) + min(x, y, z) + (x > 2 ? 1 : z)')).toBeLessThan(3);
}, 120_000);

it('trigonometric functions and hypot allocate nothing per batch, on every reduction path', async () => {
  // |x| <= pi/4, medium arguments (z * 3), and Payne–Hanek (x * 1e6, y * 1e300)
  expect(
    await collectionsOf('sin(a * x) + cos(y) * tan(z * 3) + asin(x) - acos(y) + atan(b * z) + atan2(y, x - 0.5) + hypot(x, b * y) + sin(x * 1e6) + cos(y * 1e300)'),
  ).toBeLessThan(3);
}, 120_000);
