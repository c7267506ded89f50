import * as z from 'zod/mini';
import { distSpecSchema } from '../distributions';
import { MAX_CORRELATIONS } from './correlations';
import { PERIOD_KINDS, type PeriodKind } from './calendar';
import { MAX_PERIODS } from './timeline';

const documented = {
  label: z.optional(z.string()),
  description: z.optional(z.string()),
  source: z.optional(z.string()),
};

const formula = z.string().check(z.minLength(1, 'formula must not be empty'));

const paramSchema = z.union([z.number(), z.strictObject({ value: z.number(), min: z.optional(z.number()), max: z.optional(z.number()), ...documented })], {
  error: 'expected a number or {"value": number} (with optional "min", "max", "label", "description", "source")',
});
const derivedSchema = z.union([formula, z.strictObject({ formula, ...documented })], {
  error: 'expected a formula string or {"formula": string} (with optional "label", "description", "source")',
});
const outputSchema = z.union([formula, z.strictObject({ formula, unit: z.optional(z.string()), ...documented })], {
  error: 'expected a formula string or {"formula": string} (with optional "unit", "label", "description", "source")',
});
/** A day or a month, `YYYY-MM-DD` or `YYYY-MM` (timelines, windows, signpost and evidence-ledger dates). */
export const dateSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'must be a date written YYYY-MM-DD or YYYY-MM, e.g. "2025-12-05"'));
/** A calendar day, `YYYY-MM-DD`. */
export const daySchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date written YYYY-MM-DD, e.g. "2026-12-04"'));
const windowCommon = { multiplier: formula, label: z.optional(z.string()), source: z.optional(z.string()) };
const windowSchema = z.union([
  z.strictObject({ from: dateSchema, to: dateSchema, ...windowCommon }),
  z.strictObject({
    every: z.literal('year'),
    months: z.array(z.number().check(z.int('must be a whole month, 1 to 12'), z.gte(1, 'must be a month from 1 to 12'), z.lte(12, 'must be a month from 1 to 12'))).check(z.minLength(1, 'name at least one month'), z.maxLength(12)),
    ...windowCommon,
  }),
], { error: 'expected {"from": date, "to": date, "multiplier": formula} or {"every": "year", "months": [1-12, ...], "multiplier": formula}' });
const eventSchema = z.union([
  formula,
  z.strictObject({ p: formula, given: z.optional(z.string()), ...documented }),
  z.strictObject({ hazard: formula, windows: z.optional(z.array(windowSchema).check(z.maxLength(1000))), ...documented }),
], { error: 'expected a formula string, {"p": formula} or {"hazard": formula}' });
/** A rolling horizon in periods. */
export const horizonSchema = z.number().check(z.int('must be a whole number of periods'), z.gte(1, 'must be at least 1 period'), z.lte(MAX_PERIODS, `must be at most ${MAX_PERIODS} periods`));
const timelineFields = {
  start: dateSchema,
  end: z.optional(dateSchema),
  horizon: z.optional(horizonSchema),
  period: z.optional(z.enum(PERIOD_KINDS as [PeriodKind, ...PeriodKind[]], { error: `must be one of ${PERIOD_KINDS.join(', ')}` })),
};
const timelineSchema = z.strictObject(timelineFields);
const observationSchema = z.strictObject({ event: z.string().check(z.minLength(1)), noneThrough: daySchema, ...documented });
/** A probability in [0, 1]. */
export const probabilitySchema = z.number().check(z.gte(0, 'must be from 0 to 1'), z.lte(1, 'must be from 0 to 1'));
const signpostCommon = { date: z.optional(dateSchema), event: z.optional(z.string()), ...documented };
/** An indicator: P(observed | event) and P(observed | no event), their ratio directly, or a condition on the model's nodes that it stands for. */
const signpostSchema = z.union([
  z.strictObject({ pIfEvent: probabilitySchema, pIfNotEvent: probabilitySchema, ...signpostCommon }),
  z.strictObject({ likelihoodRatio: z.number().check(z.gt(0, 'must be greater than 0')), ...signpostCommon }),
  z.strictObject({ given: formula, ...signpostCommon }),
], { error: 'expected {"pIfEvent": p, "pIfNotEvent": p}, {"likelihoodRatio": r} or {"given": formula} (with optional "date", "event", "label", "description", "source")' });
const rankMessage = 'must be a Spearman rank correlation strictly between -1 and 1';
const correlationSchema = z.strictObject({
  factors: z.tuple([z.string().check(z.minLength(1)), z.string().check(z.minLength(1))], { error: 'expected two factor names, e.g. ["sanctionsBlocking", "russiaAlliance"]' }),
  rank: z.number().check(z.gt(-1, rankMessage), z.lt(1, rankMessage)),
  ...documented,
});
const sourceSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  title: z.string().check(z.minLength(1)),
  author: z.optional(z.string()),
  date: z.optional(z.string()),
  url: z.optional(z.string()),
  note: z.optional(z.string()),
});

/**
 * The scenario's shape, built around a factor schema. Validation uses a permissive factor
 * schema and checks each factor separately (for precise, per-factor issues); the JSON Schema
 * is emitted from the same builder with the full distribution schema, so the two cannot drift.
 */
export function scenarioShape<F extends z.core.$ZodType>(factor: F) {
  return z.strictObject({
    $schema: z.optional(z.string()),
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and hyphens, e.g. "trump-kim-summit"')),
    title: z.string().check(z.minLength(1, 'title must not be empty')),
    description: z.optional(z.string()),
    params: z.optional(z.record(z.string(), paramSchema)),
    factors: z.optional(z.record(z.string(), factor)),
    derived: z.optional(z.record(z.string(), derivedSchema)),
    outputs: z.optional(z.record(z.string(), outputSchema)),
    events: z.record(z.string(), eventSchema),
    timeline: z.optional(timelineSchema),
    asOf: z.optional(daySchema),
    observed: z.optional(z.array(observationSchema).check(z.maxLength(1000))),
    correlations: z.optional(z.array(correlationSchema).check(z.maxLength(MAX_CORRELATIONS, `list at most ${MAX_CORRELATIONS} pairs`))),
    variants: z.optional(
      z.record(
        z.string(),
        z.strictObject({
          label: z.optional(z.string()),
          description: z.optional(z.string()),
          set: z.optional(z.record(z.string(), z.number())),
          factors: z.optional(z.record(z.string(), factor)),
          asOf: z.optional(daySchema),
          observed: z.optional(z.array(observationSchema).check(z.maxLength(1000))),
          timeline: z.optional(z.strictObject({ start: z.optional(timelineFields.start), end: timelineFields.end, horizon: timelineFields.horizon, period: timelineFields.period })),
        }),
      ),
    ),
    signposts: z.optional(z.record(z.string(), signpostSchema)),
    sources: z.optional(z.array(sourceSchema)),
  });
}

/** The structural pass of validation: factors are checked one by one afterwards. */
export const scenarioStructureSchema = scenarioShape(z.unknown());

/** The complete scenario schema, the single source for the published JSON Schema. */
export const scenarioSchema = scenarioShape(distSpecSchema);

/**
 * A JSON Schema (draft 2020-12) for scenario files, for editors and other tools.
 *
 * @example
 * ```ts
 * const schema = scenarioJsonSchema();
 * schema.$schema; // 'https://json-schema.org/draft/2020-12/schema'
 * ```
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', io: 'input' }),
    title: 'scenario-odds scenario',
  };
}
