import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { NumericalError } from '../engine/chunk';
import { simulate } from '../engine/simulate';
import { formatIssues, ScenarioError, type ValidationIssue } from '../issues';
import { parseAssignments } from '../model/overrides';
import { scenarioJsonSchema } from '../model/schema';
import type { Scenario } from '../model/types';
import { validateScenario } from '../model/validate';
import { loadScenarioInput } from '../node/load';
import { summarize } from '../report/text';
import { BUILTIN_SCENARIOS } from '../scenarios';
import { VERSION } from '../version';
import { parseCommandArgs, parseCount, parseNumber } from './args';
import { HELP } from './help';
import { EXIT, UsageError, type CliIo } from './io';
import { progressBar } from './progress';

/** Loads and validates a scenario; issues are reported against the file or id given. */
async function loadScenario(fileOrId: string): Promise<Scenario> {
  const input = await loadScenarioInput(fileOrId);
  const issues = validateScenario(input);
  if (issues.length > 0) throw new ScenarioError(issues.map((i) => ({ ...i, path: i.path ? `${fileOrId}: ${i.path}` : fileOrId })));
  return input as Scenario;
}

function onePositional(command: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) {
    throw new UsageError(`${command}: expected one ${what}, got ${positionals.length === 0 ? 'none' : positionals.join(' ')} (see \`scenario-odds ${command} --help\`)`);
  }
  return positionals[0];
}

function eventLabels(scenario: Scenario): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, spec] of Object.entries(scenario.events)) {
    if (typeof spec !== 'string' && spec.label) labels[name] = spec.label;
  }
  return labels;
}

async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    seed: { type: 'string' },
    trials: { type: 'string' },
    'half-width': { type: 'string' },
    'max-trials': { type: 'string' },
    set: { type: 'string', multiple: true },
    variant: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (values.help) return help('run', io);
  const target = onePositional('run', positionals, 'scenario file or built-in id');
  const trials = parseCount('--trials', values.trials);
  const maxTrials = parseCount('--max-trials', values['max-trials']);
  const halfWidth = parseNumber('--half-width', values['half-width']);
  if (trials !== undefined && halfWidth !== undefined) throw new UsageError('run: give either --trials or --half-width, not both');
  const params = parseAssignments(values.set ?? []);
  const scenario = await loadScenario(target);

  const controller = new AbortController();
  const removeHandler = io.onInterrupt(() => controller.abort());
  const bar = progressBar(io.stderr);
  try {
    const result = await simulate(scenario, {
      seed: values.seed,
      trials,
      maxTrials,
      halfWidth,
      params,
      variant: values.variant,
      signal: controller.signal,
      onProgress: bar?.update,
    });
    bar?.done();
    const json = `${JSON.stringify(result, null, 2)}\n`;
    io.stdout.write(values.json ? json : `${summarize(result, eventLabels(scenario))}\n`);
    if (values.out !== undefined) {
      const out = values.out;
      await mkdir(dirname(out), { recursive: true })
        .then(() => writeFile(out, json))
        .catch((e: NodeJS.ErrnoException) => {
          throw new UsageError(`run: cannot write --out ${out}: ${e.code ?? e.message}`);
        });
      io.stderr.write(`wrote ${values.out}\n`);
    }
    return result.stoppedBecause === 'aborted' ? EXIT.interrupted : EXIT.ok;
  } catch (e) {
    bar?.done();
    if (controller.signal.aborted) {
      io.stderr.write('scenario-odds: interrupted before the first chunk of trials finished\n');
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    removeHandler();
  }
}

async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {});
  if (values.help) return help('validate', io);
  if (positionals.length === 0) throw new UsageError('validate: expected at least one scenario file (see `scenario-odds validate --help`)');
  let allValid = true;
  for (const file of positionals) {
    let issues: readonly ValidationIssue[];
    try {
      issues = validateScenario(await loadScenarioInput(file));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      issues = e.issues.map((i) => ({ ...i, path: '' }));
    }
    if (issues.length === 0) io.stdout.write(`${file}: ok\n`);
    for (const i of issues) io.stdout.write(`${file}: ${i.path ? `${i.path}: ` : ''}${i.message}\n`);
    allValid &&= issues.length === 0;
  }
  return allValid ? EXIT.ok : EXIT.usage;
}

function schemaCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('schema', args, {});
  if (values.help) return help('schema', io);
  if (positionals.length > 0) throw new UsageError('schema: takes no arguments');
  io.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}

function listCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('list', args, { json: { type: 'boolean' } });
  if (values.help) return help('list', io);
  if (positionals.length > 0) throw new UsageError('list: takes no arguments');
  const rows = BUILTIN_SCENARIOS.map((s) => ({ id: s.id, title: s.title, events: Object.keys(s.events), variants: Object.keys(s.variants ?? {}) }));
  if (values.json) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    const width = Math.max(...rows.map((r) => r.id.length));
    for (const r of rows) {
      io.stdout.write(`${r.id.padEnd(width)}  ${r.title}\n`);
      if (r.variants.length > 0) io.stdout.write(`${''.padEnd(width)}  variants: ${r.variants.join(', ')}\n`);
    }
  }
  return EXIT.ok;
}

function help(topic: string, io: CliIo): number {
  io.stdout.write(`${HELP[topic]}\n`);
  return EXIT.ok;
}

const COMMANDS: Readonly<Record<string, (args: string[], io: CliIo) => number | Promise<number>>> = {
  run: runCommand,
  validate: validateCommand,
  schema: schemaCommand,
  list: listCommand,
};

/**
 * Runs the command line and returns the exit code: 0 success, 2 bad usage or invalid input
 * (one line per problem on stderr), 1 internal failure, 130 interrupted. Never throws.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') return help(rest[0] && HELP[rest[0]] ? rest[0] : 'main', io);
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!handler) throw new UsageError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see \`scenario-odds --help\`)`);
    return await handler(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`scenario-odds: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof ScenarioError) {
      io.stderr.write(`${formatIssues(e.issues)}\n`);
      return EXIT.usage;
    }
    if (e instanceof NumericalError) {
      io.stderr.write(`scenario-odds: ${e.message}\n`);
      return EXIT.usage;
    }
    const debug = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.SCENARIO_ODDS_DEBUG;
    io.stderr.write(`scenario-odds: internal error: ${(e as Error)?.message ?? String(e)}${debug ? `\n${(e as Error)?.stack}` : ' (set SCENARIO_ODDS_DEBUG=1 for details)'}\n`);
    return EXIT.internal;
  }
}
