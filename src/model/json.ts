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
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

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
        const raw = token(STRING);
        if (raw === undefined) throw new JsonSyntaxError(`expected a property name in double quotes, found ${describeChar(text, at)}`, at);
        const key = JSON.parse(raw) as string;
        if (Object.hasOwn(out, key)) throw new JsonSyntaxError(`duplicate key ${raw}`, keyStart);
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
    if (ch === '"') {
      const raw = token(STRING);
      if (raw === undefined) throw new JsonSyntaxError('unterminated string or invalid escape or control character in string', at);
      return JSON.parse(raw);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return v;
      }
    }
    const num = token(NUMBER);
    if (num !== undefined) {
      const n = Number(num);
      if (!Number.isFinite(n)) throw new JsonSyntaxError(`number ${num} is too large`, at - num.length);
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
