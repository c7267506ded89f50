import { ScenarioError } from '../issues';
import { canonicalHash } from '../model/canonical';
import { monthEnd, monthIndex } from '../model/timeline';
import { RNG_ALGORITHM } from '../rng';
import { VERSION } from '../version';
import { CHUNK_SIZE, type Totals } from './chunk';
import type { ColumnModel } from './columns';
import { combineExact, roundExact } from './exactSum';
import { halfWidth, meanInterval, ratioInterval, sampleVariance, wilsonInterval, type Interval } from './intervals';
import type { Simulation } from './setup';
import type { Estimate, EventEstimate, Manifest, NodeSummary, SimulationResult, StopReason, TimelinePoint } from './types';

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

/** Each event's estimate from the totals so far, and the widest 95% half-width among them. */
export function currentEstimates(totals: Totals, model: ColumnModel): { worst: number; events: Record<string, Estimate> } {
  let worst = 0;
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

function runtimeName(): string {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node ? `node v${node}` : 'browser';
}

/** The result of a run from its merged totals. */
export function buildResult(sim: Simulation, totals: Totals, stop: StopReason, elapsedMs: number): SimulationResult {
  const { prepared, settings, model } = sim;
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
