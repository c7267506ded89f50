/**
 * Tornado and Sobol indices on the flagship, plus the edge cases of choosing settings.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSensitivity, analyzeSensitivitySync } from '../../src/analysis/sensitivity';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { trumpKimSummit } from '../../src/scenarios';

const seed = 'sensitivity-tests';
const trials = 20_000;
const ARTICLE_FACTORS = ['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints', 'rokMediation'];

describe('sensitivity of the flagship summit', () => {
  const result = analyzeSensitivitySync(trumpKimSummit, { seed, trials, sobolSamples: 20_000, bootstrap: 100 });
  const bar = (name: string) => result.tornado.find((b) => b.name === name)!;

  it('reports the baseline exactly as simulate does', () => {
    expect(result.event).toBe('summit');
    expect(result.baseline).toEqual((({ probability, ci95, standardError }) => ({ probability, ci95, standardError }))(simulateSync(trumpKimSummit, { seed, trials }).events.summit));
  });

  it('ranks the article’s four factors, the gate and the params the event depends on, largest swing first', () => {
    for (const name of [...ARTICLE_FACTORS, 'usDropsDenuclearization']) expect(bar(name)?.kind, name).toBe('factor');
    // Venue weights do not affect the summit, and are left out rather than shown with zero swing.
    expect(result.tornado.some((b) => b.name.startsWith('venueWeight'))).toBe(false);
    expect(bar('wDomestic').kind).toBe('param');
    for (let i = 1; i < result.tornado.length; i++) expect(result.tornado[i].swing).toBeLessThanOrEqual(result.tornado[i - 1].swing);
    expect(result.tornado[0].name).toBe('usDropsDenuclearization');
    for (const b of result.tornado) {
      expect(b.swingCi95![0]).toBeLessThanOrEqual(b.swing);
      expect(b.swingCi95![1]).toBeGreaterThanOrEqual(b.swing);
      expect(b.low.ci95[0]).toBeLessThanOrEqual(b.low.probability);
    }
    // Directions the article argues: more of each blocking factor, fewer summits; Seoul helping, more.
    for (const name of ['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints']) expect(bar(name).high.probability).toBeLessThan(bar(name).low.probability);
    expect(bar('rokMediation').high.probability).toBeGreaterThan(bar('rokMediation').low.probability);
  });

  it('pins factors at percentiles, a Bernoulli at its two values, and moves params by ±50%', () => {
    expect(bar('sanctionsBlocking').lowSetting).toMatch(/^10th percentile \(0\.6\d*\)$/);
    expect(bar('usDropsDenuclearization').lowSetting).toBe('lowest value (0)');
    expect(bar('usDropsDenuclearization').highSetting).toBe('highest value (1)');
    expect([bar('wDomestic').lowValue, bar('wDomestic').highValue]).toEqual([-1.8, -0.6]);
    // Each setting is the scenario with that input changed, on the same trials: the same numbers
    // as simulate gives for it (a gate fixed at 1 is the variant us-drops-denuclearization).
    expect(bar('usDropsDenuclearization').high.probability).toBe(simulateSync(trumpKimSummit, { seed, trials, variant: 'us-drops-denuclearization' }).events.summit.probability);
    expect(bar('wDomestic').low.probability).toBe(simulateSync(trumpKimSummit, { seed, trials, params: { wDomestic: -1.8 } }).events.summit.probability);
  });

  it('gives Sobol indices that add up sensibly: first-order <= total within intervals, and the gate dominating', () => {
    expect(result.sobol.map((s) => s.factor).sort()).toEqual([...ARTICLE_FACTORS, 'usDropsDenuclearization'].sort());
    for (const s of result.sobol) {
      expect(s.first.ci95[0], s.factor).toBeLessThanOrEqual(s.total.ci95[1]);
      expect(s.total.estimate, s.factor).toBeGreaterThan(0);
    }
    const sumFirst = result.sobol.reduce((a, s) => a + s.first.estimate, 0);
    const sumTotal = result.sobol.reduce((a, s) => a + s.total.estimate, 0);
    // Σ first-order <= 1 <= Σ total for independent inputs (tolerance: a few standard errors).
    expect(sumFirst).toBeLessThan(1.02);
    expect(sumTotal).toBeGreaterThan(0.98);
    const gate = result.sobol.find((s) => s.factor === 'usDropsDenuclearization')!;
    expect(gate.first.estimate).toBeGreaterThan(0.6);
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
