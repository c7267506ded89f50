import { join } from 'node:path';
import { buildReport } from '../../report/build';
import { renderHtml } from '../../report/html';
import { renderJson } from '../../report/json';
import { renderMarkdown } from '../../report/markdown';
import { summarize } from '../../report/text';
import type { Report, ReportOptions } from '../../report/types';
import type { Progress } from '../../engine/types';
import type { Scenario } from '../../model/types';
import { runReportShard, type ReportPartDocument } from '../../node/reportShard';
import { now } from '../../engine/driver';
import { parseCommandArgs, parseWorkers } from '../args';
import { errnoText, FileWriteError, makeDirectory, writeFilesAtomically } from '../../node/files';
import { EXIT, jsonText, UsageError, type CliIo } from '../io';
import { progressBar } from '../progress';
import { parseShard } from '../shard';
import { eventLabels, help, loadScenario, noteAsOf, onePositional, parallelEngine, RUN_FLAGS, runOptions, warnIfCapReached, WORKERS_FLAG } from '../shared';

/** The formats `--format` accepts, in the order files are written, with their renderers. */
const FORMATS = {
  json: { file: 'report.json', render: renderJson },
  md: { file: 'report.md', render: renderMarkdown },
  html: { file: 'report.html', render: renderHtml },
} as const satisfies Record<string, { file: string; render: (r: Report) => string }>;
export type Format = keyof typeof FORMATS;

/** `json,md` → the formats, in the canonical order; unknown names are a usage error. */
function parseFormats(raw: string | undefined): Format[] {
  if (raw === undefined) return ['json', 'md', 'html'];
  const names = raw.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const unknown = names.filter((n) => !Object.hasOwn(FORMATS, n));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(`report: --format takes a comma-separated list of json, md, html (got "${raw}")`);
  }
  return (Object.keys(FORMATS) as Format[]).filter((f) => names.includes(f));
}

/** A single path segment from an id and variant name (never `..`, never a separator). */
function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe === '' ? 'report' : safe;
}

/**
 * The findings a reader asks for first, in ICD-203 words: each unconditional event that is a
 * finding (not a restated input), with its warning when the run does not settle the phrase.
 */
function inWords(report: Report): string {
  const findings = report.findings.filter((f) => f.given === undefined && f.aboutInput === undefined);
  if (findings.length === 0) return '';
  const lines = findings.flatMap((f) => [`  ${f.sentence}`, ...(f.warning ? [`    Warning: ${f.warning}`] : [])]);
  return `In words (ICD-203):\n${lines.join('\n')}\n\n`;
}

/**
 * `scenario-odds report <file|id>`: runs the scenario and writes its report as report.json,
 * report.md and report.html (or the `--format` subset) into `--out DIR` (default
 * `out/<scenario id>`, or `out/<scenario id>--<variant>` with `--variant`), printing the odds as
 * `run` does and then each path written.
 */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('report', args, {
    ...RUN_FLAGS,
    ...WORKERS_FLAG,
    out: { type: 'string' },
    format: { type: 'string' },
    shard: { type: 'string' },
  });
  if (values.help) return help('report', io);
  const source = onePositional('report', positionals, 'scenario file or built-in id');
  const runFlags = runOptions('report', values);
  const formats = parseFormats(values.format);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('report: --out needs a directory');
  const shard = parseShard(values.shard, process.env);
  if (shard && runFlags.halfWidth !== undefined) {
    throw new UsageError('report: --shard needs a fixed --trials, not --half-width: a half-width stop is decided on every chunk in order, which no single shard sees');
  }
  const scenario = await loadScenario(source);
  if (shard) return writeShard(io, (signal, onProgress) => runReportShard(scenario, { ...runFlags, halfWidth: undefined, workers: parseWorkers(values.workers), signal, onProgress }, shard, source));
  const dir = values.out ?? reportDir(scenario, values.variant);
  return buildAndWrite(io, scenario, { ...runFlags, source, simulate: parallelEngine(values.workers) }, { dir, formats, asOf: values['as-of'] });
}

/** Where a report goes without --out: `out/<scenario id>`, or `out/<scenario id>--<variant>`. */
export function reportDir(scenario: Scenario, variant: string | undefined): string {
  return join('out', safeName(variant === undefined ? scenario.id : `${scenario.id}--${variant}`));
}

/** Prints a report shard's part document (always JSON: data for `scenario-odds merge`); Ctrl-C leaves nothing. */
async function writeShard(io: CliIo, make: (signal: AbortSignal, onProgress?: (p: Progress) => void) => Promise<ReportPartDocument>): Promise<number> {
  const controller = new AbortController();
  const removeHandler = io.onInterrupt(() => controller.abort());
  const bar = progressBar(io.stderr);
  try {
    const part = await make(controller.signal, bar?.update);
    io.stdout.write(jsonText(part, 0));
    return EXIT.ok;
  } catch (e) {
    if (controller.signal.aborted) {
      io.stderr.write('scenario-odds: interrupted; no part document was written\n');
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    bar?.done();
    removeHandler();
  }
}

/**
 * Builds a report (running its scenario with `options.simulate`) and writes its files into
 * `where.dir`, printing the odds as `run` does and then each path written; the exit code.
 * `report` and `merge` (of report parts, whose engine replays the parts' chunks) share it.
 */
export async function buildAndWrite(io: CliIo, scenario: Scenario, options: Omit<ReportOptions, 'signal' | 'onProgress'>, where: { readonly dir: string; readonly formats?: readonly Format[]; readonly asOf?: string }): Promise<number> {
  const { dir, formats = ['json', 'md', 'html'] } = where;
  // Ctrl-C (or SIGTERM) stops the run; during writing it is held until the files are complete
  // and then the new set is abandoned before any is renamed, so the folder keeps either the old
  // files or the new ones.
  const controller = new AbortController();
  const removeHandler = io.onInterrupt(() => controller.abort());
  try {
    const bar = progressBar(io.stderr, { halfWidth: options.halfWidth });
    let report: Report;
    const start = now();
    try {
      report = await buildReport(scenario, { ...options, signal: controller.signal, onProgress: bar?.update });
    } catch (e) {
      if (controller.signal.aborted) {
        io.stderr.write('scenario-odds: interrupted; no report written (a partial run cannot be reproduced)\n');
        return EXIT.interrupted;
      }
      throw e;
    } finally {
      bar?.done();
    }

    // The odds first, as `run` prints them, then where the report went.
    const { results, manifest, asked } = report;
    const summary = { ...results, scenario: { id: asked.id, title: asked.title, hash: manifest.scenarioHash }, asOf: report.asOf, seed: manifest.seed, manifest, elapsedMs: now() - start };
    io.stdout.write(`${summarize(summary, eventLabels(scenario))}\n\n${inWords(report)}`);
    noteAsOf(report.asOf, where.asOf, io);
    const files = formats.map((format) => ({ path: join(dir, FORMATS[format].file), content: FORMATS[format].render(report) }));
    await makeDirectory(dir).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`report: cannot create --out ${dir}: ${errnoText(e)}`);
    });
    // All or nothing: a full disk or a signal leaves the previous report as it was.
    const written = await writeFilesAtomically(files, () => !controller.signal.aborted).catch((e: unknown) => {
      if (e instanceof FileWriteError) throw new UsageError(`report: ${e.message}; the previous files in ${dir} are unchanged`);
      throw e;
    });
    if (!written) {
      io.stderr.write(`scenario-odds: interrupted; no report written (the previous files in ${dir} are unchanged)\n`);
      return EXIT.interrupted;
    }
    for (const { path } of files) io.stdout.write(`${path}\n`);
    // The report is written either way (it records the stop reason); the exit code says it fell short.
    return warnIfCapReached(summary, io) ? EXIT.capReached : EXIT.ok;
  } finally {
    removeHandler();
  }
}
