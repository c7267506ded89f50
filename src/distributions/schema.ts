/**
 * The zod schema for distribution specs: the one source of truth for validation (through
 * `validateDistSpec`) and for the JSON Schema the CLI emits with `z.toJSONSchema`. Numeric
 * constraints on single fields are zod checks (so they appear in the JSON Schema, e.g.
 * `exclusiveMinimum`); cross-field rules are refinements whose issue path names the offending
 * field.
 */
import * as z from 'zod/mini';
import { fmt, showInterval, showValue } from './format';
import { ICD203_TERM_NAMES, ICD203_TERMS } from './likelihood';
import { betaFromMeanSd, gammaFromMeanSd, logisticFromPercentiles, lognormalFromPercentiles, normalFromPercentiles } from './elicit';
import {
  MAX_EXACT_CDF_SCALE,
  MAX_FACTOR_TEXT,
  MAX_FACTOR_VALUE,
  MAX_LOG_FACTOR_VALUE,
  MAX_MIXTURE_COMPONENTS,
  MAX_SAMPLE_VALUES,
  MAX_STUDENT_DF,
  NORMAL_REACH,
  UNIFORM_LOG_REACH,
} from './limits';
import { MIN_TRUNCATION_MASS, truncatedMass } from './truncation';
import type { DistName, DistSpec } from './types';
import { gammaLogRange } from './variates';
import { exp, log } from '../math/index';

// ---------------------------------------------------------------------------------------------
// Field builders. Every number is a finite number: zod 4's z.number() already rejects NaN and
// ±Infinity; strings such as "NaN" are a type error.

function num(field: string, description: string) {
  return z
    .number({ error: (iss) => `${field} must be a finite number (got ${showValue(iss.input)})` })
    .check(z.describe(description));
}

function positive(field: string, description: string) {
  return num(field, description).check(z.gt(0, {
    error: (iss) => `${field} must be greater than 0 (got ${showValue(iss.input)})`,
  }));
}

/** Why factor values must stay within ±1e100, as messages end. */
const OVERFLOW = "larger factor values would overflow the run's sums";

/** A value a sample can take (a location, a bound): within ±1e100, see `MAX_FACTOR_VALUE`. */
function bounded(field: string, description: string) {
  const msg = (iss: { input?: unknown }) => `${field} must be within ±${MAX_FACTOR_TEXT} (got ${showValue(iss.input)}): ${OVERFLOW}`;
  return num(field, description).check(z.gte(-MAX_FACTOR_VALUE, { error: msg })).check(z.lte(MAX_FACTOR_VALUE, { error: msg }));
}

/** A positive number at most 1e100 (Beta shapes, lognormal percentiles). */
function positiveBounded(field: string, description: string, why: string) {
  return positive(field, description).check(z.lte(MAX_FACTOR_VALUE, {
    error: (iss) => `${field} must be at most ${MAX_FACTOR_TEXT} (got ${showValue(iss.input)}): ${why}`,
  }));
}

function probability(field: string, description: string) {
  const msg = (iss: { input?: unknown }) => `${field} must be between 0 and 1 (got ${showValue(iss.input)})`;
  return num(field, description).check(z.gte(0, { error: msg })).check(z.lte(1, { error: msg }));
}

function openUnit(field: string, description: string) {
  const msg = (iss: { input?: unknown }) => `${field} must be strictly between 0 and 1 (got ${showValue(iss.input)})`;
  return num(field, description).check(z.gt(0, { error: msg })).check(z.lt(1, { error: msg }));
}

const docFields = {
  label: z.optional(z.string().check(z.describe('Short human name shown in reports.'))),
  description: z.optional(z.string().check(z.describe('What the quantity means and why this distribution.'))),
  source: z.optional(z.string().check(z.describe('Where the numbers come from.'))),
};

function tag<N extends DistName>(name: N) {
  return z.literal(name).check(z.describe('Distribution family.'));
}

// ---------------------------------------------------------------------------------------------
// Cross-field rules. Refinements also run when a field already failed (zod reports every
// issue at once), so each rule first checks that the fields it reads are usable numbers.

type Ctx = z.core.$RefinementCtx;

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function requireOrdered(ctx: Ctx, v: Record<string, unknown>, low: string, high: string): boolean {
  const a = v[low];
  const b = v[high];
  // Values beyond ±1e100 have their own issue (every ordered pair is bounded), and within it
  // high - low cannot overflow.
  if (!isNum(a) || !isNum(b) || Math.abs(a) > MAX_FACTOR_VALUE || Math.abs(b) > MAX_FACTOR_VALUE) return false;
  if (!(b > a)) {
    ctx.addIssue({ code: 'custom', path: [high], message: `${high} (${b}) must be greater than ${low} (${a})` });
    return false;
  }
  return true;
}

function requireMode(ctx: Ctx, v: Record<string, unknown>): void {
  if (!requireOrdered(ctx, v, 'min', 'max')) return;
  const { min, mode, max } = v as { min: number; mode: unknown; max: number };
  if (isNum(mode) && Math.abs(mode) <= MAX_FACTOR_VALUE && !(mode >= min && mode <= max)) {
    ctx.addIssue({ code: 'custom', path: ['mode'], message: `mode (${mode}) must be between min (${min}) and max (${max})` });
  }
}

/** Weights (already checked one by one) must have a positive, finite sum. */
function requirePositiveSum(ctx: Ctx, values: readonly unknown[]): void {
  if (!values.every((x) => isNum(x) && x >= 0)) return;
  const total = (values as number[]).reduce((s, x) => s + x, 0);
  if (!(total > 0)) {
    ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights must not all be 0 (their sum must be positive)' });
  } else if (!Number.isFinite(total)) {
    ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights sum to more than the largest number; scale them down' });
  }
}

/** Checks the truncation interval; true when the rest of the checks may go on. */
function requireTruncation(ctx: Ctx, v: Record<string, unknown>, mean: number, sd: number): boolean {
  const min = v.min;
  const max = v.max;
  if (min === undefined && max === undefined) return true;
  // A bound that is not a number, or beyond ±1e100, already has its own issue.
  const usable = (b: unknown) => b === undefined || (isNum(b) && Math.abs(b) <= MAX_FACTOR_VALUE);
  if (!usable(min) || !usable(max)) return false;
  if (min !== undefined && max !== undefined && !requireOrdered(ctx, v, 'min', 'max')) return false;
  const lo = (min as number | undefined) ?? -Infinity;
  const hi = (max as number | undefined) ?? Infinity;
  const mass = truncatedMass(mean, sd, lo, hi);
  if (!(mass > MIN_TRUNCATION_MASS)) {
    // Point at the bound that cuts the mass away: min when the interval lies above the mean.
    const path = min !== undefined && (max === undefined || lo > mean) ? 'min' : 'max';
    ctx.addIssue({
      code: 'custom',
      path: [path],
      message:
        // A mass that underflows or cancels to 0 would print as "0.00", which reads like a rounding.
        `truncation to ${showInterval(lo, hi)} keeps ${mass > 0 ? `only ${mass.toPrecision(3)}` : 'almost none'} of the probability of ` +
        `Normal(${fmt(mean)}, ${fmt(sd)}); it must keep more than ${MIN_TRUNCATION_MASS}`,
    });
    return false;
  }
  return true;
}

/** Largest magnitude of |mu| + 13·sigma a lognormal may have, as printed. */
const LOG_LIMIT_TEXT = String(MAX_LOG_FACTOR_VALUE);
/** Where a lognormal's samples must stay, as printed. */
const LOG_RANGE_TEXT = `e^-${LOG_LIMIT_TEXT} and e^${LOG_LIMIT_TEXT} (about 1e-100 and ${MAX_FACTOR_TEXT})`;

/** How a location family's samples spread: the names in messages and how many scales they reach. */
interface Reach {
  readonly centre: string;
  readonly spread: string;
  readonly times: number;
}

/** A normal's samples lie within mean ± 13·sd ({@link NORMAL_REACH}). */
const NORMAL_SPREAD: Reach = { centre: 'mean', spread: 'sd', times: NORMAL_REACH };
/** A logistic's samples, inverted from 53-bit uniforms, within location ± 37·scale. */
const LOGISTIC_SPREAD: Reach = { centre: 'location', spread: 'scale', times: UNIFORM_LOG_REACH };

/**
 * A location family's samples, centre ± times·spread (clipped to a normal's truncation
 * interval), must stay within ±1e100. `fields` names what the user wrote: the spread, or the
 * percentile bounding the side that overflows.
 */
function requireReach(ctx: Ctx, v: Record<string, unknown>, centre: number, spread: number, fields: { low: string; high: string; written: string }, r: Reach = NORMAL_SPREAD): void {
  if (!(Math.abs(centre) <= MAX_FACTOR_VALUE)) return;
  const lo = isNum(v.min) ? v.min : -Infinity;
  const hi = isNum(v.max) ? v.max : Infinity;
  const reachLo = Math.max(lo, centre - r.times * spread);
  const reachHi = Math.min(hi, centre + r.times * spread);
  if (reachLo >= -MAX_FACTOR_VALUE && reachHi <= MAX_FACTOR_VALUE) return;
  ctx.addIssue({
    code: 'custom',
    path: [reachHi > MAX_FACTOR_VALUE ? fields.high : fields.low],
    message:
      `${fields.written} is too wide: samples reach ${r.centre} ± ${r.times}·${r.spread} = ${showInterval(reachLo, reachHi)} (${r.centre} ${fmt(centre)}, ${r.spread} ${fmt(spread)}), ` +
      `which must stay within ±${MAX_FACTOR_TEXT}: ${OVERFLOW}`,
  });
}

/**
 * A lognormal's samples, e^(mu ± 13·sigma), must stay between 1e-100 and 1e100: beyond e^709.8
 * they are +Infinity, and far before that their squares overflow the run's sums.
 */
function requireLognormalReach(ctx: Ctx, mu: number, sigma: number, path: string, written: string): void {
  const reach = Math.abs(mu) + NORMAL_REACH * sigma;
  if (reach <= MAX_LOG_FACTOR_VALUE) return;
  ctx.addIssue({
    code: 'custom',
    path: [path],
    message:
      `${written} is too wide: samples reach e^(|mu| + ${NORMAL_REACH}·sigma) = e^${fmt(reach)} (mu ${fmt(mu)}, sigma ${fmt(sigma)}); ` +
      `|mu| + ${NORMAL_REACH}·sigma must be at most ${LOG_LIMIT_TEXT} so that samples stay between ${LOG_RANGE_TEXT}`,
  });
}

// ---------------------------------------------------------------------------------------------
// One strict object per form.

const truncationFields = {
  min: z.optional(bounded('min', 'Truncate below (default: no lower bound).')),
  max: z.optional(bounded('max', 'Truncate above (default: no upper bound).')),
};

/** `{dist: "constant", value}`. */
export const constantSpecSchema = z
  .strictObject({ dist: tag('constant'), value: bounded('value', 'The fixed value.'), ...docFields })
  .check(z.describe('A fixed value.'));

/** `{dist: "bernoulli", p}`. */
export const bernoulliSpecSchema = z
  .strictObject({ dist: tag('bernoulli'), p: probability('p', 'Probability of 1, in [0, 1].'), ...docFields })
  .check(z.describe('1 with probability p, else 0.'));

/** `{dist: "uniform", min, max}`. */
export const uniformSpecSchema = z
  .strictObject({
    dist: tag('uniform'),
    min: bounded('min', 'Lower end.'),
    max: bounded('max', 'Upper end, greater than min.'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => void requireOrdered(ctx, v, 'min', 'max')))
  .check(z.describe('Uniform between min and max.'));

/** `{dist: "normal", mean, sd, min?, max?}`. */
export const normalSpecSchema = z
  .strictObject({
    dist: tag('normal'),
    mean: bounded('mean', 'Mean (before truncation).'),
    sd: positive('sd', 'Standard deviation (before truncation), > 0.'),
    ...truncationFields,
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (!(isNum(v.mean) && Math.abs(v.mean) <= MAX_FACTOR_VALUE && isNum(v.sd) && v.sd > 0)) return;
    if (requireTruncation(ctx, v, v.mean, v.sd)) requireReach(ctx, v, v.mean, v.sd, { low: 'sd', high: 'sd', written: `sd (${v.sd})` });
  }))
  .check(z.describe('Normal by mean and sd, optionally truncated to [min, max].'));

/** `{dist: "normal", p5, p95, min?, max?}`. */
export const normalPercentileSpecSchema = z
  .strictObject({
    dist: tag('normal'),
    p5: bounded('p5', '5th percentile (of the normal before truncation).'),
    p95: bounded('p95', '95th percentile, greater than p5.'),
    ...truncationFields,
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (!requireOrdered(ctx, v, 'p5', 'p95')) return;
    const { mean, sd } = normalFromPercentiles(v.p5, v.p95);
    if (!(sd > 0)) {
      ctx.addIssue({ code: 'custom', path: ['p95'], message: `p95 (${v.p95}) is too close to p5 (${v.p5})` });
      return;
    }
    if (requireTruncation(ctx, v, mean, sd)) requireReach(ctx, v, mean, sd, { low: 'p5', high: 'p95', written: `[p5, p95] = [${v.p5}, ${v.p95}]` });
  }))
  .check(z.describe('Normal elicited from a 90% interval [p5, p95], optionally truncated to [min, max].'));

function muMessage(iss: { input?: unknown }): string {
  const got = showValue(iss.input);
  const overflow = typeof iss.input === 'number' && iss.input > 709.78 ? `; e^${got} is +Infinity` : '';
  return `mu must be within ±${LOG_LIMIT_TEXT} (got ${got}): samples are e^(mu + sigma·z) and must stay between ${LOG_RANGE_TEXT}${overflow}`;
}

/** `{dist: "lognormal", mu, sigma}`. */
export const lognormalSpecSchema = z
  .strictObject({
    dist: tag('lognormal'),
    mu: num('mu', 'Mean of the logarithm.').check(z.gte(-MAX_LOG_FACTOR_VALUE, { error: muMessage })).check(z.lte(MAX_LOG_FACTOR_VALUE, { error: muMessage })),
    sigma: positive('sigma', 'Standard deviation of the logarithm, > 0.'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (isNum(v.mu) && Math.abs(v.mu) <= MAX_LOG_FACTOR_VALUE && isNum(v.sigma) && v.sigma > 0) {
      requireLognormalReach(ctx, v.mu, v.sigma, 'sigma', `sigma (${v.sigma})`);
    }
  }))
  .check(z.describe('Lognormal: exp(Normal(mu, sigma)).'));

/** `{dist: "lognormal", p5, p95}`. */
export const lognormalPercentileSpecSchema = z
  .strictObject({
    dist: tag('lognormal'),
    p5: positiveBounded('p5', '5th percentile, > 0.', OVERFLOW),
    p95: positiveBounded('p95', '95th percentile, greater than p5.', OVERFLOW),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (!(isNum(v.p5) && v.p5 > 0 && v.p5 <= MAX_FACTOR_VALUE && isNum(v.p95) && v.p95 > 0 && v.p95 <= MAX_FACTOR_VALUE)) return;
    if (!requireOrdered(ctx, v, 'p5', 'p95')) return;
    const { mu, sigma } = lognormalFromPercentiles(v.p5, v.p95);
    if (!(sigma > 0)) {
      ctx.addIssue({ code: 'custom', path: ['p95'], message: `p95 (${v.p95}) is too close to p5 (${v.p5})` });
      return;
    }
    // The percentile farther from 1 (in log terms) is the one stretching the tails.
    const path = Math.abs(log(v.p5)) > Math.abs(log(v.p95)) ? 'p5' : 'p95';
    requireLognormalReach(ctx, mu, sigma, path, `[p5, p95] = [${v.p5}, ${v.p95}]`);
  }))
  .check(z.describe('Lognormal elicited from a 90% interval [p5, p95].'));

/** `{dist: "beta", alpha, beta}`. */
export const betaSpecSchema = z
  .strictObject({
    dist: tag('beta'),
    alpha: positiveBounded('alpha', 'First shape, > 0.', 'larger shapes make the sampler\'s gamma variates overflow'),
    beta: positiveBounded('beta', 'Second shape, > 0.', 'larger shapes make the sampler\'s gamma variates overflow'),
    ...docFields,
  })
  .check(z.describe('Beta by its shapes.'));

/** `{dist: "beta", mean, sd}`. */
export const betaMeanSdSpecSchema = z
  .strictObject({
    dist: tag('beta'),
    mean: openUnit('mean', 'Mean, strictly between 0 and 1.'),
    sd: positive('sd', 'Standard deviation, > 0 and below sqrt(mean(1 - mean)).'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (!(isNum(v.mean) && v.mean > 0 && v.mean < 1 && isNum(v.sd) && v.sd > 0)) return;
    const limit = Math.sqrt(v.mean * (1 - v.mean));
    if (!(v.sd * v.sd < v.mean * (1 - v.mean))) {
      ctx.addIssue({
        code: 'custom',
        path: ['sd'],
        message: `sd (${v.sd}) is too large for a Beta with mean ${v.mean}: it must be below sqrt(mean(1 - mean)) = ${fmt(limit)}`,
      });
      return;
    }
    const { alpha, beta } = betaFromMeanSd(v.mean, v.sd);
    if (!(alpha <= MAX_FACTOR_VALUE && beta <= MAX_FACTOR_VALUE)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sd'],
        message: `sd (${v.sd}) is too small for a Beta with mean ${v.mean}: its shapes would exceed ${MAX_FACTOR_TEXT} and the sampler would give NaN; for a fixed value use {"dist": "constant"}`,
      });
    }
  }))
  .check(z.describe('Beta by mean and standard deviation (method of moments).'));

/** `{dist: "beta", likelihood}`. */
export const betaLikelihoodSpecSchema = z
  .strictObject({
    dist: tag('beta'),
    likelihood: z
      .enum(ICD203_TERM_NAMES, {
        error: (iss) =>
          `likelihood must be one of the ICD-203 phrases ${ICD203_TERMS.map((t) => `"${t.term}"`).join(', ')} (got ${showValue(iss.input)})`,
      })
      .check(z.describe('ICD-203 phrase; the Beta has its 5th and 95th percentiles at the ends of the phrase\'s range.')),
    ...docFields,
  })
  .check(z.describe('Beta for an ICD-203 expression of likelihood.'));

/** `{dist: "triangular", min, mode, max}`. */
export const triangularSpecSchema = z
  .strictObject({
    dist: tag('triangular'),
    min: bounded('min', 'Lower end.'),
    mode: bounded('mode', 'Most likely value, between min and max.'),
    max: bounded('max', 'Upper end, greater than min.'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => requireMode(ctx, v)))
  .check(z.describe('Triangular on [min, max] peaking at mode.'));

/** `{dist: "pert", min, mode, max}`. */
export const pertSpecSchema = z
  .strictObject({
    dist: tag('pert'),
    min: bounded('min', 'Lower end.'),
    mode: bounded('mode', 'Most likely value, between min and max.'),
    max: bounded('max', 'Upper end, greater than min.'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => requireMode(ctx, v)))
  .check(z.describe('PERT (lambda = 4) on [min, max] with mode: a scaled Beta.'));

/** `{dist: "categorical", weights}`. */
export const categoricalSpecSchema = z
  .strictObject({
    dist: tag('categorical'),
    weights: z
      .record(
        z.string(),
        num('weight', 'Weight of this label, >= 0.').check(z.gte(0, {
          error: (iss) => `weight must be at least 0 (got ${showValue(iss.input)})`,
        })),
        { error: (iss) => `weights must be an object of label: weight (got ${showValue(iss.input)})` },
      )
      .check(z.describe('Label -> weight (>= 0, positive sum; normalized). The sampled value is the label\'s index in key order.')),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    const w: unknown = v.weights;
    if (typeof w !== 'object' || w === null || Array.isArray(w)) return;
    const values = Object.values(w as Record<string, unknown>);
    if (values.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights must list at least one label' });
      return;
    }
    requirePositiveSum(ctx, values);
  }))
  .check(z.describe('One of several labelled outcomes, sampled as the label\'s index.'));

// ---------------------------------------------------------------------------------------------
// Gamma, exponential, Student t, logistic: reach checks in logarithms, since the bounds of
// heavy-tailed samplers overflow long before they are refused.

/** ln 1e100: the log of the largest factor value. */
const LOG_MAX_FACTOR_VALUE = log(MAX_FACTOR_VALUE);

/** A positive magnitude given by its logarithm, readably: "4.2e+95", or "1e312" beyond doubles. */
function showMagnitude(lnValue: number): string {
  return lnValue < 700 ? fmt(Number(exp(lnValue).toPrecision(3))) : `1e${Math.round(lnValue / Math.LN10)}`;
}

/** The limit 1e9 (gamma shape, Poisson mean, binomial size, t degrees of freedom), as printed. */
const TEXT_1E9 = '1e9';

function shapeMessage(iss: { input?: unknown }): string {
  return (
    `shape must be at most ${TEXT_1E9} (got ${showValue(iss.input)}): the exact CDF takes O(√shape) steps, ` +
    'and such a gamma is a normal with mean shape·scale and sd √shape·scale to 5 digits; use {"dist": "normal"}'
  );
}

/**
 * A gamma's samples, scale·G for the largest G its sampler can return (see `gammaLogRange`),
 * must stay within 1e100.
 */
function requireGammaReach(ctx: Ctx, shape: number, scale: number, path: string, written: string): void {
  const lnReach = log(scale) + gammaLogRange(shape).hi;
  if (lnReach <= LOG_MAX_FACTOR_VALUE) return;
  ctx.addIssue({
    code: 'custom',
    path: [path],
    message:
      `${written} is too large: samples of Gamma(${fmt(shape)}, ${fmt(scale)}) reach ${showMagnitude(lnReach)}, ` +
      `which must stay within ${MAX_FACTOR_TEXT}: ${OVERFLOW}`,
  });
}

/** `{dist: "gamma", shape, scale}`. */
export const gammaSpecSchema = z
  .strictObject({
    dist: tag('gamma'),
    shape: positive('shape', 'Shape, > 0 and at most 1e9.').check(z.lte(MAX_EXACT_CDF_SCALE, { error: shapeMessage })),
    scale: positive('scale', 'Scale, > 0; the mean is shape·scale.'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (isNum(v.shape) && v.shape > 0 && v.shape <= MAX_EXACT_CDF_SCALE && isNum(v.scale) && v.scale > 0) {
      requireGammaReach(ctx, v.shape, v.scale, 'scale', `scale (${v.scale})`);
    }
  }))
  .check(z.describe('Gamma by shape and scale.'));

/** `{dist: "gamma", mean, sd}`. */
export const gammaMeanSdSpecSchema = z
  .strictObject({
    dist: tag('gamma'),
    mean: positiveBounded('mean', 'Mean, > 0.', OVERFLOW),
    sd: positive('sd', 'Standard deviation, > 0.'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (!(isNum(v.mean) && v.mean > 0 && v.mean <= MAX_FACTOR_VALUE && isNum(v.sd) && v.sd > 0)) return;
    const { shape, scale } = gammaFromMeanSd(v.mean, v.sd);
    const written = `sd (${v.sd})`;
    if (!(shape > 0)) {
      ctx.addIssue({ code: 'custom', path: ['sd'], message: `${written} is too large for a gamma with mean ${v.mean}: its shape mean²/sd² underflows to 0` });
    } else if (!(shape <= MAX_EXACT_CDF_SCALE)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sd'],
        message:
          `${written} is too small for a gamma with mean ${v.mean}: its shape mean²/sd² = ${fmt(shape)} would exceed ${TEXT_1E9}, ` +
          'where the gamma is a normal to 5 digits; use {"dist": "normal"}',
      });
    } else requireGammaReach(ctx, shape, scale, 'sd', written);
  }))
  .check(z.describe('Gamma by mean and standard deviation (method of moments).'));

/**
 * An exponential's samples, at most 37 means (`UNIFORM_LOG_REACH`), must stay within 1e100.
 * `written` says which way the written parameter is off ("rate (1e-100) is too small").
 */
function requireExponentialReach(ctx: Ctx, mean: number, path: string, written: string, reachText: string): void {
  const reach = UNIFORM_LOG_REACH * mean;
  if (reach <= MAX_FACTOR_VALUE) return;
  ctx.addIssue({
    code: 'custom',
    path: [path],
    message: `${written}: samples reach ${reachText} = ${fmt(reach)}, which must stay within ${MAX_FACTOR_TEXT}: ${OVERFLOW}`,
  });
}

/** `{dist: "exponential", rate}`. */
export const exponentialSpecSchema = z
  .strictObject({ dist: tag('exponential'), rate: positive('rate', 'Events per unit, > 0; the mean is 1/rate.'), ...docFields })
  .check(z.superRefine((v, ctx) => {
    if (isNum(v.rate) && v.rate > 0) requireExponentialReach(ctx, 1 / v.rate, 'rate', `rate (${v.rate}) is too small`, `${UNIFORM_LOG_REACH}/rate`);
  }))
  .check(z.describe('Exponential by its rate.'));

/** `{dist: "exponential", mean}`. */
export const exponentialMeanSpecSchema = z
  .strictObject({ dist: tag('exponential'), mean: positive('mean', 'Mean, > 0.'), ...docFields })
  .check(z.superRefine((v, ctx) => {
    if (isNum(v.mean) && v.mean > 0) requireExponentialReach(ctx, v.mean, 'mean', `mean (${v.mean}) is too large`, `${UNIFORM_LOG_REACH}·mean`);
  }))
  .check(z.describe('Exponential by its mean.'));

/**
 * A Student t's samples, location ± scale·|Z|/√(G/(df/2)) with |Z| <= 13 and G at least the
 * gamma sampler's smallest variate (`gammaLogRange`), must stay within ±1e100. Small df gives
 * the heavy tails: below about 0.19 even scale 1 can reach past 1e100.
 */
function requireStudentTReach(ctx: Ctx, v: Record<string, unknown>, df: number, location: number, scale: number): void {
  const lnT = log(NORMAL_REACH) + 0.5 * (log(df / 2) - gammaLogRange(df / 2).lo);
  const lnSpread = log(scale) + lnT;
  if (Math.abs(location) + exp(lnSpread) <= MAX_FACTOR_VALUE) return;
  const path = lnT > LOG_MAX_FACTOR_VALUE || v.scale === undefined ? 'df' : 'scale';
  ctx.addIssue({
    code: 'custom',
    path: [path],
    message:
      `${path} (${path === 'df' ? df : scale}) makes the tails too heavy: samples of this t reach location ± ${showMagnitude(lnSpread)} ` +
      `(df ${fmt(df)}, location ${fmt(location)}, scale ${fmt(scale)}), which must stay within ±${MAX_FACTOR_TEXT}: ${OVERFLOW}`,
  });
}

/** `{dist: "t", df, location?, scale?}`. */
export const studentTSpecSchema = z
  .strictObject({
    dist: tag('t'),
    df: positive('df', 'Degrees of freedom, > 0 and at most 1e9 (1: Cauchy; large: close to a normal).').check(z.lte(MAX_STUDENT_DF, {
      error: (iss) =>
        `df must be at most ${TEXT_1E9} (got ${showValue(iss.input)}): a t with more degrees of freedom differs from a normal by less than 1e-9 in every probability; use {"dist": "normal"}`,
    })),
    location: z.optional(bounded('location', 'Centre (median; the mean when df > 1); default 0.')),
    scale: z.optional(positive('scale', 'Scale, > 0; default 1.')),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    const location = v.location ?? 0;
    const scale = v.scale ?? 1;
    if (isNum(v.df) && v.df > 0 && v.df <= MAX_STUDENT_DF && isNum(location) && Math.abs(location) <= MAX_FACTOR_VALUE && isNum(scale) && scale > 0) {
      requireStudentTReach(ctx, v, v.df, location, scale);
    }
  }))
  .check(z.describe('Student t with df degrees of freedom, shifted and scaled: heavier tails than the normal.'));

/** `{dist: "logistic", location, scale}`. */
export const logisticSpecSchema = z
  .strictObject({
    dist: tag('logistic'),
    location: bounded('location', 'Centre: mean, median and mode.'),
    scale: positive('scale', 'Scale, > 0 (sd = scale·π/√3).'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (isNum(v.location) && isNum(v.scale) && v.scale > 0) {
      requireReach(ctx, v, v.location, v.scale, { low: 'scale', high: 'scale', written: `scale (${v.scale})` }, LOGISTIC_SPREAD);
    }
  }))
  .check(z.describe('Logistic by location and scale.'));

/** `{dist: "logistic", p5, p95}`. */
export const logisticPercentileSpecSchema = z
  .strictObject({
    dist: tag('logistic'),
    p5: bounded('p5', '5th percentile.'),
    p95: bounded('p95', '95th percentile, greater than p5.'),
    ...docFields,
  })
  .check(z.superRefine((v, ctx) => {
    if (!requireOrdered(ctx, v, 'p5', 'p95')) return;
    const { location, scale } = logisticFromPercentiles(v.p5, v.p95);
    requireReach(ctx, v, location, scale, { low: 'p5', high: 'p95', written: `[p5, p95] = [${v.p5}, ${v.p95}]` }, LOGISTIC_SPREAD);
  }))
  .check(z.describe('Logistic elicited from a 90% interval [p5, p95].'));

// ---------------------------------------------------------------------------------------------
// Counts and data.

function countMessage(field: string, what: string) {
  return (iss: { input?: unknown }) =>
    `${field} must be at most ${TEXT_1E9} (got ${showValue(iss.input)}): the exact CDF takes O(√${field}) steps, ` +
    `and such a ${what} is a normal to 5 digits; use {"dist": "normal"}`;
}

/** `{dist: "poisson", lambda}`. */
export const poissonSpecSchema = z
  .strictObject({
    dist: tag('poisson'),
    lambda: positive('lambda', 'Mean count, > 0 and at most 1e9.').check(z.lte(MAX_EXACT_CDF_SCALE, { error: countMessage('lambda', 'Poisson') })),
    ...docFields,
  })
  .check(z.describe('Poisson: a count of independent events with mean lambda.'));

/** `{dist: "binomial", n, p}`. */
export const binomialSpecSchema = z
  .strictObject({
    dist: tag('binomial'),
    n: num('n', 'Number of trials, a whole number from 1 to 1e9.')
      .check(z.int({ error: (iss) => `n must be a whole number of trials (got ${showValue(iss.input)})` }))
      .check(z.gte(1, { error: (iss) => `n must be at least 1 (got ${showValue(iss.input)})` }))
      .check(z.lte(MAX_EXACT_CDF_SCALE, { error: countMessage('n', 'binomial') })),
    p: probability('p', 'Probability of success of each trial, in [0, 1].'),
    ...docFields,
  })
  .check(z.describe('Binomial: successes in n independent trials of probability p.'));

/** The most values a `samples` spec may hold, as printed. */
const SAMPLE_VALUES_TEXT = '1,000,000';

/** `{dist: "samples", values}`. */
export const samplesSpecSchema = z
  .strictObject({
    dist: tag('samples'),
    values: z
      .array(bounded('value', 'One observed value.'), { error: (iss) => `values must be an array of numbers (got ${showValue(iss.input)})` })
      .check(z.minLength(1, { error: 'values must list at least one number' }))
      .check(z.maxLength(MAX_SAMPLE_VALUES, {
        error: (iss) =>
          `values has ${Array.isArray(iss.input) ? iss.input.length : 'too many'} numbers; at most ${SAMPLE_VALUES_TEXT} are allowed ` +
          '(they already fix every probability to a millionth): thin them out, or fit a distribution to them',
      }))
      .check(z.describe('The data: 1 to 1,000,000 numbers, each drawn with probability 1/count.')),
    ...docFields,
  })
  .check(z.describe('The empirical distribution of data: resampled uniformly.'));

/**
 * The shape of a mixture around a component schema: the full recursive one for the JSON Schema
 * and parsing (through `z.lazy`: zod/mini's `.check` clones an object and would read a getter
 * before the union it refers to exists), or `z.unknown()` for
 * validation, which checks each component on its own so that issues have precise paths (see
 * validate.ts; it also limits the nesting depth, which no JSON Schema can express).
 */
function mixtureShape<C extends z.core.$ZodType>(component: () => C) {
  return z
    .strictObject({
      dist: tag('mixture'),
      components: z
          .array(z.lazy(component), { error: (iss) => `components must be an array of distributions (got ${showValue(iss.input)})` })
          .check(z.minLength(1, { error: 'components must list at least one distribution' }))
          .check(z.maxLength(MAX_MIXTURE_COMPONENTS, {
            error: (iss) => `components has ${Array.isArray(iss.input) ? iss.input.length : 'too many'} distributions; a mixture takes at most ${MAX_MIXTURE_COMPONENTS}`,
          }))
          .check(z.describe('The component distributions (any specs; mixtures nest at most 3 deep).')),
      weights: z
        .array(
          num('weight', 'Weight of the component at the same position, >= 0.').check(z.gte(0, {
            error: (iss) => `weight must be at least 0 (got ${showValue(iss.input)})`,
          })),
          { error: (iss) => `weights must be an array of numbers, one per component (got ${showValue(iss.input)})` },
        )
        .check(z.describe('One weight per component (>= 0, positive sum; normalized).')),
      ...docFields,
    })
    .check(z.superRefine((v, ctx) => {
      const { components, weights }: { components: unknown; weights: unknown } = v;
      if (!Array.isArray(weights)) return;
      if (Array.isArray(components) && components.length !== weights.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['weights'],
          message: `weights has ${weights.length} ${weights.length === 1 ? 'entry' : 'entries'} but components has ${components.length}: give one weight per component`,
        });
        return;
      }
      // No weights at all: the missing components have their own issue.
      if (weights.length > 0) requirePositiveSum(ctx, weights);
    }))
    .check(z.describe('A mixture: with probability proportional to its weight, a draw from each component.'));
}

/** `{dist: "mixture", components, weights}`: the components' own forms are checked one by one in validation. */
export const mixtureStructureSchema = mixtureShape(() => z.unknown());

/** `{dist: "mixture", components, weights}`, components being any spec (recursively). */
export const mixtureSpecSchema = mixtureShape((): z.core.$ZodType<DistSpec> => distSpecSchema);

/**
 * The schema of every distribution spec: the union of every written form of every family,
 * each a strict object (unknown keys such as a misspelt `sdd` are errors), so the JSON Schema
 * emitted from it lists each form's fields for editors.
 *
 * Validation does not go through this union (its errors would be vague): `validateDistSpec`
 * routes by `dist` and by form via `SPEC_FORMS`, whose schemas are these same members.
 */
export const distSpecSchema = z
  .union([
    constantSpecSchema,
    bernoulliSpecSchema,
    uniformSpecSchema,
    normalSpecSchema,
    normalPercentileSpecSchema,
    lognormalSpecSchema,
    lognormalPercentileSpecSchema,
    betaSpecSchema,
    betaMeanSdSpecSchema,
    betaLikelihoodSpecSchema,
    triangularSpecSchema,
    pertSpecSchema,
    categoricalSpecSchema,
    gammaSpecSchema,
    gammaMeanSdSpecSchema,
    exponentialSpecSchema,
    exponentialMeanSpecSchema,
    studentTSpecSchema,
    logisticSpecSchema,
    logisticPercentileSpecSchema,
    poissonSpecSchema,
    binomialSpecSchema,
    samplesSpecSchema,
    mixtureSpecSchema,
  ])
  // The id names the recursion's target in the JSON Schema ("#/$defs/DistSpec") and lets the
  // scenario's factors and variants refer to one definition.
  .check(z.meta({ id: 'DistSpec', description: 'A probability distribution, tagged by "dist".' }));

/** One way of writing a family: its distinguishing keys, required ones and its schema. */
export interface SpecForm {
  /** The keys that identify this form, all required (e.g. ["p5", "p95"]). */
  readonly keys: readonly string[];
  /** Optional parameter keys (besides label/description/source). */
  readonly optional: readonly string[];
  /** The strict object schema of this form (with its cross-field refinements). */
  readonly schema: z.core.$ZodType<DistSpec>;
}

/** The forms of each family, in the order they are documented. */
export const SPEC_FORMS: Readonly<Record<DistName, readonly SpecForm[]>> = {
  constant: [{ keys: ['value'], optional: [], schema: constantSpecSchema }],
  bernoulli: [{ keys: ['p'], optional: [], schema: bernoulliSpecSchema }],
  uniform: [{ keys: ['min', 'max'], optional: [], schema: uniformSpecSchema }],
  normal: [
    { keys: ['mean', 'sd'], optional: ['min', 'max'], schema: normalSpecSchema },
    { keys: ['p5', 'p95'], optional: ['min', 'max'], schema: normalPercentileSpecSchema },
  ],
  lognormal: [
    { keys: ['mu', 'sigma'], optional: [], schema: lognormalSpecSchema },
    { keys: ['p5', 'p95'], optional: [], schema: lognormalPercentileSpecSchema },
  ],
  beta: [
    { keys: ['alpha', 'beta'], optional: [], schema: betaSpecSchema },
    { keys: ['mean', 'sd'], optional: [], schema: betaMeanSdSpecSchema },
    { keys: ['likelihood'], optional: [], schema: betaLikelihoodSpecSchema },
  ],
  triangular: [{ keys: ['min', 'mode', 'max'], optional: [], schema: triangularSpecSchema }],
  pert: [{ keys: ['min', 'mode', 'max'], optional: [], schema: pertSpecSchema }],
  categorical: [{ keys: ['weights'], optional: [], schema: categoricalSpecSchema }],
  gamma: [
    { keys: ['shape', 'scale'], optional: [], schema: gammaSpecSchema },
    { keys: ['mean', 'sd'], optional: [], schema: gammaMeanSdSpecSchema },
  ],
  exponential: [
    { keys: ['rate'], optional: [], schema: exponentialSpecSchema },
    { keys: ['mean'], optional: [], schema: exponentialMeanSpecSchema },
  ],
  t: [{ keys: ['df'], optional: ['location', 'scale'], schema: studentTSpecSchema }],
  logistic: [
    { keys: ['location', 'scale'], optional: [], schema: logisticSpecSchema },
    { keys: ['p5', 'p95'], optional: [], schema: logisticPercentileSpecSchema },
  ],
  poisson: [{ keys: ['lambda'], optional: [], schema: poissonSpecSchema }],
  binomial: [{ keys: ['n', 'p'], optional: [], schema: binomialSpecSchema }],
  samples: [{ keys: ['values'], optional: [], schema: samplesSpecSchema }],
  mixture: [{ keys: ['components', 'weights'], optional: [], schema: mixtureSpecSchema }],
};
