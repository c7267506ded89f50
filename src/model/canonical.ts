import type { DistSpec } from '../distributions';
import { sha256Hex } from '../rng';
import type { Scenario } from './types';

/**
 * JSON with object keys sorted at every level and no white space, so that equal data always
 * gives equal text (and hash) whatever order its keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/**
 * The canonical hash of a scenario, its identity in every result: equal hashes mean equal
 * numbers. `$schema` (an editor hint) is left out. A categorical factor's weights (also one
 * inside a mixture) are hashed as an ordered list, because a label's position is the value a
 * formula sees (`venue == 0`), so reordering them changes results while reordering any other
 * keys does not.
 *
 * @example
 * ```ts
 * scenarioHash({ id: 'a', title: 'A', events: { e: '0.5' } }); // 64 hex characters
 * ```
 */
export function scenarioHash(scenario: Scenario): string {
  const { $schema: _hint, ...rest } = scenario;
  const ordered = (factors: Readonly<Record<string, DistSpec>> | undefined) =>
    factors && Object.fromEntries(Object.entries(factors).map(([name, spec]) => [name, orderedSpec(spec)]));
  const variants = rest.variants && Object.fromEntries(Object.entries(rest.variants).map(([name, v]) => [name, { ...v, factors: ordered(v.factors) }]));
  return canonicalHash({ ...rest, factors: ordered(rest.factors), variants });
}

/**
 * A spec with every categorical's weights as a list of [label, weight] pairs, inside mixtures
 * too (a component's label order is as much its values as a factor's); every other spec is
 * returned as it is, so a scenario without mixtures hashes as it did before they existed.
 * Validation bounds how deep mixtures nest.
 */
function orderedSpec(spec: DistSpec): unknown {
  if (spec.dist === 'categorical') return { ...spec, weights: Object.entries(spec.weights) };
  if (spec.dist === 'mixture') return { ...spec, components: spec.components.map(orderedSpec) };
  return spec;
}

/**
 * A deep copy with every -0 replaced by 0. JSON cannot carry -0 (it prints as 0), yet a formula
 * can tell them apart (1 / -0 = -Infinity); runs use this form so that a scenario gives the
 * same numbers, and the same hash, whether it came from TypeScript or from a file.
 */
export function withoutNegativeZero<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutNegativeZero) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: withoutNegativeZero(v), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}
