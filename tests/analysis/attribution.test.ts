/**
 * Log-odds attribution: the waterfall adds up to the reported probability, each term's mean is
 * what its distribution implies, and forms that do not split say so.
 */
import { describe, expect, it } from 'vitest';
import { attributeLogOdds, attributeLogOddsSync } from '../../src/analysis/attribution';
import type { AttributionResult } from '../../src/analysis/types';
import { simulateSync } from '../../src/engine/simulate';
import type { Scenario } from '../../src/model/types';
import { builtinScenario, trumpKimSummit } from '../../src/scenarios';

const seed = 'attribution-tests';
const trials = 20_000;
const fourFactors = builtinScenario('four-factors')!;

type Applicable = Extract<AttributionResult, { applicable: true }>;
function applicable(r: AttributionResult): Applicable {
  if (!r.applicable) throw new Error(`not applicable: ${r.reason}`);
  return r;
}

/** base + terms + remainder = logit(P), and sigmoid of it is the reported probability. */
function addsUp(a: Applicable): void {
  const total = a.terms.reduce((s, t) => s + t.mean, a.baseLogOdds);
  expect(total).toBeCloseTo(a.meanLogOdds, 12);
  expect(a.meanLogOdds + a.remainder.mean).toBeCloseTo(a.finalLogOdds, 12);
  expect(1 / (1 + Math.exp(-a.finalLogOdds))).toBeCloseTo(a.probability.probability, 14);
}

describe('attribution', () => {
  it('splits four-factors’ sigmoid(logOdds) into the base and one bar per factor', () => {
    const a = applicable(attributeLogOddsSync(fourFactors, { seed, trials }));
    expect(a.scale).toBe('event');
    expect(a.form).toBe('summit = sigmoid(logOdds)');
    expect([a.baseFormula, a.baseLogOdds]).toEqual(['base', 0.5]);
    expect(a.terms.map((t) => [t.name, t.formula])).toEqual([
      ['sanctionsBlocking', 'wSanctions * sanctionsBlocking'],
      ['russiaAlliance', 'wRussia * russiaAlliance'],
      ['usDomesticConstraints', 'wDomestic * usDomesticConstraints'],
      ['rokMediation', 'wRok * rokMediation'],
    ]);
    // Exact means: weight × the factor's mean (Beta(8,2): 0.8; Beta(7,3): 0.7; N(−0.3, 0.3): −0.3).
    const exact = [-1.0 * 0.8, -1.2 * 0.7, undefined, 1.0 * -0.3];
    a.terms.forEach((t, i) => {
      if (exact[i] === undefined) return;
      // 4 Monte Carlo standard errors (the interval is ±1.96).
      expect(Math.abs(t.mean - exact[i]!), t.name).toBeLessThan((4 / 1.96) * (t.ci95[1] - t.mean));
      expect(t.range95![0]).toBeLessThan(t.mean);
      expect(t.range95![1]).toBeGreaterThan(t.mean);
    });
    addsUp(a);
    expect(a.probability.probability).toBe(simulateSync(fourFactors, { seed, trials }).events.summit.probability);
    // Averaging a convex-then-concave sigmoid over uncertain log-odds: a small positive gap here.
    expect(a.remainder.mean).toBeGreaterThan(0);
    expect(a.remainder.label).toMatch(/averaging over uncertainty/);
  });

  it('attributes the flagship’s monthly log-odds and carries the remainder to P(summit in the window)', () => {
    // Pinned: the flagship forecasts 12 months from its as-of date, which is otherwise today.
    const asOf = '2026-06-01';
    const a = applicable(attributeLogOddsSync(trumpKimSummit, { seed, trials, asOf }));
    expect(a.scale).toBe('hazard');
    expect(a.form).toMatch(/^summit hazard = sigmoid\(monthlyLogOdds\) \* \(agendaOpen \+ .*\), times 7 calendar window multipliers/);
    // Every term of the pace is an uncertain factor, so there is no constant base.
    expect([a.baseFormula, a.baseLogOdds]).toEqual([undefined, 0]);
    expect(a.terms.map((t) => t.name)).toEqual(['base', 'trumpWillingness', 'rokMediation']);
    // Each bar is a factor's weighted mean: near the prior means −1.5, +0.5 and −0.4, and exactly
    // simulate's weighted mean of that node (the evidence weights every mean alike).
    const nodes = simulateSync(trumpKimSummit, { seed, trials, asOf }).nodes;
    for (const t of a.terms) expect(t.mean, t.name).toBeCloseTo(nodes[t.name].mean, 12);
    expect(a.terms[1].label).toBe('Trump’s stated willingness (log-odds)');
    addsUp(a);
    expect(a.remainder.label).toMatch(/agendaOpen.*calendar windows.*12 periods/);
    // The flagship's "nothing yet" evidence (no summit through 2026-05-15) weights every mean,
    // and the probability is simulate's weighted estimate, bit for bit.
    expect(a.probability).toEqual((({ probability, ci95, standardError }) => ({ probability, ci95, standardError }))(simulateSync(trumpKimSummit, { seed, trials, asOf }).events.summit));
  });

  it('handles a sigmoid times another factor, and subtraction', () => {
    const s: Scenario = {
      id: 'product',
      title: 'Product',
      params: { b: -1, w: 2 },
      factors: { x: { dist: 'uniform', min: 0, max: 1 }, g: { dist: 'uniform', min: 0.5, max: 1 } },
      events: { e: 'g * sigmoid(b - w * x)' },
    };
    const a = applicable(attributeLogOddsSync(s, { seed, trials: 5_000 }));
    expect(a.terms.map((t) => t.formula)).toEqual(['-(w * x)']);
    // E[−w·x] = −2 · 0.5; ±0.05 is about 6 standard errors (2 · sd(U(0,1)) / sqrt(5,000) = 0.0082):
    // this test is about the term's form, the coverage of its interval is tested in tests/stats.
    expect(a.terms[0].mean).toBeCloseTo(-1, 1);
    expect(a.remainder.label).toMatch(/other factor of the event \(g\)/);
    addsUp(a);
  });

  it('says clearly when the form does not apply', async () => {
    const reasons = await Promise.all(
      [
        attributeLogOdds(trumpKimSummit, { seed, trials: 1000, event: 'mediationBackfires' }),
        attributeLogOdds(trumpKimSummit, { seed, trials: 1000, event: 'venueDmz' }),
        attributeLogOdds({ id: 'two', title: 'Two', factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'sigmoid(x) * sigmoid(-x)' } }, { seed, trials: 1000 }),
      ].map(async (p) => {
        const r = await p;
        expect(r.applicable).toBe(false);
        return r.applicable ? '' : r.reason;
      }),
    );
    expect(reasons[0]).toBe('"mediationBackfires" is rokMediation < 0, which is not sigmoid(a sum of terms), so its log-odds do not split into additive contributions');
    expect(reasons[1]).toMatch(/conditional on "summit".*attribute "summit" instead/);
    expect(reasons[2]).toMatch(/a product of several sigmoids/);
  });
});
