/**
 * What the analysis commands (compare, sensitivity, attribution, update) share: their common
 * options, running an analysis with a progress bar and Ctrl-C, naming issues by the flag or file
 * the user typed, and plain-text tables.
 */
import type { ParseArgsConfig } from 'node:util';
import type { AnalysisOptions } from '../analysis/common';
import type { AnalysisProgress, DriverOptions } from '../analysis/steps';
import { ScenarioError, type ValidationIssue } from '../issues';
import type { EvidenceLedger } from '../analysis/ledger';
import { parseAssignments } from '../model/overrides';
import { runAnalysisShard, runNamedAnalysis, type AnalysisName, type Analyses } from '../node/analysisShard';
import type { Parallel } from '../node/options';
import type { Scenario } from '../model/types';
import { parseCount, parseTimeFlags, parseWorkers, TIME_FLAGS, type TimeFlagValues } from './args';
import { EXIT, jsonText, type CliIo } from './io';
import { progressBar } from './progress';
import { parseShard } from './shard';
import { loadScenario, noteAsOf, onePositional, WORKERS_FLAG } from './shared';

/** Options every analysis command takes. */
export const ANALYSIS_FLAGS = {
  seed: { type: 'string' },
  trials: { type: 'string' },
  set: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  shard: { type: 'string' },
  ...WORKERS_FLAG,
  ...TIME_FLAGS,
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The parsed common options, ready for the library. */
export interface CommonAnalysisArgs {
  readonly scenario: Scenario;
  readonly target: string;
  readonly options: Pick<AnalysisOptions, 'seed' | 'trials' | 'params' | 'asOf' | 'horizon' | 'noneThrough'> & { readonly workers?: number };
}

/** Loads the scenario named by the one positional argument and parses --seed, --trials and --set. */
export async function commonAnalysisArgs(command: string, positionals: string[], values: { seed?: string; trials?: string; set?: string[]; workers?: string } & TimeFlagValues): Promise<CommonAnalysisArgs> {
  const target = onePositional(command, positionals, 'scenario file or built-in id');
  const trials = parseCount('--trials', values.trials);
  const workers = parseWorkers(values.workers);
  const params = parseAssignments(values.set ?? []);
  const time = parseTimeFlags(values);
  const scenario = await loadScenario(target);
  return { scenario, target, options: { seed: values.seed, trials, params, workers, ...time } };
}

/**
 * What an analysis command does once its options are parsed: runs the analysis and prints it
 * (text, or `--json`); or with `--shard K/N` (or `auto`), computes only that shard's chunks and
 * prints its part document (always JSON: data for `scenario-odds merge`).
 */
export async function runAnalysisCommand<A extends AnalysisName>(
  io: CliIo,
  values: { readonly json?: boolean; readonly 'as-of'?: string; readonly shard?: string },
  run: { readonly analysis: A; readonly scenario: Scenario; readonly options: Parallel<Analyses[A]['options']>; readonly ledger?: EvidenceLedger },
  rename: (issue: ValidationIssue) => ValidationIssue,
  text: (result: Analyses[A]['result']) => string,
): Promise<number> {
  const { analysis, scenario, options, ledger } = run;
  const shard = parseShard(values.shard, process.env);
  if (shard) {
    const part = await runWithProgress(io, (driver) => runAnalysisShard(analysis, scenario, { ...options, ...driver }, shard, ledger).catch((e) => renameIssues(e, rename)));
    if (part === undefined) return EXIT.interrupted;
    io.stdout.write(jsonText(part, 0));
    return EXIT.ok;
  }
  const result = await runWithProgress(io, (driver) => runNamedAnalysis(analysis, scenario, { ...options, ...driver }, ledger).catch((e) => renameIssues(e, rename)));
  return printResult(io, result, values, text);
}

/**
 * Runs an analysis with Ctrl-C wired to its `AbortSignal` and a progress bar on a terminal's
 * stderr (after about a second, as `run` does). Returns the result, or undefined when the user
 * interrupted it (the message is printed; the command exits 130).
 */
export async function runWithProgress<T>(io: CliIo, analysis: (driver: DriverOptions) => Promise<T>): Promise<T | undefined> {
  const controller = new AbortController();
  const removeHandler = io.onInterrupt(() => controller.abort());
  const bar = progressBar(io.stderr);
  // The bar names the stage (tornado, Sobol, …): its share is of all the stages' trials.
  const onProgress = bar ? (p: AnalysisProgress) => bar.update({ trials: p.trials, target: p.target, stage: p.stage }) : undefined;
  try {
    const result = await analysis({ signal: controller.signal, onProgress });
    bar?.done();
    return result;
  } catch (e) {
    bar?.done();
    if (controller.signal.aborted) {
      io.stderr.write('scenario-odds: interrupted; an analysis has no partial result\n');
      return undefined;
    }
    throw e;
  } finally {
    removeHandler();
  }
}

/** Prints the result as JSON or as text (with a note when it forecasts from a date nobody typed); the exit code (130 when interrupted). */
export function printResult<T extends { readonly asOf: string }>(io: CliIo, result: T | undefined, values: { readonly json?: boolean; readonly 'as-of'?: string }, text: (r: T) => string): number {
  if (result === undefined) return EXIT.interrupted;
  io.stdout.write(values.json ? jsonText(result) : `${text(result)}\n`);
  noteAsOf(result.asOf, values['as-of'], io);
  return EXIT.ok;
}

/**
 * Re-throws a library error with each issue's path named as the user typed it: `event` as
 * `--event`, ad-hoc conditions as `--given`, and other paths under the file they came from.
 */
export function renameIssues(e: unknown, rename: (issue: ValidationIssue) => ValidationIssue): never {
  if (e instanceof ScenarioError) throw new ScenarioError(e.issues.map(rename));
  throw e;
}

/** The default renaming for analysis options: `event` → `--event`. */
export function optionIssue(issue: ValidationIssue): ValidationIssue {
  if (issue.path === 'event') return { ...issue, path: '--event' };
  return issue;
}

/** A signed number with a fixed number of decimals: +1.25, −0.40. */
export function signed(x: number, digits = 2): string {
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `−${s}` : `+${s}`;
}

/** Text shortened to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A table of text cells: each column padded to its widest cell (left- or right-aligned), rows
 * indented by two spaces, trailing spaces trimmed.
 */
export function textTable(rows: ReadonlyArray<readonly string[]>, align: ReadonlyArray<'left' | 'right'>): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const pad = (cell: string, c: number) => {
    const fill = ' '.repeat(widths[c] - [...cell].length);
    return align[c] === 'left' ? cell + fill : fill + cell;
  };
  return rows.map((r) => `  ${r.map((cell, c) => pad(cell ?? '', c)).join('  ')}`.trimEnd());
}
