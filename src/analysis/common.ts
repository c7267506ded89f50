/**
 * What every analysis shares: its options, the checked scenario and column model it runs on,
 * which event it looks at, and which inputs that event depends on.
 */
import { ColumnModel, type RunPlan } from '../engine/columns';
import { setupSimulation, unknownOptionIssues, type Prepared, type Settings } from '../engine/setup';
import { formulaNames } from '../expr/ast';
import { ScenarioError } from '../issues';
import type { Overrides } from '../model/overrides';
import type { PlannedEvent } from '../model/validate';
import type { Scenario } from '../model/types';
import type { AttributionOptions } from './attribution';
import type { CompareOptions } from './compare';
import type { UpdateOptions } from './evidence';
import type { SensitivityOptions } from './sensitivity';
import type { DriverOptions } from './steps';
import type { AnalysisRun } from './types';

/** Options shared by every analysis; each has a default. */
export interface AnalysisOptions extends DriverOptions {
  /** Seed of every stream. Default: a fresh cryptographic seed, recorded in the result. */
  seed?: string | number;
  /** Trials (default 100,000). */
  trials?: number;
  /** A named variant of the scenario to analyse, applied before `params`. Default: the scenario as written. */
  variant?: string;
  /** Overrides as in `simulate`: `{ base: -1.2 }`, `{ 'rokMediation.mean': 0.4 }`. Default: none. */
  params?: Overrides;
  /** Trials evaluated together per column pass (speed only; results do not depend on it). Default 2,000. */
  batchSize?: number;
  /** The date the forecast is made, as in `simulate`. Default: the scenario's `asOf`, else today (UTC). */
  asOf?: string;
  /** The window's length in periods, as in `simulate`. Default: the timeline's. */
  horizon?: number;
  /** "Nothing yet" evidence per timed event, as in `simulate`. Default: the scenario's `observed`. */
  noneThrough?: Readonly<Record<string, string>>;
}

/** The scenario an analysis runs on, checked and compiled. */
export interface AnalysisSetup {
  readonly settings: Settings;
  readonly prepared: Prepared;
  readonly model: ColumnModel;
  readonly trials: number;
}

// The options every analysis takes, and each analysis's own; `satisfies` makes the compiler
// flag an option added to one of the interfaces but not here.
const SHARED_OPTIONS = {
  seed: true,
  trials: true,
  variant: true,
  params: true,
  batchSize: true,
  asOf: true,
  horizon: true,
  noneThrough: true,
  signal: true,
  onProgress: true,
} as const satisfies Record<keyof AnalysisOptions, true>;

type Own<O> = Record<Exclude<keyof O, keyof AnalysisOptions>, true>;
const OWN_OPTIONS = {
  compare: { variants: true, events: true } satisfies Own<CompareOptions>,
  sensitivity: { event: true, percentiles: true, paramStep: true, paramStepKind: true, sobolSamples: true, bootstrap: true } satisfies Own<SensitivityOptions>,
  attribution: { event: true } satisfies Own<AttributionOptions>,
  update: { event: true, given: true } satisfies Own<UpdateOptions>,
} as const;

/** The analyses whose options {@link setupAnalysis} knows. */
export type AnalysisKind = keyof typeof OWN_OPTIONS;

/**
 * The option names an analysis takes: the shared ones and its own. Without a kind, the options
 * of every analysis (a misspelt name is still caught, an option of another analysis is not).
 */
export function analysisOptionNames(kind?: AnalysisKind): string[] {
  const own = kind === undefined ? Object.values(OWN_OPTIONS).flatMap((o) => Object.keys(o)) : Object.keys(OWN_OPTIONS[kind]);
  return [...new Set([...Object.keys(SHARED_OPTIONS), ...own])];
}

/**
 * Checks options and scenario (with its variant and overrides) and builds the column model.
 *
 * @param kind - which analysis the options are for, so that a key it does not take is an
 *   `unknown-option` issue; default: any analysis's options are accepted.
 * @throws {ScenarioError} naming every bad or unknown option, or scenario issue.
 */
export function setupAnalysis(scenario: Scenario, options: AnalysisOptions, kind?: AnalysisKind): AnalysisSetup {
  const unknown = unknownOptionIssues(options, analysisOptionNames(kind));
  const { seed, trials, variant, params, batchSize, asOf, horizon, noneThrough } = options ?? {};
  // Exactly what a run sets up (no stopping rule: analyses always run a fixed number of trials).
  const sim = setupSimulation(scenario, { seed, trials, variant, params, batchSize, asOf, horizon, noneThrough }, unknown);
  return { ...sim, trials: sim.settings.trials! };
}

/** Seed, trials and scenario identity for a result. */
export function runInfo(setup: AnalysisSetup, trials = setup.trials): AnalysisRun {
  const { prepared, settings } = setup;
  return { scenario: { id: prepared.scenario.id, hash: prepared.hash }, asOf: prepared.asOf, seed: settings.seed, trials };
}

/** A column model for a modified plan, with the same batch size (for paired evaluation). */
export function modelFor(setup: AnalysisSetup, plan: RunPlan): ColumnModel {
  return new ColumnModel(plan, setup.settings.batchSize);
}

/**
 * The event to analyse: `name`, or by default the first event that is not conditional.
 *
 * @throws {ScenarioError} `unknown-event` for a name the scenario does not have.
 */
export function chooseEvent(plan: RunPlan, name: string | undefined): PlannedEvent {
  if (name === undefined) {
    const first = plan.events.find((e) => e.kind !== 'conditional') ?? plan.events[0];
    return first;
  }
  const found = plan.events.find((e) => e.name === name);
  if (!found) {
    throw new ScenarioError([{ code: 'unknown-event', path: 'event', message: `no event named "${name}" (events: ${plan.events.map((e) => e.name).join(', ')})` }]);
  }
  return found;
}

/** Refuses a conditional event for an analysis that needs a per-trial probability of its own. */
export function requireUnconditional(event: PlannedEvent, analysis: string): asserts event is Exclude<PlannedEvent, { kind: 'conditional' }> {
  if (event.kind === 'conditional') {
    throw new ScenarioError([
      {
        code: 'conditional-event',
        path: 'event',
        message: `${analysis} needs an event with a per-trial probability of its own; "${event.name}" is conditional on "${event.given}" (a ratio over trials), so analyse "${event.given}" or write the joint event as an event of its own`,
      },
    ]);
  }
}

/** The names an event's value depends on, directly or through derived nodes (params, factors, derived). */
export function dependencies(plan: RunPlan, event: PlannedEvent): Set<string> {
  const derived = new Map(plan.derived);
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const ast = derived.get(name);
    if (ast) for (const n of formulaNames(ast)) visit(n);
  };
  const roots = event.kind === 'timed' ? [event.hazard, ...event.windows.map((w) => w.multiplier)] : [event.ast];
  for (const ast of roots) for (const n of formulaNames(ast)) visit(n);
  if (event.kind === 'conditional') {
    const given = plan.events.find((e) => e.name === event.given);
    if (given) for (const n of dependencies(plan, given)) seen.add(n);
  }
  return seen;
}

/**
 * The plan cut down to one event (and the event it is conditional on) and the factors and
 * derived nodes it needs, plus any `extra` names: analyses that evaluate a model many times
 * over skip the rest. Factors keep their streams (keyed by name), so every value is unchanged.
 */
export function prunePlan(plan: RunPlan, event: PlannedEvent, extra: Iterable<string> = []): RunPlan {
  // Events with "nothing yet" evidence stay: their quiet stretch weights every trial.
  const evidenced = new Set(plan.time?.evidence.map((o) => o.event));
  const kept = plan.events.filter((e) => e.name === event.name || (event.kind === 'conditional' && e.name === event.given) || evidenced.has(e.name));
  const needed = new Set<string>();
  for (const e of [event, ...kept]) for (const n of dependencies(plan, e)) needed.add(n);
  const derived = new Map(plan.derived);
  const add = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    const ast = derived.get(name);
    if (ast) for (const n of formulaNames(ast)) add(n);
  };
  for (const name of extra) add(name);
  // A correlated group is drawn as a whole (its members' values depend on one another's rows of
  // the copula), so a group the event reads at all is kept entire.
  const groups = (plan.correlations ?? []).filter((g) => g.members.some((m) => needed.has(m)));
  for (const g of groups) for (const m of g.members) needed.add(m);
  return {
    ...plan,
    ...(plan.correlations ? { correlations: groups } : {}),
    factors: plan.factors.filter(([name]) => needed.has(name)),
    derived: plan.derived.filter(([name]) => needed.has(name)),
    outputs: plan.outputs.filter((name) => needed.has(name)),
    events: kept,
  };
}


/** An event's human label from the scenario, if it has one. */
export function labelOf(scenario: Scenario, section: 'events' | 'factors' | 'params' | 'derived', name: string): string | undefined {
  const entries = scenario[section] as Record<string, unknown> | undefined;
  const spec = entries && Object.hasOwn(entries, name) ? entries[name] : undefined;
  return spec !== null && typeof spec === 'object' && 'label' in spec && typeof spec.label === 'string' ? spec.label : undefined;
}
