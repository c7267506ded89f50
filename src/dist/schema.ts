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
import { lognormalFromPercentiles, normalFromPercentiles } from './elicit';
import { MIN_TRUNCATION_MASS, truncatedMass } from './truncation';
import type { DistName, DistSpec } from './types';

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
  if (!isNum(a) || !isNum(b)) return false;
  if (!(b > a)) {
    ctx.addIssue({ code: 'custom', path: [high], message: `${high} (${b}) must be greater than ${low} (${a})` });
    return false;
  }
  if (!Number.isFinite(b - a)) {
    ctx.addIssue({
      code: 'custom',
      path: [high],
      message: `${high} - ${low} overflows (got ${low} ${a}, ${high} ${b}); use a smaller scale`,
    });
    return false;
  }
  return true;
}

function requireMode(ctx: Ctx, v: Record<string, unknown>): void {
  if (!requireOrdered(ctx, v, 'min', 'max')) return;
  const { min, mode, max } = v as { min: number; mode: unknown; max: number };
  if (isNum(mode) && !(mode >= min && mode <= max)) {
    ctx.addIssue({ code: 'custom', path: ['mode'], message: `mode (${mode}) must be between min (${min}) and max (${max})` });
  }
}

function requireTruncation(ctx: Ctx, v: Record<string, unknown>, mean: number, sd: number): void {
  const min = v.min;
  const max = v.max;
  if (min === undefined && max === undefined) return;
  if ((min !== undefined && !isNum(min)) || (max !== undefined && !isNum(max))) return;
  if (min !== undefined && max !== undefined && !requireOrdered(ctx, v, 'min', 'max')) return;
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
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
  }
}

// ---------------------------------------------------------------------------------------------
// One strict object per form.

const truncationFields = {
  min: num('min', 'Truncate below (default: no lower bound).').optional(),
  max: num('max', 'Truncate above (default: no upper bound).').optional(),
};

/** `{dist: "constant", value}`. */
export const constantSpecSchema = z
  .strictObject({ dist: tag('constant'), value: num('value', 'The fixed value.'), ...docFields })
  .describe('A fixed value.');

/** `{dist: "bernoulli", p}`. */
export const bernoulliSpecSchema = z
  .strictObject({ dist: tag('bernoulli'), p: probability('p', 'Probability of 1, in [0, 1].'), ...docFields })
  .describe('1 with probability p, else 0.');

/** `{dist: "uniform", min, max}`. */
export const uniformSpecSchema = z
  .strictObject({
    dist: tag('uniform'),
    min: num('min', 'Lower end.'),
    max: num('max', 'Upper end, greater than min.'),
    ...docFields,
  })
  .superRefine((v, ctx) => void requireOrdered(ctx, v, 'min', 'max'))
  .describe('Uniform between min and max.');

/** `{dist: "normal", mean, sd, min?, max?}`. */
export const normalSpecSchema = z
  .strictObject({
    dist: tag('normal'),
    mean: num('mean', 'Mean (before truncation).'),
    sd: positive('sd', 'Standard deviation (before truncation), > 0.'),
    ...truncationFields,
    ...docFields,
  })
  .superRefine((v, ctx) => {
    if (isNum(v.mean) && isNum(v.sd) && v.sd > 0) requireTruncation(ctx, v, v.mean, v.sd);
  })
  .describe('Normal by mean and sd, optionally truncated to [min, max].');

/** `{dist: "normal", p5, p95, min?, max?}`. */
export const normalPercentileSpecSchema = z
  .strictObject({
    dist: tag('normal'),
    p5: num('p5', '5th percentile (of the normal before truncation).'),
    p95: num('p95', '95th percentile, greater than p5.'),
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
    requireTruncation(ctx, v, mean, sd);
  })
  .describe('Normal elicited from a 90% interval [p5, p95], optionally truncated to [min, max].');

/** `{dist: "lognormal", mu, sigma}`. */
export const lognormalSpecSchema = z
  .strictObject({
    dist: tag('lognormal'),
    mu: num('mu', 'Mean of the logarithm.'),
    sigma: positive('sigma', 'Standard deviation of the logarithm, > 0.'),
    ...docFields,
  })
  .describe('Lognormal: exp(Normal(mu, sigma)).');

/** `{dist: "lognormal", p5, p95}`. */
export const lognormalPercentileSpecSchema = z
  .strictObject({
    dist: tag('lognormal'),
    p5: positive('p5', '5th percentile, > 0.'),
    p95: positive('p95', '95th percentile, greater than p5.'),
    ...docFields,
  })
  .superRefine((v, ctx) => {
    if (!(isNum(v.p5) && v.p5 > 0 && isNum(v.p95) && v.p95 > 0)) return;
    if (!requireOrdered(ctx, v, 'p5', 'p95')) return;
    if (!(lognormalFromPercentiles(v.p5, v.p95).sigma > 0)) {
      ctx.addIssue({ code: 'custom', path: ['p95'], message: `p95 (${v.p95}) is too close to p5 (${v.p5})` });
    }
  })
  .describe('Lognormal elicited from a 90% interval [p5, p95].');

/** `{dist: "beta", alpha, beta}`. */
export const betaSpecSchema = z
  .strictObject({
    dist: tag('beta'),
    alpha: positive('alpha', 'First shape, > 0.'),
    beta: positive('beta', 'Second shape, > 0.'),
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
    min: num('min', 'Lower end.'),
    mode: num('mode', 'Most likely value, between min and max.'),
    max: num('max', 'Upper end, greater than min.'),
    ...docFields,
  })
  .superRefine((v, ctx) => requireMode(ctx, v))
  .describe('Triangular on [min, max] peaking at mode.');

/** `{dist: "pert", min, mode, max}`. */
export const pertSpecSchema = z
  .strictObject({
    dist: tag('pert'),
    min: num('min', 'Lower end.'),
    mode: num('mode', 'Most likely value, between min and max.'),
    max: num('max', 'Upper end, greater than min.'),
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
