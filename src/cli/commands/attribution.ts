import { sigmoid } from '../../expr/functions';
import type { AttributionResult } from '../../analysis/types';
import { formatCount, formatPercent } from '../../report/format';
import { ANALYSIS_FLAGS, commonAnalysisArgs, optionIssue, runAnalysisCommand, signed, textTable } from '../analysis';
import { parseCommandArgs } from '../args';
import type { CliIo } from '../io';
import { help } from '../shared';

/** `scenario-odds attribution <file|id> [--event NAME]`: the log-odds waterfall of one event. */
export async function attributionCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('attribution', args, { ...ANALYSIS_FLAGS, variant: { type: 'string' }, event: { type: 'string' } });
  if (values.help) return help('attribution', io);
  const { scenario, options } = await commonAnalysisArgs('attribution', positionals, values);
  return runAnalysisCommand(io, values, { analysis: 'attribution', scenario, options: { ...options, variant: values.variant, event: values.event } }, optionIssue, (r) => attributionText(r, scenario.title));
}

const lo = (x: number) => signed(x, 3);

export function attributionText(r: AttributionResult, title: string): string {
  const head = `Log-odds attribution of ${r.event} — ${title} (${r.scenario.id}), as of ${r.asOf}`;
  if (!r.applicable) return [head, '', `Not applicable: ${r.reason}.`].join('\n');
  const lines = [head, `Form: ${r.form}`, `${formatCount(r.trials)} trials · seed ${r.seed}`, ''];
  let running = r.baseLogOdds;
  const rows: string[][] = [['bar', 'formula', 'mean', '95% CI', '95% of trials', 'running total']];
  // A base row only for a constant part of the sum; when every term is uncertain there is none.
  if (r.baseFormula !== undefined) rows.push(['base', r.baseFormula, lo(r.baseLogOdds), '', '', lo(running)]);
  for (const t of r.terms) {
    running += t.mean;
    rows.push([t.name, t.formula, lo(t.mean), `[${lo(t.ci95[0])}, ${lo(t.ci95[1])}]`, t.range95 ? `[${lo(t.range95[0])}, ${lo(t.range95[1])}]` : '', lo(running)]);
  }
  rows.push([`= mean ${r.scale === 'hazard' ? 'per-period ' : ''}log-odds`, `(sigmoid: ${formatPercent(sigmoid(r.meanLogOdds))})`, '', '', '', lo(r.meanLogOdds)]);
  rows.push(['remainder', r.remainder.formula, lo(r.remainder.mean), `[${lo(r.remainder.ci95[0])}, ${lo(r.remainder.ci95[1])}]`, '', lo(r.finalLogOdds)]);
  lines.push(...textTable(rows, ['left', 'left', 'right', 'left', 'left', 'right']));
  const p = r.probability;
  lines.push(
    '',
    `= P(${r.event}) = ${formatPercent(p.probability)} [${formatPercent(p.ci95[0])}, ${formatPercent(p.ci95[1])}] (log-odds ${lo(r.finalLogOdds)}).`,
    `The remainder is ${r.remainder.label}.`,
    '"95% CI" is the Monte Carlo interval of each mean; "95% of trials" is how much the term itself varies across the model\'s worlds.',
  );
  return lines.join('\n');
}
