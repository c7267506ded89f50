import { joinPath, ScenarioError, type ValidationIssue } from '../issues';
import type { Correlation, Scenario, Timeline } from './types';

/**
 * Overrides by name: `"base": -1.2` sets a param, `"rokMediation.mean": 0.4` sets one field of
 * a factor's distribution, `"corr.a.b": 0.3` sets (or adds) the rank correlation of factors a
 * and b.
 */
export type Overrides = Readonly<Record<string, number>>;

/** A value for a message; never throws, even for objects without a prototype. */
function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? typeof value;
  return Array.isArray(value) ? 'an array' : 'an object';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A copy of the scenario with the overrides applied (the input is not changed), or the
 * issues naming each override that does not fit. Field names are checked when the result is
 * validated, so `rokMediation.meen` is reported as an unknown field of that factor.
 */
export function applyOverrides(scenario: Scenario, overrides: Overrides): { scenario?: Scenario; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const params = { ...(scenario.params ?? {}) };
  const factors: Record<string, Record<string, unknown>> = { ...(scenario.factors ?? {}) };
  const correlations = [...(scenario.correlations ?? [])];
  for (const [key, value] of Object.entries(overrides)) {
    const path = joinPath('overrides', key);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push({ code: 'override-not-a-number', path, message: `value for "${key}" must be a finite number (got ${describeValue(value)})` });
      continue;
    }
    const pair = correlationPair(key);
    if (pair) {
      const problem = setCorrelation(correlations, factors, pair, value);
      if (problem) issues.push({ code: 'override-unknown-name', path, message: problem });
      continue;
    }
    const dot = key.indexOf('.');
    if (dot < 0) {
      if (!Object.hasOwn(params, key)) {
        const hint = Object.hasOwn(factors, key) ? `; "${key}" is a factor: set one of its fields, e.g. "${key}.mean"` : '';
        issues.push({ code: 'override-unknown-name', path, message: `no param named "${key}"${hint}` });
        continue;
      }
      const current = params[key];
      if (typeof current !== 'number' && ((current.min !== undefined && value < current.min) || (current.max !== undefined && value > current.max))) {
        issues.push({ code: 'param-range', path, message: `${value} is outside the range of param "${key}", [${current.min ?? '-∞'}, ${current.max ?? '∞'}]` });
        continue;
      }
      params[key] = typeof current === 'number' ? value : { ...current, value };
      continue;
    }
    const [factor, field] = [key.slice(0, dot), key.slice(dot + 1)];
    const spec = Object.hasOwn(factors, factor) ? factors[factor] : undefined;
    if (!isRecord(spec)) {
      issues.push({ code: 'override-unknown-name', path, message: `no factor named "${factor}"` });
    } else if (field === 'dist' || field.includes('.') || !/^[A-Za-z_]\w*$/.test(field)) {
      issues.push({ code: 'override-unknown-name', path, message: `"${field}" is not a numeric field of factor "${factor}"` });
    } else {
      factors[factor] = { ...spec, [field]: value };
    }
  }
  if (issues.length > 0) return { issues };
  const changed = scenario.correlations !== undefined || correlations.length > 0 ? { correlations } : {};
  return { scenario: { ...scenario, params, factors: factors as Scenario['factors'], ...changed }, issues };
}

/** The two factor names of a `corr.a.b` override, or undefined for any other name. */
function correlationPair(key: string): [string, string] | undefined {
  const parts = key.split('.');
  return parts.length === 3 && parts[0] === 'corr' ? [parts[1], parts[2]] : undefined;
}

/** Sets the rank of a pair (in either order) or adds the pair; returns what is wrong, if anything. */
function setCorrelation(correlations: Correlation[], factors: Readonly<Record<string, unknown>>, [a, b]: [string, string], rank: number): string | undefined {
  const missing = [a, b].find((name) => !Object.hasOwn(factors, name));
  if (missing !== undefined) return `no factor named "${missing}" (corr.A.B sets the rank correlation of factors A and B)`;
  if (!(rank > -1 && rank < 1)) return `a rank correlation must be strictly between -1 and 1 (got ${rank})`;
  const at = correlations.findIndex(({ factors: [x, y] }) => (x === a && y === b) || (x === b && y === a));
  if (at >= 0) correlations[at] = { ...correlations[at], rank };
  else correlations.push({ factors: [a, b], rank });
  return undefined;
}

/**
 * Parses `NAME=VALUE` assignments (the CLI's `--set`) into overrides.
 *
 * @throws {ScenarioError} naming each assignment that is malformed or not a number.
 */
export function parseAssignments(assignments: readonly string[]): Overrides {
  const out: Record<string, number> = {};
  const issues: ValidationIssue[] = [];
  for (const text of assignments) {
    const eq = text.indexOf('=');
    const name = eq < 0 ? '' : text.slice(0, eq).trim();
    const raw = eq < 0 ? '' : text.slice(eq + 1).trim();
    const value = raw === '' ? Number.NaN : Number(raw);
    if (!name) issues.push({ code: 'override-syntax', path: '--set', message: `"${text}" is not of the form NAME=VALUE` });
    else if (!Number.isFinite(value)) issues.push({ code: 'override-not-a-number', path: `--set ${name}`, message: `"${raw}" is not a finite number` });
    // Defined, not assigned: `--set __proto__=1` must reach the unknown-name check, not the prototype.
    else Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}

/**
 * A copy of the scenario with the named variant applied: its `factors` replace whole
 * distributions, its `asOf`, `observed` and `timeline` replace the scenario's, then its `set`
 * overrides apply as {@link applyOverrides} does.
 */
export function applyVariant(scenario: Scenario, name: string): { scenario?: Scenario; issues: ValidationIssue[] } {
  const variants = scenario.variants ?? {};
  const variant = Object.hasOwn(variants, name) ? variants[name] : undefined;
  if (!variant) {
    const known = Object.keys(variants);
    return {
      issues: [{ code: 'unknown-variant', path: joinPath('variants', name), message: `no variant named "${name}"${known.length ? ` (variants: ${known.join(', ')})` : ' (this scenario has none)'}` }],
    };
  }
  const factors = { ...(scenario.factors ?? {}) };
  const issues: ValidationIssue[] = [];
  for (const [factor, spec] of Object.entries(variant.factors ?? {})) {
    if (!Object.hasOwn(factors, factor)) issues.push({ code: 'override-unknown-name', path: joinPath('variants', name, 'factors', factor), message: `no factor named "${factor}"` });
    else factors[factor] = spec;
  }
  if (issues.length > 0) return { issues };
  const timed = {
    ...(variant.asOf !== undefined ? { asOf: variant.asOf } : {}),
    ...(variant.observed !== undefined ? { observed: variant.observed } : {}),
    ...(variant.timeline !== undefined ? { timeline: withTimeline(scenario.timeline, variant.timeline) } : {}),
  };
  const applied = applyOverrides({ ...scenario, ...timed, factors }, variant.set ?? {});
  return {
    scenario: applied.scenario,
    issues: applied.issues.map((i) => ({ ...i, path: i.path.replace(/^overrides\./, `variants.${name}.set.`) })),
  };
}

/** A timeline with a variant's fields over it; a variant's `end` replaces a `horizon` and the other way round. */
function withTimeline(base: Timeline | undefined, own: Partial<Timeline>): Timeline {
  const merged = { ...base, ...own } as Timeline;
  if (own.end !== undefined) delete merged.horizon;
  if (own.horizon !== undefined) delete merged.end;
  return merged;
}
