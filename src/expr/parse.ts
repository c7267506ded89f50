/**
 * Source text -> {@link FormulaAst}: our own parser of mathjs's expression syntax (syntax.ts),
 * then a whitelist (convert.ts): anything not explicitly allowed is refused with its own error
 * code.
 */
import type { ValidationIssue } from '../issues';
import { formulaNames, type FormulaAst } from './ast';
import { clip, Converter } from './convert';
import { FormulaError } from './errors';
import { FORMULA_FUNCTIONS, isFunctionName } from './functions';
import { nearestName } from './names';
import { parseSyntax, type SyntaxNode } from './syntax';
import { SyntaxFailure } from './tokens';

/**
 * Longest formula accepted, in UTF-16 code units (`string.length`). Checked before parsing, so
 * a megabyte of input is refused in constant time. Real formulas are a few hundred characters.
 *
 * @example
 * ```ts
 * parseFormula('x'.repeat(MAX_FORMULA_LENGTH + 1)); // throws FormulaError 'formula-too-long'
 * ```
 */
export const MAX_FORMULA_LENGTH = 4000;

/**
 * Deepest nesting of brackets `( [ {` accepted (function-call parentheses count). Checked by a
 * scan before parsing because the parser recurses (about fifteen frames) on each bracket.
 *
 * @example
 * ```ts
 * parseFormula('('.repeat(MAX_FORMULA_DEPTH + 1) + 'x' + ')'.repeat(MAX_FORMULA_DEPTH + 1)); // throws 'formula-too-deep'
 * ```
 */
export const MAX_FORMULA_DEPTH = 64;

/**
 * Deepest formula tree accepted, counted after parsing: every operator, function call, `?:`
 * and pair of parentheses adds a level, so a sum of n terms is about n deep. The tree is sent
 * to worker threads and walked recursively; at a few thousand levels structured cloning and
 * recursion overflow the stack, so the bound keeps a wide margin. Split longer chains into
 * derived nodes.
 *
 * @example
 * ```ts
 * parseFormula('x + '.repeat(MAX_FORMULA_TREE_DEPTH) + 'x'); // throws 'formula-too-deep'
 * ```
 */
export const MAX_FORMULA_TREE_DEPTH = 256;

/**
 * Options of {@link parseFormula}.
 *
 * @example
 * ```ts
 * parseFormula('5 kg', { known: new Set(['x']) }); // throws 'formula-unit' ('kg' is not declared)
 * ```
 */
export interface ParseFormulaOptions {
  /**
   * Default: undefined (structure only). The declared names, used to tell a number with a
   * unit (`5 kg`, where `kg` is not declared: `formula-unit`) from implicit multiplication of a
   * declared name (`2 x`: `formula-implicit-multiplication`), and to refuse reading a declared
   * name that is also a constant (`pi`: `formula-reserved-name`). Unknown names are not
   * reported here; {@link checkFormula} does that.
   */
  readonly known?: ReadonlySet<string>;
}

/**
 * Parses a formula into our plain-JSON {@link FormulaAst}. Structural checks only: every name
 * is accepted here except the forbidden ones; use `checkFormula` to resolve names.
 *
 * The language is mathjs syntax restricted to: finite numbers (`2`, `.5`, `5.`, `1e-3`, and
 * whole hexadecimal, binary and octal ones such as `0x10`), `true`/`false` (1/0), names,
 * `+ - * / ^`, unary `-` and `+`, `< <= > >= == !=` (exact IEEE comparison, unlike mathjs's
 * tolerance), chained comparisons (`0 < x < 1` means `0 < x and x < 1`), `and or not`,
 * parentheses, `test ? a : b`, the functions in {@link FORMULA_FUNCTIONS}, and the constants in
 * `FORMULA_CONSTANTS` (`pi`), which become number literals. As in mathjs, `-x^2` is `-(x^2)`
 * and `not` binds tighter than comparisons, so `not x > 1` is refused as ambiguous (write
 * `not (x > 1)`). Line breaks separate statements (refused) except inside brackets, and `#`
 * starts a comment.
 *
 * @param source - the formula text, at most `MAX_FORMULA_LENGTH` (4,000) characters
 * @param options - `known`: the declared names, used only to tell a number with a unit (`5 kg`)
 *   from implicit multiplication (`2 x`); default: none (structure only)
 * @throws {@link FormulaError} with one of the codes of `FormulaErrorCode` except
 *   `formula-unknown-name`; `position` is the offending character or node.
 *
 * @example
 * ```ts
 * const ast = parseFormula('sigmoid(base + 2 * pressure)');
 * formulaNames(ast); // ['base', 'pressure']
 * ```
 */
export function parseFormula(source: string, options: ParseFormulaOptions = {}): FormulaAst {
  precheck(source);
  let root: SyntaxNode;
  try {
    root = parseSyntax(source);
  } catch (e) {
    if (e instanceof SyntaxFailure) throw syntaxError(source, e);
    throw e;
  }
  return new Converter(source, options.known, MAX_FORMULA_TREE_DEPTH).convert(root);
}

/**
 * Parses a formula and resolves its names against the declared ones, returning problems as
 * {@link ValidationIssue}s instead of throwing, so that validation can report every formula of
 * a scenario at once. Each unknown name gives one issue (with a "did you mean" suggestion when
 * a declared name is close); a formula that does not parse gives exactly one issue.
 *
 * @param source - the formula text
 * @param known - the names the formula may use (params, factors, other derived nodes...)
 * @param path - where the formula sits in the scenario, e.g. `derived.pressure`; copied into
 *   every issue
 * @returns `ast` whenever the formula parsed (even if some names are unknown, so callers can
 *   still order the graph); the formula is usable only when `issues` is empty.
 * @throws nothing for user errors (only for a bug, e.g. a non-Error thrown inside)
 *
 * @example
 * ```ts
 * const { issues } = checkFormula('rokMediaton * 2', new Set(['rokMediation']), 'derived.x');
 * // [{ code: 'formula-unknown-name', path: 'derived.x',
 * //    message: 'unknown name "rokMediaton" (did you mean "rokMediation"?)' }]
 * ```
 */
export function checkFormula(
  source: string,
  known: ReadonlySet<string>,
  path: string,
): { ast?: FormulaAst; issues: ValidationIssue[] } {
  let ast: FormulaAst;
  try {
    ast = parseFormula(source, { known });
  } catch (e) {
    if (e instanceof FormulaError) return { issues: [{ code: e.code, path, message: e.message }] };
    throw e;
  }
  const issues: ValidationIssue[] = [];
  for (const name of formulaNames(ast)) {
    if (!known.has(name)) issues.push({ code: 'formula-unknown-name', path, message: unknownNameMessage(name, known) });
  }
  return { ast, issues };
}

/** One line for a name that is not declared, with the most useful hint we can give. */
export function unknownNameMessage(name: string, known: Iterable<string>): string {
  const base = `unknown name "${name}"`;
  if (isFunctionName(name)) return `${base} ("${name}" is a function: call it as ${name}(...))`;
  if (name === 'e') return `${base} (e is not a built-in constant: write exp(x) for e^x, exp(1) for e)`;
  const near = nearestName(name, known);
  return near === undefined ? base : `${base} (did you mean "${near}"?)`;
}

/** The checks before parsing (type, length, bracket depth, emptiness); also run by the differential test's frozen mathjs pipeline. */
export function precheck(source: string): void {
  if (typeof source !== 'string') {
    throw new FormulaError('formula-syntax', String(source), `a formula must be a string, not ${typeof source}`);
  }
  // Only a window the size of the length limit is scanned, so an oversized input costs no
  // more than an accepted one, yet deep nesting near the start is still reported as such.
  const end = Math.min(source.length, MAX_FORMULA_LENGTH + 1);
  let depth = 0;
  for (let i = 0; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 40 /* ( */ || c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_FORMULA_DEPTH) {
        throw new FormulaError(
          'formula-too-deep',
          clip(source, 200),
          `formula nests brackets more than ${MAX_FORMULA_DEPTH} deep (at character ${i + 1})`,
          i,
        );
      }
    } else if (c === 41 /* ) */ || c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  if (source.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(
      'formula-too-long',
      clip(source, 200),
      `formula is ${source.length} characters long; the limit is ${MAX_FORMULA_LENGTH}`,
    );
  }
  if (source.trim() === '') throw new FormulaError('formula-empty', source, 'formula is empty');
}

function syntaxError(source: string, failure: SyntaxFailure): FormulaError {
  const { message, position } = failure;
  // A message quoting the source (`Invalid unicode character \u12" `) may end in its white space.
  const text = `syntax error at character ${position + 1}: ${message.trimEnd()}${operatorHint(source)}`;
  return new FormulaError('formula-syntax', source, text, position);
}

/**
 * Operators from other languages, which do not parse ("Value expected"), and what to write
 * instead. The longer spellings come first so `!==` is not taken for `!`.
 */
const FOREIGN_OPERATORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\|\|/, 'write "or" instead of "||"'],
  [/&&/, 'write "and" instead of "&&"'],
  [/\*\*/, 'write "^" for a power instead of "**"'],
  [/===/, 'write "==" instead of "==="'],
  [/!==/, 'write "!=" instead of "!=="'],
  [/<>/, 'write "!=" instead of "<>"'],
  [/(?:^|[^\w\s)!\]])\s*!(?!=)/, 'write "not" instead of "!"'],
];

/** A hint for the first operator from another language in a formula that failed to parse, or ''. */
export function operatorHint(source: string): string {
  let best: { index: number; hint: string } | undefined;
  for (const [pattern, hint] of FOREIGN_OPERATORS) {
    const m = pattern.exec(source);
    if (m && (best === undefined || m.index < best.index)) best = { index: m.index, hint };
  }
  return best ? ` (${best.hint})` : '';
}
