/**
 * Compiled formulas allocate nothing per trial: V8's sampling heap profiler counts the bytes a
 * program allocates while it evaluates hundreds of batches.
 *
 * Each formula runs in a Node process of its own (tests/expr/allocationProbe.mjs), started with
 * V8's `--single-threaded`: whether a compiled loop boxes a double depends on what V8 inlines,
 * and with optimization on a background thread that depends on timing. CI twice saw a process
 * whose optimized code boxed every trial for a whole minute while the same test passed on every
 * run elsewhere; with optimization on the main thread, what is inlined follows from the code run
 * alone. The formulas run as shipped: src/expr bundled into one ES module by esbuild, as tsup
 * bundles dist/. Vitest runs each source module inside a function of its own, where V8 treats
 * the module's constants differently: exp's boxing (below) showed only in the bundle.
 *
 * The trigonometric functions and hypot pass their numbers to src/math/words.ts's bit-access
 * helpers, which V8 inlines while the code it compiles has seen ordinary inputs. After thousands
 * of calls on NaN, ±Infinity and huge values (as compile.test.ts's 500 generated expressions
 * make), the optimized bodies can grow branches that use up V8's inlining budget; a helper then
 * stays a call and its double result is boxed (measured for hypot: slower, the same bits). This
 * checks the ordinary case.
 *
 * Functions whose bodies are too large to inline (exp, expm1, log, phi, probit, …) are small
 * wrappers passing their numbers through a module-level buffer (src/math/exp.ts says why). A
 * body can still box: V8 gives a variable that takes a module constant on one path and a
 * computed double on another a boxed representation (exp and expm1 allocated a 16-byte heap
 * number on every call with |x| > ln2/2 that way; on the old exp.ts this file's third test
 * measured 12 bytes a trial).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'scenario-odds-jit-'));
const bundle = join(dir, 'expr.mjs');

beforeAll(async () => {
  await build({ entryPoints: [join(import.meta.dirname, '../../src/expr/index.ts')], bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', outfile: bundle, logLevel: 'error' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Bytes allocated per trial while `formula` (over columns x, y, z in (0, 1); params a = 1.5,
 * b = -2) evaluates batches, in a Node process of its own started with `--single-threaded`
 * (tests/expr/allocationProbe.mjs).
 */
function bytesOf(formula: string): number {
  const probe = spawnSync(process.execPath, ['--single-threaded', join(import.meta.dirname, 'allocationProbe.mjs'), bundle, formula], { encoding: 'utf8' });
  expect(probe.stderr).toBe('');
  expect(probe.status).toBe(0);
  return (JSON.parse(probe.stdout) as Record<string, number>)[formula];
}

it('arithmetic, comparisons, conditionals, sigmoid, clamp and min allocate nothing per batch', () => {
  expect(bytesOf('sigmoid(a * x + b * (y > 0.5 ? y : -y)) * clamp(z, 0, 1) + min(x, y, z) + (x > 2 ? 1 : z)')).toBeLessThan(1);
}, 120_000);

it('trigonometric functions and hypot allocate nothing per batch, on every reduction path', () => {
  // |x| <= pi/4, medium arguments (z * 3), and Payne–Hanek (x * 1e6, y * 1e300)
  expect(
    bytesOf('sin(a * x) + cos(y) * tan(z * 3) + asin(x) - acos(y) + atan(b * z) + atan2(y, x - 0.5) + hypot(x, b * y) + sin(x * 1e6) + cos(y * 1e300)'),
  ).toBeLessThan(1);
}, 120_000);

it('exponentials, logarithms, phi and probit allocate nothing per batch, on every path', () => {
  // exp and sigmoid: |x| below ln2/2, up to 1.5·ln2 (k = ±1) and beyond; expm1 likewise; phi's
  // centre, Cody's middle range and its asymptotic tail beyond √32; probit's centre, its tails
  // and its far tails (p < 1.4e-11).
  expect(
    bytesOf('exp(b * x * 3) + sigmoid(8 * y - 4) + expm1(6 * z - 3) + phi(6 * x - 3) + phi(40 * y - 20) + probit(z) + probit(z * 1e-12) + log(x) + log1p(y) + logit(z)'),
  ).toBeLessThan(1);
}, 120_000);
