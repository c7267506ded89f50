import { basename } from 'node:path';
import { formatCount } from '../../report/format';
import { parseReport, ReportError } from '../../report/json';
import type { Report } from '../../report/types';
import type { VerifyResult, VerifySibling } from '../../report/types';
import { TrialBudgetError, verifyReport } from '../../report/verify';
import { parseCommandArgs, parseCount } from '../args';
import { FileReadError, readTextFile } from '../../node/files';
import { EXIT, jsonText, UsageError, type CliIo } from '../io';
import { help, onePositional, parallelEngine, WORKERS_FLAG } from '../shared';

/** Exit code of a report that did not reproduce (a finding, not a crash; 2 stays "bad input"). */
const NOT_REPRODUCED = 1;

/** Largest report file read: a report with every analysis is well under a megabyte. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

async function readReport(file: string): Promise<Report> {
  const text = await readTextFile(file, { maxBytes: MAX_REPORT_BYTES, expected: 'a report.json file', kinds: 'reports' }).catch(usage(file));
  try {
    return parseReport(text);
  } catch (e) {
    if (e instanceof ReportError) throw new UsageError(`verify: ${file}: ${e.message}`);
    throw e;
  }
}

/** A file that cannot be read, as one usage line naming it (exit 2). */
function usage(file: string): (e: unknown) => never {
  return (e) => {
    throw e instanceof FileReadError ? new UsageError(`verify: ${file}: ${e.reason}`) : e;
  };
}

/** Largest rendering read beside a report (an HTML report is about 1.5 times its JSON). */
const MAX_SIBLING_BYTES = 4 * MAX_REPORT_BYTES;

/**
 * `report.md` and `report.html` beside `<dir>/report.json` (for `x.json`: `x.md`, `x.html`),
 * those that exist, to be compared with the rendering of the report.
 */
async function readSiblings(file: string): Promise<VerifySibling[]> {
  if (!file.endsWith('.json')) return [];
  const out: VerifySibling[] = [];
  for (const format of ['md', 'html'] as const) {
    const path = `${file.slice(0, -'.json'.length)}.${format}`;
    const expected = `the ${format === 'md' ? 'Markdown' : 'HTML'} rendering of ${basename(file)}`;
    const text = await readTextFile(path, { maxBytes: MAX_SIBLING_BYTES, expected, kinds: 'renderings of a report' }).catch((e: unknown) =>
      e instanceof FileReadError && e.code === 'file-not-found' ? undefined : usage(path)(e),
    );
    if (text !== undefined) out.push({ format, file: basename(path), text });
  }
  return out;
}

/** The verdict as lines of text (the CLI's output filter strips control characters from scenario text in it). */
function verdictText(v: VerifyResult, siblings: readonly VerifySibling[], json: string): string {
  const what = `${v.scenario.id} (seed ${v.seed}, ${formatCount(v.trials)} trials)`;
  const notes: string[] = [];
  // Said whenever it applies: what this verdict does not cover.
  const notRederived = v.notRederived.filter((f) => f !== 'asked.source');
  if (notRederived.length > 0) notes.push(`  not re-derived (covered only by reportHash): ${notRederived.join(', ')}`);
  if (siblings.length === 0) notes.push(`  only ${json} was verified: no Markdown or HTML rendering beside it`);
  if (v.reproduced) return `${[`reproduced: ${what}; every number and the results hash ${v.resultsHash} match the re-run`, ...notes].join('\n')}\n`;
  const lines = [`NOT reproduced: ${what}`];
  for (const p of v.problems) lines.push(`  ${p.message}`);
  if (v.likelyCause) lines.push(`  likely cause: ${v.likelyCause}`);
  lines.push(...notes);
  return `${lines.join('\n')}\n`;
}

/**
 * `scenario-odds verify <report.json>`: re-runs the embedded scenario with the recorded seed
 * and settings, re-renders the report and compares it with the file field by field (and
 * report.md / report.html beside it byte for byte). Exit 0 and "reproduced" when everything
 * matches; exit 1 naming what differs (and a likely cause); exit 2 with one line when the file
 * is not a readable report or its settings ask for more trials than `--trial-budget`, before
 * anything is sampled.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', args, { json: { type: 'boolean' }, 'trial-budget': { type: 'string' }, ...WORKERS_FLAG });
  if (values.help) return help('verify', io);
  const file = onePositional('verify', positionals, 'report.json file');
  const engine = parallelEngine(values.workers);
  // `--trial-budget N`: a positive whole number (default: the library's, 10,000,000).
  const trialBudget = parseCount('--trial-budget', values['trial-budget']);
  const report = await readReport(file);
  const siblings = await readSiblings(file);
  const controller = new AbortController();
  const removeHandler = io.onInterrupt(() => controller.abort());
  let verdict: VerifyResult;
  try {
    verdict = await verifyReport(report, { signal: controller.signal, simulate: engine, siblings, ...(trialBudget === undefined ? {} : { trialBudget }) });
  } catch (e) {
    if (controller.signal.aborted) {
      io.stderr.write('scenario-odds: interrupted; nothing verified\n');
      return EXIT.interrupted;
    }
    if (e instanceof TrialBudgetError) throw new UsageError(`verify: ${file}: ${e.message} (to run it anyway, give --trial-budget ${e.requested})`);
    if (e instanceof ReportError) throw new UsageError(`verify: ${file}: ${e.message}`);
    throw e;
  } finally {
    removeHandler();
  }
  // An interrupted re-run returns a partial result, which would only differ; say so instead.
  if (controller.signal.aborted) {
    io.stderr.write('scenario-odds: interrupted; nothing verified\n');
    return EXIT.interrupted;
  }
  io.stdout.write(values.json ? jsonText(verdict) : verdictText(verdict, siblings, basename(file)));
  return verdict.reproduced ? EXIT.ok : NOT_REPRODUCED;
}
