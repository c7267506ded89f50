import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSensitivitySync } from '../../src/analysis/sensitivity';
import { updateOddsSync } from '../../src/analysis/evidence';
import { simulateSync, type SimulateOptions, type SimulationResult } from '../../src/engine/simulate';
import { validateScenario } from '../../src/model/validate';
import { trumpKimSummit } from '../../src/scenarios';

// Pinned: the flagship forecasts from today by default, which would move these numbers daily.
const base: SimulateOptions = { seed: 'flagship-tests', trials: 100_000, asOf: '2026-12-04' };
const run = (options: SimulateOptions = {}) => simulateSync(trumpKimSummit, { ...base, ...options });
const summit = (r: SimulationResult) => r.events.summit;
const ARTICLE_FACTORS = ['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints', 'rokMediation'];
const factors = Object.entries(trumpKimSummit.factors ?? {});

/** b is above a by more than 4 standard errors of the difference (unpaired, so conservative). */
function clearlyAbove(b: SimulationResult, a: SimulationResult): void {
  const [x, y] = [summit(a), summit(b)];
  expect(y.probability - x.probability).toBeGreaterThan(4 * Math.hypot(x.standardError, y.standardError));
}

describe('the flagship scenario', () => {
  const baseline = run();

  it('is valid, and the examples/ copy is the built-in one', () => {
    expect(validateScenario(trumpKimSummit)).toEqual([]);
    expect(JSON.parse(readFileSync('examples/trump-kim-summit.json', 'utf8'))).toEqual(trumpKimSummit);
  });

  it('accounts for every number: a source that quotes the article or the facts, or starts with "judgment"', () => {
    expect(trumpKimSummit.params ?? {}).toEqual({});
    for (const name of ARTICLE_FACTORS) expect(trumpKimSummit.factors).toHaveProperty(name);
    for (const [name, spec] of factors) {
      expect(spec.description, `${name}.description`).toBeTruthy();
      const source = spec.source ?? '';
      // A quotation is in curly quotes after the article's id or a facts section.
      const quotes = /^(asmolov-2025|summit-facts \(\w+\)|reader-comment)[^“]*“/.test(source);
      expect(quotes || /^(judgment|chance, not judgment)/.test(source), `${name}.source: ${source}`).toBe(true);
    }
    // And says what evidence would change it.
    for (const [name, spec] of factors) if (!(spec.source ?? '').startsWith('chance')) expect(spec.description, `${name}.description`).toMatch(/\bwould\b/);
    // Every weight the article does not give is a distribution, never a fixed number.
    for (const [name, spec] of factors) expect(spec.dist, name).not.toBe('constant');
    for (const [, v] of Object.entries(trumpKimSummit.variants ?? {})) {
      for (const [name, spec] of Object.entries(v.factors ?? {})) expect(spec.source, name).toBeTruthy();
    }
  });

  it('names no year in its title, labels of factors and events, or non-backtest variants: the window comes from the as-of date', () => {
    const labelled = [...factors.map(([, f]) => f.label ?? ''), ...Object.values(trumpKimSummit.events).map((e) => (typeof e === 'string' ? e : (e.label ?? '')))];
    const variants = Object.entries(trumpKimSummit.variants ?? {}).filter(([n]) => !n.startsWith('backtest-')).map(([, v]) => v.label ?? '');
    for (const text of [trumpKimSummit.title, ...labelled, ...variants]) expect(text).not.toMatch(/\b(19|20)\d\d\b/);
    expect(trumpKimSummit.timeline).toEqual({ start: '2025-11', period: 'month', horizon: 12 });
    expect(baseline.window).toEqual({ from: '2026-12-04', to: '2027-12-03', period: 'month', periods: 13 });
    // The months from the article to the last recorded development passed without a meeting.
    expect(baseline.evidence?.noneThrough).toEqual({ summit: '2026-05-15' });
    expect(baseline.events.summit.method).toBe('weighted');
  });

  it('follows the chain: domestic constraints act only through the US route, so they do not count again once an agenda exists', () => {
    // With route 1 open in every world, the constraints are redrawn but read by nothing on the
    // way to the summit: the same trials give the same number to the last bit.
    const open = run({ variant: 'us-drops-denuclearization' });
    expect(summit(run({ variant: 'us-drops-denuclearization', params: { 'usDomesticConstraints.mean': 0.95 } }))).toEqual(summit(open));
    expect(open.events.agenda.probability).toBe(1);
    // Sanctions and the alliance still matter with route 1 open? No: they set the price of an
    // agenda, not the pace of meetings once there is one.
    expect(summit(run({ variant: 'us-drops-denuclearization', params: { 'sanctionsBlocking.mean': 0.3 } }))).toEqual(summit(open));
    // Trump's willingness appears in the pace, Pyongyang's in route 2 (pyongyangWillingness).
    expect(trumpKimSummit.derived?.monthlyLogOdds).toMatchObject({ formula: expect.stringContaining('trumpWillingness') });
    expect(trumpKimSummit.derived?.pyongyangWillingness).toMatchObject({ formula: expect.stringContaining('dprkIndependence') });
  });

  it('moves the odds the way the article argues', () => {
    // Distribution changes redraw one factor from its own stream; the others keep their draws.
    clearlyAbove(baseline, run({ params: { 'usDomesticConstraints.mean': 0.95 } }));
    clearlyAbove(baseline, run({ params: { 'wDomestic.mean': -8 } }));
    clearlyAbove(run({ variant: 'no-russia-alliance' }), baseline);
    clearlyAbove(run({ variant: 'sanctions-unblocked' }), baseline);
    clearlyAbove(run({ variant: 'seoul-steps-back' }), baseline);
    clearlyAbove(run({ variant: 'us-drops-denuclearization' }), baseline);
    clearlyAbove(run({ variant: 'optimists-view' }), baseline);
  });

  it('can represent 2018: with sanctions biting and no alliance, Pyongyang’s own route makes an agenda likely', () => {
    const r = simulateSync(trumpKimSummit, { seed: 'flagship-tests', trials: 50_000, variant: 'backtest-2018' });
    expect(r.asOf).toBe('2018-03-08');
    expect(r.window).toEqual({ from: '2018-03-08', to: '2018-12-31', period: 'month', periods: 10 });
    expect(r.evidence).toBeUndefined();
    // Route 1 at its article-world chance (about 6%) cannot explain an agenda above one half.
    expect(r.events.agenda.probability).toBeGreaterThan(0.5);
    expect(summit(r).probability).toBeGreaterThan(0.5);
  });

  it('runs each backtest on its own world start, as-of date, window and evidence', () => {
    const window = (name: string) => simulateSync(trumpKimSummit, { seed: 'flagship-tests', trials: 10_000, variant: name });
    expect(window('backtest-2019').window).toEqual({ from: '2019-01-01', to: '2019-12-31', period: 'month', periods: 12 });
    const q1 = window('backtest-2026q1');
    expect(q1.window).toEqual({ from: '2025-12-19', to: '2026-03-31', period: 'month', periods: 4 });
    expect(q1.evidence?.noneThrough).toEqual({ summit: '2025-12-19' });
  });

  it('meets the targets of issue 20 at the defaults: each article factor has total Sobol index ≥ 0.05, US domestic constraints the largest', () => {
    // Jansen estimators, N = 20,000, 100 bootstrap resamples: each interval's half-width is about
    // 0.01 (measured), so the bounds below hold with room; the bound is on the interval, not the estimate.
    const r = analyzeSensitivitySync(trumpKimSummit, { seed: 'flagship-sobol', asOf: '2026-12-04', trials: 2_000, sobolSamples: 20_000, bootstrap: 100 });
    const total = (name: string) => r.sobol.find((s) => s.factor === name)!.total;
    for (const name of ARTICLE_FACTORS) expect(total(name).ci95[0], name).toBeGreaterThanOrEqual(0.05);
    for (const name of ARTICLE_FACTORS.filter((n) => n !== 'usDomesticConstraints')) {
      expect(total('usDomesticConstraints').ci95[0], name).toBeGreaterThan(total(name).ci95[1]);
    }
  });

  it('says how likely Seoul’s mediation is to backfire', () => {
    const backfires = baseline.events.mediationBackfires;
    expect(backfires.probability).toBeGreaterThan(0.5);
    expect(backfires.probability).toBeLessThan(1);
  });

  it('splits venues given a summit into conditional probabilities that sum to 1', () => {
    const venues = Object.values(baseline.events).filter((e) => e.given === 'summit');
    expect(venues).toHaveLength(5);
    // Each world's shares sum to 1 exactly; the weighted ratios of five columns, to rounding.
    expect(venues.reduce((s, e) => s + e.probability, 0)).toBeCloseTo(1, 12);
  });

  it('lowers the monthly chance in every March and August (the recurring drills)', () => {
    // Month-on-month increments of the cumulative curve, as of New Year 2027: March and August
    // (drills, multiplier at most 1, most likely 0.4) add less than the months before them.
    const curve = run({ asOf: '2027-01-01' }).timelines.summit;
    const added = (period: string) => {
      const t = curve.findIndex((p) => p.period === period);
      return curve[t].cumulative.probability - curve[t - 1].cumulative.probability;
    };
    expect(added('2027-03')).toBeLessThan(0.7 * added('2027-02'));
    expect(added('2027-08')).toBeLessThan(0.7 * added('2027-07'));
  });

  it('has no Trump–Kim summit after Trump’s term ends', () => {
    // The window from mid-2028 runs past the term's end: the curve stops rising after January 2029.
    const curve = run({ asOf: '2028-06-01', trials: 10_000 }).timelines.summit;
    const at = (period: string) => curve.find((p) => p.period === period)!.cumulative.probability;
    expect(at('2029-01')).toBeGreaterThan(at('2028-12'));
    expect(at('2029-05')).toBe(at('2029-01'));
  });

  it('has a monthly curve over the window that ends at the summit probability and never falls', () => {
    const curve = baseline.timelines.summit;
    expect(curve.at(-1)!.end).toBe('2027-12-03');
    expect(curve.at(-1)!.cumulative.probability).toBeCloseTo(summit(baseline).probability, 14);
    for (let t = 1; t < curve.length; t++) expect(curve[t].cumulative.probability).toBeGreaterThanOrEqual(curve[t - 1].cumulative.probability);
    // Given none through month t, the rest of the year's odds: consistent with the curve,
    // P(by end) = P(by t) + (1 - P(by t)) · P(by end | none by t).
    for (const p of curve.slice(0, -1)) {
      const recombined = p.cumulative.probability + (1 - p.cumulative.probability) * p.ifNoneYet!.probability;
      expect(recombined).toBeCloseTo(summit(baseline).probability, 12);
    }
  });

  it('runs every named variant', () => {
    for (const name of Object.keys(trumpKimSummit.variants ?? {})) {
      expect(run({ variant: name, trials: 10_000, ...(name.startsWith('backtest-') ? { asOf: undefined } : {}) }).manifest.variant).toBe(name);
    }
    expect(run({ variant: 'as-published' }).events).toEqual(baseline.events);
  });

  it('defines forward signposts; those the model describes get their likelihood ratio from it', () => {
    const signposts = trumpKimSummit.signposts ?? {};
    expect(Object.keys(signposts).sort()).toEqual(['drillsSuspended', 'kimXiMeeting', 'talksOrLetters', 'tripAnnounced', 'usDocumentDropsDenuclearization']);
    for (const [name, s] of Object.entries(signposts)) expect(s.source, name).toMatch(/^judgment/);
    const seen = (signpost: string, observed = true) => updateOddsSync(trumpKimSummit, { observations: [{ signpost, observed }] }, { seed: base.seed, asOf: base.asOf, trials: 50_000 }).steps[0];
    // Seeing route 1's document raises the odds a lot; not seeing talks lowers them.
    expect(seen('usDocumentDropsDenuclearization').likelihoodRatio).toBeGreaterThan(3);
    expect(seen('usDocumentDropsDenuclearization').kind).toBe('condition');
    expect(seen('usDocumentDropsDenuclearization').signpost).toBe('usDocumentDropsDenuclearization');
    expect(seen('talksOrLetters', false).likelihoodRatio).toBeLessThan(1);
    expect(seen('tripAnnounced').likelihoodRatio).toBeCloseTo(0.9 / 0.5, 12);
  });
});
