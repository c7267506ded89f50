import { readFile, stat } from 'node:fs/promises';
import { formatCount } from '../../report/format';
import { parseReport, ReportError } from '../../report/json';
import type { Report, VerifyResult } from '../../report/types';
import { verifyReport } from '../../report/verify';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIo } from '../io';
import { help, onePositional, parallelEngine, WORKERS_FLAG } from '../shared';

/** Exit code of a report that did not reproduce (a finding, not a crash; 2 stays "bad input"). */
const NOT_REPRODUCED = 1;

/** Largest report file read: a report with every analysis is well under a megabyte. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

async function readReport(file: string): Promise<Report> {
  const fail = (message: string): never => {
    throw new UsageError(`verify: ${file}: ${message}`);
  };
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => fail(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 'no such file' : `cannot read: ${e.code ?? e.message}`));
  if (info.isDirectory()) fail('is a directory; expected a report.json file');
  if (info.size > MAX_REPORT_BYTES) fail(`is ${info.size} bytes; reports are limited to ${MAX_REPORT_BYTES} bytes`);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => fail(`cannot read: ${e.code ?? e.message}`));
  try {
    return parseReport(text);
  } catch (e) {
    if (e instanceof ReportError) fail(e.message);
    throw e;
  }
}

function verdictText(v: VerifyResult): string {
  const what = `${v.scenario.id} (seed ${v.seed}, ${formatCount(v.trials)} trials)`;
  if (v.reproduced) return `reproduced: ${what}; every number and the results hash ${v.resultsHash} match the re-run\n`;
  const lines = [`NOT reproduced: ${what}`];
  for (const p of v.problems) lines.push(`  ${p.message}`);
  if (v.likelyCause) lines.push(`  likely cause: ${v.likelyCause}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `scenario-odds verify <report.json>`: re-runs the embedded scenario with the recorded seed
 * and settings. Exit 0 and "reproduced" when every number matches; exit 1 naming what differs
 * (and a likely cause); exit 2 with one line when the file is not a readable report.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', args, { json: { type: 'boolean' }, ...WORKERS_FLAG });
  if (values.help) return help('verify', io);
  const file = onePositional('verify', positionals, 'report.json file');
  const engine = parallelEngine(values.workers);
  const report = await readReport(file);
  const controller = new AbortController();
  const removeHandler = io.onInterrupt(() => controller.abort());
  let verdict: VerifyResult;
  try {
    verdict = await verifyReport(report, { signal: controller.signal, simulate: engine });
  } catch (e) {
    if (controller.signal.aborted) {
      io.stderr.write('scenario-odds: interrupted; nothing verified\n');
      return EXIT.interrupted;
    }
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
  io.stdout.write(values.json ? `${JSON.stringify(verdict, null, 2)}\n` : verdictText(verdict));
  return verdict.reproduced ? EXIT.ok : NOT_REPRODUCED;
}
