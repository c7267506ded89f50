/**
 * The characters and tokens of formula text, as mathjs's expression syntax defines them: formulas
 * were parsed by mathjs before syntax.ts replaced it, and tests/expr/differential.test.ts holds
 * the new parser to what mathjs 15.2 read. Tables and pure functions; the tokenizer is in syntax.ts.
 */

/**
 * Every operator and punctuation token. The grammar accepts only some of them; the others are
 * read so that, say, `a % b` is refused as an unsupported operator rather than a typo.
 */
export const DELIMITERS: ReadonlySet<string> = new Set([
  ...',()[]{}"\';+-*/%^~!&|=:?<>',
  ...['.*', './', '.^', '^|', '?.', '??', '==', '!=', '<=', '>=', '<<', '>>', '>>>'],
]);

/** Words that are operators, not names, wherever an operator may stand. */
export const NAMED_DELIMITERS: ReadonlySet<string> = new Set(['mod', 'to', 'in', 'and', 'xor', 'or', 'not']);

// Letters of a name: ASCII, `_`, `$`, Latin with accents, Greek and letterlike symbols...
const LETTER = /^[a-zA-Z_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F]$/;
// ...and the mathematical alphanumerics U+1D400-1D7FF (surrogates D835 + DC00-DFFF), minus the
// code points Unicode leaves unassigned there.
const MATH_LOW = /^[\uDC00-\uDFFF]$/;
const MATH_LOW_UNASSIGNED = /^[\uDC55\uDC9D\uDCA0\uDCA1\uDCA3\uDCA4\uDCA7\uDCA8\uDCAD\uDCBA\uDCBC\uDCC4\uDD06\uDD0B\uDD0C\uDD15\uDD1D\uDD3A\uDD3F\uDD45\uDD47-\uDD49\uDD51\uDEA6\uDEA7\uDFCC\uDFCD]$/;

const isMathSymbol = (high: string, low: string): boolean =>
  high === '\uD835' && MATH_LOW.test(low) && !MATH_LOW_UNASSIGNED.test(low);

/** Whether the UTF-16 unit at `i` belongs to a letter (either half of a surrogate pair counts). */
export function isLetterAt(src: string, i: number): boolean {
  const c = src.charAt(i);
  return LETTER.test(c) || isMathSymbol(c, src.charAt(i + 1)) || isMathSymbol(src.charAt(i - 1), c);
}

export const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** A `.` that is a decimal point, not the start of `.*`, `./` or `.^`. */
export const isDecimalMark = (c: string, next: string): boolean => c === '.' && next !== '/' && next !== '*' && next !== '^';

/**
 * Why the text is not a formula, and where (0-based). Deliberately not an Error: the parser
 * throws and catches these while deciding whether `%` is a percentage, so no stack is captured.
 */
export class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}
