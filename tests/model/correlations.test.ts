import { describe, expect, it } from 'vitest';
import { applyOverrides, applyVariant } from '../../src/model/overrides';
import { cholesky, normalCorrelation } from '../../src/model/correlations';
import { checkScenario, validateScenario } from '../../src/model/validate';
import type { Scenario } from '../../src/model/types';

const unit = { dist: 'uniform', min: 0, max: 1 } as const;

function scenario(correlations: unknown, extra: object = {}): Scenario {
  return {
    id: 'c',
    title: 'C',
    params: { w: 1 },
    factors: { a: unit, b: unit, c: unit, d: unit },
    derived: { s: 'a + b' },
    events: { e: 'a > w / 2' },
    correlations,
    ...extra,
  } as Scenario;
}

describe('correlations: validation', () => {
  it('rejects a 3×3 matrix that is not positive definite, naming the group and its pairs', () => {
    const issues = validateScenario(
      scenario([
        { factors: ['a', 'b'], rank: 0.9 },
        { factors: ['b', 'c'], rank: 0.9 },
        { factors: ['a', 'c'], rank: -0.9 },
      ]),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0].code).toBe('correlation-not-positive-definite');
    expect(issues[0].path).toBe('correlations.0');
    expect(issues[0].message).toContain('group {a, b, c}');
    expect(issues[0].message).toContain('a–b 0.9 (correlations.0), b–c 0.9 (correlations.1), a–c −0.9 (correlations.2)');
  });

  it('accepts the same three pairs when they fit together, and groups only connected factors', () => {
    const { issues, checked } = checkScenario(
      scenario([
        { factors: ['c', 'a'], rank: 0.5 },
        { factors: ['b', 'c'], rank: 0.4 },
        { factors: ['a', 'b'], rank: 0.3 },
      ]),
    );
    expect(issues).toEqual([]);
    expect(checked!.correlations.map((g) => [g.key, g.members])).toEqual([['corr(a,b,c)', ['a', 'b', 'c']]]);
  });

  it('names each bad pair: unknown names, non-factors, a factor with itself, a repeated pair, ranks out of range', () => {
    const issues = validateScenario(
      scenario([
        { factors: ['a', 'zz'], rank: 0.2 },
        { factors: ['w', 'a'], rank: 0.2 },
        { factors: ['s', 'a'], rank: 0.2 },
        { factors: ['b', 'b'], rank: 0.2 },
        { factors: ['c', 'd'], rank: 0.2 },
        { factors: ['d', 'c'], rank: 0.3 },
      ]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown-factor', 'correlations.0.factors.1'],
      ['unknown-factor', 'correlations.1.factors.0'],
      ['unknown-factor', 'correlations.2.factors.0'],
      ['correlation-self', 'correlations.3.factors'],
      ['correlation-duplicate', 'correlations.5'],
    ]);
    expect(issues[0].message).toBe('no factor named "zz" (factors: a, b, c, d)');
    expect(issues[1].message).toContain('"w" is a param, not a factor');
    expect(issues[2].message).toContain('"s" is declared in derived, not a factor');
    expect(issues[4].message).toBe('the pair d–c is already given at correlations.4');
    for (const rank of [1, -1, 1.5, Number.NaN]) {
      const found = validateScenario(scenario([{ factors: ['a', 'b'], rank }]));
      expect(found.map((i) => i.path)).toEqual(['correlations.0.rank']);
    }
    expect(validateScenario(scenario([{ factors: ['a'], rank: 0.1 }])).map((i) => i.path)).toEqual(['correlations.0.factors']);
    expect(validateScenario(scenario([{ factors: ['a', 'b'], rank: 0.1, weight: 2 }]))[0].message).toMatch(/weight/);
  });

  it('converts ranks with ρ = 2·sin(π·r/6) and factors a matrix exactly', () => {
    // numpy: 2*np.sin(np.pi*0.8/6) = 0.8134732861516003; rank 1 maps to ρ = 1 exactly.
    expect(normalCorrelation(0.8)).toBeCloseTo(0.8134732861516003, 15);
    expect(normalCorrelation(-0.5)).toBe(-normalCorrelation(0.5));
    const r = [1, 0.5, 0.5, 1];
    const found = cholesky(r, 2);
    expect(found).toEqual({ factor: [1, 0, 0.5, Math.sqrt(0.75)] });
    expect(cholesky([1, 1, 1, 1], 2)).toEqual({ failedAt: 1 });
  });
});

describe('correlations: overrides and variants', () => {
  const base = scenario([{ factors: ['a', 'b'], rank: 0.5 }]);

  it('sets a pair with corr.A.B in either order, or adds one', () => {
    expect(applyOverrides(base, { 'corr.b.a': 0.3 }).scenario!.correlations).toEqual([{ factors: ['a', 'b'], rank: 0.3 }]);
    expect(applyOverrides(base, { 'corr.c.d': -0.2 }).scenario!.correlations).toEqual([
      { factors: ['a', 'b'], rank: 0.5 },
      { factors: ['c', 'd'], rank: -0.2 },
    ]);
    expect(base.correlations).toEqual([{ factors: ['a', 'b'], rank: 0.5 }]);
  });

  it('names what is wrong with a corr override', () => {
    expect(applyOverrides(base, { 'corr.a.zz': 0.3 }).issues).toEqual([
      { code: 'override-unknown-name', path: 'overrides.corr.a.zz', message: 'no factor named "zz" (corr.A.B sets the rank correlation of factors A and B)' },
    ]);
    expect(applyOverrides(base, { 'corr.a.b': 1 }).issues[0].message).toBe('a rank correlation must be strictly between -1 and 1 (got 1)');
  });

  it('lets a variant set a rank through its `set`', () => {
    const withVariant = { ...base, variants: { linked: { set: { 'corr.a.b': 0.9 } }, broken: { set: { 'corr.a.q': 0.9 } } } } as Scenario;
    expect(applyVariant(withVariant, 'linked').scenario!.correlations).toEqual([{ factors: ['a', 'b'], rank: 0.9 }]);
    expect(validateScenario(withVariant).map((i) => i.path)).toEqual(['variants.broken.set.corr.a.q']);
  });
});
