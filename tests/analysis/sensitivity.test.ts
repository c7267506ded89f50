/**
 * Tornado and Sobol indices on the flagship, plus the edge cases of choosing settings.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSensitivity, analyzeSensitivitySync } from '../../src/analysis/sensitivity';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { builtinScenario, trumpKimSummit } from '../../src/scenarios';

const seed = 'sensitivity-tests';
const trials = 20_000;
const ARTICLE_FACTORS = ['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints', 'rokMediation'];

describe('sensitivity of the flagship summit', () => {
  const asOf = '2026-12-04';
  const result = analyzeSensitivitySync(trumpKimSummit, { seed, trials, asOf, sobolSamples: 20_000, bootstrap: 100 });
  const bar = (name: string) => result.tornado.find((b) => b.name === name)!;
  // The inputs the summit reads: every factor but the venue weights.
  const upstream = Object.keys(trumpKimSummit.factors!).filter((n) => !n.startsWith('venueWeight'));

  it('reports the baseline exactly as simulate does', () => {
    expect(result.event).toBe('summit');
    expect(result.baseline).toEqual((({ probability, ci95, standardError }) => ({ probability, ci95, standardError }))(simulateSync(trumpKimSummit, { seed, trials, asOf }).events.summit));
  });

  it('ranks every factor the event depends on, largest swing first, and leaves the others out', () => {
    expect(result.tornado.map((b) => b.name).sort()).toEqual([...upstream].sort());
    for (const b of result.tornado) expect(b.kind, b.name).toBe('factor');
    for (let i = 1; i < result.tornado.length; i++) expect(result.tornado[i].swing).toBeLessThanOrEqual(result.tornado[i - 1].swing);
    for (const b of result.tornado) {
      expect(b.swingCi95![0]).toBeLessThanOrEqual(b.swing);
      expect(b.swingCi95![1]).toBeGreaterThanOrEqual(b.swing);
      expect(b.low.ci95[0]).toBeLessThanOrEqual(b.low.probability);
    }
    // Directions the article argues: more of each blocking factor, fewer summits; Seoul helping, more.
    for (const name of ARTICLE_FACTORS.slice(0, 3)) expect(bar(name).high.probability).toBeLessThan(bar(name).low.probability);
    expect(bar('rokMediation').high.probability).toBeGreaterThan(bar('rokMediation').low.probability);
  });

  it('pins factors at percentiles, on the same trials as simulate with that factor fixed', () => {
    expect(bar('sanctionsBlocking').lowSetting).toMatch(/^10th percentile \(0\.6\d*\)$/);
    const low = bar('usDomesticConstraints');
    const fixed = { ...trumpKimSummit, factors: { ...trumpKimSummit.factors, usDomesticConstraints: { dist: 'constant' as const, value: low.lowValue! } } };
    expect(low.low.probability).toBe(simulateSync(fixed, { seed, trials, asOf }).events.summit.probability);
  });

  it('gives Sobol indices that add up sensibly: first-order <= total within intervals, chance and the four factors carrying the variance', () => {
    expect(result.sobol.map((s) => s.factor).sort()).toEqual([...upstream].sort());
    for (const s of result.sobol) {
      expect(s.first.ci95[0], s.factor).toBeLessThanOrEqual(s.total.ci95[1]);
      expect(s.total.estimate, s.factor).toBeGreaterThanOrEqual(0);
    }
    const sumFirst = result.sobol.reduce((a, s) => a + s.first.estimate, 0);
    const sumTotal = result.sobol.reduce((a, s) => a + s.total.estimate, 0);
    // Σ first-order <= 1 <= Σ total for independent inputs (tolerance: a few standard errors).
    expect(sumFirst).toBeLessThan(1.02);
    expect(sumTotal).toBeGreaterThan(0.98);
    // The calendar moves chance between months; as of this date it barely moves the year's total.
    const byName = new Map(result.sobol.map((s) => [s.factor, s]));
    expect(byName.get('postDrillsMultiplier')!.total.estimate).toBeLessThan(0.01);
    expect(byName.get('usAgendaDraw')!.total.estimate).toBeGreaterThan(byName.get('usDomesticConstraints')!.total.estimate);
  });
});

describe('the tornado of params', () => {
  it('moves each param by ±50%, on the same trials as simulate with that param set', () => {
    const fourFactors = builtinScenario('four-factors')!;
    const r = analyzeSensitivitySync(fourFactors, { seed, trials, sobolSamples: 0 });
    const w = r.tornado.find((b) => b.name === 'wDomestic')!;
    expect(w.kind).toBe('param');
    expect([w.lowValue, w.highValue]).toEqual([-2.25, -0.75]);
    expect(w.low.probability).toBe(simulateSync(fourFactors, { seed, trials, params: { wDomestic: -2.25 } }).events.summit.probability);
  });
});

describe('sensitivity settings and errors', () => {
  it('skips a setting that breaks the model, with a note, and is reproducible', () => {
    // A param used as a probability: +50% of 0.8 is 1.2, which is not a probability.
    const s: Scenario = { id: 'prob-param', title: 'P', params: { p: 0.8 }, factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'p * x' } };
    const r = analyzeSensitivitySync(s, { seed: 1, trials: 5_000, sobolSamples: 2_000, bootstrap: 20 });
    expect(r.tornado.map((b) => b.name)).toEqual(['x']);
    expect(r.notes![0]).toMatch(/^p left out of the tornado: at 1\.2 \(\+50%\) "e" gives a probability outside \[0, 1\]/);
    expect(analyzeSensitivitySync(s, { seed: 1, trials: 5_000, sobolSamples: 2_000, bootstrap: 20, batchSize: 333 })).toEqual(r);
    // An absolute step moves each param by that amount.
    const abs = analyzeSensitivitySync(s, { seed: 1, trials: 5_000, sobolSamples: 0, paramStep: 0.1, paramStepKind: 'absolute' });
    expect(abs.tornado.find((b) => b.name === 'p')!.lowValue).toBe(0.7);
    expect(abs.sobol).toEqual([]);
  });

  it('refuses a conditional event, an unknown event and bad options', async () => {
    const codes = async (f: () => Promise<unknown>) => {
      const e = await f().then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(ScenarioError);
      return (e as ScenarioError).issues.map((i) => `${i.code} ${i.path}`);
    };
    expect(await codes(() => analyzeSensitivity(trumpKimSummit, { seed, trials: 1000, event: 'venueDmz' }))).toEqual(['conditional-event event']);
    expect(await codes(() => analyzeSensitivity(trumpKimSummit, { seed, trials: 1000, event: 'nope' }))).toEqual(['unknown-event event']);
    expect(await codes(() => analyzeSensitivity(trumpKimSummit, { seed, trials: 1000, percentiles: [0.9, 0.1], paramStep: -1, sobolSamples: 1 }))).toEqual([
      'invalid-option percentiles',
      'invalid-option paramStep',
      'invalid-option sobolSamples',
    ]);
  });
});

describe('sensitivity with correlated factors', () => {
  // e = (a + c)/2 with a, c ~ U(0, 1): each term has variance 1/48, so a's share is exactly 1/2
  // and c's 1/2, with no interaction. b is correlated with a (rank 0.7) but not read: as one
  // Sobol input, the group {a, b} carries a's share, 0.5, and c keeps its own 0.5.
  const scenario: Scenario = {
    id: 'grouped',
    title: 'Grouped',
    factors: { a: { dist: 'uniform', min: 0, max: 1 }, b: { dist: 'normal', mean: 0, sd: 1 }, c: { dist: 'uniform', min: 0, max: 1 } },
    derived: { unused: 'b * 2' },
    correlations: [{ factors: ['a', 'b'], rank: 0.7 }],
    events: { e: '(a + c) / 2' },
  };
  const r = analyzeSensitivitySync(scenario, { seed: 'grouped', trials: 20_000, sobolSamples: 20_000, bootstrap: 200 });

  it('treats the group as one Sobol input and finds its exact share within its interval', () => {
    expect(r.sobol.map((s) => s.factor)).toEqual(['a + b', 'c']);
    for (const s of r.sobol) {
      for (const index of [s.first, s.total]) {
        expect(index.ci95[0], s.factor).toBeLessThanOrEqual(0.5);
        expect(index.ci95[1], s.factor).toBeGreaterThanOrEqual(0.5);
      }
    }
    expect(r.notes).toContain('correlated factors are one input of the Sobol indices (they need independent inputs): a + b');
  });

  it('pins one factor of a group alone in the tornado; its partner that the event does not read has no bar', () => {
    expect(r.tornado.map((b) => b.name).sort()).toEqual(['a', 'c']);
  });
});
