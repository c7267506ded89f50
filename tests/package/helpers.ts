/**
 * Helpers for the tests that check what users get rather than the source: the packed tarball
 * (tests/package), the ESM build in a browser (tests/browser) and the examples and TSDoc
 * examples (tests/examples). All of them need `npm run build` first (`npm test` does it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
const BIN = join(ROOT, 'node_modules', '.bin');

/** The files of the build these tests use. */
export const BUILT_FILES = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'cli.js'] as const;

/** Fails with a clear message when the package has not been built (never skips). */
export function assertBuilt(): void {
  const missing = BUILT_FILES.filter((f) => !existsSync(join(DIST, f)));
  if (missing.length > 0) {
    throw new Error(
      `dist/${missing.join(', dist/')} missing: run \`npm run build\` first (\`npm test\` does it). ` +
        'If another build was cleaning dist/ at the time, run the tests again.',
    );
  }
}

export interface RunResult {
  readonly command: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed after this long; default 60 s. */
  readonly timeoutMs?: number;
}

/**
 * The environment for a child `npm`: without the `npm_*` variables of the `npm test` that
 * started vitest. `npm_config_local_prefix` among them would make an `npm install` in a
 * temporary project install into this repository instead. Cache and registry settings stay.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const keep = /^npm_config_(cache|cafile|registry|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl)$/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if ((/^npm_/i.test(k) || k === 'INIT_CWD') && !keep.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', SCENARIO_ODDS_DEBUG: '', ...extra };
}

/** Runs a command (no shell) and collects its output; never rejects for a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { cwd = ROOT, env = childEnv(), timeoutMs = 60_000 } = options;
  const shown = [command, ...args].join(' ');
  return new Promise((done, fail) => {
    const start = Date.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(new Error(`${shown}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ command: shown, code, stdout, stderr, ms: Date.now() - start });
    });
  });
}

/** A binary from this project's node_modules/.bin (tsc, tsx, attw, publint, ...). */
export function bin(name: string): string {
  return join(BIN, name);
}

/** A short description of a finished command, for assertion messages. */
export function show(r: RunResult): string {
  const clip = (s: string) => (s.length > 3000 ? `${s.slice(0, 3000)}… (${s.length} chars)` : s);
  return `$ ${r.command}\n  exit ${r.code} in ${r.ms} ms\n  stdout: ${clip(r.stdout)}\n  stderr: ${clip(r.stderr)}`;
}

/** Runs a command and throws (with its output) unless it exits 0. */
export async function runOk(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const r = await run(command, args, options);
  if (r.code !== 0) throw new Error(`command failed\n${show(r)}`);
  return r;
}

/** A fresh temporary directory (left for the caller to remove). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `scenario-odds-${prefix}-`));
}

/**
 * A temporary ESM project (`"type": "module"`) in which `scenario-odds` resolves to this
 * repository as a package (node_modules/scenario-odds -> ROOT), so its `exports` map picks the
 * built dist/ files, exactly as for an installed copy, and its own dependencies resolve from
 * ROOT/node_modules.
 */
export function linkedProject(prefix: string): string {
  const dir = tempDir(prefix);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `${prefix}-check`, private: true, type: 'module' })}\n`);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'scenario-odds'), 'dir');
  return dir;
}

/** The version of each installed package, from package-lock.json (what `npm ci` installed). */
export function lockedVersions(): Readonly<Record<string, string>> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [path, info] of Object.entries(lock.packages)) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path);
    if (m && info.version) out[m[1]] = info.version;
  }
  return out;
}

export interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  exports?: unknown;
  bin?: Record<string, string>;
  files?: string[];
}

export function packageJson(): PackageJson {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
}
