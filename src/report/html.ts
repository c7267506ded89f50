import type { AttributionResult, AttributionTerm, ComparisonResult, EvidenceResult, SensitivityResult } from '../analysis/types';
import type { Scenario } from '../model/types';
import { sigmoid } from '../expr/functions';
import { termRange } from './build';
import {
  analysisNote,
  changeAcrossWorldsText,
  codeSpans,
  comparisonBaselineText,
  convergenceSeries,
  CORRELATIONS_NOTE,
  eventGroups,
  eventLabel,
  factorPlot,
  greaterLessText,
  headlineEvent,
  inputLabel,
  intervalText,
  methodText,
  outputLabel,
  reportWhen,
  settingsText,
  stepLabel,
  stopText,
  timelineChart,
  tornadoSettingsText,
  waterfallRows,
  VERIFY_SCOPE,
  windowSpan,
} from './common';
import { escapeHtml as h } from './escape';
import { formatCount, formatIndex, formatNumber, formatPercent, formatPp, formatSigned, formatSignedPp } from './format';
import { bandChart, barChart, boxChart, CHART_WIDTH, COLORS, densityChart, dotWhiskerChart, tornadoChart, waterfallChart, type BoxRow, type DotRow } from './svg';
import type { Report } from './types';
import { acrossWorldsText, isExact, outputCells, simulationErrorText, TWO_KINDS } from './uncertainty';

/**
 * `report.html`: the report as one self-contained page — inline CSS and inline SVG charts, no
 * script, no font or image to fetch (a Content-Security-Policy forbids any), readable on a
 * phone, on a wide screen and on paper. Every piece of scenario text is escaped, in SVG too.
 * Equal reports give byte-identical pages.
 *
 * It opens with the answer and ends with the means to check it:
 *
 * 1. the headline: the lead event, its window and as-of date, its probability in words and
 *    numbers, its simulation error and its spread across the model's worlds (charted), then the
 *    other findings;
 * 2. what was found: every event and output, the conditional splits;
 * 3. what drives it, when the analyses are in the report: the tornado, the log-odds waterfall,
 *    the variants compared and the evidence ledger;
 * 4. the timeline of each timed event;
 * 5. the inputs and sources (the question, factors with their distributions as small charts,
 *    params, formulas, variants, sources), folded away in `<details>`;
 * 6. how to reproduce it: the run, the commands, the manifest and the convergence charts.
 *
 * A quantity that is the same in every world gets no chart and no interval. Each full-width
 * chart is drawn twice, wide and narrow, and CSS shows the one that fits (the wide one on
 * paper), so labels stay readable on a 400 px screen; tables scroll inside their own box, so
 * the page never scrolls sideways. Printing unfolds every `<details>`.
 *
 * @example
 * ```ts
 * const html = renderHtml(await buildReport({ id: 'coin', title: 'A coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { landsHeads: 'heads' } }, { seed: 1, trials: 10_000 }));
 * html.startsWith('<!doctype html>'); // true
 * ```
 */
export function renderHtml(report: Report): string {
  const a = report.asked;
  const body = [
    header(report),
    headline(report),
    contents(report),
    found(report),
    drivers(report),
    timelines(report),
    inputs(report),
    reproduce(report),
    `<footer><p class="note">Written by scenario-odds ${h(report.manifest.version)}. Report hash <code>${h(report.reportHash)}</code>.</p></footer>`,
  ]
    .filter((part) => part !== '')
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="scenario-odds ${h(report.manifest.version)}">
<title>${h(plain(a.title))} — scenario-odds report</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Width of the narrow drawing of a full-width chart: about a phone's width, so it is drawn near 1:1 there. */
const NARROW_WIDTH = 360;

/** Below this page width the narrow drawings replace the wide ones. */
const NARROW_PAGE = 600;

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: ${COLORS.ink}; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 980px; margin: 0 auto; padding: 28px 32px 56px; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .15em 0 .5em; }
h2 { font-size: 1.35rem; margin: 2.2em 0 .6em; padding-bottom: .25em; border-bottom: 2px solid #e5e7eb; }
h3 { font-size: 1.1rem; margin: 1.8em 0 .5em; }
h4 { font-size: 1rem; margin: 1.4em 0 .4em; }
p { margin: .5em 0; }
.kicker { margin: 0; color: ${COLORS.muted}; font-size: .85rem; letter-spacing: .04em; text-transform: uppercase; }
.meta, .note { color: ${COLORS.muted}; font-size: .9rem; }
.lead { font-size: 1.05rem; }
.headline { margin: 0 0 1.5em; }
.headline h2.q { margin: 0 0 .1em; padding: 0; border: 0; font-size: 1.2rem; }
.headline .when { margin: 0 0 .4em; color: ${COLORS.muted}; font-size: .9rem; }
.answer { display: flex; flex-wrap: wrap; align-items: baseline; gap: .1em .6em; margin: .2em 0 .5em; }
.prob { font-size: 2.7rem; font-weight: 700; line-height: 1.1; color: ${COLORS.accent}; font-variant-numeric: tabular-nums; }
.answer .words { font-size: 1.2rem; }
.band { color: ${COLORS.muted}; font-size: .9rem; white-space: nowrap; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: .5em .8em; margin: .6em 0; }
.facts > div { padding: .45em .75em; background: #f1f5f9; border-radius: 4px; }
.facts dt { color: ${COLORS.muted}; font-size: .78rem; letter-spacing: .03em; text-transform: uppercase; }
.facts dd { margin: 0; font-weight: 650; font-variant-numeric: tabular-nums; }
.facts dd .desc { font-weight: 400; }
.split2 { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 28px; align-items: start; }
@media (min-width: 820px) { .split2 { grid-template-columns: minmax(0, 1fr) minmax(0, 400px); } .split2 figure { margin-top: .4em; } }
.findings { list-style: none; padding: 0; margin: .6em 0; }
.findings li { margin: .45em 0; padding: .55em .8em; background: #f1f5f9; border-left: 4px solid ${COLORS.accent}; break-inside: avoid; }
.term { font-weight: 650; }
.warn { margin: .35em 0; padding: .4em .7em; background: #fef3c7; border-left: 4px solid ${COLORS.low}; font-size: .9rem; }
.scroll { max-width: 100%; overflow-x: auto; margin: .6em 0 1.1em; }
.scroll > table { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: .6em 0 1.1em; font-size: .88rem; }
th, td { padding: .38em .55em; text-align: left; vertical-align: top; border-bottom: 1px solid #e5e7eb; }
tbody td:first-child { min-width: 10em; }
td.nowrap { white-space: nowrap; }
td.num .desc { font-size: .78rem; }
thead th { background: #f3f4f6; font-weight: 600; border-bottom: 1px solid #d1d5db; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.desc { display: block; margin-top: .2em; color: #4b5563; font-size: .82rem; line-height: 1.45; }
.name { color: ${COLORS.muted}; font-size: .8rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .86em; }
code { overflow-wrap: anywhere; }
pre { margin: .5em 0 1em; padding: .7em .9em; background: #f3f4f6; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
details { margin: .6em 0; border: 1px solid #e5e7eb; border-radius: 4px; padding: 0 .8em; }
details > summary { cursor: pointer; padding: .5em 0; font-weight: 600; }
details[open] > summary { margin-bottom: .3em; border-bottom: 1px solid #e5e7eb; }
details.more { margin: .25em 0 0; border: 0; padding: 0; }
details.more > summary { padding: 0; color: ${COLORS.accent}; font-size: .8rem; font-weight: 400; }
details.more[open] > summary { border: 0; }
figure { margin: 1em 0 1.5em; break-inside: avoid; }
figcaption { margin-top: .35em; color: #4b5563; font-size: .86rem; }
svg.chart { display: block; width: 100%; max-width: 100%; height: auto; }
figure.small svg.chart { max-width: 440px; }
.narrow { display: none; }
@media (max-width: ${NARROW_PAGE - 0.02}px) {
  .wide { display: none; }
  .narrow { display: block; }
  main { padding: 16px 14px 40px; }
  h1 { font-size: 1.45rem; }
  h2 { font-size: 1.2rem; margin-top: 1.8em; }
  .prob { font-size: 2.4rem; }
  nav ol { columns: 1; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.cards tr { padding: .45em 0; border-bottom: 1px solid #d1d5db; }
  table.cards td { padding: .1em 0; border: 0; text-align: left; white-space: normal; min-width: 0; }
  table.cards td:first-child { font-weight: 600; }
  table.cards td:first-child .desc, table.cards td:first-child .name { font-weight: 400; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; color: ${COLORS.muted}; font-size: .8rem; }
  table.cards td[data-label] .desc { display: inline; margin-left: .4em; }
  table.cards td:empty { display: none; }
}
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 14px 22px; }
.grid figure { margin: 0; }
dl.manifest { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25em 1.2em; font-size: .9rem; }
dl.manifest dt { color: ${COLORS.muted}; }
dl.manifest dd { margin: 0; overflow-wrap: anywhere; }
nav ol { margin: .3em 0; padding-left: 1.3em; columns: 2; font-size: .92rem; }
a { color: ${COLORS.accent}; }
@page { margin: 14mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  .wide { display: block !important; }
  .narrow { display: none !important; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  td.num, td.nowrap { white-space: normal; }
  tbody td:first-child { min-width: 0; }
  details { border: 0; padding: 0; }
  details > summary { list-style: none; cursor: auto; }
  details > summary::-webkit-details-marker { display: none; }
  details.more > summary { display: none; }
  h2, h3, h4, details > summary { break-after: avoid; }
  tr, figure, .findings li, .warn, pre, .facts { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  thead th { background: #eee; }
}
@media print { details::details-content { content-visibility: visible; display: block; } }
`;

const code = (text: string) => `<code>${h(text)}</code>`;
/** Scenario prose, escaped, with its `code` spans shown as code rather than as backticks. */
const rich = (text: string) => codeSpans(text).map((p) => (p.code ? code(p.text) : h(p.text))).join('');
/** Scenario text where no markup can go (the page's title): its `code` spans without their backticks. */
const plain = (text: string) => codeSpans(text).map((p) => p.text).join('');
const desc = (text: string | undefined) => (text ? `<span class="desc">${rich(text)}</span>` : '');
const num = (text: string, below?: string) => `<td class="num">${h(text)}${below ? `<span class="desc">${h(below)}</span>` : ''}</td>`;
const nowrap = (html: string) => `<td class="nowrap">${html}</td>`;
const td = (html: string) => `<td>${html}</td>`;

/**
 * A table in its own scrolling box, so a wide one never widens the page. With `cards`, a narrow
 * page shows each row as a card instead (each cell under its column's name, from `data-label`).
 */
function table(head: readonly string[], rows: readonly string[][], numeric: readonly number[] = [], cards = head.length >= 3): string {
  const th = head.map((t, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${h(t)}</th>`).join('');
  const labelled = (cell: string, i: number) => (cards && i > 0 ? cell.replace(/^<td/, `<td data-label="${h(head[i])}"`) : cell);
  return `<div class="scroll"><table${cards ? ' class="cards"' : ''}><thead><tr>${th}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(labelled).join('')}</tr>`).join('')}</tbody></table></div>`;
}

/** A block folded away under a one-line summary (already markup). */
function fold(summary: string, body: string, id?: string): string {
  return `<details${id ? ` id="${h(id)}"` : ''}><summary>${summary}</summary>\n${body}\n</details>`;
}

function figure(svgMarkup: string, caption: string, small = false): string {
  return `<figure${small ? ' class="small"' : ''}>${svgMarkup}<figcaption>${caption}</figcaption></figure>`;
}

/** A full-width chart drawn wide and narrow; CSS shows the one that fits the page. */
function responsive(draw: (width: number) => string): string {
  return `<div class="wide">${draw(CHART_WIDTH)}</div><div class="narrow">${draw(NARROW_WIDTH)}</div>`;
}

/**
 * A description and a source under a name: shown as they are when short, folded under
 * "why, and the source" when long, so a table of 25 factors stays a table one can scan.
 */
function about(description: string | undefined, source: string | undefined): string {
  const parts = [description ? `<span class="desc">${rich(description)}</span>` : '', source ? `<span class="desc">Source: ${rich(source)}</span>` : ''].join('');
  const length = (description?.length ?? 0) + (source?.length ?? 0);
  if (length <= 160) return parts;
  const summary = description && source ? 'why, and the source' : description ? 'why' : 'source';
  return `<details class="more"><summary>${summary}</summary>${parts}</details>`;
}

function header(report: Report): string {
  const a = report.asked;
  const variant = a.variant ? ` · variant <code>${h(a.variant.name)}</code>` : '';
  return `<header>
<p class="kicker">scenario-odds report · <code>${h(a.id)}</code>${variant}</p>
<h1>${rich(a.title)}</h1>
</header>`;
}

/** The answer first: the lead event's probability in words and numbers, both kinds of uncertainty, and the other findings. */
function headline(report: Report): string {
  const lead = headlineEvent(report);
  if (lead === undefined) return '';
  const e = report.results.events[lead];
  const f = report.findings.find((x) => x.event === lead)!;
  const label = eventLabel(report, lead);
  const given = e.given === undefined ? '' : ` (given ${h(eventLabel(report, e.given))})`;
  const words = f.term === undefined ? 'exact: the same in every world' : `<span class="term">${h(f.term)}</span> <span class="band">ICD-203 ${h(termRange(f.term))}</span>`;
  const restates = f.aboutInput ? `<p class="note"><em>About an input, not a finding</em>: it restates the distribution of ${f.aboutInput.map(code).join(', ')}.</p>` : '';
  const facts = isExact(e)
    ? `<p class="note">It follows from fixed params, not from the model's uncertain inputs, so it has no simulation error and no spread.</p>`
    : `<dl class="facts"><div><dt>Simulation error</dt><dd>${h(simulationErrorText(e))}<span class="desc">95% interval ${h(intervalText(e))} from ${h(formatCount(e.trials))} trials; more trials shrink it</span></dd></div><div><dt>Across the model's worlds</dt><dd>${h(acrossWorldsText(e))}${
        e.acrossWorlds
          ? `<span class="desc">90% range (median ${h(formatPercent(e.acrossWorlds.quantiles.p50))}): how much the chance depends on the uncertain inputs; more trials do not shrink it</span>`
          : ''
      }</dd></div></dl>`;
  const warn = f.warning ? `<div class="warn">⚠ ${h(f.warning)}</div>` : '';
  const spread = headlineSpread(report, lead);
  const answer = `<h2 class="q">${h(label)}${given}</h2>
<p class="when">Forecast ${h(reportWhen(report))}</p>
<p class="answer"><span class="prob" data-headline>${h(formatPercent(e.probability))}</span> <span class="words">${words}</span></p>
${restates}${facts}${warn}`;
  const others = report.findings
    .filter((x) => x.given === undefined && x.event !== lead)
    .map((x) => {
      const o = report.results.events[x.event];
      const name = x.label ?? x.event;
      const warning = x.warning ? `<div class="warn">⚠ ${h(x.warning)}</div>` : '';
      const input = x.aboutInput ? `<em>About an input, not a finding</em> (it restates ${x.aboutInput.map(code).join(', ')}): ` : '';
      const term = x.term === undefined ? 'exact' : `<span class="term">${h(x.term)}</span>`;
      return `<li>${input}<strong>${h(name)}</strong>: ${term} — ${h(estimateLine(o))}.${warning}</li>`;
    });
  return `<section id="summary" class="headline">
${spread ? `<div class="split2"><div>${answer}</div>${spread}</div>` : answer}
${others.length ? `<ul class="findings">${others.join('')}</ul>` : ''}
<p class="note">${h(TWO_KINDS)} The words are the ICD-203 expressions of likelihood (US Intelligence Community Directive 203).</p>
</section>`;
}

/** "2.22% (simulation error ±0.11 pp; 0 or 1 in each world)", shorter than the finding's sentence. */
function estimateLine(e: Report['results']['events'][string]): string {
  if (isExact(e)) return `${formatPercent(e.probability)}, the same in every world`;
  return `${formatPercent(e.probability)} (simulation error ${simulationErrorText(e)}; ${e.acrossWorlds ? `across the model's worlds ${acrossWorldsText(e)}` : acrossWorldsText(e)})`;
}

function contents(report: Report): string {
  const items: Array<[string, string]> = [['found', 'What was found']];
  if (hasAnalyses(report)) items.push(['drivers', 'What drives it']);
  if (Object.keys(report.results.timelines).length) items.push(['timeline', 'Timeline']);
  items.push(['inputs', 'Inputs and sources'], ['reproduce', 'How to reproduce it']);
  return `<nav aria-label="Contents"><ol>${items.map(([id, text]) => `<li><a href="#${id}">${h(text)}</a></li>`).join('')}</ol></nav>`;
}

function eventRows(report: Report, names: readonly string[]): DotRow[] {
  return names.map((name) => {
    const e = report.results.events[name];
    return { label: eventLabel(report, name), value: e.probability, lo: e.ci95[0], hi: e.ci95[1], valueText: `${formatPercent(e.probability)} [${intervalText(e)}]` };
  });
}

function eventTable(report: Report, names: readonly string[]): string {
  return table(
    ['Event', 'Probability', 'Simulation error (95%)', "Across the model's worlds (90%)", 'In words'],
    names.map((name) => {
      const e = report.results.events[name];
      const f = report.findings.find((x) => x.event === name)!;
      // The full warning is in the headline or the findings above; here, which two expressions.
      const warn = f.warning && f.intervalTerms ? `<span class="desc">⚠ the simulation interval spans “${h(f.intervalTerms[0])}” to “${h(f.intervalTerms[1])}”</span>` : '';
      const words = f.term === undefined ? 'exact' : `<span class="term">${h(f.term)}</span>${f.aboutInput ? ' (about an input)' : ''}`;
      return [
        td(`${h(eventLabel(report, name))} <span class="name">${code(name)}</span><span class="desc">${h(methodText(e))}</span>`),
        num(formatPercent(e.probability)),
        num(simulationErrorText(e)),
        num(acrossWorldsText(e)),
        td(`${words}${warn}`),
      ];
    }),
    [1, 2, 3],
  );
}

/** Quantiles of each event's chance across the model's worlds (for the events whose chance varies from world to world). */
function spreadRows(report: Report, names: readonly string[]): BoxRow[] {
  return names.flatMap((name) => {
    const e = report.results.events[name];
    const q = e.acrossWorlds?.quantiles;
    return q ? [{ label: eventLabel(report, name), ...q, mean: e.probability, valueText: `${formatPercent(q.p5)} – ${formatPercent(q.p95)}` }] : [];
  });
}

const SPREAD_KEY = "box: the middle half of the model's worlds; whiskers: 90% of them; bar: the median; dot: the mean, which is the estimate. More trials shrink the simulation error, not this spread.";

/** The lead event's chance across the model's worlds, drawn narrow enough for a phone and for the column beside the headline. */
function headlineSpread(report: Report, name: string): string {
  const rows = spreadRows(report, [name]);
  if (rows.length === 0) return '';
  const label = eventLabel(report, name);
  const q = report.results.events[name].acrossWorlds!.quantiles;
  return figure(
    boxChart({ kind: 'spread', title: `Chance of ${label} across the model's worlds`, rows, axis: 'percent', axisTitle: "chance in one world of the model", width: NARROW_WIDTH }),
    `<strong>The chance in each of the model's worlds</strong>: ${h(formatPercent(q.p5))} – ${h(formatPercent(q.p95))} in 90% of them, median ${h(formatPercent(q.p50))}; ${h(SPREAD_KEY)}`,
    true,
  );
}

function found(report: Report): string {
  const { main, splits } = eventGroups(report);
  const lead = headlineEvent(report);
  const parts = ['<section id="found">', '<h2>What was found</h2>'];
  if (main.length) {
    // No chart for a quantity that is the same in every world, and none that would only repeat the headline.
    const varying = main.filter((name) => !isExact(report.results.events[name]));
    if (varying.length > 1) {
      parts.push(
        figure(
          responsive((width) => dotWhiskerChart({ kind: 'events', title: 'Event probabilities with their 95% simulation intervals', rows: eventRows(report, varying), axis: 'percent', axisTitle: 'probability (dot: estimate, whiskers: 95% interval)', width })),
          `Each event's estimated probability with the 95% interval of its simulation error, from ${h(formatCount(report.results.trials))} trials${
            varying.length < main.length ? '; events that are the same in every world are in the table only' : ''
          }.`,
        ),
      );
    }
    parts.push(eventTable(report, main));
    const spreads = spreadRows(report, main.filter((name) => name !== lead));
    if (spreads.length > 0) {
      parts.push(
        "<h3>Across the model's worlds</h3>",
        figure(
          responsive((width) => boxChart({ kind: 'spread', title: "Each event's chance across the model's worlds", rows: spreads, axis: 'percent', axisTitle: 'chance in one world of the model', width })),
          `The chance of each event whose chance varies from world to world; ${h(SPREAD_KEY)}`,
        ),
      );
    }
  }
  const outputs = Object.entries(report.results.outputs ?? {});
  if (outputs.length > 0) {
    parts.push('<h3>Outputs</h3>');
    parts.push(
      table(
        ['Output', 'Mean', 'Simulation error (95%)', "Across the model's worlds (90%)", 'Median'],
        outputs.map(([name, o]) => {
          const [mean, error, across] = outputCells(o);
          return [td(`${h(outputLabel(report, name))} <span class="name">${code(name)}</span>`), num(mean), num(error), num(across), num(formatNumber(o.acrossWorlds.quantiles.p50))];
        }),
        [1, 2, 3, 4],
      ),
    );
  }
  for (const split of splits) {
    const givenLabel = eventLabel(report, split.given);
    parts.push(`<h3>Split given ${h(givenLabel)}</h3>`);
    const varying = split.events.filter((name) => !isExact(report.results.events[name]));
    if (varying.length) {
      parts.push(
        figure(
          responsive((width) => dotWhiskerChart({ kind: 'split', title: `Conditional probabilities given ${givenLabel}`, rows: eventRows(report, varying), axis: 'percent', axisTitle: `probability given ${givenLabel}`, width })),
          `Probabilities conditional on ${code(split.given)}: among the trials' chance of ${h(givenLabel)}, how it divides${varying.length < split.events.length ? ' (shares that are the same in every world are in the table only)' : ''}.`,
        ),
      );
    }
    parts.push(eventTable(report, split.events));
  }
  parts.push('</section>');
  return parts.join('\n');
}

function timelines(report: Report): string {
  const entries = Object.entries(report.results.timelines);
  if (entries.length === 0) return '';
  const period = report.results.window?.period ?? 'period';
  const parts = ['<section id="timeline">', '<h2>Timeline</h2>'];
  for (const [event, curve] of entries) {
    const label = eventLabel(report, event);
    if (entries.length > 1) parts.push(`<h3>${h(label)}</h3>`);
    parts.push(
      figure(
        responsive((width) => timelineChart(report, event, width)),
        `The probability that ${h(label)} happens between the as-of date ${h(report.asOf)} and the end of each ${h(period)} of the window, with its 95% interval.`,
      ),
    );
    const last = curve.at(-1)!;
    parts.push(
      fold(
        `${h(period[0].toUpperCase() + period.slice(1))} by ${h(period)}: the numbers`,
        table(
          ['By', 'Cumulative', 'Simulation 95% interval', `If none by then: P by ${last.end}`],
          curve.map((p) => [nowrap(h(p.end)), num(formatPercent(p.cumulative.probability)), num(intervalText(p.cumulative)), num(p.ifNoneYet ? formatPercent(p.ifNoneYet.probability) : '—', p.ifNoneYet ? intervalText(p.ifNoneYet) : undefined)]),
          [1, 2, 3],
          false,
        ),
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function inputs(report: Report): string {
  const a = report.asked;
  const sources = report.scenario.sources ?? [];
  const variants = Object.entries(a.variant ? {} : (report.scenario.variants ?? {}));
  const parts = ['<section id="inputs">', '<h2>Inputs and sources</h2>'];
  if (a.description) parts.push(`<p class="lead">${rich(a.description)}</p>`);
  const counts = [
    `${a.factors.length} ${a.factors.length === 1 ? 'factor' : 'factors'}`,
    a.params.length ? `${a.params.length} ${a.params.length === 1 ? 'param' : 'params'}` : '',
    `${a.formulas.length} ${a.formulas.length === 1 ? 'formula' : 'formulas'}`,
    variants.length ? `${variants.length} ${variants.length === 1 ? 'variant' : 'variants'}` : '',
    sources.length ? `${sources.length} ${sources.length === 1 ? 'source' : 'sources'}` : '',
  ].filter(Boolean);
  parts.push(`<p class="note">The model has ${h(counts.join(', '))}; each list below unfolds.</p>`);

  if (a.factors.length) {
    parts.push(
      fold(
        `Factors (${a.factors.length})`,
        `<p>Each factor is an uncertain quantity, drawn once per trial from its own random stream.</p>${table(
          ['Factor', 'Distribution', 'Mean', 'SD'],
          a.factors.map((f) => [
            td(`${h(f.label ?? f.name)} <span class="name">${code(f.name)}</span>${about(f.description, f.source)}`),
            td(`${h(f.distribution)}${f.asWritten ? `<span class="desc">as written: ${h(f.asWritten)}</span>` : ''}`),
            num(f.mean === undefined ? '—' : formatNumber(f.mean)),
            num(f.sd === undefined ? '—' : formatNumber(f.sd)),
          ]),
          [2, 3],
        )}`,
        'factors',
      ),
    );
    const charts = a.factors.map((f) => factorFigure(report, f.name)).filter((f) => f !== '');
    if (charts.length) parts.push(fold(`Factor distributions (${charts.length} small ${charts.length === 1 ? 'chart' : 'charts'})`, `<div class="grid">${charts.join('')}</div>`));
  }

  const correlations = report.scenario.correlations ?? [];
  if (correlations.length) {
    parts.push(
      fold(
        `Correlations (${correlations.length})`,
        `<p>${h(CORRELATIONS_NOTE)}</p>${table(
          ['Factors', 'Rank (Spearman)'],
          correlations.map((c) => [td(`${code(c.factors[0])} – ${code(c.factors[1])}${about(c.description, c.source)}`), num(formatNumber(c.rank))]),
          [1],
        )}`,
        'correlations',
      ),
    );
  }

  if (a.params.length) {
    parts.push(
      fold(
        `Params (${a.params.length})`,
        `<p>Fixed numbers of the model (weights, base rates); <code>--set NAME=VALUE</code> changes one.</p>${table(
          ['Param', 'Value'],
          a.params.map((p) => [
            td(`${h(p.label ?? p.name)} <span class="name">${code(p.name)}</span>${about(p.description, p.source)}`),
            num(`${formatNumber(p.value)}${p.asWritten === undefined ? '' : ` (was ${formatNumber(p.asWritten)})`}`),
          ]),
          [1],
        )}`,
        'params',
      ),
    );
  }

  parts.push(
    fold(
      `Formulas (${a.formulas.length})`,
      table(
        ['Name', 'Kind', 'Formula'],
        a.formulas.map((f) => {
          const windows = f.windows?.length
            ? `<span class="desc">hazard multiplied by ${f.windows.map((w) => `${code(w.multiplier)} in ${h(windowSpan(w))}${w.label ? ` (${h(w.label)})` : ''}`).join('; ')}</span>`
            : '';
          const kind = f.kind === 'conditional' ? `given ${code(f.given ?? '')}` : f.kind === 'timed' ? `timed (hazard per ${h(report.results.window?.period ?? 'period')})` : h(f.kind === 'derived' || f.kind === 'output' ? f.kind : 'event');
          return [td(`${h(f.label ?? f.name)} <span class="name">${code(f.name)}</span>${about(f.description, undefined)}`), td(kind), td(`${code(f.formula)}${windows}`)];
        }),
      ),
      'formulas',
    ),
  );

  if (variants.length) {
    parts.push(
      fold(
        `Variants (${variants.length})`,
        `<p>Named what-ifs kept in the scenario; this report ran none of them (<code>--variant NAME</code> runs one).</p>${table(
          ['Variant', 'What it changes'],
          variants.map(([name, v]) => [nowrap(code(name)), td(`${v.label ? h(v.label) : ''}${about(v.description, undefined)}`)]),
        )}`,
        'variants',
      ),
    );
  }

  if (sources.length) {
    parts.push(
      fold(
        `Sources (${sources.length})`,
        table(
          ['Id', 'Source'],
          sources.map((s) => [
            nowrap(code(s.id)),
            td(`${rich(s.title)}${s.author ? `, ${rich(s.author)}` : ''}${s.date ? ` (${h(s.date)})` : ''}${s.url ? `<span class="desc">${h(s.url)}</span>` : ''}${about(s.note, undefined)}`),
          ]),
        ),
        'sources',
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function factorFigure(report: Report, name: string): string {
  const spec = (report.scenario as Scenario).factors?.[name];
  const row = report.asked.factors.find((f) => f.name === name)!;
  // A constant does not vary: no chart for it.
  if (!spec || row.family === 'constant') return '';
  const plot = factorPlot(spec);
  const title = `Distribution of ${row.label ?? name}`;
  const chart =
    plot.kind === 'density'
      ? densityChart({ kind: 'factor', title, points: plot.points, mean: plot.mean, xTitle: name })
      : barChart({ kind: 'factor', title, bars: plot.bars, xTitle: name });
  const sampled = report.results.nodes[name];
  const sampledText = sampled ? `; sampled mean ${formatNumber(sampled.mean)}, sd ${formatNumber(sampled.sd)}` : '';
  return figure(chart, `<strong>${h(row.label ?? name)}</strong>: ${h(row.distribution)}${h(sampledText)}.`);
}

const hasAnalyses = (report: Report) => Object.values(report.analyses).some((a) => a !== undefined);

/** What drives the answer: the tornado, the waterfall, the variants compared, then the evidence ledger. */
function drivers(report: Report): string {
  const { comparison, sensitivity, attribution, evidence } = report.analyses;
  if (!comparison && !sensitivity && !attribution && !evidence) return '';
  const parts = ['<section id="drivers">', '<h2>What drives it</h2>'];
  if (sensitivity) parts.push(sensitivityHtml(report, sensitivity));
  if (attribution) parts.push(attributionHtml(report, attribution));
  if (comparison) parts.push(comparisonHtml(report, comparison));
  if (evidence) parts.push(evidenceHtml(report, evidence));
  parts.push('</section>');
  return parts.join('\n');
}

function noteHtml(report: Report, run: Parameters<typeof analysisNote>[1]): string {
  const note = analysisNote(report, run);
  return `<p class="note">${h(note.text)}</p>${note.mismatch ? `<div class="warn">⚠ ${h(note.mismatch)}</div>` : ''}`;
}

/** A difference that is exactly zero in every trial: nothing changed. */
const unchanged = (d: { readonly differencePp: { readonly probability: number; readonly ci95: readonly [number, number] } }) =>
  d.differencePp.probability === 0 && d.differencePp.ci95[0] === 0 && d.differencePp.ci95[1] === 0;

function comparisonHtml(report: Report, c: ComparisonResult): string {
  const parts = [
    '<h3>What-if comparison</h3>',
    `<p>Each variant against the baseline (${h(comparisonBaselineText(c))}) on common random numbers, so a difference is the variant's alone.</p>`,
    noteHtml(report, c),
  ];
  const events = [...new Set(c.variants.flatMap((v) => Object.keys(v.events)))];
  const still: string[] = [];
  for (const event of events.filter((e) => report.results.events[e]?.given === undefined)) {
    const present = c.variants.flatMap((v) => (v.events[event] ? [{ v, d: v.events[event] }] : []));
    if (present.length === 0) continue;
    const label = eventLabel(report, event);
    // No chart when no variant changes the event at all.
    if (present.every(({ d }) => unchanged(d))) {
      still.push(label);
      continue;
    }
    const rows: DotRow[] = present.map(({ v, d }) => ({ label: v.name, value: d.differencePp.probability, lo: d.differencePp.ci95[0], hi: d.differencePp.ci95[1], valueText: formatSignedPp(d.differencePp.probability) }));
    const extent = Math.max(1e-9, ...rows.flatMap((r) => [Math.abs(r.lo ?? r.value), Math.abs(r.hi ?? r.value)]));
    parts.push(
      figure(
        responsive((width) =>
          dotWhiskerChart({ kind: 'comparison', title: `Change in ${label} by variant`, rows, axis: 'pp', axisTitle: 'difference from the baseline (percentage points)', domain: [-extent * 1.1, extent * 1.1], reference: { value: 0, label: 'baseline' }, width }),
        ),
        `Difference in the probability of ${h(label)} (variant − baseline) with its 95% interval.`,
      ),
    );
  }
  if (still.length) parts.push(`<p class="note">No variant changes ${still.map((s) => h(s)).join(', ')}.</p>`);
  for (const v of c.variants) {
    const overrides = Object.entries(v.overrides).map(([k, x]) => code(`${k}=${x}`)).join(', ');
    const head = `${h(v.name)}${v.description ? ` <span class="name">— ${rich(v.description)}</span>` : ''}`;
    const meta = v.variant || overrides ? `<p class="note">${v.variant ? `variant ${code(v.variant)}` : ''}${v.variant && overrides ? ' · ' : ''}${overrides ? `set ${overrides}` : ''}</p>` : '';
    parts.push(
      fold(
        head,
        meta +
          table(
            ['Event', 'Baseline', 'Variant', 'Difference (simulation 95%)', "Change across the model's worlds (90%)", 'Odds ratio', 'Trials higher / lower'],
            Object.entries(v.events).map(([event, d]) => [
              td(`${h(eventLabel(report, event))} <span class="name">${code(event)}</span>`),
              num(formatPercent(d.baseline)),
              num(formatPercent(d.variant)),
              unchanged(d) ? num('none', 'the same in every trial') : num(formatSignedPp(d.differencePp.probability), `${formatSignedPp(d.differencePp.ci95[0])} to ${formatSignedPp(d.differencePp.ci95[1])}`),
              num(changeAcrossWorldsText(d)),
              num(d.oddsRatio === undefined ? '—' : formatNumber(d.oddsRatio), d.oddsRatioCi95 ? `${formatNumber(d.oddsRatioCi95[0])} – ${formatNumber(d.oddsRatioCi95[1])}` : undefined),
              num(greaterLessText(d)),
            ]),
            [1, 2, 3, 4, 5, 6],
          ),
      ),
    );
  }
  return parts.join('\n');
}

function sensitivityHtml(report: Report, s: SensitivityResult): string {
  const label = eventLabel(report, s.event);
  const parts = [`<h3>Sensitivity: ${h(label)}</h3>`, noteHtml(report, s)];
  if (s.tornado.length) {
    const rows = s.tornado.map((b) => ({ label: inputLabel(report, b.name), low: b.low.probability, high: b.high.probability, valueText: `${formatPercent(b.low.probability)} → ${formatPercent(b.high.probability)}` }));
    parts.push(
      figure(
        responsive((width) =>
          tornadoChart({
            kind: 'tornado',
            title: `Tornado: what moves ${label} most`,
            baseline: s.baseline.probability,
            baselineLabel: `baseline ${formatPercent(s.baseline.probability)}`,
            rows,
            axis: 'percent',
            axisTitle: `probability of ${label}`,
            width,
          }),
        ),
        `The probability of ${h(label)} (baseline ${h(formatPercent(s.baseline.probability))} [${h(intervalText(s.baseline))}]) with one input at a time moved to its low and its high setting, largest swing first; ${h(tornadoSettingsText(s))}.`,
      ),
    );
    parts.push(
      fold(
        'The tornado in numbers',
        table(
          ['Input', 'Low setting', 'P at low', 'High setting', 'P at high', 'Swing'],
          s.tornado.map((b) => [
            td(`${h(inputLabel(report, b.name))} <span class="name">${code(b.name)} (${h(b.kind)})</span>`),
            td(h(b.lowSetting)),
            num(formatPercent(b.low.probability), intervalText(b.low)),
            td(h(b.highSetting)),
            num(formatPercent(b.high.probability), intervalText(b.high)),
            num(formatPp(b.swing * 100), b.swingCi95 ? `${formatPp(b.swingCi95[0] * 100)} – ${formatPp(b.swingCi95[1] * 100)}` : undefined),
          ]),
          [2, 4, 5],
        ),
      ),
    );
  }
  if (s.sobol.length) {
    parts.push(
      `<h4>Variance-based (Sobol) indices</h4><p class="note">Share of the variance of the per-trial probability due to each factor alone (first order) and with its interactions (total), with bootstrap 95% intervals; ${h(formatCount(s.sobolSamples))} base samples${
        s.bootstrap ? `, ${h(formatCount(s.bootstrap))} bootstrap resamples` : ''
      }.</p>`,
      table(
        ['Factor', 'First order (95% interval)', 'Total (95% interval)'],
        s.sobol.map((x) => [
          td(`${h(inputLabel(report, x.factor))} <span class="name">${code(x.factor)}</span>`),
          num(formatIndex(x.first.estimate), `${formatIndex(x.first.ci95[0])} – ${formatIndex(x.first.ci95[1])}`),
          num(formatIndex(x.total.estimate), `${formatIndex(x.total.ci95[0])} – ${formatIndex(x.total.ci95[1])}`),
        ]),
        [1, 2],
      ),
    );
  }
  if (s.notes?.length) parts.push(`<ul class="note">${s.notes.map((n) => `<li>${rich(n)}</li>`).join('')}</ul>`);
  return parts.join('\n');
}

function attributionHtml(report: Report, a: AttributionResult): string {
  const label = eventLabel(report, a.event);
  const parts = [`<h3>Attribution: ${h(label)}</h3>`, noteHtml(report, a)];
  if (!a.applicable) {
    parts.push(`<p>No log-odds attribution for this event: ${rich(a.reason)}</p>`);
    return parts.join('\n');
  }
  const rows = waterfallRows(report, a);
  const scale = a.scale === 'hazard' ? `log-odds of the hazard per ${report.results.window?.period ?? 'period'}` : 'log-odds';
  parts.push(
    figure(
      responsive((width) => waterfallChart({ kind: 'waterfall', title: `Log-odds waterfall for ${label}`, rows, axis: 'number', axisTitle: scale, width })),
      `${code(a.form)}: how each term moves the ${h(scale)} from the base (whiskers: 95% interval of the term's mean). At the mean log-odds (${h(formatSigned(a.meanLogOdds))}) the probability would be ${h(formatPercent(sigmoid(a.meanLogOdds)))}; the remainder takes the waterfall to the logit of the reported probability, ${h(formatPercent(a.probability.probability))} [${h(intervalText(a.probability))}].`,
    ),
  );
  const range = (r: readonly [number, number] | undefined) => (r === undefined ? '' : r[0] === r[1] ? 'exact' : `${formatSigned(r[0])} – ${formatSigned(r[1])}`);
  const term = (t: AttributionTerm, name: string) => [
    td(`${h(name)}${t.name ? ` <span class="name">${code(t.name)}</span>` : ''}`),
    td(t.formula ? code(t.formula) : ''),
    num(formatSigned(t.mean)),
    num(range(t.ci95)),
    num(range(t.range95)),
  ];
  parts.push(
    fold(
      'The waterfall in numbers',
      table(
        ['Term', 'Formula', 'Mean contribution', '95% interval', 'Central 95% across trials'],
        [
          ...(a.baseFormula !== undefined ? [[td('base'), td(code(a.baseFormula)), num(formatSigned(a.baseLogOdds)), num(''), num('')]] : []),
          ...a.terms.map((t) => term(t, t.label ?? inputLabel(report, t.name))),
          [td('<strong>mean log-odds</strong>'), td(''), num(formatSigned(a.meanLogOdds)), num(''), num('')],
          term(a.remainder, 'remainder (averaging, windows, compounding)'),
          [td('<strong>logit of the reported probability</strong>'), td(''), num(formatSigned(a.finalLogOdds)), num(''), num('')],
        ],
        [2, 3, 4],
      ),
    ),
  );
  return parts.join('\n');
}

function evidenceHtml(report: Report, e: EvidenceResult): string {
  const label = eventLabel(report, e.event);
  const parts = [`<h3>Evidence ledger: ${h(label)}</h3>`, noteHtml(report, e)];
  const rows: DotRow[] = [
    { label: 'prior (the model)', value: e.prior.probability, lo: e.prior.ci95[0], hi: e.prior.ci95[1], valueText: `${formatPercent(e.prior.probability)} [${intervalText(e.prior)}]`, color: COLORS.neutral },
    ...e.steps.map((s) => ({ label: stepLabel(s), value: s.probability, lo: s.ci95?.[0], hi: s.ci95?.[1], valueText: `${formatPercent(s.probability)} (odds ×${formatNumber(s.likelihoodRatio)})` })),
    { label: 'posterior', value: e.posterior.probability, lo: e.posterior.ci95[0], hi: e.posterior.ci95[1], valueText: `${formatPercent(e.posterior.probability)} [${intervalText(e.posterior)}]`, color: COLORS.neutral },
  ];
  parts.push(
    figure(
      responsive((width) => dotWhiskerChart({ kind: 'evidence', title: `Evidence updates to ${label}`, rows, axis: 'percent', axisTitle: `probability of ${label} after each observation`, reference: { value: e.prior.probability, label: 'prior' }, width })),
      'The probability after each observation in order, each multiplying the odds by its likelihood ratio (or reweighting the trials by a condition); the prior\'s interval is carried through to the posterior.',
    ),
  );
  parts.push(
    table(
      ['Date', 'Observation', 'Likelihood ratio', 'Why', 'P after'],
      e.steps.map((s) => [
        nowrap(h(s.date ?? '')),
        td(`${h(s.kind === 'condition' ? `condition ${s.signpost}` : s.signpost)}${desc(s.description)}${s.effectiveSampleSize === undefined ? '' : `<span class="desc">effective sample size ${h(formatCount(Math.round(s.effectiveSampleSize)))}</span>`}`),
        num(`×${formatNumber(s.likelihoodRatio)}`),
        td(s.reason ? `<span class="desc">${rich(s.reason)}</span>` : ''),
        num(formatPercent(s.probability), s.ci95 ? intervalText({ ci95: s.ci95 }) : undefined),
      ]),
      [2, 4],
    ),
  );
  return parts.join('\n');
}

/** The appendix: the run, the commands that repeat and check it, the manifest, and how the estimates converged. */
function reproduce(report: Report): string {
  const a = report.asked;
  const m = report.manifest;
  const run = [
    [td('Scenario'), td(`${code(a.id)} — ${rich(a.title)}`)],
    [td('Source given'), td(code(a.source))],
    [td('Variant'), td(a.variant ? `${code(a.variant.name)}${a.variant.label ? ` — ${h(a.variant.label)}` : ''}${desc(a.variant.description)}` : 'none (the scenario as written)')],
    [td('Overrides (<code>--set</code>)'), td(Object.keys(a.overrides).length ? Object.entries(a.overrides).map(([k, v]) => code(`${k}=${v}`)).join(', ') : 'none')],
    [td('Seed'), td(code(a.seed))],
    [td('As of'), td(code(a.asOf))],
    [td('Trials'), td(h(settingsText(report)))],
  ];
  const rows: Array<[string, string]> = [
    ['Seed', m.seed],
    ['RNG algorithm', m.rngAlgorithm],
    ['Library', `${m.library} ${m.version}`],
    ['Runtime', m.runtime],
    ['Scenario hash', m.scenarioHash],
    ['Trials', formatCount(m.trials)],
    ['Chunk size', formatCount(m.chunkSize)],
    ['Settings', settingsText(report)],
    ['Stopped because', stopText(report)],
    ['Variant', m.variant ?? 'none'],
    ['Overrides', Object.keys(m.overrides).length ? Object.entries(m.overrides).map(([k, v]) => `${k}=${v}`).join(', ') : 'none'],
    ['Results hash', m.resultsHash],
    ['Report hash', report.reportHash],
  ];
  const stamp = report.generatedAt ? ` · generated ${h(report.generatedAt)}` : '';
  return `<section id="reproduce">
<h2>How to reproduce it</h2>
<p class="meta">Seed <code>${h(a.seed)}</code> · ${h(formatCount(report.results.trials))} trials · stopped: ${h(stopText(report))} · scenario-odds ${h(m.version)}${stamp}</p>
<p>The same command, with the same version of scenario-odds, gives the same numbers to the last bit:</p>
<pre><code>${h(report.reproduce.command)}</code></pre>
<p><code>report.json</code> embeds the scenario exactly as it ran (variant and overrides applied), so it alone is enough to check this report:</p>
<pre><code>${h(report.reproduce.verify)}</code></pre>
<p class="note">${h(VERIFY_SCOPE)}</p>
<h3>The run</h3>
${table(['Setting', 'Value'], run)}
<h3>Manifest</h3>
<dl class="manifest">${rows.map(([k, v]) => `<dt>${h(k)}</dt><dd>${k.endsWith('hash') ? code(v) : h(v)}</dd>`).join('')}</dl>
${convergence(report)}
</section>`;
}

/** How each estimate that varies settled as chunks of trials were added, as small charts. */
function convergence(report: Report): string {
  // A quantity that is the same in every world has nothing to converge.
  const figures = Object.keys(report.results.events)
    .filter((event) => !isExact(report.results.events[event]))
    .map((event) => {
      const points = convergenceSeries(report, event);
      if (points.length === 0) return '';
      const label = eventLabel(report, event);
      return figure(
        bandChart({
          kind: 'convergence',
          title: `Estimate of ${label} as trials accumulate`,
          points,
          xAxis: 'count',
          xDomain: [0, report.results.trials],
          xTitle: 'trials',
          yAxis: 'percent',
          yTitle: 'estimate',
          width: 380,
          height: 210,
        }),
        `<strong>${h(label)}</strong>`,
      );
    })
    .filter((f) => f !== '');
  if (figures.length === 0) return '';
  return `<h3>Convergence</h3>
<p>How each estimate and its 95% simulation interval settled as chunks of trials were added (${h(formatCount(report.convergence.length))} points${
    report.convergence.length < 4 ? '; a run this short has few chunks' : ''
  }).</p>
${fold(`Convergence charts (${figures.length})`, `<div class="grid">${figures.join('')}</div>`, 'convergence')}`;
}
