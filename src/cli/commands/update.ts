import { parseLedger, type EvidenceLedger } from '../../analysis/ledger';
import type { EvidenceResult } from '../../analysis/types';
import { ScenarioError } from '../../issues';
import { parseJson } from '../../model/json';
import { MAX_FILE_BYTES } from '../../node/load';
import { formatCount, formatPercent } from '../../report/format';
import { ANALYSIS_FLAGS, clip, commonAnalysisArgs, optionIssue, renameIssues, runAnalysisCommand, textTable } from '../analysis';
import { parseCommandArgs } from '../args';
import { FileReadError, readTextFile } from '../../node/files';
import { UsageError, type CliIo } from '../io';
import { help } from '../shared';

/** Reads and checks a ledger file; every issue is reported against the file. */
async function loadLedger(file: string): Promise<EvidenceLedger> {
  const text = await readTextFile(file, { maxBytes: MAX_FILE_BYTES, expected: 'an evidence ledger JSON file', kinds: 'ledger files' }).catch((e: unknown) => {
    throw e instanceof FileReadError && e.code === 'file-not-found' ? new FileReadError(file, e.code, 'no such ledger file') : e;
  });
  const { value, issues } = parseJson(text);
  if (issues.length > 0) throw new ScenarioError(issues.map((i) => ({ ...i, path: file })));
  try {
    return parseLedger(value);
  } catch (e) {
    return renameIssues(e, (i) => ({ ...i, path: i.path ? `${file}: ${i.path}` : file }));
  }
}

/** `scenario-odds update <file|id> --ledger FILE [--given FORMULA ...]`: the odds after each observation. */
export async function updateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('update', args, {
    ...ANALYSIS_FLAGS,
    variant: { type: 'string' },
    event: { type: 'string' },
    ledger: { type: 'string' },
    given: { type: 'string', multiple: true },
  });
  if (values.help) return help('update', io);
  if (values.ledger === undefined && (values.given ?? []).length === 0) throw new UsageError('update: give --ledger FILE, --given CONDITION, or both (see `scenario-odds update --help`)');
  const ledgerFile = values.ledger;
  const ledger: EvidenceLedger = ledgerFile === undefined ? { observations: [] } : await loadLedger(ledgerFile);
  const { scenario, options } = await commonAnalysisArgs('update', positionals, values);
  const given = values.given ?? [];
  const rename = (i: Parameters<typeof optionIssue>[0]) => {
    const m = /^given\.(\d+)$/.exec(i.path);
    if (m) return { ...i, path: `--given ${JSON.stringify(given[Number(m[1])])}` };
    const fromLedger = i.path.startsWith('observations.') || i.path === 'scenario' || (i.path === 'event' && values.event === undefined);
    if (ledgerFile !== undefined && fromLedger) return { ...i, path: `${ledgerFile}: ${i.path}` };
    return optionIssue(i);
  };
  return runAnalysisCommand(io, values, { analysis: 'update', scenario, options: { ...options, variant: values.variant, event: values.event, given }, ledger }, rename, (r) => evidenceText(r, scenario.title));
}

const interval = (ci: readonly [number, number] | undefined) => (ci ? `[${formatPercent(ci[0])}, ${formatPercent(ci[1])}]` : '');

export function evidenceText(r: EvidenceResult, title: string): string {
  const p = r.prior;
  const lines = [
    `Evidence for ${r.event} — ${title} (${r.scenario.id}), as of ${r.asOf}`,
    `Prior (the model): ${formatPercent(p.probability)} ${interval(p.ci95)} · ${formatCount(r.trials)} trials · seed ${r.seed}`,
    '',
  ];
  const rows = r.steps.map((s) => [
    s.date ?? '',
    clip(s.kind === 'condition' ? `given ${s.signpost}` : s.signpost, 64),
    s.likelihoodRatio.toPrecision(3),
    formatPercent(s.probability),
    interval(s.ci95),
    s.effectiveSampleSize === undefined ? '' : formatCount(Math.floor(s.effectiveSampleSize)),
  ]);
  const withEss = r.steps.some((s) => s.effectiveSampleSize !== undefined);
  const header = ['date', 'observation', 'ratio', 'P after', '95% CI', ...(withEss ? ['effective trials'] : [])];
  lines.push(...textTable([header, ...rows.map((row) => (withEss ? row : row.slice(0, 5)))], ['left', 'left', 'right', 'right', 'left', 'right']));
  const q = r.posterior;
  lines.push(
    '',
    `Posterior: ${formatPercent(q.probability)} ${interval(q.ci95)}.`,
    'Each ratio multiplies the odds (P(observed | event) / P(observed | no event)); a "given" condition reweights the trials, and its',
    `ratio is the change it implies. A condition leaving fewer than ${formatCount(r.minEffectiveSampleSize ?? 1000)} effective trials is refused.`,
  );
  return lines.join('\n');
}
