import { VERSION } from '../version';

// `--version` answers before the rest of the CLI (and the formula parser) is even loaded, so
// it costs a bare Node start; everything testable lives in app.ts.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runCli } = await import('./app');
  const { EXIT } = await import('./io');
  const stdout = output(process.stdout);
  const stderr = output(process.stderr);
  // The first of SIGINT and SIGTERM received while a command listens: both stop the command the
  // same way (a run prints its partial result); the exit code says which (130 or 143).
  let signal: NodeJS.Signals | undefined;
  const code = await runCli(argv, {
    stdout,
    stderr,
    onInterrupt(handler) {
      const on = (s: NodeJS.Signals) => {
        signal ??= s;
        handler();
      };
      process.on('SIGINT', on);
      process.on('SIGTERM', on);
      return () => {
        process.off('SIGINT', on);
        process.off('SIGTERM', on);
      };
    },
  });
  // A write error is emitted on a later tick: let it arrive before looking.
  await new Promise((resolve) => setImmediate(resolve));
  const failed = stdout.failure() ?? stderr.failure();
  if (failed && code === EXIT.ok) {
    // Output was lost other than by a reader leaving (a full disk behind `> file`): say so.
    if (stdout.failure()) stderr.write(`scenario-odds: cannot write to stdout: ${failed}\n`);
    process.exitCode = EXIT.internal;
  } else {
    process.exitCode = code === EXIT.interrupted && signal === 'SIGTERM' ? EXIT.terminated : code;
  }
}

/**
 * A process stream that never crashes the CLI: when the reader goes away (`report … | head -1`
 * closes stdout: EPIPE) further output is dropped quietly and the command carries on (its
 * files are still written, its exit code kept). Any other write error is remembered and
 * reported once the command is done.
 */
function output(stream: NodeJS.WriteStream) {
  let closed = false;
  let failure: string | undefined;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    closed = true;
    if (e.code !== 'EPIPE') failure ??= e.code ?? e.message;
  });
  return {
    write: (text: string) => (closed || stream.destroyed ? true : stream.write(text)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    failure: () => failure,
  };
}
