/**
 * Issue 15, the library's side: validation that finds every problem at once and refuses
 * parameters whose samples would overflow; unknown option keys refused with a "did you mean";
 * hints for operators from other languages; a NaN message whose count and trial index agree;
 * and an honest interval from a single trial.
 */
import { describe, expect, it } from 'vitest';
import {
  analyzeSensitivitySync,
  attributeLogOddsSync,
  buildReport,
  compareVariantsSync,
  createDistribution,
  createStream,
  NumericalError,
  parseLedger,
  ScenarioError,
  simulate,
  simulateSync,
  updateOddsSync,
  validateDistSpec,
  validateScenario,
  type Scenario,
  type SimulateOptions,
  type ValidationIssue,
} from '../../src/index';
import { checkFormula } from '../../src/expr';
import { analysisOptionNames } from '../../src/analysis/common';
import { SIMULATE_OPTION_NAMES } from '../../src/engine/setup';
import { escapeHtml, escapeMarkdown, stripControl } from '../../src/report/escape';

const base: Scenario = {
  id: 'base',
  title: 'Base',
  params: { w: 1 },
  factors: { x: { dist: 'normal', mean: 0, sd: 1 } },
  derived: { y: 'w * x' },
  events: { e: 'sigmoid(y)', big: 'y > 0.5' },
  variants: { more: { set: { w: 2 } } },
};

/** The issues a call throws as a ScenarioError (fails when it throws anything else or nothing). */
function issuesOf(f: () => unknown): readonly ValidationIssue[] {
  try {
    f();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).issues;
  }
  throw new Error('expected a ScenarioError, but nothing was thrown');
}

async function issuesOfAsync(f: () => Promise<unknown>): Promise<readonly ValidationIssue[]> {
  const e: unknown = await f().then(
    () => new Error('expected a ScenarioError, but nothing was thrown'),
    (err: unknown) => err,
  );
  expect(e, String(e)).toBeInstanceOf(ScenarioError);
  return (e as ScenarioError).issues;
}

/** Options as plain JavaScript may pass them: TypeScript would refuse the typo at compile time. */
const untyped = <T>(o: Record<string, unknown>): T => o as T;

describe('unknown option keys are an error, with a "did you mean" and the list of options', () => {
  const trailsMessage = `unknown option "trails" (did you mean "trials"?); options: ${SIMULATE_OPTION_NAMES.join(', ')}`;

  it('simulateSync: { trails: 1000 } is refused, not ignored', () => {
    expect(issuesOf(() => simulateSync(base, untyped<SimulateOptions>({ seed: 1, trails: 1000 })))).toEqual([{ code: 'unknown-option', path: 'trails', message: trailsMessage }]);
    expect(trailsMessage).toMatch(/; options: seed, trials, halfWidth, maxTrials, params, variant, signal, onProgress, batchSize, asOf, horizon, noneThrough$/);
  });

  it('simulate (async) refuses it the same way', async () => {
    expect(await issuesOfAsync(() => simulate(base, untyped<SimulateOptions>({ seed: 1, trails: 1000 })))).toEqual([{ code: 'unknown-option', path: 'trails', message: trailsMessage }]);
  });

  it('reports an unknown key together with the other bad options, unknown keys first', () => {
    const issues = issuesOf(() => simulateSync(base, untyped<SimulateOptions>({ seed: '', trials: 0, haldWidth: 0.01, zzz: 1 })));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown-option', 'haldWidth'],
      ['unknown-option', 'zzz'],
      ['invalid-option', 'trials'],
      ['invalid-option', 'seed'],
    ]);
    expect(issues[0].message).toMatch(/^unknown option "haldWidth" \(did you mean "halfWidth"\?\); options: seed, /);
    // Nothing close: no suggestion, only the list.
    expect(issues[1].message).toMatch(/^unknown option "zzz"; options: seed, /);
  });

  it('lets a key whose value is undefined through (a spread optional value), and runs every real option', () => {
    expect(simulateSync(base, untyped<SimulateOptions>({ seed: 1, trials: 10, trails: undefined })).trials).toBe(10);
    const all: Required<Omit<SimulateOptions, 'halfWidth' | 'maxTrials' | 'horizon' | 'noneThrough' | 'asOf'>> = {
      seed: 1,
      trials: 10,
      params: { w: 1 },
      variant: 'more',
      signal: new AbortController().signal,
      onProgress: () => {},
      batchSize: 5,
    };
    expect(simulateSync(base, all).trials).toBe(10);
  });

  it('the Node entry takes workers and pool, and refuses a misspelt key with its own list', async () => {
    const { simulate: onThreads } = await import('../../src/node/parallel');
    const { runShard } = await import('../../src/node/shard');
    expect((await onThreads(base, { seed: 1, trials: 10, workers: 1 })).trials).toBe(10);
    const issues = await issuesOfAsync(() => onThreads(base, untyped<SimulateOptions>({ seed: 1, trials: 10, wokers: 2 })));
    expect(issues).toEqual([{ code: 'unknown-option', path: 'wokers', message: expect.stringMatching(/^unknown option "wokers" \(did you mean "workers"\?\); options: seed, .*, workers, pool$/) }]);
    const shard = await issuesOfAsync(() => runShard(base, untyped({ seed: 1, trials: 10, trails: 5 }), { k: 1, n: 1 }));
    expect(shard.map((i) => [i.code, i.path])).toEqual([['unknown-option', 'trails']]);
  });

  it('refuses options that are not an object', () => {
    for (const bad of [null, 1000, 'trials=1000', [1000]]) {
      const issues = issuesOf(() => simulateSync(base, bad as unknown as SimulateOptions));
      expect(issues, JSON.stringify(bad)).toEqual([{ code: 'invalid-option', path: '', message: expect.stringMatching(/^options must be an object such as \{ seed: 1, trials: 10000 \} \(got .+\)$/) }]);
    }
  });

  it('compareVariantsSync, analyzeSensitivitySync, attributeLogOddsSync and updateOddsSync refuse unknown keys', () => {
    const opts = { seed: 1, trials: 200, sobolSamples: 0 };
    const compare = issuesOf(() => compareVariantsSync(base, untyped({ seed: 1, trials: 200, variants: ['more'], trails: 5 })));
    expect(compare.map((i) => [i.code, i.path])).toEqual([['unknown-option', 'trails']]);
    expect(compare[0].message).toMatch(/^unknown option "trails" \(did you mean "trials"\?\); options: seed, trials, variant, params, batchSize, asOf, horizon, noneThrough, signal, onProgress, /);

    const sensitivity = issuesOf(() => analyzeSensitivitySync(base, untyped({ ...opts, evnt: 'e' })));
    expect(sensitivity).toEqual([{ code: 'unknown-option', path: 'evnt', message: expect.stringMatching(/^unknown option "evnt" \(did you mean "event"\?\); options: /) }]);

    const attribution = issuesOf(() => attributeLogOddsSync(base, untyped({ seed: 1, trials: 200, evnt: 'e' })));
    expect(attribution).toEqual([{ code: 'unknown-option', path: 'evnt', message: expect.stringMatching(/did you mean "event"/) }]);

    const ledger = parseLedger({ observations: [{ signpost: 'talks', pIfEvent: 0.6, pIfNotEvent: 0.3 }] });
    const update = issuesOf(() => updateOddsSync(base, ledger, untyped({ seed: 1, trials: 200, givn: ['x > 0'] })));
    expect(update).toEqual([{ code: 'unknown-option', path: 'givn', message: expect.stringMatching(/did you mean "given"/) }]);
  });

  it('the analyses still take every option of their own', () => {
    expect(compareVariantsSync(base, { seed: 1, trials: 200, variants: ['more'], events: ['e'] }).trials).toBe(200);
    expect(analyzeSensitivitySync(base, { seed: 1, trials: 200, event: 'e', percentiles: [0.2, 0.8], paramStep: 0.1, paramStepKind: 'absolute', sobolSamples: 0, bootstrap: 10 }).trials).toBe(200);
    expect(attributeLogOddsSync(base, { seed: 1, trials: 200, event: 'e' }).trials).toBe(200);
    const ledger = parseLedger({ observations: [{ signpost: 'talks', pIfEvent: 0.6, pIfNotEvent: 0.3 }] });
    expect(updateOddsSync(base, ledger, { seed: 1, trials: 2000, event: 'e', given: ['x > -3'] }).trials).toBe(2000);
  });

  it('the option lists name every option of each analysis', () => {
    const shared = ['seed', 'trials', 'variant', 'params', 'batchSize', 'asOf', 'horizon', 'noneThrough', 'signal', 'onProgress'];
    expect(analysisOptionNames('compare')).toEqual([...shared, 'variants', 'events']);
    expect(analysisOptionNames('sensitivity')).toEqual([...shared, 'event', 'percentiles', 'paramStep', 'paramStepKind', 'sobolSamples', 'bootstrap']);
    expect(analysisOptionNames('attribution')).toEqual([...shared, 'event']);
    expect(analysisOptionNames('update')).toEqual([...shared, 'event', 'given']);
    expect(new Set(analysisOptionNames())).toEqual(new Set([...shared, 'variants', 'events', 'event', 'percentiles', 'paramStep', 'paramStepKind', 'sobolSamples', 'bootstrap', 'given']));
  });

  it('buildReport passes a misspelt run option to the engine, which refuses it', async () => {
    const issues = await issuesOfAsync(() => buildReport(base, untyped({ seed: 1, trails: 1000 })));
    expect(issues).toEqual([{ code: 'unknown-option', path: 'trails', message: trailsMessage }]);
  });
});

describe('parameters whose samples would overflow are refused at validation', () => {
  const withFactor = (x: unknown): unknown => ({ ...base, variants: undefined, factors: { x } });

  it('a lognormal with mu = 1000 (every sample +Infinity) names mu and the limit', () => {
    const issues = validateScenario(withFactor({ dist: 'lognormal', mu: 1000, sigma: 1 }));
    expect(issues).toEqual([
      {
        code: 'dist-invalid-param',
        path: 'factors.x.mu',
        message: 'mu must be within ±230 (got 1000): samples are e^(mu + sigma·z) and must stay between e^-230 and e^230 (about 1e-100 and 1e100); e^1000 is +Infinity',
      },
    ]);
    // It used to run and report the mean as null.
    expect(() => simulateSync(withFactor({ dist: 'lognormal', mu: 1000, sigma: 1 }) as Scenario, { seed: 1, trials: 100 })).toThrow(ScenarioError);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['lognormal sigma', { dist: 'lognormal', mu: 0, sigma: 30 }, 'sigma', /^sigma \(30\) is too wide: samples reach e\^\(\|mu\| \+ 13·sigma\) = e\^390 .*must be at most 230 so that samples stay between e\^-230 and e\^230/],
    ['lognormal tiny mu', { dist: 'lognormal', mu: -1000, sigma: 1 }, 'mu', /^mu must be within ±230 \(got -1000\)/],
    ['lognormal percentiles', { dist: 'lognormal', p5: 1, p95: 1e60 }, 'p95', /^\[p5, p95\] = \[1, 1e\+60\] is too wide/],
    ['lognormal huge percentile', { dist: 'lognormal', p5: 1, p95: 1e200 }, 'p95', /^p95 must be at most 1e100 \(got 1e\+200\)/],
    ['normal sd', { dist: 'normal', mean: 0, sd: 1e308 }, 'sd', /^sd \(1e\+308\) is too wide: samples reach mean ± 13·sd/],
    ['normal mean', { dist: 'normal', mean: 1e200, sd: 1 }, 'mean', /^mean must be within ±1e100 \(got 1e\+200\)/],
    ['half-truncated normal', { dist: 'normal', mean: 0, sd: 1e99, min: 0 }, 'sd', /^sd \(1e\+99\) is too wide: samples reach mean ± 13·sd = \[0, 1\.3e\+100\]/],
    ['normal percentiles', { dist: 'normal', p5: -1e100, p95: 1e100 }, 'p95', /^\[p5, p95\] = \[-1e\+100, 1e\+100\] is too wide/],
    ['uniform', { dist: 'uniform', min: 0, max: 1e101 }, 'max', /^max must be within ±1e100 \(got 1e\+101\)/],
    ['constant', { dist: 'constant', value: -1e200 }, 'value', /^value must be within ±1e100/],
    ['triangular', { dist: 'triangular', min: 0, mode: 1e200, max: 1 }, 'mode', /^mode must be within ±1e100/],
    ['pert', { dist: 'pert', min: -1e300, mode: 0, max: 1 }, 'min', /^min must be within ±1e100/],
    ['beta shape', { dist: 'beta', alpha: 1e200, beta: 1 }, 'alpha', /^alpha must be at most 1e100/],
    ['beta sd', { dist: 'beta', mean: 0.5, sd: 1e-200 }, 'sd', /^sd \(1e-200\) is too small for a Beta with mean 0\.5: its shapes would exceed 1e100/],
  ])('%s', (_what, spec, field, message) => {
    const issues = validateDistSpec(spec, 'factors.x');
    expect(issues, JSON.stringify(issues)).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'dist-invalid-param', path: `factors.x.${field}` });
    expect(issues[0].message).toMatch(message);
  });

  it('a uniform spanning more than the largest number gets one issue per bound, not an overflow as well', () => {
    expect(validateDistSpec({ dist: 'uniform', min: -1e308, max: 1e308 }, 'f').map((i) => i.path)).toEqual(['f.min', 'f.max']);
  });

  it('just inside the limits, every sample and every summary of a run is finite', () => {
    const edge: Array<Record<string, unknown>> = [
      { dist: 'lognormal', mu: 229.7, sigma: 0.02 },
      { dist: 'lognormal', mu: -229.7, sigma: 0.02 },
      { dist: 'lognormal', mu: 0, sigma: 17.6 },
      { dist: 'normal', mean: 0, sd: 7.6e98 },
      { dist: 'normal', mean: 1e100, sd: 1e80, max: 1e100 },
      { dist: 'uniform', min: -1e100, max: 1e100 },
      { dist: 'constant', value: 1e100 },
      { dist: 'beta', alpha: 1e100, beta: 1e100 },
    ];
    for (const spec of edge) {
      expect(validateDistSpec(spec), JSON.stringify(spec)).toEqual([]);
      const out = new Float64Array(20_000);
      createDistribution(spec as never).sample(createStream('edge', 0, 'x'), out, out.length);
      expect(out.every(Number.isFinite), JSON.stringify(spec)).toBe(true);
      const r = simulateSync({ id: 'edge', title: 'Edge', factors: { x: spec as never }, events: { e: 'x > 0' } }, { seed: 1, trials: 20_000 });
      expect([r.nodes.x.mean, r.nodes.x.sd].every(Number.isFinite), `${JSON.stringify(spec)}: ${JSON.stringify(r.nodes.x)}`).toBe(true);
    }
  });
});

describe('validation reports value errors and formula errors together', () => {
  it('a bad distribution and a bad formula: both, in one list', () => {
    const s = { ...base, factors: { x: { dist: 'normal', mean: 0, sd: -1 } }, events: { e: 'qqq > 0' } };
    expect(validateScenario(s)).toEqual([
      { code: 'dist-invalid-param', path: 'factors.x.sd', message: 'sd must be greater than 0 (got -1)' },
      { code: 'formula-unknown-name', path: 'events.e', message: 'unknown name "qqq"' },
    ]);
  });

  it('a wrong type elsewhere in the scenario and bad formulas in every place a formula goes', () => {
    const s = {
      id: 'both',
      title: 42,
      params: { w: 1 },
      factors: { x: { dist: 'normal', mean: 0, sd: 1 } },
      derived: { y: 'w *', z: { formula: 'x ** 2' } },
      outputs: { cost: { formula: 'x ||', unit: 'USD' } },
      timeline: { start: '2026-01', period: 'month', horizon: 3 },
      events: { e: 'y && x', f: { p: 'x >', given: 'e' }, t: { hazard: 'qq', windows: [{ every: 'year', months: [1], multiplier: '2 x' }] } },
      signposts: { s: { given: 'x => 1' } },
    };
    expect(validateScenario(s).map((i) => [i.path, i.code])).toEqual([
      ['title', 'wrong-type'],
      ['derived.y', 'formula-syntax'],
      ['derived.z.formula', 'formula-syntax'],
      ['outputs.cost.formula', 'formula-syntax'],
      ['events.e', 'formula-syntax'],
      ['events.f.p', 'formula-syntax'],
      ['events.t.hazard', 'formula-unknown-name'],
      ['events.t.windows.0.multiplier', 'formula-implicit-multiplication'],
      ['signposts.s.given', 'formula-syntax'],
    ]);
  });

  it('a formula whose place already has a problem is not reported twice', () => {
    const s = { ...base, title: 7, derived: { y: '' }, events: { e: { p: 'y > 0', extra: 1 }, f: 0.5 } };
    expect(validateScenario(s).map((i) => [i.path, i.code])).toEqual([
      ['title', 'wrong-type'],
      ['derived.y', 'invalid-value'],
      ['events.e.extra', 'unknown-field'],
      ['events.f', 'wrong-type'],
    ]);
  });

  it('a formula reading a factor whose distribution is wrong does not also call the name unknown', () => {
    const s = { ...base, factors: { x: { dist: 'weibull', shape: 2 } }, events: { e: 'x > 0' } };
    expect(validateScenario(s).map((i) => i.path)).toEqual(['factors.x.dist']);
  });

  it('no events and a bad formula: both', () => {
    const s = { ...base, derived: { y: 'w * qqq' }, events: {} };
    expect(validateScenario(s).map((i) => [i.path, i.code])).toEqual([
      ['events', 'no-events'],
      ['derived.y', 'formula-unknown-name'],
    ]);
  });

  it("a variant does not repeat the base scenario's problems, only its own", () => {
    const s = { ...base, events: { e: 'qqq > 0' }, variants: { more: { set: { w: 2 } }, broken: { factors: { x: { dist: 'normal', mean: 0, sd: 0 } } } } };
    expect(validateScenario(s).map((i) => [i.path, i.code])).toEqual([
      ['events.e', 'formula-unknown-name'],
      ['variants.broken.factors.x.sd', 'dist-invalid-param'],
    ]);
  });
});

describe('operators from other languages get a hint', () => {
  const known = new Set(['a', 'b']);
  it.each([
    ['a || b', 'syntax error at character 4: Value expected (write "or" instead of "||")'],
    ['a && b', 'syntax error at character 4: Value expected (write "and" instead of "&&")'],
    ['a ** 2', 'syntax error at character 4: Value expected (write "^" for a power instead of "**")'],
    ['a === b', 'syntax error at character 5: Value expected (write "==" instead of "===")'],
    ['a !== b', 'syntax error at character 5: Value expected (write "!=" instead of "!==")'],
    ['a <> b', 'syntax error at character 4: Value expected (write "!=" instead of "<>")'],
    ['!a', 'syntax error at character 1: Value expected (write "not" instead of "!")'],
    ['a | b', 'operator "|" is not supported: "a | b" (write "or")'],
    ['a & b', 'operator "&" is not supported: "a & b" (write "and")'],
    ['a = b', 'assignment is not allowed: "a = b" (write "==" to compare)'],
  ])('%s', (formula, message) => {
    expect(checkFormula(formula, known, 'events.e').issues.map((i) => i.message)).toEqual([message]);
  });

  it('no hint where none applies, and none for the same characters in a formula that parses', () => {
    expect(checkFormula('a +', known, 'e').issues[0].message).toBe('syntax error at character 4: Unexpected end of expression');
    expect(checkFormula('a != b', known, 'e').issues).toEqual([]);
    expect(checkFormula('a ^ -b', known, 'e').issues).toEqual([]);
  });
});

describe('a NaN message gives the batch count with the run-wide index of the first bad trial', () => {
  it('the count is of the batch that held the first bad trial, and the trial is numbered from the run start', () => {
    const s: Scenario = { id: 'nan', title: 'NaN', factors: { u: { dist: 'uniform', min: 0, max: 1 } }, derived: { bad: 'sqrt(u - 0.0003)' }, events: { e: 'bad > 0.5' } };
    let err: NumericalError | undefined;
    try {
      simulateSync(s, { seed: 5, trials: 10_000 });
    } catch (e) {
      err = e as NumericalError;
    }
    expect(err).toBeInstanceOf(NumericalError);
    const { badTrials, batchTrials, firstTrial } = err!;
    // Recount from u's own stream for chunk 0: the bad trials are those with u < 0.0003.
    const u = new Float64Array(10_000);
    createDistribution({ dist: 'uniform', min: 0, max: 1 }).sample(createStream('5', 0, 'u'), u, u.length);
    const bad = [...u.keys()].filter((i) => u[i] < 0.0003);
    const batchStart = Math.floor(bad[0] / batchTrials) * batchTrials;
    expect(firstTrial).toBe(bad[0]);
    expect(firstTrial).toBeGreaterThanOrEqual(batchTrials); // the case the old message made look inconsistent
    expect(badTrials).toBe(bad.filter((i) => i >= batchStart && i < batchStart + batchTrials).length);
    expect(err!.message).toBe(`"bad" gave a non-finite value (NaN) in ${badTrials} of the ${batchTrials} trials of the batch it happened in; the first was trial ${firstTrial} (seed "5")`);
  });
});

describe('one trial gives the widest interval, never a point', () => {
  it('a probability-valued event from 1 trial: [0, 1]', () => {
    const r = simulateSync(base, { seed: 1, trials: 1 });
    expect(r.events.e.method).toBe('mean');
    expect([r.events.e.ci95[0], r.events.e.ci95[1]]).toEqual([0, 1]);
    expect(r.events.e.standardError).toBe(0.5);
  });

  it('a 0/1 event and a conditional event from 1 trial: a wide interval too', () => {
    const s: Scenario = { ...base, events: { big: 'y > -100', given: { p: 'sigmoid(y)', given: 'big' } } };
    const r = simulateSync(s, { seed: 1, trials: 1 });
    expect(r.events.big.method).toBe('wilson');
    expect(r.events.big.ci95[1] - r.events.big.ci95[0]).toBeGreaterThan(0.7);
    expect([r.events.given.ci95[0], r.events.given.ci95[1]]).toEqual([0, 1]);
  });
});

describe('HTML and Markdown escaping also remove terminal controls and bidi overrides', () => {
  it('escapeHtml and escapeMarkdown apply stripControl', () => {
    const hostile = 'a\u001b[2Jb\u202ec\u0007<i>';
    expect(escapeHtml(hostile)).toBe('a[2Jbc&lt;i&gt;');
    expect(escapeMarkdown(hostile)).toBe('a\\[2Jbc\\<i\\>');
    // Line breaks still become spaces in Markdown (a lone CR too), and stay in HTML.
    expect(escapeMarkdown('a\r\nb\rc\nd')).toBe('a b c d');
    expect(escapeHtml('a\nb\tc')).toBe('a\nb\tc');
    expect(stripControl(hostile)).toBe('a[2Jbc<i>');
  });
});

describe('a section of names that is not an object', () => {
  it('is reported once: formulas reading its names are not called unknown, but their syntax is still checked', () => {
    const s = { ...base, variants: undefined, params: 'w = 1', derived: { y: 'w * x', z: 'w **' } };
    expect(validateScenario(s).map((i) => [i.path, i.code])).toEqual([
      ['params', 'wrong-type'],
      ['derived.z', 'formula-syntax'],
    ]);
  });
});
