import { ScenarioError } from '../issues';
import { canonicalHash } from '../model/canonical';
import type { TimePlan } from '../model/timeline';
import { RNG_ALGORITHM } from '../rng';
import { VERSION } from '../version';
import { CHUNK_SIZE, type Totals } from './chunk';
import { sketchHistogram, sketchQuantiles, type Sketch } from './sketch';
import type { ColumnModel } from './columns';
import { combineExact, roundExact } from './exactSum';
import { halfWidth, meanInterval, ratioInterval, ratioStandardError, sampleVariance, wilsonInterval, Z95, type Interval } from './intervals';
import type { Simulation } from './setup';
import { MIN_EFFECTIVE_SAMPLE_SIZE, type Estimate, type Quantiles, type Spread, type EventEstimate, type EvidenceSummary, type ForecastWindow, type Manifest, type NodeSummary, type OutputEstimate, type SimulationResult, type StopReason, type TimelinePoint } from './types';

const rounded = (partials: readonly number[]) => roundExact(partials);

/** Σw and Σw² of a weighted run's trials, or undefined when every trial counts once. */
function weightsOf(totals: Totals): { sw: number; sww: number } | undefined {
  return totals.weight.length === 0 ? undefined : { sw: rounded(totals.weight[0]), sww: rounded(totals.weight[1]) };
}

/** (Σw)² / Σw²: how many unweighted trials a weighted sample is worth. */
function effectiveSampleSize(w: { sw: number; sww: number }): number {
  return w.sww > 0 ? (w.sw * w.sw) / w.sww : 0;
}

/** The self-normalized weighted mean Σ w·x / Σw of column k, with its delta-method interval. */
function weightedMean(totals: Totals, k: number, w: { sw: number; sww: number }): Interval {
  return ratioInterval(rounded(totals.sum[k]), rounded(totals.sumSq[k]), w.sw, w.sww, rounded(totals.withWeight[k]), totals.trials);
}

function estimate(totals: Totals, model: ColumnModel, e: number): Interval & { method: EventEstimate['method'] } {
  const k = model.firstEvent + e;
  const n = totals.trials;
  const conditional = model.conditional.find((c) => c.event === k);
  if (conditional) {
    // Weighted or not, a ratio of the (weighted) sums of the joint and the condition.
    const g = conditional.givenColumn;
    const i = ratioInterval(rounded(totals.sum[k]), rounded(totals.sumSq[k]), rounded(totals.sum[g]), rounded(totals.sumSq[g]), rounded(totals.cross[conditional.cross]), n);
    return { ...i, method: 'ratio' };
  }
  const w = weightsOf(totals);
  if (w) return { ...weightedMean(totals, k, w), method: 'weighted' };
  if (totals.fractional[e] === 0) return { ...wilsonInterval(totals.ones[e], n), method: 'wilson' };
  return { ...meanInterval(rounded(totals.sum[k]), rounded(totals.sumSq[k]), n), method: 'mean' };
}

/** Each event's estimate from the totals so far, and the widest 95% half-width among them. */
export function currentEstimates(totals: Totals, model: ColumnModel): { worst: number; events: Record<string, Estimate> } {
  const w = weightsOf(totals);
  // Under evidence, no stop before the weighted sample is large enough to trust.
  let worst = w && effectiveSampleSize(w) < MIN_EFFECTIVE_SAMPLE_SIZE ? Infinity : 0;
  const events: Record<string, Estimate> = {};
  model.plan.events.forEach(({ name }, e) => {
    const i = estimate(totals, model, e);
    // A conditional whose condition never held yet has no estimate; keep sampling.
    if (!Number.isFinite(i.estimate)) worst = Infinity;
    else {
      worst = Math.max(worst, halfWidth(i));
      events[name] = asEstimate(i);
    }
  });
  return { worst, events };
}

function asEstimate(i: Interval): Estimate {
  return { probability: i.estimate, ci95: [i.lo, i.hi], standardError: i.standardError };
}

/** The cumulative curve of one timed event over the window and, per period, the odds if nothing happened yet. */
function timelineOf(totals: Totals, time: TimePlan, layout: ColumnModel['timed'][number]): TimelinePoint[] {
  const n = totals.trials;
  const w = weightsOf(totals);
  const { survival, crossWithLast } = layout;
  const last = survival.length - 1;
  const sLast = totals.sum[survival[last]];
  const qLast = totals.sumSq[survival[last]];
  return survival.map((k, t) => {
    const s = w ? weightedMean(totals, k, w) : meanInterval(rounded(totals.sum[k]), rounded(totals.sumSq[k]), n);
    const cumulative: Estimate = { probability: 1 - s.estimate, ci95: [1 - s.hi, 1 - s.lo], standardError: s.standardError };
    const point = { period: time.labels[t], end: time.ends[t], cumulative };
    const sb = rounded(totals.sum[k]);
    if (t === last || sb === 0) return point;
    // a = S_t − S_last (occurs after t, by the end), b = S_t (none through t); both weighted
    // under evidence, so the ratio is self-normalized either way.
    const cross = totals.cross[crossWithLast[t]];
    const sa = combineExact([[1, totals.sum[k]], [-1, sLast]]);
    const saa = combineExact([[1, totals.sumSq[k]], [-2, cross], [1, qLast]]);
    const sab = combineExact([[1, totals.sumSq[k]], [-1, cross]]);
    return { ...point, ifNoneYet: asEstimate(ratioInterval(sa, saa, sb, rounded(totals.sumSq[k]), sab, n)) };
  });
}

const QUANTILE_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
/** Bins of a spread's histogram. */
const HISTOGRAM_BINS = 20;

function quantilesOf(sketch: Sketch): Quantiles {
  const [p5, p25, p50, p75, p95] = sketchQuantiles(sketch, QUANTILE_LEVELS);
  return { p5, p25, p50, p75, p95 };
}

function spreadOf(sketch: Sketch): Spread {
  return { quantiles: quantilesOf(sketch), histogram: sketchHistogram(sketch, HISTOGRAM_BINS) };
}

/** An output's mean with its (unclipped) simulation error, sd and spread, weighted under evidence. */
function outputEstimate(totals: Totals, k: number, sketch: Sketch): OutputEstimate {
  const n = totals.trials;
  const w = weightsOf(totals);
  const sum = rounded(totals.sum[k]);
  const { mean, sd } = nodeSummary(totals, k, 'derived', undefined);
  const se = w ? ratioStandardError(sum, rounded(totals.sumSq[k]), w.sw, w.sww, rounded(totals.withWeight[k]), n) : Math.sqrt(sampleVariance(sum, rounded(totals.sumSq[k]), n) / n);
  return { mean, ci95: [mean - Z95 * se, mean + Z95 * se], standardError: se, trials: n, sd, acrossWorlds: spreadOf(sketch) };
}

/** Mean and sd of a factor or derived node (and a derived node's quantiles), weighted under evidence. */
function nodeSummary(totals: Totals, k: number, kind: NodeSummary['kind'], sketch: Sketch | undefined): NodeSummary {
  const sum = rounded(totals.sum[k]);
  const w = weightsOf(totals);
  const quantiles = sketch ? { quantiles: quantilesOf(sketch) } : {};
  if (!w) return { kind, mean: sum / totals.trials, sd: Math.sqrt(sampleVariance(sum, rounded(totals.sumSq[k]), totals.trials)), ...quantiles };
  const mean = sum / w.sw;
  return { kind, mean, sd: Math.sqrt(Math.max(0, (rounded(totals.weightedSq[k]) - mean * sum) / w.sw)), ...quantiles };
}

/** The globals {@link runtimeName} looks at; a parameter so tests can fake each runtime. */
export interface RuntimeGlobals {
  readonly Deno?: { readonly version?: { readonly deno?: string } };
  readonly Bun?: { readonly version?: string };
  readonly process?: { readonly versions?: { readonly node?: string; readonly bun?: string } };
  readonly navigator?: { readonly userAgent?: string };
}

/**
 * The runtime recorded in the manifest: `node vX.Y.Z`, `deno vX.Y.Z`, `bun vX.Y.Z`, or
 * `browser (Chrome 126)` (`browser` when the user agent names no known browser). Deno and Bun
 * are asked first: both also define `process.versions.node`, the Node version they imitate.
 */
export function runtimeName(g: RuntimeGlobals = globalThis as RuntimeGlobals): string {
  const deno = g.Deno?.version?.deno;
  if (typeof deno === 'string' && deno) return `deno v${deno}`;
  const bun = (typeof g.Bun?.version === 'string' && g.Bun.version) || g.process?.versions?.bun;
  if (typeof bun === 'string' && bun) return `bun v${bun}`;
  const node = g.process?.versions?.node;
  if (typeof node === 'string' && node) return `node v${node}`;
  const browser = browserName(g.navigator?.userAgent);
  return browser ? `browser (${browser})` : 'browser';
}

/** `Chrome 126`, `Firefox 128`, `Edge 126`, `Safari 17` from a user agent, or undefined. */
function browserName(userAgent: string | undefined): string | undefined {
  if (typeof userAgent !== 'string') return undefined;
  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
  const known: ReadonlyArray<readonly [string, RegExp]> = [
    ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
    ['Opera', /\bOPR\/(\d+)/],
    ['Firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
    ['Chrome', /\b(?:HeadlessChrome|Chrome|Chromium|CriOS)\/(\d+)/],
    ['Safari', /\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//],
  ];
  for (const [name, re] of known) {
    const m = re.exec(userAgent);
    if (m) return `${name} ${m[1]}`;
  }
  return undefined;
}

/**
 * The evidence a weighted run was conditioned on, with its effective sample size.
 *
 * @throws {ScenarioError} when the weights leave fewer effective trials than can be trusted.
 */
function evidenceOf(totals: Totals, time: TimePlan | undefined): EvidenceSummary | undefined {
  const w = weightsOf(totals);
  if (!w || !time) return undefined;
  const noneThrough = Object.fromEntries(time.evidence.map((o) => [o.event, o.through]));
  const ess = effectiveSampleSize(w);
  if (!(ess >= MIN_EFFECTIVE_SAMPLE_SIZE)) {
    const what = time.evidence.map((o) => `no "${o.event}" through ${o.through}`).join(' and ');
    throw new ScenarioError([{ code: 'too-few-effective-trials', path: time.evidence[0].path, message: `the evidence (${what}) leaves an effective sample of ${Math.floor(ess).toLocaleString('en-US')} of ${totals.trials.toLocaleString('en-US')} trials, below the ${MIN_EFFECTIVE_SAMPLE_SIZE.toLocaleString('en-US')} needed to trust the estimates; run more trials` }]);
  }
  return { noneThrough, effectiveSampleSize: ess };
}

/** The result of a run from its merged totals. */
export function buildResult(sim: Simulation, totals: Totals, stop: StopReason, elapsedMs: number): SimulationResult {
  const { prepared, settings, model } = sim;
  const sketchOf = new Map(model.sketched.map((k, s) => [k, totals.sketches[s]]));
  const events: Record<string, EventEstimate> = {};
  model.plan.events.forEach((planned, e) => {
    const i = estimate(totals, model, e);
    if (!Number.isFinite(i.estimate)) {
      throw new ScenarioError([{ code: 'condition-never-held', path: `events.${planned.name}.given`, message: `the condition "${planned.kind === 'conditional' ? planned.given : ''}" had probability 0 in all ${totals.trials} trials, so P(${planned.name} | it) is undefined` }]);
    }
    const sketch = sketchOf.get(model.firstEvent + e);
    // A spread only where the worlds give different chances: not 0/1 outcomes, not a constant.
    const varies = sketch !== undefined && totals.fractional[e] > 0 && sketch.min < sketch.max;
    events[planned.name] = {
      probability: i.estimate,
      ci95: [i.lo, i.hi],
      standardError: i.standardError,
      trials: totals.trials,
      method: i.method,
      ...(planned.kind === 'conditional' ? { given: planned.given } : {}),
      ...(varies ? { acrossWorlds: spreadOf(sketch) } : {}),
    };
  });
  const outputNames = new Set(model.plan.outputs);
  const nodes: Record<string, NodeSummary> = {};
  const outputs: Record<string, OutputEstimate> = {};
  for (let k = 0; k < model.firstEvent; k++) {
    const name = model.names[k];
    if (outputNames.has(name)) outputs[name] = outputEstimate(totals, k, sketchOf.get(k)!);
    else nodes[name] = nodeSummary(totals, k, k < model.factorCount ? 'factor' : 'derived', sketchOf.get(k));
  }
  // In written order, as the reader declared them.
  const orderedOutputs = Object.fromEntries(model.plan.outputs.filter((o) => outputs[o]).map((o) => [o, outputs[o]]));
  const hasOutputs = Object.keys(orderedOutputs).length > 0;
  const time = model.plan.time;
  const timelines: Record<string, TimelinePoint[]> = {};
  if (time) for (const layout of model.timed) timelines[model.names[layout.event]] = timelineOf(totals, time, layout);
  const window: ForecastWindow | undefined = time && { ...time.window, period: time.period, periods: time.labels.length };
  const evidence = evidenceOf(totals, time);
  const resultsHash = canonicalHash({ events, ...(hasOutputs ? { outputs: orderedOutputs } : {}), nodes, timelines, trials: totals.trials, stoppedBecause: stop, ...(window ? { window } : {}), ...(evidence ? { evidence } : {}) });
  const { seed, trials, halfWidth: h, maxTrials, overrides, variant, horizon, noneThrough } = settings;
  const manifest: Manifest = {
    library: 'scenario-odds',
    version: VERSION,
    rngAlgorithm: RNG_ALGORITHM,
    chunkSize: CHUNK_SIZE,
    runtime: runtimeName(),
    seed,
    asOf: prepared.asOf,
    trials: totals.trials,
    stoppedBecause: stop,
    scenarioHash: prepared.hash,
    resultsHash,
    settings: { trials, halfWidth: h, maxTrials, ...(horizon !== undefined ? { horizon } : {}), ...(noneThrough !== undefined ? { noneThrough } : {}) },
    variant,
    overrides,
  };
  return {
    scenario: { id: prepared.scenario.id, title: prepared.scenario.title, hash: prepared.hash },
    asOf: prepared.asOf,
    ...(window ? { window } : {}),
    ...(evidence ? { evidence } : {}),
    seed,
    trials: totals.trials,
    stoppedBecause: stop,
    events,
    ...(hasOutputs ? { outputs: orderedOutputs } : {}),
    nodes,
    timelines,
    manifest,
    elapsedMs,
  };
}
