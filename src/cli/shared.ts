import { ScenarioError } from '../issues';
import type { Scenario } from '../model/types';
import { validateScenario } from '../model/validate';
import { loadScenarioInput } from '../node/load';
import { HELP } from './help';
import { EXIT, UsageError, type CliIo } from './io';

/** A command: takes its arguments (after the command name), returns the exit code. */
export type Command = (args: string[], io: CliIo) => number | Promise<number>;

export /** Loads and validates a scenario; issues are reported against the file or id given. */
async function loadScenario(fileOrId: string): Promise<Scenario> {
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
  return labels;
}

/** Prints a command's help (or the main help) and succeeds. */
export function help(topic: string, io: CliIo): number {
  io.stdout.write(`${HELP[topic]}\n`);
  return EXIT.ok;
}
