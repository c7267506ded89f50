/**
 * parseLedger's words: each structural problem's message, what counts as out of date order, and
 * every form it accepts.
 */
import { describe, expect, it } from 'vitest';
import { parseLedger } from '../../src/analysis/ledger';
import { ScenarioError } from '../../src/issues';
import { thrownBy } from '../helpers/errors';

const problems = (observations: unknown[]) => thrownBy(() => parseLedger({ observations }), ScenarioError).issues.map((i) => `${i.path}: ${i.message}`);

describe('parseLedger', () => {
  it('accepts each form, with dates equal or rising, undated observations anywhere', () => {
    const observations = [
      { date: '2026-01', signpost: 'declared' },
      { signpost: 'judged', likelihoodRatio: 2 },
      { date: '2026-01', signpost: 'modelled', pIfEvent: 0.6, pIfNotEvent: 0.2, observed: false },
      { given: 'x > 0.5', description: 'a condition', reason: 'seen', source: 'a report' },
      { date: '2026-02-01', noneThrough: '2026-01-31', event: 'e' },
    ];
    expect(parseLedger({ $schema: 'x', scenario: 's', event: 'e', title: 't', description: 'd', observations }).observations).toEqual(observations);
  });

  it('says what is mixed, and what to remove, for each form', () => {
    expect(
      problems([
        { noneThrough: '2026-06-30', signpost: 'a', given: 'x', observed: true, likelihoodRatio: 2, pIfEvent: 0.5 },
        { signpost: 'b', likelihoodRatio: 2, event: 'e' },
        { given: 'x > 1', pIfEvent: 0.5, pIfNotEvent: 0.2, observed: false },
        { given: 'x > 1', observed: true },
        { signpost: 'c', likelihoodRatio: 2, pIfNotEvent: 0.2 },
        { signpost: 'd', likelihoodRatio: 2, pIfEvent: 0.2 },
        { given: 'x > 1', likelihoodRatio: 2 },
      ]),
    ).toEqual([
      'observations.0: a "noneThrough" observation carries its own weight; remove "signpost", "given", "observed", "likelihoodRatio", "pIfEvent"',
      'observations.1.event: "event" goes with "noneThrough" (the event that did not occur); a signpost names its event in the scenario',
      'observations.2: a "given" condition carries its own weight; remove "pIfEvent", "pIfNotEvent", "observed"',
      'observations.3: a "given" condition carries its own weight; remove "observed"',
      'observations.4: give either "likelihoodRatio" or "pIfEvent" and "pIfNotEvent", not both',
      'observations.5: give either "likelihoodRatio" or "pIfEvent" and "pIfNotEvent", not both',
      'observations.6: a "given" condition carries its own weight; remove "likelihoodRatio"',
    ]);
    expect(thrownBy(() => parseLedger({ observations: [{ noneThrough: '2026-01-01', signpost: 'a' }, { signpost: 'b', event: 'e' }] }), ScenarioError).issues.map((i) => i.code)).toEqual(['ledger-mixed-forms', 'ledger-mixed-forms']);
  });

  it('says what is missing', () => {
    expect(problems([{ description: 'neither' }, { signpost: 'a', pIfNotEvent: 0.2 }, { signpost: 'b', pIfEvent: 0.2 }])).toEqual([
      'observations.0.signpost: an observation needs "signpost" (a declared signpost, or a label with its likelihoods), "given" (a condition) or "noneThrough" (the last day without the event)',
      'observations.1.pIfEvent: "pIfEvent" and "pIfNotEvent" go together',
      'observations.2.pIfNotEvent: "pIfEvent" and "pIfNotEvent" go together',
    ]);
  });

  it('wants dates in order, comparing each with the last dated one', () => {
    expect(problems([{ date: '2026-03-01', signpost: 'a' }, { signpost: 'b' }, { date: '2026-02-15', signpost: 'c' }, { date: '2026-02-20', signpost: 'd' }])).toEqual([
      "observations.2.date: 2026-02-15 is before the previous observation's date 2026-03-01; list observations in date order",
    ]);
  });

  it('refuses empty names and formulas and ratios of 0', () => {
    expect(problems([{ signpost: '' }, { given: '' }, { signpost: 'a', likelihoodRatio: 0 }, { noneThrough: '2026-01-01', event: '' }]).map((p) => p.split(':')[0])).toEqual([
      'observations.0.signpost',
      'observations.1.given',
      'observations.2.likelihoodRatio',
      'observations.3.event',
    ]);
  });
});
