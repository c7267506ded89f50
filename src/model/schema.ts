import { z } from 'zod';
import { distSpecSchema } from '../dist';
import { MAX_CORRELATIONS } from './correlations';
import { PERIOD_KINDS, type PeriodKind } from './calendar';
import { MAX_PERIODS } from './timeline';

const documented = {
  label: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
};

const formula = z.string().min(1, 'formula must not be empty');

const paramSchema = z.union([z.number(), z.strictObject({ value: z.number(), ...documented })], {
  error: 'expected a number or {"value": number} (with optional "label", "description", "source")',
});
const derivedSchema = z.union([formula, z.strictObject({ formula, ...documented })], {
  error: 'expected a formula string or {"formula": string} (with optional "label", "description", "source")',
});
const outputSchema = z.union([formula, z.strictObject({ formula, unit: z.string().optional(), ...documented })], {
  error: 'expected a formula string or {"formula": string} (with optional "unit", "label", "description", "source")',
});
/** A day or a month, `YYYY-MM-DD` or `YYYY-MM` (timelines, windows, signpost and evidence-ledger dates). */
export const dateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'must be a date written YYYY-MM-DD or YYYY-MM, e.g. "2025-12-05"');
/** A calendar day, `YYYY-MM-DD`. */
export const daySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date written YYYY-MM-DD, e.g. "2026-12-04"');
const windowCommon = { multiplier: formula, label: z.string().optional(), source: z.string().optional() };
const windowSchema = z.union([
  z.strictObject({ from: dateSchema, to: dateSchema, ...windowCommon }),
  z.strictObject({
    every: z.literal('year'),
    months: z.array(z.number().int('must be a whole month, 1 to 12').min(1, 'must be a month from 1 to 12').max(12, 'must be a month from 1 to 12')).min(1, 'name at least one month').max(12),
    ...windowCommon,
  }),
], { error: 'expected {"from": date, "to": date, "multiplier": formula} or {"every": "year", "months": [1-12, ...], "multiplier": formula}' });
const eventSchema = z.union([
  formula,
  z.strictObject({ p: formula, given: z.string().optional(), ...documented }),
  z.strictObject({ hazard: formula, windows: z.array(windowSchema).max(1000).optional(), ...documented }),
], { error: 'expected a formula string, {"p": formula} or {"hazard": formula}' });
/** A rolling horizon in periods. */
export const horizonSchema = z.number().int('must be a whole number of periods').min(1, 'must be at least 1 period').max(MAX_PERIODS, `must be at most ${MAX_PERIODS} periods`);
const timelineFields = {
  start: dateSchema,
  end: dateSchema.optional(),
  horizon: horizonSchema.optional(),
  period: z.enum(PERIOD_KINDS as [PeriodKind, ...PeriodKind[]], { error: `must be one of ${PERIOD_KINDS.join(', ')}` }).optional(),
};
const timelineSchema = z.strictObject(timelineFields);
const observationSchema = z.strictObject({ event: z.string().min(1), noneThrough: daySchema, ...documented });
/** A probability in [0, 1]. */
export const probabilitySchema = z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');
const signpostCommon = { date: dateSchema.optional(), event: z.string().optional(), ...documented };
/** An indicator: P(observed | event) and P(observed | no event), their ratio directly, or a condition on the model's nodes that it stands for. */
const signpostSchema = z.union([
  z.strictObject({ pIfEvent: probabilitySchema, pIfNotEvent: probabilitySchema, ...signpostCommon }),
  z.strictObject({ likelihoodRatio: z.number().gt(0, 'must be greater than 0'), ...signpostCommon }),
  z.strictObject({ given: formula, ...signpostCommon }),
], { error: 'expected {"pIfEvent": p, "pIfNotEvent": p}, {"likelihoodRatio": r} or {"given": formula} (with optional "date", "event", "label", "description", "source")' });
const rankMessage = 'must be a Spearman rank correlation strictly between -1 and 1';
const correlationSchema = z.strictObject({
  factors: z.tuple([z.string().min(1), z.string().min(1)], { error: 'expected two factor names, e.g. ["sanctionsBlocking", "russiaAlliance"]' }),
  rank: z.number().gt(-1, rankMessage).lt(1, rankMessage),
  ...documented,
});
const sourceSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  author: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
  note: z.string().optional(),
});

/**
 * The scenario's shape, built around a factor schema. Validation uses a permissive factor
 * schema and checks each factor separately (for precise, per-factor issues); the JSON Schema
 * is emitted from the same builder with the full distribution schema, so the two cannot drift.
 */
export function scenarioShape<F extends z.ZodType>(factor: F) {
  return z.strictObject({
    $schema: z.string().optional(),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and hyphens, e.g. "trump-kim-summit"'),
    title: z.string().min(1, 'title must not be empty'),
    description: z.string().optional(),
    params: z.record(z.string(), paramSchema).optional(),
    factors: z.record(z.string(), factor).optional(),
    derived: z.record(z.string(), derivedSchema).optional(),
    outputs: z.record(z.string(), outputSchema).optional(),
    events: z.record(z.string(), eventSchema),
    timeline: timelineSchema.optional(),
    asOf: daySchema.optional(),
    observed: z.array(observationSchema).max(1000).optional(),
    correlations: z.array(correlationSchema).max(MAX_CORRELATIONS, `list at most ${MAX_CORRELATIONS} pairs`).optional(),
    variants: z
      .record(
        z.string(),
        z.strictObject({
          label: z.string().optional(),
          description: z.string().optional(),
          set: z.record(z.string(), z.number()).optional(),
          factors: z.record(z.string(), factor).optional(),
          asOf: daySchema.optional(),
          observed: z.array(observationSchema).max(1000).optional(),
          timeline: z.strictObject({ start: timelineFields.start.optional(), end: timelineFields.end, horizon: timelineFields.horizon, period: timelineFields.period }).optional(),
        }),
      )
      .optional(),
    signposts: z.record(z.string(), signpostSchema).optional(),
    sources: z.array(sourceSchema).optional(),
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
