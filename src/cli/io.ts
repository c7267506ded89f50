import { stripControl } from '../report/escape';

/** A stream the CLI writes text to (a terminal, a pipe, a file, or a test's buffer). */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  /**
   * Writes the CLI's own terminal control codes (the progress bar's carriage return and
   * line erase) unfiltered. Only {@link terminalSafe} outputs have it; scenario text never
   * goes through it.
   */
  writeControl?(text: string): unknown;
}

/** Where the CLI reads and writes; a parameter so tests can run commands in-process too. */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /**
   * Registers a handler for Ctrl-C (SIGINT) and SIGTERM; returns a function that removes it.
   * The command then stops as soon as it can and returns {@link EXIT}.interrupted; the
   * process entry turns that into 143 when the signal was SIGTERM.
   */
  onInterrupt(handler: () => void): () => void;
}

/** A wrong command line; printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Exit codes: success, internal failure, bad usage or invalid input, a `--half-width` run that
 * reached its `--max-trials` cap before the target (its result is still printed), interrupted
 * by Ctrl-C (128 + SIGINT), terminated by SIGTERM (128 + SIGTERM).
 */
export const EXIT = { ok: 0, internal: 1, usage: 2, capReached: 3, interrupted: 130, terminated: 143 } as const;

/**
 * An output that strips control characters (ESC, CR, DEL, C1, bidi overrides; tab and newline
 * stay) from everything written, so no scenario text (a title, a label, a name quoted in a
 * message) can drive the terminal: clear it, retitle it, write the clipboard (OSC 52). The CLI's
 * own control codes go through `writeControl`. `isTTY` and `columns` are read live.
 */
export function terminalSafe(out: CliOutput): CliOutput {
  if (out.writeControl) return out;
  return {
    write: (text: string) => out.write(stripControl(text)),
    writeControl: (text: string) => out.write(text),
    get isTTY() {
      return out.isTTY;
    },
    get columns() {
      return out.columns;
    },
  };
}

/** {@link CliIo} with both outputs made {@link terminalSafe}. */
export function terminalSafeIo(io: CliIo): CliIo {
  return { stdout: terminalSafe(io.stdout), stderr: terminalSafe(io.stderr), onInterrupt: (handler) => io.onInterrupt(handler) };
}

// JSON.stringify escapes C0 controls in strings but leaves DEL, the C1 controls and the bidi
// overrides raw; terminalSafe would strip them, changing the data. Escaped, they stay in it.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value as indented JSON text ending in a newline, with every character that
 * {@link terminalSafe} would strip written as a `\uXXXX` escape instead: the same JSON value,
 * safe on a terminal and unchanged by the filter. Use it for every `--json` output; `indent`
 * 0 writes it on one line (the part documents of analyses and reports, which hold thousands of
 * numbers per chunk and are read by programs only).
 */
export function jsonText(value: unknown, indent: number = 2): string {
  return `${JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
