import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateSync, type SimulateOptions, type SimulationResult } from '../../src/engine/simulate';
import { validateScenario } from '../../src/model/validate';
import { trumpKimSummit } from '../../src/scenarios';

// Pinned: the flagship forecasts from today by default, which would move these numbers daily.
const base: SimulateOptions = { seed: 'flagship-tests', trials: 100_000, asOf: '2026-12-04' };
const run = (options: SimulateOptions = {}) => simulateSync(trumpKimSummit, { ...base, ...options });
const summit = (r: SimulationResult) => r.events.summit;

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

  it('documents every factor and param with a description and a source', () => {
    const entries = [...Object.entries(trumpKimSummit.factors ?? {}), ...Object.entries(trumpKimSummit.params ?? {})];
    expect(entries.length).toBeGreaterThan(8);
    for (const [name, spec] of entries) {
      expect(typeof spec === 'object' && spec.description, `${name}.description`).toBeTruthy();
      expect(typeof spec === 'object' && spec.source, `${name}.source`).toBeTruthy();
    }
    for (const name of ['sanctionsBlocking', 'russiaAlliance', 'usDomesticConstraints', 'rokMediation']) {
      expect(trumpKimSummit.factors).toHaveProperty(name);
    }
  });

  it('keeps the model small enough to explain on one page (8–14 nodes)', () => {
    const nodes = Object.keys(trumpKimSummit.factors ?? {}).length + Object.keys(trumpKimSummit.derived ?? {}).length + Object.keys(trumpKimSummit.events).length;
    expect(nodes).toBeGreaterThanOrEqual(8);
    expect(nodes).toBeLessThanOrEqual(14);
  });

  it('moves the odds the way the article argues', () => {
    // Weights change every trial's value in one direction with the same draws: exact in sign.
    expect(summit(run({ params: { wDomestic: -2 } })).probability).toBeLessThan(summit(baseline).probability);
    expect(summit(run({ params: { wRussia: 0 } })).probability).toBeGreaterThan(summit(baseline).probability);
    expect(summit(run({ params: { wSanctions: 0 } })).probability).toBeGreaterThan(summit(baseline).probability);
    // Distribution changes redraw one factor from its own stream; the others keep their draws.
    clearlyAbove(baseline, run({ params: { 'usDomesticConstraints.mean': 0.95 } }));
    clearlyAbove(run({ variant: 'no-russia-alliance' }), baseline);
    clearlyAbove(run({ variant: 'sanctions-unblocked' }), baseline);
    clearlyAbove(run({ variant: 'seoul-steps-back' }), baseline);
    clearlyAbove(run({ variant: 'us-drops-denuclearization' }), baseline);
  });

  it('says how likely Seoul’s mediation is to backfire', () => {
    const backfires = baseline.events.mediationBackfires;
    expect(backfires.probability).toBeGreaterThan(0.5);
    expect(backfires.probability).toBeLessThan(1);
  });

  it('splits venues given a summit into conditional probabilities that sum to 1', () => {
    const venues = Object.values(baseline.events).filter((e) => e.given === 'summit');
    expect(venues).toHaveLength(5);
    expect(venues.reduce((s, e) => s + e.probability, 0)).toBeCloseTo(1, 12);
  });

  it('names no year in its title or labels: the window comes from the as-of date', () => {
    const texts = [trumpKimSummit.title, ...Object.values(trumpKimSummit.events).map((e) => (typeof e === 'string' ? e : (e.label ?? '')))];
    for (const text of texts) expect(text).not.toMatch(/\b20\d\d\b/);
    expect(trumpKimSummit.timeline).toEqual({ start: '2025-11', period: 'month', horizon: 12 });
    expect(baseline.window).toEqual({ from: '2026-12-04', to: '2027-12-03', period: 'month', periods: 13 });
    // The months from the article to the last recorded development passed without a meeting.
    expect(baseline.evidence?.noneThrough).toEqual({ summit: '2026-05-15' });
    expect(baseline.events.summit.method).toBe('weighted');
  });

  it('lowers the monthly chance in every March and August (the recurring drills)', () => {
    // Month-on-month increments of the cumulative curve, as of New Year 2027: March and August
    // (drills, multiplier 0.3) add less than the months before them.
    const curve = run({ asOf: '2027-01-01' }).timelines.summit;
    const added = (period: string) => {
      const t = curve.findIndex((p) => p.period === period);
      return curve[t].cumulative.probability - curve[t - 1].cumulative.probability;
    };
    expect(added('2027-03')).toBeLessThan(0.5 * added('2027-02'));
    expect(added('2027-08')).toBeLessThan(0.5 * added('2027-07'));
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
    for (const name of ['as-published', 'us-drops-denuclearization', 'seoul-steps-back', 'sanctions-unblocked', 'no-russia-alliance']) {
      expect(trumpKimSummit.variants).toHaveProperty(name);
      expect(run({ variant: name, trials: 10_000 }).manifest.variant).toBe(name);
    }
    expect(run({ variant: 'as-published' }).events).toEqual(baseline.events);
  });
});
