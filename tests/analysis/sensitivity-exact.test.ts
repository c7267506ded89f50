/**
 * The tornado, number by number and word by word: each bar's settings and how they are written,
 * its swing and the swing's interval against a reference computed another way from the same
 * trials, the order of the bars, the notes for a setting that breaks the model and for Sobol
 * indices that cannot be computed, and every refused option.
 *
 * The reference: a tornado evaluates each setting on the base's trials (common random numbers,
 * streams keyed by seed, chunk and factor), so a scenario that writes the low and high settings as
 * two derived nodes of the same factors sees the same trials, and its output `high − low` gives,
 * through `simulate`'s own code, the per-trial swing's mean and standard error. The two
 * computations differ only in rounding; a relative 1e-9 is far below a mistake in a formula and
 * far above 12,000 trials' rounding.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSensitivitySync, type SensitivityOptions } from '../../src/analysis/sensitivity';
import { NumericalError } from '../../src/engine/chunk';
import { Z95 } from '../../src/engine/intervals';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { relativeError } from '../helpers/numbers';
import { perTest } from './helpers';
import { issuesOf, thrownBy } from '../helpers/errors';

const seed = 'sensitivity-exact';
// Two chunks, the second partial, so every sum also merges across chunks.
const trials = 12_000;

const factors: Scenario['factors'] = {
  x: { dist: 'normal', mean: 0, sd: 1 },
  y: { dist: 'normal', mean: 0, sd: 1 },
  coin: { dist: 'bernoulli', p: 0.1 },
};
/** b is declared before a, and neither moves the event: their bars tie at 0 and sort by name. z and unused feed only `other`. */
const scenario: Scenario = {
  id: 'tornado',
  title: 'Tornado',
  params: { k: 1.2, m: 0, b: 0.3, a: 0.2, unused: 5 },
  factors: { ...factors, z: { dist: 'uniform', min: 0, max: 1 } },
  derived: { spare: 'z * unused' },
  events: { e: 'sigmoid(k * x + m * y - coin + 0 * a + 0 * b)', other: 'spare / 5' },
};
const run = (options: Partial<SensitivityOptions> = {}, s: Scenario = scenario) => analyzeSensitivitySync(s, { seed, trials, sobolSamples: 0, event: 'e', ...options });

/** The per-trial swing high − low of the event with `lo` and `hi` written out, as simulate's output. */
function swingReference(lo: string, hi: string): { mean: number; standardError: number } {
  const reference: Scenario = { id: 'reference', title: 'Reference', factors, derived: { lo, hi }, outputs: { d: 'hi - lo' }, events: { e: 'lo' } };
  return simulateSync(reference, { seed, trials }).outputs!.d;
}

/** An interval for |d| from d's: the text of absInterval's three cases, written out. */
function expectedAbs(mean: number, se: number): [number, number] {
  const [lo, hi] = [mean - Z95 * se, mean + Z95 * se];
  return lo >= 0 ? [lo, hi] : hi <= 0 ? [-hi, -lo] : [0, Math.max(-lo, hi)];
}

describe('the bars: settings, swings and their intervals', () => {
  const r = perTest(() => run());
  const bar = (name: string) => r().tornado.find((b) => b.name === name)!;

  it('has a bar for each input the event reads, largest swing first, ties by name', () => {
    // y's bar is flat too: m = 0 multiplies it away. So a, b and y tie at 0.
    expect(r().tornado.map((b) => b.name)).toEqual(['x', 'coin', 'k', 'm', 'a', 'b', 'y']);
    expect(r().tornado.map((b) => b.kind)).toEqual(['factor', 'factor', 'param', 'param', 'param', 'param', 'factor']);
    for (let i = 1; i < r().tornado.length; i++) expect(r().tornado[i].swing).toBeLessThanOrEqual(r().tornado[i - 1].swing);
    expect([bar('a').swing, bar('b').swing, bar('y').swing]).toEqual([0, 0, 0]);
    expect([bar('a').swingCi95, bar('b').swingCi95, bar('y').swingCi95]).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it('pins a factor at its percentiles, and a discrete one whose percentiles coincide at its lowest and highest values', () => {
    // N(0, 1)'s 10th and 90th percentiles are ∓1.2815515655446004 (scipy.stats.norm.ppf(0.9)).
    expect([bar('x').lowValue, bar('x').highValue]).toEqual([expect.closeTo(-1.2815515655446004, 14), expect.closeTo(1.2815515655446004, 14)]);
    expect([bar('x').lowSetting, bar('x').highSetting]).toEqual(['10th percentile (-1.282)', '90th percentile (1.282)']);
    // Bernoulli(0.1) puts both percentiles on 0.
    expect([bar('coin').lowSetting, bar('coin').highSetting, bar('coin').lowValue, bar('coin').highValue]).toEqual(['lowest value (0)', 'highest value (1)', 0, 1]);
  });

  it('moves a param by ±50% of its value, or by ±0.5 when its value is 0, rounded as a person would type it', () => {
    expect([bar('k').lowValue, bar('k').highValue, bar('k').lowSetting, bar('k').highSetting]).toEqual([0.6, 1.8, '0.6 (−50%)', '1.8 (+50%)']);
    expect([bar('m').lowValue, bar('m').highValue, bar('m').lowSetting, bar('m').highSetting]).toEqual([-0.5, 0.5, '-0.5 (−0.5)', '0.5 (+0.5)']);
    const absolute = run({ paramStep: 0.25, paramStepKind: 'absolute' });
    const k = absolute.tornado.find((b) => b.name === 'k')!;
    expect([k.lowValue, k.highValue, k.lowSetting, k.highSetting]).toEqual([0.95, 1.45, '0.95 (−0.25)', '1.45 (+0.25)']);
    expect([absolute.paramStep, absolute.paramStepKind, r().paramStep, r().paramStepKind]).toEqual([0.25, 'absolute', 0.5, 'relative']);
  });

  it('gives each bar the swing |high − low| and the interval of the per-trial paired swing', () => {
    const [xLo, xHi] = [bar('x').lowValue, bar('x').highValue];
    const cases: Array<[string, string, string]> = [
      ['x', `sigmoid(1.2 * ${xLo} + 0 * y - coin)`, `sigmoid(1.2 * ${xHi} + 0 * y - coin)`],
      ['k', 'sigmoid(0.6 * x + 0 * y - coin)', 'sigmoid(1.8 * x + 0 * y - coin)'],
      ['m', 'sigmoid(1.2 * x + -0.5 * y - coin)', 'sigmoid(1.2 * x + 0.5 * y - coin)'],
      ['coin', 'sigmoid(1.2 * x + 0 * y - 0)', 'sigmoid(1.2 * x + 0 * y - 1)'],
    ];
    for (const [name, lo, hi] of cases) {
      const b = bar(name);
      const ref = swingReference(lo, hi);
      expect(b.swing, name).toBeCloseTo(Math.abs(b.high.probability - b.low.probability), 15);
      expect(relativeError(b.high.probability - b.low.probability, ref.mean), name).toBeLessThan(1e-9);
      const [elo, ehi] = expectedAbs(ref.mean, ref.standardError);
      expect(b.swingCi95![0], name).toBeCloseTo(elo, 12);
      expect(b.swingCi95![1], name).toBeCloseTo(ehi, 12);
    }
    // All three cases of the interval for |d|: x's swing is positive, coin's negative (it lowers
    // every trial), and m's is noise around 0 (x and y are symmetric), so its interval starts at 0.
    expect(swingReference(...cases[0].slice(1) as [string, string]).mean).toBeGreaterThan(0);
    expect(bar('coin').high.probability).toBeLessThan(bar('coin').low.probability);
    expect(bar('m').swingCi95![0]).toBe(0);
  });

  it('leaves out params the event does not read, and reports the options it ran with', () => {
    expect(r().tornado.find((b) => b.name === 'unused')).toBeUndefined();
    expect([r().percentiles, r().sobolSamples, r().bootstrap, r().sobol, r().variance, r().notes]).toEqual([[0.1, 0.9], 0, 200, [], undefined, undefined]);
  });
});

describe('percentiles and their names', () => {
  const names = (percentiles: [number, number]) => {
    const x = run({ percentiles }).tornado.find((b) => b.name === 'x')!;
    return [x.lowSetting.replace(/ \(.*/, ''), x.highSetting.replace(/ \(.*/, '')];
  };

  it('writes ordinals as English does, including 11th to 13th and fractions', () => {
    expect(names([0.01, 0.02])).toEqual(['1st percentile', '2nd percentile']);
    expect(names([0.03, 0.04])).toEqual(['3rd percentile', '4th percentile']);
    expect(names([0.11, 0.12])).toEqual(['11th percentile', '12th percentile']);
    expect(names([0.13, 0.21])).toEqual(['13th percentile', '21st percentile']);
    expect(names([0.22, 0.23])).toEqual(['22nd percentile', '23rd percentile']);
    expect(names([0.025, 0.975])).toEqual(['2.5th percentile', '97.5th percentile']);
  });

  it('leaves out a factor whose percentile is not finite, with a note', () => {
    const r = run({ percentiles: [0, 0.9] });
    expect(r.tornado.map((b) => b.name)).not.toContain('x');
    expect(r.notes).toEqual(expect.arrayContaining(['x left out of the tornado: its 0th percentile or 90th percentile is not finite', 'y left out of the tornado: its 0th percentile or 90th percentile is not finite']));
    // The uniform's and Bernoulli's ends are finite: they keep their bars.
    expect(run({ percentiles: [0, 1] }, { ...scenario, factors: { ...scenario.factors, x: { dist: 'uniform', min: -2, max: 2 }, y: { dist: 'uniform', min: -1, max: 1 } } }).tornado.find((b) => b.name === 'x')).toMatchObject({ lowValue: -2, highValue: 2, lowSetting: '0th percentile (-2)', highSetting: '100th percentile (2)' });
  });
});

describe('a setting that breaks the model', () => {
  const fragile: Scenario = {
    id: 'fragile',
    title: 'Fragile',
    params: { k: 0.8, j: 1 },
    factors: { u: { dist: 'uniform', min: 0, max: 1 } },
    derived: { root: 'sqrt(j - 0.5 - u * 0.4)' },
    events: { e: 'k * u + 0 * root' },
  };

  it('leaves its bar out with a note naming the setting, the node, what it gave and the first trial', () => {
    const r = run({}, fragile);
    // k at 1.2 (+50%) makes k·u > 1 for u > 5/6: a probability outside [0, 1].
    // j at 0.5 (−50%) makes sqrt's argument negative for every u: NaN, a non-finite value.
    expect(r.tornado.map((b) => b.name)).toEqual(['u']);
    expect(r.notes).toHaveLength(2);
    expect(r.notes![0]).toMatch(/^k left out of the tornado: at 1\.2 \(\+50%\) "e" gives a probability outside \[0, 1\] \((1\.\d+), first at trial (\d+)\)$/);
    expect(r.notes![1]).toMatch(/^j left out of the tornado: at 0\.5 \(−50%\) "root" gives a non-finite value \(NaN, first at trial 0\)$/);
    // The trial is the first one whose u exceeds 5/6, as simulate with k = 1.2 finds it.
    const own = thrownBy(() => simulateSync(fragile, { seed, trials, params: { k: 1.2 } }), NumericalError);
    expect(r.notes![0]).toContain(`(${own.value}, first at trial ${own.firstTrial})`);
  });

  it('a negative window multiplier is named as one', () => {
    const timed: Scenario = {
      id: 'windows',
      title: 'Windows',
      asOf: '2026-01-01',
      timeline: { start: '2026-01', horizon: 3 },
      params: { boost: 1 },
      factors: { h: { dist: 'uniform', min: 0, max: 0.2 } },
      events: { e: { hazard: 'h', windows: [{ from: '2026-02', to: '2026-02', multiplier: 'boost - 0.5 + h' }] } },
    };
    const r = run({ paramStep: 1 }, timed);
    expect(r.notes).toEqual([expect.stringMatching(/^boost left out of the tornado: at 0 \(−100%\) "e \(window 0 multiplier\)" gives a negative or infinite multiplier \(-[\d.e-]+, first at trial \d+\)$/)]);
  });
});

describe('Sobol notes', () => {
  it('says when the event has no variance to divide, and when it depends on no uncertain factor', () => {
    const flat: Scenario = { id: 'flat', title: 'Flat', params: { p: 0.3 }, factors: { u: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'p + 0 * u', fixed: 'p' } };
    const none = run({ sobolSamples: 100 }, flat);
    expect(none.notes).toEqual(['"e" has the same probability in every sampled trial, so there is no variance for Sobol indices to divide']);
    expect(none.sobol).toEqual([]);
    expect(none).not.toHaveProperty('variance');
    expect(run({ sobolSamples: 100, event: 'fixed' }, flat).notes).toEqual(['"fixed" depends on no uncertain factor, so there are no Sobol indices']);
    // Without a Sobol design there is nothing to say.
    expect(run({ sobolSamples: 0, event: 'fixed' }, flat)).not.toHaveProperty('notes');
  });

  it('reports the variance the indices divide, and the design’s size', () => {
    const r = run({ sobolSamples: 2000, bootstrap: 20 });
    expect(r.sobol.map((i) => i.factor)).toEqual(['x', 'y', 'coin']);
    expect([r.sobolSamples, r.bootstrap]).toEqual([2000, 20]);
    expect(r.variance).toBeGreaterThan(0);
  });
});

describe('refused options, each named with what it got', () => {
  const refused = (options: Partial<SensitivityOptions>) => issuesOf(() => run(options));
  const message = (options: Partial<SensitivityOptions>) => thrownBy(() => run(options), ScenarioError).issues.map((i) => i.message);

  it('percentiles outside 0 <= low < high <= 1', () => {
    for (const percentiles of [[-0.1, 0.9], [0.5, 0.5], [0.9, 0.1], [0.1, 1.1]] as Array<[number, number]>) expect(refused({ percentiles }), String(percentiles)).toEqual(['invalid-option percentiles']);
    expect(message({ percentiles: [0.5, 0.5] })).toEqual(['must be two numbers 0 <= low < high <= 1 (got [0.5,0.5])']);
  });

  it('a param step that is not a positive finite number', () => {
    for (const paramStep of [0, -1, Infinity, NaN]) expect(refused({ paramStep }), String(paramStep)).toEqual(['invalid-option paramStep']);
    expect(message({ paramStep: 0 })).toEqual(['must be a number greater than 0 (got 0)']);
  });

  it('Sobol samples other than 0 or a whole number from 2 to 1,000,000, and bootstrap outside 0 to 10,000', () => {
    for (const sobolSamples of [1, 2.5, -2, 1_000_001]) expect(refused({ sobolSamples }), String(sobolSamples)).toEqual(['invalid-option sobolSamples']);
    for (const bootstrap of [-1, 1.5, 10_001]) expect(refused({ bootstrap }), String(bootstrap)).toEqual(['invalid-option bootstrap']);
    expect(message({ sobolSamples: 1, bootstrap: -1 })).toEqual(['must be 0 or a whole number from 2 to 1,000,000 (got 1)', 'must be a whole number from 0 to 10,000 (got -1)']);
    // The smallest design and no bootstrap are accepted.
    expect(run({ sobolSamples: 2, bootstrap: 0 }).sobolSamples).toBe(2);
  });
});
