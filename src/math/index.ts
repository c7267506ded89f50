/**
 * Deterministic elementary and special functions: the same bits for the same input on every
 * JavaScript engine (docs/architecture.md, section 4).
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
 * The standard normal functions (normal.ts) are the exception to the 1 ulp bound: they are
 * Cody's and Wichura's rational approximations, within a few ulps (measured: Φ 4.8, Φ⁻¹ 6.2),
 * built on the functions here and equally deterministic.
 *
 * Library code that can reach a result must use these instead of `Math.exp/log/pow/sin/...`.
 * `Math.sqrt/abs/floor/ceil/round/min/max/sign/trunc` are exact and stay.
 */
export { exp, expm1 } from './exp';
export { hypot } from './hypot';
export { log, log1p, log2, log10 } from './log';
export { erf, erfc, normalCdf, normalPdf, normalQuantile } from './normal';
export { pow } from './pow';
export { acos, asin, atan, atan2, cos, sin, tan } from './trig';
