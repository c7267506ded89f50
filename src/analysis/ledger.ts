/**
 * Evidence ledgers: dated observations that update an event's odds, as plain JSON (the format
 * of `examples/summit-ledger.json`), validated into issues with paths like
 * `observations.3.likelihoodRatio`.
 */
import * as z from 'zod/mini';
import { ScenarioError } from '../issues';
import { dateSchema, daySchema, probabilitySchema } from '../model/schema';
import { fromZodIssues } from '../model/zodIssues';

/**
 * One observation. Exactly one of these forms:
 * - a signpost declared in the scenario, by name (`signpost`), whose probabilities are used;
 * - an ad-hoc signpost: `signpost` (its name or a one-line label) with `likelihoodRatio`, or
 *   with `pIfEvent` and `pIfNotEvent`;
 * - a condition on the model's own nodes, `given` (e.g. `"sanctionsBlocking > 0.9"`), applied by
 *   reweighting the trials: a 0/1 condition keeps the trials where it holds (rejection), a value
 *   in between weights each trial by it (likelihood weighting);
 * - "nothing yet", `noneThrough` (`YYYY-MM-DD`, at most the as-of date): the timed `event` (by
 *   default the one updated) did not occur from the timeline's start through that day. It
 *   reweights the trials like a condition, each by its own chance of that quiet stretch, as the
 *   `noneThrough` option does; days the run's evidence or an earlier observation already covers
 *   are not counted twice.
 */
export interface LedgerObservation {
  /** When it was observed, `YYYY-MM-DD` or `YYYY-MM`; dated observations must be in date order. */
  date?: string;
  /** A declared signpost's name, or the observation's own short label. */
  signpost?: string;
  description?: string;
  /** Why the numbers are what they are. */
  reason?: string;
  source?: string;
  /** P(observation | event) / P(observation | no event), greater than 0. */
  likelihoodRatio?: number;
  /** P(observation | event). */
  pIfEvent?: number;
  /** P(observation | no event). */
  pIfNotEvent?: number;
  /** false records that the signpost was *not* seen (needs pIfEvent and pIfNotEvent). Default true. */
  observed?: boolean;
  /** A condition formula over params, factors and derived nodes, with a value in [0, 1] per trial. */
  given?: string;
  /** The last day, `YYYY-MM-DD`, known to have passed without `event` since the timeline's start. */
  noneThrough?: string;
  /** The timed event a `noneThrough` observation is about. Default: the event being updated. */
  event?: string;
}

/** A ledger: the scenario and event it is for, and its observations in order. */
export interface EvidenceLedger {
  /** Editor hint; ignored. */
  $schema?: string;
  /** The id of the scenario it was written for; checked when given. */
  scenario?: string;
  /** The event it updates. Default: the one chosen by the caller, else the scenario's first unconditional event. */
  event?: string;
  title?: string;
  description?: string;
  observations: LedgerObservation[];
}

const observationSchema = z.strictObject({
  date: z.optional(dateSchema),
  signpost: z.optional(z.string().check(z.minLength(1))),
  description: z.optional(z.string()),
  reason: z.optional(z.string()),
  source: z.optional(z.string()),
  likelihoodRatio: z.optional(z.number().check(z.gt(0, 'must be greater than 0'))),
  pIfEvent: z.optional(probabilitySchema),
  pIfNotEvent: z.optional(probabilitySchema),
  observed: z.optional(z.boolean()),
  given: z.optional(z.string().check(z.minLength(1, 'formula must not be empty'))),
  noneThrough: z.optional(daySchema),
  event: z.optional(z.string().check(z.minLength(1))),
});

const ledgerSchema = z.strictObject({
  $schema: z.optional(z.string()),
  scenario: z.optional(z.string()),
  event: z.optional(z.string()),
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  observations: z.array(observationSchema).check(z.maxLength(10_000)),
});

/**
 * Checks a ledger's shape (types, ranges, date order, one form per observation) and returns it
 * typed. Names of signposts, events and formulas, and `noneThrough` days against the timeline
 * and the as-of date, are checked against a scenario when it is applied.
 *
 * @throws {ScenarioError} listing every problem, with paths such as `observations.2.pIfEvent`.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 *
 * const ledger = parseLedger(JSON.parse(readFileSync('examples/summit-ledger.json', 'utf8')));
 * ledger.observations.length; // 6
 * ```
 */
export function parseLedger(input: unknown): EvidenceLedger {
  const parsed = ledgerSchema.safeParse(input);
  if (!parsed.success) throw new ScenarioError(fromZodIssues(parsed.error.issues, '', input));
  const ledger = parsed.data as EvidenceLedger;
  const issues = [];
  let lastDate: string | undefined;
  for (const [i, o] of ledger.observations.entries()) {
    const path = `observations.${i}`;
    const numbers = ['likelihoodRatio', 'pIfEvent', 'pIfNotEvent'].filter((k) => Object.hasOwn(o, k));
    const quoted = (keys: string[]) => keys.map((k) => `"${k}"`).join(', ');
    if (o.noneThrough !== undefined) {
      const others = ['signpost', 'given', 'observed', ...numbers].filter((k) => Object.hasOwn(o, k));
      if (others.length > 0) issues.push({ code: 'ledger-mixed-forms', path, message: `a "noneThrough" observation carries its own weight; remove ${quoted(others)}` });
    } else if (o.event !== undefined) {
      issues.push({ code: 'ledger-mixed-forms', path: `${path}.event`, message: '"event" goes with "noneThrough" (the event that did not occur); a signpost names its event in the scenario' });
    } else if (o.given !== undefined) {
      if (numbers.length > 0 || o.observed !== undefined) issues.push({ code: 'ledger-mixed-forms', path, message: `a "given" condition carries its own weight; remove ${quoted([...numbers, ...(o.observed !== undefined ? ['observed'] : [])])}` });
    } else if (o.signpost === undefined) {
      issues.push({ code: 'missing-field', path: `${path}.signpost`, message: 'an observation needs "signpost" (a declared signpost, or a label with its likelihoods), "given" (a condition) or "noneThrough" (the last day without the event)' });
    } else if (o.likelihoodRatio !== undefined && (o.pIfEvent !== undefined || o.pIfNotEvent !== undefined)) {
      issues.push({ code: 'ledger-mixed-forms', path, message: 'give either "likelihoodRatio" or "pIfEvent" and "pIfNotEvent", not both' });
    } else if ((o.pIfEvent === undefined) !== (o.pIfNotEvent === undefined)) {
      issues.push({ code: 'missing-field', path: `${path}.${o.pIfEvent === undefined ? 'pIfEvent' : 'pIfNotEvent'}`, message: '"pIfEvent" and "pIfNotEvent" go together' });
    }
    if (o.date !== undefined) {
      if (lastDate !== undefined && o.date < lastDate) issues.push({ code: 'ledger-date-order', path: `${path}.date`, message: `${o.date} is before the previous observation's date ${lastDate}; list observations in date order` });
      lastDate = o.date;
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return ledger;
}
