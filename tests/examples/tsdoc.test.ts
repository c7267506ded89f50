/**
 * Every `@example` in the TSDoc of src/ compiles and runs (docs/architecture.md, section 8: "an @example
 * that really runs"). Each code block becomes a file that imports, from 'scenario-odds', the
 * public names it uses (so examples may leave those imports out, as typedoc readers expect);
 * an example on an internal helper gets that helper from its own module. Anything else an
 * example uses it must import itself. The files are type-checked together against the built
 * package's .d.ts, then run one by one.
 *
 * An example whose code says `// throws` must throw (with the quoted code, if one follows:
 * `// throws 'formula-too-long'`); any other example must not.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, linkedProject } from '../package/helpers';
import { runSnippets, tsdocExamples, typecheck, where, writeSnippets, type GeneratedFile } from './snippets';

let dir = '';
let files: GeneratedFile[] = [];

beforeAll(() => {
  assertBuilt();
  dir = linkedProject('tsdoc');
  files = writeSnippets(dir, 'example', tsdocExamples(), true);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('TSDoc @example blocks in src/', () => {
  it('are found (at least one per documented module family)', () => {
    expect(files.length).toBeGreaterThan(20);
    const sources = new Set(files.map((f) => f.snippet.source.split('/')[1]));
    for (const dir of ['distributions', 'expr', 'engine', 'model', 'rng']) expect(sources, `no @example under src/${dir}`).toContain(dir);
  });

  it('type-check against the built package (fix the comment, not the test, when one does not)', async () => {
    const { errors } = await typecheck(dir, files);
    expect(errors).toEqual([]);
  }, 120_000);

  it('run, and throw exactly when they say `// throws`', async () => {
    const results = await runSnippets(dir, files);
    const problems: string[] = [];
    results.forEach((r, k) => {
      const { snippet } = files[k];
      const throws = /\/\/\s*throws\b/.test(snippet.code);
      const code = /\/\/\s*throws\b[^'\n]*'([\w-]+)'/.exec(snippet.code)?.[1];
      if (throws && r.ok) problems.push(`${where(snippet)}: says it throws, but ran without an error`);
      else if (throws && code !== undefined && r.code !== code) problems.push(`${where(snippet)}: threw ${r.code ?? 'an error without a code'}, not '${code}':\n${r.error}`);
      else if (!throws && !r.ok) problems.push(`${where(snippet)}: threw\n${r.error}`);
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
