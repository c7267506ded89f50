/**
 * Forecasts that know what day it is: the as-of date, the rolling horizon with partial
 * periods, recurring and absolute calendar windows, periods other than months, and "nothing
 * yet" evidence, against closed forms.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import { pow } from '../../src/math';
import type { Scenario } from '../../src/model/types';
import { validateScenario } from '../../src/model/validate';
import { simulate } from '../../src/node/parallel';
import { mergeParts, runShard } from '../../src/node/shard';
import { buildReport } from '../../src/report/build';
import { renderJson } from '../../src/report/json';
import { verifyReport } from '../../src/report/verify';
import { numbers } from '../parallel/helpers';

/** A constant hazard h per period, over a rolling 12-month horizon from a world that starts in 2026. */
const constant: Scenario = {
  id: 'constant-hazard',
  title: 'A constant monthly hazard',
  params: { h: 0.05 },
  timeline: { start: '2026-01', horizon: 12 },
  events: { e: { hazard: 'h' } },
};

/** The hazard is x ~ Beta(2, 20): the same in every month of one world, uncertain across worlds. */
const betaHazard: Scenario = {
  id: 'beta-hazard',
  title: 'A Beta(2, 20) monthly hazard',
  factors: { x: { dist: 'beta', alpha: 2, beta: 20 } },
  timeline: { start: '2026-01', horizon: 12 },
  events: { e: { hazard: 'x' } },
};

/** 1 − B(a, b + k + m) / B(a, b + k) for integer a = 2, where B(2, c) = 1 / (c (c + 1)). */
function quietThenWindow(b: number, k: number, m: number): number {
  const inv = (c: number) => c * (c + 1);
  return 1 - inv(b + k) / inv(b + k + m);
}

describe('as-of date and rolling horizon', () => {
  it('gives 1 − (1 − h)^12 for a constant hazard over a 12-month window, wherever the window starts', () => {
    // Exact: the per-trial value is the same in every trial, so the estimate is exact up to rounding.
    for (const asOf of ['2026-01-01', '2026-07-01', '2027-03-01']) {
      const r = simulateSync(constant, { seed: 1, trials: 1000, asOf });
      expect(r.asOf).toBe(asOf);
      expect(r.events.e.probability).toBeCloseTo(1 - 0.95 ** 12, 14);
      expect(r.timelines.e).toHaveLength(12);
    }
    const july = simulateSync(constant, { seed: 1, trials: 1000, asOf: '2026-07-01' });
    expect(july.window).toEqual({ from: '2026-07-01', to: '2027-06-30', period: 'month', periods: 12 });
    expect(july.timelines.e.map((p) => p.period)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06']);
    expect(july.manifest.asOf).toBe('2026-07-01');
  });

  it('counts a partial first and last period for their share of days: 1 − (1 − h)^share', () => {
    // As of 16 July, one month: 16 of July's 31 days and 15 of August's 31.
    const r = simulateSync(constant, { seed: 1, trials: 1000, asOf: '2026-07-16', horizon: 1 });
    expect(r.window).toMatchObject({ from: '2026-07-16', to: '2026-08-15', periods: 2 });
    const july = pow(0.95, 16 / 31);
    expect(r.timelines.e[0]).toMatchObject({ period: '2026-07', end: '2026-07-31' });
    expect(r.timelines.e[0].cumulative.probability).toBeCloseTo(1 - july, 14);
    expect(r.timelines.e[1].end).toBe('2026-08-15');
    expect(r.events.e.probability).toBeCloseTo(1 - july * pow(0.95, 15 / 31), 14);
  });

  it('defaults to today (UTC), and a scenario or variant may set its own date', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-02-10T23:30:00Z'));
    try {
      expect(simulateSync(constant, { seed: 1, trials: 100 }).asOf).toBe('2027-02-10');
      const own: Scenario = { ...constant, asOf: '2026-03-01', variants: { later: { asOf: '2026-09-01', timeline: { horizon: 3 } } } };
      expect(simulateSync(own, { seed: 1, trials: 100 }).window).toMatchObject({ from: '2026-03-01', to: '2027-02-28' });
      expect(simulateSync(own, { seed: 1, trials: 100, variant: 'later' }).window).toMatchObject({ from: '2026-09-01', to: '2026-11-30' });
      expect(simulateSync(own, { seed: 1, trials: 100, variant: 'later', asOf: '2026-10-01' }).window).toMatchObject({ from: '2026-10-01' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a variant replace the observed list: a backtest knows only what was known on its own date', () => {
    const observed: Scenario = {
      ...constant,
      factors: { x: { dist: 'beta', alpha: 2, beta: 20 } },
      events: { e: { hazard: 'x' } },
      observed: [{ event: 'e', noneThrough: '2026-06-30' }],
      variants: {
        early: { asOf: '2026-02-01', observed: [] },
        earlyQuiet: { asOf: '2026-02-01', observed: [{ event: 'e', noneThrough: '2026-01-31' }] },
        stale: { asOf: '2026-02-01' },
      },
    };
    // Without its own list, a variant dated before the scenario's observation is invalid.
    expect(validateScenario(observed).map((i) => `${i.code} ${i.path}`)).toEqual(['none-through-after-as-of variants.stale.observed.0.noneThrough']);
    const { stale: _stale, ...valid } = observed.variants!;
    const ok = { ...observed, variants: valid };
    expect(simulateSync(ok, { seed: 1, trials: 1000, variant: 'early' }).evidence).toBeUndefined();
    const quiet = simulateSync(ok, { seed: 1, trials: 5000, variant: 'earlyQuiet' });
    expect(quiet.evidence?.noneThrough).toEqual({ e: '2026-01-31' });
    // The scenario's own list is untouched for the scenario itself.
    expect(simulateSync(ok, { seed: 1, trials: 5000, asOf: '2026-07-01' }).evidence?.noneThrough).toEqual({ e: '2026-06-30' });
  });

  it('supports quarters, years, weeks and days', () => {
    const quarterly: Scenario = { ...constant, timeline: { start: '2026-01', period: 'quarter', horizon: 4 } };
    const q = simulateSync(quarterly, { seed: 1, trials: 100, asOf: '2026-04-01' });
    expect(q.timelines.e.map((p) => p.period)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(q.events.e.probability).toBeCloseTo(1 - 0.95 ** 4, 14);
    const yearly = simulateSync({ ...constant, timeline: { start: '2026-01', period: 'year', horizon: 2 } }, { seed: 1, trials: 100, asOf: '2026-01-01' });
    expect(yearly.timelines.e.map((p) => [p.period, p.end])).toEqual([['2026', '2026-12-31'], ['2027', '2027-12-31']]);
    // Weeks start on Mondays; 2026-03-02 is one.
    const weekly = simulateSync({ ...constant, timeline: { start: '2026-03-02', period: 'week', horizon: 3 } }, { seed: 1, trials: 100, asOf: '2026-03-02' });
    expect(weekly.timelines.e.map((p) => p.period)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    const daily = simulateSync({ ...constant, timeline: { start: '2026-02-27', period: 'day', horizon: 3 } }, { seed: 1, trials: 100, asOf: '2026-02-27' });
    expect(daily.timelines.e.map((p) => p.end)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(daily.events.e.probability).toBeCloseTo(1 - 0.95 ** 3, 14);
  });

  it('applies a recurring window in every year of a 30-month span; an absolute one outside the span is inert', () => {
    // Hazard 0 every March: 27 of the 30 months (Jan 2026 – Jun 2028) can see the event.
    const drills: Scenario = {
      ...constant,
      timeline: { start: '2026-01', horizon: 30 },
      events: { e: { hazard: 'h', windows: [{ every: 'year', months: [3], multiplier: '0' }, { from: '2031-01', to: '2031-12', multiplier: '0' }] } },
    };
    expect(validateScenario(drills)).toEqual([]);
    const r = simulateSync(drills, { seed: 1, trials: 100, asOf: '2026-01-01' });
    expect(r.events.e.probability).toBeCloseTo(1 - 0.95 ** 27, 14);
    const curve = r.timelines.e;
    for (const march of ['2026-03', '2027-03', '2028-03']) {
      const t = curve.findIndex((p) => p.period === march);
      expect(curve[t].cumulative.probability, march).toBe(curve[t - 1].cumulative.probability);
    }
  });
});

describe('"nothing yet" evidence', () => {
  it('conditions a Beta(2, 20) hazard on 6 quiet months: 1 − B(2, 38)/B(2, 26) = 0.526316, covered at 1e6 trials across seeds', () => {
    const expected = quietThenWindow(20, 6, 12);
    expect(expected).toBeCloseTo(1 - 702 / 1482, 15);
    expect(expected).toBeCloseTo(0.526316, 6);
    // Three fixed seeds at 1e6 trials; each 95% interval must cover the exact value.
    for (const seed of ['quiet-1', 'quiet-2', 'quiet-3']) {
      const r = simulateSync(betaHazard, { seed, trials: 1_000_000, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } });
      const e = r.events.e;
      expect(e.method).toBe('weighted');
      expect(e.ci95[0], seed).toBeLessThanOrEqual(expected);
      expect(e.ci95[1], seed).toBeGreaterThanOrEqual(expected);
      // The SE from theory: the delta-method SE of a ratio estimator is of order sqrt(Var/n); a
      // bug that inflated it tenfold would cover anything, so bound it from above too.
      expect(e.standardError).toBeLessThan(0.001);
      expect(r.evidence!.noneThrough).toEqual({ e: '2026-06-30' });
      expect(r.evidence!.effectiveSampleSize).toBeGreaterThan(0.5e6);
    }
    // Without the evidence the same window gives the unconditional 1 − B(2, 32)/B(2, 20) = 0.602273.
    const prior = simulateSync(betaHazard, { seed: 'quiet-1', trials: 1_000_000, asOf: '2026-07-01' }).events.e;
    const unconditional = quietThenWindow(20, 0, 12);
    expect(unconditional).toBeCloseTo(1 - 420 / 1056, 15);
    expect(prior.ci95[0]).toBeLessThanOrEqual(unconditional);
    expect(prior.ci95[1]).toBeGreaterThanOrEqual(unconditional);
  });

  it('covers the exact value in about 95% of 40 seeded runs (α = 0.05; 40 runs make ≤ 33 covering a 0.3% event)', () => {
    // Binomial(40, 0.95): P(covering ≤ 33) ≈ 0.003 and P(= 40) ≈ 0.13, so an interval too narrow
    // (≤ 33) or one far too wide (all 40 with a tiny standard error ruled out below) both fail.
    const expected = quietThenWindow(20, 6, 12);
    let covered = 0;
    for (let s = 0; s < 40; s++) {
      const e = simulateSync(betaHazard, { seed: `cover-${s}`, trials: 20_000, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } }).events.e;
      if (e.ci95[0] <= expected && expected <= e.ci95[1]) covered++;
      // Too wide fails too: the SE at 20,000 trials is about 0.0035 (sd of the per-trial chance ≈ 0.49/√20,000).
      expect(e.standardError).toBeLessThan(0.005);
    }
    expect(covered).toBeGreaterThanOrEqual(34);
  });

  it('reads the scenario\'s own observations, and an option replaces them for the same event', () => {
    const observed: Scenario = { ...betaHazard, observed: [{ event: 'e', noneThrough: '2026-03-31' }] };
    const own = simulateSync(observed, { seed: 2, trials: 20_000, asOf: '2026-07-01' });
    expect(own.evidence!.noneThrough).toEqual({ e: '2026-03-31' });
    const replaced = simulateSync(observed, { seed: 2, trials: 20_000, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } });
    const direct = simulateSync(betaHazard, { seed: 2, trials: 20_000, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } });
    // The scenarios differ (one carries the observation), so compare what was estimated.
    const estimates = (r: typeof direct) => ({ events: r.events, nodes: r.nodes, timelines: r.timelines, evidence: r.evidence });
    expect(estimates(replaced)).toEqual(estimates(direct));
  });

  it('gives the same bits on worker threads and across merged shards', async () => {
    const options = { seed: 9, trials: 60_000, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } };
    const one = simulateSync(betaHazard, options);
    expect(numbers(await simulate(betaHazard, { ...options, workers: 2 }))).toEqual(numbers(one));
    const parts = await Promise.all([1, 2, 3].map(async (k) => JSON.parse(JSON.stringify(await runShard(betaHazard, { ...options, workers: 1 }, { k, n: 3 })))));
    expect(numbers(mergeParts(parts))).toEqual(numbers(one));
  });

  it('refuses a run whose evidence leaves too few effective trials', () => {
    // Hazard 0.5 a month over 24 quiet months: weights of 2^-24 everywhere but a handful.
    const harsh: Scenario = { ...betaHazard, factors: { x: { dist: 'uniform', min: 0, max: 1 } }, timeline: { start: '2024-01', horizon: 12 } };
    expect(() => simulateSync(harsh, { seed: 1, trials: 2000, asOf: '2026-01-01', noneThrough: { e: '2025-12-31' } })).toThrow(/effective sample of [\d,]+ of 2,000 trials, below the 1,000/);
  });
});

describe('honest edges', () => {
  const issues = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues.map((i) => [i.code, i.path]);
      throw e;
    }
    throw new Error('expected a ScenarioError');
  };

  it('names the option or field at fault', () => {
    expect(issues(() => simulateSync(constant, { asOf: '2025-12-31' }))).toEqual([['as-of-before-start', 'asOf']]);
    expect(issues(() => simulateSync(constant, { asOf: '2026-02-30' }))).toEqual([['invalid-option', 'asOf']]);
    expect(issues(() => simulateSync(constant, { horizon: 0 }))).toEqual([['invalid-option', 'horizon']]);
    expect(issues(() => simulateSync(constant, { asOf: '2026-05-01', noneThrough: { e: '2026-06-01' } }))).toEqual([['none-through-after-as-of', 'noneThrough.e']]);
    expect(issues(() => simulateSync(constant, { asOf: '2026-05-01', noneThrough: { nope: '2026-02-01' } }))).toEqual([['unknown-event', 'noneThrough.nope']]);
    expect(issues(() => simulateSync(constant, { asOf: '2026-05-01', noneThrough: { e: '2025-02-01' } }))).toEqual([['none-through-before-start', 'noneThrough.e']]);
    const fixed: Scenario = { ...constant, timeline: { start: '2026-01', end: '2026-12' } };
    expect(issues(() => simulateSync(fixed, { asOf: '2027-01-05' }))).toEqual([['window-in-past', 'asOf']]);
    const untimed: Scenario = { id: 'u', title: 'U', params: { p: 0.5 }, events: { e: 'p' } };
    expect(issues(() => simulateSync(untimed, { horizon: 3 }))).toEqual([['timeline-missing', 'horizon']]);
  });

  it('needs exactly one of end and horizon', () => {
    expect(validateScenario({ ...constant, timeline: { start: '2026-01', end: '2026-12', horizon: 12 } }).map((i) => i.code)).toEqual(['timeline-end-and-horizon']);
    expect(validateScenario({ ...constant, timeline: { start: '2026-01' } }).map((i) => i.code)).toEqual(['timeline-no-window']);
    expect(validateScenario({ ...constant, observed: [{ event: 'nope', noneThrough: '2026-02-01' }] }).map((i) => [i.code, i.path])).toEqual([['unknown-event', 'observed.0.event']]);
  });
});

describe('verify re-runs with the recorded date', () => {
  afterEach(() => vi.useRealTimers());

  it('reproduces a report made --as-of 2026-12-04 on a later day', async () => {
    const observed: Scenario = { ...betaHazard, observed: [{ event: 'e', noneThrough: '2026-05-15' }] };
    const text = renderJson(await buildReport(observed, { seed: 3, trials: 20_000, asOf: '2026-12-04' }));
    expect(JSON.parse(text).asOf).toBe('2026-12-04');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-08-01T12:00:00Z'));
    const verdict = await verifyReport(text);
    expect(verdict.problems).toEqual([]);
    expect(verdict.reproduced).toBe(true);
  });
});
