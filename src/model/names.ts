import { FORMULA_CONSTANTS, FORMULA_FUNCTIONS, isForbiddenName } from '../expr';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Words the formula language gives a meaning of its own (operators and literals). */
const RESERVED = new Set(['and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'end']);

const FUNCTION_NAMES: ReadonlySet<string> = new Set<string>(FORMULA_FUNCTIONS.map((f) => f.name));
const CONSTANT_NAMES: ReadonlySet<string> = new Set<string>(FORMULA_CONSTANTS.map((c) => c.name));

/** Longest name accepted; names are identifiers, not prose. */
export const MAX_NAME_LENGTH = 64;

/**
 * Why a name cannot be used for a param, factor, derived node or event, or undefined if it
 * can. Names that exist on every JavaScript object (`constructor`, `__proto__`, `toString`)
 * or reach the host (`eval`, `process`) are refused so no lookup by name can reach them.
 */
export function nameProblem(name: string): { code: string; message: string } | undefined {
  if (!IDENTIFIER.test(name) || name.length > MAX_NAME_LENGTH) {
    return {
      code: 'invalid-name',
      message: `"${name.slice(0, MAX_NAME_LENGTH)}" is not a valid name (letters, digits and _, not starting with a digit, at most ${MAX_NAME_LENGTH} characters)`,
    };
  }
  if (isForbiddenName(name)) {
    return { code: 'forbidden-name', message: `"${name}" is a JavaScript built-in name (such as constructor or __proto__) and cannot be used` };
  }
  if (RESERVED.has(name)) return { code: 'reserved-name', message: `"${name}" is a reserved word of the formula language` };
  if (FUNCTION_NAMES.has(name)) return { code: 'reserved-name', message: `"${name}" is the name of a formula function` };
  if (CONSTANT_NAMES.has(name)) return { code: 'reserved-name', message: `"${name}" is a constant of the formula language` };
  return undefined;
}
