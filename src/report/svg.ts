/**
 * A small SVG chart kit for the HTML report: linear scales, "nice" ticks, axes with tick labels
 * and titles, and the report's seven chart shapes (dots with whiskers, a line with an interval
 * band, a tornado, a waterfall, boxes of quantiles, a density and bars). The row charts (dots,
 * tornado, waterfall, boxes) drawn narrower than {@link COMPACT_WIDTH} put each label on a line
 * of its own, so a chart drawn for a phone keeps its plot. No dependency and no script: each chart is
 * one self-contained `<svg>` string with presentation attributes (so it survives being copied
 * out of the page) and every piece of text and every attribute value goes through
 * {@link escapeHtml}.
 *
 * Text widths are estimated (no layout engine here), generously, to size label columns and
 * thin out tick labels so that nothing overlaps.
 */
import { escapeHtml } from './escape';
import { formatNumber } from './format';

const FONT = 12;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Colours chosen to stay distinct in greyscale print as well as on screen. */
export const COLORS = {
  ink: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  axis: '#9ca3af',
  accent: '#1d4ed8',
  band: '#93c5fd',
  stripe: '#f8fafc',
  low: '#d97706',
  high: '#1d4ed8',
  up: '#15803d',
  down: '#b91c1c',
  neutral: '#475569',
} as const;

/** Default width of a full-width chart, in SVG units (CSS scales it down on narrow pages). */
export const CHART_WIDTH = 760;

// ---------------------------------------------------------------------------------------------
// Primitives

/** A coordinate with at most two decimals (smaller files, identical output everywhere). */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

type Attrs = Readonly<Record<string, string | number | undefined>>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeHtml(v as string)}"`)
    .join('');
}

/** An element; `children` must already be markup (text goes through {@link txt}). */
function el(name: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
}

const txt = escapeHtml;

/** Estimated rendered width of a text at a font size (a generous average glyph width). */
export function textWidth(text: string, size = FONT): number {
  return [...text].length * size * 0.56;
}

/** The text cut with an ellipsis to fit `width`. */
function fit(text: string, width: number, size = FONT): string {
  if (textWidth(text, size) <= width) return text;
  const chars = [...text];
  const keep = Math.max(1, Math.floor(width / (size * 0.56)) - 1);
  return `${chars.slice(0, keep).join('').trimEnd()}…`;
}

/** A text element; cut to `maxWidth` if given, with the full text as its tooltip. */
function label(x: number, y: number, text: string, a: Attrs = {}, maxWidth?: number): string {
  const size = typeof a['font-size'] === 'number' ? a['font-size'] : FONT;
  const shown = maxWidth === undefined ? text : fit(text, maxWidth, size);
  const tooltip = shown === text ? '' : el('title', {}, txt(text));
  return el('text', { x, y, fill: COLORS.ink, ...a }, `${tooltip}${txt(shown)}`);
}

function line(x1: number, y1: number, x2: number, y2: number, a: Attrs = {}): string {
  return el('line', { x1, y1, x2, y2, stroke: COLORS.axis, ...a });
}

/** The `<svg>` wrapper: a fixed viewBox, a kind for tests and styling, and an accessible title. */
function svg(kind: string, width: number, height: number, title: string, body: string): string {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'chart',
      'data-chart': kind,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      width,
      height,
      role: 'img',
      'aria-label': title,
      'font-family': FONT_FAMILY,
      'font-size': FONT,
    },
    `${el('title', {}, txt(title))}${body}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Scales and ticks

/** A linear map from a domain to a range (a zero-width domain maps to the range's middle). */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** A step of 1, 2 or 5 times a power of ten giving about `count` intervals over [lo, hi]. */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = Math.abs(hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  return power * (error >= 7.5 ? 10 : error >= 3.5 ? 5 : error >= 1.5 ? 2 : 1);
}

/** Multiples of the step inside [lo, hi], free of floating-point dust. */
export function ticks(lo: number, hi: number, count: number): number[] {
  const step = tickStep(lo, hi, count);
  const out: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** [lo, hi] widened to multiples of the tick step. */
export function niceDomain(lo: number, hi: number, count: number): [number, number] {
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceDomain(lo - pad, hi + pad, count);
  }
  const step = tickStep(lo, hi, count);
  return [Number((Math.floor(lo / step + 1e-9) * step).toPrecision(12)), Number((Math.ceil(hi / step - 1e-9) * step).toPrecision(12))];
}

/** What an axis shows: probabilities (as %), plain numbers, trial counts (10k, 1M) or signed percentage points. */
export type TickKind = 'percent' | 'number' | 'count' | 'pp';

/** A tick label formatter for a kind of value, with as many decimals as the step needs. */
export function tickFormat(kind: TickKind, step: number): (v: number) => string {
  const decimals = (s: number) => Math.max(0, Math.ceil(-Math.log10(s) - 1e-9));
  const minus = (s: string) => s.replace(/^-/, '\u2212');
  switch (kind) {
    case 'percent':
      return (v) => `${minus((v * 100).toFixed(decimals(step * 100)))}%`;
    case 'pp':
      return (v) => `${v > 0 ? '+' : ''}${minus(v.toFixed(decimals(step)))}`;
    case 'count':
      return (v) => (v >= 1e6 ? `${Number((v / 1e6).toPrecision(3))}M` : v >= 1e3 ? `${Number((v / 1e3).toPrecision(3))}k` : String(v));
    case 'number':
      return (v) => minus(v.toFixed(decimals(step)));
  }
}

/** Tick values and their labels for an x axis of `width`, thinned until the labels fit. */
function xTicks(lo: number, hi: number, width: number, kind: TickKind): Array<{ value: number; text: string }> {
  for (let count = Math.max(2, Math.floor(width / 60)); count >= 1; count--) {
    const values = ticks(lo, hi, count);
    const format = tickFormat(kind, tickStep(lo, hi, count));
    const texts = values.map(format);
    const widest = Math.max(...texts.map((t) => textWidth(t)));
    if (values.length < 2 || (widest + 14) * values.length <= width) return values.map((value, i) => ({ value, text: texts[i] }));
  }
  return [];
}

function yTicks(lo: number, hi: number, height: number, kind: TickKind): Array<{ value: number; text: string }> {
  const count = Math.max(2, Math.floor(height / 34));
  const format = tickFormat(kind, tickStep(lo, hi, count));
  return ticks(lo, hi, count).map((value) => ({ value, text: format(value) }));
}

/** Vertical grid lines, the axis line, tick marks, tick labels and the axis title. */
function xAxis(x: (v: number) => number, marks: ReadonlyArray<{ value: number; text: string }>, top: number, bottom: number, left: number, right: number, title: string | undefined, width: number): string {
  const parts = marks.map(({ value, text }) => {
    const at = x(value);
    return line(at, top, at, bottom, { stroke: COLORS.grid }) + line(at, bottom, at, bottom + 5) + label(at, bottom + 18, text, { 'text-anchor': 'middle', fill: COLORS.muted });
  });
  parts.push(line(left, bottom, right, bottom));
  if (title) parts.push(axisTitle((left + right) / 2, bottom + 36, title, width));
  return parts.join('');
}

/** An x-axis title centred under the plot, moved in and cut if need be so that it stays inside a chart `width` wide. */
function axisTitle(center: number, y: number, text: string, width: number): string {
  const room = width - 8;
  const half = Math.min(textWidth(text), room) / 2;
  const at = Math.min(Math.max(center, 4 + half), width - 4 - half);
  return label(at, y, text, { 'text-anchor': 'middle' }, room);
}

/** Horizontal grid lines, the axis line, tick labels and the (rotated) axis title. */
function yAxis(y: (v: number) => number, marks: ReadonlyArray<{ value: number; text: string }>, left: number, right: number, top: number, bottom: number, title?: string): string {
  const parts = marks.map(({ value, text }) => {
    const at = y(value);
    return line(left, at, right, at, { stroke: COLORS.grid }) + line(left - 5, at, left, at) + label(left - 8, at, text, { 'text-anchor': 'end', dy: '0.32em', fill: COLORS.muted });
  });
  parts.push(line(left, top, left, bottom));
  if (title) parts.push(label(14, (top + bottom) / 2, title, { 'text-anchor': 'middle', transform: `rotate(-90 14 ${num((top + bottom) / 2)})` }));
  return parts.join('');
}

function swatch(x: number, y: number, color: string, text: string, shape: 'rect' | 'dashed' | 'dot' = 'rect'): { markup: string; width: number } {
  const mark =
    shape === 'dashed'
      ? line(x, y, x + 14, y, { stroke: color, 'stroke-width': 2, 'stroke-dasharray': '4 3' })
      : shape === 'dot'
        ? el('circle', { cx: x + 7, cy: y, r: 4.5, fill: color })
        : el('rect', { x, y: y - 5, width: 14, height: 10, fill: color });
  return { markup: mark + label(x + 19, y, text, { dy: '0.32em', fill: COLORS.muted }), width: 19 + textWidth(text) + 18 };
}

/**
 * Legend entries from (x, y), left to right, wrapping onto a new line (16 units below) when the
 * next entry would pass `maxWidth`; returns the markup and the number of lines used.
 */
function legend(x: number, y: number, entries: ReadonlyArray<LegendEntry>, maxWidth = Infinity): { markup: string; lines: number } {
  let at = x;
  let row = 0;
  const markup = entries
    .map((e) => {
      const width = 19 + textWidth(e.text) + 18;
      if (at > x && at - x + width - 18 > maxWidth) {
        at = x;
        row++;
      }
      const s = swatch(at, y + row * LEGEND_LINE, e.color, e.text, e.shape);
      at += s.width;
      return s.markup;
    })
    .join('');
  return { markup, lines: row + 1 };
}

/** One entry of a legend: a swatch of a colour and shape, and its text. */
interface LegendEntry {
  readonly color: string;
  readonly text: string;
  readonly shape?: 'rect' | 'dashed' | 'dot';
}

/** Height of one line of a legend. */
const LEGEND_LINE = 16;

/** Left label column width for some row labels: as wide as the widest, within limits. */
function labelColumn(texts: readonly string[], min: number, max: number): number {
  return Math.min(max, Math.max(min, ...texts.map((t) => textWidth(t) + 18)));
}

// ---------------------------------------------------------------------------------------------
// Charts

/** One row of a dot-and-whisker chart. */
export interface DotRow {
  readonly label: string;
  readonly value: number;
  /** The interval's ends (no whisker when absent). */
  readonly lo?: number;
  readonly hi?: number;
  /** The value as text, shown right of the plot. */
  readonly valueText: string;
  readonly color?: string;
}

/** Options of {@link dotWhiskerChart}. */
export interface DotWhiskerOptions {
  readonly kind: string;
  readonly title: string;
  readonly rows: readonly DotRow[];
  readonly axis: TickKind;
  readonly axisTitle: string;
  /** Default: from 0 (or the lowest value, if below) to just above the highest interval end. */
  readonly domain?: readonly [number, number];
  /** A dashed reference line (e.g. zero difference, or a baseline). */
  readonly reference?: { readonly value: number; readonly label: string };
  readonly width?: number;
}

/** Below this width (in SVG units) the row charts put each label on its own line above its row. */
export const COMPACT_WIDTH = 480;

/** Height of the label line above each row in the compact layout. */
const LABEL_LINE = 16;

/**
 * Geometry shared by the row charts: a label column, the plot, a value column, one row per
 * item. Narrow charts (below {@link COMPACT_WIDTH}) are compact: each label gets the full width
 * on a line of its own above its row, so the plot keeps its room on a phone.
 */
interface RowLayout {
  readonly compact: boolean;
  readonly labelW: number;
  readonly valueW: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly height: number;
  /** Height of one row (with its label line, when compact). */
  readonly rowH: number;
  /** The y of row i's mark (dot, bar) and of its value text. */
  readonly markY: (i: number) => number;
  /** A row's label, placed and cut for the layout. */
  readonly rowLabel: (i: number, text: string) => string;
}

function rowLayout(rows: ReadonlyArray<{ readonly label: string; readonly valueText: string }>, width: number, top: number, rowH: number, valueRange: readonly [number, number]): RowLayout {
  const compact = width < COMPACT_WIDTH;
  const widest = Math.max(valueRange[0], ...rows.map((r) => textWidth(r.valueText) + 28));
  if (compact) {
    const valueW = Math.min(valueRange[1], widest, width * 0.5);
    const step = rowH + LABEL_LINE;
    const bottom = top + step * rows.length;
    const markY = (i: number) => top + i * step + LABEL_LINE + rowH / 2;
    // A white halo keeps a label readable where a reference line crosses it.
    const rowLabel = (i: number, text: string) => label(8, top + i * step + LABEL_LINE / 2 + 2, text, { dy: '0.32em', stroke: '#fff', 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' }, width - 16);
    return { compact, labelW: 0, valueW, left: 8, right: width - valueW, top, bottom, height: bottom + 46, rowH: step, markY, rowLabel };
  }
  const labelW = labelColumn(rows.map((r) => r.label), 120, 340);
  const valueW = Math.min(valueRange[1], widest);
  const bottom = top + rowH * rows.length;
  const markY = (i: number) => top + i * rowH + rowH / 2;
  const rowLabel = (i: number, text: string) => label(labelW - 10, markY(i), text, { 'text-anchor': 'end', dy: '0.32em' }, labelW - 16);
  return { compact, labelW, valueW, left: labelW, right: width - valueW, top, bottom, height: bottom + 46, rowH, markY, rowLabel };
}

/** Zebra stripes behind every other row. */
function stripes(l: RowLayout, rows: number, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows; i += 2) out.push(el('rect', { x: 0, y: l.top + i * l.rowH, width, height: l.rowH, fill: COLORS.stripe }));
  return out;
}

/** A legend above a row chart, and the layout moved down by the lines it wraps onto. */
function rowLegend(
  rows: ReadonlyArray<{ readonly label: string; readonly valueText: string }>,
  width: number,
  top: number,
  rowH: number,
  valueRange: readonly [number, number],
  entries: readonly LegendEntry[],
): { layout: RowLayout; legend: string } {
  const first = rowLayout(rows, width, top, rowH, valueRange);
  const key = legend(first.left, 14, entries, width - first.left - 8);
  const layout = key.lines > 1 ? rowLayout(rows, width, top + (key.lines - 1) * LEGEND_LINE, rowH, valueRange) : first;
  return { layout, legend: key.markup };
}

/** Horizontal rows, each a dot at its estimate with a whisker for its interval (none when the interval has no width). */
export function dotWhiskerChart(o: DotWhiskerOptions): string {
  const width = o.width ?? CHART_WIDTH;
  const layout = rowLayout(o.rows, width, o.reference ? 26 : 10, 26, [70, 260]);
  const { valueW, left, right, top, bottom, height } = layout;
  const lows = o.rows.map((r) => Math.min(r.value, r.lo ?? r.value));
  const highs = o.rows.map((r) => Math.max(r.value, r.hi ?? r.value));
  const [d0, d1] = o.domain ?? niceDomain(Math.min(0, ...lows, o.reference?.value ?? 0), Math.max(...highs, o.reference?.value ?? 0), 5);
  const x = linear(d0, d1, left + 6, right - 6);
  const parts: string[] = stripes(layout, o.rows.length, width);
  parts.push(xAxis(x, xTicks(d0, d1, right - left, o.axis), top, bottom, left, right, o.axisTitle, width));
  if (o.reference) {
    const at = x(o.reference.value);
    parts.push(line(at, top - 6, at, bottom, { stroke: COLORS.neutral, 'stroke-dasharray': '4 3' }));
    parts.push(label(at, top - 10, o.reference.label, { 'text-anchor': 'middle', fill: COLORS.neutral, 'font-size': 11 }));
  }
  o.rows.forEach((r, i) => {
    const y = layout.markY(i);
    const color = r.color ?? COLORS.accent;
    parts.push(layout.rowLabel(i, r.label));
    if (r.lo !== undefined && r.hi !== undefined && r.hi > r.lo) {
      const [a, b] = [x(r.lo), x(r.hi)];
      parts.push(line(a, y, b, y, { stroke: color, 'stroke-width': 2 }));
      parts.push(line(a, y - 5, a, y + 5, { stroke: color, 'stroke-width': 2 }));
      parts.push(line(b, y - 5, b, y + 5, { stroke: color, 'stroke-width': 2 }));
    }
    parts.push(el('circle', { cx: x(r.value), cy: y, r: 4.5, fill: color }));
    parts.push(label(right + 10, y, r.valueText, { dy: '0.32em', fill: COLORS.ink }, valueW - 16));
  });
  return svg(o.kind, width, height, o.title, parts.join(''));
}

/** One row of a box chart: quantiles of a quantity across the model's worlds, and its mean. */
export interface BoxRow {
  readonly label: string;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
  readonly mean: number;
  /** Shown right of the plot, e.g. "0.69% – 10.03%". */
  readonly valueText: string;
}

/** Options of {@link boxChart}. */
export interface BoxOptions {
  readonly kind: string;
  readonly title: string;
  readonly rows: readonly BoxRow[];
  readonly axis: TickKind;
  readonly axisTitle: string;
  readonly width?: number;
}

/**
 * How a quantity spreads across the model's worlds, one row each: a whisker from the 5th to
 * the 95th percentile, a box from the 25th to the 75th, a bar at the median and a dot at the
 * mean (the estimate). Quantiles, unlike a histogram of equal bins, stay readable when most
 * worlds are near zero and a few are far out.
 */
export function boxChart(o: BoxOptions): string {
  const width = o.width ?? CHART_WIDTH;
  const { layout, legend: key } = rowLegend(o.rows, width, 34, 30, [70, 200], [
    { color: COLORS.band, text: 'middle half of the worlds' },
    { color: COLORS.accent, text: 'mean: the estimate', shape: 'dot' },
  ]);
  const { valueW, left, right, top, bottom, height } = layout;
  const [d0, d1] = niceDomain(Math.min(0, ...o.rows.map((r) => r.p5)), Math.max(...o.rows.flatMap((r) => [r.p95, r.mean])), 5);
  const x = linear(d0, d1, left + 6, right - 6);
  const parts: string[] = [key, ...stripes(layout, o.rows.length, width)];
  parts.push(xAxis(x, xTicks(d0, d1, right - left, o.axis), top, bottom, left, right, o.axisTitle, width));
  o.rows.forEach((r, i) => {
    const y = layout.markY(i);
    parts.push(layout.rowLabel(i, r.label));
    parts.push(line(x(r.p5), y, x(r.p95), y, { stroke: COLORS.neutral, 'stroke-width': 1.5 }));
    for (const end of [r.p5, r.p95]) parts.push(line(x(end), y - 5, x(end), y + 5, { stroke: COLORS.neutral, 'stroke-width': 1.5 }));
    parts.push(el('rect', { x: x(r.p25), y: y - 8, width: Math.max(1, x(r.p75) - x(r.p25)), height: 16, fill: COLORS.band, stroke: COLORS.neutral }));
    parts.push(line(x(r.p50), y - 8, x(r.p50), y + 8, { stroke: COLORS.ink, 'stroke-width': 2 }));
    parts.push(el('circle', { cx: x(r.mean), cy: y, r: 4.5, fill: COLORS.accent, stroke: '#fff', 'stroke-width': 1 }));
    parts.push(label(right + 10, y, r.valueText, { dy: '0.32em' }, valueW - 16));
  });
  return svg(o.kind, width, height, o.title, parts.join(''));
}

/** Smallest y extent of a band chart not anchored at zero (0.4 percentage points). */
const MIN_SPAN = 0.004;

/** A point of a line with its interval band. */
export interface BandPoint {
  readonly x: number;
  readonly y: number;
  readonly lo: number;
  readonly hi: number;
}

/** Options of {@link bandChart}. */
export interface BandChartOptions {
  readonly kind: string;
  readonly title: string;
  readonly points: readonly BandPoint[];
  /** Custom x tick marks (each label one or more lines); default numeric ticks of `xAxis`. */
  readonly xMarks?: ReadonlyArray<{ readonly value: number; readonly lines: readonly string[] }>;
  readonly xAxis: TickKind;
  readonly xDomain: readonly [number, number];
  readonly xTitle: string;
  readonly yAxis: TickKind;
  /** Default: around the band, padded; from 0 when `yFromZero`. */
  readonly yDomain?: readonly [number, number];
  readonly yFromZero?: boolean;
  readonly yTitle: string;
  /** Legend entries for the line and the band. */
  readonly lineLabel?: string;
  readonly bandLabel?: string;
  readonly width?: number;
  readonly height?: number;
}

/** A line through the estimates over a shaded band between the interval ends. */
export function bandChart(o: BandChartOptions): string {
  const width = o.width ?? CHART_WIDTH;
  const height = o.height ?? 300;
  const entries: Array<{ color: string; text: string }> = [];
  if (o.lineLabel) entries.push({ color: COLORS.accent, text: o.lineLabel });
  if (o.bandLabel) entries.push({ color: COLORS.band, text: o.bandLabel });
  const extraLines = Math.max(1, ...(o.xMarks ?? []).map((m) => m.lines.length)) - 1;
  const bottom = height - 46 - extraLines * 14;
  const lo = Math.min(...o.points.map((p) => p.lo));
  const hi = Math.max(...o.points.map((p) => p.hi));
  const span = hi - lo;
  // At least MIN_SPAN tall, so a flat line (a ratio that is constant but for rounding dust) gets
  // round tick labels rather than 40.00000001%.
  const pad = Math.max(span * 0.15, (MIN_SPAN - span) / 2);
  const [y0, y1] =
    o.yDomain ?? (o.yFromZero ? niceDomain(0, Math.max(hi, 1e-9) * 1.05, 5) : niceDomain(lo - pad, hi + pad, 4));
  const marksFor = (top: number) => yTicks(Math.max(y0, o.yAxis === 'percent' ? 0 : -Infinity), Math.min(y1, o.yAxis === 'percent' ? 1 : Infinity), bottom - top, o.yAxis);
  const leftFor = (marks: ReadonlyArray<{ text: string }>) => Math.max(...marks.map((m) => textWidth(m.text)), 20) + 34;
  const right = width - 16;
  // The legend wraps onto a second line on a narrow chart; the plot starts below it.
  const legendX = leftFor(marksFor(30)) + 4;
  const key = entries.length ? legend(legendX, 14, entries, right - legendX) : undefined;
  const top = key ? 30 + (key.lines - 1) * LEGEND_LINE : 12;
  const yMarks = marksFor(top);
  const left = leftFor(yMarks);
  const x = linear(o.xDomain[0], o.xDomain[1], left + 8, right - 8);
  const y = linear(y0, y1, bottom, top);
  const parts: string[] = [];
  parts.push(yAxis(y, yMarks, left, right, top, bottom, o.yTitle));
  if (o.xMarks) {
    for (const m of o.xMarks) {
      const at = x(m.value);
      parts.push(line(at, bottom, at, bottom + 5));
      m.lines.forEach((text, i) => parts.push(label(at, bottom + 18 + i * 14, text, { 'text-anchor': 'middle', fill: i === 0 ? COLORS.muted : COLORS.ink })));
    }
    parts.push(line(left, bottom, right, bottom));
    parts.push(axisTitle((left + right) / 2, bottom + 36 + extraLines * 14, o.xTitle, width));
  } else {
    parts.push(xAxis(x, xTicks(o.xDomain[0], o.xDomain[1], right - left, o.xAxis), top, bottom, left, right, o.xTitle, width));
  }
  const upper = o.points.map((p) => `${num(x(p.x))},${num(y(p.hi))}`);
  const lower = o.points.map((p) => `${num(x(p.x))},${num(y(p.lo))}`).reverse();
  parts.push(el('polygon', { points: [...upper, ...lower].join(' '), fill: COLORS.band, 'fill-opacity': 0.55, stroke: 'none' }));
  parts.push(el('polyline', { points: o.points.map((p) => `${num(x(p.x))},${num(y(p.y))}`).join(' '), fill: 'none', stroke: COLORS.accent, 'stroke-width': 2 }));
  if (o.points.length <= 40) for (const p of o.points) parts.push(el('circle', { cx: x(p.x), cy: y(p.y), r: 3, fill: COLORS.accent }));
  if (key) parts.push(key.markup);
  return svg(o.kind, width, height, o.title, parts.join(''));
}

/** One bar of a tornado chart. */
export interface TornadoRow {
  readonly label: string;
  readonly low: number;
  readonly high: number;
  /** Shown right of the plot, e.g. "7.10% → 9.93%". */
  readonly valueText: string;
}

/** Options of {@link tornadoChart}. */
export interface TornadoOptions {
  readonly kind: string;
  readonly title: string;
  readonly baseline: number;
  readonly baselineLabel: string;
  readonly rows: readonly TornadoRow[];
  readonly axis: TickKind;
  readonly axisTitle: string;
  readonly width?: number;
}

/** Bars from the baseline to the result with each input at its low and at its high setting. */
export function tornadoChart(o: TornadoOptions): string {
  const width = o.width ?? CHART_WIDTH;
  const { layout, legend: key } = rowLegend(o.rows, width, 48, 28, [80, 240], [
    { color: COLORS.low, text: 'input at its low setting' },
    { color: COLORS.high, text: 'input at its high setting' },
  ]);
  const { valueW, left, right, top, bottom, height } = layout;
  const values = [o.baseline, ...o.rows.flatMap((r) => [r.low, r.high])];
  const [d0, d1] = niceDomain(Math.min(...values), Math.max(...values), 5);
  const x = linear(d0, d1, left + 6, right - 6);
  const parts: string[] = [key, ...stripes(layout, o.rows.length, width)];
  parts.push(xAxis(x, xTicks(d0, d1, right - left, o.axis), top, bottom, left, right, o.axisTitle, width));
  const base = x(o.baseline);
  const labels: string[] = [];
  o.rows.forEach((r, i) => {
    const y = layout.markY(i);
    labels.push(layout.rowLabel(i, r.label));
    for (const [v, color] of [[r.low, COLORS.low], [r.high, COLORS.high]] as const) {
      const at = x(v);
      parts.push(el('rect', { x: Math.min(at, base), y: y - 8, width: Math.max(1, Math.abs(at - base)), height: 16, fill: color, 'fill-opacity': 0.85 }));
    }
    parts.push(label(right + 10, y, r.valueText, { dy: '0.32em' }, valueW - 16));
  });
  parts.push(line(base, top - 6, base, bottom, { stroke: COLORS.ink, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }));
  parts.push(label(base, top - 10, o.baselineLabel, { 'text-anchor': 'middle', 'font-size': 11, fill: COLORS.ink }));
  // Row labels last, over the baseline (on a narrow chart they sit on a line of their own that it crosses).
  parts.push(...labels);
  return svg(o.kind, width, height, o.title, parts.join(''));
}

/** One step of a waterfall. */
export interface WaterfallRow {
  readonly label: string;
  /** Where the bar starts and ends on the axis. */
  readonly start: number;
  readonly end: number;
  /** The interval of the end (a term's contribution interval, shifted to where it lands). */
  readonly lo?: number;
  readonly hi?: number;
  /** `base` and `total` are drawn from zero in a neutral colour; terms by their sign. */
  readonly role: 'base' | 'term' | 'total';
  readonly valueText: string;
}

/** Options of {@link waterfallChart}. */
export interface WaterfallOptions {
  readonly kind: string;
  readonly title: string;
  readonly rows: readonly WaterfallRow[];
  readonly axis: TickKind;
  readonly axisTitle: string;
  readonly width?: number;
}

/** Horizontal waterfall: each term's bar starts where the previous one ended. */
export function waterfallChart(o: WaterfallOptions): string {
  const width = o.width ?? CHART_WIDTH;
  const { layout, legend: key } = rowLegend(o.rows, width, 34, 28, [80, 240], [
    { color: COLORS.up, text: 'raises the log-odds' },
    { color: COLORS.down, text: 'lowers the log-odds' },
    { color: COLORS.neutral, text: 'base / total' },
  ]);
  const { valueW, left, right, top, bottom, height } = layout;
  const values = [0, ...o.rows.flatMap((r) => [r.start, r.end, r.lo ?? r.end, r.hi ?? r.end])];
  const [d0, d1] = niceDomain(Math.min(...values), Math.max(...values), 6);
  const x = linear(d0, d1, left + 6, right - 6);
  const parts: string[] = [key, ...stripes(layout, o.rows.length, width)];
  parts.push(xAxis(x, xTicks(d0, d1, right - left, o.axis), top, bottom, left, right, o.axisTitle, width));
  parts.push(line(x(0), top, x(0), bottom, { stroke: COLORS.ink }));
  o.rows.forEach((r, i) => {
    const y = layout.markY(i);
    const color = r.role === 'term' ? (r.end >= r.start ? COLORS.up : COLORS.down) : COLORS.neutral;
    const [a, b] = [x(r.start), x(r.end)];
    parts.push(layout.rowLabel(i, r.label));
    parts.push(el('rect', { x: Math.min(a, b), y: y - 8, width: Math.max(1, Math.abs(b - a)), height: 16, fill: color, 'fill-opacity': 0.85 }));
    // A term that is the same in every trial has no interval to draw.
    if (r.lo !== undefined && r.hi !== undefined && r.hi > r.lo) {
      parts.push(line(x(r.lo), y, x(r.hi), y, { stroke: COLORS.ink, 'stroke-width': 1.5 }));
      parts.push(line(x(r.lo), y - 4, x(r.lo), y + 4, { stroke: COLORS.ink, 'stroke-width': 1.5 }));
      parts.push(line(x(r.hi), y - 4, x(r.hi), y + 4, { stroke: COLORS.ink, 'stroke-width': 1.5 }));
    }
    const next = o.rows[i + 1];
    if (next && next.role === 'term') parts.push(line(b, y + 8, b, layout.markY(i + 1) - 8, { stroke: COLORS.muted, 'stroke-dasharray': '2 2' }));
    parts.push(label(right + 10, y, r.valueText, { dy: '0.32em' }, valueW - 16));
  });
  return svg(o.kind, width, height, o.title, parts.join(''));
}

/** Options of {@link densityChart}. */
export interface DensityOptions {
  readonly kind: string;
  readonly title: string;
  /** (x, density) pairs in increasing x. */
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly mean?: number;
  readonly xTitle: string;
  readonly width?: number;
  readonly height?: number;
}

/** A probability density as a shaded curve, with the mean marked. */
export function densityChart(o: DensityOptions): string {
  const width = o.width ?? 360;
  const height = o.height ?? 200;
  // Room above the plot for the mean's label, so it never sits on the curve.
  const top = 22;
  const bottom = height - 46;
  const xs = o.points.map((p) => p[0]);
  const peak = Math.max(...o.points.map((p) => p[1]), 1e-12);
  const yMarks = yTicks(0, peak, bottom - top, 'number');
  const y1 = Math.max(peak, yMarks.at(-1)?.value ?? peak);
  const left = Math.max(...yMarks.map((m) => textWidth(m.text)), 16) + 34;
  const right = width - 14;
  const [d0, d1] = [Math.min(...xs), Math.max(...xs)];
  const x = linear(d0, d1, left, right);
  const y = linear(0, y1, bottom, top);
  const parts = [yAxis(y, yMarks, left, right, top, bottom, 'density'), xAxis(x, xTicks(d0, d1, right - left, 'number'), top, bottom, left, right, o.xTitle, width)];
  const curve = o.points.map(([a, b]) => `${num(x(a))},${num(y(b))}`);
  parts.push(el('polygon', { points: [`${num(x(d0))},${num(y(0))}`, ...curve, `${num(x(d1))},${num(y(0))}`].join(' '), fill: COLORS.band, 'fill-opacity': 0.55 }));
  parts.push(el('polyline', { points: curve.join(' '), fill: 'none', stroke: COLORS.accent, 'stroke-width': 1.75 }));
  if (o.mean !== undefined && o.mean >= d0 && o.mean <= d1) {
    const at = x(o.mean);
    parts.push(line(at, top - 4, at, bottom, { stroke: COLORS.ink, 'stroke-dasharray': '4 3' }));
    parts.push(label(at, top - 8, `mean ${formatNumber(o.mean)}`, { 'text-anchor': 'middle', 'font-size': 11, fill: COLORS.ink }));
  }
  return svg(o.kind, width, height, o.title, parts.join(''));
}

/** Options of {@link barChart}. */
export interface BarOptions {
  readonly kind: string;
  readonly title: string;
  readonly bars: ReadonlyArray<{ readonly label: string; readonly p: number }>;
  readonly xTitle: string;
  readonly width?: number;
  readonly height?: number;
}

/** Vertical bars of probabilities, one per outcome (categorical, Bernoulli, constant). */
export function barChart(o: BarOptions): string {
  const width = o.width ?? 360;
  const height = o.height ?? 190;
  const top = 12;
  const bottom = height - 46;
  const yMarks = yTicks(0, 1, bottom - top, 'percent');
  const left = Math.max(...yMarks.map((m) => textWidth(m.text))) + 34;
  const right = width - 14;
  const y = linear(0, 1, bottom, top);
  const slot = (right - left) / Math.max(1, o.bars.length);
  const parts = [yAxis(y, yMarks, left, right, top, bottom, 'probability')];
  parts.push(line(left, bottom, right, bottom));
  o.bars.forEach((b, i) => {
    const cx = left + slot * (i + 0.5);
    const w = Math.min(48, slot * 0.6);
    parts.push(el('rect', { x: cx - w / 2, y: y(b.p), width: w, height: Math.max(0, bottom - y(b.p)), fill: COLORS.accent, 'fill-opacity': 0.85 }));
    parts.push(label(cx, bottom + 16, b.label, { 'text-anchor': 'middle', fill: COLORS.muted }, slot - 4));
  });
  parts.push(axisTitle((left + right) / 2, bottom + 36, o.xTitle, width));
  return svg(o.kind, width, height, o.title, parts.join(''));
}
