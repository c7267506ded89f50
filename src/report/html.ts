import type { AttributionResult, AttributionTerm, ComparisonResult, EvidenceResult, SensitivityResult } from '../analysis/types';
import type { Scenario } from '../model/types';
import { sigmoid } from '../expr/functions';
import { analysisNote, changeAcrossWorldsText, comparisonBaselineText, outputLabel, reportWhen, convergenceSeries, eventGroups, eventLabel, factorPlot, greaterLessText, inputLabel, intervalText, methodText, windowSpan, periodMarks, settingsText, stepLabel, stopText, tornadoSettingsText, waterfallRows } from './common';
import { escapeHtml as h } from './escape';
import { formatCount, formatIndex, formatNumber, formatPercent, formatPp, formatSigned, formatSignedPp } from './format';
import { bandChart, barChart, CHART_WIDTH, COLORS, densityChart, dotWhiskerChart, tornadoChart, waterfallChart, type DotRow } from './svg';
import type { Report } from './types';
import { acrossWorldsText, estimateText, isExact, outputCells, simulationErrorText, TWO_KINDS } from './uncertainty';

/**
 * `report.html`: the report as one self-contained page — inline CSS and inline SVG charts, no
 * script, no font or image to fetch (a Content-Security-Policy forbids any), readable on
 * screen and on paper (print styles keep charts and table rows whole). Every piece of scenario
 * text is escaped, in SVG too. Equal reports give byte-identical pages.
 *
 * Charts: event probabilities with their intervals, conditional splits, each timed event's
 * cumulative curve with its interval band, the convergence of each estimate with trials, each
 * factor's distribution, and — when the analyses are in the report — the comparison of
 * variants, the tornado, the attribution waterfall and the evidence ledger.
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
    summary(report),
    asked(report),
    found(report),
    analyses(report),
    reproduce(report),
    `<footer><p class="note">Written by scenario-odds ${h(report.manifest.version)}. Report hash <code>${h(report.reportHash)}</code>.</p></footer>`,
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="scenario-odds ${h(report.manifest.version)}">
<title>${h(a.title)} — scenario-odds report</title>
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

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: ${COLORS.ink}; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 28px 32px 56px; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .15em 0 .35em; }
h2 { font-size: 1.35rem; margin: 2.2em 0 .6em; padding-bottom: .25em; border-bottom: 2px solid #e5e7eb; }
h3 { font-size: 1.1rem; margin: 1.8em 0 .5em; }
h4 { font-size: 1rem; margin: 1.4em 0 .4em; }
p { margin: .5em 0; }
.kicker { margin: 0; color: ${COLORS.muted}; font-size: .85rem; letter-spacing: .04em; text-transform: uppercase; }
.meta, .note { color: ${COLORS.muted}; font-size: .9rem; }
.lead { font-size: 1.05rem; }
.findings { list-style: none; padding: 0; margin: .6em 0; }
.findings li { margin: .45em 0; padding: .55em .8em; background: #f1f5f9; border-left: 4px solid ${COLORS.accent}; break-inside: avoid; }
.term { font-weight: 650; }
.warn { margin: .35em 0; padding: .4em .7em; background: #fef3c7; border-left: 4px solid ${COLORS.low}; font-size: .9rem; }
table { width: 100%; border-collapse: collapse; margin: .6em 0 1.1em; font-size: .88rem; }
th, td { padding: .38em .55em; text-align: left; vertical-align: top; border-bottom: 1px solid #e5e7eb; }
tbody td:first-child { min-width: 11em; }
td.nowrap { white-space: nowrap; }
td.num .desc { font-size: .78rem; }
thead th { background: #f3f4f6; font-weight: 600; border-bottom: 1px solid #d1d5db; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.desc { display: block; margin-top: .2em; color: #4b5563; font-size: .82rem; line-height: 1.45; }
.name { color: ${COLORS.muted}; font-size: .8rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .86em; }
code { overflow-wrap: anywhere; }
pre { margin: .5em 0 1em; padding: .7em .9em; background: #f3f4f6; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
figure { margin: 1em 0 1.5em; break-inside: avoid; }
figcaption { margin-top: .35em; color: #4b5563; font-size: .86rem; }
svg.chart { display: block; width: 100%; max-width: 100%; height: auto; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px 22px; }
.grid figure { margin: 0; }
dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; font-size: .9rem; }
dl.manifest dt { color: ${COLORS.muted}; }
dl.manifest dd { margin: 0; overflow-wrap: anywhere; }
nav ol { margin: .3em 0; padding-left: 1.3em; columns: 2; font-size: .92rem; }
a { color: ${COLORS.accent}; }
@page { margin: 14mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2, h3, h4 { break-after: avoid; }
  tr, figure, .findings li, .warn, pre { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  thead th { background: #eee; }
}
`;

const code = (text: string) => `<code>${h(text)}</code>`;
const desc = (text: string | undefined) => (text ? `<span class="desc">${h(text)}</span>` : '');
const num = (text: string, below?: string) => `<td class="num">${h(text)}${below ? `<span class="desc">${h(below)}</span>` : ''}</td>`;
const nowrap = (html: string) => `<td class="nowrap">${html}</td>`;

function table(head: readonly string[], rows: readonly string[][], numeric: readonly number[] = []): string {
  const th = head.map((t, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${h(t)}</th>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
}

const td = (html: string) => `<td>${html}</td>`;

function figure(svgMarkup: string, caption: string): string {
  return `<figure>${svgMarkup}<figcaption>${caption}</figcaption></figure>`;
}

function header(report: Report): string {
  const a = report.asked;
  const variant = a.variant ? ` · variant <code>${h(a.variant.name)}</code>` : '';
  const stamp = report.generatedAt ? ` · generated ${h(report.generatedAt)}` : '';
  return `<header>
<p class="kicker">scenario-odds report · <code>${h(a.id)}</code>${variant}</p>
<h1>${h(a.title)}</h1>
<p class="meta">Seed <code>${h(a.seed)}</code> · ${h(formatCount(report.results.trials))} trials · stopped: ${h(stopText(report))} · scenario-odds ${h(report.manifest.version)}${stamp}</p>
</header>
<nav><ol>
<li><a href="#summary">In brief</a></li><li><a href="#asked">What was asked</a></li><li><a href="#found">What was found</a></li>${
    Object.keys(report.analyses).length ? '<li><a href="#analyses">Analyses</a></li>' : ''
  }<li><a href="#reproduce">How to reproduce it</a></li>
</ol></nav>`;
}

function summary(report: Report): string {
  const items = report.findings
    .filter((f) => f.given === undefined)
    .map((f) => {
      const e = report.results.events[f.event];
      const name = f.label ?? f.event;
      const warn = f.warning ? `<div class="warn">⚠ ${h(f.warning)}</div>` : '';
      const about = f.aboutInput ? `<em>About an input, not a finding</em> (it restates ${f.aboutInput.map(code).join(', ')}): ` : '';
      const term = f.term === undefined ? 'exact' : `<span class="term">${h(f.term)}</span>`;
      return `<li>${about}<strong>${h(name)}</strong>: ${term} — ${h(estimateText(e))}.${warn}</li>`;
    });
  return `<section id="summary">
<h2>In brief</h2>
<p class="when">Forecast ${h(reportWhen(report))}.</p>
<ul class="findings">${items.join('')}</ul>
<p class="note">${h(TWO_KINDS)} Estimates from ${h(formatCount(report.results.trials))} trials; the words are the ICD-203 expressions of likelihood (US Intelligence Community Directive 203).</p>
</section>`;
}

function asked(report: Report): string {
  const a = report.asked;
  const parts = [`<section id="asked">`, '<h2>What was asked</h2>'];
  if (a.description) parts.push(`<p class="lead">${h(a.description)}</p>`);
  const run = [
    [td('Scenario'), td(`${code(a.id)} — ${h(a.title)}`)],
    [td('Source given'), td(code(a.source))],
    [td('Variant'), td(a.variant ? `${code(a.variant.name)}${a.variant.label ? ` — ${h(a.variant.label)}` : ''}${desc(a.variant.description)}` : 'none (the scenario as written)')],
    [td('Overrides (<code>--set</code>)'), td(Object.keys(a.overrides).length ? Object.entries(a.overrides).map(([k, v]) => code(`${k}=${v}`)).join(', ') : 'none')],
    [td('Seed'), td(code(a.seed))],
    [td('As of'), td(code(a.asOf))],
    [td('Trials'), td(h(settingsText(report)))],
  ];
  parts.push('<h3>The run</h3>', table(['Setting', 'Value'], run));

  parts.push('<h3>Factors</h3>', '<p>Each factor is an uncertain quantity, drawn once per trial from its own random stream.</p>');
  parts.push(
    table(
      ['Factor', 'Distribution', 'Mean', 'SD', 'Source'],
      a.factors.map((f) => [
        td(`${h(f.label ?? f.name)} <span class="name">${code(f.name)}</span>${desc(f.description)}`),
        td(`${h(f.distribution)}${f.asWritten ? `<span class="desc">as written: ${h(f.asWritten)}</span>` : ''}`),
        num(formatNumber(f.mean)),
        num(f.sd === undefined ? '—' : formatNumber(f.sd)),
        td(f.source ? `<span class="desc">${h(f.source)}</span>` : ''),
      ]),
      [2, 3],
    ),
  );
  parts.push(`<div class="grid">${a.factors.map((f) => factorFigure(report, f.name)).join('')}</div>`);

  if (a.params.length) {
    parts.push('<h3>Params</h3>', '<p>Fixed numbers of the model (weights, base rates); <code>--set NAME=VALUE</code> changes one.</p>');
    parts.push(
      table(
        ['Param', 'Value', 'Source'],
        a.params.map((p) => [
          td(`${h(p.label ?? p.name)} <span class="name">${code(p.name)}</span>${desc(p.description)}`),
          num(`${formatNumber(p.value)}${p.asWritten === undefined ? '' : ` (was ${formatNumber(p.asWritten)})`}`),
          td(p.source ? `<span class="desc">${h(p.source)}</span>` : ''),
        ]),
        [1],
      ),
    );
  }

  parts.push('<h3>Formulas</h3>');
  parts.push(
    table(
      ['Name', 'Kind', 'Formula'],
      a.formulas.map((f) => {
        const windows = f.windows?.length
          ? `<span class="desc">hazard multiplied by ${f.windows.map((w) => `${code(w.multiplier)} in ${h(windowSpan(w))}${w.label ? ` (${h(w.label)})` : ''}`).join('; ')}</span>`
          : '';
        const kind = f.kind === 'conditional' ? `given ${code(f.given ?? '')}` : f.kind === 'timed' ? `timed (hazard per ${report.results.window?.period ?? 'period'})` : h(f.kind === 'derived' || f.kind === 'output' ? f.kind : 'event');
        return [td(`${h(f.label ?? f.name)} <span class="name">${code(f.name)}</span>${desc(f.description)}`), td(kind), td(`${code(f.formula)}${windows}`)];
      }),
    ),
  );
  const sources = report.scenario.sources ?? [];
  if (sources.length) {
    parts.push(
      '<h3>Sources</h3>',
      table(
        ['Id', 'Source', 'Note'],
        sources.map((s) => [nowrap(code(s.id)), td(`${h(s.title)}${s.author ? `, ${h(s.author)}` : ''}${s.date ? ` (${h(s.date)})` : ''}${s.url ? `<span class="desc">${h(s.url)}</span>` : ''}`), td(s.note ? `<span class="desc">${h(s.note)}</span>` : '')]),
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function factorFigure(report: Report, name: string): string {
  const spec = (report.scenario as Scenario).factors?.[name];
  const row = report.asked.factors.find((f) => f.name === name)!;
  if (!spec) return '';
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

function eventRows(report: Report, names: readonly string[]): DotRow[] {
  return names.map((name) => {
    const e = report.results.events[name];
    return { label: eventLabel(report, name), value: e.probability, lo: e.ci95[0], hi: e.ci95[1], valueText: isExact(e) ? `${formatPercent(e.probability)} (exact)` : `${formatPercent(e.probability)} [${intervalText(e)}]` };
  });
}

function eventTable(report: Report, names: readonly string[]): string {
  return table(
    ['Event', 'Probability', 'Simulation error (95%)', "Across the model's worlds (90%)", 'In words'],
    names.map((name) => {
      const e = report.results.events[name];
      const f = report.findings.find((x) => x.event === name)!;
      const warn = f.warning ? `<div class="warn">⚠ ${h(f.warning)}</div>` : '';
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

/** A histogram of an event's chance across the model's worlds, with its estimate marked. */
function spreadFigure(report: Report, name: string): string {
  const e = report.results.events[name];
  const spread = e.acrossWorlds;
  if (!spread) return '';
  const label = eventLabel(report, name);
  const { from, to, shares } = spread.histogram;
  const width = (to - from) / shares.length;
  const points = shares.map((share, k) => [from + (k + 0.5) * width, width > 0 ? share / width : 0] as const);
  const q = spread.quantiles;
  return figure(
    densityChart({ kind: 'spread', title: `Chance of ${label} across the model's worlds`, points, mean: e.probability, xTitle: `chance of ${name} in one world` }),
    `<strong>${h(label)}</strong>: in 90% of the model's worlds the chance is between ${h(formatPercent(q.p5))} and ${h(formatPercent(q.p95))} (median ${h(formatPercent(q.p50))}); its mean, the estimate, is ${h(formatPercent(e.probability))} with simulation error ${h(simulationErrorText(e))}. More trials shrink the simulation error, not this spread.`,
  );
}

function found(report: Report): string {
  const { main, splits } = eventGroups(report);
  const parts = ['<section id="found">', '<h2>What was found</h2>'];
  if (main.length) {
    parts.push('<h3>Event probabilities</h3>');
    parts.push(
      figure(
        dotWhiskerChart({ kind: 'events', title: 'Event probabilities with their 95% simulation intervals', rows: eventRows(report, main), axis: 'percent', axisTitle: 'probability (dot: estimate, whiskers: 95% simulation interval)' }),
        `Each event's estimated probability with the 95% interval of its simulation error, from ${h(formatCount(report.results.trials))} trials; the spread across the model's worlds is charted below.`,
      ),
    );
    parts.push(eventTable(report, main));
    const spreads = main.map((name) => spreadFigure(report, name)).filter((f) => f !== '');
    if (spreads.length > 0) parts.push("<h3>Across the model's worlds</h3>", `<div class="grid">${spreads.join('')}</div>`);
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
    parts.push(
      figure(
        dotWhiskerChart({ kind: 'split', title: `Conditional probabilities given ${givenLabel}`, rows: eventRows(report, split.events), axis: 'percent', axisTitle: `probability given ${givenLabel}` }),
        `Probabilities conditional on ${code(split.given)}: among the trials' chance of ${h(givenLabel)}, how it divides.`,
      ),
    );
    parts.push(eventTable(report, split.events));
  }
  for (const [event, curve] of Object.entries(report.results.timelines)) {
    const label = eventLabel(report, event);
    parts.push(`<h3>Timeline: ${h(label)}</h3>`);
    const slot = (CHART_WIDTH - 100) / Math.max(1, curve.length);
    parts.push(
      figure(
        bandChart({
          kind: 'timeline',
          title: `Cumulative probability of ${label} from ${report.asOf}, by ${report.results.window?.period ?? 'period'}`,
          points: curve.map((p, i) => ({ x: i, y: p.cumulative.probability, lo: p.cumulative.ci95[0], hi: p.cumulative.ci95[1] })),
          xMarks: periodMarks(curve.map((p) => p.period), slot),
          xAxis: 'number',
          xDomain: [0, Math.max(1, curve.length - 1)],
          xTitle: 'by the end of the month',
          yAxis: 'percent',
          yFromZero: true,
          yTitle: 'cumulative probability',
          lineLabel: 'P(by the end of the month)',
          bandLabel: '95% simulation interval',
        }),
        `The probability that ${h(label)} happens between the as-of date ${h(report.asOf)} and the end of each ${h(report.results.window?.period ?? 'period')} of the window, with its 95% interval.`,
      ),
    );
    const last = curve.at(-1)!;
    parts.push(
      table(
        ['By', 'Cumulative', 'Simulation 95% interval', `If none by then: P by ${last.end}`],
        curve.map((p) => [nowrap(h(p.end)), num(formatPercent(p.cumulative.probability)), num(intervalText(p.cumulative)), num(p.ifNoneYet ? formatPercent(p.ifNoneYet.probability) : '—', p.ifNoneYet ? intervalText(p.ifNoneYet) : undefined)]),
        [1, 2, 3],
      ),
    );
  }
  parts.push('<h3>Convergence</h3>');
  // A quantity that is the same in every world has nothing to converge.
  const figures = Object.keys(report.results.events).filter((event) => !isExact(report.results.events[event])).map((event) => {
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
  });
  parts.push(
    `<p>How each estimate and its 95% simulation interval settled as chunks of trials were added (${h(formatCount(report.convergence.length))} points${
      report.convergence.length < 4 ? '; a run this short has few chunks' : ''
    }).</p>`,
    `<div class="grid">${figures.join('')}</div>`,
  );
  parts.push('</section>');
  return parts.join('\n');
}

function analyses(report: Report): string {
  const { comparison, sensitivity, attribution, evidence } = report.analyses;
  if (!comparison && !sensitivity && !attribution && !evidence) return '';
  const parts = ['<section id="analyses">', '<h2>Analyses</h2>'];
  if (comparison) parts.push(comparisonHtml(report, comparison));
  if (sensitivity) parts.push(sensitivityHtml(report, sensitivity));
  if (attribution) parts.push(attributionHtml(report, attribution));
  if (evidence) parts.push(evidenceHtml(report, evidence));
  parts.push('</section>');
  return parts.join('\n');
}

function noteHtml(report: Report, run: Parameters<typeof analysisNote>[1]): string {
  const note = analysisNote(report, run);
  return `<p class="note">${h(note.text)}</p>${note.mismatch ? `<div class="warn">⚠ ${h(note.mismatch)}</div>` : ''}`;
}

function comparisonHtml(report: Report, c: ComparisonResult): string {
  const parts = [
    '<h3>What-if comparison</h3>',
    `<p>Each variant against the baseline (${h(comparisonBaselineText(c))}) on common random numbers, so a difference is the variant's alone.</p>`,
    noteHtml(report, c),
  ];
  const events = [...new Set(c.variants.flatMap((v) => Object.keys(v.events)))];
  for (const event of events.filter((e) => report.results.events[e]?.given === undefined)) {
    const rows: DotRow[] = c.variants.flatMap((v) => {
      const d = v.events[event];
      return d ? [{ label: v.name, value: d.differencePp.probability, lo: d.differencePp.ci95[0], hi: d.differencePp.ci95[1], valueText: formatSignedPp(d.differencePp.probability) }] : [];
    });
    if (rows.length === 0) continue;
    const label = eventLabel(report, event);
    const extent = Math.max(1e-9, ...rows.flatMap((r) => [Math.abs(r.lo ?? r.value), Math.abs(r.hi ?? r.value)]));
    parts.push(
      figure(
        dotWhiskerChart({ kind: 'comparison', title: `Change in ${label} by variant`, rows, axis: 'pp', axisTitle: 'difference from the baseline (percentage points)', domain: [-extent * 1.1, extent * 1.1], reference: { value: 0, label: 'baseline' } }),
        `Difference in the probability of ${h(label)} (variant − baseline) with its 95% interval.`,
      ),
    );
  }
  for (const v of c.variants) {
    const overrides = Object.entries(v.overrides).map(([k, x]) => code(`${k}=${x}`)).join(', ');
    parts.push(`<h4>${h(v.name)}</h4>`);
    if (v.description || v.variant || overrides) {
      parts.push(`<p>${v.description ? h(v.description) : ''}${v.variant ? ` <span class="name">variant ${code(v.variant)}</span>` : ''}${overrides ? ` <span class="name">set ${overrides}</span>` : ''}</p>`);
    }
    parts.push(
      table(
        ['Event', 'Baseline', 'Variant', 'Difference (simulation 95%)', "Change across the model's worlds (90%)", 'Odds ratio', 'Trials higher / lower'],
        Object.entries(v.events).map(([event, d]) => [
          td(`${h(eventLabel(report, event))} <span class="name">${code(event)}</span>`),
          num(formatPercent(d.baseline)),
          num(formatPercent(d.variant)),
          num(formatSignedPp(d.differencePp.probability), `${formatSignedPp(d.differencePp.ci95[0])} to ${formatSignedPp(d.differencePp.ci95[1])}`),
          num(changeAcrossWorldsText(d)),
          num(d.oddsRatio === undefined ? '—' : formatNumber(d.oddsRatio), d.oddsRatioCi95 ? `${formatNumber(d.oddsRatioCi95[0])} – ${formatNumber(d.oddsRatioCi95[1])}` : undefined),
          num(greaterLessText(d)),
        ]),
        [1, 2, 3, 4, 5, 6],
      ),
    );
  }
  return parts.join('\n');
}

function sensitivityHtml(report: Report, s: SensitivityResult): string {
  const label = eventLabel(report, s.event);
  const parts = [`<h3>Sensitivity: ${h(label)}</h3>`, noteHtml(report, s)];
  if (s.tornado.length) {
    parts.push(
      figure(
        tornadoChart({
          kind: 'tornado',
          title: `Tornado: what moves ${label} most`,
          baseline: s.baseline.probability,
          baselineLabel: `baseline ${formatPercent(s.baseline.probability)}`,
          rows: s.tornado.map((b) => ({ label: inputLabel(report, b.name), low: b.low.probability, high: b.high.probability, valueText: `${formatPercent(b.low.probability)} → ${formatPercent(b.high.probability)}` })),
          axis: 'percent',
          axisTitle: `probability of ${label}`,
        }),
        `The probability of ${h(label)} (baseline ${h(formatPercent(s.baseline.probability))} [${h(intervalText(s.baseline))}]) with one input at a time moved to its low and its high setting, largest swing first; ${h(tornadoSettingsText(s))}.`,
      ),
    );
    parts.push(
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
    );
  }
  if (s.sobol.length) {
    parts.push(
      `<h4>Variance-based (Sobol) indices</h4><p class="note">Share of the variance of the per-trial probability due to each factor alone (first order) and with its interactions (total), with bootstrap 95% intervals; ${h(formatCount(s.sobolSamples))} base samples${
        s.bootstrap ? `, ${h(formatCount(s.bootstrap))} bootstrap resamples` : ''
      }.</p>`,
      table(
        ['Factor', 'First order', '95% interval', 'Total', '95% interval'],
        s.sobol.map((x) => [
          td(`${h(inputLabel(report, x.factor))} <span class="name">${code(x.factor)}</span>`),
          num(formatIndex(x.first.estimate)),
          num(`${formatIndex(x.first.ci95[0])} – ${formatIndex(x.first.ci95[1])}`),
          num(formatIndex(x.total.estimate)),
          num(`${formatIndex(x.total.ci95[0])} – ${formatIndex(x.total.ci95[1])}`),
        ]),
        [1, 2, 3, 4],
      ),
    );
  }
  if (s.notes?.length) parts.push(`<ul class="note">${s.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`);
  return parts.join('\n');
}

function attributionHtml(report: Report, a: AttributionResult): string {
  const label = eventLabel(report, a.event);
  const parts = [`<h3>Attribution: ${h(label)}</h3>`, noteHtml(report, a)];
  if (!a.applicable) {
    parts.push(`<p>No log-odds attribution for this event: ${h(a.reason)}</p>`);
    return parts.join('\n');
  }
  const rows = waterfallRows(report, a);
  const scale = a.scale === 'hazard' ? `log-odds of the hazard per ${report.results.window?.period ?? 'period'}` : 'log-odds';
  parts.push(
    figure(
      waterfallChart({ kind: 'waterfall', title: `Log-odds waterfall for ${label}`, rows, axis: 'number', axisTitle: scale }),
      `${code(a.form)}: how each term moves the ${h(scale)} from the base (whiskers: 95% interval of the term's mean). At the mean log-odds (${h(formatSigned(a.meanLogOdds))}) the probability would be ${h(formatPercent(sigmoid(a.meanLogOdds)))}; the remainder takes the waterfall to the logit of the reported probability, ${h(formatPercent(a.probability.probability))} [${h(intervalText(a.probability))}].`,
    ),
  );
  const term = (t: AttributionTerm, name: string) => [
    td(`${h(name)}${t.name ? ` <span class="name">${code(t.name)}</span>` : ''}`),
    td(t.formula ? code(t.formula) : ''),
    num(formatSigned(t.mean)),
    num(`${formatSigned(t.ci95[0])} – ${formatSigned(t.ci95[1])}`),
    num(t.range95 ? `${formatSigned(t.range95[0])} – ${formatSigned(t.range95[1])}` : ''),
  ];
  parts.push(
    table(
      ['Term', 'Formula', 'Mean contribution', '95% interval', 'Central 95% across trials'],
      [
        [td('base'), td(a.baseFormula ? code(a.baseFormula) : ''), num(formatSigned(a.baseLogOdds)), num(''), num('')],
        ...a.terms.map((t) => term(t, t.label ?? inputLabel(report, t.name))),
        [td('<strong>mean log-odds</strong>'), td(''), num(formatSigned(a.meanLogOdds)), num(''), num('')],
        term(a.remainder, 'remainder (averaging, windows, compounding)'),
        [td('<strong>logit of the reported probability</strong>'), td(''), num(formatSigned(a.finalLogOdds)), num(''), num('')],
      ],
      [2, 3, 4],
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
      dotWhiskerChart({ kind: 'evidence', title: `Evidence updates to ${label}`, rows, axis: 'percent', axisTitle: `probability of ${label} after each observation`, reference: { value: e.prior.probability, label: 'prior' } }),
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
        td(s.reason ? `<span class="desc">${h(s.reason)}</span>` : ''),
        num(formatPercent(s.probability), s.ci95 ? intervalText({ ci95: s.ci95 }) : undefined),
      ]),
      [2, 4],
    ),
  );
  return parts.join('\n');
}

function reproduce(report: Report): string {
  const m = report.manifest;
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
  return `<section id="reproduce">
<h2>How to reproduce it</h2>
<p>The same command, with the same version of scenario-odds, gives the same numbers to the last bit:</p>
<pre><code>${h(report.reproduce.command)}</code></pre>
<p><code>report.json</code> embeds the scenario exactly as it ran (variant and overrides applied), so it alone is enough to check this report:</p>
<pre><code>${h(report.reproduce.verify)}</code></pre>
<p class="note">Verification re-runs the embedded scenario with the recorded seed and settings and compares every number and the results hash; a report edited by hand fails it.</p>
<h3>Manifest</h3>
<dl class="manifest">${rows.map(([k, v]) => `<dt>${h(k)}</dt><dd>${k.endsWith('hash') ? code(v) : h(v)}</dd>`).join('')}</dl>
</section>`;
}
