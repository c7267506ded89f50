import { ScenarioError, type ValidationIssue } from '../../issues';
import { parseJson } from '../../model/json';
import { mergeParts, type PartDocument } from '../../node/shard';
import { parseCommandArgs } from '../args';
import { FileReadError, readTextFile } from '../../node/files';
import { UsageError, type CliIo } from '../io';
import { help } from '../shared';
import { printResult } from './run';

/** Largest part document read: a part is a scenario plus a few thousand numbers. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

/**
 * `scenario-odds merge <part.json...>`: the part documents of every shard of one run (from
 * `run --shard K/N --json`), merged and printed exactly as the unsharded run prints its result.
 */
export async function mergeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('merge', args, {
    json: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (values.help) return help('merge', io);
  if (positionals.length === 0) throw new UsageError('merge: expected the part documents of every shard, e.g. `scenario-odds merge part-*.json` (see `scenario-odds merge --help`)');
  const read = await Promise.all(positionals.map(readPart));
  const problems = read.flatMap((r) => r.issues);
  if (problems.length > 0) throw new ScenarioError(problems);
  const parts = read.map((r) => r.value);
  const result = mergeParts(parts, positionals);
  return printResult('merge', result, (parts[0] as PartDocument).scenario, values, io);
}

/** One file's parsed JSON, or one issue naming the file. */
async function readPart(file: string): Promise<{ value: unknown; issues: ValidationIssue[] }> {
  const fail = (message: string) => ({ value: undefined, issues: [{ code: 'part-unreadable', path: file, message }] });
  let text: string;
  try {
    text = await readTextFile(file, { maxBytes: MAX_PART_BYTES, expected: 'a part document (JSON)', kinds: 'part documents' });
  } catch (e) {
    // (A missing part keeps its old wording, which tests/parallel/shard.test.ts pins.)
    if (e instanceof FileReadError) return fail(e.code === 'file-not-found' ? 'cannot read: ENOENT' : e.reason);
    throw e;
  }
  const { value, issues } = parseJson(text);
  if (issues.length > 0) return fail(issues[0].message);
  return { value, issues: [] };
}
