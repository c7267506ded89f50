/**
 * The playground's pure parts (src/playground/state.ts and controls.ts): the URL state and its
 * round trip, the controls a scenario gets and their ranges, and the options every computation
 * takes from the view, down to the command line the report records.
 */
import { describe, expect, it } from 'vitest';
import { applyVariant, buildReport, builtinScenario, compareVariantsSync, simulateSync, type Scenario } from '../../src/index';
import { allowedValue, controlKeys, fieldKind, fieldRange, niceStep, orderOverrides, paramRange, rangeFor, scenarioControls, snap, timelineInfo } from '../../src/playground/controls';
import {
  compareOptions,
  decodeBase64Url,
  decodeState,
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  defaultState,
  encodeBase64Url,
  encodeState,
  reportOptions,
  runSettings,
  sameOriginUrl,
  sourceName,
  tornadoOptions,
  type ViewState,
} from '../../src/playground/state';

describe('URL state', () => {
  it('opens the flagship with seed 2025 and 100,000 trials when the URL says nothing', () => {
    const { state, problems } = decodeState('');
    expect(problems).toEqual([]);
    expect(state).toEqual({ source: { kind: 'builtin', id: 'trump-kim-summit' }, overrides: {}, seed: '2025', trials: 100_000 });
    expect(encodeState(state)).toBe('?id=trump-kim-summit&seed=2025&trials=100000');
  });

  const views: ViewState[] = [
    defaultState(),
    { source: { kind: 'builtin', id: 'four-factors' }, overrides: { base: -1.25, 'rokMediation.mean': 0.4, 'corr.a.b': -0.3 }, seed: '7', trials: 1_000_000 },
    { source: { kind: 'builtin', id: 'trump-kim-summit' }, overrides: { 'wDomestic.mean': -3.5 }, variant: 'seoul-steps-back', seed: 'my seed & more=yes?', halfWidth: 0.001, asOf: '2026-12-04', horizon: 6 },
    { source: { kind: 'load', url: 'scenario.json', name: 'my scenario.json' }, overrides: {}, seed: '2025', trials: 20_000 },
    { source: { kind: 'load', url: '/data/x%20y.json?v=2' }, overrides: { w: 1e-7, v: 0 }, seed: '1', trials: 1 },
    { source: { kind: 'file', data: encodeBase64Url('{"id":"ü","title":"Ünïcode ✓"}'), name: 'ü.json' }, overrides: { 'x.p': 0.1 + 0.2 }, seed: '2025', trials: 100_000 },
  ];

  it.each(views.map((v, i) => [i, v] as const))('reads back view %i from its query string, which is stable', (_i, view) => {
    const query = encodeState(view);
    const { state, problems } = decodeState(query);
    expect(problems).toEqual([]);
    expect(state).toEqual(view);
    expect(Object.keys(state.overrides)).toEqual(Object.keys(view.overrides));
    expect(encodeState(state)).toBe(query);
  });

  it('writes overrides as the CLI writes --set, readable in the address bar', () => {
    const q = encodeState({ ...defaultState(), overrides: { 'rokMediation.mean': 0.4, w: -2.5 } });
    expect(q).toBe('?id=trump-kim-summit&set=rokMediation.mean=0.4&set=w=-2.5&seed=2025&trials=100000');
    // Spaces, plus signs and ampersands in values are encoded; = / : , @ stay readable.
    expect(encodeState({ ...defaultState(), seed: 'a b+c&d=e/f' })).toContain('seed=a%20b%2Bc%26d=e/f');
  });

  it('accepts the forms a person types: 1e6 trials, a leading ?, an encoded =', () => {
    expect(decodeState('?id=four-factors&trials=1e6').state.trials).toBe(1_000_000);
    expect(decodeState('set=w%3D1.5&seed=9').state).toMatchObject({ overrides: { w: 1.5 }, seed: '9' });
    expect(decodeState('?hw=0.0005').state).toEqual({ source: { kind: 'builtin', id: 'trump-kim-summit' }, overrides: {}, seed: DEFAULT_SEED, halfWidth: 0.0005 });
  });

  it('names each part it does not understand and keeps the default for it', () => {
    const { state, problems } = decodeState('?id=four-factors&load=x.json&trials=abc&hw=2&set=nope&set=w=x&asOf=4 Dec&horizon=0&sed=1&seed=');
    expect(state).toEqual({ source: { kind: 'builtin', id: 'four-factors' }, overrides: {}, seed: DEFAULT_SEED, trials: DEFAULT_TRIALS });
    expect(problems).toEqual([
      'sed: not a setting of the playground (ignored)',
      'id and load: give one scenario; id is used',
      'set=nope: "nope" is not of the form NAME=VALUE (ignored)',
      'set=w=x: "x" is not a finite number (ignored)',
      'seed: must be 1 to 256 characters (got 0); 2025 is used',
      'trials and hw: give one of them; trials is used',
      'trials: "abc" is not a whole number of at least 1; 100000 is used',
      'asOf: "4 Dec" is not a date YYYY-MM-DD; the scenario\'s own date (else today) is used',
      'horizon: "0" is not a whole number of periods; the timeline\'s own is used',
    ]);
    expect(decodeState('?trials=1.5').problems).toEqual(['trials: "1.5" is not a whole number of at least 1; 100000 is used']);
    expect(decodeState('?seed=1&seed=2').state.seed).toBe('2');
    expect(decodeState('?seed=1&seed=2').problems).toEqual(['seed: given 2 times; the last one is used']);
  });

  it('reads -0 as 0, as the command line it becomes (`v=0`) would', () => {
    expect(Object.is(decodeState('?set=v=-0').state.overrides.v, 0)).toBe(true);
  });

  it('keeps a __proto__ override an ordinary key (for the engine to refuse by name)', () => {
    const { state } = decodeState('?set=__proto__=1');
    expect(Object.keys(state.overrides)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(state.overrides)).toBe(Object.prototype);
  });
});

describe('base64url', () => {
  it('round-trips any text, without padding or URL-unsafe characters', () => {
    for (const text of ['', 'a', 'ab', 'abc', '{"title":"Trump–Kim ✓ 🙂"}', '\u0000\uffff', 'x'.repeat(100_000)]) {
      const data = encodeBase64Url(text);
      expect(data).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(decodeBase64Url(data)).toBe(text);
    }
    expect(decodeBase64Url(`${encodeBase64Url('ab')}==`)).toBe('ab');
  });

  it('says what is wrong with data that is not base64url of UTF-8 text', () => {
    expect(() => decodeBase64Url('ab+c')).toThrow(/not base64url/);
    expect(() => decodeBase64Url('abcde')).toThrow(/length/);
    expect(() => decodeBase64Url(encodeBase64Url('x').slice(0, 1) + '_w')).toThrow(/UTF-8/);
  });
});

describe('where a scenario comes from', () => {
  it('names it in the command as the CLI would be given it', () => {
    expect(sourceName({ kind: 'builtin', id: 'four-factors' }, 'four-factors')).toBe('four-factors');
    expect(sourceName({ kind: 'load', url: 'scenario.json', name: 'examples/my.json' }, 'x')).toBe('examples/my.json');
    expect(sourceName({ kind: 'load', url: '/files/my%20model.json?v=3#top' }, 'x')).toBe('my model.json');
    expect(sourceName({ kind: 'file', data: 'e30' }, 'my-model')).toBe('my-model.json');
    expect(sourceName({ kind: 'file', data: 'e30', name: 'drop.json' }, 'my-model')).toBe('drop.json');
  });

  it('fetches only from the page\'s own origin', () => {
    const page = 'http://127.0.0.1:8080/?load=scenario.json';
    expect(sameOriginUrl('scenario.json', page)).toBe('http://127.0.0.1:8080/scenario.json');
    expect(sameOriginUrl('/a/b.json', page)).toBe('http://127.0.0.1:8080/a/b.json');
    expect(sameOriginUrl('https://example.com/s.json', page)).toBeUndefined();
    expect(sameOriginUrl('//example.com/s.json', page)).toBeUndefined();
    expect(sameOriginUrl('data:application/json,{}', page)).toBeUndefined();
    expect(sameOriginUrl('http://127.0.0.1:8081/s.json', page)).toBeUndefined();
  });
});

describe('control ranges', () => {
  it('spans a param\'s own min and max, else value ± max(1, 2·|value|)', () => {
    expect(paramRange({ value: 0.3, min: 0, max: 1 })).toMatchObject({ min: 0, max: 1, allowed: '0 to 1' });
    expect(paramRange(-1.5)).toEqual({ min: -4.5, max: 1.5, step: 0.01, integer: false });
    expect(paramRange(0)).toEqual({ min: -1, max: 1, step: 0.01, integer: false });
    expect(paramRange(0.2)).toMatchObject({ min: -0.8, max: 1.2 });
    expect(paramRange({ value: 5, min: 2 })).toMatchObject({ min: 2, max: 15, allowed: '≥ 2' });
    expect(paramRange({ value: -5, max: 0 })).toMatchObject({ min: -15, max: 0, allowed: '≤ 0' });
  });

  it('keeps positive fields positive, probabilities within [0, 1] and counts whole', () => {
    for (const [family, field] of [['normal', 'sd'], ['lognormal', 'sigma'], ['beta', 'alpha'], ['gamma', 'shape'], ['gamma', 'mean'], ['exponential', 'rate'], ['exponential', 'mean'], ['poisson', 'lambda'], ['t', 'df'], ['t', 'scale'], ['lognormal', 'p5']]) {
      expect(fieldKind(family, field), `${family}.${field}`).toBe('positive');
      const r = fieldRange(family, field, 0.12);
      expect(r.min).toBeGreaterThan(0);
      expect(r.max).toBeGreaterThanOrEqual(0.48);
    }
    expect(fieldRange('normal', 'sd', 0.004)).toEqual({ min: 0.0001, max: 0.016, step: 0.0001, integer: false, allowed: '> 0' });
    expect(fieldRange('bernoulli', 'p', 0.3)).toMatchObject({ min: 0, max: 1 });
    expect(fieldRange('binomial', 'p', 0.3)).toMatchObject({ min: 0, max: 1 });
    expect(fieldRange('beta', 'mean', 0.8)).toMatchObject({ min: 0.001, max: 0.999, allowed: 'between 0 and 1' });
    expect(fieldRange('binomial', 'n', 20)).toEqual({ min: 1, max: 80, step: 1, integer: true, allowed: 'a whole number ≥ 1' });
  });

  it('spans value ± max(1, 2·|value|) for any other field, on a grid of its step', () => {
    expect(fieldKind('normal', 'mean')).toBe('free');
    expect(fieldRange('normal', 'mean', -5)).toEqual({ min: -15, max: 5, step: 0.1, integer: false });
    expect(fieldRange('normal', 'mean', -0.4)).toEqual({ min: -1.4, max: 0.6, step: 0.01, integer: false });
    expect(fieldRange('pert', 'mode', 1.5)).toEqual({ min: -1.5, max: 4.5, step: 0.01, integer: false });
    expect(fieldRange('normal', 'p95', 0)).toEqual({ min: -1, max: 1, step: 0.01, integer: false });
    expect(fieldKind('logistic', 'p5')).toBe('free');
  });

  it('snaps slider values to the step without floating-point dust', () => {
    expect(niceStep(2)).toBe(0.01);
    expect(niceStep(30)).toBe(0.1);
    expect(niceStep(0.016)).toBe(0.0001);
    expect(snap(0.1 + 0.2, 0.01)).toBe(0.3);
    expect(snap(-0.0000001, 0.01)).toBe(0);
    expect(Object.is(snap(-0.0000001, 0.01), -0)).toBe(false);
    expect(snap(-2.9999999999999996, 0.1)).toBe(-3);
  });

  it('widens a slider to a value typed beyond it, and checks typed values', () => {
    expect(rangeFor({ min: -1, max: 1, step: 0.01 }, 7)).toEqual({ min: -1, max: 7 });
    expect(rangeFor({ min: -1, max: 1, step: 0.01 }, Number.NaN)).toEqual({ min: -1, max: 1 });
    expect(allowedValue({ key: 'a.sd', integer: false, allowed: '> 0' }, 0)).toBe(false);
    expect(allowedValue({ key: 'a.p', integer: false, allowed: '0 to 1' }, 1)).toBe(true);
    expect(allowedValue({ key: 'a.mean', integer: false, allowed: 'between 0 and 1' }, 1)).toBe(false);
    expect(allowedValue({ key: 'a.n', integer: true, allowed: 'a whole number ≥ 1' }, 2.5)).toBe(false);
    expect(allowedValue({ key: 'w', integer: false }, -1e9)).toBe(true);
    expect(allowedValue({ key: 'w', integer: false }, Number.POSITIVE_INFINITY)).toBe(false);
  });
});

describe('controls of a scenario', () => {
  it('gives the flagship one control per numeric field of each factor, grouped by factor, with its labels', () => {
    const flagship = builtinScenario('trump-kim-summit')!;
    const groups = scenarioControls(flagship);
    expect(groups.map((g) => g.name)).toEqual(Object.keys(flagship.factors!));
    const wDomestic = groups.find((g) => g.name === 'wDomestic')!;
    expect(wDomestic).toMatchObject({ kind: 'factor', title: 'Weight of US domestic constraints on the US route', family: 'normal', notes: [] });
    expect(wDomestic.description).toMatch(/usDomesticConstraints/);
    expect(wDomestic.source).toBeDefined();
    expect(wDomestic.controls.map((c) => [c.key, c.field, c.value])).toEqual([
      ['wDomestic.mean', 'mean', -5],
      ['wDomestic.sd', 'sd', 1],
      ['wDomestic.max', 'max', 0],
    ]);
    expect(groups.find((g) => g.name === 'sanctionsBlocking')!.controls.map((c) => [c.key, c.allowed])).toEqual([
      ['sanctionsBlocking.mean', 'between 0 and 1'],
      ['sanctionsBlocking.sd', '> 0'],
    ]);
    expect(groups.find((g) => g.name === 'venueWeightDmz')!.controls.map((c) => c.key)).toEqual(['venueWeightDmz.p5', 'venueWeightDmz.p95']);
    // Every control's value lies within its slider.
    for (const c of groups.flatMap((g) => g.controls)) {
      expect(c.value, c.key).toBeGreaterThanOrEqual(c.min);
      expect(c.value, c.key).toBeLessThanOrEqual(c.max);
    }
  });

  it('applies the variant first: its replaced distributions are the ones with controls', () => {
    const flagship = builtinScenario('trump-kim-summit')!;
    const seoul = applyVariant(flagship, 'seoul-steps-back').scenario!;
    expect(scenarioControls(seoul).find((g) => g.name === 'rokMediation')!.controls.map((c) => [c.key, c.value])).toEqual([['rokMediation.value', 0]]);
  });

  it('shows params first with their documentation, and correlations last', () => {
    const scenario: Scenario = {
      id: 'x',
      title: 'X',
      params: { w: { value: 0.5, min: 0, max: 2, label: 'Weight', description: 'How much.', source: 'judgment' }, b: -1 },
      factors: {
        a: { dist: 'normal', mean: 0, sd: 1 },
        c: { dist: 'normal', mean: 0, sd: 1 },
        k: { dist: 'categorical', weights: { yes: 1, no: 2 } },
        s: { dist: 'samples', values: [1, 2, 3] },
        m: { dist: 'mixture', components: [{ dist: 'normal', mean: 0, sd: 1 }, { dist: 'constant', value: 1 }], weights: [1, 1] },
        l: { dist: 'beta', likelihood: 'likely' },
        n: { dist: 'binomial', n: 10, p: 0.5 },
      },
      correlations: [{ factors: ['a', 'c'], rank: 0.3 }],
      events: { e: 'a > 0' },
    };
    const groups = scenarioControls(scenario);
    expect(groups.map((g) => g.name)).toEqual(['params', 'a', 'c', 'k', 's', 'm', 'l', 'n', 'correlations']);
    expect(groups[0].controls[0]).toMatchObject({ key: 'w', field: 'w', value: 0.5, min: 0, max: 2, label: 'Weight', description: 'How much.', source: 'judgment' });
    expect(groups[0].controls[1]).toMatchObject({ key: 'b', min: -3, max: 1 });
    const notes = (name: string) => groups.find((g) => g.name === name)!.notes;
    expect(notes('k')).toEqual(['weights: one per outcome, not adjustable here (edit the file)']);
    expect(notes('s')).toEqual(['values: 3 data points, not adjustable here']);
    expect(notes('m')).toEqual(['components: 2 distributions, not adjustable here', 'weights: one per component, not adjustable here']);
    expect(notes('l')).toEqual(['likelihood: “likely” (an ICD-203 phrase), not adjustable here']);
    expect(groups.find((g) => g.name === 'n')!.controls.map((c) => [c.key, c.integer])).toEqual([['n.n', true], ['n.p', false]]);
    expect(groups.at(-1)!.controls).toEqual([expect.objectContaining({ key: 'corr.a.c', value: 0.3, min: -0.99, max: 0.99 })]);
    expect(controlKeys(groups)).toEqual(['w', 'b', 'a.mean', 'a.sd', 'c.mean', 'c.sd', 'n.n', 'n.p', 'corr.a.c']);
  });

  it('keeps overrides in the controls\' order, then any others in their own', () => {
    const ordered = orderOverrides({ zz: 1, 'c.sd': 2, w: 3, 'a.mean': 4 }, ['w', 'b', 'a.mean', 'c.sd']);
    expect(Object.entries(ordered)).toEqual([['w', 3], ['a.mean', 4], ['c.sd', 2], ['zz', 1]]);
  });

  it('knows a timed scenario by its timeline', () => {
    expect(timelineInfo(builtinScenario('trump-kim-summit')!)).toEqual({ period: 'month', horizon: 12 });
    expect(timelineInfo(builtinScenario('four-factors')!)).toBeUndefined();
  });
});

describe('the options of the view\'s computations', () => {
  it('builds the report of exactly the view, whose command reproduces it', async () => {
    const view: ViewState = { source: { kind: 'builtin', id: 'four-factors' }, overrides: { wDomestic: -2.5, 'rokMediation.mean': 0.4 }, seed: '7', trials: 20_000 };
    const settings = runSettings(view, sourceName(view.source, 'four-factors'));
    expect(reportOptions(settings)).toEqual({ seed: '7', trials: 20_000, params: { wDomestic: -2.5, 'rokMediation.mean': 0.4 }, source: 'four-factors' });
    const report = await buildReport(builtinScenario('four-factors')!, reportOptions(settings));
    expect(report.reproduce.command).toBe(`scenario-odds report four-factors --seed 7 --trials 20000 --set wDomestic=-2.5 --set rokMediation.mean=0.4 --as-of ${report.asOf}`);
    expect(report.asked.source).toBe('four-factors');
  });

  it('names a file by its name, and writes every setting of a timed view in the command', async () => {
    const flagship = builtinScenario('trump-kim-summit')!;
    const view: ViewState = { source: { kind: 'file', data: encodeBase64Url(JSON.stringify(flagship)), name: 'my summit.json' }, overrides: { 'wDomestic.mean': -3 }, variant: 'seoul-steps-back', seed: '2025', halfWidth: 0.01, asOf: '2026-12-04', horizon: 6 };
    const settings = runSettings(view, sourceName(view.source, flagship.id));
    const options = reportOptions(settings);
    expect(options).toEqual({ seed: '2025', halfWidth: 0.01, params: { 'wDomestic.mean': -3 }, variant: 'seoul-steps-back', asOf: '2026-12-04', horizon: 6, source: 'my summit.json' });
    const report = await buildReport(flagship, options);
    expect(report.reproduce.command).toBe(
      "scenario-odds report 'my summit.json' --seed 2025 --half-width 0.01 --max-trials 10000000 --variant seoul-steps-back --set wDomestic.mean=-3 --as-of 2026-12-04 --horizon 6",
    );
  });

  it('compares with the scenario as loaded: same seed, variant, date and trials, without the overrides', () => {
    const scenario = builtinScenario('four-factors')!;
    const settings = runSettings({ ...defaultState({ kind: 'builtin', id: 'four-factors' }), overrides: { wDomestic: -2.5 }, seed: '3', trials: 20_000 }, 'four-factors');
    const run = simulateSync(scenario, { seed: '3', trials: 20_000, params: { wDomestic: -2.5 } });
    const options = compareOptions(settings, { trials: run.trials, asOf: run.asOf });
    expect(options).toEqual({ seed: '3', trials: 20_000, asOf: run.asOf, variants: [{ name: 'your settings', overrides: { wDomestic: -2.5 } }] });
    const c = compareVariantsSync(scenario, options);
    const loaded = simulateSync(scenario, { seed: '3', trials: 20_000 });
    // Both sides are what the view's run and a run of the scenario as loaded give, bit for bit.
    expect(c.variants[0].events.summit.variant).toBe(run.events.summit.probability);
    expect(c.variants[0].events.summit.baseline).toBe(loaded.events.summit.probability);
    expect(c.variants[0].events.summit.differencePp.probability).toBeLessThan(0);

    const withVariant = compareOptions({ ...settings, variant: 'v', horizon: 3 }, { trials: 10_000, asOf: '2026-01-01' });
    expect(withVariant).toEqual({ seed: '3', trials: 10_000, variant: 'v', asOf: '2026-01-01', horizon: 3, variants: [{ name: 'your settings', variant: 'v', overrides: { wDomestic: -2.5 } }] });
  });

  it('asks the tornado for no Sobol indices and at most 100,000 trials', () => {
    const settings = runSettings({ ...defaultState(), overrides: { 'wDomestic.mean': -3 }, halfWidth: 0.001, trials: undefined }, 'trump-kim-summit');
    expect(tornadoOptions(settings, 'summit', { trials: 1_230_000, asOf: '2026-12-04' })).toEqual({
      seed: '2025',
      trials: 100_000,
      params: { 'wDomestic.mean': -3 },
      asOf: '2026-12-04',
      event: 'summit',
      sobolSamples: 0,
    });
  });
});
