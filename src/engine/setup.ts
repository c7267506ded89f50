import { nearestName } from '../expr/names';
import { joinPath, ScenarioError, type ValidationIssue } from '../issues';
import { scenarioHash, withoutNegativeZero } from '../model/canonical';
import { applyOverrides, applyVariant, type Overrides } from '../model/overrides';
import type { Scenario } from '../model/types';
import { isDay, todayUtc } from '../model/calendar';
import { MAX_PERIODS, resolveTimeline, type TimeOptions } from '../model/timeline';
import { assertScenario, type CheckedScenario } from '../model/validate';
import { generateSeed } from '../rng';
import { ColumnModel, type RunPlan } from './columns';
import { DEFAULT_BATCH_SIZE, DEFAULT_MAX_TRIALS, DEFAULT_TRIALS, TRIALS_LIMIT, type SimulateOptions } from './types';

/** The options of a run, checked and with defaults filled in. */
export interface Settings {
  seed: string;
  trials?: number;
  halfWidth?: number;
  maxTrials?: number;
  batchSize: number;
  variant?: string;
  overrides: Overrides;
  /** As given in the options; the run's date is settled by {@link prepare}. */
  asOf?: string;
  horizon?: number;
  noneThrough?: Readonly<Record<string, string>>;
}

function checkCount(value: unknown, name: string, issues: ValidationIssue[], min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.push({
      code: 'invalid-option',
      path: name,
      message: `must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got ${JSON.stringify(value) ?? String(value)})`,
    });
  }
}

// Every option of `simulate` and `simulateSync`; `satisfies` makes the compiler flag an option
// added to SimulateOptions but not here.
const SIMULATE_OPTIONS = {
  seed: true,
  trials: true,
  halfWidth: true,
  maxTrials: true,
  params: true,
  variant: true,
  signal: true,
  onProgress: true,
  batchSize: true,
  asOf: true,
  horizon: true,
  noneThrough: true,
} as const satisfies Record<keyof SimulateOptions, true>;

/** The names of the options of `simulate` and `simulateSync` ({@link SimulateOptions}). */
export const SIMULATE_OPTION_NAMES: readonly string[] = Object.freeze(Object.keys(SIMULATE_OPTIONS));

/**
 * Problems with the keys of an options object: one `unknown-option` issue per key the function
 * does not take (a misspelt `{ trails: 1000 }` from plain JavaScript would otherwise be ignored
 * silently), with a "did you mean" and the list of options; or one `invalid-option` issue when
 * `options` is not an object at all. Keys whose value is `undefined` are let through, as a
 * missing option is.
 *
 * @param accepted - the option names the function takes.
 */
export function unknownOptionIssues(options: unknown, accepted: readonly string[]): ValidationIssue[] {
  if (options === undefined) return [];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    return [{ code: 'invalid-option', path: '', message: `options must be an object such as { seed: 1, trials: 10000 } (got ${JSON.stringify(options) ?? String(options)})` }];
  }
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || accepted.includes(key)) continue;
    const near = nearestName(key, accepted);
    issues.push({ code: 'unknown-option', path: key, message: `unknown option "${key}"${near === undefined ? '' : ` (did you mean "${near}"?)`}; options: ${accepted.join(', ')}` });
  }
  return issues;
}

/**
 * Validates options and fills in defaults.
 *
 * @param earlier - issues already found with the options (e.g. by {@link unknownOptionIssues}),
 *   reported first together with these.
 * @throws {ScenarioError} naming each bad option.
 */
export function settingsFrom(options: SimulateOptions, earlier: readonly ValidationIssue[] = []): Settings {
  if (options === null || typeof options !== 'object') {
    throw new ScenarioError(earlier.length > 0 ? earlier : unknownOptionIssues(options, SIMULATE_OPTION_NAMES));
  }
  const issues: ValidationIssue[] = [...earlier];
  checkCount(options.trials, 'trials', issues, 1, TRIALS_LIMIT);
  checkCount(options.maxTrials, 'maxTrials', issues, 1, TRIALS_LIMIT);
  checkCount(options.batchSize, 'batchSize', issues, 1, 1 << 16);
  const h = options.halfWidth;
  if (h !== undefined && (typeof h !== 'number' || !(h > 0 && h <= 0.5))) {
    issues.push({ code: 'invalid-option', path: 'halfWidth', message: `must be a number in (0, 0.5] (got ${JSON.stringify(h) ?? String(h)})` });
  }
  const seed = options.seed;
  if (seed !== undefined) {
    const ok = typeof seed === 'string' ? seed.length > 0 && seed.length <= 256 : Number.isSafeInteger(seed);
    if (!ok) issues.push({ code: 'invalid-option', path: 'seed', message: `must be a non-empty string of at most 256 characters or a whole number (got ${JSON.stringify(seed) ?? String(seed)})` });
  }
  checkTimeOptions(options, issues);
  if (h === undefined && options.trials !== undefined && options.maxTrials !== undefined && options.trials > options.maxTrials) {
    issues.push({ code: 'invalid-option', path: 'trials', message: `${options.trials} exceeds maxTrials (${options.maxTrials})` });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return {
    seed: seed === undefined ? generateSeed() : String(seed),
    trials: h === undefined ? (options.trials ?? DEFAULT_TRIALS) : undefined,
    halfWidth: h,
    maxTrials: h === undefined ? options.maxTrials : (options.maxTrials ?? DEFAULT_MAX_TRIALS),
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    variant: options.variant,
    overrides: options.params ?? {},
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.horizon !== undefined ? { horizon: options.horizon } : {}),
    ...(options.noneThrough !== undefined && Object.keys(options.noneThrough).length > 0 ? { noneThrough: { ...options.noneThrough } } : {}),
  };
}

/** The shape of `asOf`, `horizon` and `noneThrough`; how they fit the scenario is checked by {@link prepare}. */
function checkTimeOptions(options: SimulateOptions, issues: ValidationIssue[]): void {
  const { asOf, horizon, noneThrough } = options;
  if (asOf !== undefined && !isDay(asOf)) issues.push({ code: 'invalid-option', path: 'asOf', message: `must be a date written YYYY-MM-DD (got ${JSON.stringify(asOf) ?? String(asOf)})` });
  checkCount(horizon, 'horizon', issues, 1, MAX_PERIODS);
  if (noneThrough === undefined) return;
  if (noneThrough === null || typeof noneThrough !== 'object' || Array.isArray(noneThrough)) {
    issues.push({ code: 'invalid-option', path: 'noneThrough', message: 'must be an object of event names to dates, e.g. { "summit": "2026-05-15" }' });
    return;
  }
  for (const [event, date] of Object.entries(noneThrough)) {
    if (!isDay(date)) issues.push({ code: 'invalid-option', path: joinPath('noneThrough', event), message: `must be a date written YYYY-MM-DD (got ${JSON.stringify(date) ?? String(date)})` });
  }
}

/** A scenario checked, overridden, placed in time and ready to run. */
export interface Prepared {
  scenario: Scenario;
  hash: string;
  plan: RunPlan;
  /** The date the forecast is made: the option, else the (variant's) scenario's `asOf`, else today. */
  asOf: string;
  /** Where `asOf` came from: a scenario that sets its own may forecast from a date far from today. */
  asOfFrom: 'option' | 'scenario' | 'today';
}

export function prepare(input: Scenario, settings: Settings): Prepared {
  let scenario = input;
  if (settings.variant !== undefined) {
    // The whole scenario first: applying the variant drops the others, and with them any
    // problem in the selected one (a misspelt "sett" would otherwise be silently ignored).
    assertScenario(scenario);
    const applied = applyVariant(scenario, settings.variant);
    if (!applied.scenario) throw new ScenarioError(applied.issues);
    // What runs is the base with this variant applied; the other variants describe the base.
    const { variants: _others, ...effective } = applied.scenario;
    scenario = effective;
  }
  if (Object.keys(settings.overrides).length > 0) {
    const applied = applyOverrides(scenario, settings.overrides);
    if (!applied.scenario) throw new ScenarioError(applied.issues);
    scenario = applied.scenario;
  }
  const checked = assertScenario(withoutNegativeZero(scenario));
  const asOfFrom = settings.asOf !== undefined ? 'option' : checked.scenario.asOf !== undefined ? 'scenario' : 'today';
  const asOf = settings.asOf ?? checked.scenario.asOf ?? todayUtc();
  return { scenario: checked.scenario, hash: scenarioHash(checked.scenario), plan: placeInTime(checked, asOf, settings), asOf, asOfFrom };
}

/**
 * The run plan of a checked scenario at its as-of date: without a timeline, the scenario's
 * events as they are; with one, the window, each calendar window's periods and the evidence.
 *
 * @throws {ScenarioError} naming the option or field whose date does not fit.
 */
function placeInTime(checked: CheckedScenario, asOf: string, options: TimeOptions): RunPlan {
  const { scenario } = checked;
  if (!scenario.timeline) {
    const issues: ValidationIssue[] = [];
    if (options.horizon !== undefined) issues.push({ code: 'timeline-missing', path: 'horizon', message: `scenario "${scenario.id}" has no timeline, so it has no window to set` });
    for (const event of Object.keys(options.noneThrough ?? {})) issues.push({ code: 'not-timed', path: joinPath('noneThrough', event), message: `scenario "${scenario.id}" has no timeline: "nothing yet" evidence needs a timed event` });
    if (issues.length > 0) throw new ScenarioError(issues);
    return checked;
  }
  const { plan: time, covers, issues } = resolveTimeline(scenario, asOf, options);
  if (!time) throw new ScenarioError(issues);
  const events = checked.events.map((e) => (e.kind === 'timed' ? { ...e, windows: e.windows.map((w, i) => ({ ...w, covers: covers!.get(e.name)![i] })) } : e));
  return { ...checked, events, time };
}

/** Everything a run needs before its first chunk: settings, the effective scenario, its columns. */
export interface Simulation {
  readonly settings: Settings;
  readonly prepared: Prepared;
  readonly model: ColumnModel;
}

/**
 * Checks options and scenario and builds the column model.
 *
 * @param earlier - issues already found with the options, such as unknown keys
 *   ({@link unknownOptionIssues}); they are thrown together with any other bad option.
 * @throws {ScenarioError} naming every bad option or scenario issue.
 */
export function setupSimulation(scenario: Scenario, options: SimulateOptions, earlier: readonly ValidationIssue[] = []): Simulation {
  const settings = settingsFrom(options, earlier);
  const prepared = prepare(scenario, settings);
  return { settings, prepared, model: new ColumnModel(prepared.plan, settings.batchSize) };
}
