import { BUILTIN_SCENARIOS } from '../../scenarios';
import { parseCommandArgs } from '../args';
import { EXIT, jsonText, UsageError, type CliIo } from '../io';
import { help } from '../shared';

/** `scenario-odds list`: the built-in scenarios and their variants. */
export function listCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('list', args, { json: { type: 'boolean' } });
  if (values.help) return help('list', io);
  if (positionals.length > 0) throw new UsageError('list: takes no arguments');
  const rows = BUILTIN_SCENARIOS.map((s) => ({ id: s.id, title: s.title, events: Object.keys(s.events), variants: Object.keys(s.variants ?? {}) }));
  if (values.json) io.stdout.write(jsonText(rows));
  else {
    const width = Math.max(...rows.map((r) => r.id.length));
    for (const r of rows) {
      io.stdout.write(`${r.id.padEnd(width)}  ${r.title}\n`);
      if (r.variants.length > 0) io.stdout.write(`${''.padEnd(width)}  variants: ${r.variants.join(', ')}\n`);
    }
  }
  return EXIT.ok;
}
