/**
 * Distributions: spec types and their zod schema, validation into issues, elicitation helpers,
 * the ICD-203 likelihood table, special functions, and resolved distributions with batch
 * samplers that draw only from the stream they are given.
 */
export type {
  DistName,
  DistSpec,
  Distribution,
  SpecDocs,
  ConstantSpec,
  BernoulliSpec,
  UniformSpec,
  NormalSpec,
  NormalPercentileSpec,
  LognormalSpec,
  LognormalPercentileSpec,
  BetaSpec,
  BetaMeanSdSpec,
  BetaLikelihoodSpec,
  TriangularSpec,
  PertSpec,
  CategoricalSpec,
  GammaSpec,
  GammaMeanSdSpec,
  ExponentialSpec,
  ExponentialMeanSpec,
  StudentTSpec,
  LogisticSpec,
  LogisticPercentileSpec,
  PoissonSpec,
  BinomialSpec,
  SamplesSpec,
  MixtureSpec,
  Icd203Term,
} from './types';
export { DIST_NAMES } from './types';
export { distSpecSchema } from './schema';
export { validateDistSpec, parseDistSpec } from './validate';
export { createDistribution } from './create';
export { ICD203_TERMS, ICD203_TERM_NAMES, LIKELIHOOD_BETA, icd203Term, type Icd203Entry } from './likelihood';
export {
  Z_P95,
  LN_19,
  normalFromPercentiles,
  lognormalFromPercentiles,
  betaFromMeanSd,
  betaFromPercentiles,
  gammaFromMeanSd,
  logisticFromPercentiles,
} from './elicit';
export { pertShapes } from './pert';
export { MIN_TRUNCATION_MASS } from './truncation';
export { MAX_FACTOR_VALUE } from './limits';
export {
  normalCdf,
  normalPdf,
  normalQuantile,
  erf,
  erfc,
  logGamma,
  logBeta,
  incompleteBeta,
  incompleteBetaInv,
  incompleteGamma,
  incompleteGammaInv,
} from './special';
export { standardNormal } from './variates';
