import { VERSION } from '../version';

// `--version` answers before the rest of the CLI (and the formula parser) is even loaded, so
// it costs a bare Node start; everything testable lives in app.ts.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runCli } = await import('./app');
  process.exitCode = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  });
}
