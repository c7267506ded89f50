import type { Command } from '../shared';
import { listCommand } from './list';
import { runCommand } from './run';
import { schemaCommand } from './schema';
import { validateCommand } from './validate';

/** Every command by name; one line per command, each in its own file. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  run: runCommand,
  validate: validateCommand,
  schema: schemaCommand,
  list: listCommand,
};
