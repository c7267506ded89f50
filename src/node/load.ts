import { readFile, stat } from 'node:fs/promises';
import { ScenarioError } from '../issues';
import { parseJson } from '../model/json';
import { builtinScenario } from '../scenarios';

/** Largest scenario file read (scenarios are small; this refuses a wrong file fast). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a scenario from a JSON file, or names a built-in scenario by id when no such file
 * exists. Returns the parsed value, not yet validated.
 *
 * @throws {ScenarioError} for a missing file, a directory, an oversized file or invalid JSON,
 * with one issue naming the file and, for JSON errors, the line and column.
 */
export async function loadScenarioInput(fileOrId: string): Promise<unknown> {
  const info = await stat(fileOrId).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
    throw new ScenarioError([{ code: 'file-unreadable', path: fileOrId, message: `cannot read: ${e.code ?? e.message}` }]);
  });
  if (!info) {
    const builtin = builtinScenario(fileOrId);
    if (builtin) return builtin;
    throw new ScenarioError([{ code: 'file-not-found', path: fileOrId, message: 'no such file, and no built-in scenario has that id (see `scenario-odds list`)' }]);
  }
  if (info.isDirectory()) {
    throw new ScenarioError([{ code: 'file-is-directory', path: fileOrId, message: 'is a directory; expected a scenario JSON file' }]);
  }
  if (info.size > MAX_FILE_BYTES) {
    throw new ScenarioError([{ code: 'file-too-large', path: fileOrId, message: `is ${info.size} bytes; scenario files are limited to ${MAX_FILE_BYTES} bytes` }]);
  }
  const text = (await readFile(fileOrId, 'utf8')).replace(/^\uFEFF/, '');
  const { value, issues } = parseJson(text);
  if (issues.length > 0) throw new ScenarioError(issues.map((i) => ({ ...i, path: fileOrId })));
  return value;
}
