/**
 * The compiled loops of the trigonometric functions and hypot allocate nothing per trial, like
 * those of tests/expr/compile.test.ts's smoke check (tests/expr/collections.ts).
 *
 * In a file of their own on purpose: these functions pass their numbers to src/math/words.ts's
 * bit-access helpers, which V8 inlines while the code it compiles has seen ordinary inputs. After
 * thousands of calls on NaN, ±Infinity and huge values (as compile.test.ts's 500 generated
 * expressions make), the optimized bodies can grow branches that use up V8's inlining budget; a
 * helper then stays a call and its double result is boxed (measured for hypot: slower, the same
 * bits). This checks the ordinary case. Not phi and probit: Cody's and Wichura's code, moved
 * unchanged from the distributions, passes doubles between helpers of its own, which V8 may box.
 */
import { expect, it } from 'vitest';
import { compileFormula, parseFormula } from '../../src/expr';
import { generator } from '../math/helpers';
import { collectionsWhileEvaluating } from './collections';

it('trigonometric functions and hypot allocate nothing per batch, on every reduction path', async () => {
  const n = 1024;
  const program = compileFormula(
    // |x| <= pi/4, medium arguments (z * 3), and Payne–Hanek (x * 1e6, y * 1e300)
    parseFormula('sin(a * x) + cos(y) * tan(z * 3) + asin(x) - acos(y) + atan(b * z) + atan2(y, x - 0.5) + hypot(x, b * y) + sin(x * 1e6) + cos(y * 1e300)'),
    new Map([['x', 0], ['y', 1], ['z', 2]]),
    new Map([['a', 1.5], ['b', -2]]),
    n,
  );
  const { unit } = generator(1);
  const cols = [0, 1, 2].map(() => Float64Array.from({ length: n }, unit));
  expect(await collectionsWhileEvaluating(program, cols, n)).toBeLessThan(3);
}, 120_000);
