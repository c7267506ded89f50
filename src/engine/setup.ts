import { ScenarioError, type ValidationIssue } from '../issues';
import { scenarioHash, withoutNegativeZero } from '../model/canonical';
import { applyOverrides, applyVariant, type Overrides } from '../model/overrides';
import type { Scenario } from '../model/types';
import { assertScenario } from '../model/validate';
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

/** Validates options and fills in defaults. @throws {ScenarioError} naming each bad option. */
export function settingsFrom(options: SimulateOptions): Settings {
  const issues: ValidationIssue[] = [];
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
  };
}

/** A scenario checked, overridden and ready to run. */
export interface Prepared {
  scenario: Scenario;
  hash: string;
  plan: RunPlan;
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
  return { scenario: checked.scenario, hash: scenarioHash(checked.scenario), plan: checked };
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
 * @throws {ScenarioError} naming every bad option or scenario issue.
 */
export function setupSimulation(scenario: Scenario, options: SimulateOptions): Simulation {
  const settings = settingsFrom(options);
  const prepared = prepare(scenario, settings);
  return { settings, prepared, model: new ColumnModel(prepared.plan, settings.batchSize) };
}
