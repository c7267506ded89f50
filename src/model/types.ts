import type { DistSpec } from '../dist';

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
export type ParamSpec = number | (Documented & { value: number });

/** A factor: an uncertain quantity with a distribution, sampled once per trial. */
export type FactorSpec = DistSpec;

/** A derived quantity: a formula over params, factors and other derived nodes. */
export type DerivedSpec = string | (Documented & { formula: string });

/**
 * An event whose formula gives, per trial, the probability in [0, 1] that it occurs (or a 0/1
 * condition). With `given`, the formula is the probability of this event given that the named
 * event occurs in the same trial, and the event is reported as that conditional probability.
 */
export type ProbabilityEventSpec = Documented & { p: string; given?: string };

/** A period range in which a timed event's hazard is multiplied by a formula's value. */
export interface HazardWindow {
  /** First period, `YYYY-MM`. */
  from: string;
  /** Last period (inclusive), `YYYY-MM`. */
  to: string;
  /** Formula for the multiplier (>= 0); may use params, factors and derived nodes. */
  multiplier: string;
  label?: string;
  source?: string;
}

/**
 * A timed event: `hazard` gives, per trial, the probability of a first occurrence in each
 * period of the scenario's timeline (before windows); the event's probability is that of
 * occurring by the timeline's end.
 */
export type TimedEventSpec = Documented & { hazard: string; windows?: HazardWindow[] };

/** An event, written as a bare formula or in one of its object forms. */
export type EventSpec = string | ProbabilityEventSpec | TimedEventSpec;

/** Monthly periods from `start` to `end` inclusive (`YYYY-MM`), for timed events. */
export interface Timeline {
  start: string;
  end: string;
  period?: 'month';
}

/** A named what-if: numeric overrides (as `--set`) and whole replacement distributions. */
export interface Variant {
  label?: string;
  description?: string;
  /** `{ base: -1.2 }` sets a param, `{ 'rokMediation.mean': 0.4 }` a factor field. */
  set?: Record<string, number>;
  /** Replaces a factor's whole distribution. */
  factors?: Record<string, DistSpec>;
}

/**
 * An indicator to watch: something that may be observed, with how likely it is in a world
 * where the event happens and in one where it does not, or directly their ratio. An evidence
 * ledger cites it by name; observing it multiplies the event's odds by the likelihood ratio
 * `pIfEvent / pIfNotEvent`, and (with both probabilities given) observing that it did not
 * happen multiplies them by `(1 - pIfEvent) / (1 - pIfNotEvent)`.
 */
export type Signpost = Documented & {
  /** When it is expected or was observed, `YYYY-MM-DD` or `YYYY-MM`. */
  date?: string;
  /** The event the probabilities refer to. Default: the event being updated. */
  event?: string;
} & ({ pIfEvent: number; pIfNotEvent: number } | { likelihoodRatio: number });

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
  events: Record<string, EventSpec>;
  timeline?: Timeline;
  variants?: Record<string, Variant>;
  /** Indicators an evidence ledger can cite by name (see {@link Signpost}). */
  signposts?: Record<string, Signpost>;
  sources?: SourceRef[];
}
