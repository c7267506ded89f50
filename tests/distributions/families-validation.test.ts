/**
 * Validation of the families gamma, exponential, t, logistic, poisson, binomial, samples and
 * mixture: every issue (code, path, message) for bad input, the ±1e100 sample limit and the
 * count limits, aliases, describe() texts and parameters, the JSON Schema of the recursive
 * mixture, the scenario hash, and the sampler's determinism. Numerical accuracy against scipy
 * is in families.test.ts and mixture.test.ts.
 *
 * Limits quoted here, with the reasons given in src/distributions/limits.ts: every sample within ±1e100
 * (MAX_FACTOR_VALUE); gamma shape, Poisson lambda and binomial n at most 1e9; at most 1,000,000
 * sample values; at most 100 mixture components, nested at most 3 deep.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDistribution, distSpecSchema, MAX_FACTOR_VALUE, parseDistSpec, validateDistSpec, type DistSpec } from '../../src/distributions';
import { ScenarioError } from '../../src/issues';
import { canonicalHash, scenarioHash } from '../../src/model/canonical';
import { scenarioJsonSchema } from '../../src/model/schema';
import type { Scenario } from '../../src/model/types';
import { createStream } from '../../src/rng';
import { jsonSchemaErrors } from '../cli/helpers';
import { draw, sameBits } from './helpers';

const P = 'factors.x';
const OVERFLOW = "larger factor values would overflow the run's sums";

function issues(input: unknown) {
  return validateDistSpec(input, P);
}

function only(input: unknown) {
  const found = issues(input);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  return found[0];
}

/** A mixture of the given components with equal weights. */
function mix(...components: unknown[]): Record<string, unknown> {
  return { dist: 'mixture', components, weights: components.map(() => 1) };
}

describe('gamma', () => {
  it('missing, wrong type, out of range, unknown field, mixed forms', () => {
    expect(only({ dist: 'gamma', shape: 2 })).toEqual({ code: 'dist-missing-param', path: `${P}.scale`, message: 'scale is required for gamma written as {shape, scale}' });
    expect(only({ dist: 'gamma' })).toEqual({ code: 'dist-missing-param', path: P, message: 'gamma needs its parameters written as {shape, scale} or {mean, sd}' });
    expect(only({ dist: 'gamma', shape: 'x', scale: 1 })).toEqual({ code: 'dist-wrong-type', path: `${P}.shape`, message: 'shape must be a finite number (got "x")' });
    expect(only({ dist: 'gamma', shape: 2, scale: Infinity })).toMatchObject({ code: 'dist-wrong-type', path: `${P}.scale` });
    expect(only({ dist: 'gamma', shape: -1, scale: 1 })).toEqual({ code: 'dist-invalid-param', path: `${P}.shape`, message: 'shape must be greater than 0 (got -1)' });
    expect(only({ dist: 'gamma', shape: 1, scale: 0 })).toEqual({ code: 'dist-invalid-param', path: `${P}.scale`, message: 'scale must be greater than 0 (got 0)' });
    expect(only({ dist: 'gamma', mean: 0, sd: 1 })).toEqual({ code: 'dist-invalid-param', path: `${P}.mean`, message: 'mean must be greater than 0 (got 0)' });
    const typo = only({ dist: 'gamma', shape: 2, scal: 1, scale: 1 });
    expect(typo).toMatchObject({ code: 'dist-unknown-field', path: `${P}.scal` });
    expect(typo.message).toBe('unknown field "scal" for gamma (did you mean "scale"?); allowed: dist, shape, scale, mean, sd, label, description, source');
    expect(only({ dist: 'gamma', shape: 2, scale: 1, sd: 3 })).toEqual({
      code: 'dist-mixed-forms',
      path: `${P}.sd`,
      message: 'sd cannot be combined with shape, scale: write gamma either as {shape, scale} or {mean, sd}',
    });
  });

  it('shape at most 1e9, directly or through mean/sd', () => {
    expect(only({ dist: 'gamma', shape: 2e9, scale: 1 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.shape`,
      message:
        'shape must be at most 1e9 (got 2000000000): the exact CDF takes O(√shape) steps, and such a gamma is a normal with mean shape·scale and sd √shape·scale to 5 digits; use {"dist": "normal"}',
    });
    expect(only({ dist: 'gamma', mean: 1, sd: 1e-6 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.sd`,
      message: 'sd (0.000001) is too small for a gamma with mean 1: its shape mean²/sd² = 1000000000000 would exceed 1e9, where the gamma is a normal to 5 digits; use {"dist": "normal"}',
    });
    expect(only({ dist: 'gamma', mean: 1e-200, sd: 1e200 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.sd`,
      message: 'sd (1e+200) is too large for a gamma with mean 1e-200: its shape mean²/sd² underflows to 0',
    });
  });

  it('samples beyond 1e100 are refused, naming the parameter written', () => {
    expect(only({ dist: 'gamma', shape: 2, scale: 1e99 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.scale`,
      message: `scale (1e+99) is too large: samples of Gamma(2, 1e+99) reach 1.38e+101, which must stay within 1e100: ${OVERFLOW}`,
    });
    expect(only({ dist: 'gamma', mean: 1e99, sd: 1e99 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.sd` });
    expect(only({ dist: 'gamma', mean: 1e101, sd: 1 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.mean`,
      message: `mean must be at most 1e100 (got 1e+101): ${OVERFLOW}`,
    });
  });

  it('describe() and parameters', () => {
    const a = createDistribution({ dist: 'gamma', shape: 0.05, scale: 2 });
    expect([a.describe(), a.parameters]).toEqual(['Gamma(0.05, 2)', { shape: 0.05, scale: 2 }]);
    const b = createDistribution({ dist: 'gamma', mean: 10, sd: 4 });
    expect([b.describe(), b.parameters]).toEqual(['Gamma(6.25, 1.6) (mean 10, sd 4)', { shape: 6.25, scale: 1.6 }]);
  });
});

describe('exponential', () => {
  it('missing, wrong type, out of range, mixed forms', () => {
    expect(only({ dist: 'exponential' })).toEqual({ code: 'dist-missing-param', path: P, message: 'exponential needs its parameters written as {rate} or {mean}' });
    expect(only({ dist: 'exponential', rate: '2' })).toEqual({ code: 'dist-wrong-type', path: `${P}.rate`, message: 'rate must be a finite number (got "2")' });
    expect(only({ dist: 'exponential', rate: 0 })).toEqual({ code: 'dist-invalid-param', path: `${P}.rate`, message: 'rate must be greater than 0 (got 0)' });
    expect(only({ dist: 'exponential', mean: -1 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.mean` });
    expect(only({ dist: 'exponential', rate: 1, mean: 1 })).toEqual({
      code: 'dist-mixed-forms',
      path: `${P}.mean`,
      message: 'mean cannot be combined with rate: write exponential either as {rate} or {mean}',
    });
    expect(only({ dist: 'exponential', rate: 1, scale: 1 })).toMatchObject({ code: 'dist-unknown-field', path: `${P}.scale` });
  });

  it('samples reach 37 means (−ln 2⁻⁵³ < 37), which must stay within 1e100', () => {
    expect(only({ dist: 'exponential', rate: 1e-100 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.rate`,
      message: `rate (1e-100) is too small: samples reach 37/rate = 3.7e+101, which must stay within 1e100: ${OVERFLOW}`,
    });
    expect(only({ dist: 'exponential', mean: 1e99 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.mean`,
      message: `mean (1e+99) is too large: samples reach 37·mean = 3.7e+100, which must stay within 1e100: ${OVERFLOW}`,
    });
    expect(issues({ dist: 'exponential', mean: 2.7e98 })).toEqual([]);
  });

  it('describe() and parameters', () => {
    const a = createDistribution({ dist: 'exponential', rate: 2 });
    expect([a.describe(), a.parameters]).toEqual(['Exponential(2)', { rate: 2 }]);
    const b = createDistribution({ dist: 'exponential', mean: 5 });
    expect([b.describe(), b.parameters]).toEqual(['Exponential(0.2) (mean 5)', { rate: 0.2 }]);
  });
});

describe('t', () => {
  it('missing, wrong type, out of range, unknown field', () => {
    expect(only({ dist: 't', scale: 2 })).toEqual({ code: 'dist-missing-param', path: `${P}.df`, message: 'df is required for t' });
    expect(only({ dist: 't', df: null })).toEqual({ code: 'dist-wrong-type', path: `${P}.df`, message: 'df must be a finite number (got null)' });
    expect(only({ dist: 't', df: 0 })).toEqual({ code: 'dist-invalid-param', path: `${P}.df`, message: 'df must be greater than 0 (got 0)' });
    expect(only({ dist: 't', df: 3, scale: -1 })).toEqual({ code: 'dist-invalid-param', path: `${P}.scale`, message: 'scale must be greater than 0 (got -1)' });
    expect(only({ dist: 't', df: 3, location: 1e101 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.location`,
      message: `location must be within ±1e100 (got 1e+101): ${OVERFLOW}`,
    });
    const typo = only({ dist: 't', df: 3, mean: 1 });
    expect(typo).toMatchObject({ code: 'dist-unknown-field', path: `${P}.mean` });
    expect(typo.message).toContain('allowed: dist, df, location, scale, label, description, source');
  });

  it('heavy tails: small df (or a large scale) whose samples could pass 1e100 is refused', () => {
    expect(only({ dist: 't', df: 0.1 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.df`,
      message: `df (0.1) makes the tails too heavy: samples of this t reach location ± 4.26e+173 (df 0.1, location 0, scale 1), which must stay within ±1e100: ${OVERFLOW}`,
    });
    expect(only({ dist: 't', df: 1, scale: 1e90 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.scale` });
    expect(only({ dist: 't', df: 1, scale: 1e90 }).message).toMatch(/^scale \(1e\+90\) makes the tails too heavy: samples of this t reach location ± 1\.2e\+115/);
    // df itself is named when no scale was written.
    expect(only({ dist: 't', df: 0.15 })).toMatchObject({ path: `${P}.df` });
    expect(only({ dist: 't', df: 2e9 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.df`,
      message: 'df must be at most 1e9 (got 2000000000): a t with more degrees of freedom differs from a normal by less than 1e-9 in every probability; use {"dist": "normal"}',
    });
  });

  it('describe() and parameters (location 0 and scale 1 by default)', () => {
    const a = createDistribution({ dist: 't', df: 1 });
    expect([a.describe(), a.parameters, a.mean, a.variance]).toEqual(['StudentT(df 1)', { df: 1, location: 0, scale: 1 }, undefined, undefined]);
    const b = createDistribution({ dist: 't', df: 2.5, location: 1, scale: 2 });
    expect([b.describe(), b.parameters]).toEqual(['StudentT(df 2.5, location 1, scale 2)', { df: 2.5, location: 1, scale: 2 }]);
  });
});

describe('logistic', () => {
  it('missing, out of range, mixed forms, p95 <= p5', () => {
    expect(only({ dist: 'logistic', location: 0 })).toEqual({
      code: 'dist-missing-param',
      path: `${P}.scale`,
      message: 'scale is required for logistic written as {location, scale}',
    });
    expect(only({ dist: 'logistic', location: 0, scale: 0 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.scale` });
    expect(only({ dist: 'logistic', p5: 5, p95: 1 })).toEqual({ code: 'dist-invalid-param', path: `${P}.p95`, message: 'p95 (1) must be greater than p5 (5)' });
    const mixed = issues({ dist: 'logistic', location: 0, p95: 1 });
    expect(mixed.map((i) => [i.code, i.path])).toEqual([
      ['dist-mixed-forms', `${P}.p95`],
      ['dist-missing-param', `${P}.scale`],
    ]);
  });

  it('samples reach location ± 37·scale, which must stay within ±1e100', () => {
    expect(only({ dist: 'logistic', location: 0, scale: 1e99 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.scale`,
      message: `scale (1e+99) is too wide: samples reach location ± 37·scale = [-3.7e+100, 3.7e+100] (location 0, scale 1e+99), which must stay within ±1e100: ${OVERFLOW}`,
    });
    expect(only({ dist: 'logistic', p5: -1e99, p95: 1e99 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.p95` });
    expect(only({ dist: 'logistic', p5: -1e99, p95: 1e99 }).message).toMatch(/^\[p5, p95\] = \[-1e\+99, 1e\+99\] is too wide: samples reach location ± 37·scale/);
  });

  it('describe() and parameters', () => {
    expect(createDistribution({ dist: 'logistic', location: 0, scale: 1 }).describe()).toBe('Logistic(0, 1)');
    const d = createDistribution({ dist: 'logistic', p5: 2, p95: 20 });
    expect(d.describe()).toBe('Logistic(11, 3.057) (p5 2, p95 20)');
    // scale = (p95 − p5)/(2 ln 19), ln 19 = 2.9444389791664403 (Python math.log(19)).
    expect(d.parameters).toEqual({ location: 11, scale: 18 / (2 * 2.9444389791664403) });
  });
});

describe('poisson and binomial', () => {
  it('poisson: lambda > 0 and at most 1e9', () => {
    expect(only({ dist: 'poisson' })).toEqual({ code: 'dist-missing-param', path: `${P}.lambda`, message: 'lambda is required for poisson' });
    expect(only({ dist: 'poisson', lambda: '3' })).toMatchObject({ code: 'dist-wrong-type', path: `${P}.lambda` });
    expect(only({ dist: 'poisson', lambda: 0 })).toEqual({ code: 'dist-invalid-param', path: `${P}.lambda`, message: 'lambda must be greater than 0 (got 0)' });
    expect(only({ dist: 'poisson', lambda: 2e9 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.lambda`,
      message: 'lambda must be at most 1e9 (got 2000000000): the exact CDF takes O(√lambda) steps, and such a Poisson is a normal to 5 digits; use {"dist": "normal"}',
    });
    expect(only({ dist: 'poisson', lambda: 3, mean: 3 })).toMatchObject({ code: 'dist-unknown-field', path: `${P}.mean` });
  });

  it('binomial: n a whole number from 1 to 1e9, p in [0, 1]', () => {
    expect(only({ dist: 'binomial', n: 10 })).toEqual({ code: 'dist-missing-param', path: `${P}.p`, message: 'p is required for binomial' });
    expect(only({ dist: 'binomial', n: 2.5, p: 0.5 })).toEqual({ code: 'dist-wrong-type', path: `${P}.n`, message: 'n must be a whole number (got 2.5)' });
    expect(only({ dist: 'binomial', n: 0, p: 0.5 })).toEqual({ code: 'dist-invalid-param', path: `${P}.n`, message: 'n must be at least 1 (got 0)' });
    expect(only({ dist: 'binomial', n: 2e9, p: 0.5 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.n` });
    expect(only({ dist: 'binomial', n: 2e9, p: 0.5 }).message).toMatch(/^n must be at most 1e9 \(got 2000000000\)/);
    expect(only({ dist: 'binomial', n: 10, p: 1.5 })).toEqual({ code: 'dist-invalid-param', path: `${P}.p`, message: 'p must be between 0 and 1 (got 1.5)' });
  });

  it('describe() and parameters', () => {
    const p = createDistribution({ dist: 'poisson', lambda: 1e6 });
    expect([p.describe(), p.parameters]).toEqual(['Poisson(1000000)', { lambda: 1e6 }]);
    const b = createDistribution({ dist: 'binomial', n: 10, p: 0.5 });
    expect([b.describe(), b.parameters]).toEqual(['Binomial(10, 0.5)', { n: 10, p: 0.5 }]);
  });

  it('degenerate binomials: p = 0 is always 0, p = 1 always n', () => {
    const zero = createDistribution({ dist: 'binomial', n: 7, p: 0 });
    const one = createDistribution({ dist: 'binomial', n: 7, p: 1 });
    expect([...draw(zero, 5)]).toEqual([0, 0, 0, 0, 0]);
    expect([...draw(one, 5)]).toEqual([7, 7, 7, 7, 7]);
    expect([zero.cdf(0), zero.quantile(0.5), zero.quantile(1), one.cdf(6.5), one.cdf(7), one.quantile(0), one.quantile(0.5)]).toEqual([1, 0, 0, 0, 1, 7, 7]);
  });
});

describe('samples', () => {
  it('at least one value, each a finite number within ±1e100', () => {
    expect(only({ dist: 'samples' })).toEqual({ code: 'dist-missing-param', path: `${P}.values`, message: 'values is required for samples' });
    expect(only({ dist: 'samples', values: 'abc' })).toEqual({ code: 'dist-wrong-type', path: `${P}.values`, message: 'values must be an array (got "abc")' });
    expect(only({ dist: 'samples', values: [] })).toEqual({ code: 'dist-invalid-param', path: `${P}.values`, message: 'values must list at least one number' });
    expect(issues({ dist: 'samples', values: [1, 'x', 1e101, NaN] })).toEqual([
      { code: 'dist-wrong-type', path: `${P}.values.1`, message: 'values.1 must be a finite number (got "x")' },
      { code: 'dist-invalid-param', path: `${P}.values.2`, message: `values.2 must be within ±1e100 (got 1e+101): ${OVERFLOW}` },
      { code: 'dist-wrong-type', path: `${P}.values.3`, message: 'values.3 must be a finite number (got NaN)' },
    ]);
  });

  it('at most 1,000,000 values', () => {
    expect(issues({ dist: 'samples', values: new Array<number>(1_000_000).fill(0.5) })).toEqual([]);
    expect(only({ dist: 'samples', values: new Array<number>(1_000_001).fill(0.5) })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.values`,
      message:
        'values has 1000001 numbers; at most 1,000,000 are allowed (they already fix every probability to a millionth): thin them out, or fit a distribution to them',
    });
  });

  it('describe() and parameters; the order of the data does not matter', () => {
    const d = createDistribution({ dist: 'samples', values: [9.7, 0.1, 3, 3] });
    expect([d.describe(), d.parameters]).toEqual(['Samples(4 values, 0.1 to 9.7)', { count: 4 }]);
    expect(createDistribution({ dist: 'samples', values: [2] }).describe()).toBe('Samples(1 value, 2)');
    const other = createDistribution({ dist: 'samples', values: [3, 9.7, 3, 0.1] });
    expect(sameBits(draw(d, 1000), draw(other, 1000))).toBe(true);
  });
});

describe('mixture', () => {
  const N01 = { dist: 'normal', mean: 0, sd: 1 };

  it('components and weights: types, lengths (naming both), signs, a positive sum', () => {
    expect(only({ dist: 'mixture', components: [N01] })).toEqual({ code: 'dist-missing-param', path: `${P}.weights`, message: 'weights is required for mixture' });
    expect(only({ dist: 'mixture', weights: [1] })).toEqual({ code: 'dist-missing-param', path: `${P}.components`, message: 'components is required for mixture' });
    expect(only({ dist: 'mixture', components: N01, weights: [1] })).toEqual({
      code: 'dist-wrong-type',
      path: `${P}.components`,
      message: 'components must be an array (got {"dist":"normal","mean":0,"sd":1})',
    });
    expect(only({ dist: 'mixture', components: [N01], weights: { a: 1 } })).toMatchObject({ code: 'dist-wrong-type', path: `${P}.weights` });
    expect(only({ dist: 'mixture', components: [N01], weights: [1, 2] })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.weights`,
      message: 'weights has 2 entries but components has 1: give one weight per component',
    });
    expect(only({ dist: 'mixture', components: [N01, N01, N01], weights: [1] }).message).toBe('weights has 1 entry but components has 3: give one weight per component');
    expect(only({ dist: 'mixture', components: [N01], weights: [] }).message).toBe('weights has 0 entries but components has 1: give one weight per component');
    expect(only({ dist: 'mixture', components: [], weights: [] })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.components`,
      message: 'components must list at least one distribution',
    });
    expect(only({ dist: 'mixture', components: [N01, N01], weights: [1, -2] })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.weights.1`,
      message: 'weights.1 must be at least 0 (got -2)',
    });
    expect(only({ dist: 'mixture', components: [N01, N01], weights: [1, 'x'] })).toEqual({
      code: 'dist-wrong-type',
      path: `${P}.weights.1`,
      message: 'weights.1 must be a finite number (got "x")',
    });
    expect(only({ dist: 'mixture', components: [N01, N01], weights: [0, 0] })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.weights`,
      message: 'weights must not all be 0 (their sum must be positive)',
    });
    expect(only({ dist: 'mixture', components: [N01, N01], weights: [1e308, 1e308] })).toMatchObject({ path: `${P}.weights` });
    expect(only({ ...mix(N01), weihgts: [1] })).toMatchObject({ code: 'dist-unknown-field', path: `${P}.weihgts` });
  });

  it('each component is validated as a spec, with paths through components.N', () => {
    const found = issues(mix(N01, { dist: 'normal', mean: 0, sd: -1 }, { dist: 'gaussian' }, mix({ dist: 'beta', alpha: 0, beta: 1 })));
    expect(found).toEqual([
      { code: 'dist-invalid-param', path: `${P}.components.1.sd`, message: 'sd must be greater than 0 (got -1)' },
      {
        code: 'dist-unknown',
        path: `${P}.components.2.dist`,
        message:
          'unknown distribution "gaussian" (did you mean "normal"?); known: constant, bernoulli, uniform, normal, lognormal, beta, triangular, pert, categorical, gamma, exponential, t, logistic, poisson, binomial, samples, mixture',
      },
      { code: 'dist-invalid-param', path: `${P}.components.3.components.0.alpha`, message: 'alpha must be greater than 0 (got 0)' },
    ]);
    expect(only(mix(N01, 7))).toMatchObject({ code: 'dist-wrong-type', path: `${P}.components.1` });
    // A component's own overflow check applies inside a mixture too.
    expect(only(mix(N01, { dist: 'exponential', rate: 1e-100 }))).toMatchObject({ path: `${P}.components.1.rate` });
  });

  it('at most 100 components; mixtures nest at most 3 deep, and deeper input is never descended into', () => {
    const many = (k: number) => ({ dist: 'mixture', components: new Array(k).fill(N01), weights: new Array<number>(k).fill(1) });
    expect(issues(many(100))).toEqual([]);
    expect(only(many(101))).toEqual({ code: 'dist-invalid-param', path: `${P}.components`, message: 'components has 101 distributions; a mixture takes at most 100' });
    const nested = (depth: number): Record<string, unknown> => (depth === 0 ? N01 : mix(nested(depth - 1)));
    expect(issues(nested(3))).toEqual([]);
    expect(only(nested(4))).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.components.0.components.0.components.0`,
      message: 'mixtures may nest at most 3 deep, and this one is at depth 4: put its components into the mixture that contains it (their weights multiply)',
    });
    // Hostile depth: 100,000 levels would overflow the stack of a naive recursion.
    let deep: Record<string, unknown> = N01;
    for (let i = 0; i < 100_000; i++) deep = mix(deep);
    expect(only(deep)).toMatchObject({ path: `${P}.components.0.components.0.components.0` });
  });

  it('describe() and parameters (the normalized weights)', () => {
    const d = createDistribution({ dist: 'mixture', components: [N01, { dist: 'normal', mean: 5, sd: 1 }], weights: [3, 7] } as DistSpec);
    expect([d.describe(), d.parameters]).toEqual(['Mixture(30% Normal(0, 1), 70% Normal(5, 1))', { w0: 0.3, w1: 0.7 }]);
    const thirds = createDistribution(mix(N01, { dist: 'poisson', lambda: 3 }, mix({ dist: 'constant', value: 1 })) as DistSpec);
    expect(thirds.describe()).toBe('Mixture(33.3% Normal(0, 1), 33.3% Poisson(3), 33.3% Mixture(100% Constant(1)))');
    const seven = createDistribution(mix(...[1, 2, 3, 4, 5, 6, 7].map((value) => ({ dist: 'constant', value }))) as DistSpec);
    expect(seven.describe()).toBe('Mixture(14.3% Constant(1), 14.3% Constant(2), 14.3% Constant(3), 14.3% Constant(4), 14.3% Constant(5), 14.3% Constant(6), ...)');
  });

  it('a zero weight leaves its component out of every computation (a Cauchy at weight 0 has no effect on the mean)', () => {
    const d = createDistribution({ dist: 'mixture', components: [{ dist: 't', df: 1 }, { dist: 'normal', mean: 2, sd: 1 }], weights: [0, 1] } as DistSpec);
    expect([d.mean, d.variance, d.quantile(0), d.quantile(1)]).toEqual([2, 1, -Infinity, Infinity]);
    expect(draw(d, 1000).every((x) => Math.abs(x - 2) < 13)).toBe(true);
  });

  it('createDistribution freezes the whole spec, components included', () => {
    const d = createDistribution(mix(N01, mix({ dist: 'samples', values: [1, 2] })) as DistSpec);
    const spec = d.spec as { components: Array<{ components?: Array<{ values: number[] }> }> };
    expect(Object.isFrozen(spec.components)).toBe(true);
    expect(Object.isFrozen(spec.components[1])).toBe(true);
    expect(Object.isFrozen(spec.components[1].components![0].values)).toBe(true);
  });
});

describe('aliases and near misses name the family', () => {
  it.each([
    ['gaussian', 'normal'],
    ['gauss', 'normal'],
    ['log-normal', 'lognormal'],
    ['lognorm', 'lognormal'],
    ['binary', 'bernoulli'],
    ['coin', 'bernoulli'],
    ['fixed', 'constant'],
    ['point', 'constant'],
    ['triangle', 'triangular'],
    ['betapert', 'pert'],
    ['beta-pert', 'pert'],
    ['discrete', 'categorical'],
    ['choice', 'categorical'],
    ['students-t', 't'],
    ['data', 'samples'],
    ['sample', 'samples'],
    ['student-t', 't'],
    ['studentt', 't'],
    ['student', 't'],
    ['studentT', 't'],
    ['Student_t', 't'],
    ['cauchy', 't'],
    ['erlang', 'gamma'],
    ['expon', 'exponential'],
    ['exp', 'exponential'],
    ['pois', 'poisson'],
    ['binom', 'binomial'],
    ['empirical', 'samples'],
    ['bootstrap', 'samples'],
    ['mix', 'mixture'],
    ['gama', 'gamma'],
    ['logistc', 'logistic'],
  ])('"%s" → "%s"', (alias, name) => {
    const issue = only({ dist: alias });
    expect(issue).toMatchObject({ code: 'dist-unknown', path: `${P}.dist` });
    expect(issue.message).toContain(`(did you mean "${name}"?)`);
  });
});

describe('extreme but legal parameters are accepted, and every sample stays within ±1e100', () => {
  const edge: Array<Record<string, unknown>> = [
    { dist: 'gamma', shape: 0.05, scale: 2 },
    { dist: 'gamma', shape: 1e-3, scale: 1 },
    { dist: 'gamma', shape: 1e9, scale: 1e90 },
    { dist: 'gamma', mean: 1e99, sd: 1e98 },
    { dist: 'exponential', mean: 2.7e98 },
    { dist: 't', df: 1 },
    { dist: 't', df: 0.2 },
    { dist: 't', df: 1e9, location: -1e100 },
    { dist: 'logistic', location: 9e99, scale: 1e97 },
    { dist: 'poisson', lambda: 1e-300 },
    { dist: 'poisson', lambda: 1e6 },
    { dist: 'poisson', lambda: 1e9 },
    { dist: 'binomial', n: 1e9, p: 0.3 },
    { dist: 'binomial', n: 1e9, p: 1e-9 },
    { dist: 'samples', values: [-1e100, 1e100] },
    mix({ dist: 't', df: 0.2 }, { dist: 'poisson', lambda: 1e9 }),
  ];

  it.each(edge.map((spec) => [JSON.stringify(spec), spec]))('%s', (_name, spec) => {
    expect(issues(spec)).toEqual([]);
    expect(distSpecSchema.safeParse(spec).success).toBe(true);
    const sample = draw(createDistribution(spec as DistSpec), 20_000, 'edge');
    expect(sample.every((x) => Number.isFinite(x) && Math.abs(x) <= MAX_FACTOR_VALUE)).toBe(true);
  });

  it('a small gamma shape does not collapse to 0 needlessly: shape 0.05 draws are positive, with their tiny tail intact', () => {
    // P(X < 1e-300) for Gamma(0.05, 1) is about (1e-300)^0.05/Γ(1.05) = 1e-15: no draw of 100,000
    // should be 0, although U^(1/0.05) alone underflows whenever U < 1e-15.4 (none here either,
    // but its product with G' would be below the smallest double far more often).
    const sample = draw(createDistribution({ dist: 'gamma', shape: 0.05, scale: 1 }), 100_000, 'tiny');
    expect(sample.every((x) => x > 0)).toBe(true);
    expect(Math.min(...sample)).toBeLessThan(1e-60);
  });
});

describe('quantile and cdf agree far into the tails (self-consistency; scipy values are in families.test.ts)', () => {
  const continuous: Array<Record<string, unknown>> = [
    { dist: 'gamma', shape: 0.05, scale: 2 },
    { dist: 'gamma', shape: 1e6, scale: 1e-6 },
    { dist: 'exponential', rate: 3 },
    { dist: 't', df: 0.5 },
    { dist: 't', df: 100, location: 1, scale: 2 },
    { dist: 't', df: 1e9 },
    { dist: 'logistic', location: -2, scale: 0.1 },
    mix({ dist: 'normal', mean: 0, sd: 1 }, { dist: 'gamma', shape: 2, scale: 3 }),
  ];

  it.each(continuous.map((spec) => [JSON.stringify(spec), spec]))('%s: cdf(quantile(p)) = p to 1e-9', (_name, spec) => {
    const d = createDistribution(spec as DistSpec);
    for (const p of [1e-300, 1e-30, 1e-12, 1e-6, 0.3, 0.5, 0.9, 1 - 1e-9]) {
      const x = d.quantile(p);
      // Where the quantile underflows to 0 (Gamma(0.05) below 6e-17) or overflows (t(0.5) at
      // 1e-300 is about −1e600) there is nothing to invert.
      if ((x === 0 && d.quantile(0) === 0) || !Number.isFinite(x)) continue;
      const back = d.cdf(x);
      // 1e-9 of the smaller tail, plus the rounding of a CDF near 1 (2⁻⁵³).
      const tail = p > 0.5 ? 1 - p : p;
      expect(Math.abs(back - p), `p ${p}: quantile ${x}, cdf ${back}`).toBeLessThanOrEqual(1e-9 * tail + 2 ** -53);
    }
  });

  it('a t with very large df is a normal, also at p = 1e-75 (the quantile does not go through 1 − 2p)', () => {
    const d = createDistribution({ dist: 't', df: 1e9 });
    // The normal's quantiles: Φ(−18.37721) = 1e-75 and Φ(7.034484) = 1 − 1e-12 (Python:
    // 0.5·math.erfc(18.37721/√2) = 9.99996e-76); the t(1e9) differs by about z³/(4·df) < 2e-6.
    expect(d.quantile(1e-75)).toBeCloseTo(-18.37721, 4);
    expect(d.quantile(1 - 1e-12)).toBeCloseTo(7.034484, 5);
  });

  it('a gamma quantile below the smallest double is 0, and tiny ones keep their digits', () => {
    const d = createDistribution({ dist: 'gamma', shape: 0.05, scale: 1 });
    expect(d.quantile(1e-20)).toBe(0);
    // P(X <= x) = x^0.05/Γ(1.05)·(1 − O(x)) for tiny x, so the 1e-10-quantile is
    // (1e-10·Γ(1.05))^20 to far more digits than a double holds; Γ(1.05) = 0.9735042655627756
    // (Python math.gamma). The 20th power multiplies the CDF's relative error by 20.
    expect(Math.abs(d.quantile(1e-10) / (1e-10 * 0.9735042655627756) ** 20 - 1)).toBeLessThan(1e-12);
  });
});

describe('distSpecSchema: the same verdicts, and a JSON Schema with the recursive mixture', () => {
  const valid: unknown[] = [
    { dist: 'gamma', shape: 2, scale: 1 },
    { dist: 'gamma', mean: 2, sd: 1, label: 'g' },
    { dist: 'exponential', rate: 2 },
    { dist: 'exponential', mean: 2 },
    { dist: 't', df: 3 },
    { dist: 't', df: 3, location: 1, scale: 2 },
    { dist: 'logistic', location: 0, scale: 1 },
    { dist: 'logistic', p5: 0, p95: 1 },
    { dist: 'poisson', lambda: 3 },
    { dist: 'binomial', n: 10, p: 0.5 },
    { dist: 'samples', values: [1, 2, 3] },
    mix({ dist: 'normal', mean: 0, sd: 1 }, mix({ dist: 'categorical', weights: { a: 1 } }, { dist: 'beta', likelihood: 'likely' })),
  ];
  const invalid: unknown[] = [
    { dist: 'gamma', shape: 2 },
    { dist: 'gamma', shape: 2, scale: 1, mean: 2 },
    { dist: 'exponential', rate: 1e-100 },
    { dist: 't', df: 0.1 },
    { dist: 'logistic', p5: 1, p95: 0 },
    { dist: 'poisson', lambda: 2e9 },
    { dist: 'binomial', n: 1.5, p: 0.5 },
    { dist: 'samples', values: [] },
    { dist: 'mixture', components: [{ dist: 'normal', mean: 0, sd: 1 }], weights: [1, 1] },
    mix({ dist: 'normal', mean: 0, sd: -1 }),
  ];

  it('agrees with validateDistSpec', () => {
    for (const v of valid) {
      expect(issues(v), JSON.stringify(v)).toEqual([]);
      expect(distSpecSchema.safeParse(v).success, JSON.stringify(v)).toBe(true);
    }
    for (const v of invalid) {
      expect(issues(v).length, JSON.stringify(v)).toBeGreaterThan(0);
      expect(distSpecSchema.safeParse(v).success, JSON.stringify(v)).toBe(false);
    }
  });

  it('parseDistSpec returns a deep copy of a mixture and throws ScenarioError with every issue', () => {
    const input = valid[valid.length - 1] as Record<string, unknown>;
    const spec = parseDistSpec(input, P);
    expect(spec).toEqual(input);
    expect((spec as { components: unknown[] }).components[1]).not.toBe((input.components as unknown[])[1]);
    expect(() => parseDistSpec(mix({ dist: 'normal', mean: 0, sd: -1 }), P)).toThrow(ScenarioError);
  });

  it('the JSON Schema refers to one definition of a distribution, recursively', () => {
    const schema = z.toJSONSchema(distSpecSchema) as { $ref: string; $defs: Record<string, unknown> };
    expect(schema.$ref).toBe('#/$defs/DistSpec');
    const text = JSON.stringify(schema.$defs.DistSpec);
    expect(text).toContain('"items":{"$ref":"#/$defs/DistSpec"}');
    for (const name of ['gamma', 'exponential', 't', 'logistic', 'poisson', 'binomial', 'samples', 'mixture']) expect(text).toContain(`"const":"${name}"`);
    // n is an integer for JSON Schema consumers; lambda and shape have their 1e9 limit.
    expect(text).toContain('"n":{"type":"integer","minimum":1,"maximum":1000000000');
    expect(text).toContain('"maxItems":1000000');
    expect(text).toContain('"maxItems":100,');
  });

  it('the scenario JSON Schema (what `scenario-odds schema` prints) accepts nested mixtures and refuses bad components', () => {
    const schema = scenarioJsonSchema();
    const probe = (x: unknown) => jsonSchemaErrors(schema, { id: 'probe', title: 'Probe', factors: { x }, events: { e: '0.5' } });
    for (const v of valid) expect(probe(v), JSON.stringify(v)).toEqual([]);
    expect(probe(mix({ dist: 'normal', mean: 0, sdd: 1 }))).not.toEqual([]);
    expect(probe(mix(mix({ dist: 'poisson', lambda: -1 })))).not.toEqual([]);
    expect(probe({ dist: 'binomial', n: 2.5, p: 0.5 })).not.toEqual([]);
    expect(probe({ dist: 'samples', values: ['x'] })).not.toEqual([]);
  });
});

describe('scenarioHash: mixtures order categorical components, nothing else changes', () => {
  const base = { id: 'h', title: 'H', events: { e: 'x > 0' } };
  const categorical = (weights: Record<string, number>) => ({ dist: 'categorical', weights });
  /** The hash as defined before mixtures: only top-level categorical weights become lists. */
  const before = (s: Scenario): string => {
    const { $schema: _hint, ...rest } = s;
    const ordered = (f: Record<string, DistSpec> | undefined) =>
      f && Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.dist === 'categorical' ? { ...v, weights: Object.entries(v.weights) } : v]));
    const variants = rest.variants && Object.fromEntries(Object.entries(rest.variants).map(([k, v]) => [k, { ...v, factors: ordered(v.factors) }]));
    return canonicalHash({ ...rest, factors: ordered(rest.factors), variants });
  };

  it('a scenario without mixtures hashes as before', () => {
    const s = {
      ...base,
      factors: { x: { dist: 'normal', mean: 0, sd: 1 }, c: categorical({ b: 2, a: 1 }) },
      variants: { v: { factors: { c: categorical({ a: 1, b: 2 }) } } },
    } as unknown as Scenario;
    expect(scenarioHash(s)).toBe(before(s));
  });

  it('reordering a categorical component\'s labels changes the hash; reordering other keys does not', () => {
    const h = (c: unknown) => scenarioHash({ ...base, factors: { x: mix({ dist: 'normal', mean: 0, sd: 1 }, mix(c)) } } as unknown as Scenario);
    expect(h(categorical({ a: 1, b: 2 }))).not.toBe(h(categorical({ b: 2, a: 1 })));
    expect(h({ dist: 'normal', mean: 0, sd: 1 })).toBe(h({ sd: 1, mean: 0, dist: 'normal' }));
  });
});

describe('determinism: draws depend only on the stream', () => {
  const specs: Array<[string, Record<string, unknown>]> = [
    ['gamma 0.3', { dist: 'gamma', shape: 0.3, scale: 2 }],
    ['t 1.5', { dist: 't', df: 1.5 }],
    ['poisson 12', { dist: 'poisson', lambda: 12 }],
    ['binomial 40, 0.9', { dist: 'binomial', n: 40, p: 0.9 }],
    ['nested mixture', mix({ dist: 'poisson', lambda: 3 }, mix({ dist: 'gamma', shape: 0.5, scale: 1 }, { dist: 't', df: 3 }), { dist: 'samples', values: [1, 5] })],
  ];

  it.each(specs)('%s: the same stream gives the same bits, whatever the batches', (_name, spec) => {
    const d = createDistribution(spec as DistSpec);
    const whole = draw(d, 3000, 'det');
    expect(sameBits(whole, draw(createDistribution(spec as DistSpec), 3000, 'det'))).toBe(true);
    const pieces = new Float64Array(3000);
    const s = createStream('det', 0, 'x');
    for (let at = 0, len = 1; at < 3000; at += len, len = Math.min(2 * len + 1, 3000 - at)) d.sample(s, pieces.subarray(at), len);
    expect(sameBits(whole, pieces)).toBe(true);
    expect(sameBits(whole, draw(d, 3000, 'det', 'y'))).toBe(false);
  });

  it('a mixture component takes exactly the draws the component would take alone after the index', () => {
    // One component: each draw is one uniform for the index, then the component's own draw.
    const alone = createDistribution({ dist: 'gamma', shape: 2, scale: 1 });
    const wrapped = createDistribution(mix({ dist: 'gamma', shape: 2, scale: 1 }) as DistSpec);
    const s = createStream('det', 0, 'one');
    const expected = new Float64Array(200);
    for (let i = 0; i < 200; i++) {
      s.double();
      alone.sample(s, expected.subarray(i), 1);
    }
    expect(sameBits(draw(wrapped, 200, 'det', 'one'), expected)).toBe(true);
  });
});
