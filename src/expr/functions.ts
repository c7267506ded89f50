/**
 * The functions a formula may call. This table defines what exists and what it computes: a
 * formula is mathjs syntax, but mathjs's functions are not ours.
 */

import {
  abs,
  acos,
  asin,
  atan,
  ceil,
  cos,
  exp,
  expm1,
  floor,
  log,
  log10,
  log1p,
  log2,
  max,
  min,
  normalCdf,
  normalQuantile,
  round,
  sign,
  sin,
  sqrt,
  tan,
} from './math';

/**
 * Names of the functions a formula may call; see {@link FORMULA_FUNCTIONS}.
 *
 * @example
 * ```ts
 * const fn: FunctionName = 'sigmoid';
 * ```
 */
export type FunctionName =
  | 'exp'
  | 'log'
  | 'log1p'
  | 'expm1'
  | 'log2'
  | 'log10'
  | 'sqrt'
  | 'abs'
  | 'floor'
  | 'ceil'
  | 'round'
  | 'sign'
  | 'sigmoid'
  | 'logit'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'asin'
  | 'acos'
  | 'atan'
  | 'atan2'
  | 'hypot'
  | 'phi'
  | 'probit'
  | 'pow'
  | 'min'
  | 'max'
  | 'clamp';

/** The one-argument functions: compiled to one specialised loop each. */
export type UnaryFunctionName = Exclude<FunctionName, 'pow' | 'min' | 'max' | 'clamp' | 'atan2' | 'hypot'>;

/**
 * One entry of {@link FORMULA_FUNCTIONS}.
 *
 * @example
 * ```ts
 * const clamp = FORMULA_FUNCTIONS.find((f) => f.name === 'clamp'); // { minArgs: 3, maxArgs: 3, ... }
 * ```
 */
export interface FormulaFunctionInfo {
  /** The name as written in a formula. */
  readonly name: FunctionName;
  /** Fewest arguments accepted. */
  readonly minArgs: number;
  /** Most arguments accepted (equal to `minArgs` except for `min`/`max`). */
  readonly maxArgs: number;
  /** One line for help texts and docs. */
  readonly description: string;
}

/**
 * Most arguments `min` and `max` accept. A bound keeps calls readable; nest calls for more.
 *
 * @example
 * ```ts
 * parseFormula('max(a, b, c)'); // fine; 17 arguments would throw `formula-arity`
 * ```
 */
export const MAX_VARIADIC_ARGS = 16;

/**
 * Every function a formula may call, with its arity and a one-line description (for help texts
 * and docs). All work on plain IEEE doubles: out-of-domain inputs give NaN or ±Infinity, which
 * the engine reports; nothing throws at run time.
 *
 * @example
 * ```ts
 * for (const f of FORMULA_FUNCTIONS) console.log(`${f.name}: ${f.description}`);
 * ```
 */
export const FORMULA_FUNCTIONS: readonly FormulaFunctionInfo[] = [
  { name: 'exp', minArgs: 1, maxArgs: 1, description: 'exp(x): e to the power x' },
  { name: 'log', minArgs: 1, maxArgs: 1, description: 'log(x): natural logarithm (-Infinity at 0, NaN below)' },
  { name: 'log1p', minArgs: 1, maxArgs: 1, description: 'log1p(x): log(1 + x), accurate for small x' },
  { name: 'expm1', minArgs: 1, maxArgs: 1, description: 'expm1(x): exp(x) - 1, accurate for small x' },
  { name: 'log2', minArgs: 1, maxArgs: 1, description: 'log2(x): base-2 logarithm' },
  { name: 'log10', minArgs: 1, maxArgs: 1, description: 'log10(x): base-10 logarithm' },
  { name: 'sqrt', minArgs: 1, maxArgs: 1, description: 'sqrt(x): square root (NaN below 0)' },
  { name: 'abs', minArgs: 1, maxArgs: 1, description: 'abs(x): absolute value' },
  { name: 'floor', minArgs: 1, maxArgs: 1, description: 'floor(x): largest integer <= x' },
  { name: 'ceil', minArgs: 1, maxArgs: 1, description: 'ceil(x): smallest integer >= x' },
  {
    name: 'round',
    minArgs: 1,
    maxArgs: 1,
    description: 'round(x): nearest integer, halves away from zero (round(-2.5) = -3), as mathjs does',
  },
  { name: 'sign', minArgs: 1, maxArgs: 1, description: 'sign(x): -1, 0 or 1' },
  {
    name: 'sigmoid',
    minArgs: 1,
    maxArgs: 1,
    description: 'sigmoid(x): 1 / (1 + exp(-x)), the logistic function; log-odds to probability',
  },
  {
    name: 'logit',
    minArgs: 1,
    maxArgs: 1,
    description: 'logit(p): log(p / (1 - p)); probability to log-odds (-Infinity at 0, Infinity at 1)',
  },
  { name: 'sin', minArgs: 1, maxArgs: 1, description: 'sin(x): sine of x radians' },
  { name: 'cos', minArgs: 1, maxArgs: 1, description: 'cos(x): cosine of x radians' },
  { name: 'tan', minArgs: 1, maxArgs: 1, description: 'tan(x): tangent of x radians' },
  { name: 'asin', minArgs: 1, maxArgs: 1, description: 'asin(x): arcsine in radians, in [-pi/2, pi/2] (NaN outside [-1, 1])' },
  { name: 'acos', minArgs: 1, maxArgs: 1, description: 'acos(x): arccosine in radians, in [0, pi] (NaN outside [-1, 1])' },
  { name: 'atan', minArgs: 1, maxArgs: 1, description: 'atan(x): arctangent in radians, in [-pi/2, pi/2]' },
  {
    name: 'atan2',
    minArgs: 2,
    maxArgs: 2,
    description: 'atan2(y, x): angle of the point (x, y) from the positive x axis, in radians in [-pi, pi]',
  },
  { name: 'hypot', minArgs: 2, maxArgs: 2, description: 'hypot(x, y): sqrt(x^2 + y^2), without overflow or underflow' },
  { name: 'phi', minArgs: 1, maxArgs: 1, description: 'phi(x): standard normal CDF, P(Z <= x) for Z ~ Normal(0, 1)' },
  {
    name: 'probit',
    minArgs: 1,
    maxArgs: 1,
    description: 'probit(p): inverse of phi, the x with phi(x) = p (-Infinity at 0, Infinity at 1, NaN outside [0, 1])',
  },
  { name: 'pow', minArgs: 2, maxArgs: 2, description: 'pow(x, y): x to the power y, same as x ^ y' },
  {
    name: 'min',
    minArgs: 2,
    maxArgs: MAX_VARIADIC_ARGS,
    description: 'min(a, b, ...): smallest of its arguments within one trial (NaN if any is NaN)',
  },
  {
    name: 'max',
    minArgs: 2,
    maxArgs: MAX_VARIADIC_ARGS,
    description: 'max(a, b, ...): largest of its arguments within one trial (NaN if any is NaN)',
  },
  {
    name: 'clamp',
    minArgs: 3,
    maxArgs: 3,
    description: 'clamp(x, lo, hi): min(max(x, lo), hi), so x limited to [lo, hi]',
  },
];

const BY_NAME: ReadonlyMap<string, FormulaFunctionInfo> = new Map(FORMULA_FUNCTIONS.map((f) => [f.name, f]));

/** The table entry for `name`, or undefined if formulas cannot call it. */
export function formulaFunction(name: string): FormulaFunctionInfo | undefined {
  return BY_NAME.get(name);
}

/** Whether a formula may call `name`. */
export function isFunctionName(name: string): name is FunctionName {
  return BY_NAME.has(name);
}

// The scalar definitions below are the single source of truth: the reference evaluator calls
// them and the compiled loops either call them or inline the very same expression, so both give
// bit-identical results.

/** Logistic function, split at 0 so that neither branch overflows to a NaN or loses precision. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + exp(-x));
  const e = exp(x);
  return e / (1 + e);
}

/** Log-odds of a probability; the formula users expect, with IEEE results at 0 and 1. */
export function logit(p: number): number {
  return log(p / (1 - p));
}

/** Rounds halves away from zero (mathjs's and most people's rule), unlike `Math.round(-2.5) = -2`. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -round(-x) : round(x);
}

/** `clamp(x, lo, hi)`; when lo > hi the result is hi, and a NaN anywhere gives NaN. */
export function clamp(x: number, lo: number, hi: number): number {
  return min(max(x, lo), hi);
}

/** The implementation of every one-argument function. */
export const UNARY_FUNCTIONS: Readonly<Record<UnaryFunctionName, (x: number) => number>> = {
  exp,
  log,
  log1p,
  expm1,
  log2,
  log10,
  sqrt,
  abs,
  floor,
  ceil,
  round: roundHalfAway,
  sign,
  sigmoid,
  logit,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  phi: normalCdf,
  probit: normalQuantile,
};
