/**
 * What the Markdown and HTML renderers share: labels, grouping of events, wording of the stop
 * reason, the data behind each chart, and notes on analyses. Everything here returns plain
 * text or numbers; escaping is the renderer's job.
 */
import type { AnalysisRun, AttributionResult, EvidenceStep } from '../analysis/types';
import { createDistribution, type DistSpec } from '../distributions';
import { nextDown } from '../distributions/roots';
import type { EventEstimate } from '../engine/types';
import type { HazardWindow } from '../model/types';
import { formatCount, formatNumber, formatPercent, formatSigned, formatSignedPp } from './format';
import { bandChart, CHART_WIDTH, type WaterfallRow } from './svg';
import { whenText } from './text';
import type { Report } from './types';

/** When the forecast was made and what it covers: `as of 2026-12-04 · window … · given …`. */
export function reportWhen(report: Report): string {
  const { window, evidence, trials } = report.results;
  return whenText({ asOf: report.asOf, window, evidence, trials });
}

/**
 * Scenario text split at Markdown-style code spans (`name` between single backticks), so that
 * each renderer can show code as code and never a literal backtick. A backtick without a
 * partner stays in the text. The pieces are plain text: the renderer escapes each one.
 *
 * For example, 'quotations in `source` fields' gives [{ text: 'quotations in ' },
 * { text: 'source', code: true }, { text: ' fields' }] (tests/report/layout.test.ts checks it).
 */
export function codeSpans(text: string): Array<{ text: string; code?: true }> {
  const pieces: Array<{ text: string; code?: true }> = [];
  const all = String(text);
  let at = 0;
  for (const m of all.matchAll(/`([^`\r\n]+)`/g)) {
    if (m.index > at) pieces.push({ text: all.slice(at, m.index) });
    pieces.push({ text: m[1], code: true });
    at = m.index + m[0].length;
  }
  if (at < all.length || pieces.length === 0) pieces.push({ text: all.slice(at) });
  return pieces;
}

/**
 * The event a report leads with: the first unconditional event that is a finding (one that
 * neither restates an input's distribution nor follows from fixed params alone), else the first
 * unconditional one that varies between worlds, else the first unconditional event, else the first.
 */
export function headlineEvent(report: Report): string | undefined {
  const top = report.findings.filter((f) => f.given === undefined);
  return (top.find((f) => !f.aboutInput && f.term !== undefined) ?? top.find((f) => f.term !== undefined) ?? top[0] ?? report.findings[0])?.event;
}

/** An event's label, or its name. */
export function eventLabel(report: Report, name: string): string {
  return report.asked.formulas.find((f) => f.name === name && f.kind !== 'derived')?.label ?? name;
}

/** The 90% range of each world's own change, in pp ("−3.64 to +8.97 pp"), or "—" when it does not vary. */
export function changeAcrossWorldsText(d: { readonly acrossWorlds?: { readonly quantiles: { readonly p5: number; readonly p95: number } } }): string {
  const q = d.acrossWorlds?.quantiles;
  return q ? `${formatSignedPp(100 * q.p5)} to ${formatSignedPp(100 * q.p95)}` : '—';
}

/** An output's label with its unit, or its name. */
export function outputLabel(report: Report, name: string): string {
  const spec = (report.scenario.outputs ?? {})[name];
  if (spec === undefined || typeof spec === 'string') return name;
  return [spec.label ?? name, spec.unit && `(${spec.unit})`].filter(Boolean).join(' ');
}

/** A factor's or param's label, or its name (for tornado bars and attribution terms). */
export function inputLabel(report: Report, name: string): string {
  return report.asked.factors.find((f) => f.name === name)?.label ?? report.asked.params.find((p) => p.name === name)?.label ?? name;
}

/** Unconditional events, then the conditional ones grouped by the event they are conditional on. */
export function eventGroups(report: Report): { main: string[]; splits: Array<{ given: string; events: string[] }> } {
  const main: string[] = [];
  const splits: Array<{ given: string; events: string[] }> = [];
  for (const [name, e] of Object.entries(report.results.events)) {
    if (e.given === undefined) main.push(name);
    else {
      const group = splits.find((s) => s.given === e.given);
      if (group) group.events.push(name);
      else splits.push({ given: e.given, events: [name] });
    }
  }
  return { main, splits };
}

/** Why the run stopped, in words. */
export function stopText(report: Report): string {
  const { stoppedBecause, settings, trials } = report.manifest;
  switch (stoppedBecause) {
    case 'trials':
      return `ran the ${formatCount(trials)} trials asked for`;
    case 'halfWidth':
      return `every event's 95% half-width fell below ${settings.halfWidth} after ${formatCount(trials)} trials`;
    case 'maxTrials':
      return `reached the cap of ${formatCount(settings.maxTrials ?? trials)} trials before every half-width fell below ${settings.halfWidth}`;
    case 'aborted':
      return `aborted after ${formatCount(trials)} trials`;
  }
}

/** How many trials the run was set to do, in words. */
export function settingsText(report: Report): string {
  const { trials, halfWidth, maxTrials } = report.asked.settings;
  if (halfWidth !== undefined) return `until every event's 95% half-width is below ${halfWidth} (at most ${formatCount(maxTrials ?? 0)} trials)`;
  return `${formatCount(trials ?? 0)} trials`;
}

/** "8.48%" and "[8.33%, 8.63%]" for an estimate. */
export function intervalText(e: { readonly ci95: readonly [number, number] }): string {
  return `${formatPercent(e.ci95[0])} – ${formatPercent(e.ci95[1])}`;
}

/** A one-line description of the estimate method. */
export function methodText(e: EventEstimate): string {
  switch (e.method) {
    case 'wilson':
      return 'count of 0/1 outcomes, Wilson interval';
    case 'mean':
      return 'mean of per-trial probabilities, normal interval';
    case 'ratio':
      return `ratio estimate given ${e.given ?? 'its condition'}, delta-method interval`;
    case 'weighted':
      return 'mean of per-trial probabilities weighted by the "nothing yet" evidence, delta-method interval';
  }
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Where a calendar window applies, in words: `2026-03 to 2026-05`, or `every March and August`. */
export function windowSpan(w: HazardWindow): string {
  if ('from' in w) return w.from === w.to ? w.from : `${w.from} to ${w.to}`;
  const names = w.months.map((m) => MONTH_NAMES[m - 1]);
  return `every ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]}`;
}

/** Seed, trials and, if it differs, the scenario hash of an analysis, for its caption. */
export function analysisNote(report: Report, run: AnalysisRun): { text: string; mismatch?: string } {
  const text = `Run with seed ${run.seed} and ${formatCount(run.trials)} trials on scenario ${run.scenario.id}.`;
  if (run.scenario.hash === report.manifest.scenarioHash) return { text };
  return {
    text,
    mismatch: `This analysis was run on a scenario with hash ${run.scenario.hash.slice(0, 12)}…, not the one this report ran (${report.manifest.scenarioHash.slice(0, 12)}…): read it as a companion, not as a breakdown of the numbers above.`,
  };
}

/** What to draw for a factor: a density from CDF differences, or bars for discrete outcomes. */
export type FactorPlot =
  | { readonly kind: 'density'; readonly points: Array<readonly [number, number]>; readonly mean?: number }
  | { readonly kind: 'bars'; readonly bars: Array<{ label: string; p: number }> };

/** What a report says above its table of correlated factors. */
export const CORRELATIONS_NOTE = 'Pairs of factors drawn together through a Gaussian copula: each keeps its own distribution, and across trials their ranks have the correlation shown.';

/** Bins of the density plot. */
const DENSITY_BINS = 72;
/** A discrete factor with at most this many values between its 0.1% and 99.9% quantiles is drawn as bars. */
const MAX_BARS = 40;

/**
 * A factor's distribution for its chart. Continuous: the average density over each of 72 bins
 * between the 0.1% and 99.9% quantiles (widened to the support's end when that is near), from
 * CDF differences, so it is exact and needs no random draws; for an integer-valued factor the
 * bins are whole numbers of integers, so that no bin holds one more integer than its
 * neighbour. Discrete with few values in that range: each value's probability as a bar.
 */
export function factorPlot(spec: DistSpec): FactorPlot {
  const d = createDistribution(spec);
  switch (d.name) {
    case 'constant':
      return { kind: 'bars', bars: [{ label: formatNumber(d.parameters.value), p: 1 }] };
    case 'bernoulli':
      return { kind: 'bars', bars: [{ label: '0', p: 1 - d.parameters.p }, { label: '1', p: d.parameters.p }] };
    case 'categorical':
      return { kind: 'bars', bars: (d.labels ?? []).map((label) => ({ label, p: d.parameters[label] })) };
    default: {
      let lo = d.quantile(0.001);
      let hi = d.quantile(0.999);
      const values = outcomes(spec, lo, hi);
      if (values) return { kind: 'bars', bars: values.map((v) => ({ label: formatNumber(v), p: d.cdf(v) - d.cdf(nextDown(v)) })) };
      const [s0, s1] = [d.quantile(0), d.quantile(1)];
      if (Number.isFinite(s0) && lo - s0 < 0.25 * (hi - lo)) lo = s0;
      if (Number.isFinite(s1) && s1 - hi < 0.25 * (hi - lo)) hi = s1;
      // Integers k are bins [k − ½, k + ½), grouped `per` to a bin.
      const per = integerValued(spec) ? Math.ceil((hi - lo + 1) / DENSITY_BINS) : 0;
      const width = per > 0 ? per : (hi - lo) / DENSITY_BINS;
      const start = per > 0 ? lo - 0.5 : lo;
      const bins = per > 0 ? Math.ceil((hi - lo + 1) / per) : DENSITY_BINS;
      const points: Array<readonly [number, number]> = [];
      for (let i = 0; i < bins; i++) {
        const a = start + i * width;
        points.push([a + width / 2, Math.max(0, d.cdf(a + width) - d.cdf(a)) / width]);
      }
      return { kind: 'density', points, ...(d.mean === undefined ? {} : { mean: d.mean }) };
    }
  }
}

/**
 * The values a discrete spec takes in [lo, hi], ascending, when there are at most
 * {@link MAX_BARS} of them; undefined for a continuous spec (or a mixture with a continuous
 * component) and for one with more values there.
 */
function outcomes(spec: DistSpec, lo: number, hi: number): number[] | undefined {
  const few = (values: Iterable<number>): number[] | undefined => {
    const inside = [...new Set(values)].filter((v) => v >= lo && v <= hi).sort((a, b) => a - b);
    return inside.length <= MAX_BARS ? inside : undefined;
  };
  switch (spec.dist) {
    case 'constant':
      return [spec.value];
    case 'bernoulli':
      return few([0, 1]);
    case 'categorical':
      return few(Object.keys(spec.weights).map((_, i) => i));
    case 'poisson':
    case 'binomial': {
      const first = Math.max(0, Math.ceil(lo));
      const count = Math.floor(hi) - first + 1;
      return count <= MAX_BARS ? Array.from({ length: count }, (_, i) => first + i) : undefined;
    }
    case 'samples':
      return few(spec.values);
    case 'mixture': {
      const parts = spec.components.map((c) => outcomes(c, lo, hi));
      return parts.every((p) => p !== undefined) ? few(parts.flat()) : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether every value the spec can take is an integer (counts, indices, 0/1). */
function integerValued(spec: DistSpec): boolean {
  switch (spec.dist) {
    case 'bernoulli':
    case 'categorical':
    case 'poisson':
    case 'binomial':
      return true;
    case 'constant':
      return Number.isInteger(spec.value);
    case 'samples':
      return spec.values.every(Number.isInteger);
    case 'mixture':
      return spec.components.every(integerValued);
    default:
      return false;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Tick labels for timeline periods: for months the month, with the year under the first and each January; other periods by their names; thinned to fit. */
export function periodMarks(periods: readonly string[], slotWidth: number): Array<{ value: number; lines: string[] }> {
  const every = Math.max(1, Math.ceil(40 / Math.max(1, slotWidth)));
  const marks: Array<{ value: number; lines: string[] }> = [];
  periods.forEach((period, i) => {
    if (i % every !== 0) return;
    // Quarters, years, weeks and days are labelled as they are named.
    if (!/^\d{4}-\d{2}$/.test(period)) return void marks.push({ value: i, lines: [period] });
    const [year, month] = [period.slice(0, 4), Number(period.slice(5, 7))];
    const showYear = marks.length === 0 || month <= every;
    marks.push({ value: i, lines: showYear ? [MONTHS[month - 1] ?? period, year] : [MONTHS[month - 1] ?? period] });
  });
  return marks;
}

/** Each event's series for the convergence chart. */
export function convergenceSeries(report: Report, event: string): Array<{ x: number; y: number; lo: number; hi: number }> {
  return report.convergence.flatMap((point) => {
    const e = point.events[event];
    return e ? [{ x: point.trials, y: e.probability, lo: e.ci95[0], hi: e.ci95[1] }] : [];
  });
}


/** How far the tornado moved params and where it pinned factors, in words. */
export function tornadoSettingsText(s: {
  readonly paramStep: number;
  readonly paramStepKind?: 'relative' | 'absolute';
  readonly percentiles?: readonly [number, number];
}): string {
  const step = s.paramStepKind === 'relative' ? `±${formatNumber(s.paramStep * 100)}% of their value` : `±${formatNumber(s.paramStep)}`;
  const pins = s.percentiles ? `; factors pinned at their ${ordinalPercentile(s.percentiles[0])} and ${ordinalPercentile(s.percentiles[1])} percentiles` : '';
  return `params moved by ${step}${pins}`;
}

function ordinalPercentile(p: number): string {
  const n = Number((p * 100).toPrecision(6));
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return Number.isInteger(n) ? `${n}${suffix}` : `${n}th`;
}

/** The baseline a comparison was made against, in words. */
export function comparisonBaselineText(c: { readonly baseline?: { readonly variant?: string; readonly overrides: Readonly<Record<string, number>> } }): string {
  if (!c.baseline) return 'the scenario as written';
  const overrides = Object.entries(c.baseline.overrides).map(([k, v]) => `${k}=${v}`);
  const parts = [c.baseline.variant ? `variant ${c.baseline.variant}` : 'the scenario as written', ...(overrides.length ? [`with ${overrides.join(', ')}`] : [])];
  return parts.join(' ');
}

/** "61% / 30%" for the shares of trials where a variant is higher / lower, or "—". */
export function greaterLessText(d: { readonly probabilityGreater?: number; readonly probabilityLess?: number }): string {
  if (d.probabilityGreater === undefined) return '—';
  return d.probabilityLess === undefined ? formatPercent(d.probabilityGreater) : `${formatPercent(d.probabilityGreater)} / ${formatPercent(d.probabilityLess)}`;
}

/** An odds ratio with its interval when there is one, or "—". */
export function oddsRatioText(d: { readonly oddsRatio?: number; readonly oddsRatioCi95?: readonly [number, number] }): string {
  if (d.oddsRatio === undefined) return '—';
  return d.oddsRatioCi95 ? `${formatNumber(d.oddsRatio)} [${formatNumber(d.oddsRatioCi95[0])}, ${formatNumber(d.oddsRatioCi95[1])}]` : formatNumber(d.oddsRatio);
}

/** A ledger step's row label: date, then the signpost (or "if" and the condition). */
export function stepLabel(s: EvidenceStep): string {
  return `${s.date ? `${s.date} ` : ''}${s.kind === 'condition' ? `if ${s.signpost}` : s.signpost}`;
}

/**
 * The waterfall of an attribution: the base from zero (when the sum has a constant part), each
 * term from where the previous one ended, the remainder (what takes the mean log-odds to the logit of the reported probability),
 * and the final logit as a total bar from zero.
 */
export function waterfallRows(report: Report, a: Extract<AttributionResult, { applicable: true }>): WaterfallRow[] {
  let at = a.baseLogOdds;
  const rows: WaterfallRow[] = a.baseFormula === undefined ? [] : [{ label: 'base', start: 0, end: a.baseLogOdds, role: 'base', valueText: formatSigned(a.baseLogOdds) }];
  for (const t of [...a.terms, a.remainder]) {
    const start = at;
    at += t.mean;
    const name = t === a.remainder ? 'remainder' : (t.label ?? inputLabel(report, t.name));
    rows.push({ label: name, start, end: at, lo: start + t.ci95[0], hi: start + t.ci95[1], role: 'term', valueText: formatSigned(t.mean) });
  }
  rows.push({ label: 'reported probability (logit)', start: 0, end: a.finalLogOdds, role: 'total', valueText: `${formatSigned(a.finalLogOdds)} (${formatPercent(a.probability.probability)})` });
  return rows;
}

/**
 * What `verify` checks, and what it cannot re-derive, said in the report itself (issue 15: every
 * byte is either re-derived or outside the promise, and then the report says so).
 */
export const VERIFY_SCOPE =
  'Verification re-runs the embedded scenario with the recorded seed and settings, renders this report again and compares it field by field (and report.md and report.html beside report.json byte for byte); a report edited by hand fails, even with its hashes recomputed. Not re-derived, covered only by the report hash: the analyses (not re-run), the name of the source file, the variant\'s name, label and description, and the "as written" values of overridden inputs.';

/**
 * The timeline chart of one timed event, `width` px wide: the cumulative probability from the
 * as-of date to the end of each period of the window, with its 95% simulation band. The report
 * and the playground draw the same chart.
 */
export function timelineChart(report: Report, event: string, width: number): string {
  const curve = report.results.timelines[event];
  const period = report.results.window?.period ?? 'period';
  return bandChart({
    kind: 'timeline',
    title: `Cumulative probability of ${eventLabel(report, event)} from ${report.asOf}, by ${period}`,
    points: curve.map((p, i) => ({ x: i, y: p.cumulative.probability, lo: p.cumulative.ci95[0], hi: p.cumulative.ci95[1] })),
    xMarks: periodMarks(curve.map((p) => p.period), (width - 100) / Math.max(1, curve.length)),
    xAxis: 'number',
    xDomain: [0, Math.max(1, curve.length - 1)],
    xTitle: `by the end of the ${period}`,
    yAxis: 'percent',
    yFromZero: true,
    yTitle: 'cumulative probability',
    lineLabel: `P(by the end of the ${period})`,
    bandLabel: '95% simulation interval',
    width,
    height: width < CHART_WIDTH ? 260 : 300,
  });
}
