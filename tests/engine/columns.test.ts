/**
 * The working columns a run builds from its plan (src/engine/columns.ts), checked trial by trial
 * against plain arithmetic on the same trials' factor draws: the quiet-stretch columns of "nothing
 * yet" evidence and the weight several of them make together, the survival columns of a timed
 * event, and what a model sums, sketches and calls each column (analyses find an event's
 * columns by these names, and an error names the step that failed).
 */
import { describe, expect, it } from 'vitest';
import { ColumnModel, runPlanData } from '../../src/engine/columns';
import { setupSimulation } from '../../src/engine/setup';
import type { Scenario } from '../../src/model/types';
import { chunkColumns } from './chunkColumns';

/**
 * Two timed events observed quiet over different stretches. `a`'s hazard is multiplied by 1000
 * in May, after its quiet stretch, so that its rate is capped at 1 there; `b`'s is multiplied
 * by `m` in February, inside its own. `c` is conditional on `a`.
 */
const twoQuiet: Scenario = {
  id: 'two-quiet',
  title: 'Two hazards, each observed quiet for a while',
  timeline: { start: '2026-01', horizon: 6 },
  factors: { x: { dist: 'beta', alpha: 2, beta: 20 }, z: { dist: 'beta', alpha: 3, beta: 30 }, m: { dist: 'uniform', min: 1, max: 3 } },
  derived: { spread: 'x * m' },
  events: {
    a: { hazard: 'x', windows: [{ from: '2026-05', to: '2026-05', multiplier: '1000' }] },
    b: { hazard: 'z', windows: [{ from: '2026-02', to: '2026-02', multiplier: 'm' }] },
    c: { p: '0.5', given: 'a' },
  },
};
const quietOptions = { seed: 'columns', trials: 2500, asOf: '2026-04-01', noneThrough: { a: '2026-02-28', b: '2026-03-31' } };
const months = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];

/** The model and one chunk's columns by name. */
function columnsOf(scenario: Scenario, options: typeof quietOptions) {
  const sim = setupSimulation(scenario, options);
  const { model } = sim;
  const all = chunkColumns(model, sim.settings.seed, 0, options.trials);
  const column = (name: string) => {
    const k = model.names.indexOf(name);
    if (k < 0) throw new Error(`no column ${name}`);
    return all[k];
  };
  return { model, column };
}

/** S = 1, then S · (1 − min(rate, 1)) for each full period's rate, in the engine's order. */
const survivalOf = (rates: readonly number[]) => rates.reduce((s, rate) => s * (1 - (rate > 1 ? 1 : rate)), 1);

describe('the columns of "nothing yet" evidence', () => {
  it('gives each observed event the chance of its quiet stretch, and weighs a trial by their product', () => {
    const { model, column } = columnsOf(twoQuiet, quietOptions);
    const [x, z, m] = [column('x'), column('z'), column('m')];
    const quietA = column('a (none through 2026-02-28)');
    const quietB = column('b (none through 2026-03-31)');
    const weight = column('(evidence weight)');
    expect(model.weight).toBe(model.names.indexOf('(evidence weight)'));
    let uncapped = 0;
    for (let i = 0; i < quietOptions.trials; i++) {
      // January and February for a; January, February (times m) and March for b: whole months,
      // so each keeps exactly 1 − rate.
      expect(quietA[i]).toBe(survivalOf([x[i], x[i]]));
      expect(quietB[i]).toBe(survivalOf([z[i], z[i] * m[i], z[i]]));
      expect(weight[i]).toBe(quietA[i] * quietB[i]);
      if (z[i] * m[i] < 1) uncapped++;
    }
    // The rates differ trial by trial, so a weight taken from one event alone would fail above.
    expect(uncapped).toBe(quietOptions.trials);
    expect(new Set(weight).size).toBe(quietOptions.trials);
  });

  it('lets a certain occurrence after the quiet stretch end the survival curve but not the weight', () => {
    const { column } = columnsOf(twoQuiet, quietOptions);
    const x = column('x');
    const quietA = column('a (none through 2026-02-28)');
    const april = column('a (survival 2026-04)');
    const may = column('a (survival 2026-05)');
    const a = column('a');
    let capped = 0;
    for (let i = 0; i < quietOptions.trials; i++) {
      expect(april[i]).toBe(1 - x[i]);
      expect(may[i]).toBe(survivalOf([x[i], 1000 * x[i]]));
      expect(a[i]).toBe(1 - survivalOf([x[i], 1000 * x[i], x[i], x[i], x[i], x[i]]));
      if (1000 * x[i] >= 1) capped++;
      // May is after the stretch observed quiet: its rate of 1 must not enter the weight.
      expect(quietA[i]).toBeGreaterThan(0);
    }
    // Beta(2, 20) is below 0.001 with probability 1 − I_0.999(20, 2) ≈ 2.3e-4 (the regularized
    // incomplete beta): nearly every trial is capped in May.
    expect(capped).toBeGreaterThan(0.99 * quietOptions.trials);
  });

  it('uses the one quiet column itself as the weight when only one event is observed', () => {
    const { model, column } = columnsOf(twoQuiet, { ...quietOptions, noneThrough: { b: '2026-03-31' } } as typeof quietOptions);
    expect(model.names).not.toContain('(evidence weight)');
    expect(model.names[model.weight]).toBe('b (none through 2026-03-31)');
    expect(column('b (none through 2026-03-31)')[0]).toBeLessThan(1);
  });

  it('weighs every trial 1 when the quiet day observed is the as-of day itself, the timeline\'s first', () => {
    // Known through the end of 1 January, but a forecast made on 1 January knows none of it.
    const { model, column } = columnsOf(twoQuiet, { ...quietOptions, asOf: '2026-01-01', noneThrough: { a: '2026-01-01' } } as typeof quietOptions);
    expect(model.names[model.weight]).toBe('a (none through 2026-01-01)');
    expect([...new Set(column('a (none through 2026-01-01)'))]).toEqual([1]);
  });

  it('has no weight column without evidence', () => {
    const { model } = columnsOf(twoQuiet, { ...quietOptions, noneThrough: {} } as typeof quietOptions);
    expect(model.weight).toBe(-1);
    expect(model.names.filter((n) => n.includes('none through') || n.includes('weight'))).toEqual([]);
  });
});

describe('what a model keeps of its columns', () => {
  // Built in each test, not here: mutation testing switches a mutant on after describe bodies ran.
  const modelOf = () => {
    const { model } = setupSimulation(twoQuiet, quietOptions);
    return { model, names: (ks: readonly number[]) => ks.map((k) => model.names[k]) };
  };
  const survival = (e: string) => months.map((p) => `${e} (survival ${p})`);

  it('names every column as analyses and error messages look them up', () => {
    const { model } = modelOf();
    expect(model.names).toEqual([
      'x', 'z', 'm', 'spread', 'a', 'b', 'c',
      'a (hazard)', 'a (window 0 multiplier)', ...survival('a'), 'a (none through 2026-02-28)',
      'b (hazard)', 'b (window 0 multiplier)', ...survival('b'), 'b (none through 2026-03-31)',
      'c (given)', '(evidence weight)',
    ]);
    // Each computed column's step, what it checks, and the label an error would show.
    expect(model.steps.map((s) => [model.names[s.target], s.check, s.label])).toEqual([
      ['spread', 'finite', 'spread'],
      ['a (hazard)', 'probability', 'a (hazard)'],
      ['a (window 0 multiplier)', 'nonnegative', 'a (window 0 multiplier)'],
      ['a', 'probability', 'a'],
      ['a (none through 2026-02-28)', 'probability', 'a (none through 2026-02-28)'],
      ['b (hazard)', 'probability', 'b (hazard)'],
      ['b (window 0 multiplier)', 'nonnegative', 'b (window 0 multiplier)'],
      ['b', 'probability', 'b'],
      ['b (none through 2026-03-31)', 'probability', 'b (none through 2026-03-31)'],
      ['c (given)', 'probability', 'c'],
      ['c', 'probability', 'c'],
      ['(evidence weight)', 'probability', '(evidence weight)'],
    ]);
  });

  it('sums what a result reads, and sketches derived nodes and unconditional events only', () => {
    const { model, names } = modelOf();
    expect(new Set(names(model.summed))).toEqual(new Set(['x', 'z', 'm', 'spread', 'a', 'b', 'c', ...survival('a'), ...survival('b')]));
    expect(names(model.sketched)).toEqual(['spread', 'a', 'b']);
  });

  it('lays out the conditional event and the survival curves with their cross products', () => {
    const { model, names } = modelOf();
    expect(model.conditional).toHaveLength(1);
    const [c] = model.conditional;
    expect([model.names[c.event], model.names[c.givenColumn]]).toEqual(['c', 'a']);
    expect(names(model.crossPairs[c.cross])).toEqual(['c', 'a']);
    expect(model.timed.map((t) => [model.names[t.event], names(t.survival)])).toEqual([
      ['a', survival('a')],
      ['b', survival('b')],
    ]);
    for (const t of model.timed) {
      expect(t.crossWithLast.map((k) => names(model.crossPairs[k]))).toEqual(t.survival.map((s) => [model.names[s], model.names[t.survival[5]]]));
    }
  });

  it('draws every factor alone from a plan that has no correlations field', () => {
    // A plan rebuilt from plain data (a worker's, a shard's) may leave the field out.
    const { model } = modelOf();
    const { correlations: _none, ...plan } = runPlanData(model.plan);
    const alone = new ColumnModel(plan, 100);
    expect(alone.units.map((u) => [u.key, u.members])).toEqual([['x', [0]], ['z', [1]], ['m', [2]]]);
  });
});
