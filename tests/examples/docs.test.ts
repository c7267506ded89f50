/**
 * The documentation is checked like code:
 *
 * - `npm run docs` (typedoc, warnings as errors) builds the API site with every guide, into a
 *   temporary directory here so concurrent runs cannot clobber docs/api, and leaves
 *   docs/guides untouched;
 * - every ```ts block of README.md and docs/guides/*.md type-checks against the built package
 *   (`npm:` specifiers as in Deno; Deno's and Plot's own APIs are stubbed as `any`);
 * - every ```json block parses; a scenario in one must pass `scenario-odds validate` (or fail
 *   it, when the fence says `invalid`); `file=NAME` in the fence saves it for the transcripts;
 * - every ```text block that starts with `$ scenario-odds ...` (or `$ npx scenario-odds ...`)
 *   is a transcript: each command is run (in a directory holding the saved files, with
 *   examples/ linked) and must print what the guide shows, run times aside;
 * - the guides cover what the code has: every section of the JSON Schema, every distribution
 *   family, every formula function, the ICD-203 table.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_NAMES } from '../../src/distributions/types';
import { ICD203_TERMS, LIKELIHOOD_BETA } from '../../src/distributions/likelihood';
import { FORMULA_FUNCTIONS } from '../../src/expr/functions';
import { assertBuilt, childEnv, DIST, linkedProject, ROOT, run, show, type RunResult } from '../package/helpers';
import { markdownBlocks, typecheck, where, writeSnippets, type Snippet } from './snippets';

const GUIDES = join(ROOT, 'docs', 'guides');
const guideFiles = readdirSync(GUIDES).filter((f) => f.endsWith('.md')).sort();
const documents = ['README.md', ...guideFiles.map((f) => `docs/guides/${f}`)];
const blocks: Snippet[] = documents.flatMap((f) => markdownBlocks(f));
const info = (s: Snippet) => new Set(s.lang.split(/\s+/));
const fenceInfo = (s: Snippet): string => {
  // markdownBlocks keeps only the language; read the whole info string from the file.
  const lines = readFileSync(join(ROOT, s.source), 'utf8').split('\n');
  return lines[s.line - 2].trim().replace(/^(`{3,}|~{3,})/, '');
};

let dir = '';

beforeAll(() => {
  assertBuilt();
  dir = linkedProject('docs');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Hash of every file under docs/guides, to prove the docs build leaves them alone. */
function guidesFingerprint(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(GUIDES, { recursive: true }) as string[]) {
    h.update(f);
    try {
      h.update(readFileSync(join(GUIDES, f)));
    } catch {
      // a directory
    }
  }
  return h.digest('hex');
}

describe('the API site (npm run docs)', () => {
  it('typedoc.json writes to docs/api only and lists every guide', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as { out: string; projectDocuments: string[]; treatWarningsAsErrors: boolean };
    expect(config.out).toBe('docs/api');
    expect(config.treatWarningsAsErrors).toBe(true);
    expect([...config.projectDocuments].sort()).toEqual([...guideFiles.map((f) => `docs/guides/${f}`), 'docs/architecture.md', 'CHANGELOG.md', 'CONTRIBUTING.md'].sort());
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.docs).toMatch(/^typedoc\b/);
  });

  it('builds with warnings treated as errors, with every guide, and leaves docs/guides alone', async () => {
    const out = join(dir, 'api');
    const before = guidesFingerprint();
    const r = await run('npm', ['run', '--silent', 'docs', '--', '--out', out], { cwd: ROOT, env: childEnv(), timeoutMs: 180_000 });
    expect(r.code, show(r)).toBe(0);
    expect(`${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /\[(warning|error)\]/.test(l))).toEqual([]);
    expect(guidesFingerprint(), 'the docs build changed docs/guides').toBe(before);
    const pages = readdirSync(out, { recursive: true }) as string[];
    expect(pages).toContain('index.html');
    const html = pages.filter((p) => p.endsWith('.html')).map((p) => readFileSync(join(out, p), 'utf8')).join('\n');
    for (const f of guideFiles) {
      const text = readFileSync(join(GUIDES, f), 'utf8');
      const title = /^title:\s*"?(.+?)"?\s*$/m.exec(text)?.[1] ?? /^# (.+)$/m.exec(text)?.[1];
      expect(title, `docs/guides/${f} has no title`).toBeDefined();
      expect(html.includes(title!.replace(/&/g, '&amp;')), `guide "${title}" (docs/guides/${f}) is not in the site`).toBe(true);
    }
    // Relative links between guides became links between pages (none left pointing at .md files).
    expect(html.match(/href="[^"]*\.md(#[^"]*)?"/g) ?? []).toEqual([]);
  }, 200_000);
});

describe('code in README.md and docs/guides', () => {
  it('has TypeScript, JSON and transcript blocks to check', () => {
    expect(blocks.filter((b) => info(b).has('ts')).length).toBeGreaterThan(5);
    expect(blocks.filter((b) => info(b).has('json')).length).toBeGreaterThan(3);
  });

  it('TypeScript blocks type-check against the built package', async () => {
    const ts = blocks.filter((b) => b.lang === 'ts' || b.lang === 'typescript');
    const shims = join(dir, 'docs-shims.d.ts');
    writeFileSync(
      shims,
      [
        '// Stubs for the APIs the notebook guide uses besides scenario-odds: only our calls are checked.',
        "declare module '@observablehq/plot';",
        "declare module 'linkedom';",
        'declare const Deno: { jupyter: { md(s: TemplateStringsArray, ...v: unknown[]): unknown; html(s: TemplateStringsArray, ...v: unknown[]): unknown } };',
        '',
      ].join('\n'),
    );
    const files = writeSnippets(dir, 'doc', ts, false);
    const { errors } = await typecheck(dir, files, [shims]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('JSON blocks parse; scenarios in them validate (or fail, when marked invalid)', async () => {
    const json = blocks.filter((b) => b.lang === 'json');
    const toValidate: Array<{ file: string; block: Snippet; invalid: boolean }> = [];
    json.forEach((block, k) => {
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(block.code) as Record<string, unknown>;
      } catch (e) {
        throw new Error(`${where(block)}: not valid JSON: ${(e as Error).message}`);
      }
      const fence = fenceInfo(block);
      const name = /\bfile=(\S+)/.exec(fence)?.[1] ?? `block-${k}.json`;
      writeFileSync(join(dir, name), `${block.code}\n`);
      if ('events' in value) toValidate.push({ file: name, block, invalid: /\binvalid\b/.test(fence) });
    });
    expect(toValidate.length).toBeGreaterThan(2);
    const r = await run(process.execPath, [join(DIST, 'cli.js'), 'validate', ...toValidate.map((v) => v.file)], { cwd: dir });
    for (const v of toValidate) {
      const ok = r.stdout.split('\n').includes(`${v.file}: ok`);
      expect(ok, `${where(v.block)}: ${v.invalid ? 'marked invalid, but it validates' : `does not validate:\n${r.stdout.split('\n').filter((l) => l.startsWith(`${v.file}:`)).join('\n')}`}`).toBe(!v.invalid);
    }
  }, 60_000);

  it('transcripts ($ scenario-odds ...) print what the guides show', async () => {
    // The JSON test above saved the files the transcripts use; save them again in case it ran alone.
    blocks.filter((b) => b.lang === 'json').forEach((block, k) => {
      const name = /\bfile=(\S+)/.exec(fenceInfo(block))?.[1] ?? `block-${k}.json`;
      writeFileSync(join(dir, name), `${block.code}\n`);
    });
    try {
      symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'), 'dir');
    } catch {
      // already linked
    }
    const transcripts = blocks.filter((b) => (b.lang === 'text' || b.lang === 'console') && /^\$ /.test(b.code));
    expect(transcripts.length).toBeGreaterThan(3);
    const commands: Array<{ block: Snippet; args: string[]; expected: string }> = [];
    for (const block of transcripts) {
      for (const part of block.code.split(/^(?=\$ )/m)) {
        const [first, ...rest] = part.split('\n');
        const m = /^\$ (?:npx )?scenario-odds(?: (.*))?$/.exec(first);
        if (!m) throw new Error(`${where(block)}: a transcript may only run scenario-odds, not "${first}"`);
        commands.push({ block, args: (m[1] ?? '').split(/\s+/).filter(Boolean), expected: rest.join('\n') });
      }
    }
    const strip = (s: string) => s.replace(/ · \d+(?:\.\d+)? s · /g, ' · ').replace(/\s+$/, '');
    const results: RunResult[] = [];
    for (let i = 0; i < commands.length; i += 2) {
      results.push(...(await Promise.all(commands.slice(i, i + 2).map((c) => run(process.execPath, [join(DIST, 'cli.js'), ...c.args], { cwd: dir, timeoutMs: 60_000 })))));
    }
    const problems: string[] = [];
    commands.forEach((c, i) => {
      const r = results[i];
      const actual = strip(`${r.stdout}${r.stderr}`);
      if (actual !== strip(c.expected)) problems.push(`${where(c.block)}: scenario-odds ${c.args.join(' ')}\n--- the guide shows\n${strip(c.expected)}\n--- it prints (exit ${r.code})\n${actual}`);
    });
    expect(problems).toEqual([]);
  }, 180_000);
});

describe('the guides cover the library', () => {
  const read = (f: string) => readFileSync(join(GUIDES, f), 'utf8');

  it('scenario-format.md has a section for every top-level field of the JSON Schema, and the excerpt matches', async () => {
    const r = await run(process.execPath, [join(DIST, 'cli.js'), 'schema'], { cwd: ROOT });
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown>; required: string[]; title: string };
    const text = read('scenario-format.md');
    const missing = Object.keys(schema.properties).filter((k) => !text.includes(`### \`${k}\``));
    expect(missing, 'add a "### `name`" section to docs/guides/scenario-format.md').toEqual([]);
    const excerpt = markdownBlocks('docs/guides/scenario-format.md')
      .filter((b) => b.lang === 'json')
      .map((b) => JSON.parse(b.code) as { $schema?: string; properties?: Record<string, unknown>; required?: string[]; title?: string })
      .find((v) => v.$schema?.startsWith('https://json-schema.org/'));
    expect(excerpt, 'the schema excerpt').toBeDefined();
    expect(Object.keys(excerpt!.properties!)).toEqual(Object.keys(schema.properties));
    expect(excerpt!.required).toEqual(schema.required);
    expect(excerpt!.title).toBe(schema.title);
  });

  it('scenario-format.md lists every formula function', () => {
    const text = read('scenario-format.md');
    expect(FORMULA_FUNCTIONS.map((f) => f.name).filter((n) => !new RegExp(`\`${n}\\(`).test(text))).toEqual([]);
  });

  it('distributions.md has a section for every family, and the ICD-203 table is the library\'s', () => {
    const text = read('distributions.md');
    expect(DIST_NAMES.filter((d) => !text.includes(`### \`${d}\``))).toEqual([]);
    for (const t of ICD203_TERMS) {
      const { alpha, beta } = LIKELIHOOD_BETA[t.term];
      const mean = alpha / (alpha + beta);
      const row = `| ${t.term} | ${t.synonym} | ${Math.round(t.lo * 100)}–${Math.round(t.hi * 100)}% | (${alpha}, ${beta}) | ${Number(mean.toFixed(4))} |`;
      expect(text, `the ICD-203 row for "${t.term}"`).toContain(row);
    }
  });

  it('every guide links to pages that exist', () => {
    const problems: string[] = [];
    for (const f of [...guideFiles.map((g) => `docs/guides/${g}`), 'README.md', 'CONTRIBUTING.md']) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/\]\(((?!https?:|mailto:|#)[^)#\s]+)(#[^)\s]*)?\)/g)) {
        const target = join(ROOT, f, '..', m[1]);
        try {
          readFileSync(target);
        } catch {
          problems.push(`${f}: link to ${m[1]}, which does not exist`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
