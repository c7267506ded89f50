import { NumericalError } from '../engine/chunk';
import { formatIssues, ScenarioError, type ValidationIssue } from '../issues';
import { VERSION } from '../version';
import { COMMANDS } from './commands';
import { HELP } from './help';
import { EXIT, terminalSafeIo, UsageError, type CliIo } from './io';
import { help } from './shared';

/**
 * Runs the command line and returns the exit code: 0 success, 2 bad usage or invalid input
 * (one line per problem on stderr), 1 internal failure, 130 interrupted. Never throws.
 * Everything written goes through {@link terminalSafeIo}: no control character from a
 * scenario (a title, a label, a name in a message) reaches the terminal.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
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
      io.stderr.write(`${formatIssues(e.issues.map(asCommandLine))}\n`);
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
