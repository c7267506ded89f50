/** Statistical test helpers for the distribution tests. */
import { expect } from 'vitest';
import { createStream, type RandomStream } from '../../src/rng';
import { createDistribution, type Distribution, type DistSpec } from '../../src/distributions';

/**
 * Critical value of sqrt(n)·D for the one-sample Kolmogorov–Smirnov test at alpha = 0.001,
 * from the asymptotic Kolmogorov distribution: P(K > 1.9495) = 2·Σ_{k≥1} (−1)^{k−1} e^{−2k²·1.9495²}
 * ≈ 0.001 (e.g. Smirnov's table; scipy.special.kolmogi(0.001) = 1.9495).
 */
export const KS_CRITICAL_0_001 = 1.9495;

/** A stream whose draws are the given doubles in order; it fails the test if asked for more. */
export function scripted(draws: number[]): RandomStream & { left(): number } {
  let i = 0;
  return {
    double() {
      if (i >= draws.length) throw new Error(`the script has only ${draws.length} draws`);
      return draws[i++];
    },
    left: () => draws.length - i,
  } as unknown as RandomStream & { left(): number };
}

/** Draws n values from a fresh stream with a fixed seed. */
export function draw(d: Distribution, n: number, seed = 'ks-test', node = 'x'): Float64Array {
  const out = new Float64Array(n);
  d.sample(createStream(seed, 0, node), out, n);
  return out;
}

/**
 * The KS statistic D = sup |F_n(x) − F(x)| of a sample against a continuous CDF. Tied values
 * are one step of the empirical CDF (from i_first/n to (i_last+1)/n).
 */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    const f = cdf(sorted[i]);
    d = Math.max(d, f - i / n, (j + 1) / n - f);
    i = j + 1;
  }
  return d;
}

/** Sample mean, variance (n − 1 denominator) and 4th central moment. */
export function moments(sample: Float64Array): { mean: number; variance: number; m4: number } {
  const n = sample.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += sample[i];
  const mean = s / n;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = sample[i] - mean;
    const d2 = d * d;
    s2 += d2;
    s4 += d2 * d2;
  }
  return { mean, variance: s2 / (n - 1), m4: s4 / n };
}

/** Bitwise equality of two arrays of doubles (distinguishes -0 and NaN payload-insensitive). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * The sampler contract every family keeps: one call of 1000 draws equals calls of 500 + 500 and
 * of 1 + 7 + 0 + 992 on the same stream (batch size never matters); the same seed gives the same
 * bits, another node other bits (except for a constant).
 */
export function expectSamplerContract(spec: DistSpec): void {
  const d = createDistribution(spec);
  const whole = new Float64Array(1000);
  d.sample(createStream('batch', 3, 'node'), whole, 1000);

  const halves = new Float64Array(1000);
  const s1 = createStream('batch', 3, 'node');
  d.sample(s1, halves, 500);
  d.sample(s1, halves.subarray(500), 500);
  expect(sameBits(whole, halves)).toBe(true);

  const pieces = new Float64Array(1000);
  const s2 = createStream('batch', 3, 'node');
  let at = 0;
  for (const len of [1, 7, 0, 992]) {
    d.sample(s2, pieces.subarray(at), len);
    at += len;
  }
  expect(sameBits(whole, pieces)).toBe(true);

  const again = new Float64Array(1000);
  createDistribution(spec).sample(createStream('batch', 3, 'node'), again, 1000);
  expect(sameBits(whole, again)).toBe(true);
  const other = new Float64Array(1000);
  d.sample(createStream('batch', 3, 'other'), other, 1000);
  expect(sameBits(whole, other)).toBe(spec.dist === 'constant');
}
