import { describe, expect, it } from 'vitest';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { validateScenario } from '../../src/model/validate';

/** An unrelated timed scenario: a machine that fails with a constant monthly hazard. */
const constantHazard: Scenario = {
  id: 'machine-failure',
  title: 'A machine that fails with a constant monthly hazard',
  params: { h: 0.07 },
  timeline: { start: '2030-01', end: '2030-12' },
  // Forecast from the world's first day, so the window is the whole timeline.
  asOf: '2030-01-01',
  events: { failure: { hazard: 'h' } },
};

describe('timed events', () => {
  it('matches the geometric formula for a constant hazard', () => {
    // Exact: P(first failure by month t) = 1 - (1 - h)^t. Per-trial values are constant, so the
    // estimate is exact up to rounding and its interval has zero width.
    const r = simulateSync(constantHazard, { seed: 1, trials: 20_000 });
    const curve = r.timelines.failure;
    expect(curve.map((p) => p.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2030-${String(i + 1).padStart(2, '0')}`));
    curve.forEach((point, t) => expect(point.cumulative.probability).toBeCloseTo(1 - 0.93 ** (t + 1), 12));
    expect(r.events.failure.probability).toBeCloseTo(1 - 0.93 ** 12, 12);
    expect(curve[1].end).toBe('2030-02-28');
    // Memorylessness: with nothing through month t, P(by month 12) = 1 - (1 - h)^(12 - t).
    curve.slice(0, -1).forEach((point, t) => expect(point.ifNoneYet!.probability).toBeCloseTo(1 - 0.93 ** (11 - t), 10));
    expect(curve[11].ifNoneYet).toBeUndefined();
  });

  it('matches E[1 - (1 - h)^t] for a Beta-distributed hazard, within 4 standard errors', () => {
    // For h ~ Beta(a, b): E[(1 - h)^t] = prod_{j=0}^{t-1} (b + j) / (a + b + j) (Beta moments).
    const [a, b] = [2, 30];
    const s: Scenario = { ...constantHazard, params: {}, factors: { h: { dist: 'beta', alpha: a, beta: b } } };
    const r = simulateSync(s, { seed: 'beta-hazard', trials: 100_000 });
    // E[(1 - h)^k] for k = 1, 2, …: the product above up to k. The per-trial value at month t is
    // 1 - (1 - h)^t, with variance E[(1 - h)^2t] - E[(1 - h)^t]^2: the standard error from theory.
    const moment = (k: number) => Array.from({ length: k }, (_, j) => (b + j) / (a + b + j)).reduce((x, y) => x * y, 1);
    r.timelines.failure.forEach((point, i) => {
      const t = i + 1;
      const se = Math.sqrt((moment(2 * t) - moment(t) ** 2) / r.trials);
      expect(Math.abs(point.cumulative.probability - (1 - moment(t)))).toBeLessThan(4 * se);
      // The reported standard error agrees with theory within 5% (its own error is about 1/√(2n)).
      expect(Math.abs(point.cumulative.standardError / se - 1), `month ${t}`).toBeLessThan(0.05);
    });
    // The event's probability is the curve's last point (mean of 1 - S vs 1 - mean of S: equal
    // up to the last bits of rounding).
    expect(r.events.failure.probability).toBeCloseTo(r.timelines.failure[11].cumulative.probability, 14);
  });

  it('multiplies the hazard inside windows and caps it at 1', () => {
    const s: Scenario = {
      ...constantHazard,
      events: {
        failure: {
          hazard: 'h',
          windows: [
            { from: '2030-03', to: '2030-04', multiplier: '2' },
            { from: '2030-04', to: '2030-04', multiplier: '10' },
          ],
        },
      },
    };
    const r = simulateSync(s, { seed: 1, trials: 1000 });
    // Month 3: hazard 0.14; month 4: 0.07 * 2 * 10 = 1.4, capped at 1, so certain by April.
    const curve = r.timelines.failure;
    expect(curve[2].cumulative.probability).toBeCloseTo(1 - 0.93 * 0.93 * 0.86, 12);
    expect(curve[3].cumulative.probability).toBe(1);
  });

  it('leaves windows outside the simulated span inert, and refuses timed events without a timeline', () => {
    const outside: Scenario = { ...constantHazard, events: { failure: { hazard: 'h', windows: [{ from: '2031-01', to: '2031-02', multiplier: '0' }] } } };
    expect(validateScenario(outside)).toEqual([]);
    expect(simulateSync(outside, { seed: 1, trials: 100 }).events.failure.probability).toBe(simulateSync(constantHazard, { seed: 1, trials: 100 }).events.failure.probability);
    const { timeline: _none, ...untimed } = constantHazard;
    expect(validateScenario(untimed).map((i) => i.code)).toEqual(['timeline-missing']);
    const backwards: Scenario = { ...constantHazard, timeline: { start: '2030-01', end: '2029-12' } };
    expect(validateScenario(backwards).map((i) => i.path)).toEqual(['timeline.end']);
    expect(validateScenario({ ...constantHazard, timeline: { start: '2030-13', end: '2031-01' } }).map((i) => i.path)).toEqual(['timeline.start']);
    const inverted: Scenario = { ...constantHazard, events: { failure: { hazard: 'h', windows: [{ from: '2030-05', to: '2030-02', multiplier: '2' }] } } };
    expect(validateScenario(inverted).map((i) => [i.code, i.path])).toEqual([['window-order', 'events.failure.windows.0.to']]);
  });

  it('stops with a clear error when a multiplier is negative', () => {
    const s: Scenario = { ...constantHazard, events: { failure: { hazard: 'h', windows: [{ from: '2030-01', to: '2030-01', multiplier: '-1' }] } } };
    expect(() => simulateSync(s, { seed: 1, trials: 100 })).toThrow(/"failure \(window 0 multiplier\)" gave a negative or infinite multiplier \(-1\)/);
  });
});

describe('conditional events', () => {
  const venues: Scenario = {
    id: 'venues',
    title: 'Where, given that it happens',
    factors: { x: { dist: 'uniform', min: 0, max: 1 }, w: { dist: 'uniform', min: 0, max: 2 } },
    derived: { total: '1 + w + 2' },
    events: {
      meet: 'x',
      here: { p: '1 / total', given: 'meet' },
      there: { p: 'w / total', given: 'meet' },
      elsewhere: { p: '2 / total', given: 'meet' },
    },
  };

  it('reports P(A | B) = E[p_B q_A] / E[p_B], and a split sums to 1', () => {
    const r = simulateSync(venues, { seed: 3, trials: 200_000 });
    const sum = r.events.here.probability + r.events.there.probability + r.events.elsewhere.probability;
    expect(sum).toBeCloseTo(1, 12);
    expect(r.events.here).toMatchObject({ method: 'ratio', given: 'meet' });
    // x and w are independent, so E[x / (3 + w)] / E[x] = E[1 / (3 + w)] = ln(5/3) / 2 exactly.
    // (The ratio estimate's standard error is checked against exact coverage, not trusted, in
    // tests/stats/coverage-estimators.test.ts.)
    expect(Math.abs(r.events.here.probability - Math.log(5 / 3) / 2)).toBeLessThan(4 * r.events.here.standardError);
  });

  it('weights the split by how likely the condition is in each trial', () => {
    // Here venue A is chosen exactly when the meeting is likely: P(A | meet) = E[x·1{x>0.5}] / E[x] = 0.375 / 0.5.
    const s: Scenario = { ...venues, derived: {}, events: { meet: 'x', a: { p: 'x > 0.5', given: 'meet' } } };
    const r = simulateSync(s, { seed: 4, trials: 200_000 });
    expect(Math.abs(r.events.a.probability - 0.75)).toBeLessThan(4 * r.events.a.standardError);
  });

  it('refuses unknown, self and chained conditions', () => {
    const bad: Scenario = { ...venues, events: { meet: 'x', a: { p: '0.5', given: 'nope' }, b: { p: '0.5', given: 'b' }, c: { p: '0.5', given: 'a' } } };
    expect(validateScenario(bad).map((i) => [i.code, i.path])).toEqual([
      ['unknown-event', 'events.a.given'],
      ['conditional-chain', 'events.b.given'],
      ['conditional-chain', 'events.c.given'],
    ]);
  });

  it('says so when the condition never holds', () => {
    const s: Scenario = { ...venues, events: { meet: 'x > 2', a: { p: '0.5', given: 'meet' } } };
    expect(() => simulateSync(s, { seed: 1, trials: 1000 })).toThrow(ScenarioError);
  });
});

describe('variants', () => {
  const withVariants: Scenario = {
    id: 'v',
    title: 'Variants',
    params: { w: 0.2 },
    factors: { x: { dist: 'beta', alpha: 2, beta: 2 } },
    events: { e: 'w * x' },
    variants: {
      heavier: { description: 'w doubled', set: { w: 0.4 } },
      fixed: { factors: { x: { dist: 'constant', value: 0.5 } } },
    },
  };

  it('applies set and factors, with the same streams as the base for common random numbers', () => {
    const base = simulateSync(withVariants, { seed: 1, trials: 10_000 });
    const heavier = simulateSync(withVariants, { seed: 1, trials: 10_000, variant: 'heavier' });
    // Same draws of x, weight doubled: the per-trial values double exactly.
    expect(heavier.events.e.probability).toBe(2 * base.events.e.probability);
    expect(heavier.manifest.variant).toBe('heavier');
    expect(simulateSync(withVariants, { seed: 1, trials: 100, variant: 'fixed' }).events.e.probability).toBe(0.1);
  });

  it('applies params after the variant', () => {
    const r = simulateSync(withVariants, { seed: 1, trials: 100, variant: 'fixed', params: { w: 1 } });
    expect(r.events.e.probability).toBe(0.5);
  });

  it('names unknown variants and checks every variant when validating', () => {
    expect(() => simulateSync(withVariants, { variant: 'nope' })).toThrow(/no variant named "nope" \(variants: heavier, fixed\)/);
    const broken: Scenario = { ...withVariants, variants: { bad: { set: { missing: 1 } }, worse: { factors: { x: { dist: 'beta', alpha: -1, beta: 2 } } } } };
    expect(validateScenario(broken).map((i) => i.path)).toEqual(['variants.bad.set.missing', 'variants.worse.factors.x.alpha']);
  });
});
