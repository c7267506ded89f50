import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinScenario } from '../../scenarios';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIo } from '../io';
import { pageFiles, serveFiles } from '../serve';
import { help, loadScenario } from '../shared';

/** The built page, beside the CLI in `dist/` (`npm run build` makes it). */
const PAGE_DIR = fileURLToPath(new URL('./playground/', import.meta.url));

/** The flagship, which the page opens when no scenario is named. */
const DEFAULT_SCENARIO = 'trump-kim-summit';

/** `--port`: a whole number from 0 (any free port) to 65535. */
function portOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`playground: --port must be a whole number from 0 to 65535 (got "${text}"); 0 picks a free port`);
  return port;
}

/** Asks the desktop to open `url` in the default browser; false when there is no way to. */
function openInBrowser(url: string): Promise<boolean> {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

/**
 * `scenario-odds playground [file|id] [--port N] [--open]`: serves the playground on
 * 127.0.0.1 and prints its URL until Ctrl-C or SIGTERM (then exit code 0). A scenario file is
 * validated first (exit 2 when invalid) and served to the page as `scenario.json`.
 */
export async function playgroundCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('playground', args, { port: { type: 'string' }, open: { type: 'boolean' } });
  if (values.help) return help('playground', io);
  if (positionals.length > 1) throw new UsageError(`playground: expected at most one scenario file or id, got ${positionals.join(' ')}`);
  const port = portOf(values.port);
  if (!existsSync(PAGE_DIR)) throw new UsageError(`playground: the page is not built (no ${PAGE_DIR}); run \`npm run build\``);
  const files = pageFiles(PAGE_DIR);

  const named = positionals[0] ?? DEFAULT_SCENARIO;
  const builtin = builtinScenario(named);
  let query = `id=${encodeURIComponent(named)}`;
  if (!builtin) {
    const scenario = await loadScenario(named);
    files.set('/scenario.json', { body: Buffer.from(JSON.stringify(scenario)), type: 'application/json; charset=utf-8' });
    // `name` is how the page's report and command name the file: as it was given here.
    query = `load=scenario.json&name=${encodeURIComponent(named)}`;
  }

  let listening: Awaited<ReturnType<typeof serveFiles>>;
  try {
    listening = await serveFiles(files, port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`playground: cannot listen on port ${port} (${code === 'EADDRINUSE' ? 'in use' : 'not allowed'}); choose another with --port, or --port 0 for any free one`);
    throw e;
  }
  const url = `http://127.0.0.1:${listening.port}/?${query}`;
  io.stdout.write(`Playground for ${builtin ? named : `${named} (served as scenario.json)`}: ${url}\n`);
  if (values.open && !(await openInBrowser(url))) io.stderr.write('playground: could not open a browser; open the address above yourself\n');
  io.stdout.write('Ctrl-C stops it.\n');

  await new Promise<void>((resolve) => {
    const stop = io.onInterrupt(() => {
      stop();
      listening.server.close(() => resolve());
      listening.server.closeAllConnections();
    });
  });
  io.stdout.write('Playground stopped.\n');
  return EXIT.ok;
}
