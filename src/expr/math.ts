/**
 * The Math functions formulas use, taken once when the module loads. A host page, notebook or
 * test double that later replaces `Math.exp` cannot change seeded results, nor make the
 * compiled loops and the reference evaluator disagree.
 */
export const { abs, ceil, exp, expm1, floor, log, log10, log1p, log2, max, min, pow, round, sign, sqrt } = Math;
