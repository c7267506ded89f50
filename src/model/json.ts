import type { ValidationIssue } from '../issues';

/** Deepest nesting of arrays and objects accepted in a scenario file. */
export const MAX_JSON_DEPTH = 64;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * The end (the index after the closing quote) of the JSON string that starts with the `"` at
 * `start`, found by a plain loop. A regular expression such as `"(?:[^"\\]|\\.)*"` keeps one
 * backtracking entry per character and overflows V8's regexp stack ("Maximum call stack size
 * exceeded") on a string of about 8 million characters; this costs no stack at all.
 *
 * @throws {JsonSyntaxError} for an unterminated string, a raw control character or a bad escape.
 */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; ; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (Number.isNaN(c)) throw new JsonSyntaxError('unterminated string', start);
    if (c === 0x0a || c === 0x0d) throw new JsonSyntaxError('unterminated string (a line break inside a string is written \\n)', start);
    if (c < 0x20) {
      const hex = c.toString(16).padStart(4, '0');
      throw new JsonSyntaxError(`control character U+${hex.toUpperCase()} in a string (write it as the escape \\u${hex})`, i);
    }
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6))) throw new JsonSyntaxError('invalid \\u escape in string (expected 4 hex digits)', i);
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
        i++;
      } else {
        throw new JsonSyntaxError(`invalid escape in string: a backslash followed by ${describeChar(text, i + 1)}`, i);
      }
    }
  }
}

/** A quoted token cut to a readable length (a hostile file may hold a 30 MB number). */
function clipped(token: string): string {
  return token.length > 40 ? `${token.slice(0, 37)}...` : token;
}

function describeChar(text: string, at: number): string {
  return at >= text.length ? 'end of file' : `${JSON.stringify(text[at])}`;
}

/**
 * A strict JSON parser for scenario files: unlike `JSON.parse` it reports every syntax error
 * with a line and column (the same in every JavaScript engine), refuses duplicate keys (which
 * `JSON.parse` silently drops, losing a factor), and bounds the nesting depth so a hostile
 * file cannot overflow the stack. Keys such as `__proto__` become ordinary own properties, as
 * with `JSON.parse`, so they can be reported rather than change a prototype.
 */
export function parseJson(text: string): { value: unknown; issues: ValidationIssue[] } {
  let at = 0;
  const skip = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const expect = (ch: string, what: string) => {
    skip();
    if (text[at] !== ch) throw new JsonSyntaxError(`expected ${what}, found ${describeChar(text, at)}`, at);
    at++;
  };
  /** The string at `at` (which is a `"`), decoded; `at` moves past it. */
  const string = (): string => {
    const start = at;
    at = stringEnd(text, start);
    return JSON.parse(text.slice(start, at)) as string;
  };
  const token = (re: RegExp): string | undefined => {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    at = re.lastIndex;
    return m[0];
  };

  const value = (depth: number): unknown => {
    if (depth > MAX_JSON_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_JSON_DEPTH} levels`, at);
    skip();
    const ch = text[at];
    if (ch === '{') {
      at++;
      const out: Record<string, unknown> = {};
      skip();
      if (text[at] === '}') {
        at++;
        return out;
      }
      for (;;) {
        skip();
        const keyStart = at;
        if (text[at] !== '"') throw new JsonSyntaxError(`expected a property name in double quotes, found ${describeChar(text, at)}`, at);
        const key = string();
        if (Object.hasOwn(out, key)) throw new JsonSyntaxError(`duplicate key ${clipped(JSON.stringify(key))}`, keyStart);
        expect(':', '":" after a property name');
        Object.defineProperty(out, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[at] === ',') {
          at++;
          continue;
        }
        expect('}', '"," or "}" after a property value');
        return out;
      }
    }
    if (ch === '[') {
      at++;
      const out: unknown[] = [];
      skip();
      if (text[at] === ']') {
        at++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        skip();
        if (text[at] === ',') {
          at++;
          continue;
        }
        expect(']', '"," or "]" after an array element');
        return out;
      }
    }
    if (ch === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return v;
      }
    }
    const num = token(NUMBER);
    if (num !== undefined) {
      const n = Number(num);
      if (!Number.isFinite(n)) throw new JsonSyntaxError(`number ${clipped(num)} is too large`, at - num.length);
      return n;
    }
    if (/[A-Za-z]/.test(ch ?? '')) {
      const word = /[A-Za-z]+/.exec(text.slice(at, at + 20))![0];
      throw new JsonSyntaxError(`unexpected word "${word}" (JSON has no NaN or Infinity; strings need double quotes)`, at);
    }
    throw new JsonSyntaxError(`expected a value, found ${describeChar(text, at)}`, at);
  };

  try {
    const result = value(0);
    skip();
    if (at < text.length) throw new JsonSyntaxError(`unexpected ${describeChar(text, at)} after the end of the JSON value`, at);
    return { value: result, issues: [] };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const column = e.offset - before.lastIndexOf('\n');
    return { value: undefined, issues: [{ code: 'json-syntax', path: '', message: `invalid JSON at line ${line}, column ${column}: ${e.message}` }] };
  }
}
