/**
 * Names that must never reach a lookup, and "did you mean" suggestions.
 */

// Object.prototype members are listed by hand as well as read from the running engine so the
// list is the same everywhere and still covers members a future engine adds.
const OBJECT_PROTOTYPE_MEMBERS = [
  'constructor',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
];

// Names that reach code or the host when they slip into a property lookup or a scope object:
// prototypes, function internals, and the JavaScript globals that run code or touch the system.
const HOST_NAMES = [
  'prototype',
  'apply',
  'bind',
  'call',
  'arguments',
  'caller',
  'callee',
  'eval',
  'Function',
  'AsyncFunction',
  'GeneratorFunction',
  'import',
  'require',
  'module',
  'exports',
  'process',
  'globalThis',
  'global',
  'window',
  'self',
  'this',
  'Object',
  'Reflect',
  'Proxy',
];

const FORBIDDEN: ReadonlySet<string> = new Set([
  ...OBJECT_PROTOTYPE_MEMBERS,
  ...Object.getOwnPropertyNames(Object.prototype),
  ...HOST_NAMES,
]);

/**
 * Whether a name may never be used in a formula (or as a param/factor/derived/event name):
 * every `Object.prototype` member such as `constructor`, `__proto__`, `toString`, plus
 * `prototype` and host names such as `eval`, `Function`, `import`, `process`, `globalThis`.
 * Formulas are evaluated by our own closures, so these are refused as defence in depth and
 * because a scope object lookup on them would find JavaScript internals.
 *
 * @example
 * ```ts
 * isForbiddenName('__proto__'); // true
 * isForbiddenName('rokMediation'); // false
 * ```
 */
export function isForbiddenName(name: string): boolean {
  return FORBIDDEN.has(name);
}

/**
 * mathjs functions that users who know mathjs's syntax may try; they are not part of the
 * formula language and get a specific message instead of a plain "unknown function".
 */
export const MATHJS_ONLY_FUNCTIONS: ReadonlySet<string> = new Set([
  'evaluate',
  'compile',
  'parse',
  'createUnit',
  'simplify',
  'derivative',
  'config',
  'typed',
  'chain',
  'reviver',
  'help',
  'unit',
  'matrix',
]);

/** Edit distance (insert, delete, substitute, swap adjacent), for suggestions on short names. */
function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/**
 * The candidate closest to `name` if it is close enough to be a plausible typo (a case-only
 * difference, or an edit distance of at most about a third of the name; names of one or two
 * characters only match by case, since any other short name is "close"), else undefined.
 * Ties go to the alphabetically first candidate so messages are deterministic.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = name.length <= 2 ? 0.5 : Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const score = c.toLowerCase() === lower ? 0.5 : distance(name, c);
    if (score > limit) continue;
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
