/**
 * Samplers against their exact distributions.
 *
 * Continuous: one-sample Kolmogorov–Smirnov with n = 100,000 (fixed seed) at alpha = 0.001,
 * critical D = 1.9495/sqrt(n) (asymptotic Kolmogorov distribution; see helpers.ts), plus the
 * sample mean within 4 standard errors of the exact mean (SE = sqrt(Var/n), the CLT) and the
 * sample variance within 4 standard errors of the exact variance (SE ≈ sqrt((m4 − s⁴)/n), the
 * large-sample variance of the sample variance, with m4 the sample 4th central moment).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDistribution, standardNormal, type DistSpec, type Distribution } from '../../src/distributions';
import { normalCdf } from '../../src/distributions/special';
import { createStream } from '../../src/rng';
import { draw, KS_CRITICAL_0_001, ksStatistic, moments } from './helpers';

const N = 100_000;

function checkMoments(d: Distribution, sample: Float64Array): void {
  const n = sample.length;
  const m = moments(sample);
  const variance = d.variance as number;
  expect(variance).toBeTypeOf('number');
  expect(Math.abs(m.mean - (d.mean as number))).toBeLessThan(4 * Math.sqrt(variance / n));
  const seVar = Math.sqrt(Math.max(m.m4 - m.variance * m.variance, 0) / n);
  expect(Math.abs(m.variance - variance)).toBeLessThan(4 * seVar);
}

const continuous: Array<[string, DistSpec]> = [
  ['uniform', { dist: 'uniform', min: -1, max: 2 }],
  ['normal', { dist: 'normal', mean: 0.3, sd: 0.1 }],
  ['normal truncated to [0, 1] (rejection path)', { dist: 'normal', mean: 0.3, sd: 0.1, min: 0, max: 1 }],
  ['normal truncated to [0.35, 0.4] (inverse-CDF path)', { dist: 'normal', mean: 0.3, sd: 0.1, min: 0.35, max: 0.4 }],
  ['normal truncated to [3, ∞) (upper tail, reflected)', { dist: 'normal', mean: 0, sd: 1, min: 3 }],
  ['normal truncated to (-∞, -4]', { dist: 'normal', mean: 0, sd: 1, max: -4 }],
  ['normal truncated far out [7, ∞) (mass 1.28e-12)', { dist: 'normal', mean: 0, sd: 1, min: 7 }],
  ['normal from p5/p95', { dist: 'normal', p5: 10, p95: 20 }],
  ['normal from p5/p95 truncated at 0', { dist: 'normal', p5: -1, p95: 5, min: 0 }],
  ['lognormal', { dist: 'lognormal', mu: 0, sigma: 0.5 }],
  ['lognormal from p5/p95', { dist: 'lognormal', p5: 1, p95: 100 }],
  ['beta (shapes >= 1)', { dist: 'beta', alpha: 2, beta: 5 }],
  ['beta (shapes < 1, log-gamma path)', { dist: 'beta', alpha: 0.5, beta: 0.5 }],
  ['beta (mixed shapes 0.3, 2)', { dist: 'beta', alpha: 0.3, beta: 2 }],
  ['beta (tiny shape 0.02)', { dist: 'beta', alpha: 0.02, beta: 0.5 }],
  ['beta from mean/sd', { dist: 'beta', mean: 0.3, sd: 0.1 }],
  ['beta from "likely"', { dist: 'beta', likelihood: 'likely' }],
  ['beta from "almost no chance"', { dist: 'beta', likelihood: 'almost no chance' }],
  ['triangular', { dist: 'triangular', min: 0, mode: 1, max: 4 }],
  ['triangular with mode at min', { dist: 'triangular', min: 2, mode: 2, max: 3 }],
  ['pert', { dist: 'pert', min: 0, mode: 1, max: 4 }],
  ['pert with mode at max', { dist: 'pert', min: 10, mode: 20, max: 20 }],
];

describe('continuous samplers: KS (alpha 0.001) and moments at n = 100,000', () => {
  it.each(continuous)('%s', (_name, spec) => {
    const d = createDistribution(spec);
    const sample = draw(d, N);
    const dStat = ksStatistic(sample, (x) => d.cdf(x));
    expect(dStat).toBeLessThan(KS_CRITICAL_0_001 / Math.sqrt(N));
    checkMoments(d, sample);
    const lo = d.quantile(0);
    const hi = d.quantile(1);
    let outside = 0;
    for (const x of sample) if (!(x >= lo && x <= hi)) outside++;
    expect(outside).toBe(0);
  });
});

describe('beta with both shapes tiny', () => {
  it('Beta(0.01, 0.01) gives no NaN (0/0 of underflowed gammas) and the right mean', () => {
    // Half the mass lies within 1e-16 of 0 or 1, where doubles round draws to exactly 0 or 1,
    // so KS cannot be applied; the mean (exactly 1/2) and the tail masses still can.
    const d = createDistribution({ dist: 'beta', alpha: 0.01, beta: 0.01 });
    const s = draw(d, N);
    expect(s.every((x) => x >= 0 && x <= 1)).toBe(true);
    checkMoments(d, s);
    let below = 0;
    for (const x of s) if (x < 1e-10) below++;
    const p = d.cdf(1e-10);
    expect(Math.abs(below / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });
});

describe('standard normal (ziggurat)', () => {
  it('passes KS at n = 1,000,000 and puts the right mass in the tail beyond R = 3.4426', () => {
    const n = 1_000_000;
    const stream = createStream('ziggurat', 0, 'z');
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = standardNormal(stream);
    expect(ksStatistic(z, normalCdf)).toBeLessThan(KS_CRITICAL_0_001 / Math.sqrt(n));
    // The tail is drawn by a separate algorithm: its frequency, P(|Z| > R) = 2Φ(−R), within 4 SE.
    let tail = 0;
    for (const x of z) if (Math.abs(x) > 3.442619855899) tail++;
    const p = 2 * normalCdf(-3.442619855899);
    expect(Math.abs(tail / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    // Symmetry: the sign comes from its own bit.
    let negative = 0;
    for (const x of z) if (x < 0) negative++;
    expect(Math.abs(negative / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });
});

describe('discrete samplers', () => {
  it('bernoulli: frequency of 1 within 4 SE of p (binomial SE = sqrt(p(1-p)/n))', () => {
    for (const p of [0.3, 0.02, 0.5]) {
      const d = createDistribution({ dist: 'bernoulli', p });
      const s = draw(d, N, `bern-${p}`);
      expect(s.every((x) => x === 0 || x === 1)).toBe(true);
      let ones = 0;
      for (const x of s) ones += x;
      expect(Math.abs(ones / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    }
  });

  it('bernoulli with p = 0 and p = 1 is deterministic', () => {
    expect(draw(createDistribution({ dist: 'bernoulli', p: 0 }), 10_000).every((x) => x === 0)).toBe(true);
    expect(draw(createDistribution({ dist: 'bernoulli', p: 1 }), 10_000).every((x) => x === 1)).toBe(true);
  });

  function chiSquare(counts: number[], probs: number[], n: number): number {
    let chi = 0;
    for (let i = 0; i < counts.length; i++) {
      if (probs[i] === 0) continue;
      const e = n * probs[i];
      chi += ((counts[i] - e) * (counts[i] - e)) / e;
    }
    return chi;
  }

  it('categorical: chi-square below the alpha = 0.001 critical value; zero weights never drawn', () => {
    const d = createDistribution({ dist: 'categorical', weights: { dmz: 4, none: 0, pyongyang: 3, hanoi: 2, singapore: 1 } });
    const s = draw(d, N);
    const counts = [0, 0, 0, 0, 0];
    for (const x of s) counts[x]++;
    expect(counts[1]).toBe(0);
    // df = 3 (four categories with positive weight): chi-square 0.999 quantile 16.266 (standard table).
    expect(chiSquare(counts, [0.4, 0, 0.3, 0.2, 0.1], N)).toBeLessThan(16.266);
  });

  it('categorical with many labels (bisection path): chi-square and first/last zero weights', () => {
    const weights: Record<string, number> = { first: 0 };
    for (let i = 1; i <= 20; i++) weights[`l${i}`] = i;
    weights.last = 0;
    const d = createDistribution({ dist: 'categorical', weights });
    const s = draw(d, N);
    const counts = new Array<number>(22).fill(0);
    for (const x of s) counts[x]++;
    expect(counts[0]).toBe(0);
    expect(counts[21]).toBe(0);
    const probs = [0, ...Array.from({ length: 20 }, (_, i) => (i + 1) / 210), 0];
    // df = 19: chi-square 0.999 quantile 43.820 (standard table).
    expect(chiSquare(counts, probs, N)).toBeLessThan(43.82);
  });

  it('categorical sampling is the documented inverse CDF on u·total', () => {
    const weights: Record<string, number> = {};
    for (let i = 0; i < 30; i++) weights[`k${i}`] = (i % 7) + 0.5;
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    const cum: number[] = [];
    let run = 0;
    for (const w of Object.values(weights)) cum.push((run += w));
    const d = createDistribution({ dist: 'categorical', weights });
    const s = draw(d, 2000, 'cat-inverse');
    const stream = createStream('cat-inverse', 0, 'x');
    for (let i = 0; i < s.length; i++) {
      const t = stream.double() * total;
      let j = 0;
      while (j < cum.length - 1 && t >= cum[j]) j++;
      expect(s[i]).toBe(j);
    }
  });

  it('constant fills the value and consumes nothing from the stream', () => {
    const d = createDistribution({ dist: 'constant', value: -2.5 });
    const stream = createStream('c', 0, 'x');
    const out = new Float64Array(100);
    d.sample(stream, out, 100);
    expect(out.every((x) => x === -2.5)).toBe(true);
    expect(stream.double()).toBe(createStream('c', 0, 'x').double());
  });
});

describe('randomness comes only from the stream', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('no sampler calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    for (const [, spec] of continuous) draw(createDistribution(spec), 2000);
    draw(createDistribution({ dist: 'categorical', weights: { a: 1, b: 2 } }), 2000);
    draw(createDistribution({ dist: 'bernoulli', p: 0.4 }), 2000);
    expect(spy).not.toHaveBeenCalled();
  });
});
