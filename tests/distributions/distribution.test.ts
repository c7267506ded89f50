/**
 * Resolved distributions: exact moments, cdf/quantile against closed forms, describe(), and
 * the sampler contract (batch invariance, seed determinism, pinned outputs).
 */
import { describe, expect, it } from 'vitest';
import { createDistribution, type DistSpec } from '../../src/distributions';
import { createStream } from '../../src/rng';
import { relativeError } from '../helpers/numbers';
import { expectSamplerContract } from './helpers';

const ALL: Record<string, DistSpec> = {
  constant: { dist: 'constant', value: 3 },
  bernoulli: { dist: 'bernoulli', p: 0.3 },
  uniform: { dist: 'uniform', min: -1, max: 2 },
  normal: { dist: 'normal', mean: 0.3, sd: 0.1 },
  normalTrunc: { dist: 'normal', mean: 0.3, sd: 0.1, min: 0, max: 1 },
  normalTail: { dist: 'normal', mean: 0, sd: 1, min: 3 },
  normalP: { dist: 'normal', p5: 10, p95: 20 },
  lognormal: { dist: 'lognormal', mu: 0, sigma: 0.5 },
  lognormalP: { dist: 'lognormal', p5: 1, p95: 100 },
  beta: { dist: 'beta', alpha: 2, beta: 5 },
  betaSmall: { dist: 'beta', alpha: 0.5, beta: 0.5 },
  betaMeanSd: { dist: 'beta', mean: 0.3, sd: 0.1 },
  betaLikely: { dist: 'beta', likelihood: 'likely' },
  triangular: { dist: 'triangular', min: 0, mode: 1, max: 4 },
  pert: { dist: 'pert', min: 0, mode: 1, max: 4 },
  categorical: { dist: 'categorical', weights: { a: 1, b: 2, c: 3 } },
};

describe('sampler contract', () => {
  it.each(Object.entries(ALL))('%s: one call of 1000 equals calls of 500+500 and 1+7+992 on the same stream', (_n, spec) => {
    expectSamplerContract(spec);
  });

  it('rejects a sample count that does not fit the buffer', () => {
    const d = createDistribution(ALL.normal);
    const s = createStream('x', 0, 'y');
    expect(() => d.sample(s, new Float64Array(3), 4)).toThrow(RangeError);
    expect(() => d.sample(s, new Float64Array(3), -1)).toThrow(RangeError);
    expect(() => d.sample(s, new Float64Array(3), 1.5)).toThrow(RangeError);
  });

  it('pins the first draws for seed "42" (changing these is a breaking change: major version only)', () => {
    const expected: Record<string, number[]> = {
      constant: [3, 3, 3, 3],
      bernoulli: [0, 1, 0, 0],
      uniform: [0.7808085742116773, -0.682426437555279, 0.8250523231013389, 0.39528443863320506],
      normal: [0.0872206343992531, 0.321148994166955, 0.14335320811988472, 0.3042000442260588],
      normalTrunc: [0.0872206343992531, 0.321148994166955, 0.14335320811988472, 0.3042000442260588],
      normalTail: [3.264341221366351, 3.033917862481288, 3.2747986621890846, 3.1856814903614854],
      normalP: [8.531966549658693, 15.642883774593123, 10.238275633971146, 15.127672279078201],
      lognormal: [0.34510835872499834, 1.1115383656547912, 0.45692593941183224, 1.021222277460686],
      lognormalP: [0.508619855236223, 13.445493742464965, 1.1159766988351052, 10.605580770053297],
      beta: [0.06971782844707881, 0.07198167840539356, 0.10112172442720732, 0.4150385854124425],
      betaSmall: [0.08937998949346643, 0.6444233654508476, 0.9325823995939276, 0.5161562611342809],
      betaMeanSd: [0.1847029656522627, 0.15449450139798723, 0.2082107257086229, 0.3775988683259921],
      betaLikely: [0.6930348035052178, 0.5486773904871194, 0.7062921413418681, 0.7723976702155086],
      triangular: [1.791659966591809, 0.6507160798635311, 1.8320999313633841, 1.466452636032399],
      pert: [0.3902002312577942, 0.33992372762103673, 0.5592700052467164, 2.013027968849004],
      categorical: [2, 0, 2, 1],
    };
    for (const [name, spec] of Object.entries(ALL)) {
      const out = new Float64Array(4);
      createDistribution(spec).sample(createStream('42', 0, 'snapshot'), out, 4);
      expect(Array.from(out), name).toEqual(expected[name]);
    }
  });
});

describe('exact moments', () => {
  it('match the closed forms', () => {
    const m = (spec: DistSpec) => {
      const d = createDistribution(spec);
      return [d.mean as number, d.variance as number];
    };
    expect(m(ALL.uniform)).toEqual([0.5, 9 / 12]);
    expect(m(ALL.bernoulli)).toEqual([0.3, 0.3 * 0.7]);
    expect(m(ALL.constant)).toEqual([3, 0]);
    // Beta(2, 5): mean 2/7, variance αβ/((α+β)²(α+β+1)) = 10/392.
    const [bm, bv] = m(ALL.beta);
    expect(relativeError(bm, 2 / 7)).toBeLessThan(1e-15);
    expect(relativeError(bv, 10 / 392)).toBeLessThan(1e-15);
    // Triangular(0, 1, 4): mean 5/3, variance (0 + 16 + 1 − 0 − 0 − 4)/18 = 13/18.
    const [tm, tv] = m(ALL.triangular);
    expect(relativeError(tm, 5 / 3)).toBeLessThan(1e-15);
    expect(relativeError(tv, 13 / 18)).toBeLessThan(1e-15);
    // PERT(0, 1, 4): (min + 4·mode + max)/6 = 4/3; shapes 2 and 4, variance 16·8/(36·7).
    const [pm, pv] = m(ALL.pert);
    expect(relativeError(pm, 4 / 3)).toBeLessThan(1e-15);
    expect(relativeError(pv, (16 * 8) / (36 * 7))).toBeLessThan(1e-15);
    // Lognormal(0, 0.5): e^{σ²/2}, (e^{σ²} − 1)e^{σ²}.
    const [lm, lv] = m(ALL.lognormal);
    expect(relativeError(lm, Math.exp(0.125))).toBeLessThan(1e-15);
    expect(relativeError(lv, (Math.exp(0.25) - 1) * Math.exp(0.25))).toBeLessThan(1e-14);
    // Categorical index with weights 1:2:3: mean (0·1 + 1·2 + 2·3)/6 = 4/3, E[i²] = (2 + 12)/6.
    const [cm, cv] = m(ALL.categorical);
    expect(relativeError(cm, 4 / 3)).toBeLessThan(1e-15);
    expect(relativeError(cv, 14 / 6 - 16 / 9)).toBeLessThan(1e-14);
  });

  it('truncated normal: half-normal and symmetric truncation', () => {
    // Normal(0, 1) on [0, ∞) is the half-normal: mean sqrt(2/π), variance 1 − 2/π.
    const h = createDistribution({ dist: 'normal', mean: 0, sd: 1, min: 0 });
    expect(relativeError(h.mean as number, Math.sqrt(2 / Math.PI))).toBeLessThan(1e-15);
    expect(relativeError(h.variance as number, 1 - 2 / Math.PI)).toBeLessThan(1e-14);
    // Normal(0, 1) on [−1, 1]: mean 0, variance 1 − 2φ(1)/(Φ(1) − Φ(−1)), with the published
    // φ(1) = 0.24197072451914337 and erf(1/√2) = 0.6826894921370859.
    const s = createDistribution({ dist: 'normal', mean: 0, sd: 1, min: -1, max: 1 });
    expect(Math.abs(s.mean as number)).toBeLessThan(1e-16);
    expect(relativeError(s.variance as number, 1 - (2 * 0.24197072451914337) / 0.6826894921370859)).toBeLessThan(1e-14);
    // Far tail [7, ∞): the mean is the inverse Mills ratio φ(7)/Q(7), with φ(7) = e^{-24.5}/√(2π)
    // and Q(7) = 1.279812543885835e-12 (scipy norm.sf(7)).
    const t = createDistribution({ dist: 'normal', mean: 0, sd: 1, min: 7 });
    expect(relativeError(t.mean as number, Math.exp(-24.5) / Math.sqrt(2 * Math.PI) / 1.279812543885835e-12)).toBeLessThan(1e-13);
  });

  it('elicited forms resolve to the documented parameters', () => {
    const n = createDistribution({ dist: 'normal', p5: 10, p95: 20 });
    expect(n.parameters.mean).toBe(15);
    expect(relativeError(n.parameters.sd, 10 / (2 * 1.6448536269514722))).toBeLessThan(1e-15);
    expect(relativeError(n.quantile(0.05), 10)).toBeLessThan(1e-14);
    expect(relativeError(n.quantile(0.95), 20)).toBeLessThan(1e-14);
    const l = createDistribution({ dist: 'lognormal', p5: 2, p95: 50 });
    expect(relativeError(l.quantile(0.05), 2)).toBeLessThan(1e-13);
    expect(relativeError(l.quantile(0.95), 50)).toBeLessThan(1e-13);
    const b = createDistribution({ dist: 'beta', mean: 0.3, sd: 0.1 });
    expect(relativeError(b.mean as number, 0.3)).toBeLessThan(1e-14);
    expect(relativeError(b.variance as number, 0.01)).toBeLessThan(1e-13);
    expect(relativeError(b.parameters.alpha, 6)).toBeLessThan(1e-14);
    expect(relativeError(b.parameters.beta, 14)).toBeLessThan(1e-14);
    const p = createDistribution(ALL.pert);
    expect(p.parameters).toEqual({ min: 0, mode: 1, max: 4, alpha: 2, beta: 4 });
  });
});

describe('cdf and quantile', () => {
  it('normal: published Φ values and quantiles', () => {
    const d = createDistribution({ dist: 'normal', mean: 0, sd: 1 });
    expect(relativeError(d.cdf(1), 0.8413447460685429)).toBeLessThan(1e-15);
    expect(relativeError(d.quantile(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    expect(d.quantile(0)).toBe(-Infinity);
    expect(d.quantile(1)).toBe(Infinity);
    const s = createDistribution({ dist: 'normal', mean: 10, sd: 2 });
    expect(relativeError(s.quantile(0.9), 10 + 2 * 1.2815515655446004)).toBeLessThan(1e-15);
  });

  it('truncated normal: half-normal CDF 2Φ(x) − 1 and the ends of the support', () => {
    const h = createDistribution({ dist: 'normal', mean: 0, sd: 1, min: 0 });
    expect(relativeError(h.cdf(1), 2 * 0.8413447460685429 - 1)).toBeLessThan(1e-14);
    expect(relativeError(h.quantile(0.5), 0.6744897501960817)).toBeLessThan(1e-14); // Φ⁻¹(0.75)
    expect(h.quantile(0)).toBe(0);
    expect(h.quantile(1)).toBe(Infinity);
    expect(h.cdf(-1)).toBe(0);
    const t = createDistribution({ dist: 'normal', mean: 0.3, sd: 0.1, min: 0, max: 1 });
    expect(t.quantile(0)).toBe(0);
    expect(t.quantile(1)).toBe(1);
    expect(t.cdf(1)).toBe(1);
  });

  it('beta: integer shapes equal the binomial sum; arcsine law for Beta(1/2, 1/2)', () => {
    // Beta(2, 5): I_x(2, 5) = P(Bin(6, x) >= 2) = 1 − (1−x)^6 − 6x(1−x)^5.
    const b = createDistribution({ dist: 'beta', alpha: 2, beta: 5 });
    for (const x of [0.05, 0.2, 0.5, 0.8]) {
      expect(relativeError(b.cdf(x), 1 - (1 - x) ** 6 - 6 * x * (1 - x) ** 5)).toBeLessThan(1e-13);
    }
    const a = createDistribution({ dist: 'beta', alpha: 0.5, beta: 0.5 });
    for (const p of [0.1, 0.5, 0.9]) expect(relativeError(a.quantile(p), Math.sin((Math.PI * p) / 2) ** 2)).toBeLessThan(1e-13);
    expect(a.quantile(0)).toBe(0);
    expect(a.quantile(1)).toBe(1);
  });

  it('triangular and pert', () => {
    const t = createDistribution(ALL.triangular);
    // F(x) = x²/4 on [0, 1], 1 − (4 − x)²/12 on [1, 4].
    expect(t.cdf(1)).toBe(0.25);
    expect(relativeError(t.cdf(2), 1 - 4 / 12)).toBeLessThan(1e-15);
    expect(relativeError(t.quantile(0.25), 1)).toBeLessThan(1e-15);
    expect(t.quantile(0)).toBe(0);
    expect(t.quantile(1)).toBe(4);
    // PERT(0, 1, 4) = 4·Beta(2, 4): F(x) = I_{x/4}(2, 4) = 1 − (1−u)^5 − 5u(1−u)^4 with u = x/4.
    const p = createDistribution(ALL.pert);
    const u = 0.5 / 4;
    expect(relativeError(p.cdf(0.5), 1 - (1 - u) ** 5 - 5 * u * (1 - u) ** 4)).toBeLessThan(1e-13);
    expect(p.quantile(0)).toBe(0);
    expect(p.quantile(1)).toBe(4);
  });

  it('lognormal: the median is e^mu', () => {
    const l = createDistribution({ dist: 'lognormal', mu: 1.5, sigma: 0.7 });
    expect(relativeError(l.cdf(Math.exp(1.5)), 0.5)).toBeLessThan(1e-15);
    expect(relativeError(l.quantile(0.5), Math.exp(1.5))).toBeLessThan(1e-15);
    expect(l.cdf(0)).toBe(0);
    expect(l.cdf(-1)).toBe(0);
    expect(l.quantile(0)).toBe(0);
  });

  it('discrete: step CDFs and generalized inverses', () => {
    const b = createDistribution({ dist: 'bernoulli', p: 0.3 });
    expect([b.cdf(-0.1), b.cdf(0), b.cdf(0.5), b.cdf(1)]).toEqual([0, 0.7, 0.7, 1]);
    expect([b.quantile(0), b.quantile(0.7), b.quantile(0.71), b.quantile(1)]).toEqual([0, 0, 1, 1]);
    expect(createDistribution({ dist: 'bernoulli', p: 1 }).quantile(0)).toBe(1);
    const c = createDistribution({ dist: 'categorical', weights: { zero: 0, a: 1, b: 3 } });
    expect(c.labels).toEqual(['zero', 'a', 'b']);
    expect(c.parameters).toEqual({ zero: 0, a: 0.25, b: 0.75 });
    expect([c.cdf(-1), c.cdf(0), c.cdf(1), c.cdf(1.5), c.cdf(2)]).toEqual([0, 0, 0.25, 0.25, 1]);
    expect([c.quantile(0), c.quantile(0.1), c.quantile(0.25), c.quantile(0.26), c.quantile(1)]).toEqual([1, 1, 1, 2, 2]);
    const k = createDistribution({ dist: 'constant', value: 2 });
    expect([k.cdf(1.9), k.cdf(2), k.quantile(0.3)]).toEqual([0, 1, 2]);
  });

  it.each(Object.entries(ALL).filter(([, s]) => !['constant', 'bernoulli', 'categorical'].includes(s.dist)))(
    '%s: quantile(cdf(x)) = x and cdf(quantile(p)) = p',
    (_n, spec) => {
      const d = createDistribution(spec);
      for (const p of [0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999]) {
        const x = d.quantile(p);
        expect(Math.abs(d.cdf(x) - p)).toBeLessThan(1e-12);
        expect(Math.abs(d.quantile(d.cdf(x)) - x)).toBeLessThan(1e-9 * Math.max(1, Math.abs(x)));
      }
    },
  );

  it('quantile rejects p outside [0, 1]', () => {
    for (const spec of Object.values(ALL)) {
      const d = createDistribution(spec);
      expect(() => d.quantile(1.1)).toThrow(RangeError);
      expect(() => d.quantile(NaN)).toThrow(RangeError);
    }
  });
});

describe('describe()', () => {
  it('gives short human forms', () => {
    const text = (spec: DistSpec) => createDistribution(spec).describe();
    expect(text({ dist: 'beta', alpha: 2, beta: 5 })).toBe('Beta(2, 5)');
    expect(text({ dist: 'normal', mean: 0.3, sd: 0.1, min: 0, max: 1 })).toBe('Normal(0.3, 0.1) on [0, 1]');
    expect(text({ dist: 'normal', mean: 0, sd: 1, min: 0 })).toBe('Normal(0, 1) on [0, ∞)');
    expect(text({ dist: 'normal', p5: 10, p95: 20 })).toBe('Normal(15, 3.04) (p5 10, p95 20)');
    expect(text({ dist: 'lognormal', mu: 0, sigma: 0.5 })).toBe('Lognormal(0, 0.5)');
    expect(text({ dist: 'beta', likelihood: 'likely' })).toBe('Beta(24.92, 11.69) ("likely": 55–80%)');
    expect(text({ dist: 'beta', mean: 0.3, sd: 0.1 })).toBe('Beta(6, 14) (mean 0.3, sd 0.1)');
    expect(text({ dist: 'triangular', min: 0, mode: 1, max: 4 })).toBe('Triangular(0, 1, 4)');
    expect(text({ dist: 'pert', min: 0, mode: 1, max: 4 })).toBe('PERT(0, 1, 4)');
    expect(text({ dist: 'uniform', min: 0, max: 1 })).toBe('Uniform(0, 1)');
    expect(text({ dist: 'bernoulli', p: 0.25 })).toBe('Bernoulli(0.25)');
    expect(text({ dist: 'constant', value: 7 })).toBe('Constant(7)');
    expect(text({ dist: 'categorical', weights: { dmz: 4, pyongyang: 3, hanoi: 3 } })).toBe(
      'Categorical(dmz 0.4, pyongyang 0.3, hanoi 0.3)',
    );
    const many: Record<string, number> = {};
    for (let i = 0; i < 10; i++) many[`s${i}`] = 1;
    expect(text({ dist: 'categorical', weights: many })).toBe('Categorical(s0 0.1, s1 0.1, s2 0.1, s3 0.1, s4 0.1, s5 0.1, ...)');
  });
});
