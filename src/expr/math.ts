/**
 * The Math functions formulas use. The exact ones (`abs`, `ceil`, `floor`, `max`, `min`,
 * `round`, `sign`, `sqrt`: IEEE-754 defines their results) are taken from `Math` once when the
 * module loads; the transcendental ones, and the standard normal CDF and its inverse behind
 * `phi` and `probit`, come from src/math, which gives the same bits on every JavaScript engine
 * (engines' `Math.exp/log/pow/sin/...` differ in the last bit). So a host page,
 * notebook or test double that later replaces `Math.exp` cannot change seeded results, nor
 * make the compiled loops and the reference evaluator disagree, and a formula gives Node's
 * numbers in a browser.
 */
export { acos, asin, atan, atan2, cos, exp, expm1, hypot, log, log10, log1p, log2, normalCdf, normalQuantile, pow, sin, tan } from '../math/index';
export const { abs, ceil, floor, max, min, round, sign, sqrt } = Math;
