/**
 * Correlated factors (Gaussian copula): the joint probabilities, the marginals, the achieved rank
 * correlation, and the stream rules that keep what-ifs on common random numbers.
 *
 * References. For two standard normals with normal correlation ρ, P(a > 0 and b > 0) =
 * 1/4 + asin(ρ)/(2π) (Sheppard's formula); a Spearman rank r corresponds to ρ = 2·sin(π·r/6)
 * (Pearson 1907), so r = 0.8 gives ρ = 0.8134732861516003 and P = 0.4012130066569169 (both from
 * numpy: `2*np.sin(np.pi*0.8/6)`, `0.25 + np.arcsin(r)/(2*np.pi)`).
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, forEachBatch } from '../../src/engine/chunk';
import { setupSimulation } from '../../src/engine/setup';
import { copulaUniform, factorUnits } from '../../src/engine/factors';
import { standardNormal } from '../../src/distributions/variates';
import { createStream } from '../../src/rng';
import { createDistribution } from '../../src/distributions/create';
import { simulateSync, type Scenario } from '../../src/index';
import { normalCdf } from '../../src/math/normal';
import { KS_CRITICAL_0_001, ksStatistic } from '../distributions/helpers';
import { consistentCount, wilsonCoverage } from '../stats/binomial';

const SHEPPARD_08 = 0.4012130066569169;

function pair(rank: number, a: object = { dist: 'normal', mean: 0, sd: 1 }, b: object = { dist: 'normal', mean: 0, sd: 1 }): Scenario {
  return {
    id: 'pair',
    title: 'Two correlated factors',
    factors: { a: a as never, b: b as never, c: { dist: 'uniform', min: 0, max: 1 } },
    correlations: [{ factors: ['a', 'b'], rank }],
    events: { both: 'a > 0 and b > 0', cHigh: 'c > 0.5' },
  };
}

/** The factor columns of a run's first `trials` trials, by name. */
function draws(scenario: Scenario, trials: number, seed = 'corr', batchSize?: number): Record<string, Float64Array> {
  const { model } = setupSimulation(scenario, { seed, trials, ...(batchSize ? { batchSize } : {}) });
  const out: Record<string, Float64Array> = {};
  const names = model.names.slice(0, model.factorCount);
  for (const name of names) out[name] = new Float64Array(trials);
  for (let chunk = 0; chunk * CHUNK_SIZE < trials; chunk++) {
    const count = Math.min(CHUNK_SIZE, trials - chunk * CHUNK_SIZE);
    forEachBatch(model, seed, chunk, count, (n, offset) => {
      names.forEach((name, f) => out[name].set(model.columns[f].subarray(0, n), chunk * CHUNK_SIZE + offset));
    });
  }
  return out;
}

/** Average ranks (1-based), ties sharing their mean rank. */
function ranks(x: Float64Array): Float64Array {
  const order = Array.from(x.keys()).sort((i, j) => x[i] - x[j]);
  const r = new Float64Array(x.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]] === x[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) (mx += x[i]), (my += y[i]);
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('correlated factors', () => {
  it('gives P(a > 0 and b > 0) = 1/4 + asin(ρ)/(2π) = 0.401213 for rank 0.8, its interval covering it across seeds', () => {
    // 40 runs of 50,000 trials with seeds corr-cover/0..39. The event is 0/1, so each run's count
    // is Binomial(50,000, 0.401213) and its Wilson interval's exact coverage c follows from the
    // binomial law (tests/stats/binomial.ts, not the library): the number of covering runs must
    // be consistent with Binomial(40, c) at a false-alarm rate of 0.001. A copula with the wrong
    // ρ (e.g. r used as ρ: P = 0.3976) misses the reference by ~8 standard errors per run and
    // fails every run.
    const runs = 40;
    const trials = 50_000;
    let covered = 0;
    for (let r = 0; r < runs; r++) {
      const { probability, ci95 } = simulateSync(pair(0.8), { seed: `corr-cover/${r}`, trials }).events.both;
      expect(Math.abs(probability - SHEPPARD_08)).toBeLessThan(0.02);
      if (ci95[0] <= SHEPPARD_08 && SHEPPARD_08 <= ci95[1]) covered++;
    }
    const c = wilsonCoverage(trials, SHEPPARD_08, 1.959963984540054);
    const verdict = consistentCount(covered, runs, c, c, 0.001);
    expect(verdict.ok, `${covered}/${runs} covered; exact coverage ${c}; tails ${verdict.lowTail}, ${verdict.highTail}`).toBe(true);
  });

  it('keeps each marginal exactly: both pass a KS test against N(0, 1) at 100,000 draws', () => {
    // KS_CRITICAL_0_001 / sqrt(n) is the asymptotic 0.1% critical value of the KS statistic.
    const n = 100_000;
    const { a, b } = draws(pair(0.8), n);
    for (const x of [a, b]) expect(ksStatistic(x, normalCdf)).toBeLessThan(KS_CRITICAL_0_001 / Math.sqrt(n));
  });

  it('achieves the rank correlation it was given: Spearman within 0.01 of 0.8 at 1e6 trials', () => {
    // Spearman's sample rho has standard deviation about (1 − ρ_s²)/√n ≈ 0.00036 at n = 1e6,
    // so 0.01 is far outside sampling error: only a wrong conversion (ρ used as r: 0.812 → 0.8
    // differs by 0.013) or a broken copula fails it.
    const { a, b } = draws(pair(0.8), 1_000_000, 'spearman');
    expect(Math.abs(pearson(ranks(a), ranks(b)) - 0.8)).toBeLessThan(0.01);
  });

  it('keeps a discrete marginal exact and joins it through the copula: Bernoulli(0.3) with a normal at rank 0.5', () => {
    // b = 1 exactly when its copula uniform exceeds 0.7, i.e. when its normal score exceeds
    // Φ⁻¹(0.7); with ρ = 2·sin(π/12) = 0.5176380902050415, P(a > 0 and b = 1) =
    // ∫_{Φ⁻¹(0.7)}^∞ φ(t)·Φ(ρt/√(1 − ρ²)) dt = 0.2243250605845994 (scipy.integrate.quad,
    // error 2e-14). Checked within 4.5 standard errors of a proportion at 400,000 trials.
    const scenario: Scenario = { ...pair(0.5, undefined, { dist: 'bernoulli', p: 0.3 }), events: { joint: 'a > 0 and b == 1', b1: 'b' } };
    const trials = 400_000;
    const r = simulateSync(scenario, { seed: 'discrete', trials });
    const within = (p: number, exact: number) => expect(Math.abs(p - exact)).toBeLessThan(4.5 * Math.sqrt((exact * (1 - exact)) / trials));
    within(r.events.b1.probability, 0.3);
    within(r.events.joint.probability, 0.2243250605845994);
  });

  it('draws a group from its own stream: another member\'s marginal, and factors outside the group, keep their values', () => {
    const base = draws(pair(0.6), 30_000);
    const betaB = draws(pair(0.6, undefined, { dist: 'beta', alpha: 2, beta: 5 }), 30_000);
    expect(Buffer.from(betaB.a.buffer).equals(Buffer.from(base.a.buffer))).toBe(true);
    expect(Buffer.from(betaB.b.buffer).equals(Buffer.from(base.b.buffer))).toBe(false);
    // c is outside every group: it draws exactly what it draws with no correlation at all.
    const independent = draws({ ...pair(0.6), correlations: [] }, 30_000);
    expect(Buffer.from(independent.c.buffer).equals(Buffer.from(base.c.buffer))).toBe(true);
  });

  it("gives each trial the marginals' quantiles of Φ(L·z), z the group stream's normals in trial order", () => {
    const scenario = pair(0.7, { dist: 'beta', alpha: 2, beta: 5 }, { dist: 'normal', mean: 3, sd: 2 });
    const { plan } = setupSimulation(scenario, { seed: 'by-hand', trials: 1 }).model;
    const [group] = plan.correlations!;
    const l = group.cholesky;
    const a = createDistribution({ dist: 'beta', alpha: 2, beta: 5 });
    const b = createDistribution({ dist: 'normal', mean: 3, sd: 2 });
    const stream = createStream('by-hand', 0, group.key);
    const got = draws(scenario, 20, 'by-hand');
    for (let i = 0; i < 20; i++) {
      const z0 = standardNormal(stream);
      const z1 = standardNormal(stream);
      expect(got.a[i], `trial ${i}`).toBe(a.quantile(copulaUniform(l[0] * z0)));
      expect(got.b[i], `trial ${i}`).toBe(b.quantile(copulaUniform(l[2] * z0 + l[3] * z1)));
    }
  });

  it('makes one sampling unit per group, skips a group a pruned plan left out, and refuses one only partly in the model', () => {
    const uniform = createDistribution({ dist: 'uniform', min: 0, max: 1 });
    const group = { key: 'corr(a,c)', members: ['a', 'c'], cholesky: [1, 0, 0.6, 0.8] };
    const units = factorUnits(['a', 'b', 'c'], [uniform, uniform, uniform], [group], 10);
    expect(units.map((u) => [u.key, u.members])).toEqual([['corr(a,c)', [0, 2]], ['b', [1]]]);
    expect(factorUnits(['b'], [uniform], [group], 10).map((u) => u.key)).toEqual(['b']);
    expect(() => factorUnits(['a', 'b'], [uniform, uniform], [group], 10)).toThrow('correlation group corr(a,c) is only partly in the model');
  });

  it('gives the same bits for any batch size (a group draws trial by trial)', () => {
    const wide = draws(pair(-0.4), 25_000, 'batches');
    const narrow = draws(pair(-0.4), 25_000, 'batches', 777);
    for (const name of ['a', 'b', 'c']) expect(Buffer.from(narrow[name].buffer).equals(Buffer.from(wide[name].buffer))).toBe(true);
  });

  it('keeps a heavy tail within the limits its validation checked: uniforms within [2^-53, 1 - 2^-53]', () => {
    // A t with df 0.2 is about the heaviest tail validation accepts at scale 1. A two-factor
    // copula can reach normal scores near ±18 (each score is a unit combination of normals
    // that reach ±13), where Φ is about 1e-75: the t's quantile there is beyond 1e100.
    const t = createDistribution({ dist: 't', df: 0.2 });
    expect(Math.abs(t.quantile(normalCdf(-18)))).toBeGreaterThan(1e100);
    expect(copulaUniform(-18)).toBe(2 ** -53);
    expect(copulaUniform(18)).toBe(1 - 2 ** -53);
    expect(copulaUniform(0.3)).toBe(normalCdf(0.3));
    for (const x of [-18, 18]) expect(Math.abs(t.quantile(copulaUniform(x)))).toBeLessThanOrEqual(1e100);
  });

  it('correlates three factors with a positive definite matrix, each pair at its own rank', () => {
    const scenario: Scenario = {
      id: 'three',
      title: 'Three',
      factors: { x: { dist: 'uniform', min: 0, max: 1 }, y: { dist: 'uniform', min: 0, max: 1 }, z: { dist: 'uniform', min: 0, max: 1 } },
      correlations: [
        { factors: ['x', 'y'], rank: 0.5 },
        { factors: ['z', 'y'], rank: -0.3 },
      ],
      events: { e: 'x > 0.5' },
    };
    const { x, y, z } = draws(scenario, 400_000, 'three');
    // Uniform marginals: the rank correlation is the Pearson correlation of the values, with
    // sampling sd below (1 − r²)/√n ≤ 0.0016; x and z are joined only through y, and their
    // normal correlation is 0 (unlisted pairs are independent given the matrix), so rank 0.
    expect(pearson(x, y)).toBeCloseTo(0.5, 2);
    expect(pearson(z, y)).toBeCloseTo(-0.3, 2);
    expect(Math.abs(pearson(x, z))).toBeLessThan(0.008);
  });
});
