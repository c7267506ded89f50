/**
 * compare's numbers against references computed another way from the very same trials.
 *
 * A comparison evaluates the baseline and a variant on common random numbers: the streams are
 * keyed by (seed, chunk, factor), so a scenario that writes both sides as derived nodes of the
 * same factors draws the same values. Its outputs then give, through `simulate`'s own code, the
 * per-trial difference's mean and standard error, each delta-method influence term's, and the
 * share of trials that move. Where the two computations differ only in rounding (a mean of
 * differences against a difference of means, a covariance matrix against the sum of squares of
 * one column) the tolerance is a relative 1e-9, far below any mistake in a formula (a factor of
 * 2 in a variance, a wrong sign in a gradient) and far above 12,000 trials' rounding (~1e-12).
 */
import { describe, expect, it } from 'vitest';
import { compareVariants, compareVariantsSync } from '../../src/analysis/compare';
import { NumericalError } from '../../src/engine/chunk';
import { Z95 } from '../../src/engine/intervals';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { relativeError } from '../helpers/numbers';
import { perTest } from './helpers';
import { thrownBy } from '../helpers/errors';

const seed = 'compare-exact';
// Two chunks, the second partial, so every sum also merges across chunks.
const trials = 12_000;

const factors: Scenario['factors'] = {
  x: { dist: 'normal', mean: 0, sd: 1 },
  y: { dist: 'normal', mean: -0.5, sd: 1 },
  u: { dist: 'uniform', min: 0, max: 1 },
};

/** The baseline: k = 1, t = 0.5; the variant below sets k = 2 and t = 0.6. */
const scenario: Scenario = {
  id: 'paired',
  title: 'Paired',
  params: { k: 1, t: 0.5 },
  factors,
  derived: { s: 'sigmoid(x)' },
  outputs: { cost: '10 * u * k' },
  events: { e: 'sigmoid(k * x + y)', hit: 'u > t', soon: { p: 's', given: 'e' } },
  variants: {
    steeper: { label: 'Steeper', description: 'x counts twice', set: { k: 2, t: 0.6 } },
    labelOnly: { label: 'Only a label', set: { k: 2 } },
    bare: { set: { k: 2 } },
  },
};

/** Both sides of every event as nodes of one model, with `params` for the means a gradient needs. */
function reference(params: Record<string, number> = {}, outputs: Record<string, string> = {}): Scenario {
  return {
    id: 'reference',
    title: 'Reference',
    params,
    factors,
    derived: { s: 'sigmoid(x)', pb: 'sigmoid(1 * x + y)', pv: 'sigmoid(2 * x + y)', hb: 'u > 0.5', hv: 'u > 0.6' },
    outputs: { d: 'pv - pb', greater: 'pv > pb', less: 'pv < pb', dh: 'hv - hb', ...outputs },
    events: { e: 'pb' },
  };
}

const steeper = perTest(() => compareVariantsSync(scenario, { seed, trials, variants: ['steeper'] }).variants[0]);
const referenceOutputs = perTest(() => simulateSync(reference(), { seed, trials }).outputs!);

describe('a probability event: the paired difference, its interval and the odds ratio', () => {
  const e = () => steeper().events.e;
  const ref = referenceOutputs;

  it('is the mean of the per-trial differences, with their standard error', () => {
    expect(relativeError(e().differencePp.probability, 100 * ref().d.mean)).toBeLessThan(1e-9);
    expect(relativeError(e().differencePp.standardError, 100 * ref().d.standardError)).toBeLessThan(1e-9);
    const se = e().differencePp.standardError;
    expect(e().differencePp.ci95[0]).toBeCloseTo(e().differencePp.probability - Z95 * se, 12);
    expect(e().differencePp.ci95[1]).toBeCloseTo(e().differencePp.probability + Z95 * se, 12);
  });

  it('counts the trials that move up and down exactly (x > 0 and x < 0 here)', () => {
    expect(e().probabilityGreater).toBe(ref().greater.mean);
    expect(e().probabilityLess).toBe(ref().less.mean);
    // Both near one half: neither side of the split is empty.
    expect(e().probabilityGreater!).toBeGreaterThan(0.45);
    expect(e().probabilityLess!).toBeGreaterThan(0.45);
  });

  it('spreads the per-trial differences across the worlds exactly as the reference output', () => {
    expect(e().acrossWorlds).toEqual(ref().d.acrossWorlds);
  });

  it('gives the odds ratio with the delta method’s interval on the log scale', () => {
    const { baseline: pb, variant: pv } = e();
    expect(e().oddsRatio!).toBeCloseTo(pv / (1 - pv) / (pb / (1 - pb)), 12);
    // The per-trial influence of the log odds ratio: p_v,i / (pv(1 − pv)) − p_b,i / (pb(1 − pb)).
    const influence = simulateSync(reference({ PB: pb, PV: pv }, { o: 'pv / (PV * (1 - PV)) - pb / (PB * (1 - PB))' }), { seed, trials }).outputs!.o;
    const seLog = influence.standardError;
    expect(relativeError(e().oddsRatioCi95![0], e().oddsRatio! * Math.exp(-Z95 * seLog))).toBeLessThan(1e-9);
    expect(relativeError(e().oddsRatioCi95![1], e().oddsRatio! * Math.exp(Z95 * seLog))).toBeLessThan(1e-9);
  });
});

describe('a 0/1 event', () => {
  const hit = () => steeper().events.hit;
  const ref = referenceOutputs;

  it('has the paired difference of its outcomes, and no share of trials that move', () => {
    expect(relativeError(hit().differencePp.probability, 100 * ref().dh.mean)).toBeLessThan(1e-9);
    expect(relativeError(hit().differencePp.standardError, 100 * ref().dh.standardError)).toBeLessThan(1e-9);
    expect(hit().probabilityGreater).toBeUndefined();
    expect(hit().probabilityLess).toBeUndefined();
    expect(hit().oddsRatio).toBeDefined();
  });
});

describe('a conditional event: the difference of two ratios', () => {
  const soon = () => steeper().events.soon;

  it('has each side as simulate gives it, and the delta method’s standard error', () => {
    const base = simulateSync(scenario, { seed, trials });
    const variant = simulateSync(scenario, { seed, trials, variant: 'steeper' });
    expect(soon().baseline).toBe(base.events.soon.probability);
    expect(soon().variant).toBe(variant.events.soon.probability);
    // Per trial, (joint − p·condition) / mean(condition) on each side: the ratio's influence.
    const params = { PB: soon().baseline, PV: soon().variant, MB: base.events.e.probability, MV: variant.events.e.probability };
    const influence = simulateSync(reference(params, { r: '(pv * s - PV * pv) / MV - (pb * s - PB * pb) / MB' }), { seed, trials }).outputs!.r;
    expect(relativeError(soon().differencePp.standardError, 100 * influence.standardError)).toBeLessThan(1e-9);
    expect(soon().differencePp.probability).toBeCloseTo(100 * (soon().variant - soon().baseline), 12);
  });

  it('compares P(event | condition) per trial, which the variant does not change, and has no spread', () => {
    expect(soon().differencePp.probability).not.toBe(0);
    expect([soon().probabilityGreater, soon().probabilityLess]).toEqual([0, 0]);
    expect(soon().acrossWorlds).toBeUndefined();
  });

  it('refuses a baseline under which the condition never holds, naming the event and the side', () => {
    const gated: Scenario = { ...scenario, events: { hit: 'u > t', late: { p: 's', given: 'hit' } } };
    const e = thrownBy(() => compareVariantsSync(gated, { seed, trials: 2000, params: { t: 1 }, variants: [{ overrides: { t: 0.5 } }], events: ['late'] }), ScenarioError);
    expect(e.issues).toEqual([{ code: 'condition-never-held', path: 'events.late.given', message: 'the condition of "late" had probability 0 in all 2000 trials of the baseline, so the comparison is undefined' }]);
  });

  it('refuses a variant under which the condition never holds', () => {
    const gated: Scenario = { ...scenario, events: { hit: 'u > t', late: { p: 's', given: 'hit' } } };
    expect(() => compareVariantsSync(gated, { seed, trials: 2000, variants: [{ overrides: { t: 1 } }], events: ['late'] })).toThrow(
      'the condition of "late" had probability 0 in all 2000 trials of a variant, so the comparison is undefined',
    );
  });
});

describe('under "nothing yet" evidence: the difference of two weighted means', () => {
  // A constant monthly hazard k·x (for k ≤ 1.2): after six quiet months (January to June) a world's weight is
  // (1 − k·x)^6, and its chance of the event in the twelve months from July is 1 − (1 − k·x)^12.
  const timed: Scenario = {
    id: 'weighted',
    title: 'Weighted',
    asOf: '2026-07-01',
    timeline: { start: '2026-01', horizon: 12 },
    params: { k: 1 },
    factors: { x: { dist: 'beta', alpha: 2, beta: 20 } },
    // min(1, …) only matters for the refused variant below: k·x stays below 1 at k ≤ 1.2 unless x > 0.83 (P < 1e-13).
    events: { e: { hazard: 'min(1, k * x)' }, late: { p: 'min(1, 5 * x)', given: 'e' } },
    observed: [{ event: 'e', noneThrough: '2026-06-30' }],
    variants: { forgetful: { label: 'Forgets the quiet months', observed: [] }, later: { observed: [{ event: 'e', noneThrough: '2026-06-30' }] } },
  };
  const weighted = (params: Record<string, number> = {}, outputs: Record<string, string> = {}): Scenario => ({
    id: 'weighted-reference',
    title: 'Weighted reference',
    params,
    factors: timed.factors,
    derived: { wb: '(1 - x)^6', wv: '(1 - 1.2 * x)^6', pb: '1 - (1 - x)^12', pv: '1 - (1 - 1.2 * x)^12' },
    outputs,
    events: { e: 'pb' },
  });
  const e = perTest(() => compareVariantsSync(timed, { seed, trials, variants: [{ overrides: { k: 1.2 } }] }).variants[0].events.e);

  it('has the delta method’s standard error: the spread of each world’s weighted influence', () => {
    const nodes = simulateSync(weighted(), { seed, trials }).nodes;
    // Each side's weighted mean Σw·p / Σw, and the influence of one world on it: w·(p − mean) / mean(w).
    expect(relativeError(e().baseline, simulateSync(weighted({}, { wp: 'wb * pb' }), { seed, trials }).outputs!.wp.mean / nodes.wb.mean)).toBeLessThan(1e-9);
    const params = { PB: e().baseline, PV: e().variant, MB: nodes.wb.mean, MV: nodes.wv.mean };
    const influence = simulateSync(weighted(params, { r: 'wv * (pv - PV) / MV - wb * (pb - PB) / MB' }), { seed, trials }).outputs!.r;
    expect(relativeError(e().differencePp.standardError, 100 * influence.standardError)).toBeLessThan(1e-9);
  });

  it('gives a conditional event each side as simulate does, weighted', () => {
    const late = compareVariantsSync(timed, { seed, trials, variants: [{ overrides: { k: 1.2 } }] }).variants[0].events.late;
    expect(late.baseline).toBe(simulateSync(timed, { seed, trials }).events.late.probability);
    expect(late.variant).toBe(simulateSync(timed, { seed, trials, params: { k: 1.2 } }).events.late.probability);
  });

  it('pairs a plain baseline with a variant that learns the evidence', () => {
    const { observed: _none, ...plain } = timed;
    const d = compareVariantsSync(plain, { seed, trials, variants: ['later'], events: ['e'] }).variants[0].events.e;
    expect(d.baseline).toBe(simulateSync(plain, { seed, trials }).events.e.probability);
    expect(d.variant).toBe(simulateSync(plain, { seed, trials, variant: 'later' }).events.e.probability);
    expect(d.variant).toBeLessThan(d.baseline); // quiet months favour the slow worlds
  });

  it('pairs a weighted baseline with a variant that forgets the evidence: one weighted mean against a plain one', () => {
    const d = compareVariantsSync(timed, { seed, trials, variants: ['forgetful'], events: ['e'] }).variants[0].events.e;
    expect(d.baseline).toBe(simulateSync(timed, { seed, trials }).events.e.probability);
    expect(d.variant).toBe(simulateSync(timed, { seed, trials, variant: 'forgetful' }).events.e.probability);
    // The same worlds, so the whole difference is the weighting: influence (p − PV) − w·(p − PB) / mean(w).
    const wb = simulateSync(weighted(), { seed, trials }).nodes.wb.mean;
    const influence = simulateSync(weighted({ PB: d.baseline, PV: d.variant, MB: wb }, { r: 'pb - PV - wb * (pb - PB) / MB' }), { seed, trials }).outputs!.r;
    expect(relativeError(d.differencePp.standardError, 100 * influence.standardError)).toBeLessThan(1e-9);
  });

  it('counts no share of trials, which would describe the worlds before the evidence', () => {
    expect([e().probabilityGreater, e().probabilityLess]).toEqual([undefined, undefined]);
  });

  it('refuses a variant whose evidence leaves too few effective trials, naming it', () => {
    // Six quiet months at a hazard of min(1, 4x) leave most of the weight on a few worlds.
    const e = thrownBy(() => compareVariantsSync(timed, { seed, trials: 2000, variants: [{ name: 'harsh', overrides: { k: 4 } }] }), ScenarioError);
    expect(e.issues).toEqual([
      {
        code: 'too-few-effective-trials',
        path: 'observed.0.noneThrough',
        message: expect.stringMatching(/^in variant "harsh", the evidence \(no "e" through 2026-06-30\) leaves an effective sample of \d+ of 2,000 trials, below the 1,000 needed to trust the estimates; run more trials$/),
      },
    ]);
  });
});

describe('odds ratios need both sides strictly between 0 and 1', () => {
  it('has none when the variant or the baseline is certain', () => {
    const toCertain = compareVariantsSync(scenario, { seed, trials: 2000, events: ['hit'], variants: [{ overrides: { t: -1 } }, { overrides: { t: 2 } }] }).variants;
    expect(toCertain.map((v) => v.events.hit.variant)).toEqual([1, 0]);
    for (const v of toCertain) {
      expect(v.events.hit).not.toHaveProperty('oddsRatio');
      expect(v.events.hit).not.toHaveProperty('oddsRatioCi95');
    }
    const fromCertain = compareVariantsSync(scenario, { seed, trials: 2000, events: ['hit'], params: { t: 2 }, variants: [{ overrides: { t: 0.5 } }] }).variants[0].events.hit;
    expect(fromCertain.baseline).toBe(0);
    expect(fromCertain).not.toHaveProperty('oddsRatio');
  });
});

describe('shares of trials that move, for events 0/1 on one side only', () => {
  // At w = 1 the event is the 0/1 outcome u > 0.5; at w = 0.5 it is fractional in every trial.
  const mixed: Scenario = { id: 'mixed', title: 'Mixed', params: { w: 1 }, factors: { u: factors.u }, events: { e: 'w * (u > 0.5) + (1 - w) * u' } };

  it('are reported when either side is fractional', () => {
    const fromBinary = compareVariantsSync(mixed, { seed, trials: 2000, variants: [{ overrides: { w: 0.5 } }] }).variants[0].events.e;
    const toBinary = compareVariantsSync(mixed, { seed, trials: 2000, params: { w: 0.5 }, variants: [{ overrides: { w: 1 } }] }).variants[0].events.e;
    // From 0/1 to halfway: trials above 0.5 fall, those below rise; the reverse the other way.
    expect(fromBinary.probabilityGreater! + fromBinary.probabilityLess!).toBe(1);
    expect(fromBinary.probabilityGreater).toBe(toBinary.probabilityLess);
    expect(fromBinary.probabilityLess).toBe(toBinary.probabilityGreater);
  });

  it('a conditional event the variant leaves alone differs by exactly 0', () => {
    const soon = compareVariantsSync(scenario, { seed, trials: 2000, variants: [{}], events: ['soon'] }).variants[0].events.soon;
    expect(soon.differencePp).toEqual({ probability: 0, ci95: [0, 0], standardError: 0 });
    expect(soon.oddsRatioCi95).toEqual([1, 1]);
  });
});

describe('outputs: the paired difference in the output’s units', () => {
  it('is the mean difference with its standard error and an unclipped interval', () => {
    const cost = compareVariantsSync(scenario, { seed, trials, variants: ['steeper'] }).variants[0].outputs!.cost;
    const ref = simulateSync(reference({}, { dc: '10 * u * 2 - 10 * u * 1' }), { seed, trials }).outputs!.dc;
    expect(relativeError(cost.difference.value, ref.mean)).toBeLessThan(1e-9);
    expect(relativeError(cost.difference.standardError, ref.standardError)).toBeLessThan(1e-9);
    const { value, standardError: se } = cost.difference;
    expect(cost.difference.ci95[0]).toBeCloseTo(value - Z95 * se, 12);
    expect(cost.difference.ci95[1]).toBeCloseTo(value + Z95 * se, 12);
  });
});

describe('names, descriptions and the baseline', () => {
  it('names each what-if from its parts, and describes a declared variant by its label and description', () => {
    const r = compareVariantsSync(scenario, {
      seed,
      trials: 1000,
      events: ['e'],
      variants: ['steeper', 'labelOnly', 'bare', { variant: 'bare', factors: { u: { dist: 'uniform', min: 0, max: 0.5 } }, overrides: { t: 0.4 } }, {}],
    });
    expect(r.variants.map((v) => [v.name, v.description, v.variant])).toEqual([
      ['steeper', 'Steeper: x counts twice', 'steeper'],
      ['labelOnly', 'Only a label', 'labelOnly'],
      ['bare', undefined, 'bare'],
      ['bare + replace u + set t=0.4', undefined, 'bare'],
      ['as written', undefined, undefined],
    ]);
    expect(r.variants.map((v) => v.overrides)).toEqual([{}, {}, {}, { t: 0.4 }, {}]);
    const two = compareVariantsSync(scenario, { seed, trials: 1000, events: ['e'], variants: [{ factors: { u: factors.u, y: factors.y }, overrides: { t: 0.4, k: 2 } }] });
    expect(two.variants[0].name).toBe('replace u, y + set t=0.4, k=2');
    expect(r.variants[4]).not.toHaveProperty('variant');
    expect(r.variants[4]).not.toHaveProperty('description');
    expect(r.kind).toBe('comparison');
    expect(r).not.toHaveProperty('baseline');
    // Only the events asked for, and every output beside them.
    expect(r.variants.map((v) => Object.keys(v.events))).toEqual([['e'], ['e'], ['e'], ['e'], ['e']]);
    expect(Object.keys(r.variants[0].outputs!)).toEqual(['cost']);
    // The what-if "as written" is the baseline itself: no difference, and none to spread.
    expect(r.variants[4].events.e.differencePp).toEqual({ probability: 0, ci95: [0, 0], standardError: 0 });
    expect(r.variants[4].events.e).not.toHaveProperty('acrossWorlds');
  });

  it('records a baseline that is not the scenario as written, and compares each what-if with it', () => {
    const r = compareVariantsSync(scenario, { seed, trials: 1000, events: ['e'], variant: 'bare', params: { t: 0.7 }, variants: [{}] });
    expect(r.baseline).toEqual({ variant: 'bare', overrides: { t: 0.7 } });
    expect(r.variants[0].events.e.baseline).toBe(simulateSync(scenario, { seed, trials: 1000, variant: 'bare', params: { t: 0.7 } }).events.e.probability);
    const paramsOnly = compareVariantsSync(scenario, { seed, trials: 1000, events: ['e'], params: { t: 0.7 }, variants: [{}] }).baseline;
    expect(paramsOnly).toEqual({ overrides: { t: 0.7 } });
    expect(paramsOnly).not.toHaveProperty('variant');
    expect(compareVariantsSync(scenario, { seed, trials: 1000, events: ['e'], variant: 'bare', variants: [{}] }).baseline).toEqual({ variant: 'bare', overrides: {} });
  });

  it('compares every event by default, each outputs beside them', async () => {
    const options = { seed, trials: 1000, variants: ['steeper'] };
    const r = compareVariantsSync(scenario, options);
    expect(Object.keys(r.variants[0].events)).toEqual(['e', 'hit', 'soon']);
    expect(Object.keys(r.variants[0].outputs!)).toEqual(['cost']);
    expect(await compareVariants(scenario, options)).toEqual(r);
  });

  it('refuses what it cannot compare, saying what and where', () => {
    const issues = (options: Partial<Parameters<typeof compareVariantsSync>[1]>) => thrownBy(() => compareVariantsSync(scenario, { seed, trials: 1000, variants: ['steeper'], ...options }), ScenarioError).issues;
    expect(issues({ variants: [] })).toEqual([{ code: 'no-variants', path: 'variants', message: 'give at least one variant to compare with the baseline' }]);
    expect(issues({ variants: [{}, { factors: { nope: { dist: 'constant', value: 0 }, x: { dist: 'constant', value: 0 }, gone: { dist: 'constant', value: 1 } } }] })).toEqual([
      { code: 'override-unknown-name', path: 'variants.1.factors.nope', message: 'no factor named "nope"' },
      { code: 'override-unknown-name', path: 'variants.1.factors.gone', message: 'no factor named "gone"' },
    ]);
    expect(issues({ variants: ['nope'] }).map((i) => i.code)).toEqual(['unknown-variant']);
  });

  it('names the what-if whose settings the scenario refuses', () => {
    const run = () => compareVariantsSync(scenario, { seed, trials: 1000, variants: [{ name: 'wide', factors: { x: { dist: 'normal', mean: 0, sd: -1 } } }] });
    expect(run).toThrow(ScenarioError);
    expect(run).toThrow(/^.*variant "wide": /);
  });
});

describe('a variant that breaks a computed column', () => {
  // k·u leaves [0, 1] only for u > 1/1.00002, about one trial in 50,000.
  const fragile: Scenario = { id: 'fragile', title: 'Fragile', params: { k: 1 }, factors: { u: factors.u }, events: { e: 'k * u' } };
  const variant = { overrides: { k: 1.00002 } };
  const many = 200_000;

  it('stops the comparison with the error simulate of the variant gives, naming the same trial', () => {
    const own = thrownBy(() => simulateSync(fragile, { seed, trials: many, params: variant.overrides }), NumericalError);
    // The first bad trial lies past the first chunk, so the trial index counts chunk and offset.
    expect(own.firstTrial).toBeGreaterThan(10_000);
    expect(() => compareVariantsSync(fragile, { seed, trials: many, variants: [variant] })).toThrow(own.message);
  });
});

describe('compareVariants with correlated factors: each arm is exactly its own run', () => {
  // Paired evaluation copies a factor or group from the baseline only when the arm would draw
  // the very same values; a changed matrix, or a changed member of a group, must be redrawn.
  const scenario = {
    id: 'pair-compare',
    title: 'A correlated pair and a loose factor',
    factors: { a: { dist: 'normal', mean: 0, sd: 1 }, b: { dist: 'normal', mean: 0, sd: 1 }, c: { dist: 'uniform', min: 0, max: 1 } },
    correlations: [{ factors: ['a', 'b'], rank: 0.8 }],
    events: { both: 'a > 0 and b > 0', mixed: 'a + b + c > 1.2' },
  } as const;
  const changes: Array<Record<string, number>> = [{ 'corr.a.b': 0.2 }, { 'b.mean': 0.3 }, { 'c.max': 2 }, { 'corr.a.b': 0.8, 'a.sd': 1 }];

  it('a changed matrix, a changed member of the group, a changed loose factor, and no change', () => {
    const result = compareVariantsSync(scenario as never, { seed, trials: 20_000, variants: changes.map((overrides) => ({ overrides })) });
    result.variants.forEach((v, i) => {
      const alone = simulateSync(scenario as never, { seed, trials: 20_000, params: changes[i] });
      for (const name of ['both', 'mixed']) expect(v.events[name].variant, `${JSON.stringify(changes[i])} ${name}`).toBe(alone.events[name].probability);
    });
    // The first three change the odds; the last is the baseline itself.
    expect(result.variants.slice(0, 3).every((v) => v.events.mixed.variant !== v.events.mixed.baseline)).toBe(true);
    expect(result.variants[3].events.mixed.differencePp.probability).toBe(0);
  });
});
