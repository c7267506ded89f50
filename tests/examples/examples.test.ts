/**
 * Examples are code, not decoration: every file in examples/ runs here against the built
 * package, and what it prints is compared with tests/examples/expected/<file>.txt (run times
 * masked). A file of a kind this test does not know fails, so nothing is left unchecked.
 *
 * - `*.ts`: run with tsx. `scenario-odds` resolves as for a user, through package.json's
 *   `exports` to dist/ (tsx is given an empty tsconfig so the repository's `paths` mapping to
 *   src/ does not apply).
 * - scenario JSON (has `events`): the CLI's `validate` must say ok, and `run --seed 2025
 *   --trials 20000 --as-of 2026-12-04` must print the expected summary.
 * - evidence ledger JSON (has `observations`): parsed with `parseLedger` and applied with
 *   `updateOddsSync` to the scenario it names (an example file with that id, or a built-in).
 * - `*.ipynb`: Deno notebooks, run cell by cell with Deno in tests/examples/notebook.test.ts.
 *
 * After an intended change of output: `UPDATE_EXAMPLES=1 npx vitest run tests/examples`, then
 * review the diff of tests/examples/expected/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, bin, DIST, linkedProject, ROOT, run, show } from '../package/helpers';

const EXAMPLES = join(ROOT, 'examples');
const EXPECTED = join(ROOT, 'tests', 'examples', 'expected');
const UPDATE = process.env.UPDATE_EXAMPLES === '1';
const SEED = '2025';
const TRIALS = '20000';
/** Forecasts record their as-of date and timed ones depend on it: pinned so the outputs do not change daily. */
const AS_OF = '2026-12-04';

let dir = '';

beforeAll(() => {
  assertBuilt();
  dir = linkedProject('examples');
  writeFileSync(join(dir, 'tsconfig.json'), '{}\n');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run times vary; everything else printed is seeded and must not. */
function normalize(text: string): string {
  return text.replace(/\b\d+(?:\.\d+)? s\b/g, '<time> s').replace(/\b\d+ ms\b/g, '<time> ms');
}

function expectOutput(name: string, actual: string): void {
  const file = join(EXPECTED, `${name}.txt`);
  const text = normalize(actual);
  if (UPDATE) {
    mkdirSync(EXPECTED, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`no expected output ${relative(ROOT, file)} for examples/${name}: run \`UPDATE_EXAMPLES=1 npx vitest run tests/examples\`, review the file, and commit it`);
  }
  expect(text, `output of examples/${name} (expected: ${relative(ROOT, file)})`).toBe(readFileSync(file, 'utf8'));
}

const cli = (args: string[]) => run(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd: ROOT, timeoutMs: 60_000 });

type Kind = 'typescript' | 'scenario' | 'ledger' | 'notebook' | 'unknown';

function kindOf(file: string): Kind {
  const ext = extname(file);
  if (ext === '.ts' || ext === '.mts') return 'typescript';
  // Checked by notebook.test.ts.
  if (ext === '.ipynb') return 'notebook';
  if (ext !== '.json') return 'unknown';
  const data = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;
  if ('events' in data) return 'scenario';
  if ('observations' in data) return 'ledger';
  return 'unknown';
}

const files = readdirSync(EXAMPLES).filter((f) => !f.startsWith('.')).sort();

describe('examples/', () => {
  it('has examples, each of a kind checked below', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => kindOf(f) === 'unknown'), 'add a check for these to tests/examples/examples.test.ts').toEqual([]);
  });

  for (const file of files) {
    const kind = kindOf(file);
    if (kind === 'typescript') {
      it(`${file} runs with tsx against the built package and prints the expected output`, async () => {
        const r = await run(bin('tsx'), ['--tsconfig', join(dir, 'tsconfig.json'), join(EXAMPLES, file)], { cwd: ROOT, timeoutMs: 120_000 });
        expect(r.code, show(r)).toBe(0);
        expect(r.stderr.replace(/^npm warn.*\n/gm, ''), show(r)).toBe('');
        expectOutput(file, r.stdout);
      }, 150_000);
    } else if (kind === 'scenario') {
      it(`${file} is valid (scenario-odds validate) and runs with seed ${SEED} (scenario-odds run)`, async () => {
        const path = relative(ROOT, join(EXAMPLES, file));
        const [valid, ran] = await Promise.all([cli(['validate', path]), cli(['run', path, '--seed', SEED, '--trials', TRIALS, '--as-of', AS_OF])]);
        expect(valid.code, show(valid)).toBe(0);
        expect(valid.stdout).toBe(`${path}: ok\n`);
        expect(ran.code, show(ran)).toBe(0);
        expectOutput(file, `$ scenario-odds run ${path} --seed ${SEED} --trials ${TRIALS} --as-of ${AS_OF}\n${ran.stdout}`);
      }, 90_000);
    } else if (kind === 'ledger') {
      it(`${file} is a valid evidence ledger and updates its scenario's odds (parseLedger, updateOddsSync)`, async () => {
        const script = join(dir, `ledger-${file}.mjs`);
        writeFileSync(
          script,
          `import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtinScenario, formatPercent, parseLedger, updateOddsSync } from 'scenario-odds';
const examples = ${JSON.stringify(EXAMPLES)};
const ledger = parseLedger(JSON.parse(readFileSync(join(examples, ${JSON.stringify(file)}), 'utf8')));
if (!ledger.scenario) throw new Error('the ledger does not name its scenario');
const own = readdirSync(examples).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(examples, f), 'utf8'))).find((s) => s.events && s.id === ledger.scenario);
const scenario = own ?? builtinScenario(ledger.scenario);
if (!scenario) throw new Error('no example or built-in scenario has id ' + ledger.scenario);
const r = updateOddsSync(scenario, ledger, { seed: ${SEED}, trials: ${TRIALS}, asOf: ${JSON.stringify(AS_OF)} });
const pct = (e) => formatPercent(e.probability) + (e.ci95 ? ' [' + formatPercent(e.ci95[0]) + ', ' + formatPercent(e.ci95[1]) + ']' : '');
console.log('ledger for ' + ledger.scenario + ', event ' + r.event + ' (seed ' + r.seed + ', ' + r.trials + ' trials)');
console.log('prior      ' + pct(r.prior));
for (const s of r.steps) console.log((s.date ?? '').padEnd(10) + ' x ' + String(Number(s.likelihoodRatio.toPrecision(4))).padEnd(6) + ' -> ' + pct(s) + '  ' + s.signpost);
console.log('posterior  ' + pct(r.posterior));
`,
        );
        const r = await run(process.execPath, [script], { cwd: dir, timeoutMs: 60_000 });
        expect(r.code, show(r)).toBe(0);
        expectOutput(file, r.stdout);
      }, 90_000);
    }
  }
});
