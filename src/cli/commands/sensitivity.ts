import type { SensitivityResult } from '../../analysis/types';
import { formatCount, formatNumber, formatPercent } from '../../report/format';
import { ANALYSIS_FLAGS, commonAnalysisArgs, optionIssue, runAnalysisCommand, textTable } from '../analysis';
import { parseCommandArgs, parseCount } from '../args';
import { UsageError, type CliIo } from '../io';
import { eventLabels, help } from '../shared';

/** `--param-step`: `50%` moves each param by half its value, `0.5` by 0.5. */
function parseStep(raw: string | undefined): { paramStep?: number; paramStepKind?: 'relative' | 'absolute' } {
  if (raw === undefined) return {};
  const relative = raw.trim().endsWith('%');
  const n = Number(relative ? raw.trim().slice(0, -1) : raw);
  if (raw.trim() === '' || !(n > 0) || !Number.isFinite(n)) throw new UsageError(`--param-step must be a positive number (0.5) or percentage (50%) (got "${raw}")`);
  return relative ? { paramStep: n / 100, paramStepKind: 'relative' } : { paramStep: n, paramStepKind: 'absolute' };
}

/** `--percentiles 10,90`: the percentiles factors are pinned at, in percent. */
function parsePercentiles(raw: string | undefined): readonly [number, number] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every((p) => p >= 0 && p <= 100) || !(parts[0] < parts[1])) {
    throw new UsageError(`--percentiles must be two percentages LOW,HIGH with 0 <= LOW < HIGH <= 100, e.g. 10,90 (got "${raw}")`);
  }
  return [parts[0] / 100, parts[1] / 100];
}

/** `scenario-odds sensitivity <file|id> [--event NAME]`: tornado and Sobol indices of one event. */
export async function sensitivityCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('sensitivity', args, {
    ...ANALYSIS_FLAGS,
    variant: { type: 'string' },
    event: { type: 'string' },
    'param-step': { type: 'string' },
    percentiles: { type: 'string' },
    'sobol-samples': { type: 'string' },
    bootstrap: { type: 'string' },
  });
  if (values.help) return help('sensitivity', io);
  const sobolSamples = values['sobol-samples'] === '0' ? 0 : parseCount('--sobol-samples', values['sobol-samples']);
  const bootstrap = values.bootstrap === '0' ? 0 : parseCount('--bootstrap', values.bootstrap);
  const step = parseStep(values['param-step']);
  const percentiles = parsePercentiles(values.percentiles);
  const { scenario, options } = await commonAnalysisArgs('sensitivity', positionals, values);
  const run = { analysis: 'sensitivity' as const, scenario, options: { ...options, variant: values.variant, event: values.event, sobolSamples, bootstrap, percentiles, ...step } };
  return runAnalysisCommand(io, values, run, optionIssue, (r) => sensitivityText(r, scenario.title, eventLabels(scenario)));
}

const pp = (p: number) => (100 * p).toFixed(2);
const index = (x: number) => x.toFixed(3);

export function sensitivityText(r: SensitivityResult, title: string, labels: Readonly<Record<string, string>>): string {
  const b = r.baseline;
  // An output is shown in its own units, an event's probability in percent (swings in points).
  const value = r.output ? formatNumber : formatPercent;
  const change = r.output ? formatNumber : pp;
  const what = r.output ? `mean ${r.event}` : `P(${r.event})`;
  const lines = [
    `Sensitivity of ${r.event}${labels[r.event] ? ` — ${labels[r.event]}` : ''}`,
    `${title} (${r.scenario.id}), as of ${r.asOf}`,
    `${what} = ${value(b.probability)} [${value(b.ci95[0])}, ${value(b.ci95[1])}] · ${formatCount(r.trials)} trials · seed ${r.seed}`,
    '',
    `Tornado: ${what} with one input moved, every other factor sampled as usual on the same trials.`,
    `Factors are pinned at their ${Number(((r.percentiles?.[0] ?? 0.1) * 100).toPrecision(3))}% and ${Number(((r.percentiles?.[1] ?? 0.9) * 100).toPrecision(3))}% quantiles (a discrete factor whose two quantiles coincide, at its lowest and highest values);`,
    `params are moved by ${r.paramStepKind === 'absolute' ? `±${r.paramStep}` : `±${Number((r.paramStep * 100).toPrecision(3))}% of their value`}. Swing = |${r.output ? 'mean(high) − mean(low)' : 'P(high) − P(low)'}|, 95% interval from paired differences.`,
  ];
  const rows = r.tornado.map((bar) => [bar.name, bar.kind, bar.lowSetting, value(bar.low.probability), bar.highSetting, value(bar.high.probability), change(bar.swing), bar.swingCi95 ? `[${change(bar.swingCi95[0])}, ${change(bar.swingCi95[1])}]` : '']);
  const head = r.output ? ['mean(low)', 'mean(high)', 'swing'] : ['P(low)', 'P(high)', 'swing (pp)'];
  lines.push(...textTable([['input', 'kind', 'low setting', head[0], 'high setting', head[1], head[2], '95% CI'], ...rows], ['left', 'left', 'left', 'right', 'left', 'right', 'right', 'left']));
  if (r.sobol.length > 0) {
    const k = r.sobol.length;
    lines.push(
      '',
      `Sobol indices of the per-trial ${r.output ? 'value' : 'probability'}: Saltelli design, N = ${formatCount(r.sobolSamples)} (${formatCount(r.sobolSamples * (k + 2))} model evaluations), Jansen estimators,`,
      `95% intervals from ${formatCount(r.bootstrap ?? 0)} bootstrap resamples. First-order: the share of the variance a factor explains alone;`,
      'total: including its interactions with the others (total − first-order is what it explains only jointly).',
    );
    const srows = r.sobol.map((s) => [s.factor, index(s.first.estimate), `[${index(s.first.ci95[0])}, ${index(s.first.ci95[1])}]`, index(s.total.estimate), `[${index(s.total.ci95[0])}, ${index(s.total.ci95[1])}]`]);
    const sum = (f: (s: SensitivityResult['sobol'][number]) => number) => index(r.sobol.reduce((acc, s) => acc + f(s), 0));
    srows.push(['sum', sum((s) => s.first.estimate), '', sum((s) => s.total.estimate), '']);
    lines.push(...textTable([['factor', 'first-order', '95% CI', 'total', '95% CI'], ...srows], ['left', 'right', 'left', 'right', 'left']));
  }
  for (const note of r.notes ?? []) lines.push('', `Note: ${note}`);
  return lines.join('\n');
}
