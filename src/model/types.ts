import type { DistSpec } from '../distributions';
import type { PeriodKind } from './calendar';

/** Documentation carried by any named entry; it never changes the numbers. */
export interface Documented {
  /** Short human name shown in tables and charts. */
  label?: string;
  /** What the entry means, for a newcomer. */
  description?: string;
  /** Where the number comes from: a quotation, a line reference or a citation. */
  source?: string;
}

/** A tweakable constant, written as a bare number or with documentation. */
export type ParamSpec =
  | number
  | (Documented & {
      value: number;
      /** The smallest value that makes sense (controls such as the playground's slider start here; a value below it is refused). */
      min?: number;
      /** The largest value that makes sense; greater than `min`. */
      max?: number;
    });

/** A factor: an uncertain quantity with a distribution, sampled once per trial. */
export type FactorSpec = DistSpec;

/** A derived quantity: a formula over params, factors and other derived nodes. */
export type DerivedSpec = string | (Documented & { formula: string });

/**
 * A real-valued output (a cost, a count, days to an event): a formula like a derived node's,
 * reported with its mean, simulation error and spread across the model's worlds in its own
 * units, and analysed (compare, sensitivity) without being squashed into [0, 1].
 */
export type OutputSpec = string | (Documented & { formula: string; unit?: string });

/**
 * An event whose formula gives, per trial, the probability in [0, 1] that it occurs (or a 0/1
 * condition). With `given`, the formula is the probability of this event given that the named
 * event occurs in the same trial, and the event is reported as that conditional probability.
 */
export type ProbabilityEventSpec = Documented & { p: string; given?: string };

/** What every calendar window carries besides where it applies. */
interface WindowCommon {
  /** Formula for the multiplier (>= 0); may use params, factors and derived nodes. */
  multiplier: string;
  label?: string;
  source?: string;
}

/**
 * A span of dates in which a timed event's hazard is multiplied by a formula's value. It
 * applies to every period it overlaps; outside the simulated span it does nothing.
 */
export interface AbsoluteWindow extends WindowCommon {
  /** First day, `YYYY-MM-DD`, or first month, `YYYY-MM`. */
  from: string;
  /** Last day (inclusive), `YYYY-MM-DD`, or last month, `YYYY-MM`. */
  to: string;
}

/** Months that recur every year (drills each March and August: `{ "every": "year", "months": [3, 8] }`). */
export interface RecurringWindow extends WindowCommon {
  every: 'year';
  /** Months of the year, 1–12. */
  months: number[];
}

/** A calendar window: absolute dates, or months recurring every year. */
export type HazardWindow = AbsoluteWindow | RecurringWindow;

/**
 * A timed event: `hazard` gives, per trial, the probability of a first occurrence in each
 * period of the scenario's timeline (before windows); the event's probability is that of
 * occurring by the timeline's end.
 */
export type TimedEventSpec = Documented & { hazard: string; windows?: HazardWindow[] };

/** An event, written as a bare formula or in one of its object forms. */
export type EventSpec = string | ProbabilityEventSpec | TimedEventSpec;

/**
 * The calendar of timed events. The model's world starts at `start` and is simulated period by
 * period; a timed event answers "at least one occurrence in the window", which starts at the
 * as-of date and lasts `horizon` periods, or ends with the period containing `end`. Give one of
 * `horizon` and `end`.
 */
export interface Timeline {
  /** When the model's world starts, `YYYY-MM` (its first day) or `YYYY-MM-DD`. */
  start: string;
  /** A fixed end of the window: its last day `YYYY-MM-DD`, or its last month `YYYY-MM`. */
  end?: string;
  /** The window's length in periods from the as-of date (a rolling horizon). */
  horizon?: number;
  /** The length of a period. Default `month`. */
  period?: PeriodKind;
}

/** An observation the scenario carries: the event did not occur from the timeline's start through `noneThrough`. */
export type Observation = Documented & {
  event: string;
  /** The last day (inclusive) known to have passed without the event, `YYYY-MM-DD`. */
  noneThrough: string;
};

/** A named what-if: numeric overrides (as `--set`) and whole replacement distributions. */
export interface Variant {
  label?: string;
  description?: string;
  /** `{ base: -1.2 }` sets a param, `{ 'rokMediation.mean': 0.4 }` a factor field. */
  set?: Record<string, number>;
  /** Replaces a factor's whole distribution. */
  factors?: Record<string, DistSpec>;
  /** The variant's own as-of date, `YYYY-MM-DD` (a backtest's). */
  asOf?: string;
  /** Replaces the scenario's `observed` list (a backtest knows only what was known on its own date). */
  observed?: Observation[];
  /** Replaces fields of the scenario's timeline (a backtest's world start and window); `end` and `horizon` replace each other. */
  timeline?: Partial<Timeline>;
}

/**
 * An indicator to watch: something that may be observed, with how likely it is in a world
 * where the event happens and in one where it does not, or directly their ratio. An evidence
 * ledger cites it by name; observing it multiplies the event's odds by the likelihood ratio
 * `pIfEvent / pIfNotEvent`, and (with both probabilities given) observing that it did not
 * happen multiplies them by `(1 - pIfEvent) / (1 - pIfNotEvent)`. A signpost that the model
 * itself describes gives `given` instead, a condition over its nodes (e.g.
 * `"usDropsDenuclearization"`): observing it reweights the trials as a ledger's `given` does, so
 * its likelihood ratio comes from the model rather than from judgment.
 */
export type Signpost = Documented & {
  /** When it is expected or was observed, `YYYY-MM-DD` or `YYYY-MM`. */
  date?: string;
  /** The event the probabilities refer to. Default: the event being updated. */
  event?: string;
} & ({ pIfEvent: number; pIfNotEvent: number } | { likelihoodRatio: number } | { given: string });

/**
 * A Spearman rank correlation between two factors. Correlated factors are drawn together through
 * a Gaussian copula, so each keeps its own distribution exactly; pairs that share a factor form
 * one group, whose correlations must be able to hold at once.
 */
export type Correlation = Documented & {
  /** The two factors, by name. */
  factors: [string, string];
  /** Spearman's rank correlation, strictly between −1 and 1. */
  rank: number;
};

/** A source that `source` fields cite. */
export interface SourceRef {
  id: string;
  title: string;
  author?: string;
  date?: string;
  url?: string;
  note?: string;
}

/**
 * A scenario: plain JSON-compatible data naming params, factors, derived nodes and events.
 * Names share one namespace and must be identifiers.
 */
export interface Scenario {
  /** Editor hint (a JSON Schema URL); ignored, and not part of the hash. */
  $schema?: string;
  /** Stable identifier, lower-case words joined by hyphens, e.g. `trump-kim-summit`. */
  id: string;
  title: string;
  description?: string;
  params?: Record<string, ParamSpec>;
  factors?: Record<string, FactorSpec>;
  derived?: Record<string, DerivedSpec>;
  /** Real-valued results (see {@link OutputSpec}); names share one namespace with the other sections. */
  outputs?: Record<string, OutputSpec>;
  events: Record<string, EventSpec>;
  timeline?: Timeline;
  /** The date the forecast is made, `YYYY-MM-DD`. Default: today (UTC). */
  asOf?: string;
  /** What is already known: events that did not occur through a date. */
  observed?: Observation[];
  /** Rank correlations between factors (see {@link Correlation}); `--set corr.a.b=0.3` changes or adds one. */
  correlations?: Correlation[];
  variants?: Record<string, Variant>;
  /** Indicators an evidence ledger can cite by name (see {@link Signpost}). */
  signposts?: Record<string, Signpost>;
  sources?: SourceRef[];
}
