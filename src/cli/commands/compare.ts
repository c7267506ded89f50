import type { VariantSpec } from '../../analysis/compare';
import type { ComparisonResult, EventDifference } from '../../analysis/types';
import { formatCount, formatNumber, formatPercent, formatSigned } from '../../report/format';
import { ANALYSIS_FLAGS, commonAnalysisArgs, optionIssue, printResult, renameIssues, runWithProgress, signed, textTable } from '../analysis';
import { compareOnWorkers } from '../../node/analyses';
import { parseCommandArgs } from '../args';
import { UsageError, type CliIo } from '../io';
import { eventLabels, help } from '../shared';

/**
 * `scenario-odds compare <file|id> [--variant NAME ...] [--set NAME=VALUE ...]`: the scenario as
 * written against each named variant (all of them when none is named), and against the
 * `--set` overrides taken together as one ad-hoc variant, on common random numbers.
 */
export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('compare', args, { ...ANALYSIS_FLAGS, variant: { type: 'string', multiple: true }, event: { type: 'string', multiple: true } });
  if (values.help) return help('compare', io);
  // --set here makes a variant of its own, not a change to the baseline.
  const { scenario, options } = await commonAnalysisArgs('compare', positionals, values);
  const variants: VariantSpec[] = (values.variant ?? []).map((variant) => ({ variant }));
  if (Object.keys(options.params ?? {}).length > 0) variants.push({ overrides: options.params });
  if (variants.length === 0) {
    const named = Object.keys(scenario.variants ?? {});
    if (named.length === 0) throw new UsageError('compare: this scenario has no variants; give --set NAME=VALUE to make one (see `scenario-odds compare --help`)');
    variants.push(...named.map((variant) => ({ variant })));
  }
  const result = await runWithProgress(io, (driver) =>
    compareOnWorkers(scenario, { seed: options.seed, trials: options.trials, asOf: options.asOf, horizon: options.horizon, noneThrough: options.noneThrough, variants, events: values.event, workers: options.workers, ...driver }).catch((e) => renameIssues(e, optionIssue)),
  );
  return printResult(io, result, values, (r) => comparisonText(r, scenario.title, eventLabels(scenario)));
}

function oddsRatio(d: EventDifference): string {
  return d.oddsRatio === undefined ? '—' : d.oddsRatio.toPrecision(3);
}

/** One table per event, one row per variant, after a legend of the variants. */
function comparisonText(r: ComparisonResult, title: string, labels: Readonly<Record<string, string>>): string {
  const lines = [
    `${title} (${r.scenario.id}), as of ${r.asOf}`,
    `Each variant against the scenario as written, on the same ${formatCount(r.trials)} trials (seed ${r.seed}). Differences are`,
    "in percentage points, with 95% intervals from the paired per-trial differences (simulation error); the last column is the",
    "90% range of each world's own change (the spread across the model's worlds); P(higher) is the share",
    'of trials in which the variant gives the event a higher probability (— for a 0/1 event, and under',
    '"nothing yet" evidence, whose weighted trials make a share of trials meaningless).',
    '',
  ];
  const described = r.variants.filter((v) => v.description);
  if (described.length > 0) {
    lines.push('Variants:', ...textTable(described.map((v) => [v.name, v.description!.split(': ')[0]]), ['left', 'left']), '');
  }
  const events = Object.keys(r.variants[0]?.events ?? {});
  for (const name of events) {
    const baseline = r.variants[0].events[name].baseline;
    lines.push(`${name}${labels[name] ? ` — ${labels[name]}` : ''}: ${formatPercent(baseline)} as written`);
    const rows = r.variants.map((v) => {
      const d = v.events[name];
      return [
        v.name,
        formatPercent(d.variant),
        `${signed(d.differencePp.probability)} pp`,
        `[${signed(d.differencePp.ci95[0])}, ${signed(d.differencePp.ci95[1])}]`,
        oddsRatio(d),
        d.probabilityGreater === undefined ? '—' : formatPercent(d.probabilityGreater),
        d.acrossWorlds ? `${signed(100 * d.acrossWorlds.quantiles.p5)} to ${signed(100 * d.acrossWorlds.quantiles.p95)}` : '—',
      ];
    });
    lines.push(...textTable([['variant', 'P', 'difference', '95% CI (pp)', 'odds ratio', 'P(higher)', "across worlds (90%, pp)"], ...rows], ['left', 'right', 'right', 'left', 'right', 'right', 'left']), '');
  }
  for (const name of Object.keys(r.variants[0]?.outputs ?? {})) {
    const baseline = r.variants[0].outputs![name].baseline;
    lines.push(`${name}${labels[name] ? ` — ${labels[name]}` : ''}: mean ${formatNumber(baseline)} as written`);
    const rows = r.variants.map((v) => {
      const d = v.outputs![name];
      const q = d.acrossWorlds?.quantiles;
      return [v.name, formatNumber(d.variant), formatSigned(d.difference.value), `[${formatSigned(d.difference.ci95[0])}, ${formatSigned(d.difference.ci95[1])}]`, q ? `${formatSigned(q.p5)} to ${formatSigned(q.p95)}` : '—'];
    });
    lines.push(...textTable([['variant', 'mean', 'difference', '95% CI', 'across worlds (90%)'], ...rows], ['left', 'right', 'right', 'left', 'left']), '');
  }
  return lines.join('\n').trimEnd();
}
