import { ScenarioError, type ValidationIssue } from '../issues';
import { canonicalHash } from '../model/canonical';
import { applyOverrides, applyVariant, type Overrides } from '../model/overrides';
import { monthEnd, monthIndex } from '../model/timeline';
import type { Scenario } from '../model/types';
import { assertScenario } from '../model/validate';
import { generateSeed, RNG_ALGORITHM } from '../rng';
import { VERSION } from '../version';
import { CHUNK_SIZE, emptyTotals, mergeTotals, runChunk, type Totals } from './chunk';
import { ColumnModel, type RunPlan } from './columns';
import { combineExact, roundExact } from './exactSum';
import { halfWidth, meanInterval, ratioInterval, sampleVariance, wilsonInterval, type Interval } from './intervals';

/** Default number of trials when neither `trials` nor `halfWidth` is given. */
export const DEFAULT_TRIALS = 100_000;
/** Default cap on trials when stopping by `halfWidth`. */
export const DEFAULT_MAX_TRIALS = 10_000_000;
/** The most trials any run may ask for (about an hour of one core); larger requests are refused. */
export const TRIALS_LIMIT = 10_000_000_000;
/** Default trials per batch: the length of every column. */
export const DEFAULT_BATCH_SIZE = 2_000;

/** Why a run stopped. */
export type StopReason = 'trials' | 'halfWidth' | 'maxTrials' | 'aborted';

/** Progress of a run, reported after every chunk. */
export interface Progress {
  /** Trials done so far. */
  readonly trials: number;
  /** Trials the run will do at most (`trials`, or `maxTrials` when stopping by half-width). */
  readonly target: number;
  /** The widest event's current 95% half-width. */
  readonly halfWidth: number;
}

/** Options of {@link simulate}; every one has a default. */
export interface SimulateOptions {
  /** Seed of every stream. Default: a fresh seed from the platform's cryptographic source, recorded in the result. */
  seed?: string | number;
  /** Trials to run. Default 100,000. Ignored when `halfWidth` is given. */
  trials?: number;
  /** Stop as soon as every event's 95% half-width is below this (checked after each chunk). Default: off. */
  halfWidth?: number;
  /** Cap on trials when stopping by `halfWidth` (default 10,000,000); with a fixed `trials`, a larger request is refused. */
  maxTrials?: number;
  /** Overrides by name: `{ base: -1.2 }` sets a param, `{ 'rokMediation.mean': 0.4 }` a factor field. Default: none. */
  params?: Overrides;
  /** A named variant of the scenario, applied before `params`. Default: none (the scenario as written). */
  variant?: string;
  /** Stops the run between chunks; the partial result is returned with `stoppedBecause: 'aborted'`. */
  signal?: AbortSignal;
  /** Called after every chunk. */
  onProgress?: (progress: Progress) => void;
  /** Trials evaluated together per column pass (memory/speed trade-off only; results do not depend on it). Default 2,000. */
  batchSize?: number;
}

/** One event's estimate. */
export interface EventEstimate {
  /** Estimated probability. */
  readonly probability: number;
  /** 95% interval. */
  readonly ci95: readonly [number, number];
  readonly standardError: number;
  readonly trials: number;
  /**
   * `wilson` when every trial's value was 0 or 1 (a count, Wilson score interval);
   * `mean` when values are probabilities (mean of per-trial probabilities, normal interval);
   * `ratio` for a conditional event (ratio estimate with a delta-method interval).
   */
  readonly method: 'wilson' | 'mean' | 'ratio';
  /** For a conditional event: the event it is conditional on. */
  readonly given?: string;
}

/** A probability with its interval, as reported in timelines. */
export interface Estimate {
  readonly probability: number;
  readonly ci95: readonly [number, number];
  readonly standardError: number;
}

/** One period of a timed event's curve. */
export interface TimelinePoint {
  /** The period, `YYYY-MM`. */
  readonly period: string;
  /** Its last day, `YYYY-MM-DD`. */
  readonly end: string;
  /** P(the event has occurred by `end`). */
  readonly cumulative: Estimate;
  /**
   * P(the event occurs by the timeline's end | it has not occurred by `end`); absent for the
   * last period and when no trial leaves any chance of reaching `end` without it.
   */
  readonly ifNoneYet?: Estimate;
}

/** Mean and standard deviation of a factor or derived node across trials. */
export interface NodeSummary {
  readonly kind: 'factor' | 'derived';
  readonly mean: number;
  readonly sd: number;
}

/** What makes a run reproducible. */
export interface Manifest {
  readonly library: 'scenario-odds';
  readonly version: string;
  readonly rngAlgorithm: string;
  readonly chunkSize: number;
  /** `node vX.Y.Z`, or `browser` elsewhere. */
  readonly runtime: string;
  readonly seed: string;
  readonly trials: number;
  readonly stoppedBecause: StopReason;
  readonly scenarioHash: string;
  /** SHA-256 of the canonical JSON of the numerical results (events, nodes, trials, stop reason). */
  readonly resultsHash: string;
  /** The settings that decide how many trials run. */
  readonly settings: { readonly trials?: number; readonly halfWidth?: number; readonly maxTrials?: number };
  readonly variant?: string;
  readonly overrides: Overrides;
}

/** The result of a run. */
export interface SimulationResult {
  readonly scenario: { readonly id: string; readonly title: string; readonly hash: string };
  readonly seed: string;
  readonly trials: number;
  readonly stoppedBecause: StopReason;
  readonly events: Readonly<Record<string, EventEstimate>>;
  readonly nodes: Readonly<Record<string, NodeSummary>>;
  /** Per timed event, the cumulative curve by period. */
  readonly timelines: Readonly<Record<string, readonly TimelinePoint[]>>;
  readonly manifest: Manifest;
  /** Wall-clock time of the run in milliseconds (not part of the results hash). */
  readonly elapsedMs: number;
}

interface Settings {
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
      message: `must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got ${String(value)})`,
    });
  }
}

/** Validates options and fills in defaults. @throws {ScenarioError} naming each bad option. */
function settingsFrom(options: SimulateOptions): Settings {
  const issues: ValidationIssue[] = [];
  checkCount(options.trials, 'trials', issues, 1, TRIALS_LIMIT);
  checkCount(options.maxTrials, 'maxTrials', issues, 1, TRIALS_LIMIT);
  checkCount(options.batchSize, 'batchSize', issues, 1, 1 << 16);
  const h = options.halfWidth;
  if (h !== undefined && (typeof h !== 'number' || !(h > 0 && h <= 0.5))) {
    issues.push({ code: 'invalid-option', path: 'halfWidth', message: `must be a number in (0, 0.5] (got ${String(h)})` });
  }
  const seed = options.seed;
  if (seed !== undefined) {
    const ok = typeof seed === 'string' ? seed.length > 0 && seed.length <= 256 : Number.isSafeInteger(seed);
    if (!ok) issues.push({ code: 'invalid-option', path: 'seed', message: `must be a non-empty string of at most 256 characters or a whole number (got ${String(seed)})` });
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
interface Prepared {
  scenario: Scenario;
  hash: string;
  plan: RunPlan;
}

function prepare(input: Scenario, settings: Settings): Prepared {
  let scenario = input;
  if (settings.variant !== undefined) {
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
  const checked = assertScenario(scenario);
  const { $schema: _ignored, ...hashed } = checked.scenario;
  return { scenario: checked.scenario, hash: canonicalHash(hashed), plan: checked };
}

const rounded = (partials: readonly number[]) => roundExact(partials);

function estimate(totals: Totals, model: ColumnModel, e: number): Interval & { method: EventEstimate['method'] } {
  const k = model.firstEvent + e;
  const n = totals.trials;
  const conditional = model.conditional.find((c) => c.event === k);
  if (conditional) {
    const g = conditional.givenColumn;
    const i = ratioInterval(rounded(totals.sum[k]), rounded(totals.sumSq[k]), rounded(totals.sum[g]), rounded(totals.sumSq[g]), rounded(totals.cross[conditional.cross]), n);
    return { ...i, method: 'ratio' };
  }
  if (totals.fractional[e] === 0) return { ...wilsonInterval(totals.ones[e], n), method: 'wilson' };
  return { ...meanInterval(rounded(totals.sum[k]), rounded(totals.sumSq[k]), n), method: 'mean' };
}

function worstHalfWidth(totals: Totals, model: ColumnModel): number {
  let worst = 0;
  for (let e = 0; e < model.eventCount; e++) {
    const i = estimate(totals, model, e);
    // A conditional whose condition never held yet has no estimate; keep sampling.
    worst = Math.max(worst, Number.isFinite(i.estimate) ? halfWidth(i) : Infinity);
  }
  return worst;
}

function asEstimate(i: Interval): Estimate {
  return { probability: i.estimate, ci95: [i.lo, i.hi], standardError: i.standardError };
}

/** The cumulative curve of one timed event and, per period, the odds if nothing happened yet. */
function timelineOf(totals: Totals, model: ColumnModel, layout: ColumnModel['timed'][number], firstMonth: number): TimelinePoint[] {
  const n = totals.trials;
  const { survival, crossWithLast } = layout;
  const last = survival.length - 1;
  const sLast = totals.sum[survival[last]];
  const qLast = totals.sumSq[survival[last]];
  return survival.map((k, t) => {
    const s = meanInterval(rounded(totals.sum[k]), rounded(totals.sumSq[k]), n);
    const cumulative: Estimate = { probability: 1 - s.estimate, ci95: [1 - s.hi, 1 - s.lo], standardError: s.standardError };
    const point = { period: model.plan.periods[t], end: monthEnd(firstMonth + t), cumulative };
    const sb = rounded(totals.sum[k]);
    if (t === last || sb === 0) return point;
    // a = S_t − S_last (occurs after t, by the end), b = S_t (none through t).
    const cross = totals.cross[crossWithLast[t]];
    const sa = combineExact([[1, totals.sum[k]], [-1, sLast]]);
    const saa = combineExact([[1, totals.sumSq[k]], [-2, cross], [1, qLast]]);
    const sab = combineExact([[1, totals.sumSq[k]], [-1, cross]]);
    return { ...point, ifNoneYet: asEstimate(ratioInterval(sa, saa, sb, rounded(totals.sumSq[k]), sab, n)) };
  });
}

/**
 * The run as a sequence of steps, one per chunk, so the same logic serves the synchronous API
 * and the asynchronous one that yields to the event loop between chunks.
 */
function* runSteps(prepared: Prepared, settings: Settings, options: SimulateOptions): Generator<void, { totals: Totals; model: ColumnModel; stop: StopReason }> {
  const model = new ColumnModel(prepared.plan, settings.batchSize);
  const totals = emptyTotals(model.columns.length, model.eventCount, model.crossPairs.length);
  const target = settings.trials ?? settings.maxTrials!;
  for (let chunk = 0; totals.trials < target; chunk++) {
    if (options.signal?.aborted) {
      if (totals.trials === 0) throw options.signal.reason ?? new Error('aborted');
      return { totals, model, stop: 'aborted' };
    }
    const count = Math.min(CHUNK_SIZE, target - chunk * CHUNK_SIZE);
    mergeTotals(totals, runChunk(model, settings.seed, chunk, count));
    const worst = options.onProgress || settings.halfWidth !== undefined ? worstHalfWidth(totals, model) : Number.NaN;
    options.onProgress?.({ trials: totals.trials, target, halfWidth: worst });
    if (settings.halfWidth !== undefined && worst < settings.halfWidth) return { totals, model, stop: 'halfWidth' };
    yield;
  }
  return { totals, model, stop: settings.trials !== undefined ? 'trials' : 'maxTrials' };
}

function runtimeName(): string {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node ? `node v${node}` : 'browser';
}

function buildResult(prepared: Prepared, settings: Settings, run: { totals: Totals; model: ColumnModel; stop: StopReason }, elapsedMs: number): SimulationResult {
  const { totals, model, stop } = run;
  const events: Record<string, EventEstimate> = {};
  model.plan.events.forEach((planned, e) => {
    const i = estimate(totals, model, e);
    if (!Number.isFinite(i.estimate)) {
      throw new ScenarioError([{ code: 'condition-never-held', path: `events.${planned.name}.given`, message: `the condition "${planned.kind === 'conditional' ? planned.given : ''}" had probability 0 in all ${totals.trials} trials, so P(${planned.name} | it) is undefined` }]);
    }
    events[planned.name] = {
      probability: i.estimate,
      ci95: [i.lo, i.hi],
      standardError: i.standardError,
      trials: totals.trials,
      method: i.method,
      ...(planned.kind === 'conditional' ? { given: planned.given } : {}),
    };
  });
  const nodes: Record<string, NodeSummary> = {};
  for (let k = 0; k < model.firstEvent; k++) {
    const sum = rounded(totals.sum[k]);
    nodes[model.names[k]] = {
      kind: k < model.factorCount ? 'factor' : 'derived',
      mean: sum / totals.trials,
      sd: Math.sqrt(sampleVariance(sum, rounded(totals.sumSq[k]), totals.trials)),
    };
  }
  const timelines: Record<string, TimelinePoint[]> = {};
  const firstMonth = prepared.scenario.timeline ? monthIndex(prepared.scenario.timeline.start) : 0;
  for (const layout of model.timed) timelines[model.names[layout.event]] = timelineOf(totals, model, layout, firstMonth);
  const resultsHash = canonicalHash({ events, nodes, timelines, trials: totals.trials, stoppedBecause: stop });
  const { seed, trials, halfWidth: h, maxTrials, overrides, variant } = settings;
  const manifest: Manifest = {
    library: 'scenario-odds',
    version: VERSION,
    rngAlgorithm: RNG_ALGORITHM,
    chunkSize: CHUNK_SIZE,
    runtime: runtimeName(),
    seed,
    trials: totals.trials,
    stoppedBecause: stop,
    scenarioHash: prepared.hash,
    resultsHash,
    settings: { trials, halfWidth: h, maxTrials },
    variant,
    overrides,
  };
  return {
    scenario: { id: prepared.scenario.id, title: prepared.scenario.title, hash: prepared.hash },
    seed,
    trials: totals.trials,
    stoppedBecause: stop,
    events,
    nodes,
    timelines,
    manifest,
    elapsedMs,
  };
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/**
 * Runs a scenario's Monte Carlo simulation synchronously (blocking until done) and returns
 * each event's probability with its 95% interval. Identical inputs (scenario, seed, trials or
 * stopping rule, overrides) give bit-identical results.
 *
 * @throws {ScenarioError} if the scenario or an option is invalid.
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @example
 * ```ts
 * const result = simulateSync(
 *   { id: 'coin', title: 'Coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { heads: 'heads' } },
 *   { seed: 1, trials: 10_000 },
 * );
 * result.events.heads.ci95; // about [0.49, 0.51]
 * ```
 */
export function simulateSync(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  const settings = settingsFrom(options);
  const prepared = prepare(scenario, settings);
  const start = now();
  const steps = runSteps(prepared, settings, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return buildResult(prepared, settings, step.value, now() - start);
}

/** How long a run works before letting the event loop in (abort signals, Ctrl-C, rendering). */
const SLICE_MS = 25;

const yieldToEventLoop: () => Promise<void> =
  typeof globalThis.setImmediate === 'function'
    ? () => new Promise((resolve) => globalThis.setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs a scenario's Monte Carlo simulation, yielding to the event loop between chunks so an
 * `AbortSignal` or a progress display can act; the numbers are the same as
 * {@link simulateSync}'s for the same inputs.
 *
 * @throws {ScenarioError} if the scenario or an option is invalid.
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @example
 * ```ts
 * const result = await simulate(scenario, { seed: 42, trials: 1_000_000 });
 * console.log(result.events.summit.probability, result.events.summit.ci95);
 * ```
 */
export async function simulate(scenario: Scenario, options: SimulateOptions = {}): Promise<SimulationResult> {
  const settings = settingsFrom(options);
  const prepared = prepare(scenario, settings);
  const start = now();
  const steps = runSteps(prepared, settings, options);
  let sliceStart = now();
  let step = steps.next();
  while (!step.done) {
    if (now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = now();
    }
    step = steps.next();
  }
  return buildResult(prepared, settings, step.value, now() - start);
}
