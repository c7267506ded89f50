/**
 * Helpers of the fuzz suites: a seeded generator, and snapshots of the built-in prototypes
 * (own property names and full descriptors) to prove nothing was added, removed or replaced.
 */

/** mulberry32: a tiny seeded generator, so generated inputs are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The objects whose own properties must never change. */
export const WATCHED: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Function.prototype', Function.prototype],
  ['Array.prototype', Array.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['Symbol.prototype', Symbol.prototype],
  ['Error.prototype', Error.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Float64Array.prototype', Float64Array.prototype],
  ['Object', Object],
  ['Function', Function],
  ['Array', Array],
  ['Math', Math],
  ['JSON', JSON],
];

type Snapshot = Map<string, PropertyDescriptor & { proto: object | null }>;

/** Every own property (names and symbols) of every watched object, with its descriptor and the object's prototype. */
export function snapshotBuiltins(): Snapshot {
  const out: Snapshot = new Map();
  for (const [name, obj] of WATCHED) {
    out.set(`${name} [[Prototype]]`, { value: undefined, proto: Object.getPrototypeOf(obj) });
    out.set(`${name} [[Extensible]]`, { value: Object.isExtensible(obj), proto: null });
    for (const key of Reflect.ownKeys(obj)) {
      const d = Object.getOwnPropertyDescriptor(obj, key)!;
      out.set(`${name}.${String(key)}`, { ...d, proto: null });
    }
  }
  return out;
}

/** What differs between two snapshots, one line each; empty when identical (by identity). */
export function diffSnapshots(a: Snapshot, b: Snapshot): string[] {
  const diffs: string[] = [];
  for (const [k, d] of a) {
    const e = b.get(k);
    if (!e) diffs.push(`removed ${k}`);
    else {
      for (const f of ['value', 'get', 'set', 'writable', 'enumerable', 'configurable', 'proto'] as const) {
        if (!Object.is(d[f], e[f])) diffs.push(`changed ${k} (${f})`);
      }
    }
  }
  for (const k of b.keys()) if (!a.has(k)) diffs.push(`added ${k}`);
  return diffs;
}
