/**
 * The formula language: mathjs's expression syntax, read by our own parser, converted through
 * a whitelist into our own plain-JSON {@link FormulaAst}, and compiled into closures that
 * evaluate a whole batch of trials per call. Compiling and evaluating never need the parser.
 *
 * @example
 * ```ts
 * const { ast, issues } = checkFormula('sigmoid(base + 2 * x)', new Set(['base', 'x']), 'events.summit');
 * if (issues.length === 0 && ast) {
 *   const program = compileFormula(ast, new Map([['x', 0]]), new Map([['base', -1]]), 1024);
 *   const out = new Float64Array(1024);
 *   program.evaluate([new Float64Array(1024).fill(0.5)], out, 1024); // out[i] = sigmoid(0) = 0.5
 * }
 * ```
 *
 * @module
 */
export { formatFormula, formulaNames } from './ast';
export type { BinaryOp, FormulaAst, UnaryOp } from './ast';
export { compileFormula } from './compile';
export type { ColumnProgram } from './compile';
export { FORMULA_CONSTANTS } from './constants';
export type { FormulaConstantInfo } from './constants';
export { FormulaError } from './errors';
export type { FormulaErrorCode } from './errors';
export { FORMULA_FUNCTIONS, MAX_VARIADIC_ARGS } from './functions';
export type { FormulaFunctionInfo, FunctionName } from './functions';
export { isForbiddenName } from './names';
export { checkFormula, MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, MAX_FORMULA_TREE_DEPTH, parseFormula } from './parse';
export type { ParseFormulaOptions } from './parse';
export { evaluateScalar } from './scalar';
