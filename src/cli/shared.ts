import { ScenarioError } from '../issues';
import { parseAssignments, type Overrides } from '../model/overrides';
import { parseCount, parseNumber, parseTimeFlags, parseWorkers, TIME_FLAGS, todayUtc, type TimeFlagValues } from './args';
import type { Scenario } from '../model/types';
import { validateScenario } from '../model/validate';
import { loadScenarioInput } from '../node/load';
import { simulate } from '../node/parallel';
import type { SimulateFn } from '../report/types';
import type { SimulationResult } from '../engine/types';
import { formatCount } from '../report/format';
import { HELP } from './help';
import { EXIT, UsageError, type CliIo } from './io';

/** A command: takes its arguments (after the command name), returns the exit code. */
export type Command = (args: string[], io: CliIo) => number | Promise<number>;

/** Loads and validates a scenario; issues are reported against the file or id given. */
export async function loadScenario(fileOrId: string): Promise<Scenario> {
  const input = await loadScenarioInput(fileOrId);
  const issues = validateScenario(input);
  if (issues.length > 0) throw new ScenarioError(issues.map((i) => ({ ...i, path: i.path ? `${fileOrId}: ${i.path}` : fileOrId })));
  return input as Scenario;
}

export function onePositional(command: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) {
    throw new UsageError(`${command}: expected one ${what}, got ${positionals.length === 0 ? 'none' : positionals.join(' ')} (see \`scenario-odds ${command} --help\`)`);
  }
  return positionals[0];
}

export function eventLabels(scenario: Scenario): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, spec] of Object.entries(scenario.events)) {
    if (typeof spec !== 'string' && spec.label) labels[name] = spec.label;
  }
  // An output's label says its unit, which its numbers do not.
  for (const [name, spec] of Object.entries(scenario.outputs ?? {})) {
    const unit = typeof spec === 'string' ? undefined : spec.unit;
    const label = typeof spec === 'string' ? undefined : spec.label;
    if (label || unit) labels[name] = [label, unit && `(${unit})`].filter(Boolean).join(' ');
  }
  return labels;
}

/** Prints a command's help (or the main help) and succeeds. */
export function help(topic: string, io: CliIo): number {
  io.stdout.write(`${HELP[topic]}\n`);
  return EXIT.ok;
}

/** `--workers N`, for every command whose trials run on the parallel engine. */
export const WORKERS_FLAG = { workers: { type: 'string' } } as const;

/**
 * The parallel engine with the `--workers` the user gave (checked: a whole number from 1 to
 * 256), or the default of one thread per core, fewer for small runs. Same numbers for any N.
 *
 * @throws {UsageError} for a malformed count.
 */
export function parallelEngine(workersFlag: string | undefined): SimulateFn {
  const workers = parseWorkers(workersFlag);
  return (scenario, options) => simulate(scenario, { ...options, workers });
}

/** The flags of every command that runs a scenario once (`run`, `report`). */
export const RUN_FLAGS = {
  seed: { type: 'string' },
  trials: { type: 'string' },
  'half-width': { type: 'string' },
  'max-trials': { type: 'string' },
  set: { type: 'string', multiple: true },
  variant: { type: 'string' },
  ...TIME_FLAGS,
} as const;

/** {@link RUN_FLAGS} as parsed by `parseArgs`. */
export interface RunFlagValues extends TimeFlagValues {
  seed?: string;
  trials?: string;
  'half-width'?: string;
  'max-trials'?: string;
  set?: string[];
  variant?: string;
}

/**
 * The run options the flags ask for.
 *
 * @throws {UsageError} for a malformed number, or both --trials and --half-width.
 */
export function runOptions(command: string, values: RunFlagValues): { seed?: string; trials?: number; maxTrials?: number; halfWidth?: number; params: Overrides; variant?: string; asOf?: string; horizon?: number; noneThrough?: Record<string, string> } {
  const trials = parseCount('--trials', values.trials);
  const maxTrials = parseCount('--max-trials', values['max-trials']);
  const halfWidth = parseNumber('--half-width', values['half-width']);
  if (trials !== undefined && halfWidth !== undefined) throw new UsageError(`${command}: give either --trials or --half-width, not both`);
  return { seed: values.seed, trials, maxTrials, halfWidth, params: parseAssignments(values.set ?? []), variant: values.variant, ...parseTimeFlags(values) };
}

/**
 * Says on stderr which date a forecast was made from when nobody typed it and it is not today
 * (a scenario or variant that sets its own `asOf`, such as a backtest).
 */
export function noteAsOf(asOf: string, typed: string | undefined, io: CliIo): void {
  const today = todayUtc();
  if (typed === undefined && asOf !== today) io.stderr.write(`note: this forecast is made as of ${asOf}, the scenario's own date, not today (${today}); give --as-of ${today} to forecast from today\n`);
}

/** Whether a `--half-width` run met its target: every event's half-width fell below it before the cap. */
export function targetMet(result: Pick<SimulationResult, 'stoppedBecause'>): boolean {
  return result.stoppedBecause === 'halfWidth';
}

/**
 * Warns on stderr when a `--half-width` run stopped at its `--max-trials` cap short of the
 * target, naming the widest event and its half-width; returns whether it did.
 */
export function warnIfCapReached(result: Pick<SimulationResult, 'stoppedBecause' | 'trials' | 'events' | 'manifest'>, io: CliIo): boolean {
  if (result.stoppedBecause !== 'maxTrials') return false;
  const target = result.manifest.settings.halfWidth;
  let widest: [string, number] | undefined;
  for (const [name, e] of Object.entries(result.events)) {
    const h = Math.max(e.probability - e.ci95[0], e.ci95[1] - e.probability);
    if (!widest || h > widest[1]) widest = [name, h];
  }
  const what = widest ? `; the widest, ${widest[0]}, is ±${Number(widest[1].toPrecision(3))}` : '';
  io.stderr.write(
    `scenario-odds: warning: reached the cap of ${formatCount(result.trials)} trials (--max-trials) before every event's 95% half-width fell below ${target ?? 'the target'}${what}; ` +
      `the result is printed, but it is less precise than asked (exit code ${EXIT.capReached}). Raise --max-trials or the --half-width to reach the target.\n`,
  );
  return true;
}
