/**
 * Distribution specs (the JSON a scenario author writes) and resolved distributions (what the
 * engine samples). The zod schema in `schema.ts` is the single source of truth for validation
 * and JSON Schema; these hand-written types carry the documentation, and a type test keeps
 * them equal to `z.infer<typeof distSpecSchema>`.
 */
import type { RandomStream } from '../rng';

/** The names accepted in a spec's `dist` field. */
export type DistName =
  | 'constant'
  | 'bernoulli'
  | 'uniform'
  | 'normal'
  | 'lognormal'
  | 'beta'
  | 'triangular'
  | 'pert'
  | 'categorical'
  | 'gamma'
  | 'exponential'
  | 't'
  | 'logistic'
  | 'poisson'
  | 'binomial'
  | 'samples'
  | 'mixture';

/** Every distribution name, in the order used by messages and documentation. */
export const DIST_NAMES: readonly DistName[] = [
  'constant',
  'bernoulli',
  'uniform',
  'normal',
  'lognormal',
  'beta',
  'triangular',
  'pert',
  'categorical',
  'gamma',
  'exponential',
  't',
  'logistic',
  'poisson',
  'binomial',
  'samples',
  'mixture',
];

/** The seven ICD-203 (US Intelligence Community Directive 203) expressions of likelihood. */
export type Icd203Term =
  | 'almost no chance'
  | 'very unlikely'
  | 'unlikely'
  | 'roughly even chance'
  | 'likely'
  | 'very likely'
  | 'almost certain';

/**
 * Optional documentation carried by every spec (repeated in each spec type so that specs stay
 * plain object types, assignable to `Record<string, unknown>`); it never affects sampling.
 */
export type SpecDocs = {
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** A fixed value (no randomness; consumes no random numbers). */
export type ConstantSpec = {
  dist: 'constant';
  /** The value, finite. */
  value: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** 1 with probability `p`, else 0. */
export type BernoulliSpec = {
  dist: 'bernoulli';
  /** Probability of 1, in [0, 1]. */
  p: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Uniform on the open interval (min, max). */
export type UniformSpec = {
  dist: 'uniform';
  /** Lower end, finite. */
  min: number;
  /** Upper end, finite and greater than `min`. */
  max: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Normal by mean and standard deviation, optionally truncated to [min, max]. */
export type NormalSpec = {
  dist: 'normal';
  /** Mean of the (untruncated) normal. */
  mean: number;
  /** Standard deviation of the (untruncated) normal, > 0. */
  sd: number;
  /** Truncate below (default: no lower bound). */
  min?: number;
  /** Truncate above (default: no upper bound); greater than `min`. */
  max?: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * Normal elicited from a 90% interval: `p5` and `p95` are the 5th and 95th percentiles of the
 * untruncated normal, so mean = (p5 + p95) / 2 and sd = (p95 − p5) / (2 · 1.6448536269514722).
 * With `min`/`max` the normal is then truncated (the percentiles refer to the normal before
 * truncation).
 */
export type NormalPercentileSpec = {
  dist: 'normal';
  /** 5th percentile. */
  p5: number;
  /** 95th percentile, greater than `p5`. */
  p95: number;
  /** Truncate below (default: no lower bound). */
  min?: number;
  /** Truncate above (default: no upper bound); greater than `min`. */
  max?: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Lognormal: exp of Normal(mu, sigma). */
export type LognormalSpec = {
  dist: 'lognormal';
  /** Mean of the logarithm. */
  mu: number;
  /** Standard deviation of the logarithm, > 0. */
  sigma: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * Lognormal elicited from a 90% interval: mu = (ln p5 + ln p95) / 2,
 * sigma = (ln p95 − ln p5) / (2 · 1.6448536269514722).
 */
export type LognormalPercentileSpec = {
  dist: 'lognormal';
  /** 5th percentile, > 0. */
  p5: number;
  /** 95th percentile, greater than `p5`. */
  p95: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Beta by its shape parameters. */
export type BetaSpec = {
  dist: 'beta';
  /** First shape, > 0. */
  alpha: number;
  /** Second shape, > 0. */
  beta: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * Beta by mean and standard deviation (method of moments): with
 * k = mean(1 − mean)/sd² − 1, alpha = mean · k and beta = (1 − mean) · k.
 */
export type BetaMeanSdSpec = {
  dist: 'beta';
  /** Mean, strictly between 0 and 1. */
  mean: number;
  /** Standard deviation, > 0 and below sqrt(mean(1 − mean)). */
  sd: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * Beta for an ICD-203 expression of likelihood: the Beta whose 5th and 95th percentiles are
 * the ends of the phrase's range (see `ICD203_TERMS` and `LIKELIHOOD_BETA`).
 */
export type BetaLikelihoodSpec = {
  dist: 'beta';
  /** One of the seven ICD-203 phrases, e.g. "likely" (55–80%). */
  likelihood: Icd203Term;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Triangular on [min, max] with peak at `mode`. */
export type TriangularSpec = {
  dist: 'triangular';
  /** Lower end. */
  min: number;
  /** Most likely value, min <= mode <= max. */
  mode: number;
  /** Upper end, greater than `min`. */
  max: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * PERT on [min, max] with mode `mode`: min + (max − min) · Beta(alpha, beta) with the standard
 * lambda = 4 shapes alpha = 1 + 4(mode − min)/(max − min), beta = 1 + 4(max − mode)/(max − min),
 * so the mean is (min + 4·mode + max) / 6.
 */
export type PertSpec = {
  dist: 'pert';
  /** Lower end. */
  min: number;
  /** Most likely value, min <= mode <= max. */
  mode: number;
  /** Upper end, greater than `min`. */
  max: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * One of k labelled outcomes, drawn with probability proportional to its weight. The sampled
 * value is the label's index 0..k−1 in the object's key order (JavaScript order: integer-like
 * keys such as "2" come first, ascending, then the others in insertion order).
 */
export type CategoricalSpec = {
  dist: 'categorical';
  /** Label → weight; weights >= 0 with a positive sum (they need not sum to 1). */
  weights: Record<string, number>;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Gamma by shape and scale: density ∝ x^(shape−1)·e^(−x/scale) on (0, ∞); mean shape·scale. */
export type GammaSpec = {
  dist: 'gamma';
  /** Shape, > 0 and at most 1e9 (0.05 is fine: most of the mass then sits very near 0). */
  shape: number;
  /** Scale, > 0. */
  scale: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * Gamma by mean and standard deviation (method of moments): shape = mean²/sd²,
 * scale = sd²/mean.
 */
export type GammaMeanSdSpec = {
  dist: 'gamma';
  /** Mean, > 0. */
  mean: number;
  /** Standard deviation, > 0. */
  sd: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Exponential by its rate: the waiting time of events at `rate` per unit; mean 1/rate. */
export type ExponentialSpec = {
  dist: 'exponential';
  /** Events per unit of the value, > 0. */
  rate: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Exponential by its mean (rate = 1/mean). */
export type ExponentialMeanSpec = {
  dist: 'exponential';
  /** Mean waiting time, > 0. */
  mean: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * Student t: location + scale·T for T ~ t(df). Heavier tails than the normal, the more so the
 * smaller df; df = 1 is the Cauchy distribution, which has no mean.
 */
export type StudentTSpec = {
  dist: 't';
  /** Degrees of freedom, > 0 and at most 1e9 (1: Cauchy; large: close to a normal). */
  df: number;
  /** Centre (the median, and the mean when df > 1); default 0. */
  location?: number;
  /** Scale, > 0; default 1. */
  scale?: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Logistic by location and scale: CDF 1/(1 + e^(−(x − location)/scale)). */
export type LogisticSpec = {
  dist: 'logistic';
  /** Centre: mean, median and mode. */
  location: number;
  /** Scale, > 0 (the sd is scale·π/√3). */
  scale: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * Logistic elicited from a 90% interval: location = (p5 + p95)/2,
 * scale = (p95 − p5)/(2·ln 19).
 */
export type LogisticPercentileSpec = {
  dist: 'logistic';
  /** 5th percentile. */
  p5: number;
  /** 95th percentile, greater than `p5`. */
  p95: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Poisson: the number of events in a period when they arrive independently at mean `lambda`. */
export type PoissonSpec = {
  dist: 'poisson';
  /** Mean count, > 0 and at most 1e9. */
  lambda: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Binomial: the number of successes in `n` independent trials of probability `p`. */
export type BinomialSpec = {
  dist: 'binomial';
  /** Number of trials, a whole number from 1 to 1e9. */
  n: number;
  /** Probability of success of each trial, in [0, 1]. */
  p: number;
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * The empirical distribution of data: each draw is one of `values`, each with probability
 * 1/count (repeated values count as often as they appear).
 */
export type SamplesSpec = {
  dist: 'samples';
  /** The data: 1 to 1,000,000 finite numbers within ±1e100. */
  values: number[];
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/**
 * A mixture: with probability proportional to `weights[i]`, a draw from `components[i]`.
 * Components are any specs, mixtures included (nested at most 3 deep).
 */
export type MixtureSpec = {
  dist: 'mixture';
  /** The component distributions, 1 to 100 of them. */
  components: DistSpec[];
  /** One weight per component, >= 0 with a positive sum (normalized; they need not sum to 1). */
  weights: number[];
  /** Short human name shown in reports instead of the factor's key. */
  label?: string;
  /** What the quantity means and why this distribution was chosen. */
  description?: string;
  /** Where the numbers come from (a citation, a URL, "analyst judgement"). */
  source?: string;
};

/** Any distribution spec, tagged by `dist`. */
export type DistSpec =
  | ConstantSpec
  | BernoulliSpec
  | UniformSpec
  | NormalSpec
  | NormalPercentileSpec
  | LognormalSpec
  | LognormalPercentileSpec
  | BetaSpec
  | BetaMeanSdSpec
  | BetaLikelihoodSpec
  | TriangularSpec
  | PertSpec
  | CategoricalSpec
  | GammaSpec
  | GammaMeanSdSpec
  | ExponentialSpec
  | ExponentialMeanSpec
  | StudentTSpec
  | LogisticSpec
  | LogisticPercentileSpec
  | PoissonSpec
  | BinomialSpec
  | SamplesSpec
  | MixtureSpec;

/**
 * A validated, resolved distribution: exact moments, CDF, quantile and a batch sampler.
 *
 * Sampler contract (the engine's bit-reproducibility rests on it): every random number comes
 * from the stream argument, values are produced in order, and nothing is kept between calls,
 * so filling 1000 values at once equals two calls of 500 on the same stream.
 */
export interface Distribution {
  /** The spec as given (validated; frozen). */
  readonly spec: DistSpec;
  /** The distribution family. */
  readonly name: DistName;
  /**
   * Canonical parameters after resolving elicitation forms: constant {value}, bernoulli {p},
   * uniform {min, max}, normal {mean, sd} (+ {min, max} when truncated), lognormal {mu, sigma},
   * beta {alpha, beta}, triangular {min, mode, max}, pert {min, mode, max, alpha, beta},
   * categorical {label: probability} (normalized weights), gamma {shape, scale}, exponential
   * {rate}, t {df, location, scale}, logistic {location, scale}, poisson {lambda}, binomial
   * {n, p}, samples {count}, mixture {w0, w1, ...} (normalized weights, in component order).
   */
  readonly parameters: Readonly<Record<string, number>>;
  /** Categorical only: the labels, index i being the sampled value i. */
  readonly labels?: readonly string[];
  /**
   * Exact mean (for categorical: of the sampled index); undefined where it does not exist: a
   * Student t with df <= 1, and a mixture with such a component.
   */
  readonly mean: number | undefined;
  /**
   * Exact variance; undefined where it is infinite or does not exist: a Student t with df <= 2,
   * and a mixture with such a component.
   */
  readonly variance: number | undefined;
  /**
   * Fills `out[0..n)` with independent draws from `stream`.
   *
   * @throws RangeError if `n` is not an integer in [0, out.length].
   */
  sample(stream: RandomStream, out: Float64Array, n: number): void;
  /** P(X <= x). */
  cdf(x: number): number;
  /**
   * The p-quantile inf{x : cdf(x) >= p}; `quantile(0)` and `quantile(1)` are the ends of the
   * support (possibly infinite).
   *
   * @throws RangeError if p is not in [0, 1].
   */
  quantile(p: number): number;
  /** Short human form for reports, e.g. "Beta(2, 5)" or "Normal(0.3, 0.1) on [0, 1]". */
  describe(): string;
}
