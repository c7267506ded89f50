/**
 * Options of a run (src/engine/setup.ts), word for word: the settings each option gives, every
 * refusal with its path and message, the limits at their edges, and where the as-of date came
 * from. Messages are part of the interface (the CLI prints them as they are).
 */
import { describe, expect, it } from 'vitest';
import { prepare, settingsFrom, SIMULATE_OPTION_NAMES, unknownOptionIssues } from '../../src/engine/setup';
import { DEFAULT_BATCH_SIZE, DEFAULT_MAX_TRIALS, DEFAULT_TRIALS, type SimulateOptions } from '../../src/engine/types';
import { ScenarioError, type ValidationIssue } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { thrownBy } from '../helpers/errors';

/** The issues `settingsFrom` throws for these options, as [code, path, message]. */
const refused = (options: unknown, earlier: ValidationIssue[] = []) =>
  thrownBy(() => settingsFrom(options as SimulateOptions, earlier), ScenarioError).issues.map((i) => [i.code, i.path, i.message]);

const count = (path: string, max: string, got: string) => [['invalid-option', path, `must be a whole number from 1 to ${max} (got ${got})`]];

describe('settingsFrom', () => {
  it('fills in the defaults, and takes a limit of trials only with a target half-width', () => {
    const plain = settingsFrom({ seed: 7 });
    expect(plain).toEqual({ seed: '7', trials: DEFAULT_TRIALS, halfWidth: undefined, maxTrials: undefined, batchSize: DEFAULT_BATCH_SIZE, variant: undefined, overrides: {} });
    expect(settingsFrom({ seed: 's', halfWidth: 0.01 })).toMatchObject({ trials: undefined, halfWidth: 0.01, maxTrials: DEFAULT_MAX_TRIALS });
    expect(settingsFrom({ seed: 's', halfWidth: 0.5, maxTrials: 50, trials: 100 })).toMatchObject({ trials: undefined, maxTrials: 50 });
    expect(settingsFrom({ seed: 's', trials: 5, maxTrials: 5 })).toMatchObject({ trials: 5, maxTrials: 5 });
    expect(settingsFrom({}).seed).toMatch(/./); // a generated seed
  });

  it('keeps the time options only when given, and copies "nothing yet" evidence', () => {
    const none = { summit: '2026-05-15' };
    const s = settingsFrom({ seed: 1, asOf: '2026-01-02', horizon: 12, noneThrough: none, variant: 'v', params: { w: 1 }, batchSize: 300 });
    expect(s).toMatchObject({ asOf: '2026-01-02', horizon: 12, noneThrough: none, variant: 'v', overrides: { w: 1 }, batchSize: 300 });
    expect(s.noneThrough).not.toBe(none);
    const bare = settingsFrom({ seed: 1, noneThrough: {} });
    expect(Object.keys(bare)).not.toContain('noneThrough');
    expect(Object.keys(bare)).not.toContain('asOf');
    expect(Object.keys(bare)).not.toContain('horizon');
  });

  it('refuses counts outside their range, with the range and the value as given', () => {
    expect(refused({ trials: 0 })).toEqual(count('trials', '10,000,000,000', '0'));
    expect(refused({ trials: 10_000_000_001 })).toEqual(count('trials', '10,000,000,000', '10000000001'));
    expect(refused({ trials: 2.5 })).toEqual(count('trials', '10,000,000,000', '2.5'));
    expect(refused({ maxTrials: '9' })).toEqual(count('maxTrials', '10,000,000,000', '"9"'));
    expect(refused({ batchSize: 65_537 })).toEqual(count('batchSize', '65,536', '65537'));
    expect(refused({ horizon: 1_201 })).toEqual(count('horizon', '1,200', '1201'));
    expect(refused({ trials: () => 1 })).toEqual(count('trials', '10,000,000,000', '() => 1'));
    expect(() => settingsFrom({ trials: 10_000_000_000, maxTrials: 1, batchSize: 65_536, horizon: 1_200, halfWidth: 0.5 })).not.toThrow();
    expect(() => settingsFrom({ trials: 1, maxTrials: 1, batchSize: 1, horizon: 1 })).not.toThrow();
  });

  it('refuses a half-width outside (0, 0.5], a bad seed, and more trials than the limit', () => {
    const half = (got: string) => [['invalid-option', 'halfWidth', `must be a number in (0, 0.5] (got ${got})`]];
    expect(refused({ halfWidth: 0 })).toEqual(half('0'));
    expect(refused({ halfWidth: 0.5000000000000001 })).toEqual(half('0.5000000000000001'));
    expect(refused({ halfWidth: 'wide' })).toEqual(half('"wide"'));
    expect(refused({ halfWidth: NaN })).toEqual(half('null'));
    expect(refused({ halfWidth: '0.3' })).toEqual(half('"0.3"')); // compares as a number, but is not one
    const seed = (got: string) => [['invalid-option', 'seed', `must be a non-empty string of at most 256 characters or a whole number (got ${got})`]];
    expect(refused({ seed: '' })).toEqual(seed('""'));
    expect(refused({ seed: 'x'.repeat(257) })).toEqual(seed(JSON.stringify('x'.repeat(257))));
    expect(refused({ seed: 1.5 })).toEqual(seed('1.5'));
    expect(refused({ seed: 2 ** 53 })).toEqual(seed('9007199254740992'));
    expect(settingsFrom({ seed: 'x'.repeat(256) }).seed).toBe('x'.repeat(256));
    expect(refused({ trials: 5, maxTrials: 4 })).toEqual([['invalid-option', 'trials', '5 exceeds maxTrials (4)']]);
  });

  it('refuses a bad as-of date and bad "nothing yet" evidence, naming the event', () => {
    expect(refused({ asOf: '2026-13-01' })).toEqual([['invalid-option', 'asOf', 'must be a date written YYYY-MM-DD (got "2026-13-01")']]);
    const shape = [['invalid-option', 'noneThrough', 'must be an object of event names to dates, e.g. { "summit": "2026-05-15" }']];
    expect(refused({ noneThrough: null })).toEqual(shape);
    expect(refused({ noneThrough: ['2026-01-01'] })).toEqual(shape);
    expect(refused({ noneThrough: '2026-01-01' })).toEqual(shape);
    expect(refused({ noneThrough: { summit: '2026-1-1', talks: 20260101 } })).toEqual([
      ['invalid-option', 'noneThrough.summit', 'must be a date written YYYY-MM-DD (got "2026-1-1")'],
      ['invalid-option', 'noneThrough.talks', 'must be a date written YYYY-MM-DD (got 20260101)'],
    ]);
  });

  it('reports every bad option at once, after the issues found before', () => {
    const earlier: ValidationIssue[] = [{ code: 'unknown-option', path: 'trails', message: 'unknown option "trails"' }];
    expect(refused({ trials: 0, seed: '', asOf: 'today' }, earlier).map(([, path]) => path)).toEqual(['trails', 'trials', 'seed', 'asOf']);
    // Options that are not an object: the earlier issues if any, else what unknownOptionIssues says.
    expect(refused(null, earlier)).toEqual([['unknown-option', 'trails', 'unknown option "trails"']]);
    expect(refused(5)).toEqual([['invalid-option', '', 'options must be an object such as { seed: 1, trials: 10000 } (got 5)']]);
  });
});

describe('unknownOptionIssues', () => {
  it('names each key the function does not take, with the nearest option and the list', () => {
    expect(unknownOptionIssues(undefined, SIMULATE_OPTION_NAMES)).toEqual([]);
    expect(unknownOptionIssues({ trials: 5, later: undefined }, SIMULATE_OPTION_NAMES)).toEqual([]);
    const list = SIMULATE_OPTION_NAMES.join(', ');
    expect(unknownOptionIssues({ trails: 5, zzzzzz: 1 }, SIMULATE_OPTION_NAMES)).toEqual([
      { code: 'unknown-option', path: 'trails', message: `unknown option "trails" (did you mean "trials"?); options: ${list}` },
      { code: 'unknown-option', path: 'zzzzzz', message: `unknown option "zzzzzz"; options: ${list}` },
    ]);
    for (const [value, got] of [[null, 'null'], [[1], '[1]'], ['fast', '"fast"'], [Symbol.iterator, 'Symbol(Symbol.iterator)']] as const) {
      expect(unknownOptionIssues(value, SIMULATE_OPTION_NAMES)).toEqual([{ code: 'invalid-option', path: '', message: `options must be an object such as { seed: 1, trials: 10000 } (got ${got})` }]);
    }
  });
});

describe('prepare', () => {
  const scenario: Scenario = { id: 'plain', title: 'Plain', params: { w: 1 }, factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'x < w / 2' } };
  const today = () => new Date().toISOString().slice(0, 10);

  it('says where the as-of date came from: the option, the scenario, or today', () => {
    expect(prepare(scenario, settingsFrom({ asOf: '2026-03-04' }))).toMatchObject({ asOf: '2026-03-04', asOfFrom: 'option' });
    expect(prepare({ ...scenario, asOf: '2025-01-02' }, settingsFrom({ asOf: '2026-03-04' }))).toMatchObject({ asOf: '2026-03-04', asOfFrom: 'option' });
    expect(prepare({ ...scenario, asOf: '2025-01-02' }, settingsFrom({}))).toMatchObject({ asOf: '2025-01-02', asOfFrom: 'scenario' });
    expect(prepare(scenario, settingsFrom({}))).toMatchObject({ asOf: today(), asOfFrom: 'today' });
  });

  it('runs a scenario as given when nothing is overridden (no empty params added, so the same hash)', () => {
    const bare: Scenario = { id: 'bare', title: 'Bare', factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'x < 0.5' } };
    const prepared = prepare(bare, settingsFrom({}));
    expect(prepared.scenario).toStrictEqual(bare);
    expect(prepared.hash).toBe(prepare(bare, settingsFrom({ params: {} })).hash);
  });

  it('applies parameter overrides and refuses an unknown one', () => {
    expect(prepare(scenario, settingsFrom({ params: { w: 0.4 } })).scenario.params).toEqual({ w: 0.4 });
    expect(prepare(scenario, settingsFrom({})).scenario.params).toEqual({ w: 1 });
    expect(thrownBy(() => prepare(scenario, settingsFrom({ params: { v: 1 } })), ScenarioError).issues.map((i) => i.path)).toEqual(['overrides.v']);
  });

  it('refuses a window and "nothing yet" evidence for a scenario without a timeline', () => {
    const issues = thrownBy(() => prepare(scenario, settingsFrom({ horizon: 6, noneThrough: { e: '2026-01-01' } })), ScenarioError).issues;
    expect(issues).toEqual([
      { code: 'timeline-missing', path: 'horizon', message: 'scenario "plain" has no timeline, so it has no window to set' },
      { code: 'not-timed', path: 'noneThrough.e', message: 'scenario "plain" has no timeline: "nothing yet" evidence needs a timed event' },
    ]);
  });

  it('gives the timed events of a scenario with a timeline their windows, and leaves its other events as they are', () => {
    const timed: Scenario = { ...scenario, timeline: { start: '2026-01', horizon: 12 }, events: { e: 'x < w / 2', soon: { hazard: 'x / 10' } } };
    const { plan } = prepare(timed, settingsFrom({ asOf: '2026-01-01' }));
    const byName = Object.fromEntries(plan.events.map((e) => [e.name, e]));
    expect(byName.e).not.toHaveProperty('windows');
    expect(byName.soon).toHaveProperty('windows');
  });

  it('refuses a variant the scenario does not have', () => {
    const issues = thrownBy(() => prepare({ ...scenario, variants: { low: { set: { w: 0.2 } } } }, settingsFrom({ variant: 'high' })), ScenarioError).issues;
    expect(issues.map((i) => i.path)).toEqual(['variants.high']);
    const low = prepare({ ...scenario, variants: { low: { set: { w: 0.2 } } } }, settingsFrom({ variant: 'low' })).scenario;
    expect(low.params).toEqual({ w: 0.2 });
    expect(low).not.toHaveProperty('variants');
  });
});
