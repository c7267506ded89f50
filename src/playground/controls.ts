/**
 * Which controls the playground shows for a scenario, and the range each one spans. Pure: no
 * DOM, so the tests can check every rule (tests/playground/state.test.ts).
 *
 * - A param gets its own `min`/`max` when the scenario gives them, else value ± max(1, 2·|value|).
 * - A factor gets one control per numeric top-level field of its spec (not label, description or
 *   source); a categorical's weights, a samples' values and a mixture's components and weights
 *   are skipped with a note. Positive fields (sd, alpha, shape, …) stay positive, probabilities
 *   within [0, 1], a binomial's n a whole number from 1; other fields span value ± max(1, 2·|value|).
 * - A declared correlation gets a control of its rank in (−1, 1).
 *
 * The control's key is the override name the CLI's `--set` takes: `w`, `rokMediation.mean`,
 * `corr.a.b`.
 */
import type { Scenario } from '../index';
import { documentation } from '../model/documented';

/** One number the user may change, with the range its slider spans. */
export interface NumberControl {
  /** The override name (`--set KEY=…`): `w`, `rokMediation.mean`, `corr.a.b`. */
  readonly key: string;
  /** The field shown next to the control: the param's name, `mean`, `sd`, … */
  readonly field: string;
  /** The value in the scenario as loaded (with the variant applied). */
  readonly value: number;
  /** The slider's ends and step (the number input takes any value the scenario allows). */
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Whole numbers only (a binomial's n). */
  readonly integer: boolean;
  /** What values make sense, in words: `> 0`, `0 to 1`, `−1 to 1 (exclusive)`; absent for any number. */
  readonly allowed?: string;
  /** A param's own documentation. */
  readonly label?: string;
  readonly description?: string;
  readonly source?: string;
}

/** Controls shown together: the params, one factor, or the correlations. */
export interface ControlGroup {
  readonly kind: 'params' | 'factor' | 'correlations';
  /** The factor's name; `params` or `correlations` for those groups. */
  readonly name: string;
  /** The factor's label, else its name; "Params", "Correlations". */
  readonly title: string;
  /** The factor's family (`dist`). */
  readonly family?: string;
  readonly description?: string;
  readonly source?: string;
  readonly controls: readonly NumberControl[];
  /** Fields without a control, and why. */
  readonly notes: readonly string[];
}

/** What a field's values may be. */
export type FieldKind = 'free' | 'positive' | 'probability' | 'open-unit' | 'count';

/** The slider's span for a value. */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly integer: boolean;
  readonly allowed?: string;
}

const DOC_FIELDS = new Set(['dist', 'label', 'description', 'source']);

/** Fields that must stay positive in every family. */
const POSITIVE = new Set(['sd', 'sigma', 'alpha', 'beta', 'shape', 'scale', 'rate', 'lambda', 'df']);

/** What values a field of a family takes. */
export function fieldKind(family: string, field: string): FieldKind {
  if (POSITIVE.has(field)) return 'positive';
  if (field === 'p') return 'probability';
  if (field === 'n' && family === 'binomial') return 'count';
  if (field === 'mean') return family === 'beta' ? 'open-unit' : family === 'gamma' || family === 'exponential' ? 'positive' : 'free';
  if ((field === 'p5' || field === 'p95') && family === 'lognormal') return 'positive';
  return 'free';
}

/**
 * A "nice" slider step for a span: a power of ten about a hundredth of it (span 2 → 0.01,
 * span 30 → 0.1, span 0.016 → 0.0001).
 */
export function niceStep(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 0.01;
  return Number((10 ** (Math.floor(Math.log10(span)) - 2)).toPrecision(1));
}

/** Decimals a step needs (0.01 → 2, 5 → 0). */
export function stepDecimals(step: number): number {
  if (!(step > 0) || step >= 1) return 0;
  return Math.min(20, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
}

/** x rounded to the step's decimals, free of floating-point dust (0.30000000000000004 → 0.3). */
export function snap(x: number, step: number): number {
  const d = stepDecimals(step);
  const v = Number(x.toFixed(d));
  return Object.is(v, -0) ? 0 : v;
}

/** The half-width of a free value's span: max(1, 2·|value|). */
function spread(value: number): number {
  return Math.max(1, 2 * Math.abs(value));
}

/** [lo, hi] with a step, widened outward to multiples of the step. */
function onGrid(lo: number, hi: number, allowed: string | undefined, integer = false): Range {
  const step = integer ? Math.max(1, Math.round(niceStep(hi - lo))) : niceStep(hi - lo);
  return { min: snap(Math.floor(lo / step + 1e-9) * step, step), max: snap(Math.ceil(hi / step - 1e-9) * step, step), step, integer, ...(allowed ? { allowed } : {}) };
}

/** A rank correlation's range: strictly between −1 and 1. */
export const RANK_RANGE: Range = { min: -0.99, max: 0.99, step: 0.01, integer: false, allowed: 'between −1 and 1' };

/** The range of a field of a factor of family `family` whose value is `value`. */
export function fieldRange(family: string, field: string, value: number): Range {
  switch (fieldKind(family, field)) {
    case 'positive': {
      const hi = value > 0 ? 4 * value : 1;
      const step = niceStep(hi);
      // The slider starts one step above zero, so it never offers a value the family refuses.
      return { min: step, max: snap(Math.ceil(hi / step - 1e-9) * step, step), step, integer: false, allowed: '> 0' };
    }
    case 'probability':
      return { min: 0, max: 1, step: 0.001, integer: false, allowed: '0 to 1' };
    case 'open-unit':
      return { min: 0.001, max: 0.999, step: 0.001, integer: false, allowed: 'between 0 and 1' };
    case 'count':
      return onGrid(1, Math.max(10, 4 * value), 'a whole number ≥ 1', true);
    case 'free':
      return onGrid(value - spread(value), value + spread(value), undefined);
  }
}

/** A param's range: its own `min`/`max` where given, else value ± max(1, 2·|value|). */
export function paramRange(spec: number | { value: number; min?: number; max?: number }): Range {
  const value = typeof spec === 'number' ? spec : spec.value;
  const own: { min?: number; max?: number } = typeof spec === 'number' ? {} : spec;
  const lo = own.min ?? value - spread(value);
  const hi = own.max ?? value + spread(value);
  const grid = onGrid(lo, hi > lo ? hi : lo + 1, undefined);
  // The scenario's own limits are hard: the slider never passes them, even rounded to the grid.
  const allowed = own.min !== undefined && own.max !== undefined ? `${own.min} to ${own.max}` : own.min !== undefined ? `≥ ${own.min}` : own.max !== undefined ? `≤ ${own.max}` : undefined;
  return { ...grid, ...(own.min !== undefined ? { min: own.min } : {}), ...(own.max !== undefined ? { max: own.max } : {}), ...(allowed ? { allowed } : {}) };
}

/** The slider's range widened to include `value` (one typed in the number box beyond it). */
export function rangeFor(control: Pick<NumberControl, 'min' | 'max' | 'step'>, value: number): { min: number; max: number } {
  if (!Number.isFinite(value)) return { min: control.min, max: control.max };
  return { min: Math.min(control.min, value), max: Math.max(control.max, value) };
}

/** Whether `value` is one the control's field can take (a quick check; the engine has the last word). */
export function allowedValue(control: Pick<NumberControl, 'key' | 'integer' | 'allowed'>, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (control.integer && !Number.isInteger(value)) return false;
  switch (control.allowed) {
    case '> 0':
      return value > 0;
    case '0 to 1':
      return value >= 0 && value <= 1;
    case 'between 0 and 1':
      return value > 0 && value < 1;
    case 'between −1 and 1':
      return value > -1 && value < 1;
    case 'a whole number ≥ 1':
      return value >= 1;
    default:
      return true;
  }
}


/** Why a non-numeric field has no control. */
function skipNote(family: string, field: string, value: unknown): string | undefined {
  if (family === 'categorical' && field === 'weights') return 'weights: one per outcome, not adjustable here (edit the file)';
  if (family === 'samples' && field === 'values') return `values: ${Array.isArray(value) ? `${value.length} data points` : 'data'}, not adjustable here`;
  if (family === 'mixture' && field === 'components') return `components: ${Array.isArray(value) ? value.length : 'several'} distributions, not adjustable here`;
  if (family === 'mixture' && field === 'weights') return 'weights: one per component, not adjustable here';
  if (field === 'likelihood' && typeof value === 'string') return `likelihood: “${value}” (an ICD-203 phrase), not adjustable here`;
  return undefined;
}

/**
 * The controls of a scenario (apply the variant first: its values are the ones "as loaded"):
 * the params, then each factor in order, then the correlations.
 */
export function scenarioControls(scenario: Scenario): ControlGroup[] {
  const groups: ControlGroup[] = [];
  const params = Object.entries(scenario.params ?? {});
  if (params.length > 0) {
    groups.push({
      kind: 'params',
      name: 'params',
      title: 'Params',
      controls: params.map(([name, spec]) => {
        const value = typeof spec === 'number' ? spec : spec.value;
        return { key: name, field: name, value, ...paramRange(spec), ...documentation(spec) };
      }),
      notes: [],
    });
  }
  for (const [name, spec] of Object.entries(scenario.factors ?? {})) {
    const record = spec as unknown as Record<string, unknown>;
    const family = String(record.dist);
    const controls: NumberControl[] = [];
    const notes: string[] = [];
    for (const [field, value] of Object.entries(record)) {
      if (DOC_FIELDS.has(field)) continue;
      if (typeof value === 'number' && Number.isFinite(value)) {
        controls.push({ key: `${name}.${field}`, field, value, ...fieldRange(family, field, value) });
      } else {
        const note = skipNote(family, field, value);
        if (note) notes.push(note);
      }
    }
    const docs = documentation(spec);
    groups.push({ kind: 'factor', name, title: docs.label ?? name, family, ...(docs.description ? { description: docs.description } : {}), ...(docs.source ? { source: docs.source } : {}), controls, notes });
  }
  const correlations = scenario.correlations ?? [];
  if (correlations.length > 0) {
    groups.push({
      kind: 'correlations',
      name: 'correlations',
      title: 'Correlations',
      controls: correlations.map((c) => {
        const [a, b] = c.factors;
        return { key: `corr.${a}.${b}`, field: `${a} ↔ ${b}`, value: c.rank, ...RANK_RANGE, ...documentation(c) };
      }),
      notes: [],
    });
  }
  return groups;
}


/** Every control's key, in the order shown: the order overrides are kept in. */
export function controlKeys(groups: readonly ControlGroup[]): string[] {
  return groups.flatMap((g) => g.controls.map((c) => c.key));
}

/**
 * Overrides in a stable order: the controls' order first, then any others (from a link) in
 * their own order. The same settings then give the same report and the same command whatever
 * order the controls were moved in.
 */
export function orderOverrides(overrides: Readonly<Record<string, number>>, keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (k: string) => Object.defineProperty(out, k, { value: overrides[k], enumerable: true, writable: true, configurable: true });
  for (const k of keys) if (Object.hasOwn(overrides, k)) put(k);
  for (const k of Object.keys(overrides)) if (!Object.hasOwn(out, k)) put(k);
  return out;
}

/** What the timeline controls need: whether the scenario is timed, its period and its own window. */
export interface TimelineInfo {
  readonly period: string;
  /** The timeline's own horizon, or its fixed end. */
  readonly horizon?: number;
  readonly end?: string;
  /** The scenario's (or variant's) own as-of date. */
  readonly asOf?: string;
}

/** The timeline of a scenario (variant applied), or undefined when it has none. */
export function timelineInfo(scenario: Scenario): TimelineInfo | undefined {
  const t = scenario.timeline;
  if (!t) return undefined;
  return {
    period: t.period ?? 'month',
    ...(t.horizon !== undefined ? { horizon: t.horizon } : {}),
    ...(t.end !== undefined ? { end: t.end } : {}),
    ...(scenario.asOf !== undefined ? { asOf: scenario.asOf } : {}),
  };
}
