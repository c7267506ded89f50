import type { VariantSpec } from '../../analysis/compare';
import type { ComparisonResult, EventDifference, OutputDifference } from '../../analysis/types';
import { formatCount, formatNumber, formatPercent, formatSigned } from '../../report/format';
import { ANALYSIS_FLAGS, commonAnalysisArgs, optionIssue, runAnalysisCommand, signed, textTable } from '../analysis';
import { parseCommandArgs } from '../args';
import { UsageError, type CliIo } from '../io';
import { eventLabels, help } from '../shared';

/**
 * `scenario-odds compare <file|id> [--variant NAME ...] [--set NAME=VALUE ...]`: the scenario as
 * written against each named variant (all of them when none is named), and against the
 * `--set` overrides taken together as one ad-hoc variant, on common random numbers.
 */
export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('compare', args, { ...ANALYSIS_FLAGS, variant: { type: 'string', multiple: true }, event: { type: 'string', multiple: true }, all: { type: 'boolean' } });
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
  const { seed, trials, asOf, horizon, noneThrough, workers } = options;
  return runAnalysisCommand(io, values, { analysis: 'compare', scenario, options: { seed, trials, asOf, horizon, noneThrough, variants, events: values.event, workers } }, optionIssue, (r) => comparisonText(r, scenario.title, eventLabels(scenario), values.all === true));
}

function oddsRatio(d: EventDifference): string {
  return d.oddsRatio === undefined ? '—' : d.oddsRatio.toPrecision(3);
}

/** Whether a variant gives the event exactly the baseline's value in every trial (a zero difference with a zero-width interval). */
function sameEvent(d: EventDifference): boolean {
  return d.differencePp.probability === 0 && d.differencePp.ci95[0] === 0 && d.differencePp.ci95[1] === 0;
}

/** Whether a variant gives the output exactly the baseline's value in every trial. */
function sameOutput(d: OutputDifference): boolean {
  return d.difference.value === 0 && d.difference.ci95[0] === 0 && d.difference.ci95[1] === 0;
}

/**
 * One table per event, one row per variant, after a legend of the variants. Unless `all`, a
 * row whose variant changes no trial of the event is left out (and a table with no row left),
 * and a closing line says how many rows were left out, which tables and which variants
 * changed nothing at all.
 */
export function comparisonText(r: ComparisonResult, title: string, labels: Readonly<Record<string, string>>, all = false): string {
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
  let hiddenRows = 0;
  let rowCount = 0;
  const hiddenTables: string[] = [];
  const changes = new Map(r.variants.map((v) => [v.name, false]));
  const keep = (variant: string, same: boolean): boolean => {
    rowCount++;
    if (!same) changes.set(variant, true);
    if (all || !same) return true;
    hiddenRows++;
    return false;
  };
  for (const name of events) {
    const shown = r.variants.filter((v) => keep(v.name, sameEvent(v.events[name])));
    if (shown.length === 0) {
      hiddenTables.push(name);
      continue;
    }
    const baseline = r.variants[0].events[name].baseline;
    lines.push(`${name}${labels[name] ? ` — ${labels[name]}` : ''}: ${formatPercent(baseline)} as written`);
    const rows = shown.map((v) => {
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
    const shown = r.variants.filter((v) => keep(v.name, sameOutput(v.outputs![name])));
    if (shown.length === 0) {
      hiddenTables.push(name);
      continue;
    }
    const baseline = r.variants[0].outputs![name].baseline;
    lines.push(`${name}${labels[name] ? ` — ${labels[name]}` : ''}: mean ${formatNumber(baseline)} as written`);
    const rows = shown.map((v) => {
      const d = v.outputs![name];
      const q = d.acrossWorlds?.quantiles;
      return [v.name, formatNumber(d.variant), formatSigned(d.difference.value), `[${formatSigned(d.difference.ci95[0])}, ${formatSigned(d.difference.ci95[1])}]`, q ? `${formatSigned(q.p5)} to ${formatSigned(q.p95)}` : '—'];
    });
    lines.push(...textTable([['variant', 'mean', 'difference', '95% CI', 'across worlds (90%)'], ...rows], ['left', 'right', 'right', 'left', 'left']), '');
  }
  const unchanged = [...changes].filter(([, changed]) => !changed).map(([name]) => name);
  if (unchanged.length > 0) lines.push(`Identical to the scenario as written in every trial: ${unchanged.join(', ')}.`);
  if (hiddenRows > 0) {
    lines.push(`Hidden: ${hiddenRows} of ${rowCount} rows, where the variant changes no trial of that ${r.variants[0]?.outputs ? 'event or output' : 'event'}; --all shows them.`);
    if (hiddenTables.length > 0) lines.push(`No table for ${hiddenTables.join(', ')}: no variant changes ${hiddenTables.length === 1 ? 'it' : 'them'}.`);
  }
  return lines.join('\n').trimEnd();
}
