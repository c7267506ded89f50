/**
 * Shared helpers for the process-level CLI tests: they run the built `dist/cli.js` as a child
 * process (never in-process), with a timeout, and capture stdout, stderr and the exit code.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

/** A stack trace line (`    at foo (file:1:2)`) or a Node internal frame anywhere in output. */
export const STACK_TRACE = /(^|\n)\s+at\s|node:internal/;

/** Fails with a clear message when the CLI has not been built. */
export function assertBuilt(): void {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} does not exist: run \`npm run build\` (or \`npx tsup\`) before the CLI tests (\`npm test\` does it for you)`);
  }
}

export interface CliResult {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

export interface RunOptions {
  /** Killed (and `timedOut` set) after this long; default 10 s. */
  readonly timeoutMs?: number;
  /** Called once the process has started, e.g. to send it a signal later. */
  readonly onSpawn?: (child: ReturnType<typeof spawn>) => void;
}

/** Runs `node dist/cli.js ...args` from the project root, stdin closed, stderr a pipe (not a TTY). */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const { timeoutMs = 10_000, onSpawn } = options;
  return new Promise((done, fail) => {
    const start = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCENARIO_ODDS_DEBUG: '', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ args, code, signal, stdout, stderr, timedOut, ms: Date.now() - start });
    });
    onSpawn?.(child);
  });
}

/** Runs many CLI invocations, a few at a time (one per core), in the order given. */
export async function runMany(invocations: ReadonlyArray<readonly string[]>, options: RunOptions = {}): Promise<CliResult[]> {
  const results: CliResult[] = new Array(invocations.length);
  let next = 0;
  const worker = async () => {
    while (next < invocations.length) {
      const i = next++;
      results[i] = await runCli(invocations[i], options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), 8)) }, worker));
  return results;
}

/**
 * Runs each command line and checks that it is refused as a user error should be: exit 2,
 * nothing on stdout, one line on stderr matching the pattern, no stack trace.
 */
export async function expectRefusals(refusals: ReadonlyArray<readonly [readonly string[], RegExp]>): Promise<void> {
  const results = await runMany(refusals.map(([args]) => args));
  results.forEach((r, i) => {
    expect(r.code, show(r)).toBe(2);
    expect(r.stdout, show(r)).toBe('');
    expect(lines(r.stderr), show(r)).toHaveLength(1);
    expect(r.stderr.trim(), show(r)).toMatch(refusals[i][1]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
}

/** Non-empty lines of some output. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** A short description of a result, for assertion messages. */
export function show(r: CliResult): string {
  const clip = (s: string) => (s.length > 2000 ? `${s.slice(0, 2000)}… (${s.length} chars)` : s);
  return `scenario-odds ${r.args.join(' ')}\n  exit ${r.code}${r.signal ? ` signal ${r.signal}` : ''}${r.timedOut ? ' TIMED OUT' : ''} in ${r.ms} ms\n  stdout: ${JSON.stringify(clip(r.stdout))}\n  stderr: ${JSON.stringify(clip(r.stderr))}`;
}

export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

// ---------------------------------------------------------------------------------------------
// A small JSON Schema (draft 2020-12) validator for the keywords the emitted schema uses. Any
// keyword it does not know makes it throw, so a schema change can never pass unchecked.

type Schema = boolean | Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly', '$defs', 'definitions']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function matchesType(v: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'object':
      return typeOf(v) === 'object';
    default:
      return typeOf(v) === type;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Errors of `value` against `schema` (empty when valid), each as `path: problem`. */
export function jsonSchemaErrors(schema: Schema, value: unknown, root: Schema = schema, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  const errors: string[] = [];
  const s = schema;
  for (const key of Object.keys(s)) {
    if (ANNOTATIONS.has(key)) continue;
    const k = s[key];
    switch (key) {
      case '$ref': {
        const ref = k as string;
        if (!ref.startsWith('#/')) throw new Error(`jsonSchemaErrors: unsupported $ref ${ref}`);
        let target: unknown = root;
        for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
        errors.push(...jsonSchemaErrors(target as Schema, value, root, path));
        break;
      }
      case 'type': {
        const types = Array.isArray(k) ? (k as string[]) : [k as string];
        if (!types.some((t) => matchesType(value, t))) errors.push(`${path}: expected ${types.join('|')}, got ${typeOf(value)}`);
        break;
      }
      case 'const':
        if (!deepEqual(value, k)) errors.push(`${path}: expected ${JSON.stringify(k)}`);
        break;
      case 'enum':
        if (!(k as unknown[]).some((e) => deepEqual(e, value))) errors.push(`${path}: not one of ${JSON.stringify(k)}`);
        break;
      case 'minimum':
        if (typeof value === 'number' && !(value >= (k as number))) errors.push(`${path}: below minimum ${k}`);
        break;
      case 'maximum':
        if (typeof value === 'number' && !(value <= (k as number))) errors.push(`${path}: above maximum ${k}`);
        break;
      case 'exclusiveMinimum':
        if (typeof value === 'number' && !(value > (k as number))) errors.push(`${path}: not above ${k}`);
        break;
      case 'exclusiveMaximum':
        if (typeof value === 'number' && !(value < (k as number))) errors.push(`${path}: not below ${k}`);
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (k as number)) errors.push(`${path}: shorter than ${k}`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > (k as number)) errors.push(`${path}: longer than ${k}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(k as string, 'u').test(value)) errors.push(`${path}: does not match ${k}`);
        break;
      case 'required':
        if (typeOf(value) === 'object') {
          for (const name of k as string[]) if (!Object.hasOwn(value as object, name)) errors.push(`${path}: missing ${name}`);
        }
        break;
      case 'minProperties':
        if (typeOf(value) === 'object' && Object.keys(value as object).length < (k as number)) errors.push(`${path}: fewer than ${k} properties`);
        break;
      case 'maxProperties':
        if (typeOf(value) === 'object' && Object.keys(value as object).length > (k as number)) errors.push(`${path}: more than ${k} properties`);
        break;
      case 'properties':
        if (typeOf(value) === 'object') {
          for (const [name, sub] of Object.entries(k as Record<string, Schema>)) {
            if (Object.hasOwn(value as object, name)) errors.push(...jsonSchemaErrors(sub, (value as Record<string, unknown>)[name], root, `${path}.${name}`));
          }
        }
        break;
      case 'patternProperties':
        if (typeOf(value) === 'object') {
          for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
            for (const [re, sub] of Object.entries(k as Record<string, Schema>)) {
              if (new RegExp(re, 'u').test(name)) errors.push(...jsonSchemaErrors(sub, v, root, `${path}.${name}`));
            }
          }
        }
        break;
      case 'additionalProperties':
        if (typeOf(value) === 'object') {
          const known = new Set(Object.keys((s.properties as object | undefined) ?? {}));
          const patterns = Object.keys((s.patternProperties as object | undefined) ?? {}).map((re) => new RegExp(re, 'u'));
          for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
            if (known.has(name) || patterns.some((re) => re.test(name))) continue;
            errors.push(...jsonSchemaErrors(k as Schema, v, root, `${path}.${name}`));
          }
        }
        break;
      case 'propertyNames':
        if (typeOf(value) === 'object') {
          for (const name of Object.keys(value as object)) errors.push(...jsonSchemaErrors(k as Schema, name, root, `${path}[key ${JSON.stringify(name)}]`));
        }
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((v, i) => errors.push(...jsonSchemaErrors(k as Schema, v, root, `${path}[${i}]`)));
        break;
      case 'prefixItems':
        if (Array.isArray(value)) (k as Schema[]).forEach((sub, i) => i < value.length && errors.push(...jsonSchemaErrors(sub, value[i], root, `${path}[${i}]`)));
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (k as number)) errors.push(`${path}: fewer than ${k} items`);
        break;
      case 'maxItems':
        if (Array.isArray(value) && value.length > (k as number)) errors.push(`${path}: more than ${k} items`);
        break;
      case 'allOf':
        for (const sub of k as Schema[]) errors.push(...jsonSchemaErrors(sub, value, root, path));
        break;
      case 'anyOf':
        if (!(k as Schema[]).some((sub) => jsonSchemaErrors(sub, value, root, path).length === 0)) errors.push(`${path}: matches none of anyOf`);
        break;
      case 'oneOf': {
        const n = (k as Schema[]).filter((sub) => jsonSchemaErrors(sub, value, root, path).length === 0).length;
        if (n !== 1) errors.push(`${path}: matches ${n} of oneOf (expected exactly 1)`);
        break;
      }
      case 'not':
        if (jsonSchemaErrors(k as Schema, value, root, path).length === 0) errors.push(`${path}: matches a "not" schema`);
        break;
      default:
        throw new Error(`jsonSchemaErrors: unsupported keyword "${key}" at ${path}; extend tests/cli/helpers.ts`);
    }
  }
  return errors;
}

/** CPU seconds a process has used so far (Linux /proc), or undefined elsewhere. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/**
 * An `onSpawn` that sends `signal` about 1.5 s in, and only once the process is surely
 * simulating (it has used some CPU beyond start-up), so a slow start under load is not mistaken
 * for a broken handler. `sent.at` records when it was sent (0 until then); `sent.cancel()` stops
 * the polling if the process ended first.
 */
export function signalWhenBusy(signal: NodeJS.Signals, sent: { at: number; cancel?: () => void }) {
  return (child: ReturnType<typeof spawn>) => {
    const start = Date.now();
    let timer: NodeJS.Timeout | undefined;
    sent.cancel = () => clearTimeout(timer);
    const poll = () => {
      const cpu = cpuSeconds(child.pid!);
      if (Date.now() - start < 1500 || (cpu !== undefined && cpu < 0.6 && Date.now() - start < 8000)) {
        timer = setTimeout(poll, 100);
        return;
      }
      sent.at = Date.now();
      child.kill(signal);
    };
    timer = setTimeout(poll, 100);
  };
}

/** A running `scenario-odds playground`: its address, and how to stop it. */
export interface RunningPlayground {
  /** The address it printed, e.g. `http://127.0.0.1:43121/?id=trump-kim-summit`. */
  readonly url: string;
  /** Sends SIGTERM and resolves with the whole run once the process has exited. */
  stop(): Promise<CliResult>;
}

/** Starts `scenario-odds playground ...args` and resolves once it prints its address (rejects with the run when it exits first). */
export function startPlayground(args: readonly string[], timeoutMs = 60_000): Promise<RunningPlayground> {
  return new Promise((ready, fail) => {
    let child: ReturnType<typeof spawn> | undefined;
    let started = false;
    const run = runCli(['playground', ...args], {
      timeoutMs,
      onSpawn: (c) => {
        child = c;
        let seen = '';
        c.stdout!.on('data', (d: string) => {
          seen += d;
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(seen);
          if (m && !started) {
            started = true;
            ready({ url: m[1], stop: () => (child!.kill('SIGTERM'), run) });
          }
        });
      },
    });
    void run.then((r) => {
      if (!started) fail(new Error(`the playground exited before printing its address\n${show(r)}`));
    });
  });
}
