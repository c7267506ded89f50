import { betaDistribution } from './beta';
import { bernoulliDistribution } from './bernoulli';
import { categoricalDistribution } from './categorical';
import { constantDistribution } from './constant';
import { binomialDistribution } from './binomial';
import { betaFromMeanSd, gammaFromMeanSd, logisticFromPercentiles, lognormalFromPercentiles, normalFromPercentiles } from './elicit';
import { exponentialDistribution } from './exponential';
import { fmt } from './format';
import { gammaDistribution } from './gamma';
import { ICD203_TERMS, LIKELIHOOD_BETA } from './likelihood';
import { logisticDistribution } from './logistic';
import { lognormalDistribution } from './lognormal';
import { mixtureDistribution } from './mixture';
import { normalDistribution } from './normal';
import { pertDistribution } from './pert';
import { poissonDistribution } from './poisson';
import { samplesDistribution } from './samples';
import { studentTDistribution } from './studentT';
import { triangularDistribution } from './triangular';
import type { Distribution, DistSpec } from './types';
import { uniformDistribution } from './uniform';

/**
 * Resolves a spec that is already valid into a {@link Distribution}, without validating it
 * again: for the engine's column model, whose specs were checked with the scenario (also in
 * worker threads, which then need not load the validator and zod, a third of their start-up).
 * Anything else should call `createDistribution`, which validates first.
 */
export function resolveDistribution(s: DistSpec): Distribution {
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
    case 'gamma': {
      if ('mean' in s) {
        const { shape, scale } = gammaFromMeanSd(s.mean, s.sd);
        return gammaDistribution(s, shape, scale, ` (mean ${fmt(s.mean)}, sd ${fmt(s.sd)})`);
      }
      return gammaDistribution(s, s.shape, s.scale);
    }
    case 'exponential':
      return 'mean' in s ? exponentialDistribution(s, 1 / s.mean, ` (mean ${fmt(s.mean)})`) : exponentialDistribution(s, s.rate);
    case 't':
      return studentTDistribution(s);
    case 'logistic': {
      if ('p5' in s) {
        const { location, scale } = logisticFromPercentiles(s.p5, s.p95);
        return logisticDistribution(s, location, scale, ` (p5 ${fmt(s.p5)}, p95 ${fmt(s.p95)})`);
      }
      return logisticDistribution(s, s.location, s.scale);
    }
    case 'poisson':
      return poissonDistribution(s);
    case 'binomial':
      return binomialDistribution(s);
    case 'samples':
      return samplesDistribution(s);
    case 'mixture':
      return mixtureDistribution(s, s.components.map(resolveDistribution));
    default:
      return assertNever(s);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled distribution spec ${JSON.stringify(x)}`);
}
