/**
 * Evidence: signposts declared in a scenario, ledgers of dated observations, and conditioning
 * on the model's own nodes by rejection or likelihood weighting.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_EFFECTIVE_SAMPLE_SIZE, updateOdds, updateOddsSync } from '../../src/analysis/evidence';
import { parseLedger, type EvidenceLedger } from '../../src/analysis/ledger';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { validateScenario } from '../../src/model/validate';
import { builtinScenario, trumpKimSummit } from '../../src/scenarios';
import { issuesOf } from '../helpers/errors';

const seed = 'evidence-tests';
const trials = 20_000;
const odds = (p: number) => p / (1 - p);

/** four-factors with two declared signposts. */
const withSignposts: Scenario = {
  ...builtinScenario('four-factors')!,
  signposts: {
    envoy: { label: 'A US envoy visits Pyongyang', date: '2026-03', event: 'summit', pIfEvent: 0.6, pIfNotEvent: 0.2 },
    sanctionsVote: { description: 'A new UN sanctions resolution passes', likelihoodRatio: 2 },
    backfire: { event: 'mediationBackfires', likelihoodRatio: 3 },
  },
};

describe('signposts in a scenario', () => {
  it('validates them: event names, ranges, dates and one form each', () => {
    expect(validateScenario(withSignposts)).toEqual([]);
    const bad = {
      ...withSignposts,
      signposts: {
        a: { event: 'nope', likelihoodRatio: 2 },
        b: { pIfEvent: 1.5, pIfNotEvent: 0.2 },
        c: { likelihoodRatio: 0 },
        d: { pIfEvent: 0, pIfNotEvent: 0 },
        e: { likelihoodRatio: 2, date: '5 Dec 2025' },
      },
    };
    expect(validateScenario(bad).map((i) => `${i.code} ${i.path}`)).toEqual([
      'invalid-value signposts.b.pIfEvent',
      'invalid-value signposts.c.likelihoodRatio',
      'invalid-value signposts.e.date',
    ]);
    const structural = { ...withSignposts, signposts: { a: { event: 'nope', likelihoodRatio: 2 }, d: { pIfEvent: 0, pIfNotEvent: 0 } } };
    expect(validateScenario(structural).map((i) => `${i.code} ${i.path}`)).toEqual(['unknown-event signposts.a.event', 'signpost-impossible signposts.d']);
  });
});

describe('signposts the model describes (given)', () => {
  const modelled: Scenario = { ...withSignposts, signposts: { ...withSignposts.signposts, blocked: { given: 'sanctionsBlocking', label: 'Sanctions blocked', source: 'judgment' } } };

  it('validate their formula against the model’s names', () => {
    expect(validateScenario(modelled)).toEqual([]);
    const bad = { ...withSignposts, signposts: { x: { given: 'nope > 1' } } };
    expect(validateScenario(bad).map((i) => `${i.code} ${i.path}`)).toEqual(['formula-unknown-name signposts.x.given']);
  });

  it('reweight the trials exactly as the same condition written in the ledger, and show the signpost’s name', () => {
    const byName = updateOddsSync(modelled, { observations: [{ signpost: 'blocked' }] }, { seed, trials });
    const adHoc = updateOddsSync(modelled, { observations: [{ given: 'sanctionsBlocking' }] }, { seed, trials });
    expect(byName.posterior).toEqual(adHoc.posterior);
    expect(byName.steps[0]).toMatchObject({ kind: 'condition', signpost: 'blocked', description: 'Sanctions blocked', likelihoodRatio: adHoc.steps[0].likelihoodRatio });
    // Not seen: each trial is weighted by 1 − its chance of seeing it.
    const notSeen = updateOddsSync(modelled, { observations: [{ signpost: 'blocked', observed: false }] }, { seed, trials });
    expect(notSeen.posterior).toEqual(updateOddsSync(modelled, { observations: [{ given: '1 - (sanctionsBlocking)' }] }, { seed, trials }).posterior);
    // More blocking, fewer summits in four-factors: seeing it lowers the odds, not seeing it raises them.
    expect(byName.steps[0].likelihoodRatio).toBeLessThan(1);
    expect(notSeen.steps[0].likelihoodRatio).toBeGreaterThan(1);
  });
});

describe('updateOdds', () => {
  const ledger: EvidenceLedger = {
    observations: [
      { date: '2026-03-02', signpost: 'envoy' },
      { date: '2026-04', signpost: 'sanctionsVote', observed: true },
      { date: '2026-04-20', signpost: 'an ad-hoc signpost', pIfEvent: 0.9, pIfNotEvent: 0.6, observed: false, reason: 'not seen' },
      { date: '2026-05', signpost: 'a judged one', likelihoodRatio: 0.5 },
    ],
  };
  const r = updateOddsSync(withSignposts, ledger, { seed, trials });

  it('starts from the simulated probability and multiplies the odds by each ratio in turn', () => {
    const sim = simulateSync(withSignposts, { seed, trials }).events.summit;
    expect(r.prior.probability).toBe(sim.probability);
    expect(r.prior.ci95).toEqual(sim.ci95);
    // Ratios: 0.6/0.2 = 3; 2; not observed: (1 − 0.9)/(1 − 0.6) = 0.25; 0.5.
    const ratios = [3, 2, 0.25, 0.5];
    expect(r.steps.map((s) => s.likelihoodRatio)).toEqual(ratios.map((x) => expect.closeTo(x, 14)));
    let o = odds(r.prior.probability);
    r.steps.forEach((s, i) => {
      o *= ratios[i];
      expect(odds(s.probability)).toBeCloseTo(o, 12);
      // The prior's interval is carried through the same monotone map.
      expect(odds(s.ci95![0])).toBeCloseTo(odds(r.prior.ci95[0]) * (o / odds(r.prior.probability)), 12);
    });
    expect(r.posterior.probability).toBe(r.steps.at(-1)!.probability);
    expect(r.steps.map((s) => s.date)).toEqual(['2026-03-02', '2026-04', '2026-04-20', '2026-05']);
    expect(r.steps[0].description).toBe('A US envoy visits Pyongyang');
    expect(r.steps[2].reason).toBe('not seen');
  });

  it('runs the flagship ledger shipped in examples/, reproducibly', async () => {
    const flagshipLedger = parseLedger(JSON.parse(readFileSync('examples/summit-ledger.json', 'utf8')));
    const a = await updateOdds(trumpKimSummit, flagshipLedger, { seed, trials });
    expect(a.event).toBe('summit');
    expect(a.steps).toHaveLength(6);
    // The judged ratios 1 · 1 · 1.1 · 0.75, and the ratio the model implies for the National
    // Security Strategy row (a condition on route 1). The last row, "no summit through
    // 2026-05-15", covers no day the flagship's own `observed` does not already cover, so it
    // weights every trial by 1 and leaves the odds exactly where they were.
    expect(a.steps[2]).toMatchObject({ kind: 'condition', signpost: 'US National Security Strategy is silent on North Korea and denuclearization' });
    expect(a.steps[2].likelihoodRatio).toBeGreaterThan(1);
    expect(a.steps[2].likelihoodRatio).toBeLessThan(0.6 / 0.4);
    expect(odds(a.posterior.probability) / odds(a.prior.probability)).toBeCloseTo(1.1 * 0.75 * a.steps[2].likelihoodRatio, 12);
    expect(a.steps.at(-1)).toMatchObject({ kind: 'condition', signpost: 'no summit through 2026-05-15' });
    expect(a.steps.at(-1)!.likelihoodRatio).toBeCloseTo(1, 12);
    expect(a.steps.every((s) => s.reason && s.date)).toBe(true);
    expect(updateOddsSync(trumpKimSummit, flagshipLedger, { seed, trials })).toEqual(a);
  });

  it('conditions by rejection exactly as the engine’s conditional event does', () => {
    const condition = 'rokMediation > 0';
    const c = updateOddsSync(withSignposts, { observations: [] }, { seed, trials, given: [condition] });
    // Reference: the same model with a conditional event, P(summit | helps) = Σ p·1[helps] / Σ 1[helps].
    const reference: Scenario = { ...builtinScenario('four-factors')!, events: { helps: condition, summitIfHelps: { p: 'sigmoid(logOdds)', given: 'helps' } } };
    const ref = simulateSync(reference, { seed, trials }).events.summitIfHelps;
    expect(c.posterior.probability).toBe(ref.probability);
    expect(c.posterior.ci95).toEqual(ref.ci95);
    // About 16% of trials keep (Φ(−1) for Normal(−0.3, 0.3)), so the effective sample is that count.
    expect(c.steps[0].effectiveSampleSize!).toBeGreaterThan(0.14 * trials);
    expect(c.steps[0].effectiveSampleSize!).toBeLessThan(0.18 * trials);
    expect(Number.isInteger(c.steps[0].effectiveSampleSize)).toBe(true);
    expect(c.steps[0].likelihoodRatio).toBeCloseTo(odds(c.posterior.probability) / odds(c.prior.probability), 12);
  });

  it('conditions by likelihood weighting on a value in [0, 1]', () => {
    // Weighting each trial by sanctionsBlocking = observing an event of that probability.
    const w = updateOddsSync(withSignposts, { observations: [] }, { seed, trials, given: ['sanctionsBlocking'] });
    const reference: Scenario = { ...builtinScenario('four-factors')!, events: { seen: { p: 'sanctionsBlocking' }, summitIfSeen: { p: 'sigmoid(logOdds)', given: 'seen' } } };
    expect(w.posterior.probability).toBe(simulateSync(reference, { seed, trials }).events.summitIfSeen.probability);
    // ESS = (Σw)² / Σw² = n · E[w]² / E[w²] = n · 0.8² / (0.8² + Var) for Beta(8, 2): Var = 16/1100.
    expect(w.steps[0].effectiveSampleSize! / trials).toBeCloseTo(0.64 / (0.64 + 16 / 1100), 2);
  });

  it(`refuses a condition that leaves fewer than ${MIN_EFFECTIVE_SAMPLE_SIZE} effective trials`, () => {
    expect(issuesOf(() => updateOddsSync(withSignposts, { observations: [] }, { seed, trials: 5_000, given: ['rokMediation > 0.5'] }))).toEqual(['too-few-effective-trials given.0']);
    let caught: unknown;
    try {
      updateOddsSync(withSignposts, { observations: [{ given: 'rokMediation > 0.5' }] }, { seed, trials: 5_000 });
    } catch (e) {
      caught = e;
    }
    // Asserted outside the catch, so a call that stops throwing fails the test.
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as ScenarioError).issues[0]).toMatchObject({ path: 'observations.0.given', message: expect.stringMatching(/effective sample of \d+ of 5,000 trials, below the 1,000 needed/) });
  });

  it('checks every observation against the scenario at once', () => {
    const bad: EvidenceLedger = {
      scenario: 'four-factors',
      observations: [
        { signpost: 'nope' },
        { signpost: 'envoy', likelihoodRatio: 2 },
        { signpost: 'backfire' },
        { signpost: 'x', likelihoodRatio: 2, observed: false },
        { signpost: 'y', pIfEvent: 0.5, pIfNotEvent: 0 },
        { given: 'nope > 1' },
      ],
    };
    expect(issuesOf(() => updateOddsSync(withSignposts, bad, { seed, trials: 1000 }))).toEqual([
      'unknown-signpost observations.0.signpost',
      'ledger-mixed-forms observations.1',
      'signpost-other-event observations.2.signpost',
      'signpost-not-evidence observations.3',
      'signpost-not-evidence observations.4',
      'formula-unknown-name observations.5.given',
    ]);
    expect(issuesOf(() => updateOddsSync(trumpKimSummit, { scenario: 'four-factors', observations: [] }, { seed, trials: 1000 }))).toEqual(['ledger-other-scenario scenario']);
  });
});

describe('parseLedger', () => {
  it('accepts the shipped example and reports every structural problem with its path', () => {
    expect(parseLedger(JSON.parse(readFileSync('examples/summit-ledger.json', 'utf8'))).observations).toHaveLength(6);
    expect(
      issuesOf(() =>
        parseLedger({
          observations: [
            { date: '2026-02-01', signpost: 'a', likelihoodRatio: 2, pIfEvent: 0.5, pIfNotEvent: 0.2 },
            { date: '2026-01-01', signpost: 'b', pIfEvent: 0.5 },
            { description: 'neither' },
            { given: 'x > 1', likelihoodRatio: 2 },
          ],
        }),
      ),
    ).toEqual([
      'ledger-mixed-forms observations.0',
      'missing-field observations.1.pIfNotEvent',
      'ledger-date-order observations.1.date',
      'missing-field observations.2.signpost',
      'ledger-mixed-forms observations.3',
    ]);
    expect(issuesOf(() => parseLedger({ observations: [{ signpost: 'a', likelihoodRatio: -1, typo: 1 }] }))).toEqual(['invalid-value observations.0.likelihoodRatio', 'unknown-field observations.0.typo']);
  });
});
