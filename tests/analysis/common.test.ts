/**
 * What every analysis shares: which event it picks, what that event depends on, how the plan is
 * cut down to it (and what must stay), which options each analysis takes, and how a result
 * names its run.
 */
import { describe, expect, it } from 'vitest';
import { analysisOptionNames, chooseEvent, dependencies, prunePlan, requireUnconditional, runInfo, setupAnalysis } from '../../src/analysis/common';
import type { Scenario } from '../../src/model/types';
import { issuesOf, thrownBy } from '../helpers/errors';

const scenario: Scenario = {
  id: 'common',
  title: 'Common',
  asOf: '2026-03-01',
  timeline: { start: '2026-01', horizon: 3 },
  params: { k: 1, boost: 2, spare: 3 },
  factors: {
    a: { dist: 'uniform', min: 0, max: 0.1 },
    b: { dist: 'uniform', min: 0, max: 1 },
    c: { dist: 'uniform', min: 0, max: 1 },
    d: { dist: 'uniform', min: 0, max: 1 },
    q: { dist: 'uniform', min: 0, max: 0.1 },
    lone: { dist: 'uniform', min: 0, max: 1 },
  },
  correlations: [{ factors: ['c', 'd'], rank: 0.5 }],
  derived: { ab: 'a * b', abk: 'ab * k', unread: 'lone * spare' },
  outputs: { cost: 'c * 10' },
  events: {
    cond: { p: 'b', given: 'gate' },
    gate: 'abk',
    timed: { hazard: 'a', windows: [{ from: '2026-02', to: '2026-02', multiplier: 'boost * b' }] },
    quiet: { hazard: 'q' },
    other: 'c',
  },
  observed: [{ event: 'quiet', noneThrough: '2026-01-31' }],
};
const setup = setupAnalysis(scenario, { seed: 1, trials: 1000 });
const { plan } = setup.prepared;
const event = (name: string) => chooseEvent(plan, name);

describe('chooseEvent', () => {
  it('takes the first event that is not conditional by default, and any event by name', () => {
    expect(chooseEvent(plan, undefined).name).toBe('gate');
    expect(event('cond').name).toBe('cond');
  });

  it('names the events there are when one is not', () => {
    expect(thrownBy(() => event('nope')).message).toBe('event: no event named "nope" (events: cond, gate, timed, quiet, other)');
  });
});

describe('requireUnconditional', () => {
  it('refuses a conditional event, naming the analysis, the event and its condition', () => {
    expect(thrownBy(() => requireUnconditional(event('cond'), 'sensitivity')).message).toBe(
      'event: sensitivity needs an event with a per-trial probability of its own; "cond" is conditional on "gate" (a ratio over trials), so analyse "gate" or write the joint event as an event of its own',
    );
    expect(() => requireUnconditional(event('gate'), 'sensitivity')).not.toThrow();
  });
});

describe('dependencies', () => {
  it('follows derived nodes down to params and factors', () => {
    expect([...dependencies(plan, event('gate'))].sort()).toEqual(['a', 'ab', 'abk', 'b', 'k']);
  });

  it('includes a timed event’s window multipliers, and a conditional event’s condition', () => {
    expect([...dependencies(plan, event('timed'))].sort()).toEqual(['a', 'b', 'boost']);
    expect([...dependencies(plan, event('cond'))].sort()).toEqual(['a', 'ab', 'abk', 'b', 'k']);
  });
});

describe('prunePlan', () => {
  const names = (p: ReturnType<typeof prunePlan>) => ({
    factors: p.factors.map(([n]) => n),
    derived: p.derived.map(([n]) => n),
    outputs: p.outputs,
    events: p.events.map((e) => e.name),
    correlations: p.correlations?.map((g) => g.members),
  });

  it('keeps the event, its condition, the evidence’s events and what they read', () => {
    expect(names(prunePlan(plan, event('cond')))).toEqual({ factors: ['a', 'b', 'q'], derived: ['ab', 'abk'], outputs: [], events: ['cond', 'gate', 'quiet'], correlations: [] });
  });

  it('keeps a correlated group whole when the event reads one member, and outputs it reads', () => {
    expect(names(prunePlan(plan, event('other')))).toEqual({ factors: ['c', 'd', 'q'], derived: [], outputs: [], events: ['quiet', 'other'], correlations: [['c', 'd']] });
  });

  it('adds extra names and what they read through derived nodes', () => {
    expect(names(prunePlan(plan, event('other'), ['unread', 'cost']))).toEqual({ factors: ['c', 'd', 'q', 'lone'], derived: ['unread', 'cost'], outputs: ['cost'], events: ['quiet', 'other'], correlations: [['c', 'd']] });
  });
});

describe('options', () => {
  const shared = ['seed', 'trials', 'variant', 'params', 'batchSize', 'asOf', 'horizon', 'noneThrough', 'signal', 'onProgress'];

  it('are the shared ones and each analysis’s own', () => {
    expect(analysisOptionNames('compare')).toEqual([...shared, 'variants', 'events']);
    expect(analysisOptionNames('attribution')).toEqual([...shared, 'event']);
    expect(analysisOptionNames('update')).toEqual([...shared, 'event', 'given']);
    expect(analysisOptionNames('sensitivity')).toEqual([...shared, 'event', 'percentiles', 'paramStep', 'paramStepKind', 'sobolSamples', 'bootstrap']);
    expect(analysisOptionNames()).toEqual([...shared, 'variants', 'events', 'event', 'percentiles', 'paramStep', 'paramStepKind', 'sobolSamples', 'bootstrap', 'given']);
  });

  it('refuses another analysis’s option for one analysis, and accepts it when no analysis is named', () => {
    expect(issuesOf(() => setupAnalysis(scenario, { seed: 1, trials: 1000, percentiles: [0.1, 0.9] } as never, 'compare'))).toEqual(['unknown-option percentiles']);
    expect(setupAnalysis(scenario, { seed: 1, trials: 1000, percentiles: [0.1, 0.9] } as never).trials).toBe(1000);
  });
});

describe('runInfo', () => {
  it('names the scenario, its hash, the as-of date, the seed and the trials', () => {
    expect(runInfo(setup)).toEqual({ scenario: { id: 'common', hash: setup.prepared.hash }, asOf: '2026-03-01', seed: '1', trials: 1000 });
    expect(runInfo(setup, 0).trials).toBe(0);
    expect(setup.prepared.hash).toMatch(/^[0-9a-f]{16,}$/);
  });
});
