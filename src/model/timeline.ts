/**
 * A scenario's timeline resolved against an as-of date: which periods the model's world
 * simulates, which share of each lies in the forecast window, which windows of the calendar
 * apply to which period, and what "nothing happened through D" observations cover. The result
 * is plain data, part of the run plan that worker threads and shards rebuild the model from.
 */
import { joinPath, type ValidationIssue } from '../issues';
import { addPeriods, formatDay, isDay, overlapShare, parseDay, parseLastDay, periodIndex, periodLabel, periodStart, type PeriodKind } from './calendar';
import type { HazardWindow, Scenario, Timeline } from './types';

/** Most periods a timeline may simulate, from the world's start to the window's end. */
export const MAX_PERIODS = 1200;

/** The options of a run that place it in time. */
export interface TimeOptions {
  /** The date the forecast is made, `YYYY-MM-DD`. Default: the scenario's own, else today. */
  readonly asOf?: string;
  /** The window's length in periods (replaces the timeline's `horizon` or `end`). */
  readonly horizon?: number;
  /** Per timed event, the last day known to have passed without it (replaces the scenario's `observed` for that event). */
  readonly noneThrough?: Readonly<Record<string, string>>;
}

/** A "nothing yet" observation resolved to periods. */
export interface PlannedEvidence {
  readonly event: string;
  /** The last day known to have passed without the event, `YYYY-MM-DD`. */
  readonly through: string;
  /** Per simulated period, the share of its days the observation covers. */
  readonly shares: readonly number[];
  /** Where it was given, for messages: `noneThrough.EVENT` (an option) or `observed.N.noneThrough` (the scenario). */
  readonly path: string;
}

/** The time frame of a run with a timeline. */
export interface TimePlan {
  readonly period: PeriodKind;
  /** First and last day of the forecast window (inclusive), `YYYY-MM-DD`. */
  readonly window: { readonly from: string; readonly to: string };
  /** Per simulated period (the first contains the world's start), the share of its days inside the window. */
  readonly shares: readonly number[];
  /** Index of the first simulated period that overlaps the window. */
  readonly first: number;
  /** Labels of the window's periods (`2026-03`, `2026-Q1`, …) and their last days inside the window. */
  readonly labels: readonly string[];
  readonly ends: readonly string[];
  readonly evidence: readonly PlannedEvidence[];
}

/** Problems in a timeline that no as-of date can fix (checked with the rest of the scenario). */
export function checkTimelineShape(timeline: Timeline, path: string, issues: ValidationIssue[]): void {
  const start = parseDay(timeline.start);
  if (start === undefined) issues.push({ code: 'invalid-date', path: joinPath(path, 'start'), message: `${timeline.start} is not a date` });
  if (timeline.end !== undefined && timeline.horizon !== undefined) {
    issues.push({ code: 'timeline-end-and-horizon', path, message: 'give "end" (a fixed window) or "horizon" (periods from the as-of date), not both' });
  } else if (timeline.end === undefined && timeline.horizon === undefined) {
    issues.push({ code: 'timeline-no-window', path, message: 'give "horizon" (periods from the as-of date, e.g. 12) or "end" (a fixed last date)' });
  }
  if (timeline.end !== undefined) {
    const end = parseLastDay(timeline.end);
    if (end === undefined) issues.push({ code: 'invalid-date', path: joinPath(path, 'end'), message: `${timeline.end} is not a date` });
    else if (start !== undefined && end < start) issues.push({ code: 'timeline-order', path: joinPath(path, 'end'), message: `end (${timeline.end}) is before start (${timeline.start})` });
  }
}

/** Problems in a calendar window that hold whatever the run's dates. */
export function checkWindowShape(w: HazardWindow, path: string, issues: ValidationIssue[]): void {
  if (!('from' in w)) return;
  const [from, to] = [parseDay(w.from), parseLastDay(w.to)];
  if (from === undefined) issues.push({ code: 'invalid-date', path: joinPath(path, 'from'), message: `${w.from} is not a date` });
  if (to === undefined) issues.push({ code: 'invalid-date', path: joinPath(path, 'to'), message: `${w.to} is not a date` });
  else if (from !== undefined && to < from) issues.push({ code: 'window-order', path: joinPath(path, 'to'), message: `${w.to} is before ${w.from}` });
}

/** What is wrong with "`event` did not occur through `through`", whatever the as-of date. */
export function observationProblem(scenario: Scenario, event: string, through: string, path: string): ValidationIssue | undefined {
  const spec = Object.hasOwn(scenario.events, event) ? scenario.events[event] : undefined;
  const start = scenario.timeline ? parseDay(scenario.timeline.start) : undefined;
  if (spec === undefined) return { code: 'unknown-event', path, message: `no event named "${event}" (events: ${Object.keys(scenario.events).join(', ')})` };
  if (typeof spec === 'string' || !('hazard' in spec)) return { code: 'not-timed', path, message: `"${event}" is not a timed event: "nothing yet" evidence needs an event with a hazard` };
  if (!isDay(through)) return { code: 'invalid-date', path, message: `${through} is not a date written YYYY-MM-DD` };
  if (start !== undefined && parseDay(through)! < start) return { code: 'none-through-before-start', path, message: `${through} is before the timeline's start ${formatDay(start)}, where the model's world begins` };
  return undefined;
}

/** Whether a window applies to the period [lo, hi): an absolute one overlaps it, a recurring one names a month it touches. */
function covers(w: HazardWindow, lo: number, hi: number): boolean {
  if ('from' in w) return overlapShare(lo, hi, parseDay(w.from)!, parseLastDay(w.to)! + 1) > 0;
  // A period touches every month from its first day's to its last day's.
  for (let m = periodIndex(lo, 'month'); m <= periodIndex(hi - 1, 'month'); m++) if (w.months.includes((m % 12) + 1)) return true;
  return false;
}

/**
 * Resolves a scenario's timeline for one run: the window from the as-of date (with the rolling
 * horizon or the fixed end), the share of each period inside it, the periods each calendar
 * window covers (per timed event, in written order), and the "nothing yet" observations.
 * Issues name the option (`asOf`, `horizon`, `noneThrough.EVENT`) or the scenario field at fault.
 */
export function resolveTimeline(
  scenario: Scenario,
  asOfText: string,
  options: TimeOptions,
): { plan?: TimePlan; covers?: ReadonlyMap<string, number[][]>; issues: ValidationIssue[] } {
  const timeline = scenario.timeline!;
  const issues: ValidationIssue[] = [];
  const kind = timeline.period ?? 'month';
  const start = parseDay(timeline.start)!;
  const asOf = parseDay(asOfText)!;
  if (asOf < start) {
    return { issues: [{ code: 'as-of-before-start', path: 'asOf', message: `the as-of date ${asOfText} is before the timeline's start ${formatDay(start)}; the model's world starts there` }] };
  }
  const horizon = options.horizon ?? timeline.horizon;
  const to = horizon !== undefined ? addPeriods(asOf, kind, horizon) : parseLastDay(timeline.end!)! + 1;
  if (to <= asOf) {
    return { issues: [{ code: 'window-in-past', path: 'asOf', message: `the window ends on ${timeline.end} (timeline.end), before the as-of date ${asOfText}: it lies wholly in the past; give a later end, or a horizon (--horizon N)` }] };
  }
  const firstIndex = periodIndex(start, kind);
  const count = periodIndex(to - 1, kind) - firstIndex + 1;
  if (count > MAX_PERIODS) {
    return { issues: [{ code: 'timeline-too-long', path: horizon !== undefined && options.horizon !== undefined ? 'horizon' : 'timeline', message: `from the timeline's start ${formatDay(start)} to the window's end ${formatDay(to - 1)} is ${count} ${kind}s; at most ${MAX_PERIODS} can be simulated` }] };
  }
  // Each simulated period's days [first, next period's first).
  const days = Array.from({ length: count }, (_, t): [number, number] => [periodStart(firstIndex + t, kind), periodStart(firstIndex + t + 1, kind)]);
  const shares = days.map(([lo, hi]) => overlapShare(lo, hi, asOf, to));
  const first = shares.findIndex((s) => s > 0);

  const observed = new Map<string, { through: string; path: string }>();
  for (const [i, o] of (scenario.observed ?? []).entries()) observed.set(o.event, { through: o.noneThrough, path: joinPath('observed', i, 'noneThrough') });
  for (const [event, through] of Object.entries(options.noneThrough ?? {})) observed.set(event, { through, path: joinPath('noneThrough', event) });
  const evidence: PlannedEvidence[] = [];
  for (const [event, { through, path }] of observed) {
    const problem = observationProblem(scenario, event, through, path);
    if (problem) issues.push(problem);
    else if (parseDay(through)! > asOf) issues.push({ code: 'none-through-after-as-of', path, message: `${through} is after the as-of date ${asOfText}: nothing can be known yet about later days` });
    // Known through the end of `day`, but never past the moment the forecast is made.
    else evidence.push({ event, through, shares: days.map(([lo, hi]) => overlapShare(lo, hi, start, Math.min(parseDay(through)! + 1, asOf))), path });
  }
  if (issues.length > 0) return { issues };

  const coverMap = new Map<string, number[][]>();
  for (const [name, spec] of Object.entries(scenario.events)) {
    if (typeof spec === 'string' || !('hazard' in spec)) continue;
    coverMap.set(name, (spec.windows ?? []).map((w) => days.flatMap(([lo, hi], t) => (covers(w, lo, hi) ? [t] : []))));
  }
  const windowDays = days.slice(first);
  return {
    plan: {
      period: kind,
      window: { from: formatDay(asOf), to: formatDay(to - 1) },
      shares,
      first,
      labels: windowDays.map((_, t) => periodLabel(firstIndex + first + t, kind)),
      ends: windowDays.map(([, hi]) => formatDay(Math.min(hi, to) - 1)),
      evidence,
    },
    covers: coverMap,
    issues,
  };
}
