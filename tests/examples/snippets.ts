/**
 * Code snippets from documentation, turned into files that tsc checks and tsx runs: the
 * `@example` blocks of the TSDoc in src/, and the code blocks of README.md and docs/guides/.
 */
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { bin, ROOT, run, show, type RunResult } from '../package/helpers';

export interface Snippet {
  /** Where it comes from, relative to the repository: `src/engine/simulate.ts`. */
  readonly source: string;
  /** 1-based line in `source` of the snippet's first code line. */
  readonly line: number;
  readonly code: string;
  /** The fence's info string: `ts`, `json`, `sh`, ... */
  readonly lang: string;
}

/** `file:line`, for messages. */
export const where = (s: Snippet) => `${s.source}:${s.line}`;

/** Every `.ts` file under src/, sorted. */
export function sourceFiles(): string[] {
  return (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join('src', f))
    .sort();
}

/** Fenced code blocks in some lines of text; `lineOf(i)` gives the file line of line i. */
function fences(lines: readonly string[], lineOf: (i: number) => number, source: string): Snippet[] {
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trim().startsWith(fence)) body.push(lines[j++]);
    if (j >= lines.length) throw new Error(`${source}:${lineOf(i)}: code block not closed`);
    const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length), Infinity);
    out.push({ source, line: lineOf(i + 1), code: body.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n'), lang: open[2].toLowerCase() });
    i = j;
  }
  return out;
}

/** The code blocks inside `@example` sections of every TSDoc comment in src/. */
export function tsdocExamples(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
      const firstLine = text.slice(0, m.index).split('\n').length;
      const lines = m[0].split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''));
      for (let i = 0; i < lines.length; i++) {
        if (!/^@example\b/.test(lines[i].trim())) continue;
        let end = i + 1;
        let inFence = false;
        for (; end < lines.length; end++) {
          if (/^\s*(`{3,}|~{3,})/.test(lines[end])) inFence = !inFence;
          else if (!inFence && /^@\w/.test(lines[end].trim())) break;
        }
        const section = lines.slice(i + 1, end);
        const blocks = fences(section, (k) => firstLine + i + 1 + k, file);
        if (blocks.length === 0) throw new Error(`${file}:${firstLine + i}: an @example without a fenced code block`);
        out.push(...blocks);
        i = end - 1;
      }
    }
  }
  return out;
}

/** The fenced code blocks of a Markdown file (path relative to the repository). */
export function markdownBlocks(file: string): Snippet[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  return fences(lines, (i) => i + 1, file);
}

/** Names exported by a TypeScript module's `export` declarations and `export { ... }` lists. */
export function exportedNames(file: string): Set<string> {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:const|let|var|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  for (const m of text.matchAll(/^export\s+const\s*\{([^}]*)\}/gm)) for (const n of m[1].split(',')) if (n.trim()) names.add(n.trim().split(':').pop()!.trim());
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.replace(/\btype\s+/, '').trim().split(/\s+as\s+/).pop()!.trim();
      if (name) names.add(name);
    }
  }
  if (/^export\s+\*\s+from/m.test(text) && file === 'src/index.ts') throw new Error('src/index.ts uses `export *`: list the public names explicitly (or teach tests/examples/snippets.ts to follow it)');
  return names;
}

/** The public API: what src/index.ts exports (what `import ... from 'scenario-odds'` can name). */
export const publicNames = (): Set<string> => exportedNames('src/index.ts');

/** Identifiers a snippet uses, ignoring comments and quoted strings. */
export function identifiers(code: string): Set<string> {
  const bare = code
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, ' ');
  return new Set(bare.match(/(?<![\w$.])[A-Za-z_$][\w$]*/g) ?? []);
}

/** Names a snippet declares at its top level or anywhere (const, let, var, function, class, destructuring). */
function declaredNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/\b(?:const|let|var|function\*?|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of code.matchAll(/\b(?:const|let|var)\s*[{[]([^}\]=]*)[}\]]\s*=/g)) {
    for (const part of m[1].split(',')) {
      const name = part.split(':').pop()!.trim().replace(/^\.\.\./, '');
      if (/^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
  }
  return names;
}

/** Names a snippet imports itself. */
function importedNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from/g)) {
    for (const part of m[1].split(',')) {
      const name = part.replace(/\btype\s+/, '').trim().split(/\s+as\s+/).pop()!.trim();
      if (name) names.add(name);
    }
  }
  for (const m of code.matchAll(/import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from/g)) names.add(m[1]);
  return names;
}

export interface GeneratedFile {
  readonly snippet: Snippet;
  /** Absolute path of the generated .ts file. */
  readonly path: string;
  /** Lines added before the snippet's first line. */
  readonly header: number;
}

/**
 * Writes each snippet to `dir/<prefix>-NNN.ts`. With `autoImport`, every public name the snippet
 * uses without importing it is imported from 'scenario-odds', and names its own source module
 * exports but the package does not (examples on internal helpers) from that module. Deno's
 * `npm:` specifiers become bare names.
 */
export function writeSnippets(dir: string, prefix: string, snippets: readonly Snippet[], autoImport: boolean): GeneratedFile[] {
  const pub = publicNames();
  return snippets.map((snippet, k) => {
    const code = snippet.code.replace(/(['"])npm:((?:@[^/'"]+\/)?[^@/'"]+)(?:@[^/'"]*)?(\/[^'"]*)?\1/g, '$1$2$3$1');
    const header: string[] = [`// ${where(snippet)}`];
    if (autoImport) {
      const own = new Set([...importedNames(code), ...declaredNames(code)]);
      const used = [...identifiers(code)].filter((n) => !own.has(n));
      const fromPackage = used.filter((n) => pub.has(n)).sort();
      if (fromPackage.length) header.push(`import { ${fromPackage.join(', ')} } from 'scenario-odds';`);
      const moduleFile = snippet.source;
      const internal = [...exportedNames(moduleFile)].filter((n) => used.includes(n) && !pub.has(n)).sort();
      if (internal.length) header.push(`import { ${internal.join(', ')} } from '${join(ROOT, moduleFile).replace(/\.ts$/, '')}';`);
    }
    header.push('export {};');
    const path = join(dir, `${prefix}-${String(k).padStart(3, '0')}.ts`);
    writeFileSync(path, `${header.join('\n')}\n${code}\n`);
    return { snippet, path, header: header.length };
  });
}

/**
 * Type-checks generated files together against the built package's types (node_modules/
 * scenario-odds in `dir` must link to the repository) and returns each error as
 * `source:line: message`, mapped back to the snippet's own file and line.
 */
export async function typecheck(dir: string, files: readonly GeneratedFile[], extraFiles: readonly string[] = []): Promise<{ errors: string[]; result: RunResult }> {
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM'],
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
      skipLibCheck: true,
      resolveJsonModule: true,
      esModuleInterop: true,
      isolatedModules: true,
    },
    files: [...extraFiles, ...files.map((f) => f.path)].map((f) => relative(dir, f)),
  };
  const tsconfig = join(dir, `tsconfig.${files.length ? relative(dir, files[0].path).replace(/-\d+\.ts$/, '') : 'empty'}.json`);
  writeFileSync(tsconfig, JSON.stringify(config, null, 2));
  const result = await run(bin('tsc'), ['-p', tsconfig, '--pretty', 'false'], { cwd: dir, timeoutMs: 120_000 });
  const byPath = new Map(files.map((f) => [f.path, f]));
  const errors: string[] = [];
  for (const line of result.stdout.split('\n').filter((l) => l.trim())) {
    const m = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
    const file = m ? byPath.get(join(dir, m[1])) : undefined;
    if (m && file) errors.push(`${file.snippet.source}:${file.snippet.line + Number(m[2]) - file.header - 1}: ${m[4]}`);
    else if (m) errors.push(`${m[1].startsWith('/') ? relative(ROOT, m[1]) : m[1]}:${m[2]}: ${m[4]}`);
    else if (!line.startsWith(' ')) errors.push(line);
    else errors[errors.length - 1] += `\n${line}`;
  }
  if (result.code !== 0 && errors.length === 0) errors.push(`tsc failed without errors it could report\n${show(result)}`);
  return { errors, result };
}

export interface SnippetRun {
  readonly file: string;
  readonly ok: boolean;
  /** How long the import took (the example's own run time, plus loading what it imports first). */
  readonly ms: number;
  readonly error?: string;
  readonly code?: string;
}

/**
 * The code an example runs with, made cheap: literal `trials` above `maxTrials` become
 * `maxTrials`, and literal `halfWidth` targets below `minHalfWidth` become `minHalfWidth`. A run
 * checks that an example works (does not throw), not its numbers, and examples may well show a
 * million trials.
 */
export function capped(code: string, maxTrials = 50_000, minHalfWidth = 0.01): string {
  const num = (t: string) => Number(t.replace(/_/g, ''));
  return code
    .replace(/\btrials:\s*([\d_.]+(?:e\d+)?)/g, (m, v: string) => (num(v) > maxTrials ? `trials: ${maxTrials}` : m))
    .replace(/\bhalfWidth:\s*([\d_.]+(?:e-?\d+)?)/g, (m, v: string) => (num(v) < minHalfWidth ? `halfWidth: ${minHalfWidth}` : m));
}

/**
 * Runs generated files one after another in a single tsx process (each imported as a module;
 * console output is swallowed) and reports whether each threw. Each runs as {@link capped}
 * makes it. The working directory is `dir`, where `examples/` links to the repository's, so an
 * example may read `examples/...` and whatever it writes lands in the temporary directory.
 */
export async function runSnippets(dir: string, files: readonly GeneratedFile[]): Promise<SnippetRun[]> {
  if (!existsSync(join(dir, 'examples'))) symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'), 'dir');
  const runnable = files.map((f) => {
    const path = f.path.replace(/\.ts$/, '.run.ts');
    writeFileSync(path, capped(readFileSync(f.path, 'utf8')));
    return path;
  });
  const runner = join(dir, 'run-snippets.mts');
  writeFileSync(
    runner,
    `const files = ${JSON.stringify(runnable)};
const results = [];
const quiet = () => {};
const saved = { log: console.log, info: console.info, table: console.table, dir: console.dir };
Object.assign(console, { log: quiet, info: quiet, table: quiet, dir: quiet });
for (const file of files) {
  const start = performance.now();
  try {
    await import(file);
    results.push({ file, ok: true, ms: performance.now() - start });
  } catch (e) {
    results.push({ file, ok: false, ms: performance.now() - start, error: String((e && e.stack) || e).split('\\n').slice(0, 4).join('\\n'), code: e && typeof e.code === 'string' ? e.code : undefined });
  }
}
Object.assign(console, saved);
process.stdout.write(JSON.stringify(results));
`,
  );
  writeFileSync(join(dir, 'tsconfig.json'), '{}\n');
  const r = await run(bin('tsx'), ['--tsconfig', join(dir, 'tsconfig.json'), runner], { cwd: dir, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`the snippet runner failed\n${show(r)}`);
  return JSON.parse(r.stdout) as SnippetRun[];
}

/** For messages: the directory a generated file lives in is temporary. */
export const generatedIn = (files: readonly GeneratedFile[]) => (files.length ? dirname(files[0].path) : '');
