/**
 * Log-odds attribution, field by field: which terms a formula splits into (signs, derived
 * names, products, a second constant), what each bar is called and labelled, each bar's interval
 * against the one `simulate` reports for the same quantity, the probability with its 0/1 trials,
 * and every reason and remainder label the result can carry.
 *
 * Where a number is checked against `simulate`, the two come from different code (attribution's
 * reducer and `attributionResult` against the engine's chunk sums and `buildResult`) reading the
 * same trials, so they agree to the last bit or within a stated rounding.
 */
import { describe, expect, it } from 'vitest';
import { attributeLogOddsSync } from '../../src/analysis/attribution';
import type { AttributionResult } from '../../src/analysis/types';
import { Z95 } from '../../src/engine/intervals';
import { simulateSync } from '../../src/engine/simulate';
import type { Scenario } from '../../src/model/types';
import { thrownBy } from '../helpers/errors';

const seed = 'attribution-forms';
type Applicable = Extract<AttributionResult, { applicable: true }>;

function applicable(r: AttributionResult): Applicable {
  if (!r.applicable) throw new Error(`not applicable: ${r.reason}`);
  return r;
}
function reasonOf(r: AttributionResult): string {
  if (r.applicable) throw new Error('expected a result that does not apply');
  return r.reason;
}
const logit = (p: number) => Math.log(p / (1 - p));

describe('the terms of the sum', () => {
  it('signs subtraction and negation (of a whole sum too), keeps a derived node as one bar, and names and labels each bar by what moves in it', () => {
    const s: Scenario = {
      id: 'terms',
      title: 'Terms',
      params: { b: { value: -1, label: 'the base rate' }, c: { value: 0.25, label: 'a constant' }, w: 2 },
      factors: {
        x: { dist: 'uniform', min: 0, max: 1, label: 'the x factor' },
        y: { dist: 'uniform', min: 0, max: 1 },
      },
      derived: { push: { formula: 'y * y', label: 'the push' }, logOdds: 'b - w * x + -(push - y) + 2 * c + x * y' },
      events: { e: 'sigmoid(logOdds)' },
    };
    const a = applicable(attributeLogOddsSync(s, { seed, trials: 2000 }));
    expect(a.form).toBe('e = sigmoid(logOdds)');
    // The first constant term is the base; the second (2·c) is a bar of its own, named by its
    // one name. A negated sum splits into its terms, each with its sign.
    expect([a.baseFormula, a.baseLogOdds]).toEqual(['b', -1]);
    expect(a.terms.map((t) => [t.name, t.formula, t.label])).toEqual([
      ['x', '-(w * x)', 'the x factor'],
      ['push', '-push', 'the push'],
      ['y', 'y', undefined],
      ['c', '2 * c', 'a constant'],
      ['x * y', 'x * y', undefined],
    ]);
    // A constant term is the same in every trial: its mean is its value and its interval a point.
    expect([a.terms[3].mean, a.terms[3].ci95]).toEqual([0.5, [0.5, 0.5]]);
    const sim = simulateSync(s, { seed, trials: 2000 });
    // −w·x and −push in every trial are exactly −2 and −1 times the node's values, so their means
    // are too (sums of exact multiples round the same way up to a power of two: here exactly).
    expect(a.terms[0].mean).toBe(-2 * sim.nodes.x.mean);
    expect(a.terms[1].mean).toBe(-sim.nodes.push.mean);
    expect(a.terms[2].mean).toBe(sim.nodes.y.mean);
    // Signs matter: E[−2x] = −1 and E[−y²] = −1/3, both within 5 standard errors (sd ≤ 0.6/√2000).
    expect(a.terms[0].mean).toBeCloseTo(-1, 1);
    expect(a.terms[1].mean).toBeCloseTo(-1 / 3, 1);
    expect(a.meanLogOdds).toBe(a.terms.reduce((sum, t) => sum + t.mean, -1));
  });

  it('finds the sigmoid among the factors of a product, through a derived name, beside other calls and a difference', () => {
    const s: Scenario = {
      id: 'product',
      title: 'Product',
      factors: { x: { dist: 'uniform', min: 0, max: 1 }, g: { dist: 'uniform', min: 0.5, max: 1 } },
      derived: { s: 'sigmoid(x - 1)' },
      events: { e: 'min(1, g) * s * (2 - g)' },
    };
    const a = applicable(attributeLogOddsSync(s, { seed, trials: 2000 }));
    expect(a.kind).toBe('attribution');
    expect(a.form).toBe('e = min(1, g) * s * (2 - g)');
    expect([a.baseFormula, a.baseLogOdds]).toEqual(['-1', -1]);
    expect(a.terms.map((t) => t.formula)).toEqual(['x']);
    // A difference among the factors stays one factor: only sums inside the sigmoid split.
    expect(a.remainder.label).toBe('the other factors of the event (min(1, g), 2 - g) and averaging over trials');
  });

  it('has no base when every term moves, and a single other factor is named in the singular', () => {
    const s: Scenario = {
      id: 'no-base',
      title: 'No base',
      factors: { x: { dist: 'uniform', min: -1, max: 1 }, g: { dist: 'uniform', min: 0.5, max: 1 } },
      events: { e: 'sigmoid(x) * g' },
    };
    const a = applicable(attributeLogOddsSync(s, { seed, trials: 2000 }));
    expect(a.baseFormula).toBeUndefined();
    expect(a.baseLogOdds).toBe(0);
    expect(a.remainder.label).toBe('the other factor of the event (g) and averaging over trials');
  });
});

describe('each bar’s interval is the one simulate reports for the same quantity', () => {
  const s: Scenario = {
    id: 'intervals',
    title: 'Intervals',
    asOf: '2026-03-01',
    timeline: { start: '2026-01', horizon: 6 },
    params: { base: -3 },
    factors: { z: { dist: 'normal', mean: 0, sd: 1 } },
    outputs: { zOut: 'z' },
    events: { e: { hazard: 'sigmoid(base + z)' } },
  };

  it('without evidence: the mean ± 1.96 standard errors of the term’s values', () => {
    const trials = 5000;
    const a = applicable(attributeLogOddsSync(s, { seed, trials }));
    const out = simulateSync(s, { seed, trials }).outputs!.zOut;
    expect(a.terms[0].mean).toBe(out.mean);
    // The same sums, Neumaier within a chunk and exact across chunks, read by two routines.
    expect(a.terms[0].ci95[0]).toBeCloseTo(out.ci95[0], 14);
    expect(a.terms[0].ci95[1]).toBeCloseTo(out.ci95[1], 14);
    expect(out.standardError).toBeGreaterThan(0.9 / Math.sqrt(trials)); // sd of N(0, 1) is 1
  });

  it('under "nothing yet" evidence: the weighted mean ± 1.96 delta-method standard errors, not clipped', () => {
    const trials = 5000;
    const noneThrough = { e: '2026-02-28' };
    const a = applicable(attributeLogOddsSync(s, { seed, trials, noneThrough }));
    const out = simulateSync(s, { seed, trials, noneThrough }).outputs!.zOut;
    expect(a.terms[0].mean).toBe(out.mean);
    expect(a.terms[0].ci95[0]).toBeCloseTo(out.mean - Z95 * out.standardError, 14);
    expect(a.terms[0].ci95[1]).toBeCloseTo(out.mean + Z95 * out.standardError, 14);
    // Quiet months favour low z: the weighted mean is below the prior's 0, and the interval is
    // not clipped to [0, 1] as a probability's would be.
    expect(a.terms[0].ci95[1]).toBeLessThan(0);
  });

  it('the remainder’s interval is the probability’s interval on the log-odds scale, less the mean log-odds', () => {
    const a = applicable(attributeLogOddsSync(s, { seed, trials: 5000 }));
    const [lo, hi] = a.probability.ci95;
    expect(a.remainder.ci95[0]).toBeCloseTo(logit(lo) - a.meanLogOdds, 12);
    expect(a.remainder.ci95[1]).toBeCloseTo(logit(hi) - a.meanLogOdds, 12);
    expect(a.remainder.ci95[0]).toBeLessThan(a.remainder.mean);
    expect(a.remainder.ci95[1]).toBeGreaterThan(a.remainder.mean);
    expect(a.remainder.formula).toBe('logit(P(e)) − mean log-odds');
    expect(a.remainder.name).toBe('(remainder)');
  });
  it('has a zero-width remainder interval when the probability’s interval reaches 0', () => {
    // A rare switch: about 2 in 1,000 trials have p ≈ 1, the rest p ≈ 1e-13, so the normal
    // interval of the mean reaches below 0 and is clipped there, where the log-odds are infinite.
    const rare: Scenario = { id: 'rare', title: 'Rare', factors: { on: { dist: 'bernoulli', p: 0.002 } }, events: { e: 'sigmoid(-30 + 60 * on)' } };
    const a = applicable(attributeLogOddsSync(rare, { seed, trials: 1000 }));
    expect(a.probability.ci95[0]).toBe(0);
    expect(a.remainder.ci95).toEqual([a.remainder.mean, a.remainder.mean]);
  });
});

describe('the probability: trials at exactly 0 and 1', () => {
  it('is simulate’s estimate when some trials are certain and others not', () => {
    // z spans ±1000: sigmoid is exactly 1 above about 37, exactly 0 below about −745.
    const s: Scenario = { id: 'mixed', title: 'Mixed', factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'sigmoid(2000 * x - 1000)' } };
    const a = applicable(attributeLogOddsSync(s, { seed, trials: 3000 }));
    const e = simulateSync(s, { seed, trials: 3000 }).events.e;
    expect(a.probability).toEqual({ probability: e.probability, ci95: e.ci95, standardError: e.standardError });
  });

  it('is simulate’s Wilson interval when every trial is 0 or 1', () => {
    // Fractional only for |x − 0.5| < 7.5e-7: about 3 in a million trials.
    const s: Scenario = { id: 'binary', title: 'Binary', factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'sigmoid(1e9 * x - 5e8)' } };
    const a = applicable(attributeLogOddsSync(s, { seed, trials: 3000 }));
    const e = simulateSync(s, { seed, trials: 3000 }).events.e;
    expect(a.probability).toEqual({ probability: e.probability, ci95: e.ci95, standardError: e.standardError });
    // Wilson's interval is asymmetric about the estimate, a normal one is not.
    expect(e.ci95[1] - e.probability).not.toBeCloseTo(e.probability - e.ci95[0], 12);
  });

  it('has nothing to attribute when every trial is certain', () => {
    const one: Scenario = { id: 'one', title: 'One', factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { e: 'sigmoid(800 + x)' } };
    const zero: Scenario = { ...one, events: { e: 'sigmoid(-800 - x)' } };
    expect(attributeLogOddsSync(one, { seed, trials: 500 })).toMatchObject({ kind: 'attribution', event: 'e', applicable: false });
    expect(reasonOf(attributeLogOddsSync(one, { seed, trials: 500 }))).toBe('"e" has probability 1 in every trial, which has no finite log-odds for a waterfall to reach');
    expect(reasonOf(attributeLogOddsSync(zero, { seed, trials: 500 }))).toBe('"e" has probability 0 in every trial, which has no finite log-odds for a waterfall to reach');
  });
});

describe('timed events: the hazard’s form and the remainder', () => {
  const timed = (hazard: string, windows?: Array<{ from: string; to: string; multiplier: string }>): Scenario => ({
    id: 'timed',
    title: 'Timed',
    asOf: '2026-01-01',
    timeline: { start: '2026-01', horizon: 4 },
    params: { base: -2 },
    factors: { z: { dist: 'normal', mean: 0, sd: 0.5 }, g: { dist: 'uniform', min: 0.5, max: 1 }, h: { dist: 'uniform', min: 0.5, max: 1 } },
    events: { e: windows ? { hazard, windows } : { hazard } },
  });

  it('counts one window in the singular, and names no other factor when there is none', () => {
    const a = applicable(attributeLogOddsSync(timed('sigmoid(base + z)', [{ from: '2026-02', to: '2026-02', multiplier: '2' }]), { seed, trials: 1000 }));
    expect(a.form).toBe('e hazard = sigmoid(base + z), times 1 calendar window multiplier, per period; the event is P(at least one occurrence over the 4 periods of the window)');
    expect(a.remainder.label).toBe('from the per-period log-odds to P(e): the calendar windows, compounding over the 4 periods of the window, and averaging over trials');
  });

  it('counts several windows, no window at all, and one or several other hazard factors', () => {
    const w = { from: '2026-02', to: '2026-02', multiplier: '2' };
    const two = applicable(attributeLogOddsSync(timed('sigmoid(base + z) * g', [w, { ...w, from: '2026-03', to: '2026-03' }]), { seed, trials: 1000 }));
    expect(two.form).toBe('e hazard = sigmoid(base + z) * g, times 2 calendar window multipliers, per period; the event is P(at least one occurrence over the 4 periods of the window)');
    expect(two.remainder.label).toBe('from the per-period log-odds to P(e): the other hazard factor (g), the calendar windows, compounding over the 4 periods of the window, and averaging over trials');
    const none = applicable(attributeLogOddsSync(timed('g * h * sigmoid(base + z)'), { seed, trials: 1000 }));
    expect(none.form).toBe('e hazard = g * h * sigmoid(base + z), per period; the event is P(at least one occurrence over the 4 periods of the window)');
    expect(none.remainder.label).toMatch(/^from the per-period log-odds to P\(e\): the other hazard factors \(g, h\), the calendar windows/);
  });

  it('says which hazard does not split', () => {
    expect(reasonOf(attributeLogOddsSync(timed('g / 4'), { seed, trials: 1000 }))).toBe('the hazard of "e" is g / 4, which is not sigmoid(a sum of terms), so its log-odds do not split into additive contributions');
    expect(reasonOf(attributeLogOddsSync(timed('sigmoid(z) * sigmoid(base)'), { seed, trials: 1000 }))).toBe(
      'the hazard of "e" is sigmoid(z) * sigmoid(base), which is not sigmoid(a sum of terms) but a product of several sigmoids, so its log-odds do not split into additive contributions',
    );
  });
});

describe('what is refused or not applicable', () => {
  const s: Scenario = {
    id: 'refusals',
    title: 'Refusals',
    asOf: '2026-07-01',
    timeline: { start: '2026-01', horizon: 12 },
    factors: { x: { dist: 'beta', alpha: 2, beta: 2 } },
    outputs: { cost: '3 * x' },
    events: { e: { hazard: 'sigmoid(10 * x - 5)' }, plain: 'sigmoid(x)' },
  };

  it('an output, by name, with the reason', () => {
    const r = attributeLogOddsSync(s, { seed, trials: 500, event: 'cost' });
    expect(r).toMatchObject({ kind: 'attribution', event: 'cost', applicable: false });
    expect(reasonOf(r)).toBe('"cost" is a real-valued output, not a probability: a log-odds waterfall needs an event of the form sigmoid(base + terms); see its sensitivity instead');
  });

  it('an event that is not an output is attributed even when the scenario has outputs', () => {
    expect(attributeLogOddsSync(s, { seed, trials: 500, event: 'plain' }).applicable).toBe(true);
  });

  it('evidence that leaves too few effective trials, as simulate refuses it', () => {
    // Six quiet months at hazards up to sigmoid(5) ≈ 0.99 leave almost no weight on most worlds.
    const noneThrough = { e: '2026-06-30' };
    const refusal = thrownBy(() => simulateSync(s, { seed, trials: 1000, noneThrough })).message;
    expect(refusal).toMatch(/effective/);
    expect(() => attributeLogOddsSync(s, { seed, trials: 1000, noneThrough })).toThrow(refusal);
  });
});
