/**
 * Deterministic elementary functions: the same bits for the same input on every JavaScript
 * engine (DESIGN.md section 4).
 *
 * ECMAScript leaves `Math.exp`, `Math.log`, `Math.pow`, ... "implementation-approximated", and
 * engines do differ in the last bit (Chromium 156 and Node 20 disagree on a few percent of
 * inputs), so a seeded run that used them would give different numbers in a browser than in
 * Node. These are written in TypeScript from fdlibm's algorithms (Sun Microsystems, 1993), using
 * only IEEE-754 + - * / and sqrt (correctly rounded everywhere), comparisons and exact bit moves
 * through a module-level buffer, so their results depend on nothing but the input. They are
 * within 1 ulp of the true value (fdlibm's bound; tests/math measures it) and give ECMAScript's
 * special values (NaN, ±0, ±Infinity) exactly as `Math.*` does.
 *
 * Library code that can reach a result must use these instead of `Math.exp/log/pow/...`.
 * `Math.sqrt/abs/floor/ceil/round/min/max/sign/trunc` are exact and stay.
 */
export { exp, expm1 } from './exp';
export { log, log1p, log2, log10 } from './log';
export { pow } from './pow';
