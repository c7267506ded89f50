/** Where the CLI reads and writes; a parameter so tests can run commands in-process too. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Registers a handler for Ctrl-C; returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
}

/** A wrong command line; printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes: success, internal failure, bad usage or invalid input, interrupted by Ctrl-C. */
export const EXIT = { ok: 0, internal: 1, usage: 2, interrupted: 130 } as const;
