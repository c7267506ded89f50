/**
 * The named constants a formula may use. A constant is resolved while parsing: it becomes a
 * number literal in the AST, so compiling, evaluating and the dependency graph never see it.
 */

/**
 * One entry of {@link FORMULA_CONSTANTS}.
 *
 * @example
 * ```ts
 * const pi = FORMULA_CONSTANTS.find((c) => c.name === 'pi'); // { value: 3.141592653589793, ... }
 * ```
 */
export interface FormulaConstantInfo {
  /** The name as written in a formula; reserved, like a function's name. */
  readonly name: string;
  /** The double it stands for. */
  readonly value: number;
  /** One line for help texts and docs. */
  readonly description: string;
}

/**
 * Every named constant of the formula language. `pi` is `Math.PI`, a value ECMAScript fixes
 * exactly (unlike `Math.sin`), so it is the same double on every engine. A name declared in a
 * scenario cannot be read where it would mean a constant (`formula-reserved-name`).
 *
 * @example
 * ```ts
 * for (const c of FORMULA_CONSTANTS) console.log(`${c.name}: ${c.description}`);
 * ```
 */
export const FORMULA_CONSTANTS: readonly FormulaConstantInfo[] = [
  { name: 'pi', value: 3.141592653589793, description: 'pi: 3.141592653589793, the double nearest to π' },
];

const BY_NAME: ReadonlyMap<string, FormulaConstantInfo> = new Map(FORMULA_CONSTANTS.map((c) => [c.name, c]));

/**
 * The table entry for `name`, or undefined if it is not a constant.
 *
 * @example
 * ```ts
 * formulaConstant('pi')?.value; // 3.141592653589793
 * formulaConstant('e'); // undefined: write exp(1)
 * ```
 */
export function formulaConstant(name: string): FormulaConstantInfo | undefined {
  return BY_NAME.get(name);
}
