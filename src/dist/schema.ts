/**
 * The zod schema for distribution specs: the one source of truth for validation (through
 * `validateDistSpec`) and for the JSON Schema the CLI emits with `z.toJSONSchema`. Numeric
 * constraints on single fields are zod checks (so they appear in the JSON Schema, e.g.
 * `exclusiveMinimum`); cross-field rules are refinements whose issue path names the offending
 * field.
 */
import { z } from 'zod';
import { fmt, showInterval, showValue } from './format';
import { ICD203_TERM_NAMES, ICD203_TERMS } from './likelihood';
import { betaFromMeanSd, lognormalFromPercentiles, normalFromPercentiles } from './elicit';
import { MAX_FACTOR_TEXT, MAX_FACTOR_VALUE, MAX_LOG_FACTOR_VALUE, NORMAL_REACH } from './limits';
import { MIN_TRUNCATION_MASS, truncatedMass } from './truncation';
import type { DistName, DistSpec } from './types';
import { log } from '../math/index';

// ---------------------------------------------------------------------------------------------
// Field builders. Every number is a finite number: zod 4's z.number() already rejects NaN and
// ±Infinity; strings such as "NaN" are a type error.

function num(field: string, description: string) {
  return z
    .number({ error: (iss) => `${field} must be a finite number (got ${showValue(iss.input)})` })
    .describe(description);
}

function positive(field: string, description: string) {
  return num(field, description).gt(0, {
    error: (iss) => `${field} must be greater than 0 (got ${showValue(iss.input)})`,
  });
}

/** A value a sample can take (a location, a bound): within ±1e100, see `MAX_FACTOR_VALUE`. */
function bounded(field: string, description: string) {
  const msg = (iss: { input?: unknown }) =>
    `${field} must be within ±${MAX_FACTOR_TEXT} (got ${showValue(iss.input)}): larger factor values would overflow the run's sums`;
  return num(field, description).min(-MAX_FACTOR_VALUE, { error: msg }).max(MAX_FACTOR_VALUE, { error: msg });
}

/** A positive number at most 1e100 (Beta shapes, lognormal percentiles). */
function positiveBounded(field: string, description: string, why: string) {
  return positive(field, description).max(MAX_FACTOR_VALUE, {
    error: (iss) => `${field} must be at most ${MAX_FACTOR_TEXT} (got ${showValue(iss.input)}): ${why}`,
  });
}

function probability(field: string, description: string) {
  const msg = (iss: { input?: unknown }) => `${field} must be between 0 and 1 (got ${showValue(iss.input)})`;
  return num(field, description).min(0, { error: msg }).max(1, { error: msg });
}

function openUnit(field: string, description: string) {
  const msg = (iss: { input?: unknown }) => `${field} must be strictly between 0 and 1 (got ${showValue(iss.input)})`;
  return num(field, description).gt(0, { error: msg }).lt(1, { error: msg });
}

const docFields = {
  label: z.string().describe('Short human name shown in reports.').optional(),
  description: z.string().describe('What the quantity means and why this distribution.').optional(),
  source: z.string().describe('Where the numbers come from.').optional(),
};

function tag<N extends DistName>(name: N) {
  return z.literal(name).describe('Distribution family.');
}

// ---------------------------------------------------------------------------------------------
// Cross-field rules. Refinements also run when a field already failed (zod reports every
// issue at once), so each rule first checks that the fields it reads are usable numbers.

type Ctx = z.RefinementCtx;

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
        `truncation to ${showInterval(lo, hi)} keeps only ${mass.toPrecision(3)} of the probability of ` +
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

/**
 * A normal's samples, mean ± 13·sd (clipped to its truncation interval), must stay within
 * ±1e100. `fields` names what the user wrote: sd, or the percentile bounding the side that
 * overflows.
 */
function requireNormalReach(ctx: Ctx, v: Record<string, unknown>, mean: number, sd: number, fields: { low: string; high: string; written: string }): void {
  if (!(Math.abs(mean) <= MAX_FACTOR_VALUE)) return;
  const lo = isNum(v.min) ? v.min : -Infinity;
  const hi = isNum(v.max) ? v.max : Infinity;
  const reachLo = Math.max(lo, mean - NORMAL_REACH * sd);
  const reachHi = Math.min(hi, mean + NORMAL_REACH * sd);
  if (reachLo >= -MAX_FACTOR_VALUE && reachHi <= MAX_FACTOR_VALUE) return;
  ctx.addIssue({
    code: 'custom',
    path: [reachHi > MAX_FACTOR_VALUE ? fields.high : fields.low],
    message:
      `${fields.written} is too wide: samples reach mean ± ${NORMAL_REACH}·sd = ${showInterval(reachLo, reachHi)} (mean ${fmt(mean)}, sd ${fmt(sd)}), ` +
      `which must stay within ±${MAX_FACTOR_TEXT}: larger factor values would overflow the run's sums`,
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
  min: bounded('min', 'Truncate below (default: no lower bound).').optional(),
  max: bounded('max', 'Truncate above (default: no upper bound).').optional(),
};

/** `{dist: "constant", value}`. */
export const constantSpecSchema = z
  .strictObject({ dist: tag('constant'), value: bounded('value', 'The fixed value.'), ...docFields })
  .describe('A fixed value.');

/** `{dist: "bernoulli", p}`. */
export const bernoulliSpecSchema = z
  .strictObject({ dist: tag('bernoulli'), p: probability('p', 'Probability of 1, in [0, 1].'), ...docFields })
  .describe('1 with probability p, else 0.');

/** `{dist: "uniform", min, max}`. */
export const uniformSpecSchema = z
  .strictObject({
    dist: tag('uniform'),
    min: bounded('min', 'Lower end.'),
    max: bounded('max', 'Upper end, greater than min.'),
    ...docFields,
  })
  .superRefine((v, ctx) => void requireOrdered(ctx, v, 'min', 'max'))
  .describe('Uniform between min and max.');

/** `{dist: "normal", mean, sd, min?, max?}`. */
export const normalSpecSchema = z
  .strictObject({
    dist: tag('normal'),
    mean: bounded('mean', 'Mean (before truncation).'),
    sd: positive('sd', 'Standard deviation (before truncation), > 0.'),
    ...truncationFields,
    ...docFields,
  })
  .superRefine((v, ctx) => {
    if (!(isNum(v.mean) && Math.abs(v.mean) <= MAX_FACTOR_VALUE && isNum(v.sd) && v.sd > 0)) return;
    if (requireTruncation(ctx, v, v.mean, v.sd)) requireNormalReach(ctx, v, v.mean, v.sd, { low: 'sd', high: 'sd', written: `sd (${v.sd})` });
  })
  .describe('Normal by mean and sd, optionally truncated to [min, max].');

/** `{dist: "normal", p5, p95, min?, max?}`. */
export const normalPercentileSpecSchema = z
  .strictObject({
    dist: tag('normal'),
    p5: bounded('p5', '5th percentile (of the normal before truncation).'),
    p95: bounded('p95', '95th percentile, greater than p5.'),
    ...truncationFields,
    ...docFields,
  })
  .superRefine((v, ctx) => {
    if (!requireOrdered(ctx, v, 'p5', 'p95')) return;
    const { mean, sd } = normalFromPercentiles(v.p5, v.p95);
    if (!(sd > 0)) {
      ctx.addIssue({ code: 'custom', path: ['p95'], message: `p95 (${v.p95}) is too close to p5 (${v.p5})` });
      return;
    }
    if (requireTruncation(ctx, v, mean, sd)) requireNormalReach(ctx, v, mean, sd, { low: 'p5', high: 'p95', written: `[p5, p95] = [${v.p5}, ${v.p95}]` });
  })
  .describe('Normal elicited from a 90% interval [p5, p95], optionally truncated to [min, max].');

function muMessage(iss: { input?: unknown }): string {
  const got = showValue(iss.input);
  const overflow = typeof iss.input === 'number' && iss.input > 709.78 ? `; e^${got} is +Infinity` : '';
  return `mu must be within ±${LOG_LIMIT_TEXT} (got ${got}): samples are e^(mu + sigma·z) and must stay between ${LOG_RANGE_TEXT}${overflow}`;
}

/** `{dist: "lognormal", mu, sigma}`. */
export const lognormalSpecSchema = z
  .strictObject({
    dist: tag('lognormal'),
    mu: num('mu', 'Mean of the logarithm.').min(-MAX_LOG_FACTOR_VALUE, { error: muMessage }).max(MAX_LOG_FACTOR_VALUE, { error: muMessage }),
    sigma: positive('sigma', 'Standard deviation of the logarithm, > 0.'),
    ...docFields,
  })
  .superRefine((v, ctx) => {
    if (isNum(v.mu) && Math.abs(v.mu) <= MAX_LOG_FACTOR_VALUE && isNum(v.sigma) && v.sigma > 0) {
      requireLognormalReach(ctx, v.mu, v.sigma, 'sigma', `sigma (${v.sigma})`);
    }
  })
  .describe('Lognormal: exp(Normal(mu, sigma)).');

/** `{dist: "lognormal", p5, p95}`. */
export const lognormalPercentileSpecSchema = z
  .strictObject({
    dist: tag('lognormal'),
    p5: positiveBounded('p5', '5th percentile, > 0.', 'larger factor values would overflow the run\'s sums'),
    p95: positiveBounded('p95', '95th percentile, greater than p5.', 'larger factor values would overflow the run\'s sums'),
    ...docFields,
  })
  .superRefine((v, ctx) => {
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
  })
  .describe('Lognormal elicited from a 90% interval [p5, p95].');

/** `{dist: "beta", alpha, beta}`. */
export const betaSpecSchema = z
  .strictObject({
    dist: tag('beta'),
    alpha: positiveBounded('alpha', 'First shape, > 0.', 'larger shapes make the sampler\'s gamma variates overflow'),
    beta: positiveBounded('beta', 'Second shape, > 0.', 'larger shapes make the sampler\'s gamma variates overflow'),
    ...docFields,
  })
  .describe('Beta by its shapes.');

/** `{dist: "beta", mean, sd}`. */
export const betaMeanSdSpecSchema = z
  .strictObject({
    dist: tag('beta'),
    mean: openUnit('mean', 'Mean, strictly between 0 and 1.'),
    sd: positive('sd', 'Standard deviation, > 0 and below sqrt(mean(1 - mean)).'),
    ...docFields,
  })
  .superRefine((v, ctx) => {
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
  })
  .describe('Beta by mean and standard deviation (method of moments).');

/** `{dist: "beta", likelihood}`. */
export const betaLikelihoodSpecSchema = z
  .strictObject({
    dist: tag('beta'),
    likelihood: z
      .enum(ICD203_TERM_NAMES, {
        error: (iss) =>
          `likelihood must be one of the ICD-203 phrases ${ICD203_TERMS.map((t) => `"${t.term}"`).join(', ')} (got ${showValue(iss.input)})`,
      })
      .describe('ICD-203 phrase; the Beta has its 5th and 95th percentiles at the ends of the phrase\'s range.'),
    ...docFields,
  })
  .describe('Beta for an ICD-203 expression of likelihood.');

/** `{dist: "triangular", min, mode, max}`. */
export const triangularSpecSchema = z
  .strictObject({
    dist: tag('triangular'),
    min: bounded('min', 'Lower end.'),
    mode: bounded('mode', 'Most likely value, between min and max.'),
    max: bounded('max', 'Upper end, greater than min.'),
    ...docFields,
  })
  .superRefine((v, ctx) => requireMode(ctx, v))
  .describe('Triangular on [min, max] peaking at mode.');

/** `{dist: "pert", min, mode, max}`. */
export const pertSpecSchema = z
  .strictObject({
    dist: tag('pert'),
    min: bounded('min', 'Lower end.'),
    mode: bounded('mode', 'Most likely value, between min and max.'),
    max: bounded('max', 'Upper end, greater than min.'),
    ...docFields,
  })
  .superRefine((v, ctx) => requireMode(ctx, v))
  .describe('PERT (lambda = 4) on [min, max] with mode: a scaled Beta.');

/** `{dist: "categorical", weights}`. */
export const categoricalSpecSchema = z
  .strictObject({
    dist: tag('categorical'),
    weights: z
      .record(
        z.string(),
        num('weight', 'Weight of this label, >= 0.').min(0, {
          error: (iss) => `weight must be at least 0 (got ${showValue(iss.input)})`,
        }),
        { error: (iss) => `weights must be an object of label: weight (got ${showValue(iss.input)})` },
      )
      .describe('Label -> weight (>= 0, positive sum; normalized). The sampled value is the label\'s index in key order.'),
    ...docFields,
  })
  .superRefine((v, ctx) => {
    const w: unknown = v.weights;
    if (typeof w !== 'object' || w === null || Array.isArray(w)) return;
    const values = Object.values(w as Record<string, unknown>);
    if (values.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights must list at least one label' });
      return;
    }
    if (!values.every((x) => isNum(x) && x >= 0)) return;
    const total = (values as number[]).reduce((s, x) => s + x, 0);
    if (!(total > 0)) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights must not all be 0 (their sum must be positive)' });
    } else if (!Number.isFinite(total)) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights sum to more than the largest number; scale them down' });
    }
  })
  .describe('One of several labelled outcomes, sampled as the label\'s index.');

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
  ])
  .describe('A probability distribution, tagged by "dist".');

/** One way of writing a family: its distinguishing keys, required ones and its schema. */
export interface SpecForm {
  /** The keys that identify this form, all required (e.g. ["p5", "p95"]). */
  readonly keys: readonly string[];
  /** Optional parameter keys (besides label/description/source). */
  readonly optional: readonly string[];
  /** The strict object schema of this form (with its cross-field refinements). */
  readonly schema: z.ZodType<DistSpec>;
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
};
