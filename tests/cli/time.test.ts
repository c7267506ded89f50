/**
 * The time flags as a user types them, through the built CLI: `--as-of`, `--horizon` and
 * `--none-through` on every command that samples, what they record, and one clear line with
 * exit code 2 for each bad use.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, expectRefusals, lines, runCli, runMany, show } from './helpers';

let dir = '';
const file = (name: string) => join(dir, name);

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'scenario-odds-time-'));
  // A backtest-like scenario with its own as-of date.
  writeFileSync(
    file('dated.json'),
    JSON.stringify({ id: 'dated', title: 'A dated forecast', params: { h: 0.05 }, timeline: { start: '2018-01', horizon: 6 }, asOf: '2018-03-08', events: { e: { hazard: 'h' } } }),
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('--as-of, --horizon and --none-through', () => {
  it('run records the date, the window and the evidence, in --json and in the text headline', async () => {
    const [json, text] = await runMany([
      ['run', 'trump-kim-summit', '--seed', '1', '--trials', '20000', '--as-of', '2027-01-15', '--horizon', '6', '--none-through', 'summit=2026-12-31', '--json'],
      ['run', 'trump-kim-summit', '--seed', '1', '--trials', '20000', '--as-of', '2027-01-15', '--horizon', '6', '--none-through', 'summit=2026-12-31'],
    ]);
    expect(json.code, show(json)).toBe(0);
    const r = JSON.parse(json.stdout);
    expect(r.asOf).toBe('2027-01-15');
    expect(r.window).toEqual({ from: '2027-01-15', to: '2027-07-14', period: 'month', periods: 7 });
    expect(r.evidence.noneThrough).toEqual({ summit: '2026-12-31' });
    expect(r.manifest).toMatchObject({ asOf: '2027-01-15', settings: { trials: 20000, horizon: 6, noneThrough: { summit: '2026-12-31' } } });
    expect(text.code, show(text)).toBe(0);
    expect(lines(text.stdout)[1]).toMatch(/^as of 2027-01-15 · window 2027-01-15 to 2027-07-14 · given no summit through 2026-12-31 \(effective sample [\d,]+ of 20,000 trials\)$/);
    expect(text.stderr).toBe('');
  });

  it('every analysis takes them and records the date', async () => {
    const common = ['--seed', '1', '--trials', '20000', '--as-of', '2027-01-15', '--none-through', 'summit=2026-12-31', '--json'];
    const results = await runMany([
      ['compare', 'trump-kim-summit', '--variant', 'seoul-steps-back', ...common],
      ['sensitivity', 'trump-kim-summit', '--sobol-samples', '0', ...common],
      ['attribution', 'trump-kim-summit', ...common],
      ['update', 'trump-kim-summit', '--given', 'rokMediation < 0', ...common],
    ]);
    for (const r of results) {
      expect(r.code, show(r)).toBe(0);
      expect(JSON.parse(r.stdout).asOf, show(r)).toBe('2027-01-15');
    }
  });

  it('says on stderr when a scenario forecasts from its own date, not today', async () => {
    const r = await runCli(['run', file('dated.json'), '--seed', '1', '--trials', '1000']);
    expect(r.code, show(r)).toBe(0);
    expect(lines(r.stdout)[1]).toBe('as of 2018-03-08 · window 2018-03-08 to 2018-09-07');
    expect(r.stderr).toMatch(/^note: this forecast is made as of 2018-03-08, the scenario's own date, not today \(\d{4}-\d\d-\d\d\); give --as-of \d{4}-\d\d-\d\d to forecast from today\n$/);
    const typed = await runCli(['run', file('dated.json'), '--seed', '1', '--trials', '1000', '--as-of', '2018-03-08']);
    expect(typed.stderr).toBe('');
  });

  it('refuses each bad use with one line naming the flag, exit 2', async () => {
    const refusals: Array<[string[], RegExp]> = [
      [['run', 'trump-kim-summit', '--as-of', '2026-13-01'], /^scenario-odds: --as-of must be a date written YYYY-MM-DD, e\.g\. 2026-12-04 \(got "2026-13-01"\)$/],
      [['run', 'trump-kim-summit', '--as-of', 'today'], /^scenario-odds: --as-of must be a date written YYYY-MM-DD/],
      [['run', 'trump-kim-summit', '--as-of', '2020-01-01'], /^--as-of: the as-of date 2020-01-01 is before the timeline's start 2025-11-01; the model's world starts there$/],
      [['run', 'trump-kim-summit', '--horizon', '0'], /^scenario-odds: --horizon must be a positive whole number \(got "0"\)$/],
      [['run', 'trump-kim-summit', '--horizon', '5000'], /^--horizon: must be a whole number from 1 to 1,200 \(got 5000\)$/],
      [['run', 'four-factors', '--horizon', '3'], /^--horizon: scenario "four-factors" has no timeline, so it has no window to set$/],
      [['run', 'trump-kim-summit', '--none-through', 'summit'], /^scenario-odds: --none-through must be EVENT=YYYY-MM-DD/],
      [['run', 'trump-kim-summit', '--none-through', 'summit=2026-05'], /^scenario-odds: --none-through must be EVENT=YYYY-MM-DD/],
      [['run', 'trump-kim-summit', '--none-through', 'summit=2026-01-01', '--none-through', 'summit=2026-02-01'], /^scenario-odds: --none-through gives "summit" twice/],
      [['run', 'trump-kim-summit', '--none-through', 'nosuch=2026-01-01'], /^--none-through nosuch: no event named "nosuch" \(events: summit, /],
      [['run', 'trump-kim-summit', '--none-through', 'mediationBackfires=2026-01-01'], /^--none-through mediationBackfires: "mediationBackfires" is not a timed event/],
      [['run', 'trump-kim-summit', '--as-of', '2026-12-04', '--none-through', 'summit=2027-01-01'], /^--none-through summit: 2027-01-01 is after the as-of date 2026-12-04/],
      [['run', 'trump-kim-summit', '--none-through', 'summit=2025-01-01'], /^--none-through summit: 2025-01-01 is before the timeline's start 2025-11-01/],
      [['report', 'trump-kim-summit', '--as-of', '2026-02-30', '--out', file('never')], /^scenario-odds: --as-of must be a date written YYYY-MM-DD/],
      // --as-of applies to every variant, a backtest's too; the refusal says which one it left in the past.
      [['compare', 'trump-kim-summit', '--as-of', '2026-12-04'], /^--as-of: variant "backtest-2018": the window ends on 2018-12-31 \(timeline\.end\), before the as-of date 2026-12-04: it lies wholly in the past/],
      [['compare', 'trump-kim-summit', '--horizon', 'x'], /^scenario-odds: --horizon must be a positive whole number \(got "x"\)$/],
      [['sensitivity', 'trump-kim-summit', '--as-of', '2019-01-01'], /^--as-of: the as-of date 2019-01-01 is before the timeline's start/],
      [['update', 'trump-kim-summit', '--given', 'rokMediation < 0', '--none-through', 'x'], /^scenario-odds: --none-through must be EVENT=YYYY-MM-DD/],
      [['attribution', 'trump-kim-summit', '--none-through', 'summit=2030-01-01', '--as-of', '2027-01-01'], /^--none-through summit: 2030-01-01 is after the as-of date 2027-01-01/],
    ];
    await expectRefusals(refusals);
  }, 120_000);

  it('refuses a fixed window that lies wholly in the past', async () => {
    writeFileSync(file('expired.json'), JSON.stringify({ id: 'expired', title: 'Expired', params: { h: 0.05 }, timeline: { start: '2025-01', end: '2025-12' }, events: { e: { hazard: 'h' } } }));
    const r = await runCli(['run', file('expired.json'), '--as-of', '2026-03-01']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr.trim()).toBe("--as-of: the window ends on 2025-12 (timeline.end), before the as-of date 2026-03-01: it lies wholly in the past; give a later end, or a horizon (--horizon N)");
  });
});
