import { oneLine, ScenarioError, type ValidationIssue } from '../../issues';
import { validateScenario } from '../../model/validate';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIo } from '../io';
import { loadScenarioInput } from '../../node/load';
import { help } from '../shared';

/** `scenario-odds validate <file...>`: every issue of every file, one per line. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
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
    if (issues.length === 0) io.stdout.write(`${oneLine(file)}: ok\n`);
    for (const i of issues) io.stdout.write(`${oneLine(`${file}: ${i.path ? `${i.path}: ` : ''}${i.message}`)}\n`);
    allValid &&= issues.length === 0;
  }
  return allValid ? EXIT.ok : EXIT.usage;
}
