/**
 * The data behind a factor's chart for the newer families: discrete factors with few values as
 * bars of their exact probabilities, many-valued integer factors as a density over whole
 * integers, and no mean marker where the mean does not exist.
 */
import { describe, expect, it } from 'vitest';
import type { DistSpec } from '../../src/distributions';
import { factorPlot } from '../../src/report/common';

function bars(spec: unknown): Array<{ label: string; p: number }> {
  const plot = factorPlot(spec as DistSpec);
  if (plot.kind !== 'bars') throw new Error(`expected bars, got ${plot.kind}`);
  return plot.bars;
}

function density(spec: unknown) {
  const plot = factorPlot(spec as DistSpec);
  if (plot.kind !== 'density') throw new Error(`expected a density, got ${plot.kind}`);
  return plot;
}

describe('factorPlot', () => {
  it('a Poisson with few values between its 0.1% and 99.9% quantiles: one bar per count, its probability', () => {
    const b = bars({ dist: 'poisson', lambda: 3 });
    // stats.poisson(3).ppf([0.001, 0.999]) = [0, 10]; pmf(0) = e^-3, pmf(3) = 4.5e^-3.
    expect(b.map((x) => x.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    // CDF differences: exact to a few ulps of the CDF.
    expect(b[0].p).toBeCloseTo(Math.exp(-3), 14);
    expect(b[3].p).toBeCloseTo(4.5 * Math.exp(-3), 14);
  });

  it('a binomial: bars of C(n, k)/2^n', () => {
    const b = bars({ dist: 'binomial', n: 10, p: 0.5 });
    // stats.binom(10, 0.5).ppf([0.001, 0.999]) = [1, 9]
    expect(b.map((x) => x.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(b[4].p).toBeCloseTo(252 / 1024, 14);
  });

  it('samples with few distinct values, and a mixture of discrete components: bars on the distinct values', () => {
    expect(bars({ dist: 'samples', values: [2.5, -1, 2.5, 7] })).toEqual([
      { label: '−1', p: 0.25 },
      { label: '2.5', p: 0.5 },
      { label: '7', p: 0.25 },
    ]);
    const m = bars({ dist: 'mixture', components: [{ dist: 'bernoulli', p: 0.5 }, { dist: 'constant', value: 10 }], weights: [1, 3] });
    expect(m).toEqual([
      { label: '0', p: 0.125 },
      { label: '1', p: 0.125 },
      { label: '10', p: 0.75 },
    ]);
  });

  it('a Poisson with many values: a density over bins of whole integers (no aliasing ripple)', () => {
    const d = density({ dist: 'poisson', lambda: 1000 });
    const width = d.points[1][0] - d.points[0][0];
    expect(Number.isInteger(width)).toBe(true);
    // Each bin centre sits between integers + ½ edges: centre − width/2 is a half-integer.
    for (const [x] of d.points) expect(Math.abs(((x - width / 2) % 1) - 0.5)).toBeLessThan(1e-9);
    // The density integrates to about 0.998 (the central 99.8% and a little more).
    const mass = d.points.reduce((s, [, y]) => s + y * width, 0);
    expect(mass).toBeGreaterThan(0.997);
    expect(mass).toBeLessThanOrEqual(1);
    expect(d.mean).toBe(1000);
  });

  it('no mean marker where the mean does not exist (Cauchy)', () => {
    const d = density({ dist: 't', df: 1 });
    expect(d.mean).toBeUndefined();
    expect(d.points).toHaveLength(72);
  });
});
