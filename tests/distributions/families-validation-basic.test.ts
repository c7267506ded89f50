/**
 * Validation of the families normal, lognormal, beta, triangular, pert, categorical, bernoulli
 * and uniform, word for word: each cross-field rule (ordering, truncation mass, the ±1e100 reach
 * in values or logarithms, a percentile pair too close to give a spread, a Beta's feasible sd),
 * the field that the message points at, and exactly one issue where one field is bad, so a rule
 * never runs on a field that already failed. The second group of families is in
 * families-validation.test.ts. Limits with their reasons: src/distributions/limits.ts (every
 * sample within ±1e100; a lognormal's |mu| + 13·sigma at most 230, e^230 ≈ 1e100; a truncation
 * keeps more than 1e-12 of the probability).
 */
import { describe, expect, it } from 'vitest';
import { validateDistSpec } from '../../src/distributions';
import { nextDown } from '../../src/distributions/roots';

const P = 'x';
const OVERFLOW = "larger factor values would overflow the run's sums";
const LOG_RANGE = 'e^-230 and e^230 (about 1e-100 and 1e100)';

function issues(input: unknown) {
  return validateDistSpec(input, P);
}

/** The one issue of `input`, as `path: message`. */
function only(input: unknown): string {
  const found = issues(input);
  expect(found, JSON.stringify(input)).toHaveLength(1);
  return `${found[0].path}: ${found[0].message}`;
}

describe('normal by mean and sd', () => {
  it('samples reach mean ± 13·sd, clipped to the truncation interval, within ±1e100', () => {
    expect(only({ dist: 'normal', mean: 0, sd: 1e99 })).toBe(
      `x.sd: sd (1e+99) is too wide: samples reach mean ± 13·sd = [-1.3e+100, 1.3e+100] (mean 0, sd 1e+99), which must stay within ±1e100: ${OVERFLOW}`,
    );
    expect(only({ dist: 'normal', mean: 0, sd: 1e99, min: -1 })).toBe(
      `x.sd: sd (1e+99) is too wide: samples reach mean ± 13·sd = [-1, 1.3e+100] (mean 0, sd 1e+99), which must stay within ±1e100: ${OVERFLOW}`,
    );
    // 13 · 7.6e98 = 9.88e99: just inside.
    expect(issues({ dist: 'normal', mean: 0, sd: 7.6e98 })).toEqual([]);
    expect(only({ dist: 'normal', mean: 1e101, sd: 1 })).toBe(`x.mean: mean must be within ±1e100 (got 1e+101): ${OVERFLOW}`);
  });

  it('a truncation must keep more than 1e-12 of the probability; the message points at the bound that cuts it away', () => {
    // Q(7.5) = 3.19e-14 (scipy.stats.norm.sf(7.5) = 3.190891672910947e-14).
    const keeps = (interval: string, mass: string) => `truncation to ${interval} keeps only ${mass} of the probability of Normal(0, 1); it must keep more than 1e-12`;
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: 7.5 })).toBe(`x.min: ${keeps('[7.5, ∞)', '3.19e-14')}`);
    expect(only({ dist: 'normal', mean: 0, sd: 1, max: -7.5 })).toBe(`x.max: ${keeps('(-∞, -7.5]', '3.19e-14')}`);
    // Both bounds above the mean: min cuts the mass away; both below: max.
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: 7.5, max: 9 }).startsWith('x.min: truncation to [7.5, 9] keeps only 3.19e-14')).toBe(true);
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: -9, max: -7.5 }).startsWith('x.max: truncation to [-9, -7.5] keeps only 3.19e-14')).toBe(true);
    // Q(50) ≈ 2.2e-545 underflows to 0, and Normal(0, 1e99) puts about 8e-100 on [-1, 1], where
    // Φ(1e-99) − Φ(−1e-99) cancels to 0: no number to print, so the message says so.
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: 50 })).toBe(
      'x.min: truncation to [50, ∞) keeps almost none of the probability of Normal(0, 1); it must keep more than 1e-12',
    );
    expect(only({ dist: 'normal', mean: 0, sd: 1e99, min: -1, max: 1 })).toBe(
      'x.max: truncation to [-1, 1] keeps almost none of the probability of Normal(0, 1e+99); it must keep more than 1e-12',
    );
    // Q(7) = 1.28e-12 is kept.
    expect(issues({ dist: 'normal', mean: 0, sd: 1, min: 7 })).toEqual([]);
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: 1, max: 1 })).toBe('x.max: max (1) must be greater than min (1)');
  });

  it('a field that already failed is not checked again by the rules that read it', () => {
    expect(only({ dist: 'normal', mean: 0, sd: -1, min: 50 })).toBe('x.sd: sd must be greater than 0 (got -1)');
    expect(only({ dist: 'normal', mean: 'x', sd: 1e99 })).toBe('x.mean: mean must be a finite number (got "x")');
    expect(only({ dist: 'normal', mean: 1e101, sd: 1e99, min: 50 })).toBe(`x.mean: mean must be within ±1e100 (got 1e+101): ${OVERFLOW}`);
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: 'a', max: -50 })).toBe('x.min: min must be a finite number (got "a")');
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: 1e101, max: -50 })).toBe(`x.min: min must be within ±1e100 (got 1e+101): ${OVERFLOW}`);
  });
});

describe('normal by p5 and p95', () => {
  it('ordered, with a positive spread, reaching within ±1e100', () => {
    expect(only({ dist: 'normal', p5: 2, p95: 1 })).toBe('x.p95: p95 (1) must be greater than p5 (2)');
    // (p95 − p5)/3.29 underflows to 0 for the smallest subnormal gap.
    expect(only({ dist: 'normal', p5: 0, p95: 5e-324 })).toBe('x.p95: p95 (5e-324) is too close to p5 (0)');
    expect(only({ dist: 'normal', p5: 1e99, p95: 1e100 })).toBe(
      `x.p95: [p5, p95] = [1e+99, 1e+100] is too wide: samples reach mean ± 13·sd = [-3.007e+100, 4.107e+100] (mean 5.5e+99, sd 2.736e+99), which must stay within ±1e100: ${OVERFLOW}`,
    );
    // Past both ends, the message points at p95; past the lower end only (cut at 0 above), at p5.
    expect(only({ dist: 'normal', p5: -1e100, p95: -1e99 })).toMatch(/^x\.p95: \[p5, p95\] = \[-1e\+100, -1e\+99\] is too wide/);
    expect(only({ dist: 'normal', p5: -1e100, p95: -1e99, max: 0 })).toMatch(/^x\.p5: \[p5, p95\] = \[-1e\+100, -1e\+99\] is too wide: samples reach mean ± 13·sd = \[-4\.107e\+100, 0\]/);
    expect(only({ dist: 'normal', p5: 0, p95: 10, min: 50 })).toBe(
      'x.min: truncation to [50, ∞) keeps only 6.93e-50 of the probability of Normal(5, 3.04); it must keep more than 1e-12',
    );
  });
});

describe('lognormal', () => {
  it('mu within ±230, saying when e^mu itself is +Infinity', () => {
    const mu = (got: string, tail = '') => `x.mu: mu must be within ±230 (got ${got}): samples are e^(mu + sigma·z) and must stay between ${LOG_RANGE}${tail}`;
    expect(only({ dist: 'lognormal', mu: 1000, sigma: 1 })).toBe(mu('1000', '; e^1000 is +Infinity'));
    expect(only({ dist: 'lognormal', mu: 709, sigma: 1 })).toBe(mu('709'));
    expect(only({ dist: 'lognormal', mu: 710, sigma: 1 })).toBe(mu('710', '; e^710 is +Infinity'));
    expect(only({ dist: 'lognormal', mu: -300, sigma: 1 })).toBe(mu('-300'));
    expect(only({ dist: 'lognormal', mu: 'x', sigma: 100 })).toBe('x.mu: mu must be a finite number (got "x")');
  });

  it('|mu| + 13·sigma at most 230, pointing at sigma or at the percentile farther from 1', () => {
    expect(only({ dist: 'lognormal', mu: 200, sigma: 3 })).toBe(
      `x.sigma: sigma (3) is too wide: samples reach e^(|mu| + 13·sigma) = e^239 (mu 200, sigma 3); |mu| + 13·sigma must be at most 230 so that samples stay between ${LOG_RANGE}`,
    );
    expect(only({ dist: 'lognormal', mu: -200, sigma: 3 }).startsWith('x.sigma: sigma (3) is too wide: samples reach e^(|mu| + 13·sigma) = e^239 (mu -200')).toBe(true);
    expect(issues({ dist: 'lognormal', mu: 200, sigma: 2.3 })).toEqual([]);
    expect(only({ dist: 'lognormal', mu: 230, sigma: 0 })).toBe('x.sigma: sigma must be greater than 0 (got 0)');
    const wide = (pair: string, mu: string) =>
      `[p5, p95] = ${pair} is too wide: samples reach e^(|mu| + 13·sigma) = e^922.5 (mu ${mu}, sigma 62.99); |mu| + 13·sigma must be at most 230 so that samples stay between ${LOG_RANGE}`;
    expect(only({ dist: 'lognormal', p5: 1e-90, p95: 1 })).toBe(`x.p5: ${wide('[1e-90, 1]', '-103.6')}`);
    expect(only({ dist: 'lognormal', p5: 1, p95: 1e90 })).toBe(`x.p95: ${wide('[1, 1e+90]', '103.6')}`);
  });

  it('percentiles positive, ordered, and far enough apart for their logarithms to differ', () => {
    expect(only({ dist: 'lognormal', p5: 0, p95: 1 })).toBe('x.p5: p5 must be greater than 0 (got 0)');
    expect(only({ dist: 'lognormal', p5: 1, p95: 1 })).toBe('x.p95: p95 (1) must be greater than p5 (1)');
    // Neighbouring doubles near 1e100 have the same logarithm (ulp of ln 1e100 ≈ 2.8e-14 > 2.2e-16).
    const below = nextDown(1e100);
    expect(only({ dist: 'lognormal', p5: below, p95: 1e100 })).toBe(`x.p95: p95 (1e+100) is too close to p5 (${below})`);
    expect(only({ dist: 'lognormal', p5: 1, p95: 1e101 })).toBe(`x.p95: p95 must be at most 1e100 (got 1e+101): ${OVERFLOW}`);
  });
});

describe('beta, triangular, pert', () => {
  it('beta: shapes at most 1e100; a mean strictly inside (0, 1) and an sd that gives shapes in range', () => {
    expect(only({ dist: 'beta', alpha: 1e101, beta: 1 })).toBe("x.alpha: alpha must be at most 1e100 (got 1e+101): larger shapes make the sampler's gamma variates overflow");
    expect(only({ dist: 'beta', mean: 1, sd: 0.1 })).toBe('x.mean: mean must be strictly between 0 and 1 (got 1)');
    expect(only({ dist: 'beta', mean: 0, sd: 0.1 })).toBe('x.mean: mean must be strictly between 0 and 1 (got 0)');
    expect(only({ dist: 'beta', mean: 0.5, sd: 0.5 })).toBe('x.sd: sd (0.5) is too large for a Beta with mean 0.5: it must be below sqrt(mean(1 - mean)) = 0.5');
    expect(only({ dist: 'beta', mean: 0.5, sd: 1e-60 })).toBe(
      'x.sd: sd (1e-60) is too small for a Beta with mean 0.5: its shapes would exceed 1e100 and the sampler would give NaN; for a fixed value use {"dist": "constant"}',
    );
  });

  it('triangular and pert: max above min, the mode between them (at an end is fine)', () => {
    expect(only({ dist: 'triangular', min: 0, mode: 5, max: 4 })).toBe('x.mode: mode (5) must be between min (0) and max (4)');
    expect(only({ dist: 'pert', min: 0, mode: -1, max: 4 })).toBe('x.mode: mode (-1) must be between min (0) and max (4)');
    expect(issues({ dist: 'pert', min: 0, mode: 0, max: 4 })).toEqual([]);
    expect(issues({ dist: 'triangular', min: 0, mode: 4, max: 4 })).toEqual([]);
    expect(only({ dist: 'triangular', min: 4, mode: 5, max: 4 })).toBe('x.max: max (4) must be greater than min (4)');
    expect(only({ dist: 'pert', min: 0, mode: 1e101, max: 4 })).toBe(`x.mode: mode must be within ±1e100 (got 1e+101): ${OVERFLOW}`);
  });
});

describe('categorical, bernoulli, uniform', () => {
  it('categorical: at least one label, no negative weight, a positive and finite sum', () => {
    expect(only({ dist: 'categorical', weights: { a: 0, b: 0 } })).toBe('x.weights: weights must not all be 0 (their sum must be positive)');
    expect(only({ dist: 'categorical', weights: { a: 1e308, b: 1e308 } })).toBe('x.weights: weights sum to more than the largest number; scale them down');
    expect(only({ dist: 'categorical', weights: {} })).toBe('x.weights: weights must list at least one label');
    expect(only({ dist: 'categorical', weights: { a: -1, b: 0 } })).toBe('x.weights.a: weight of "a" must be at least 0 (got -1)');
  });

  it('bernoulli: p in [0, 1]; uniform: bounds within ±1e100, one issue each, and max above min', () => {
    expect(only({ dist: 'bernoulli', p: 1.5 })).toBe('x.p: p must be between 0 and 1 (got 1.5)');
    expect(only({ dist: 'bernoulli', p: -0.5 })).toBe('x.p: p must be between 0 and 1 (got -0.5)');
    expect(only({ dist: 'uniform', min: 1, max: 1 })).toBe('x.max: max (1) must be greater than min (1)');
    expect(issues({ dist: 'uniform', min: -1e101, max: 1e101 }).map((i) => `${i.path}: ${i.message}`)).toEqual([
      `x.min: min must be within ±1e100 (got -1e+101): ${OVERFLOW}`,
      `x.max: max must be within ±1e100 (got 1e+101): ${OVERFLOW}`,
    ]);
    expect(only({ dist: 'uniform', min: 'a', max: 1 })).toBe('x.min: min must be a finite number (got "a")');
  });
});
