/**
 * Scenario JSON cannot change any object's prototype.
 *
 * Files with `__proto__`, `constructor` and `prototype` keys everywhere a key can go (top
 * level, factor names, inside a distribution spec, categorical weights, params, derived,
 * events, timeline, variants and their `set` paths and replacement factors, sources) are run
 * through the strict JSON parser (parseJson, what the CLI and file loader use), validation and
 * the engine, with variants and overrides named `__proto__` as well. Afterwards:
 *   - every object the parser built, and every object in a result, has Object.prototype or
 *     Array.prototype as its prototype, and a `__proto__` key is an own data property;
 *   - validation and running did not modify the parsed input (its canonical JSON is unchanged);
 *   - Object.prototype, Array.prototype, Function.prototype and the other built-ins have
 *     exactly the own properties and descriptors they had, and `({}).polluted` is undefined.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, parseAssignments, ScenarioError, simulateSync, validateScenario, type Scenario, type SimulateOptions } from '../../src/index';
import { parseJson } from '../../src/model/json';
import { diffSnapshots, snapshotBuiltins } from './sandbox';

const POLLUTE = '{"polluted": 1, "toString": 1, "valueOf": 1, "hasOwnProperty": 1}';

const base = (extra: Record<string, string> = {}): string => {
  const parts: Record<string, string> = {
    id: '"pollution"',
    title: '"Pollution"',
    params: '{"w": 1}',
    factors: '{"x": {"dist": "normal", "mean": 0, "sd": 1}, "c": {"dist": "categorical", "weights": {"a": 1, "b": 2}}}',
    derived: '{"d": "w * x"}',
    events: '{"e": "d > 0"}',
    ...extra,
  };
  return `{${Object.entries(parts)
    .map(([k, v]) => `${JSON.stringify(k)}: ${v}`)
    .join(', ')}}`;
};

/** [what, JSON text]: one hostile key placement per file. */
const FILES: Array<[string, string]> = [
  ['top-level __proto__', base({ ['__proto__']: POLLUTE })],
  ['top-level constructor.prototype', base({ constructor: `{"prototype": ${POLLUTE}}` })],
  ['top-level prototype', base({ prototype: POLLUTE })],
  ['factor named __proto__', base({ factors: `{"x": {"dist": "normal", "mean": 0, "sd": 1}, "__proto__": {"dist": "normal", "mean": 0, "sd": 1}}` })],
  ['factor named constructor', base({ factors: `{"x": {"dist": "normal", "mean": 0, "sd": 1}, "constructor": {"dist": "bernoulli", "p": 0.5}}` })],
  ['__proto__ inside a dist spec', base({ factors: `{"x": {"dist": "normal", "mean": 0, "sd": 1, "__proto__": ${POLLUTE}}}` })],
  ['constructor inside a dist spec', base({ factors: `{"x": {"dist": "normal", "mean": 0, "sd": 1, "constructor": {"prototype": ${POLLUTE}}}}` })],
  ['__proto__ as the dist spec value', base({ factors: `{"x": {"__proto__": {"dist": "normal", "mean": 0, "sd": 1}}}` })],
  ['__proto__ in categorical weights', base({ factors: `{"x": {"dist": "normal", "mean": 0, "sd": 1}, "c": {"dist": "categorical", "weights": {"__proto__": 1, "a": 1}}}` })],
  ['constructor/prototype/toString in categorical weights', base({ factors: `{"x": {"dist": "normal", "mean": 0, "sd": 1}, "c": {"dist": "categorical", "weights": {"constructor": 1, "prototype": 2, "toString": 3, "valueOf": 4}}}` })],
  ['weights object is __proto__', base({ factors: `{"x": {"dist": "normal", "mean": 0, "sd": 1}, "c": {"dist": "categorical", "weights": {"__proto__": ${POLLUTE}}}}` })],
  ['param named __proto__', base({ params: `{"w": 1, "__proto__": 2}` })],
  ['param named constructor (documented form)', base({ params: `{"w": 1, "constructor": {"value": 2, "__proto__": ${POLLUTE}}}` })],
  ['__proto__ inside a documented param', base({ params: `{"w": {"value": 1, "__proto__": ${POLLUTE}}}` })],
  ['derived named __proto__', base({ derived: `{"d": "w * x", "__proto__": "x"}` })],
  ['__proto__ inside a documented derived', base({ derived: `{"d": {"formula": "w * x", "__proto__": ${POLLUTE}}}` })],
  ['event named __proto__', base({ events: `{"e": "d > 0", "__proto__": "x > 0"}` })],
  ['event named constructor', base({ events: `{"e": "d > 0", "constructor": "x > 0"}` })],
  ['__proto__ inside an event', base({ events: `{"e": {"p": "d > 0", "__proto__": ${POLLUTE}}}` })],
  ['event given __proto__', base({ events: `{"e": "d > 0", "f": {"p": "x > 1", "given": "__proto__"}}` })],
  ['event given constructor', base({ events: `{"e": "d > 0", "f": {"p": "x > 1", "given": "constructor"}}` })],
  ['__proto__ inside the timeline', base({ timeline: `{"start": "2026-01", "end": "2026-03", "__proto__": ${POLLUTE}}`, events: `{"e": {"hazard": "0.1"}}` })],
  ['__proto__ inside a hazard window', base({ timeline: `{"start": "2026-01", "end": "2026-03"}`, events: `{"e": {"hazard": "0.1", "windows": [{"from": "2026-01", "to": "2026-02", "multiplier": "2", "__proto__": ${POLLUTE}}]}}` })],
  ['variant named __proto__', base({ variants: `{"__proto__": {"set": {"w": 2}}}` })],
  ['variant named constructor', base({ variants: `{"constructor": {"set": {"w": 2}}}` })],
  ['__proto__ inside a variant', base({ variants: `{"v": {"set": {"w": 2}, "__proto__": ${POLLUTE}}}` })],
  ['variant set __proto__ paths', base({ variants: `{"v": {"set": {"__proto__": 1, "__proto__.polluted": 1, "constructor.prototype": 1, "x.__proto__": 1, "x.constructor": 1}}}` })],
  ['variant set is __proto__', base({ variants: `{"v": {"set": {"__proto__": ${POLLUTE}}}}` })],
  ['variant replacement factor __proto__', base({ variants: `{"v": {"factors": {"__proto__": {"dist": "normal", "mean": 0, "sd": 1}}}}` })],
  ['variant replacement factor with __proto__ inside', base({ variants: `{"v": {"factors": {"x": {"dist": "normal", "mean": 0, "sd": 2, "__proto__": ${POLLUTE}}}}}` })],
  ['__proto__ inside a source', base({ sources: `[{"id": "s", "title": "t", "__proto__": ${POLLUTE}}]` })],
  ['__proto__ nested deep in description position', base({ description: `{"a": {"b": {"__proto__": ${POLLUTE}}}}` })],
  ['clean file (control)', base()],
];

/** The files validation accepts; every other one must be refused with issues. */
const ACCEPTED = new Set(['constructor/prototype/toString in categorical weights', 'variant named __proto__', 'variant named constructor', 'clean file (control)']);

/** Options that aim overrides and variant lookups at prototype members. */
const OPTIONS: SimulateOptions[] = [
  {},
  { variant: '__proto__' },
  { variant: 'constructor' },
  { variant: 'toString' },
  { variant: 'v' },
  { params: JSON.parse('{"__proto__": 1}') as Record<string, number> },
  { params: { '__proto__.polluted': 1 } },
  { params: { 'constructor.prototype': 1 } },
  { params: { 'x.__proto__': 1 } },
  { params: { 'x.constructor': 1 } },
  { params: { 'c.__proto__': 1 } },
];

/** Every object reachable from `value` whose prototype is not the plain one for its kind. */
function oddPrototypes(value: unknown, path = '$', out: string[] = [], seen = new Set<object>()): string[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  const expected = Array.isArray(value) ? Array.prototype : Object.prototype;
  if (proto !== expected) out.push(`${path}: prototype is ${proto === null ? 'null' : (proto.constructor?.name ?? 'something else')}`);
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    if (d.get || d.set) out.push(`${path}.${String(key)}: accessor property`);
    else oddPrototypes(d.value, `${path}.${String(key)}`, out, seen);
  }
  return out;
}

describe('scenario JSON with __proto__ / constructor keys cannot change a prototype', () => {
  const before = snapshotBuiltins();
  const outcomes: string[] = [];

  it.each(FILES)('%s', (_what, text) => {
    const { value, issues: jsonIssues } = parseJson(text);
    expect(jsonIssues).toEqual([]);
    expect(oddPrototypes(value)).toEqual([]);
    if (text.includes('"__proto__"')) {
      // The key survives as an own data property somewhere in the tree, as with JSON.parse.
      expect(JSON.stringify(value)).toContain('"__proto__"');
    }
    const frozen = canonicalJson(value);

    const issues = validateScenario(value);
    for (const options of OPTIONS) {
      try {
        const r = simulateSync(value as Scenario, { seed: 1, trials: 100, ...options });
        expect(oddPrototypes(r)).toEqual([]);
        outcomes.push(`${_what} ${JSON.stringify(options)}: ran`);
      } catch (e) {
        // Refusing is fine; refusing with anything but our typed error is not.
        expect(e, String(e)).toBeInstanceOf(ScenarioError);
        outcomes.push(`${_what} ${JSON.stringify(options)}: ${(e as ScenarioError).issues.map((i) => i.code).join(',')}`);
      }
    }
    // Nothing above changed the input or anything global.
    expect(canonicalJson(value)).toBe(frozen);
    expect(oddPrototypes(value)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(diffSnapshots(before, snapshotBuiltins())).toEqual([]);
    // Validation refuses every hostile placement except the harmless ones: labels that happen
    // to be Object.prototype member names, and variant names (looked up as own properties).
    expect(issues.length === 0, JSON.stringify(issues)).toBe(ACCEPTED.has(_what));
  });

  it('the clean control file ran, so the checks above had something to check', () => {
    expect(outcomes.filter((o) => o.startsWith('clean file (control) {}: ran'))).toHaveLength(1);
    // Validation refuses almost every hostile file (as it should); these are accepted and run:
    // labels named constructor/prototype/toString/valueOf, variants named __proto__/constructor.
    expect(outcomes.filter((o) => o.endsWith(': ran')).length).toBeGreaterThanOrEqual(5);
  });

  it('validation never throws on a variant `set` whose __proto__ key holds an object', () => {
    // zod's record check does not look at the `__proto__` key, so its value (an object whose
    // toString is not a function) reaches applyOverrides, whose message builds String(value).
    const text = '{"id":"a","title":"A","params":{"w":1},"events":{"e":"w > 0"},"variants":{"v":{"set":{"__proto__":{"toString":1}}}}}';
    const { value } = parseJson(text);
    let issues: unknown;
    expect(() => (issues = validateScenario(value))).not.toThrow();
    expect(issues).toEqual([expect.objectContaining({ code: 'override-not-a-number', path: 'variants.v.set.__proto__' })]);
  });

  it('a selected variant is validated as strictly as the scenario (no silently ignored keys)', () => {
    // Found with "__proto__ inside a variant": validateScenario reports variants.v.<key> as an
    // unknown field and a plain run refuses the file, but running the variant drops the
    // variants section before validating, so a typo such as "sett" runs the base numbers
    // labelled as variant v.
    const s = { id: 'a', title: 'A', params: { w: 0.2 }, events: { e: 'w' }, variants: { v: { sett: { w: 0.9 } } } } as unknown as Scenario;
    expect(validateScenario(s)).toEqual([expect.objectContaining({ code: 'unknown-field', path: 'variants.v.sett' })]);
    expect(() => simulateSync(s, { seed: 1, trials: 10 })).toThrow(ScenarioError);
    expect(() => simulateSync(s, { seed: 1, trials: 10, variant: 'v' })).toThrow(ScenarioError);
  });

  it('--set __proto__=1 is reported, not silently dropped', () => {
    // parseAssignments builds a plain object with out[name] = value: the __proto__ setter
    // swallows the number, so the override vanishes (no pollution: a number is not a
    // prototype) and the run proceeds without it. Any other unknown name is reported later.
    const s = { id: 'a', title: 'A', params: { w: 0.2 }, events: { e: 'w' } } as Scenario;
    expect(() => simulateSync(s, { seed: 1, trials: 10, params: parseAssignments(['nope=1']) })).toThrow(ScenarioError);
    expect(() => simulateSync(s, { seed: 1, trials: 10, params: parseAssignments(['__proto__=1']) })).toThrow(ScenarioError);
  });
});
