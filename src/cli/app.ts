import { NumericalError } from '../engine/chunk';
import { formatIssues, ScenarioError, type ValidationIssue } from '../issues';
import { VERSION } from '../version';
import { COMMANDS } from './commands';
import { HELP } from './help';
import { EXIT, jsonText, terminalSafeIo, UsageError, type CliIo } from './io';
import { help } from './shared';

/**
 * Runs the command line and returns the exit code: 0 success, 2 bad usage or invalid input
 * (one line per problem on stderr; with `--json`, one {@link ErrorDocument} on stdout), 1
 * internal failure, 3 a `--half-width` run that reached its cap first, 130 interrupted. Never
 * throws.
 * Everything written goes through {@link terminalSafeIo}: no control character from a
 * scenario (a title, a label, a name in a message) reaches the terminal.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const [command, ...rest] = argv;
  // With --json a script reads stdout: a refusal is then one JSON document there, not a line on stderr.
  const json = jsonRequested(rest);
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
      if (json) io.stdout.write(jsonText(errorDocument('usage', e.message, [])));
      else io.stderr.write(`scenario-odds: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof ScenarioError) {
      const issues = e.issues.map(asCommandLine);
      if (json) io.stdout.write(jsonText(errorDocument('invalid-input', formatIssues(issues), issues)));
      else io.stderr.write(`${formatIssues(issues)}\n`);
      return EXIT.usage;
    }
    if (e instanceof NumericalError) {
      if (json) io.stdout.write(jsonText(errorDocument('numerical', e.message, [])));
      else io.stderr.write(`scenario-odds: ${e.message}\n`);
      return EXIT.usage;
    }
    const debug = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.SCENARIO_ODDS_DEBUG;
    const message = `internal error: ${(e as Error)?.message ?? String(e)}`;
    if (json) {
      io.stdout.write(jsonText(errorDocument('internal', message, [])));
      if (debug) io.stderr.write(`${(e as Error)?.stack}\n`);
    } else io.stderr.write(`scenario-odds: ${message}${debug ? `\n${(e as Error)?.stack}` : ' (set SCENARIO_ODDS_DEBUG=1 for details)'}\n`);
    return EXIT.internal;
  }
}

/** Whether `--json` is among a command's arguments (before a `--` that ends the options). */
export function jsonRequested(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--json') return true;
  }
  return false;
}

/**
 * What a command given `--json` prints on stdout instead of its result when it fails: `code` is
 * `usage` (a wrong command line), `invalid-input` (a scenario, ledger, report or option value
 * the library refused; `issues` lists each problem with its own code and path), `numerical`
 * (a formula gave no number) or `internal` (a bug: exit code 1); `message` is the text the
 * command prints on stderr without `--json`.
 */
export interface ErrorDocument {
  readonly error: {
    readonly code: 'usage' | 'invalid-input' | 'numerical' | 'internal';
    readonly message: string;
    readonly issues: readonly ValidationIssue[];
  };
}

function errorDocument(code: ErrorDocument['error']['code'], message: string, issues: readonly ValidationIssue[]): ErrorDocument {
  return { error: { code, message, issues: issues.map(({ code: c, path, message: m }) => ({ code: c, path, message: m })) } };
}

const FLAGS: Readonly<Record<string, string>> = { trials: '--trials', maxTrials: '--max-trials', halfWidth: '--half-width', seed: '--seed', asOf: '--as-of', horizon: '--horizon', noneThrough: '--none-through' };

/** Names an issue from the library's options by the flag the user typed. */
function asCommandLine(issue: ValidationIssue): ValidationIssue {
  if (issue.code === 'invalid-option' && Object.hasOwn(FLAGS, issue.path)) return { ...issue, path: FLAGS[issue.path] };
  // The time options are named by their flags whatever the problem (a date outside the timeline, an unknown event).
  if (issue.path === 'asOf' || issue.path === 'horizon' || issue.path === 'noneThrough') return { ...issue, path: FLAGS[issue.path] };
  if (issue.path.startsWith('noneThrough.')) return { ...issue, path: `--none-through ${issue.path.slice('noneThrough.'.length)}` };
  if (issue.path.startsWith('overrides.')) return { ...issue, path: `--set ${issue.path.slice('overrides.'.length)}` };
  if (issue.code === 'unknown-variant') return { ...issue, path: `--variant ${issue.path.slice('variants.'.length)}` };
  return issue;
}
