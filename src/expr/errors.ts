import { oneLine } from '../issues';

/**
 * The one error type of the formula language. Every rejection has its own stable code so that
 * validation can report it as a `ValidationIssue` and tests can assert on it.
 */

/**
 * Why a formula was refused. Stable: scenario validation, the CLI and users' scripts match on
 * these strings.
 *
 * @example
 * ```ts
 * const code: FormulaErrorCode = 'formula-unknown-name';
 * ```
 */
export type FormulaErrorCode =
  | 'formula-syntax'
  | 'formula-property-access'
  | 'formula-assignment'
  | 'formula-string'
  | 'formula-unit'
  | 'formula-implicit-multiplication'
  | 'formula-random'
  | 'formula-unknown-function'
  | 'formula-unknown-name'
  | 'formula-forbidden-name'
  | 'formula-reserved-name'
  | 'formula-unsupported'
  | 'formula-arity'
  | 'formula-empty'
  | 'formula-too-long'
  | 'formula-too-deep'
  | 'formula-non-finite';

/**
 * A formula that cannot be parsed, is outside the allowed language, or refers to a name that
 * is not available.
 *
 * @example
 * ```ts
 * try {
 *   parseFormula('a.constructor');
 * } catch (e) {
 *   if (e instanceof FormulaError) console.log(e.code); // 'formula-property-access'
 * }
 * ```
 */
export class FormulaError extends Error {
  /** Machine-readable reason, one per kind of rejection. */
  readonly code: FormulaErrorCode;
  /**
   * The formula as given (clipped to 200 characters when refused for its length or depth), or
   * as printed from its AST when the source is not at hand (compiling, scalar evaluation).
   */
  readonly formula: string;
  /**
   * 0-based index into {@link FormulaError.formula} of the offending character (a syntax
   * error) or of the start of the offending part (any other refusal by the parser).
   * Undefined for a formula that is not a string, blank or too long, and for problems found
   * after parsing (unknown names, compiling).
   */
  readonly position: number | undefined;

  /**
   * @param code - why the formula was refused
   * @param formula - the formula text
   * @param message - one line naming the offending piece
   * @param position - 0-based character index, when known
   */
  constructor(code: FormulaErrorCode, formula: string, message: string, position?: number) {
    // Messages quote the formula, which is user input: keep them to one safe line.
    super(oneLine(message));
    this.name = 'FormulaError';
    this.code = code;
    this.formula = formula;
    this.position = position;
  }
}
