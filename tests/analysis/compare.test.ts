/**
 * What-if comparison on common random numbers, on the flagship scenario.
 */
import { describe, expect, it } from 'vitest';
import { compareVariants, compareVariantsSync } from '../../src/analysis/compare';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import { trumpKimSummit } from '../../src/scenarios';

const seed = 'compare-tests';
const trials = 50_000;
// Pinned: the flagship forecasts from today by default.
const asOf = '2026-12-04';

describe('compareVariants on the flagship', () => {
  const result = compareVariantsSync(trumpKimSummit, {
    seed,
    trials,
    asOf,
    variants: ['seoul-steps-back', 'as-published', { overrides: { 'base.mean': -2 } }, { name: 'nothing', overrides: {} }, 'no-russia-alliance'],
  });
  const [seoul, published, harder, nothing, noRussia] = result.variants;
  const baseline = simulateSync(trumpKimSummit, { seed, trials, asOf });

  it('reports each side exactly as simulate does for the same seed and trials', () => {
    expect(result.seed).toBe(seed);
    expect(result.trials).toBe(trials);
    expect(result.scenario.hash).toBe(baseline.scenario.hash);
    const seoulRun = simulateSync(trumpKimSummit, { seed, trials, asOf, variant: 'seoul-steps-back' });
    for (const [name, e] of Object.entries(seoul.events)) {
      expect(e.baseline, name).toBe(baseline.events[name].probability);
      expect(e.variant, name).toBe(seoulRun.events[name].probability);
    }
  });

  it('gives exactly zero difference for a variant identical to the baseline', () => {
    for (const v of [published, nothing]) {
      for (const [name, e] of Object.entries(v.events)) {
        expect(e.differencePp, `${v.name} ${name}`).toEqual({ probability: 0, ci95: [0, 0], standardError: 0 });
        expect(e.variant).toBe(e.baseline);
        if (e.oddsRatio !== undefined) expect(e.oddsRatioCi95).toEqual([1, 1]);
        if (e.probabilityGreater !== undefined) expect([e.probabilityGreater, e.probabilityLess]).toEqual([0, 0]);
      }
    }
    expect(nothing.name).toBe('nothing');
    expect(harder.name).toBe('set base.mean=-2');
  });

  it('pairs the trials: the paired interval is much narrower than two independent runs would give', () => {
    // Unpaired reference: the standard error of a difference of two independent estimates,
    // sqrt(se_b² + se_v²), from simulate's own standard errors (same seed, so the two runs here
    // are in fact correlated; an honest unpaired comparison would use two seeds, with the same
    // expected standard errors).
    const unpaired = (variant: string | undefined, params?: Record<string, number>) => {
      const v = simulateSync(trumpKimSummit, { seed, trials, asOf, variant, params }).events.summit;
      return 100 * Math.hypot(baseline.events.summit.standardError, v.standardError);
    };
    const ratioSeoul = seoul.events.summit.differencePp.standardError / unpaired('seoul-steps-back');
    const ratioHarder = harder.events.summit.differencePp.standardError / unpaired(undefined, { 'base.mean': -2 });
    const ratioRussia = noRussia.events.summit.differencePp.standardError / unpaired('no-russia-alliance');
    // Measured with this seed and date (and quoted in docs/guides/flagship.md): 0.54 for
    // seoul-steps-back (one factor redrawn as the constant 0), 0.29 for base.mean = −2 (every
    // trial's pace moves the same way), 0.78 for no-russia-alliance (the alliance acts through
    // the routes, so only the worlds whose route flips move, and they move a lot). Unpaired runs
    // would give about 1.
    expect(ratioSeoul).toBeLessThan(0.65);
    expect(ratioHarder).toBeLessThan(0.4);
    expect(ratioRussia).toBeLessThan(0.9);
  });

  it('reports direction, odds ratio and, without "nothing yet" evidence, the share of trials that move', () => {
    // A lower base pace (every draw of base shifted by −0.5 on the same stream) lowers every trial's monthly odds.
    const d = harder.events.summit;
    expect(d.differencePp.ci95[1]).toBeLessThan(0);
    expect(d.oddsRatio!).toBeCloseTo(((d.variant / (1 - d.variant)) / (d.baseline / (1 - d.baseline))), 12);
    expect(d.oddsRatioCi95![0]).toBeLessThan(d.oddsRatio!);
    expect(d.oddsRatioCi95![1]).toBeGreaterThan(d.oddsRatio!);
    // The flagship observes no summit through 2026-05-15: trials are weighted, so no shares of them.
    expect([d.probabilityGreater, d.probabilityLess]).toEqual([undefined, undefined]);
    const { observed: _evidence, ...unobserved } = trumpKimSummit;
    const [seoulPrior, harderPrior] = compareVariantsSync(unobserved, { seed, trials, asOf, variants: ['seoul-steps-back', { overrides: { 'base.mean': -2 } }] }).variants;
    expect(harderPrior.events.summit.probabilityLess).toBe(1);
    expect(harderPrior.events.summit.probabilityGreater).toBe(0);
    // Seoul stepping back removes an effect that is negative in about 75% of trials.
    expect(seoulPrior.events.summit.probabilityGreater!).toBeGreaterThan(0.7);
    expect(seoulPrior.events.summit.probabilityGreater!).toBeLessThan(0.8);
    // mediationBackfires is a 0/1 event: no "share of trials higher" for it.
    expect(seoulPrior.events.mediationBackfires.probabilityGreater).toBeUndefined();
    expect(seoul.events.mediationBackfires.variant).toBe(0);
    expect(seoul.description).toMatch(/^Seoul steps back/);
  });

  it('is reproducible, the same in its async form, and independent of the batch size', async () => {
    const options = { seed, trials: 20_000, asOf, variants: ['no-russia-alliance'] };
    const a = compareVariantsSync(trumpKimSummit, options);
    expect(await compareVariants(trumpKimSummit, options)).toEqual(a);
    expect(compareVariantsSync(trumpKimSummit, { ...options, batchSize: 999 })).toEqual(a);
  });

  it('takes whole replacement distributions as an ad-hoc variant', () => {
    // The same replacement as the named variant seoul-steps-back: the same numbers, bit for bit.
    const r = compareVariantsSync(trumpKimSummit, { seed, trials: 20_000, asOf, events: ['summit'], variants: ['seoul-steps-back', { factors: { rokMediation: { dist: 'constant', value: 0 } } }] });
    expect(r.variants[1].name).toBe('replace rokMediation');
    expect(r.variants[1].events).toEqual(r.variants[0].events);
    expect(Object.keys(r.variants[0].events)).toEqual(['summit']);
  });

  it('refuses an unknown variant, a bad override and an empty list, naming them', () => {
    const issues = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as ScenarioError).issues.map((i) => i.code);
      }
      throw new Error('expected a ScenarioError');
    };
    expect(issues(() => compareVariantsSync(trumpKimSummit, { seed, trials: 1000, variants: ['nope'] }))).toEqual(['unknown-variant']);
    expect(issues(() => compareVariantsSync(trumpKimSummit, { seed, trials: 1000, variants: [{ overrides: { nope: 1 } }] }))).toEqual(['override-unknown-name']);
    expect(issues(() => compareVariantsSync(trumpKimSummit, { seed, trials: 1000, variants: [] }))).toEqual(['no-variants']);
    expect(issues(() => compareVariantsSync(trumpKimSummit, { seed, trials: 1000, variants: [{ factors: { nope: { dist: 'constant', value: 0 } } }] }))).toEqual(['override-unknown-name']);
    expect(issues(() => compareVariantsSync(trumpKimSummit, { seed, trials: 1000, variants: ['as-published'], events: ['nope'] }))).toEqual(['unknown-event']);
  });

  it('stops on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(compareVariants(trumpKimSummit, { seed, trials, variants: ['as-published'], signal: controller.signal })).rejects.toThrow('stop');
  });
});
