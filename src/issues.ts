/**
 * User errors as data: every validation step returns a list of issues, and the throwing API
 * wraps them in one {@link ScenarioError}.
 */

/** One problem with user input, located by a dotted path such as `factors.rokMediation.alpha`. */
export interface ValidationIssue {
  /** A stable machine-readable code, e.g. `dist-invalid-param`, `formula-unknown-name`. */
  readonly code: string;
  /** Where the problem is: dotted path from the scenario root (empty for the root itself). */
  readonly path: string;
  /** One line for a human, naming the offending value or name. */
  readonly message: string;
}

/** Thrown by the throwing API when input is invalid; `issues` lists every problem found. */
export class ScenarioError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(formatIssues(issues));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** Longest message line printed; longer ones are cut with an ellipsis. */
export const MAX_MESSAGE_LENGTH = 500;

// C0/C1 controls, line and paragraph separators, and bidi overrides: printed raw they could
// forge extra issue lines or drive the terminal (ESC [2J clears it).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * User text made safe to print on one line: unsafe characters become `\uXXXX` escapes and the
 * result is cut to `max` characters.
 */
export function oneLine(text: string, max = MAX_MESSAGE_LENGTH): string {
  const safe = text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

/** One line per issue, `path: message` (or just the message at the root). */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => oneLine(i.path ? `${i.path}: ${i.message}` : i.message)).join('\n');
}

/** Joins path segments with dots, leaving out empty ones. */
export function joinPath(...parts: ReadonlyArray<string | number | undefined>): string {
  return parts.filter((p) => p !== undefined && p !== '').join('.');
}
