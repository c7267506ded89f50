/**
 * Formula text -> {@link SyntaxNode} tree: the expression grammar of mathjs 15.2 (which parsed
 * formulas before), as a recursive-descent parser with one token of lookahead. It reads the
 * whole mathjs syntax, refused parts included (strings, matrices, `a.b`, `x = 1`, units...), so
 * that convert.ts can refuse each with its own code, and so that text means exactly what it
 * meant under mathjs: the same trees, the same syntax errors at the same characters
 * (tests/expr/differential.test.ts compares the two on generated token strings).
 *
 * Bounded: the call stack grows only with brackets (at most MAX_FORMULA_DEPTH, checked before
 * parsing); chains of prefix operators, powers, `?:`, assignments and binary operators are read
 * in loops. Linear: each token is read once, or a few times around `/` and `%`.
 */
import { DELIMITERS, isDecimalMark, isDigit, isLetterAt, NAMED_DELIMITERS, SyntaxFailure } from './tokens';

/**
 * A node of mathjs's grammar, with its place in the source (`s` to `e`, for messages). Only
 * what convert.ts or the grammar itself looks at is kept: the parts of refused nodes are
 * parsed (for their syntax errors) but dropped.
 */
export type SyntaxNode = { readonly s: number; readonly e: number } & (
  | { k: 'const'; v: number | boolean | string | null | undefined }
  | { k: 'symbol'; name: string }
  | { k: 'op'; op: string; args: SyntaxNode[]; implicit?: true; percent?: true }
  | { k: 'compare'; ops: string[]; args: SyntaxNode[] }
  | { k: 'cond'; args: [SyntaxNode, SyntaxNode, SyntaxNode] }
  | { k: 'paren'; args: [SyntaxNode] }
  | { k: 'call'; fn: SyntaxNode; args: SyntaxNode[]; optional: boolean }
  | { k: 'access'; object: SyntaxNode; optional: boolean }
  | { k: 'assign' | 'define' | 'array' | 'object' | 'range' | 'block' | 'empty' }
);

const DELIMITER = 1;
const NUMBER = 2;
const SYMBOL = 3;
const UNKNOWN = 4; // the rest of the text, from a character no token starts with

// Binding strength of the logical and bitwise operators, loosest first (all left-associative).
const LOGICAL: ReadonlyMap<string, number> = new Map([
  ['or', 1],
  ['xor', 2],
  ['and', 3],
  ['|', 4],
  ['^|', 5],
  ['&', 6],
]);
const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '>', '<=', '>=']);
const SHIFTS: ReadonlySet<string> = new Set(['<<', '>>', '>>>']);
const PRODUCTS: ReadonlySet<string> = new Set(['*', '.*', '/', './', '%', 'mod']);
const PREFIXES: ReadonlySet<string> = new Set(['-', '+', '~', 'not']);
const NULLISH: ReadonlySet<string> = new Set(['??']);
const WORD_CONSTANTS: ReadonlyMap<string, boolean | null | undefined | number> = new Map<string, boolean | null | undefined | number>([
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined],
  ['NaN', NaN],
  ['Infinity', Infinity],
]);
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

type Saved = [index: number, token: string, tokenType: number, prevEnd: number];

// mathjs's rule2Node: a constant, possibly behind one prefix `-`, `+` or `~`.
const isSignedConstant = (n: SyntaxNode): boolean =>
  n.k === 'const' || (n.k === 'op' && n.args.length === 1 && n.args[0].k === 'const' && ['-', '+', '~'].includes(n.op));

/**
 * Parses formula text into mathjs's tree shape.
 *
 * @throws {@link SyntaxFailure} where mathjs would have thrown a syntax error
 */
export function parseSyntax(src: string): SyntaxNode {
  let index = 0; // next character to read
  let token = ''; // the current token ('' at the end)
  let tokenType = DELIMITER;
  let prevEnd = 0; // end of the token before the current one: where a finished node ends
  let nesting = 0; // open brackets; a line break inside them is white space
  let condLevel: number | null = null; // nesting of the `?:` being read: there `:` is not a range
  // The operand after a `%` that turned out to be the modulo operator, parsed while deciding,
  // and taken as is when the grammar asks for it (parsing it twice would be exponential in the
  // nesting of `a % (b % (c % ...))`).
  let memo: { at: number; node: SyntaxNode; after: Saved } | undefined;

  const start = (): number => index - token.length;
  // For comparisons after a call to next(): TypeScript would keep the narrowing from before it.
  const current = (): string => token;
  const currentType = (): number => tokenType;
  const fail = (message: string, at = start()): SyntaxFailure => new SyntaxFailure(message, at);
  const save = (): Saved => [index, token, tokenType, prevEnd];
  const restore = (saved: Saved): void => {
    [index, token, tokenType, prevEnd] = saved;
  };
  const op = (name: string, args: SyntaxNode[], s = args[0].s): SyntaxNode => ({ k: 'op', op: name, args, s, e: prevEnd });

  function next(): void {
    prevEnd = index;
    tokenType = DELIMITER;
    token = '';
    for (;;) {
      if (src[index] === '#') while (index < src.length && src[index] !== '\n') index++;
      const c = src.charAt(index);
      if (c === ' ' || c === '\t' || c === '\u00A0' || (c === '\n' && nesting > 0)) index++;
      else break;
    }
    const from = index;
    const c = src.charAt(index);
    if (c === '') return;
    if (c === '\n') {
      token = c;
      index++;
      return;
    }
    const two = src.slice(index, index + 2);
    const three = src.slice(index, index + 3);
    // `a?.5:1` is a conditional, not `?.` (optional chaining) followed by 5.
    const length =
      three.length === 3 && DELIMITERS.has(three)
        ? 3
        : two.length === 2 && DELIMITERS.has(two) && (two !== '?.' || !isDigit(src.charAt(index + 2)))
          ? 2
          : DELIMITERS.has(c)
            ? 1
            : 0;
    if (length > 0) {
      index += length;
      token = src.slice(from, index);
      return;
    }
    if (isDigit(c) || c === '.') {
      readNumber(from);
      return;
    }
    if (isLetterAt(src, index)) {
      while (isLetterAt(src, index) || isDigit(src.charAt(index))) index++;
      token = src.slice(from, index);
      tokenType = NAMED_DELIMITERS.has(token) ? DELIMITER : SYMBOL;
      return;
    }
    token = src.slice(from);
    tokenType = UNKNOWN;
    index = src.length;
    throw fail(`Syntax error in part "${token}"`);
  }

  function readNumber(from: number): void {
    tokenType = NUMBER;
    const digits = (): void => {
      while (isDigit(src.charAt(index))) index++;
    };
    const prefix = src.slice(index, index + 2);
    if (prefix === '0b' || prefix === '0o' || prefix === '0x') {
      index += 2;
      const alnum = (): void => {
        while (isLetterAt(src, index) || isDigit(src.charAt(index))) index++;
      };
      alnum();
      if (src[index] === '.') {
        index++;
        alnum();
      }
    } else if (src[index] === '.') {
      index++;
      if (!isDigit(src.charAt(index))) {
        // A lone dot: property access.
        tokenType = DELIMITER;
        token = '.';
        return;
      }
    } else {
      digits();
      if (isDecimalMark(src.charAt(index), src.charAt(index + 1))) index++;
    }
    if (prefix !== '0b' && prefix !== '0o' && prefix !== '0x') {
      digits();
      const c = src[index];
      const after = src.charAt(index + 1);
      if (c === 'e' || c === 'E') {
        if (isDigit(after) || after === '-' || after === '+') {
          index += after === '-' || after === '+' ? 2 : 1;
          if (!isDigit(src.charAt(index))) throw partialNumber(from, index, index);
          digits();
          if (isDecimalMark(src.charAt(index), src.charAt(index + 1))) throw partialNumber(from, index, index);
        } else if (isDecimalMark(after, src.charAt(index + 2))) {
          // `1e.5`: mathjs steps onto the '.' without adding the 'e' to the token.
          throw partialNumber(from, index, index + 1);
        }
      }
    }
    token = src.slice(from, index);
  }

  // The state mathjs is left in by a malformed exponent matters: after a `%`, parsing goes on
  // from there (see parsePercentage).
  function partialNumber(from: number, end: number, at: number): SyntaxFailure {
    token = src.slice(from, end);
    index = at;
    return fail(`Digit expected, got "${src.charAt(at)}"`);
  }

  function nextSkipNewline(): void {
    do next();
    while (token === '\n');
  }

  function isNameToken(): boolean {
    return tokenType === SYMBOL || (tokenType === DELIMITER && NAMED_DELIMITERS.has(token));
  }

  // Statements separated by `;` or line breaks: a formula has exactly one.
  function parseBlock(): SyntaxNode {
    const s = start();
    let node: SyntaxNode | undefined;
    let several = false;
    if (token !== '' && token !== '\n' && token !== ';') node = parseAssignment();
    while (token === '\n' || token === ';') {
      if (node !== undefined) several = true;
      next();
      if (token !== '\n' && token !== ';' && token !== '') {
        node = parseAssignment();
        several = true;
      }
    }
    if (several) return { k: 'block', s, e: prevEnd };
    return node ?? { k: 'empty', s, e: prevEnd };
  }

  // Assignments (`a = b = 1`) and conditionals (`a ? b : c`). mathjs reads both by recursion;
  // here the conditionals still open wait on a stack, so chains do not grow the call stack.
  function parseAssignment(): SyntaxNode {
    const open: Array<{ s: number; targets: SyntaxNode[]; test: SyntaxNode; then?: SyntaxNode; outer: number | null }> = [];
    let s = start();
    let targets: SyntaxNode[] = [];
    for (;;) {
      const node = parseLogical(1);
      if (token === '?') {
        open.push({ s, targets, test: node, outer: condLevel });
        condLevel = nesting;
        nextSkipNewline();
        s = start();
        targets = [];
        continue;
      }
      if (token === '=') {
        checkTarget(node);
        targets.push(node);
        nextSkipNewline();
        continue;
      }
      // An expression is complete: it is the `else` of the conditionals above it that have a
      // `then`, which it completes, or the `then` of the next one, or the result.
      let done = assigned(node, targets, s);
      let top = open.pop();
      for (; top?.then !== undefined; top = open.pop()) {
        done = { k: 'cond', args: [top.test, top.then, done], s: top.test.s, e: prevEnd };
        condLevel = top.outer;
        done = assigned(done, top.targets, top.s);
      }
      if (top === undefined) return done;
      if (token !== ':') throw fail('False part of conditional expression expected');
      open.push({ ...top, then: done });
      condLevel = null;
      nextSkipNewline();
      s = start();
      targets = [];
    }
  }

  // What may stand left of `=`, checked when the `=` is read.
  function checkTarget(target: SyntaxNode): void {
    if (target.k === 'symbol') return;
    if (target.k === 'access') {
      if (target.optional) throw fail('Cannot assign to optional chain');
      return;
    }
    if (target.k === 'call' && target.fn.k === 'symbol' && target.args.every((a) => a.k === 'symbol')) return;
    throw fail('Invalid left hand side of assignment operator =');
  }

  /**
   * `value`, or the assignment of it to `targets` (`a = b = value`), which mathjs checks once the
   * value is read, innermost first.
   */
  function assigned(value: SyntaxNode, targets: SyntaxNode[], s: number): SyntaxNode {
    for (let i = targets.length - 1; i >= 0; i--) {
      const t = targets[i];
      if (t.k === 'call') {
        const names = t.args.map((a) => (a.k === 'symbol' ? a.name : ''));
        const repeated = names.find((name, j) => names.indexOf(name) !== j);
        if (t.fn.k === 'symbol' && t.fn.name === 'end') throw fail('Illegal function name, "end" is a reserved keyword', t.s);
        if (repeated !== undefined) throw fail(`Duplicate parameter name "${repeated}"`, t.s);
        continue;
      }
      // A name, or a property or index of `object`: `end` is reserved for ranges, so
      // `end = 1`, `end.a = 1` and `end[1] = 1` are all refused; `(a).b = 1` cannot assign.
      const object = t.k === 'access' ? t.object : t;
      if (object.k === 'symbol' && object.name === 'end') throw fail('Cannot assign to symbol "end"', t.s);
      if (object.k !== 'symbol' && object.k !== 'access') throw fail('Invalid left hand side of assignment operator =', t.s);
    }
    if (targets.length === 0) return value;
    return { k: targets[0].k === 'call' ? 'define' : 'assign', s, e: prevEnd };
  }

  // or, xor, and, |, ^|, & by precedence climbing: one call per bracket, not one per level.
  function parseLogical(min: number): SyntaxNode {
    let node = parseComparison();
    for (let p = LOGICAL.get(token); p !== undefined && p >= min; p = LOGICAL.get(token)) {
      const name = token;
      nextSkipNewline();
      node = op(name, [node, parseLogical(p + 1)]);
    }
    return node;
  }

  // `a < b` is an operator; `a < b <= c` one chained comparison.
  function parseComparison(): SyntaxNode {
    const args = [leftAssociative(parseConversion, SHIFTS)];
    const ops: string[] = [];
    while (COMPARISONS.has(token)) {
      ops.push(token);
      nextSkipNewline();
      args.push(leftAssociative(parseConversion, SHIFTS));
    }
    if (ops.length === 0) return args[0];
    if (ops.length === 1) return op(ops[0], args);
    return { k: 'compare', ops, args, s: args[0].s, e: prevEnd };
  }

  function leftAssociative(operand: () => SyntaxNode, operators: ReadonlySet<string>): SyntaxNode {
    let node = operand();
    while (operators.has(token)) {
      const name = token;
      nextSkipNewline();
      node = op(name, [node, operand()]);
    }
    return node;
  }

  // Unit conversion: `5 cm to inch`, `5 cm in inch`, and `5 in` alone (inches).
  function parseConversion(): SyntaxNode {
    let node = parseRange();
    while (token === 'to' || token === 'in') {
      const name = token;
      const word: SyntaxNode = { k: 'symbol', name, s: start(), e: index };
      nextSkipNewline();
      if (name === 'in' && '])},;'.includes(token)) node = { k: 'op', op: '*', args: [node, word], implicit: true, s: node.s, e: word.e };
      else node = op(name, [node, parseRange()]);
    }
    return node;
  }

  // `1:3`, `1:2:9`, `:`, `2:` (the end implied).
  function parseRange(): SyntaxNode {
    const s = start();
    if (token === ':' && condLevel === nesting) throw fail('The true-expression of a conditional operator may not be empty');
    const node = token === ':' ? undefined : parseSum();
    if (node !== undefined && (token !== ':' || condLevel === nesting)) return node;
    for (let parts = 1; token === ':' && parts < 3; parts++) {
      nextSkipNewline();
      if (!['', ')', ']', ','].includes(current())) parseSum();
    }
    return { k: 'range', s, e: prevEnd };
  }

  function parseSum(): SyntaxNode {
    let node = leftAssociative(parseImplicit, PRODUCTS);
    while (token === '+' || token === '-') {
      const name = token;
      nextSkipNewline();
      const right = leftAssociative(parseImplicit, PRODUCTS);
      // mathjs reads `a + 50%` as `a + a * 50%`.
      node = op(name, [node, right.k === 'op' && right.percent ? op('*', [node, right]) : right]);
    }
    return node;
  }

  // `2 x`, `2 (x + 1)`, `(a)(b)`, `x y`: multiplication without an operator.
  function parseImplicit(): SyntaxNode {
    let node = parseRule2();
    let last = node;
    for (;;) {
      const negatedConstant = node.k === 'op' && node.op === '-' && node.args.length === 1 && node.args[0].k === 'const';
      if (
        tokenType === SYMBOL ||
        (token === 'in' && (node.k === 'const' || negatedConstant)) ||
        (tokenType === NUMBER && last.k !== 'const' && (last.k !== 'op' || last.op === '!')) ||
        token === '('
      ) {
        last = parseRule2();
        node = { k: 'op', op: '*', args: [node, last], implicit: true, s: node.s, e: prevEnd };
      } else {
        return node;
      }
    }
  }

  // mathjs's "rule 2": `1/2 x` is `(1/2) x`, a division binding tighter than the implicit product.
  function parseRule2(): SyntaxNode {
    let node = parsePercentage();
    let last = node;
    while (token === '/' && isSignedConstant(last)) {
      const beforeSlash = save();
      nextSkipNewline();
      if (tokenType !== NUMBER) return backTo(beforeSlash, node);
      const atNumber = save();
      nextSkipNewline();
      if (currentType() !== SYMBOL && current() !== '(' && current() !== 'in') return backTo(beforeSlash, node);
      restore(atNumber);
      last = parsePercentage();
      node = op('/', [node, last]);
    }
    return node;
  }

  function backTo(saved: Saved, node: SyntaxNode): SyntaxNode {
    restore(saved);
    return node;
  }

  // `50%` is a percentage unless what follows `%` reads as an operand (`50 % 3` is modulo).
  function parsePercentage(): SyntaxNode {
    const node = parseUnary();
    if (token !== '%') return node;
    const atPercent = save();
    nextSkipNewline();
    const at = start();
    try {
      memo = { at, node: parseUnary(), after: save() };
      restore(atPercent);
      return node;
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e;
      // As in mathjs, reading continues where the failed attempt stopped.
      const hundred: SyntaxNode = { k: 'const', v: 100, s: atPercent[0] - 1, e: atPercent[0] };
      return { k: 'op', op: '/', args: [node, hundred], percent: true, s: node.s, e: atPercent[0] };
    }
  }

  // Prefix operators and powers: `-x ^ 2` is `-(x ^ 2)`, `2 ^ -3 ^ 2` is `2 ^ (-(3 ^ 2))`.
  function parseUnary(): SyntaxNode {
    if (memo !== undefined && memo.at === start()) {
      const { node, after } = memo;
      memo = undefined;
      restore(after);
      return node;
    }
    const bases: Array<{ prefixes: Array<[string, number]>; base: SyntaxNode; power: string }> = [];
    for (;;) {
      const prefixes: Array<[string, number]> = [];
      while (PREFIXES.has(token)) {
        prefixes.push([token, start()]);
        nextSkipNewline();
      }
      const base = leftAssociative(parsePostfix, NULLISH);
      if (token === '^' || token === '.^') {
        bases.push({ prefixes, base, power: token });
        nextSkipNewline();
        continue;
      }
      let node = applyPrefixes(prefixes, base);
      for (let b = bases.pop(); b !== undefined; b = bases.pop()) node = applyPrefixes(b.prefixes, op(b.power, [b.base, node]));
      return node;
    }
  }

  function applyPrefixes(prefixes: Array<[string, number]>, node: SyntaxNode): SyntaxNode {
    for (let i = prefixes.length - 1; i >= 0; i--) node = op(prefixes[i][0], [node], prefixes[i][1]);
    return node;
  }

  // Factorial `x!` and transpose `x'`.
  function parsePostfix(): SyntaxNode {
    let node = parsePrimary();
    while (token === '!' || token === "'") {
      const name = token;
      next();
      node = parseAccessors(op(name, [node]));
    }
    return node;
  }

  function parsePrimary(): SyntaxNode {
    const s = start();
    if (isNameToken()) {
      const name = token;
      next();
      const node: SyntaxNode = WORD_CONSTANTS.has(name)
        ? { k: 'const', v: WORD_CONSTANTS.get(name), s, e: prevEnd }
        : { k: 'symbol', name, s, e: prevEnd };
      return parseAccessors(node);
    }
    if (token === '"' || token === "'") {
      const v = parseString(token);
      return parseAccessors({ k: 'const', v, s, e: prevEnd });
    }
    if (token === '[') return parseAccessors(parseMatrix(s));
    if (token === '{') return parseAccessors(parseObject(s));
    if (tokenType === NUMBER) return parseNumber(s);
    if (token === '(') {
      nesting++;
      next();
      const content = parseAssignment();
      if (current() !== ')') throw fail('Parenthesis ) expected');
      nesting--;
      next();
      return parseAccessors({ k: 'paren', args: [content], s, e: prevEnd });
    }
    throw fail(token === '' ? 'Unexpected end of expression' : 'Value expected');
  }

  function parseNumber(s: number): SyntaxNode {
    const text = token;
    next();
    // Only a 0b/0o/0x token can fail here. mathjs also read fractions and word sizes in them
    // (`0x1.8` is 1.5, `0b12.1` too, `0xffi8` is -1); those surprises are refused as well.
    const v = Number(text);
    if (Number.isNaN(v)) throw fail(`"${text}" is not a valid number (0x, 0b and 0o numbers are whole, such as 0x1f)`, s);
    return { k: 'const', v, s, e: prevEnd };
  }

  // A string's characters are read directly, not as tokens; `token` stays the opening quote.
  function parseString(quote: string): string {
    let str = '';
    while (index < src.length && src[index] !== quote) {
      if (src[index] !== '\\') {
        str += src[index++];
        continue;
      }
      const c = src.charAt(++index);
      const escaped = ESCAPES.get(c);
      if (escaped !== undefined) {
        str += escaped;
        index++;
      } else if (c === 'u' && /^[0-9A-Fa-f]{4}$/.test(src.slice(index + 1, index + 5))) {
        str += String.fromCharCode(parseInt(src.slice(index + 1, index + 5), 16));
        index += 5;
      } else {
        throw fail(c === 'u' ? `Invalid unicode character \\u${src.slice(index + 1, index + 5)}` : `Bad escape character \\${c}`);
      }
    }
    next();
    if (token !== quote) throw fail(`End of string ${quote} expected`);
    next();
    return str;
  }

  // `[1, 2]`, `[1, 2; 3, 4]` (rows of equal length), `[]`.
  function parseMatrix(s: number): SyntaxNode {
    nesting++;
    next();
    if (token !== ']') {
      const rowLengths = [parseRow()];
      while (token === ';') {
        next();
        if (current() !== ']') rowLengths.push(parseRow());
      }
      if (token !== ']') throw fail('End of matrix ] expected');
      nesting--;
      next();
      const wrong = rowLengths.find((n) => n !== rowLengths[0]);
      if (wrong !== undefined) throw fail(`Column dimensions mismatch (${wrong} !== ${rowLengths[0]})`);
    } else {
      nesting--;
      next();
    }
    return { k: 'array', s, e: prevEnd };
  }

  /** One row of a matrix (a trailing comma is allowed); returns its length. */
  function parseRow(): number {
    parseAssignment();
    let length = 1;
    while (token === ',') {
      next();
      if (current() !== ']' && current() !== ';') {
        parseAssignment();
        length++;
      }
    }
    return length;
  }

  // `{a: 1, "b": 2}`.
  function parseObject(s: number): SyntaxNode {
    nesting++;
    do {
      next();
      if (token !== '}') {
        if (token === '"' || token === "'") parseString(token);
        else if (isNameToken()) next();
        else throw fail('Symbol or string expected as object key');
        if (token !== ':') throw fail('Colon : expected after object key');
        next();
        parseAssignment();
      }
    } while (current() === ',');
    if (token !== '}') throw fail('Comma , or bracket } expected after object value');
    nesting--;
    next();
    return { k: 'object', s, e: prevEnd };
  }

  // Calls `f(x)`, indexing `a[1]` and properties `a.b`, each also after `?.`.
  function parseAccessors(node: SyntaxNode): SyntaxNode {
    for (;;) {
      const optional = token === '?.';
      if (optional) next();
      if (!optional && token !== '(' && token !== '[' && token !== '.') return node;
      if (token === '(') {
        // `(a)(b)` and `2(b)` are implicit multiplication, read by parseImplicit.
        if (!optional && node.k !== 'symbol' && node.k !== 'access') return node;
        const args = parseList(')', 'Parenthesis ) expected');
        node = { k: 'call', fn: node, args, optional, s: node.s, e: prevEnd };
      } else if (token === '[') {
        parseList(']', 'Parenthesis ] expected');
        node = { k: 'access', object: node, optional, s: node.s, e: prevEnd };
      } else {
        if (!optional) next();
        if (!isNameToken()) throw fail(`Property name expected after ${optional ? 'optional chain' : 'dot'}`);
        next();
        node = { k: 'access', object: node, optional, s: node.s, e: prevEnd };
      }
    }
  }

  /** Comma-separated expressions up to `close`, the current token being the opening bracket. */
  function parseList(close: string, expected: string): SyntaxNode[] {
    const items: SyntaxNode[] = [];
    nesting++;
    next();
    if (token !== close) {
      items.push(parseAssignment());
      while (token === ',') {
        next();
        items.push(parseAssignment());
      }
    }
    if (token !== close) throw fail(expected);
    nesting--;
    next();
    return items;
  }

  next();
  const root = parseBlock();
  if (token !== '') throw fail(tokenType === DELIMITER ? `Unexpected operator ${token}` : `Unexpected part "${token}"`);
  return root;
}
