import { ScenarioError } from '../issues';
import { parseJson } from '../model/json';
import { builtinScenario } from '../scenarios';
import { FileReadError, readTextFile } from './files';

/** Largest scenario file read (scenarios are small; this refuses a wrong file fast). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a scenario from a JSON file, or names a built-in scenario by id when no such file
 * exists. Returns the parsed value, not yet validated. The file is read through
 * `readTextFile` (node/files.ts): regular files only (a FIFO or a device is refused, never waited on),
 * at most {@link MAX_FILE_BYTES} bytes of what is actually read.
 *
 * @throws {ScenarioError} for a missing file, a directory or another non-regular file, an
 * unreadable or oversized file, or invalid JSON, with one issue naming the file and, for JSON
 * errors, the line and column.
 */
export async function loadScenarioInput(fileOrId: string): Promise<unknown> {
  let text: string;
  try {
    text = await readTextFile(fileOrId, { maxBytes: MAX_FILE_BYTES, expected: 'a scenario JSON file', kinds: 'scenario files' });
  } catch (e) {
    if (!(e instanceof FileReadError) || e.code !== 'file-not-found') throw e;
    const builtin = builtinScenario(fileOrId);
    if (builtin) return builtin;
    throw new FileReadError(fileOrId, 'file-not-found', 'no such file, and no built-in scenario has that id (see `scenario-odds list`)');
  }
  const { value, issues } = parseJson(text);
  if (issues.length > 0) throw new ScenarioError(issues.map((i) => ({ ...i, path: fileOrId })));
  return value;
}
