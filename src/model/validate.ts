import { validateDistSpec, type DistSpec } from '../distributions';
import { checkFormula, formulaNames, type FormulaAst } from '../expr';
import { joinPath, ScenarioError, type ValidationIssue } from '../issues';
import { correlationGroups, type CorrelationGroup } from './correlations';
import { topologicalOrder } from './graph';
import { nameProblem } from './names';
import { applyVariant } from './overrides';
import { scenarioStructureSchema } from './schema';
import { parseDay } from './calendar';
import { checkTimelineShape, checkWindowShape, observationProblem } from './timeline';
import type { DerivedSpec, EventSpec, OutputSpec, ParamSpec, Scenario } from './types';
import { fromZodIssues } from './zodIssues';

/** Most names a scenario may declare in all sections together (keeps graph work bounded). */
export const MAX_NODES = 1000;

const SECTIONS = ['params', 'factors', 'derived', 'outputs', 'events'] as const;
type Section = (typeof SECTIONS)[number];

/** A calendar window as the engine runs it: its multiplier and the simulated periods it covers (set for each run by `resolveTimeline`). */
export interface PlannedWindow {
  readonly multiplier: FormulaAst;
  readonly covers: readonly number[];
}

/** An event as the engine runs it. */
export type PlannedEvent =
  | { readonly name: string; readonly kind: 'probability'; readonly ast: FormulaAst }
  | { readonly name: string; readonly kind: 'conditional'; readonly ast: FormulaAst; readonly given: string }
  | { readonly name: string; readonly kind: 'timed'; readonly hazard: FormulaAst; readonly windows: readonly PlannedWindow[] };

/** A scenario that passed validation, with its formulas parsed and its nodes ordered. */
export interface CheckedScenario {
  readonly scenario: Scenario;
  readonly params: ReadonlyArray<readonly [string, number]>;
  readonly factors: ReadonlyArray<readonly [string, DistSpec]>;
  /** Derived nodes and outputs in evaluation order (each after what it reads). */
  readonly derived: ReadonlyArray<readonly [string, FormulaAst]>;
  /** The names among `derived` that are the scenario's outputs, in written order. */
  readonly outputs: readonly string[];
  /** Events in written order. */
  readonly events: readonly PlannedEvent[];
  /** Groups of correlated factors, each drawn through a Gaussian copula. */
  readonly correlations: readonly CorrelationGroup[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The formula text of a derived node or an untimed event, in either of its written forms. */
export function formulaOf(spec: DerivedSpec | OutputSpec | EventSpec): string | undefined {
  if (typeof spec === 'string') return spec;
  if ('formula' in spec) return spec.formula;
  return 'p' in spec ? spec.p : undefined;
}

/** The value of a param, in either of its written forms. */
export function paramValue(spec: ParamSpec): number {
  return typeof spec === 'number' ? spec : spec.value;
}

/** Checks names in every section on the raw input, before any parsing could drop a key. */
function checkNames(input: Record<string, unknown>, issues: ValidationIssue[]): void {
  const seen = new Map<string, Section>();
  let count = 0;
  for (const section of SECTIONS) {
    const entries = input[section];
    if (!isRecord(entries)) continue;
    for (const name of Object.keys(entries)) {
      count++;
      const path = joinPath(section, name);
      const problem = nameProblem(name);
      if (problem) issues.push({ ...problem, path });
      const other = seen.get(name);
      if (other) issues.push({ code: 'duplicate-name', path, message: `"${name}" is already declared in ${other}` });
      else seen.set(name, section);
    }
  }
  if (count > MAX_NODES) {
    issues.push({ code: 'too-many-nodes', path: '', message: `a scenario may declare at most ${MAX_NODES} names (got ${count})` });
  }
}

/** A param's optional range: min below max, and its value within them. */
function checkParamRanges(scenario: Scenario, issues: ValidationIssue[]): void {
  for (const [name, spec] of Object.entries(scenario.params ?? {})) {
    if (typeof spec === 'number') continue;
    const { value, min, max } = spec;
    const path = joinPath('params', name);
    if (min !== undefined && max !== undefined && !(min < max)) {
      issues.push({ code: 'param-range', path: joinPath(path, 'max'), message: `max (${max}) must be greater than min (${min})` });
    } else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      issues.push({ code: 'param-range', path: joinPath(path, 'value'), message: `${value} is outside the param's range [${min ?? '-∞'}, ${max ?? '∞'}] (its "min" and "max")` });
    }
  }
}

/** The timeline and the "nothing yet" observations, as far as they can be checked without an as-of date. */
function checkTime(scenario: Scenario, issues: ValidationIssue[]): void {
  if (scenario.timeline) checkTimelineShape(scenario.timeline, 'timeline', issues);
  if (scenario.asOf !== undefined) {
    const asOf = parseDay(scenario.asOf);
    const start = scenario.timeline ? parseDay(scenario.timeline.start) : undefined;
    if (asOf === undefined) issues.push({ code: 'invalid-date', path: 'asOf', message: `${scenario.asOf} is not a date` });
    else if (start !== undefined && asOf < start) issues.push({ code: 'as-of-before-start', path: 'asOf', message: `the as-of date ${scenario.asOf} is before the timeline's start ${scenario.timeline!.start}; the model's world starts there` });
  }
  for (const [i, o] of (scenario.observed ?? []).entries()) {
    const path = joinPath('observed', i, 'noneThrough');
    const problem = observationProblem(scenario, o.event, o.noneThrough, path);
    if (problem) issues.push(problem.code === 'unknown-event' || problem.code === 'not-timed' ? { ...problem, path: joinPath('observed', i, 'event') } : problem);
    // Against the scenario's (or a variant's) own date; a date given as an option is checked by the run.
    else if (scenario.asOf !== undefined && o.noneThrough > scenario.asOf) issues.push({ code: 'none-through-after-as-of', path, message: `${o.noneThrough} is after the scenario's as-of date ${scenario.asOf}: nothing can be known yet about later days` });
  }
}

/** Formula checker bound to the names a formula may read and the issue list. */
function formulaChecker(readable: ReadonlySet<string>, issues: ValidationIssue[]) {
  return (source: string, path: string): FormulaAst | undefined => {
    const { ast, issues: found } = checkFormula(source, readable, path);
    issues.push(...found);
    return ast;
  };
}

function planEvents(scenario: Scenario, check: ReturnType<typeof formulaChecker>, issues: ValidationIssue[]): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  for (const [name, spec] of Object.entries(scenario.events)) {
    const base = joinPath('events', name);
    if (typeof spec === 'string' || 'p' in spec) {
      const ast = check(formulaOf(spec)!, typeof spec === 'string' ? base : joinPath(base, 'p'));
      const given = typeof spec === 'string' ? undefined : spec.given;
      if (given !== undefined) {
        const target = Object.hasOwn(scenario.events, given) ? scenario.events[given] : undefined;
        if (target === undefined) issues.push({ code: 'unknown-event', path: joinPath(base, 'given'), message: `no event named "${given}"` });
        else if (given === name || (typeof target !== 'string' && 'given' in target && target.given !== undefined)) {
          issues.push({ code: 'conditional-chain', path: joinPath(base, 'given'), message: `"${given}" must be an unconditional event other than "${name}"` });
        }
      }
      if (ast) events.push(given === undefined ? { name, kind: 'probability', ast } : { name, kind: 'conditional', ast, given });
      continue;
    }
    if (!scenario.timeline) {
      issues.push({ code: 'timeline-missing', path: joinPath(base, 'hazard'), message: 'a timed event needs the scenario to have a "timeline"' });
      continue;
    }
    const hazard = check(spec.hazard, joinPath(base, 'hazard'));
    const windows: PlannedWindow[] = [];
    (spec.windows ?? []).forEach((w, i) => {
      const path = joinPath(base, 'windows', i);
      checkWindowShape(w, path, issues);
      const multiplier = check(w.multiplier, joinPath(path, 'multiplier'));
      if (multiplier) windows.push({ multiplier, covers: [] });
    });
    if (hazard) events.push({ name, kind: 'timed', hazard, windows });
  }
  return events;
}

/** A signpost must name an existing event, be observable in at least one kind of world, and read only the model's names. */
function checkSignposts(scenario: Scenario, check: ReturnType<typeof formulaChecker>, issues: ValidationIssue[]): void {
  for (const [name, s] of Object.entries(scenario.signposts ?? {})) {
    const path = joinPath('signposts', name);
    if (s.event !== undefined && !Object.hasOwn(scenario.events, s.event)) {
      issues.push({ code: 'unknown-event', path: joinPath(path, 'event'), message: `no event named "${s.event}" (events: ${Object.keys(scenario.events).join(', ')})` });
    }
    if ('given' in s) check(s.given, joinPath(path, 'given'));
    if ('pIfEvent' in s && s.pIfEvent === 0 && s.pIfNotEvent === 0) {
      issues.push({ code: 'signpost-impossible', path, message: 'pIfEvent and pIfNotEvent are both 0: it could never be observed' });
    }
  }
}

/** Applies each variant and checks the result, so a broken variant is found before anyone runs it. */
function checkVariants(scenario: Scenario, issues: ValidationIssue[]): void {
  const base = [...issues];
  for (const name of Object.keys(scenario.variants ?? {})) {
    const applied = applyVariant(scenario, name);
    const { variants: _others, ...effective } = applied.scenario ?? {};
    const found = applied.scenario ? checkScenario(effective).issues : applied.issues;
    // A problem the variant inherits from the base scenario is reported once, at the base.
    const inherited = new Set(base.map((i) => `${i.code}\u0000${i.path}\u0000${i.message}`));
    for (const i of found) {
      if (inherited.has(`${i.code}\u0000${i.path}\u0000${i.message}`)) continue;
      issues.push({ ...i, path: i.path.startsWith('variants.') ? i.path : joinPath('variants', name, i.path) });
    }
  }
}

/** Every name a formula may read: the keys of params, factors, derived and outputs, valid or not. */
function declaredNames(input: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const section of ['params', 'factors', 'derived', 'outputs'] as const) {
    const entries = input[section];
    if (isRecord(entries)) for (const name of Object.keys(entries)) names.add(name);
  }
  return names;
}

/** The section each name other than a factor is declared in, for messages about names in the wrong place. */
function sectionsOf(scenario: Scenario): Map<string, string> {
  const sections = new Map<string, string>();
  for (const section of ['params', 'derived', 'outputs', 'events'] as const) for (const name of Object.keys(scenario[section] ?? {})) sections.set(name, section);
  return sections;
}

/** True when an issue is already reported at `path`, inside it or around it. */
function reportedNear(issues: readonly ValidationIssue[], path: string): boolean {
  return issues.some((i) => i.path === '' || i.path === path || i.path.startsWith(`${path}.`) || path.startsWith(`${i.path}.`));
}

/**
 * The formulas of a scenario whose structure did not pass, checked where they can be found:
 * a formula is checked when it is a string at a place a formula belongs and no problem is
 * already reported at that place (an empty formula, an event of the wrong shape), so a
 * scenario with a wrong value and a wrong formula reports both at once.
 */
function checkLooseFormulas(input: Record<string, unknown>, readable: ReadonlySet<string>, issues: ValidationIssue[]): void {
  const known = [...issues];
  // A section of names that is not an object (`"params": "w = 1"`) is reported; the names it
  // meant to declare cannot be known, so a formula reading one is not called unknown as well.
  const namesKnown = ['params', 'factors', 'derived', 'outputs'].every((section) => input[section] === undefined || isRecord(input[section]));
  const at = (value: unknown, path: string) => {
    if (typeof value !== 'string' || value === '' || reportedNear(known, path)) return;
    const { issues: found } = checkFormula(value, readable, path);
    issues.push(...(namesKnown ? found : found.filter((i) => i.code !== 'formula-unknown-name')));
  };
  const entries = (section: string): Array<[string, unknown]> => (isRecord(input[section]) ? Object.entries(input[section] as Record<string, unknown>) : []);
  for (const section of ['derived', 'outputs'] as const) {
    for (const [name, spec] of entries(section)) {
      if (typeof spec === 'string') at(spec, joinPath(section, name));
      else if (isRecord(spec)) at(spec.formula, joinPath(section, name, 'formula'));
    }
  }
  for (const [name, spec] of entries('events')) {
    const base = joinPath('events', name);
    if (typeof spec === 'string') at(spec, base);
    else if (isRecord(spec)) {
      at(spec.p, joinPath(base, 'p'));
      at(spec.hazard, joinPath(base, 'hazard'));
      if (Array.isArray(spec.windows)) spec.windows.forEach((w, i) => isRecord(w) && at(w.multiplier, joinPath(base, 'windows', i, 'multiplier')));
    }
  }
  for (const [name, spec] of entries('signposts')) if (isRecord(spec)) at(spec.given, joinPath('signposts', name, 'given'));
}

/**
 * Checks a scenario and returns every issue found (empty when valid) together with the
 * checked form. Never throws for bad input.
 *
 * Every problem is reported at once: wrong values (types, distributions) and wrong formulas
 * together. Only badly formed names stop the check early, since nothing else can be looked up
 * safely under them; cycles among derived nodes are looked for once everything else is valid.
 */
export function checkScenario(input: unknown): { issues: ValidationIssue[]; checked?: CheckedScenario } {
  if (!isRecord(input)) {
    return { issues: [{ code: 'wrong-type', path: '', message: 'a scenario must be a JSON object' }] };
  }
  const issues: ValidationIssue[] = [];
  checkNames(input, issues);
  if (issues.length > 0) return { issues };

  const parsed = scenarioStructureSchema.safeParse(input);
  if (!parsed.success) issues.push(...fromZodIssues(parsed.error.issues, '', input));

  const factors: Array<readonly [string, DistSpec]> = [];
  if (isRecord(input.factors)) {
    for (const [name, spec] of Object.entries(input.factors)) {
      const found = validateDistSpec(spec, joinPath('factors', name));
      if (found.length > 0) issues.push(...found);
      else factors.push([name, spec as DistSpec]);
    }
  }
  // A formula may read any declared name, even one whose own value is wrong: that is reported
  // once, at the name, not again in every formula reading it.
  const readable = declaredNames(input);
  if (!parsed.success) {
    checkLooseFormulas(input, readable, issues);
    return { issues };
  }
  const check = formulaChecker(readable, issues);

  const scenario = input as unknown as Scenario;
  if (Object.keys(scenario.events).length === 0) {
    issues.push({ code: 'no-events', path: 'events', message: 'a scenario needs at least one event' });
  }
  const params = Object.entries(scenario.params ?? {}).map(([n, s]) => [n, paramValue(s)] as const);
  checkParamRanges(scenario, issues);
  const outputs = Object.keys(scenario.outputs ?? {});

  // Outputs are computed like derived nodes (and may be read like them); only their reporting differs.
  const derivedAsts = new Map<string, FormulaAst>();
  for (const section of ['derived', 'outputs'] as const) {
    for (const [name, spec] of Object.entries(scenario[section] ?? {})) {
      const ast = check(formulaOf(spec)!, joinPath(section, name, typeof spec === 'string' ? undefined : 'formula'));
      if (ast) derivedAsts.set(name, ast);
    }
  }
  checkTime(scenario, issues);
  const events = planEvents(scenario, check, issues);
  checkSignposts(scenario, check, issues);
  const correlations = correlationGroups(scenario.correlations ?? [], Object.keys(scenario.factors ?? {}), sectionsOf(scenario), issues);
  checkVariants(scenario, issues);
  if (issues.length > 0) return { issues };

  const { order, cycle } = topologicalOrder([...derivedAsts.keys()], (n) => formulaNames(derivedAsts.get(n)!));
  if (cycle) {
    return {
      issues: [{ code: 'cycle', path: joinPath(outputs.includes(cycle[0]) ? 'outputs' : 'derived', cycle[0]), message: `derived nodes form a cycle: ${cycle.join(' -> ')}` }],
    };
  }
  return {
    issues: [],
    checked: { scenario, params, factors, derived: order.map((n) => [n, derivedAsts.get(n)!] as const), outputs, events, correlations },
  };
}

/**
 * Every problem with a scenario, as data: `{ code, path, message }` with paths such as
 * `factors.rokMediation.alpha`. An empty list means the scenario is valid.
 *
 * @example
 * ```ts
 * validateScenario({ id: 'x', title: 'X', events: { e: 'q > 1' } });
 * // [{ code: 'formula-unknown-name', path: 'events.e', message: 'unknown name "q"' }]
 * ```
 */
export function validateScenario(input: unknown): ValidationIssue[] {
  return checkScenario(input).issues;
}

/**
 * Validates a scenario and returns its checked form.
 *
 * @throws {ScenarioError} listing every issue when the scenario is invalid.
 */
export function assertScenario(input: unknown): CheckedScenario {
  const { issues, checked } = checkScenario(input);
  if (!checked) throw new ScenarioError(issues);
  return checked;
}
