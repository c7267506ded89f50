/**
 * Evidence updates, number by number and message by message: how a signpost's ratio carries
 * the estimate (its interval's ends and its standard error by the derivative of the odds map),
 * what 0 and 1 do, the count interval of a 0/1 event under a 0/1 condition, a condition that
 * never holds, and the exact wording of every refusal.
 */
import { describe, expect, it } from 'vitest';
import { updateOddsSync } from '../../src/analysis/evidence';
import type { EvidenceLedger } from '../../src/analysis/ledger';
import { NumericalError } from '../../src/engine/chunk';
import { wilsonInterval } from '../../src/engine/intervals';
import { simulateSync } from '../../src/engine/simulate';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { perTest } from './helpers';
import { thrownBy } from '../helpers/errors';

const seed = 'evidence-exact';
const trials = 20_000;
const odds = (p: number) => p / (1 - p);

const scenario: Scenario = {
  id: 'evidence-exact',
  title: 'Evidence, exactly',
  factors: { u: { dist: 'uniform', min: 0, max: 1 }, v: { dist: 'uniform', min: 0, max: 1 } },
  events: { e: 'sigmoid(2 * u - 1.5)', hit: 'u > 0.3', never: 'u > 2', always: 'u < 2', eIfHit: { p: 'u', given: 'hit' } },
  signposts: {
    envoy: { label: 'An envoy', pIfEvent: 0.6, pIfNotEvent: 0.2 },
    described: { description: 'Described', label: 'Labelled', likelihoodRatio: 2 },
    modelled: { given: 'v', label: 'Seen with chance v' },
  },
};
const update = (observations: EvidenceLedger['observations'], options: Parameters<typeof updateOddsSync>[2] = {}) => updateOddsSync(scenario, { observations }, { seed, trials, ...options });
const scenarioError = (f: () => unknown) => thrownBy(f, ScenarioError);

describe('a signpost carries the estimate through the odds map', () => {
  const r = perTest(() => update([{ signpost: 'envoy' }]));
  const ratio = 0.6 / 0.2;
  const scale = (p: number) => (ratio * p) / (1 - p + ratio * p);

  it('maps the probability and both ends of its interval, and the standard error by the derivative', () => {
    const { prior, posterior } = r();
    expect(prior).toEqual((({ probability, ci95, standardError }) => ({ probability, ci95, standardError }))(simulateSync(scenario, { seed, trials }).events.e));
    expect(posterior.probability).toBeCloseTo(scale(prior.probability), 14);
    expect(posterior.ci95[0]).toBeCloseTo(scale(prior.ci95[0]), 14);
    expect(posterior.ci95[1]).toBeCloseTo(scale(prior.ci95[1]), 14);
    // d/dp of r·p / (1 − p + r·p) is r / (1 − p + r·p)²: about 0.96 at p ≈ 0.38, while the
    // interval's ends move by different factors; the check tells the derivative from a plain copy.
    const slope = ratio / (1 - prior.probability + ratio * prior.probability) ** 2;
    expect(posterior.standardError / prior.standardError).toBeCloseTo(slope, 12);
    expect(Math.abs(slope - 1)).toBeGreaterThan(0.02);
    expect(r().steps[0]).toEqual({ kind: 'signpost', signpost: 'envoy', description: 'An envoy', likelihoodRatio: ratio, probability: posterior.probability, ci95: posterior.ci95 });
  });

  it('prefers a declared signpost’s description to its label, and a ledger’s own description to both', () => {
    expect(update([{ signpost: 'described' }]).steps[0].description).toBe('Described');
    expect(update([{ signpost: 'described', description: 'Mine' }]).steps[0].description).toBe('Mine');
    expect(update([{ signpost: 'ad hoc', likelihoodRatio: 2 }]).steps[0]).not.toHaveProperty('description');
  });

  it('leaves certain events certain: 0 and 1 stay put, and so does their zero-width interval', () => {
    const never = update([{ signpost: 'envoy' }], { event: 'never' });
    expect(never.prior).toMatchObject({ probability: 0, ci95: [0, expect.any(Number)] });
    expect(never.posterior.probability).toBe(0);
    expect(never.posterior.ci95[0]).toBe(0);
    expect(never.posterior.standardError).toBe(0);
    const always = update([{ signpost: 'envoy' }, { given: 'v > 0.5' }], { event: 'always' });
    expect([always.prior.probability, always.posterior.probability, always.posterior.ci95[1], always.posterior.standardError]).toEqual([1, 1, 1, 0]);
    // A condition cannot move a certain event's odds: its step's ratio is 1, not 0/0.
    expect(always.steps[1].likelihoodRatio).toBe(1);
    expect(update([{ given: 'v > 0.5' }], { event: 'never' }).steps[0].likelihoodRatio).toBe(1);
    // A ratio of 1 returns the probability untouched, to the last bit.
    const one = update([{ signpost: 'neutral', likelihoodRatio: 1 }]);
    expect(one.posterior).toEqual(one.prior);
  });
});

describe('a condition on the model’s nodes', () => {
  it('counts a 0/1 event under a 0/1 condition: the Wilson interval of the kept trials in which it happened', () => {
    const r = update([{ given: 'v > 0.5' }], { event: 'hit' });
    const counts = simulateSync({ ...scenario, events: { kept: 'v > 0.5', both: 'u > 0.3 and v > 0.5' } }, { seed, trials }).events;
    const [kept, both] = [Math.round(counts.kept.probability * trials), Math.round(counts.both.probability * trials)];
    // wilsonInterval is checked against its closed form in tests/engine; here, that update counts.
    // The prior of a 0/1 event is simulate's, a Wilson interval too.
    const hit = simulateSync(scenario, { seed, trials }).events.hit;
    expect(r.prior).toEqual({ probability: hit.probability, ci95: hit.ci95, standardError: hit.standardError });
    expect(hit.method).toBe('wilson');
    const w = wilsonInterval(both, kept);
    expect(r.posterior).toEqual({ probability: w.estimate, ci95: [w.lo, w.hi], standardError: w.standardError });
    // The effective sample of a 0/1 condition is the number of trials it keeps.
    expect(r.steps[0].effectiveSampleSize).toBe(kept);
  });

  it('weights by a modelled signpost’s chance, or by one minus it when not seen, and says so', () => {
    const seen = update([{ signpost: 'modelled' }]);
    const notSeen = update([{ signpost: 'modelled', observed: false }]);
    expect(seen.steps[0]).toMatchObject({ kind: 'condition', signpost: 'modelled', description: 'Seen with chance v' });
    expect(notSeen.posterior).toEqual(update([{ given: '1 - (v)' }]).posterior);
    // e does not depend on v: weighting by v leaves the odds where they were, up to sampling.
    expect(seen.steps[0].likelihoodRatio).toBeCloseTo(1, 1);
    expect(seen.steps[0].likelihoodRatio).toBeCloseTo(odds(seen.posterior.probability) / odds(seen.prior.probability), 12);
  });

  it('refuses a condition that never holds, with an effective sample of 0', () => {
    const e = scenarioError(() => update([{ given: 'v > 2', date: '2026-01' }]));
    expect(e.issues).toEqual([
      {
        code: 'too-few-effective-trials',
        path: 'observations.0.given',
        message: 'the condition "v > 2" leaves an effective sample of 0 of 20,000 trials, below the 1,000 needed to trust the estimate; run more trials or use a less restrictive condition',
      },
    ]);
  });

  it('weights each condition’s trials by every condition so far', () => {
    const r = update([{ given: 'v > 0.5' }, { given: 'u > 0.3' }]);
    const reference: Scenario = { ...scenario, events: { both: 'v > 0.5 and u > 0.3', eIfBoth: { p: 'sigmoid(2 * u - 1.5)', given: 'both' } } };
    const ref = simulateSync(reference, { seed, trials }).events.eIfBoth;
    expect(r.posterior).toEqual({ probability: ref.probability, ci95: ref.ci95, standardError: ref.standardError });
  });

  it('refuses a negative condition', () => {
    expect(scenarioError(() => update([{ given: 'u - 2' }], { trials: 1000 })).issues[0].message).toMatch(/^the condition "u - 2" gave -1\.\d+ at trial 0 \(seed "evidence-exact"\); a condition must be 0\/1 or a likelihood in \[0, 1\]$/);
  });

  it('refuses a condition outside [0, 1], naming its value and the trial where it first left', () => {
    // u · 1.00002 passes 1 only for u > 0.99998, about one trial in 50,000.
    const many = 200_000;
    const own = thrownBy(() => simulateSync({ ...scenario, events: { c: 'u * 1.00002' } }, { seed, trials: many }), NumericalError);
    expect(own.firstTrial).toBeGreaterThan(10_000); // past the first chunk, so chunk and offset both count
    const e = scenarioError(() => update([{ given: 'u * 1.00002' }], { trials: many }));
    expect(e.issues).toEqual([
      {
        code: 'condition-not-probability',
        path: 'observations.0.given',
        message: `the condition "u * 1.00002" gave ${own.value} at trial ${own.firstTrial} (seed "evidence-exact"); a condition must be 0/1 or a likelihood in [0, 1]`,
      },
    ]);
  });

  it('keeps the date and reason of each observation, and applies ad-hoc conditions first', () => {
    const r = update([{ signpost: 'envoy', date: '2026-02', reason: 'reported' }], { given: ['v > 0.1'] });
    expect(r.steps.map((s) => [s.kind, s.signpost, s.date, s.reason])).toEqual([
      ['condition', 'v > 0.1', undefined, undefined],
      ['signpost', 'envoy', '2026-02', 'reported'],
    ]);
    expect(r.steps[0]).not.toHaveProperty('date');
    expect(r.steps[0]).not.toHaveProperty('reason');
    expect(r.steps[1]).not.toHaveProperty('effectiveSampleSize');
  });
});

describe('what a ledger may not say, in words', () => {
  const messages = (observations: EvidenceLedger['observations'], s: Scenario = scenario) => scenarioError(() => updateOddsSync(s, { observations }, { seed, trials: 1000 })).issues.map((i) => `${i.path}: ${i.message}`);

  it('probabilities that make the event certain or impossible, and a ratio that cannot be inverted', () => {
    expect(
      messages([
        { signpost: 'a', pIfEvent: 0.5, pIfNotEvent: 0 },
        { signpost: 'b', pIfEvent: 0.5, pIfNotEvent: 1, observed: false },
        { signpost: 'c', pIfEvent: 0, pIfNotEvent: 0.5 },
        { signpost: 'd', pIfEvent: 1, pIfNotEvent: 0.5, observed: false },
        { signpost: 'e', likelihoodRatio: 2, observed: false },
      ]),
    ).toEqual([
      'observations.0: pIfNotEvent is 0, so observing it would make the event certain; that is not evidence to weigh but a fact to condition on',
      'observations.1: 1 − pIfNotEvent is 0, so observing it would make the event certain; that is not evidence to weigh but a fact to condition on',
      'observations.2: pIfEvent is 0, so observing it would rule the event out; that is not evidence to weigh but a fact to condition on',
      'observations.3: 1 − pIfEvent is 0, so observing it would rule the event out; that is not evidence to weigh but a fact to condition on',
      'observations.4: a signpost given only as a likelihood ratio cannot be inverted for "observed": false; give pIfEvent and pIfNotEvent',
    ]);
  });

  it('not observing a signpost uses the complements of its probabilities', () => {
    const r = update([{ signpost: 'envoy', observed: false }]);
    expect(r.steps[0].likelihoodRatio).toBeCloseTo((1 - 0.6) / (1 - 0.2), 15);
  });

  it('an unknown signpost, listing the scenario’s own or none', () => {
    expect(messages([{ signpost: 'nope' }])).toEqual(['observations.0.signpost: "nope" is not a signpost of the scenario (signposts: envoy, described, modelled); give "likelihoodRatio", or "pIfEvent" and "pIfNotEvent"']);
    const { signposts: _none, ...bare } = scenario;
    expect(messages([{ signpost: 'nope' }], bare)).toEqual(['observations.0.signpost: "nope" is not a signpost of the scenario; give "likelihoodRatio", or "pIfEvent" and "pIfNotEvent"']);
  });

  it('a declared signpost given its own numbers again, or about another event', () => {
    const other: Scenario = { ...scenario, signposts: { ...scenario.signposts, elsewhere: { event: 'hit', likelihoodRatio: 2 } } };
    expect(messages([{ signpost: 'envoy', likelihoodRatio: 2 }, { signpost: 'envoy', pIfEvent: 0.5, pIfNotEvent: 0.4 }, { signpost: 'elsewhere' }], other)).toEqual([
      'observations.0: "envoy" is a signpost declared in the scenario with its own likelihoods; remove them here, or give this observation another name',
      'observations.1: "envoy" is a signpost declared in the scenario with its own likelihoods; remove them here, or give this observation another name',
      'observations.2.signpost: signpost "elsewhere" bears on event "hit", not "e"',
    ]);
    // The same signpost about the event being updated is accepted.
    expect(updateOddsSync(other, { observations: [{ signpost: 'elsewhere' }] }, { seed, trials: 1000, event: 'hit' }).steps[0]).toMatchObject({ kind: 'signpost', likelihoodRatio: 2 });
  });

  it('a conditional event, which has no odds of its own to update', () => {
    expect(scenarioError(() => update([], { event: 'eIfHit' })).issues[0].message).toBe(
      'an evidence update needs an event with a per-trial probability of its own; "eIfHit" is conditional on "hit" (a ratio over trials), so analyse "hit" or write the joint event as an event of its own',
    );
  });

  it('a ledger written for another scenario', () => {
    expect(scenarioError(() => updateOddsSync(scenario, { scenario: 'other', observations: [] }, { seed, trials: 1000 })).issues).toEqual([
      { code: 'ledger-other-scenario', path: 'scenario', message: 'the ledger is for scenario "other", not "evidence-exact"' },
    ]);
    const own = updateOddsSync(scenario, { scenario: 'evidence-exact', observations: [] }, { seed, trials: 1000 });
    expect([own.kind, own.event, own.steps]).toEqual(['evidence', 'e', []]);
  });
});
