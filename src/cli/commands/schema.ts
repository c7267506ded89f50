import { scenarioJsonSchema } from '../../model/schema';
import { parseCommandArgs } from '../args';
import { EXIT, jsonText, UsageError, type CliIo } from '../io';
import { help } from '../shared';

/** `scenario-odds schema`: the JSON Schema of scenario files. */
export function schemaCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('schema', args, {});
  if (values.help) return help('schema', io);
  if (positionals.length > 0) throw new UsageError('schema: takes no arguments');
  io.stdout.write(jsonText(scenarioJsonSchema()));
  return EXIT.ok;
}
