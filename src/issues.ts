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

/** One line per issue, `path: message` (or just the message at the root). */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n');
}

/** Joins path segments with dots, leaving out empty ones. */
export function joinPath(...parts: ReadonlyArray<string | number | undefined>): string {
  return parts.filter((p) => p !== undefined && p !== '').join('.');
}
