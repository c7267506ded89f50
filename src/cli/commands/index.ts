import type { Command } from '../shared';
import { attributionCommand } from './attribution';
import { compareCommand } from './compare';
import { listCommand } from './list';
import { mergeCommand } from './merge';
import { playgroundCommand } from './playground';
import { reportCommand } from './report';
import { runCommand } from './run';
import { schemaCommand } from './schema';
import { sensitivityCommand } from './sensitivity';
import { updateCommand } from './update';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';

/** Every command by name; one line per command, each in its own file. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  run: runCommand,
  validate: validateCommand,
  schema: schemaCommand,
  list: listCommand,
  report: reportCommand,
  verify: verifyCommand,
  merge: mergeCommand,
  compare: compareCommand,
  sensitivity: sensitivityCommand,
  attribution: attributionCommand,
  update: updateCommand,
  playground: playgroundCommand,
};
