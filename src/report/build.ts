import { createDistribution, ICD203_TERMS, icd203Term, type Icd203Term } from '../distributions';
import { prepare, settingsFrom } from '../engine/setup';
import { simulate } from '../engine/simulate';
import { DEFAULT_MAX_TRIALS, type Progress, type SimulateOptions, type SimulationResult } from '../engine/types';
import { canonicalHash, scenarioHash } from '../model/canonical';
import { documentation } from '../model/documented';
import type { Scenario } from '../model/types';
import { formulaOf, paramValue } from '../model/validate';
import type { RunPlan } from '../engine/columns';
import { formulaNames } from '../expr/ast';
import { builtinScenario } from '../scenarios';
import { shellQuote } from './escape';
import { formatPercent } from './format';
import { estimateText, isExact } from './uncertainty';
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ConvergencePoint,
  type EventFinding,
  type Report,
  type ReportAnalyses,
  type ReportAsked,
  type ReportFactor,
  type ReportFormula,
  type ReportOptions,
  type ReportParam,
  type ReportResults,
  type SimulateFn,
} from './types';

/** Most points of the convergence chart kept in a report (one per chunk, evenly thinned). */
export const MAX_CONVERGENCE_POINTS = 200;

/**
 * Runs a scenario and builds its reproducible report: what was asked (the scenario, its
 * factors, params, formulas, variant and overrides), what was found (each event's probability
 * with its 95% interval, standard error and ICD-203 wording; timelines; the convergence of the
 * estimates chunk by chunk; the analyses given) and how to reproduce it (manifest, the
 * scenario as it ran, the command). Render it with {@link renderJson}, {@link renderMarkdown}
 * or {@link renderHtml}; check a saved one with {@link verifyReport}.
 *
 * The same scenario and options give an identical report (and byte-identical renderings):
 * nothing in it depends on the clock unless `generatedAt` is given, and that is kept out of
 * every hash. Run options have the defaults of {@link simulate} (a fresh seed, recorded, and
 * 100,000 trials); `onProgress` is still called.
 *
 * @throws {ScenarioError} if the scenario or an option is invalid.
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @throws the signal's reason when `signal` aborts the run: a partial run cannot be reproduced, so no report is built from it.
 * @throws Error if the scenario as it ran cannot be written to JSON exactly, since its report could not be verified.
 * @example
 * ```ts
 * const report = await buildReport(builtinScenario('trump-kim-summit')!, { seed: 2025, halfWidth: 0.005, asOf: '2026-12-04' });
 * report.findings[0].term; // 'very unlikely'
 * report.findings[0].sentence; // 'Trump–Kim summit in the forecast window: very unlikely (ICD-203 5–20%) — 6.1…% (95% interval …'
 * const markdown = renderMarkdown(report); // '# Will Trump and Kim Jong Un hold a summit in the coming year?\n…'
 * ```
 */
export async function buildReport(scenario: Scenario, options: ReportOptions = {}): Promise<Report> {
  const { analyses, source, generatedAt, simulate: engine, ...runOptions } = options;
  const { result, convergence } = await runRecorded(scenario, runOptions, engine);
  if (result.stoppedBecause === 'aborted') throw options.signal?.reason ?? new Error('aborted');
  // Placed at the run's own date, which verify re-uses, so the window is the one that ran.
  const when = { asOf: result.asOf, horizon: options.horizon, noneThrough: options.noneThrough };
  const prepared = prepare(scenario, settingsFrom({ seed: result.seed, variant: options.variant, params: options.params, ...when }));
  const { $schema: _hint, ...ran } = prepared.scenario;
  // verifyReport re-runs the embedded scenario, as report.json holds it, with no variant and no
  // overrides; that is only sound if it is exactly what ran, which its hash confirms.
  const effective = jsonClone(ran) as Scenario;
  if (prepare(effective, settingsFrom({ seed: result.seed, ...when })).hash !== result.manifest.scenarioHash) {
    throw new Error('this scenario cannot be written to JSON exactly (it holds a value JSON cannot carry), so a report of it could not be re-run and verified');
  }

  const manifest = result.manifest;
  const asked: ReportAsked = {
    id: effective.id,
    title: effective.title,
    ...(effective.description === undefined ? {} : { description: effective.description }),
    source: source ?? defaultSource(scenario),
    ...variantOf(scenario, options.variant),
    overrides: manifest.overrides,
    seed: manifest.seed,
    asOf: manifest.asOf,
    settings: manifest.settings,
    factors: factorRows(effective, scenario),
    params: paramRows(effective, scenario),
    formulas: formulaRows(effective),
  };
  const body = {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    ...(generatedAt === undefined ? {} : { generatedAt }),
    asOf: result.asOf,
    asked,
    findings: findingsOf(result, prepared.plan, effective),
    results: resultsOf(result),
    convergence,
    analyses: orderedAnalyses(analyses),
    manifest,
    reproduce: { command: reproduceCommand(asked), verify: 'scenario-odds verify report.json' },
    scenario: effective,
  };
  // Through JSON once, so the object in memory is exactly what report.json holds (no
  // undefined keys, no non-finite numbers) and its hash is the hash of the file's content.
  const report = jsonClone(body) as Omit<Report, 'reportHash'>;
  return { ...report, reportHash: reportHashOf(report) };
}

/** The hash a report records: of everything but `generatedAt` and the hash itself. */
export function reportHashOf(report: Omit<Report, 'reportHash'> | Report): string {
  const { generatedAt: _stamp, reportHash: _hash, ...hashed } = report as Report;
  return canonicalHash(hashed);
}

/**
 * A run that also records each chunk's estimates, thinned for the convergence chart. The
 * estimates come from `onProgress`, which every engine calls once per chunk in chunk order, so
 * they are the same on any number of threads.
 */
export async function runRecorded(scenario: Scenario, options: SimulateOptions, engine: SimulateFn = simulate): Promise<{ result: SimulationResult; convergence: ConvergencePoint[] }> {
  const points: ConvergencePoint[] = [];
  const theirs = options.onProgress;
  const onProgress = (p: Progress): void => {
    points.push({ trials: p.trials, events: p.events });
    theirs?.(p);
  };
  const result = await engine(scenario, { ...options, onProgress });
  return { result, convergence: thin(points, MAX_CONVERGENCE_POINTS) };
}

/** The engine results exactly as the results hash covers them. */
export function resultsOf(result: SimulationResult): ReportResults {
  const { events, outputs, nodes, timelines, trials, stoppedBecause, window, evidence } = result;
  return { events, ...(outputs ? { outputs } : {}), nodes, timelines, trials, stoppedBecause, ...(window ? { window } : {}), ...(evidence ? { evidence } : {}) };
}

/** At most `max` points, evenly spaced by index, always keeping the first and the last. */
function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  return Array.from({ length: max }, (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))]);
}

function jsonClone(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function orderedAnalyses(analyses: ReportAnalyses | undefined): ReportAnalyses {
  const { comparison, sensitivity, attribution, evidence } = analyses ?? {};
  return {
    ...(comparison ? { comparison } : {}),
    ...(sensitivity ? { sensitivity } : {}),
    ...(attribution ? { attribution } : {}),
    ...(evidence ? { evidence } : {}),
  };
}

function defaultSource(scenario: Scenario): string {
  const builtin = builtinScenario(scenario.id);
  return builtin && scenarioHash(builtin) === scenarioHash(scenario) ? scenario.id : `${scenario.id}.json`;
}

function variantOf(scenario: Scenario, name: string | undefined): Pick<ReportAsked, 'variant'> {
  if (name === undefined) return {};
  const v = scenario.variants?.[name];
  return {
    variant: {
      name,
      ...(v?.label === undefined ? {} : { label: v.label }),
      ...(v?.description === undefined ? {} : { description: v.description }),
    },
  };
}


function factorRows(effective: Scenario, asWritten: Scenario): ReportFactor[] {
  return Object.entries(effective.factors ?? {}).map(([name, spec]) => {
    const d = createDistribution(spec);
    const original = asWritten.factors?.[name];
    // Compared as the reader sees them, so a changed label alone is not a changed distribution.
    const before = original === undefined ? undefined : createDistribution(original).describe();
    const { label, description, source } = documentation(spec);
    return {
      name,
      ...(label === undefined ? {} : { label }),
      family: d.name,
      distribution: d.describe(),
      ...(before !== undefined && before !== d.describe() ? { asWritten: before } : {}),
      ...(d.mean === undefined ? {} : { mean: d.mean }),
      ...(d.variance === undefined ? {} : { sd: Math.sqrt(d.variance) }),
      ...(description === undefined ? {} : { description }),
      ...(source === undefined ? {} : { source }),
    };
  });
}

function paramRows(effective: Scenario, asWritten: Scenario): ReportParam[] {
  return Object.entries(effective.params ?? {}).map(([name, spec]) => {
    const value = paramValue(spec);
    const original = asWritten.params?.[name];
    const before = original === undefined ? undefined : paramValue(original);
    const { label, description, source } = documentation(spec);
    return {
      name,
      ...(label === undefined ? {} : { label }),
      value,
      ...(before !== undefined && !Object.is(before, value) ? { asWritten: before } : {}),
      ...(description === undefined ? {} : { description }),
      ...(source === undefined ? {} : { source }),
    };
  });
}

function formulaRows(scenario: Scenario): ReportFormula[] {
  const rows: ReportFormula[] = [];
  for (const kind of ['derived', 'output'] as const) {
    for (const [name, spec] of Object.entries((kind === 'derived' ? scenario.derived : scenario.outputs) ?? {})) {
      rows.push({ name, kind, ...pick(documentation(spec), 'label'), formula: formulaOf(spec)!, ...pick(documentation(spec), 'description') });
    }
  }
  for (const [name, spec] of Object.entries(scenario.events)) {
    const d = documentation(spec);
    if (typeof spec === 'string') rows.push({ name, kind: 'probability', formula: spec });
    else if ('hazard' in spec) {
      rows.push({ name, kind: 'timed', ...pick(d, 'label'), formula: spec.hazard, ...(spec.windows?.length ? { windows: spec.windows } : {}), ...pick(d, 'description') });
    } else if (spec.given !== undefined) {
      rows.push({ name, kind: 'conditional', ...pick(d, 'label'), formula: spec.p, given: spec.given, ...pick(d, 'description') });
    } else rows.push({ name, kind: 'probability', ...pick(d, 'label'), formula: spec.p, ...pick(d, 'description') });
  }
  return rows;
}

function pick<K extends 'label' | 'description'>(d: { label?: string; description?: string }, key: K): { [P in K]?: string } {
  return d[key] === undefined ? {} : ({ [key]: d[key] } as { [P in K]?: string });
}

/** The ICD-203 range of a phrase, "5–20%". */
export function termRange(term: Icd203Term): string {
  const entry = ICD203_TERMS.find((t) => t.term === term)!;
  return `${Math.round(entry.lo * 100)}–${Math.round(entry.hi * 100)}%`;
}

const clamp01 = (p: number) => Math.min(1, Math.max(0, p));

/**
 * The factors an event restates: an unconditional probability event whose formula reads
 * factors (and params) only, such as `rokMediation < 0`. Its phrase describes an input the
 * analyst chose, not something the model found.
 */
function restatedInputs(plan: RunPlan, event: string): string[] | undefined {
  const planned = plan.events.find((e) => e.name === event);
  if (planned?.kind !== 'probability') return undefined;
  const factors = new Set(plan.factors.map(([n]) => n));
  const params = new Set(plan.params.map(([n]) => n));
  const names = formulaNames(planned.ast);
  const read = names.filter((n) => factors.has(n));
  return read.length > 0 && names.every((n) => factors.has(n) || params.has(n)) ? read : undefined;
}

/**
 * Each event's estimate in words: its ICD-203 phrase (with a warning when its simulation
 * interval straddles two phrases), its simulation error and its spread across the model's
 * worlds. A quantity that is the same in every world gets no phrase (it is exact and follows
 * from fixed params), and a phrase that restates an input says so.
 */
function findingsOf(result: SimulationResult, plan: RunPlan, scenario: Scenario): EventFinding[] {
  return Object.entries(result.events).map(([event, e]) => {
    const spec = scenario.events[event];
    const label = typeof spec === 'string' ? undefined : spec.label;
    const name = label ?? (e.given ? `${event} (given ${e.given})` : event);
    const base = { event, ...(label === undefined ? {} : { label }), ...(e.given === undefined ? {} : { given: e.given }) };
    if (isExact(e)) return { ...base, sentence: `${name}: ${formatPercent(e.probability)}, exact: the same in every world (it follows from fixed params, not from the model's uncertain inputs).` };
    const term = icd203Term(clamp01(e.probability));
    const lo = icd203Term(clamp01(e.ci95[0]));
    const hi = icd203Term(clamp01(e.ci95[1]));
    const warning =
      lo === hi
        ? undefined
        : `The simulation's 95% interval runs from “${lo}” (${termRange(lo)}) to “${hi}” (${termRange(hi)}): this run does not settle which expression applies; run more trials or report the range.`;
    const inputs = restatedInputs(plan, event);
    const about = inputs ? `About an input, not a finding (it restates the distribution of ${inputs.join(', ')}): ` : '';
    return {
      ...base,
      term,
      intervalTerms: [lo, hi],
      ...(warning === undefined ? {} : { warning }),
      ...(inputs ? { aboutInput: inputs } : {}),
      sentence: `${about}${name}: ${term} (ICD-203 ${termRange(term)}) — ${estimateText(e)}.`,
    };
  });
}

/** The command that re-runs the scenario from its source with the recorded settings. */
function reproduceCommand(asked: ReportAsked): string {
  const words = ['scenario-odds', 'report', asked.source, '--seed', asked.seed];
  const { trials, halfWidth, maxTrials } = asked.settings;
  if (halfWidth !== undefined) words.push('--half-width', String(halfWidth), '--max-trials', String(maxTrials ?? DEFAULT_MAX_TRIALS));
  else {
    if (trials !== undefined) words.push('--trials', String(trials));
    if (maxTrials !== undefined) words.push('--max-trials', String(maxTrials));
  }
  if (asked.variant) words.push('--variant', asked.variant.name);
  for (const [name, value] of Object.entries(asked.overrides)) words.push('--set', `${name}=${value}`);
  words.push('--as-of', asked.asOf);
  if (asked.settings.horizon !== undefined) words.push('--horizon', String(asked.settings.horizon));
  for (const [event, date] of Object.entries(asked.settings.noneThrough ?? {})) words.push('--none-through', `${event}=${date}`);
  return words.map(shellQuote).join(' ');
}
