import { betaDistribution } from './beta';
import { bernoulliDistribution } from './bernoulli';
import { categoricalDistribution } from './categorical';
import { freezeSpec } from './checks';
import { constantDistribution } from './constant';
import { betaFromMeanSd, lognormalFromPercentiles, normalFromPercentiles } from './elicit';
import { fmt } from './format';
import { ICD203_TERMS, LIKELIHOOD_BETA } from './likelihood';
import { lognormalDistribution } from './lognormal';
import { normalDistribution } from './normal';
import { pertDistribution } from './pert';
import { triangularDistribution } from './triangular';
import type { Distribution, DistSpec } from './types';
import { uniformDistribution } from './uniform';
import { parseDistSpec } from './validate';

/**
 * Validates a spec and resolves it into a {@link Distribution}: elicitation forms become
 * canonical parameters (see `Distribution.parameters`), and the sampler, CDF, quantile and
 * exact moments are prepared once.
 *
 * @param spec - a distribution spec; plain JSON is accepted too (it is validated either way).
 * @throws {@link ScenarioError} listing every problem when the spec is invalid (same issues as
 *   `validateDistSpec(spec, '')`).
 * @example
 * ```ts
 * import { createDistribution, createStream } from 'scenario-odds';
 *
 * const d = createDistribution({ dist: 'beta', likelihood: 'likely' });
 * const out = new Float64Array(1000);
 * d.sample(createStream('42', 0, 'x'), out, out.length);
 * d.describe(); // 'Beta(24.92, 11.69) ("likely": 55–80%)'
 * ```
 */
export function createDistribution(spec: DistSpec): Distribution {
  const s = freezeSpec(parseDistSpec(spec));
  switch (s.dist) {
    case 'constant':
      return constantDistribution(s);
    case 'bernoulli':
      return bernoulliDistribution(s);
    case 'uniform':
      return uniformDistribution(s);
    case 'normal': {
      if ('p5' in s) {
        const { mean, sd } = normalFromPercentiles(s.p5, s.p95);
        return normalDistribution(s, mean, sd, ` (p5 ${fmt(s.p5)}, p95 ${fmt(s.p95)})`);
      }
      return normalDistribution(s, s.mean, s.sd);
    }
    case 'lognormal': {
      if ('p5' in s) {
        const { mu, sigma } = lognormalFromPercentiles(s.p5, s.p95);
        return lognormalDistribution(s, mu, sigma, ` (p5 ${fmt(s.p5)}, p95 ${fmt(s.p95)})`);
      }
      return lognormalDistribution(s, s.mu, s.sigma);
    }
    case 'beta': {
      if ('likelihood' in s) {
        const { alpha, beta } = LIKELIHOOD_BETA[s.likelihood];
        const entry = ICD203_TERMS.find((t) => t.term === s.likelihood);
        const range = entry ? `: ${Math.round(entry.lo * 100)}–${Math.round(entry.hi * 100)}%` : '';
        return betaDistribution(s, alpha, beta, ` ("${s.likelihood}"${range})`);
      }
      if ('mean' in s) {
        const { alpha, beta } = betaFromMeanSd(s.mean, s.sd);
        return betaDistribution(s, alpha, beta, ` (mean ${fmt(s.mean)}, sd ${fmt(s.sd)})`);
      }
      return betaDistribution(s, s.alpha, s.beta);
    }
    case 'triangular':
      return triangularDistribution(s);
    case 'pert':
      return pertDistribution(s);
    case 'categorical':
      return categoricalDistribution(s);
    default:
      return assertNever(s);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled distribution spec ${JSON.stringify(x)}`);
}
