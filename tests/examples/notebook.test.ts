/**
 * examples/summit.ipynb is code too: its code cells, in order, run here as one module with the
 * npm-installed Deno (the engine of Deno's Jupyter kernel) against the built package. The
 * package import (`npm:scenario-odds@…`, unresolvable before the package is published) is
 * rewritten to dist/index.js. A cell whose last line is an expression shows that value as the
 * kernel would: through its `[Symbol.for('Jupyter.display')]()` MIME bundle when it has one.
 * The bundles Deno produces must equal Node's for the same runs (seeded, so bit for bit).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, bin, DIST, ROOT, run, show } from '../package/helpers';

const NOTEBOOK = join(ROOT, 'examples', 'summit.ipynb');
const MARK = '__NOTEBOOK_CELL__';

interface Notebook {
  metadata: { kernelspec?: { name?: string } };
  cells: Array<{ cell_type: string; source: string | string[] }>;
}

const notebook = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as Notebook;
const codeCells = notebook.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));

/**
 * The cell's code, with its last line passed to `__show` when it is a one-line expression
 * statement (the notebook's cells keep their shown value on one line, unindented).
 */
function showLast(code: string, cell: number): string {
  const lines = code.replace(/\s+$/, '').split('\n');
  const last = lines.at(-1)!;
  const isExpression = last.endsWith(';') && !/^(?:(?:import|export|const|let|var|function|class|if|for|while|return)\b|\}|\/\/)/.test(last) && !/^\s/.test(last);
  if (!isExpression) return code;
  return [...lines.slice(0, -1), `__show(${cell}, ${last.slice(0, -1)});`].join('\n');
}

function moduleOf(cells: readonly string[]): string {
  const dist = pathToFileURL(join(DIST, 'index.js')).href;
  const body = cells.map((c, i) => showLast(c, i + 1).replace(/(['"])npm:scenario-odds(?:@[^'"]*)?\1/g, JSON.stringify(dist))).join('\n\n');
  return `${body}

function __show(cell: number, value: unknown): void {
  const display = (value as Record<symbol, unknown> | null)?.[Symbol.for('Jupyter.display')];
  const shown = typeof display === 'function' ? { bundle: display.call(value) } : { text: typeof value === 'string' ? value : Deno.inspect(value) };
  console.log(${JSON.stringify(MARK)} + JSON.stringify({ cell, ...shown }));
}
`;
}

let dir = '';
let cellsShown: Array<{ cell: number; bundle?: Record<string, string>; text?: string }> = [];
let ran: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'scenario-odds-notebook-'));
  const file = join(dir, 'summit.ts');
  writeFileSync(file, moduleOf(codeCells));
  // --node-modules-dir=manual: the built package's own imports (zod, ...) resolve from the
  // repository's node_modules, as for a user's project with the package installed.
  ran = await run(bin('deno'), ['run', '--allow-read', '--no-lock', '--node-modules-dir=manual', file], { cwd: ROOT, timeoutMs: 120_000 });
  cellsShown = ran.stdout
    .split('\n')
    .filter((l) => l.startsWith(MARK))
    .map((l) => JSON.parse(l.slice(MARK.length)));
}, 150_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('examples/summit.ipynb', () => {
  it('is a Deno notebook with a few code cells that import the package by its npm name', () => {
    expect(notebook.metadata.kernelspec?.name).toBe('deno');
    expect(codeCells.length).toBeGreaterThanOrEqual(3);
    expect(codeCells[0]).toMatch(/from 'npm:scenario-odds@\d+\.\d+\.\d+'/);
  });

  it('runs, cell after cell, with Deno against the built package', () => {
    expect(ran.code, show(ran)).toBe(0);
    expect(ran.stderr.trim(), show(ran)).toBe('');
    expect(cellsShown.length, show(ran)).toBeGreaterThanOrEqual(2);
  });

  it("shows the headline and rich results (HTML table and SVG chart, text summary), equal to Node's", async () => {
    const { builtinScenario, displayable, formatPercent, simulateSync, summarize } = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as typeof import('../../src/index');
    const scenario = builtinScenario('trump-kim-summit')!;
    const result = simulateSync(scenario, { seed: 2025, trials: 100_000, asOf: '2026-12-04' });
    const p = formatPercent(result.events.summit.probability);
    expect(cellsShown.find((c) => c.text !== undefined)?.text).toBe(`P(summit from ${result.window!.from} to ${result.window!.to}) = ${p}`);

    const rich = cellsShown.filter((c) => c.bundle);
    expect(rich.length).toBeGreaterThanOrEqual(1);
    const first = rich[0].bundle!;
    expect(Object.keys(first).sort()).toEqual(['text/html', 'text/plain']);
    expect(first['text/html']).toContain('<svg');
    expect(first['text/html']).toContain('<table');
    expect(first['text/html']).toContain(p);
    const masked = (s: string) => s.replace(/\b\d+(?:\.\d+)? (?:s|ms)\b/g, '<time>');
    expect(masked(first['text/plain'])).toBe(masked(summarize(result)));
    const node = displayable(result)[Symbol.for('Jupyter.display') as never] as () => Record<string, string>;
    expect(first['text/html']).toBe(node()['text/html']);
  });
});
