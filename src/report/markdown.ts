import type { AttributionResult, AttributionTerm, ComparisonResult, EvidenceResult, SensitivityResult } from '../analysis/types';
import { sigmoid } from '../expr/functions';
import { termRange } from './build';
import { analysisNote, changeAcrossWorldsText, CORRELATIONS_NOTE, codeSpans, comparisonBaselineText, eventGroups, eventLabel, greaterLessText, headlineEvent, inputLabel, intervalText, methodText, oddsRatioText, outputLabel, reportWhen, settingsText, stopText, tornadoSettingsText, VERIFY_SCOPE, windowSpan } from './common';
import { escapeMarkdown as md, markdownCode as code } from './escape';
import { formatCount, formatIndex, formatNumber, formatPercent, formatPp, formatSigned, formatSignedPp } from './format';
import type { Report } from './types';
import { acrossWorldsText, isExact, outputCells, simulationErrorText, TWO_KINDS } from './uncertainty';

/** Convergence rows shown in Markdown (the HTML report draws them all). */
const CONVERGENCE_ROWS = 12;

/**
 * `report.md`: the report as GitHub-flavoured Markdown — headings, paragraphs and pipe tables
 * only (no HTML), so it reads the same in any Markdown viewer and as plain text. Scenario text
 * is escaped so it cannot turn into markup (its `code` spans stay code). Charts are in the HTML
 * report; here their numbers are tables. Equal reports give byte-identical text.
 *
 * Like the HTML report it opens with the answer: the headline (the lead event, its window and
 * as-of date, its probability in words and numbers, simulation error and spread across the
 * model's worlds) and the other findings; then what was found, what drives it (the analyses,
 * when given), the timeline, the inputs and sources, and how to reproduce it.
 *
 * @example
 * ```ts
 * const markdown = renderMarkdown(await buildReport({ id: 'coin', title: 'A coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { landsHeads: 'heads' } }, { seed: 1, trials: 10_000 }));
 * markdown.split('\n')[0]; // '# A coin'
 * ```
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const a = report.asked;
  out.push(`# ${rich(a.title)}`, '');
  out.push(`scenario-odds report · ${code(a.id)}${a.variant ? ` · variant ${code(a.variant.name)}` : ''}`, '');

  out.push('## In brief', '', ...headlineMd(report));
  const lead = headlineEvent(report);
  const others = report.findings.filter((x) => x.given === undefined && x.event !== lead);
  if (others.length) {
    out.push('Other findings:', '');
    for (const f of others) {
      out.push(`- ${md(f.sentence)}`);
      if (f.warning) out.push(`  - **Warning:** ${md(f.warning)}`);
    }
    out.push('');
  }
  out.push(`${TWO_KINDS} The words are ICD-203 expressions of likelihood.`, '');

  out.push('## What was found', '');
  const { main, splits } = eventGroups(report);
  if (main.length) out.push('### Event probabilities', '', ...eventTable(report, main), '', ...spreadTable(report, main));
  out.push(...outputTable(report));
  for (const split of splits) out.push(`### Split given ${md(eventLabel(report, split.given))}`, '', ...eventTable(report, split.events), '');

  const { comparison, sensitivity, attribution, evidence } = report.analyses;
  if (comparison || sensitivity || attribution || evidence) {
    out.push('## What drives it', '');
    if (sensitivity) out.push(...sensitivityMd(report, sensitivity));
    if (attribution) out.push(...attributionMd(report, attribution));
    if (comparison) out.push(...comparisonMd(report, comparison));
    if (evidence) out.push(...evidenceMd(report, evidence));
  }

  const timelines = Object.entries(report.results.timelines);
  if (timelines.length) {
    out.push('## Timeline', '');
    for (const [event, curve] of timelines) {
      const last = curve.at(-1)!;
      if (timelines.length > 1) out.push(`### ${md(eventLabel(report, event))}`, '');
      out.push(`Probability that ${md(eventLabel(report, event))} happens between the as-of date ${report.asOf} and the end of each ${report.results.window?.period ?? 'period'} of the window.`, '');
      out.push(
        ...tableMd(
          ['By', 'Cumulative', 'Simulation 95% interval', `If none by then: P by ${last.end}`],
          curve.map((p) => [p.end, formatPercent(p.cumulative.probability), intervalText(p.cumulative), p.ifNoneYet ? `${formatPercent(p.ifNoneYet.probability)} [${intervalText(p.ifNoneYet)}]` : '—']),
          [1, 2, 3],
        ),
        '',
      );
    }
  }

  out.push(...inputsMd(report));

  const m = report.manifest;
  out.push('## How to reproduce it', '');
  out.push(
    `Seed ${code(a.seed)} · ${formatCount(report.results.trials)} trials · stopped: ${md(stopText(report))} · scenario-odds ${md(m.version)}${report.generatedAt ? ` · generated ${md(report.generatedAt)}` : ''}`,
    '',
  );
  out.push('Re-run the scenario from its source (same version of scenario-odds, same numbers to the last bit):', '');
  out.push('```sh', report.reproduce.command, '```', '');
  out.push('Or check this report: `report.json` embeds the scenario exactly as it ran:', '');
  out.push('```sh', report.reproduce.verify, '```', '');
  out.push(md(VERIFY_SCOPE), '');
  out.push('### The run', '');
  out.push(
    ...tableMd(
      ['Setting', 'Value'],
      [
        ['Scenario', `${code(a.id)} — ${rich(a.title)}`],
        ['Source given', code(a.source)],
        ['Variant', a.variant ? `${code(a.variant.name)}${a.variant.label ? ` — ${md(a.variant.label)}` : ''}${a.variant.description ? `: ${rich(a.variant.description)}` : ''}` : 'none (the scenario as written)'],
        ['Overrides (--set)', Object.keys(a.overrides).length ? Object.entries(a.overrides).map(([k, v]) => code(`${k}=${v}`)).join(', ') : 'none'],
        ['Seed', code(a.seed)],
        ['As of', code(a.asOf)],
        ['Trials', md(settingsText(report))],
      ],
    ),
    '',
  );
  out.push('### Manifest', '');
  out.push(
    ...tableMd(
      ['Manifest', 'Value'],
      [
        ['Seed', code(m.seed)],
        ['RNG algorithm', md(m.rngAlgorithm)],
        ['Library', md(`${m.library} ${m.version}`)],
        ['Runtime', md(m.runtime)],
        ['Scenario hash', code(m.scenarioHash)],
        ['Trials', formatCount(m.trials)],
        ['Chunk size', formatCount(m.chunkSize)],
        ['Settings', md(settingsText(report))],
        ['Stopped because', md(stopText(report))],
        ['Variant', m.variant === undefined ? 'none' : code(m.variant)],
        ['Overrides', Object.keys(m.overrides).length ? Object.entries(m.overrides).map(([k, v]) => code(`${k}=${v}`)).join(', ') : 'none'],
        ['Results hash', code(m.resultsHash)],
        ['Report hash', code(report.reportHash)],
      ],
    ),
    '',
  );
  out.push(...convergenceMd(report));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Scenario prose, escaped, with its `code` spans kept as code spans (control characters removed from both). */
function rich(text: string): string {
  return codeSpans(text)
    .map((p) => (p.code ? code(p.text) : md(p.text)))
    .join('');
}

/** The answer first: the lead event's probability in words and numbers, its window and as-of date, and both kinds of uncertainty. */
function headlineMd(report: Report): string[] {
  const lead = headlineEvent(report);
  if (lead === undefined) return [];
  const e = report.results.events[lead];
  const f = report.findings.find((x) => x.event === lead)!;
  const label = `${eventLabel(report, lead)}${e.given === undefined ? '' : ` (given ${eventLabel(report, e.given)})`}`;
  const out: string[] = [];
  if (f.term === undefined) out.push(`**${md(label)}: ${formatPercent(e.probability)}**, exact: the same in every world (it follows from fixed params, not from the model's uncertain inputs).`, '');
  else out.push(`**${md(label)}: ${formatPercent(e.probability)}, ${md(f.term)}** (ICD-203 ${termRange(f.term)})`, '');
  if (f.aboutInput) out.push(`About an input, not a finding: it restates the distribution of ${f.aboutInput.map(code).join(', ')}.`, '');
  out.push(`Forecast ${md(reportWhen(report))}.`, '');
  if (!isExact(e)) {
    out.push(`- Simulation error: ${md(simulationErrorText(e))} (95% interval ${intervalText(e)} from ${formatCount(e.trials)} trials; more trials shrink it)`);
    const q = e.acrossWorlds?.quantiles;
    out.push(`- Across the model's worlds: ${md(acrossWorldsText(e))}${q ? ` (90% range, median ${formatPercent(q.p50)}; how much the chance depends on the uncertain inputs, which more trials do not shrink)` : ''}`);
    if (f.warning) out.push(`- **Warning:** ${md(f.warning)}`);
    out.push('');
  }
  return out;
}

/** The question, the model's inputs and its sources, after the findings. */
function inputsMd(report: Report): string[] {
  const a = report.asked;
  const out = ['## Inputs and sources', ''];
  if (a.description) out.push(rich(a.description), '');
  if (a.factors.length) {
    out.push('### Factors', '', 'Each factor is an uncertain quantity, drawn once per trial from its own random stream.', '');
    out.push(
      ...tableMd(
        ['Factor', 'Label', 'Distribution', 'Mean', 'SD', 'Source'],
        a.factors.map((f) => [code(f.name), md(f.label ?? ''), `${md(f.distribution)}${f.asWritten ? ` (as written: ${md(f.asWritten)})` : ''}`, f.mean === undefined ? '—' : formatNumber(f.mean), f.sd === undefined ? '—' : formatNumber(f.sd), rich(f.source ?? '')]),
        [3, 4],
      ),
      '',
    );
  }
  const correlations = report.scenario.correlations ?? [];
  if (correlations.length) {
    out.push('### Correlations', '', `${CORRELATIONS_NOTE}`, '');
    out.push(...tableMd(['Factors', 'Rank (Spearman)', 'Source'], correlations.map((c) => [`${code(c.factors[0])} – ${code(c.factors[1])}`, formatNumber(c.rank), rich(c.source ?? c.description ?? '')]), [1]), '');
  }
  if (a.params.length) {
    out.push('### Params', '', 'Fixed numbers of the model (weights, base rates); `--set NAME=VALUE` changes one.', '');
    out.push(
      ...tableMd(
        ['Param', 'Label', 'Value', 'Source'],
        a.params.map((p) => [code(p.name), md(p.label ?? ''), `${formatNumber(p.value)}${p.asWritten === undefined ? '' : ` (was ${formatNumber(p.asWritten)})`}`, rich(p.source ?? '')]),
        [2],
      ),
      '',
    );
  }
  out.push('### Formulas', '');
  out.push(
    ...tableMd(
      ['Name', 'Label', 'Kind', 'Formula'],
      a.formulas.map((f) => [
        code(f.name),
        md(f.label ?? ''),
        f.kind === 'conditional' ? `given ${code(f.given ?? '')}` : f.kind === 'timed' ? `timed (hazard per ${report.results.window?.period ?? 'period'})` : f.kind === 'derived' || f.kind === 'output' ? f.kind : 'event',
        `${code(f.formula)}${f.windows?.length ? ` — windows: ${f.windows.map((w) => `${code(w.multiplier)} in ${md(windowSpan(w))}`).join('; ')}` : ''}`,
      ]),
    ),
    '',
  );
  const variants = Object.entries(a.variant ? {} : (report.scenario.variants ?? {}));
  if (variants.length) {
    out.push('### Variants', '', 'Named what-ifs kept in the scenario; this report ran none of them (`--variant NAME` runs one).', '');
    out.push(...tableMd(['Variant', 'Label', 'What it changes'], variants.map(([name, v]) => [code(name), md(v.label ?? ''), rich(v.description ?? '')])), '');
  }
  const sources = report.scenario.sources ?? [];
  if (sources.length) {
    out.push('### Sources', '');
    out.push(...tableMd(['Id', 'Source', 'Note'], sources.map((s) => [code(s.id), `${rich(s.title)}${s.author ? `, ${rich(s.author)}` : ''}${s.date ? ` (${md(s.date)})` : ''}${s.url ? ` ${md(s.url)}` : ''}`, rich(s.note ?? '')])), '');
  }
  return out;
}

/** A GitHub pipe table; cells must already be escaped. `numeric` columns are right-aligned. */
function tableMd(head: readonly string[], rows: readonly string[][], numeric: readonly number[] = []): string[] {
  const cell = (s: string) => (s === '' ? ' ' : s);
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map((_, i) => (numeric.includes(i) ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

function eventTable(report: Report, names: readonly string[]): string[] {
  return tableMd(
    ['Event', 'Label', 'Probability', 'Simulation error (95%)', "Across the model's worlds (90%)", 'In words', 'Method'],
    names.map((name) => {
      const e = report.results.events[name];
      const f = report.findings.find((x) => x.event === name)!;
      const words = f.term === undefined ? 'exact' : `${md(f.term)}${f.aboutInput ? ' (about an input)' : ''}${f.warning ? ` (interval spans “${md(f.intervalTerms![0])}” to “${md(f.intervalTerms![1])}”)` : ''}`;
      return [
        code(name),
        md(eventLabel(report, name) === name ? '' : eventLabel(report, name)),
        formatPercent(e.probability),
        md(simulationErrorText(e)),
        md(acrossWorldsText(e)),
        words,
        md(methodText(e)),
      ];
    }),
    [2, 3],
  );
}

/** The real-valued outputs: mean, simulation error and spread across the model's worlds, in their own units. */
function outputTable(report: Report): string[] {
  const outputs = Object.entries(report.results.outputs ?? {});
  if (outputs.length === 0) return [];
  return [
    '### Outputs',
    '',
    ...tableMd(
      ['Output', 'Label', 'Mean', 'Simulation error (95%)', "Across the model's worlds (90%)", 'Median'],
      outputs.map(([name, o]) => {
        const [mean, error, across] = outputCells(o);
        return [code(name), md(outputLabel(report, name)), mean, md(error), md(across), formatNumber(o.acrossWorlds.quantiles.p50)];
      }),
      [2, 3, 5],
    ),
    '',
  ];
}

/** The quantiles of each event's chance across the model's worlds, for the events whose chance varies. */
function spreadTable(report: Report, names: readonly string[]): string[] {
  const varying = names.filter((name) => report.results.events[name].acrossWorlds);
  if (varying.length === 0) return [];
  return [
    "### Across the model's worlds",
    '',
    "Each trial is one world of the model: one draw of every uncertain input. How the event's chance varies between those worlds (quantiles of the per-trial chance); unlike the simulation error, more trials do not shrink it.",
    '',
    ...tableMd(
      ['Event', '5%', '25%', 'median', '75%', '95%'],
      varying.map((name) => {
        const q = report.results.events[name].acrossWorlds!.quantiles;
        return [code(name), ...[q.p5, q.p25, q.p50, q.p75, q.p95].map(formatPercent)];
      }),
      [1, 2, 3, 4, 5],
    ),
    '',
  ];
}

function convergenceMd(report: Report): string[] {
  // A quantity that is the same in every world has nothing to converge.
  const events = Object.keys(report.results.events).filter((e) => !isExact(report.results.events[e])).slice(0, 4);
  const points = report.convergence;
  if (points.length === 0 || events.length === 0) return [];
  const pick = points.length <= CONVERGENCE_ROWS ? points : Array.from({ length: CONVERGENCE_ROWS }, (_, i) => points[Math.round((i * (points.length - 1)) / (CONVERGENCE_ROWS - 1))]);
  const more = Object.keys(report.results.events).length > events.length ? ' (first four events; the HTML report charts them all)' : '';
  return [
    '### Convergence',
    '',
    `How the estimates settled as chunks of trials were added${more}: estimate [95% simulation interval].`,
    '',
    ...tableMd(
      ['Trials', ...events.map((e) => code(e))],
      pick.map((p) => [formatCount(p.trials), ...events.map((e) => (p.events[e] ? `${formatPercent(p.events[e].probability)} [${intervalText(p.events[e])}]` : '—'))]),
      events.map((_, i) => i + 1).concat(0),
    ),
    '',
  ];
}

function note(report: Report, run: Parameters<typeof analysisNote>[1]): string[] {
  const n = analysisNote(report, run);
  return [md(n.text), '', ...(n.mismatch ? [`**Note:** ${md(n.mismatch)}`, ''] : [])];
}

function comparisonMd(report: Report, c: ComparisonResult): string[] {
  const out = ['### What-if comparison', '', `Each variant against the baseline (${md(comparisonBaselineText(c))}) on common random numbers.`, '', ...note(report, c)];
  for (const v of c.variants) {
    out.push(`#### ${md(v.name)}`, '');
    const overrides = Object.entries(v.overrides).map(([k, x]) => code(`${k}=${x}`)).join(', ');
    const about = [v.description ? rich(v.description) : '', v.variant ? `variant ${code(v.variant)}` : '', overrides ? `set ${overrides}` : ''].filter(Boolean).join(' · ');
    if (about) out.push(about, '');
    out.push(
      ...tableMd(
        ['Event', 'Baseline', 'Variant', 'Difference [95%, simulation]', "Change across the model's worlds (90%)", 'Odds ratio [95%]', 'Share of trials higher / lower'],
        Object.entries(v.events).map(([event, d]) => [
          code(event),
          formatPercent(d.baseline),
          formatPercent(d.variant),
          d.differencePp.probability === 0 && d.differencePp.ci95[0] === 0 && d.differencePp.ci95[1] === 0
            ? 'none (the same in every trial)'
            : `${formatSignedPp(d.differencePp.probability)} [${formatSignedPp(d.differencePp.ci95[0])}, ${formatSignedPp(d.differencePp.ci95[1])}]`,
          changeAcrossWorldsText(d),
          oddsRatioText(d),
          greaterLessText(d),
        ]),
        [1, 2, 3, 4, 5, 6],
      ),
      '',
    );
  }
  return out;
}

function sensitivityMd(report: Report, s: SensitivityResult): string[] {
  const out = [`### Sensitivity: ${md(eventLabel(report, s.event))}`, '', ...note(report, s)];
  out.push(`Baseline ${formatPercent(s.baseline.probability)} [${intervalText(s.baseline)}]; ${md(tornadoSettingsText(s))}.`, '');
  if (s.tornado.length) {
    out.push(
      ...tableMd(
        ['Input', 'Kind', 'Low setting', 'P at low', 'High setting', 'P at high', 'Swing [95%]'],
        s.tornado.map((b) => [
          `${md(inputLabel(report, b.name))} ${code(b.name)}`,
          b.kind,
          md(b.lowSetting),
          formatPercent(b.low.probability),
          md(b.highSetting),
          formatPercent(b.high.probability),
          `${formatPp(b.swing * 100)}${b.swingCi95 ? ` [${formatPp(b.swingCi95[0] * 100)}, ${formatPp(b.swingCi95[1] * 100)}]` : ''}`,
        ]),
        [3, 5, 6],
      ),
      '',
    );
  }
  if (s.sobol.length) {
    out.push(`Sobol indices (${formatCount(s.sobolSamples)} base samples${s.bootstrap ? `, ${formatCount(s.bootstrap)} bootstrap resamples` : ''}; 95% intervals):`, '');
    out.push(
      ...tableMd(
        ['Factor', 'First order', '95% interval', 'Total', '95% interval'],
        s.sobol.map((x) => [code(x.factor), formatIndex(x.first.estimate), `${formatIndex(x.first.ci95[0])} – ${formatIndex(x.first.ci95[1])}`, formatIndex(x.total.estimate), `${formatIndex(x.total.ci95[0])} – ${formatIndex(x.total.ci95[1])}`]),
        [1, 2, 3, 4],
      ),
      '',
    );
  }
  if (s.notes?.length) out.push(...s.notes.map((n) => `- ${rich(n)}`), '');
  return out;
}

function attributionMd(report: Report, a: AttributionResult): string[] {
  const out = [`### Attribution: ${md(eventLabel(report, a.event))}`, '', ...note(report, a)];
  if (!a.applicable) return [...out, `No log-odds attribution for this event: ${rich(a.reason)}`, ''];
  const term = (t: AttributionTerm, name: string) => [
    `${md(name)}${t.name ? ` ${code(t.name)}` : ''}`,
    t.formula ? code(t.formula) : '',
    formatSigned(t.mean),
    t.ci95[0] === t.ci95[1] ? 'exact' : `${formatSigned(t.ci95[0])} – ${formatSigned(t.ci95[1])}`,
    t.range95 ? `${formatSigned(t.range95[0])} – ${formatSigned(t.range95[1])}` : '',
  ];
  out.push(
    `Form: ${code(a.form)} (${a.scale === 'hazard' ? 'log-odds of the per-period hazard' : 'log-odds of the event'}).`,
    '',
    ...tableMd(
      ['Term', 'Formula', 'Mean contribution (log-odds)', '95% interval', 'Central 95% across trials'],
      [
        ...(a.baseFormula !== undefined ? [['base', code(a.baseFormula), formatSigned(a.baseLogOdds), '', '']] : []),
        ...a.terms.map((t) => term(t, t.label ?? inputLabel(report, t.name))),
        ['**mean log-odds**', '', formatSigned(a.meanLogOdds), '', ''],
        term(a.remainder, 'remainder (averaging, windows, compounding)'),
        ['**logit of the reported probability**', '', formatSigned(a.finalLogOdds), '', ''],
      ],
      [2, 3, 4],
    ),
    '',
    `At the mean log-odds the probability would be ${formatPercent(sigmoid(a.meanLogOdds))}; the reported probability (mean of per-trial probabilities) is ${formatPercent(a.probability.probability)} [${intervalText(a.probability)}].`,
    '',
  );
  return out;
}

function evidenceMd(report: Report, e: EvidenceResult): string[] {
  return [
    `### Evidence ledger: ${md(eventLabel(report, e.event))}`,
    '',
    ...note(report, e),
    `Prior ${formatPercent(e.prior.probability)} [${intervalText(e.prior)}] → posterior ${formatPercent(e.posterior.probability)} [${intervalText(e.posterior)}].`,
    '',
    ...tableMd(
      ['Date', 'Observation', 'Likelihood ratio', 'Why', 'P after'],
      e.steps.map((s) => [
        md(s.date ?? ''),
        `${md(s.kind === 'condition' ? `condition ${s.signpost}` : s.signpost)}${s.description ? ` — ${rich(s.description)}` : ''}${s.effectiveSampleSize === undefined ? '' : ` (effective sample size ${formatCount(Math.round(s.effectiveSampleSize))})`}`,
        `×${formatNumber(s.likelihoodRatio)}`,
        rich(s.reason ?? ''),
        `${formatPercent(s.probability)}${s.ci95 ? ` [${intervalText({ ci95: s.ci95 })}]` : ''}`,
      ]),
      [2, 4],
    ),
    '',
  ];
}
