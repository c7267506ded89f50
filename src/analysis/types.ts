/**
 * The data every analysis returns: plain, JSON-compatible objects (so a notebook can plot
 * them and a report can embed them), each carrying the seed and trials that reproduce it.
 * No field ever holds NaN or an infinity: where a number is undefined, the field is absent.
 */
import type { Estimate, Spread } from '../engine/types';
import type { Overrides } from '../model/overrides';

/** Seed, trials and scenario identity of an analysis, for reproduction. */
export interface AnalysisRun {
  readonly scenario: { readonly id: string; readonly hash: string };
  /** The date the forecast was made, `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly seed: string;
  readonly trials: number;
}

/**
 * One event's paired difference between a variant and the baseline. Under "nothing yet"
 * evidence each side is its own weighted mean over the trials (each trial weighted by its
 * chance, in that side's model, of the quiet stretch observed), as `simulate` reports it.
 */
export interface EventDifference {
  /** The baseline's probability (as `simulate` reports it for the same seed and trials). */
  readonly baseline: number;
  /** The variant's probability (as `simulate` of the variant reports it). */
  readonly variant: number;
  /**
   * variant − baseline in percentage points (`probability` holds the difference, e.g. 2.5 for
   * +2.5 pp; `ci95` and `standardError` are in percentage points too), with a 95% interval from
   * the per-trial paired differences (under evidence, the delta method for the difference of
   * two weighted means on the same trials). Exactly 0 with a zero-width interval when no trial differs.
   */
  readonly differencePp: Estimate;
  /** Odds(variant) / Odds(baseline); undefined where either probability is 0 or 1. */
  readonly oddsRatio?: number;
  /** 95% interval of the odds ratio (delta method on the paired log odds ratio); absent with `oddsRatio`. */
  readonly oddsRatioCi95?: readonly [number, number];
  /**
   * Share of trials in which the variant's per-trial probability exceeds the baseline's (for a
   * conditional event, its per-trial probability given the condition). Undefined for 0/1
   * events, whose per-trial "difference" is a flipped outcome rather than a shift in odds, and
   * under "nothing yet" evidence, where trials no longer count equally and a share of them
   * describes the worlds before the evidence rather than after it.
   */
  readonly probabilityGreater?: number;
  /** Share of trials in which it is lower (so ties are 1 − greater − less); undefined with `probabilityGreater`. */
  readonly probabilityLess?: number;
  /**
   * How the per-trial difference of the event's chance (variant − baseline, as a probability,
   * not in pp) varies across the model's worlds, weighted under evidence by the baseline's
   * weights; absent for a conditional event and when the difference is the same in every world.
   */
  readonly acrossWorlds?: Spread;
}

/** A variant compared with the baseline on common random numbers. */
export interface VariantComparison {
  readonly name: string;
  readonly description?: string;
  /** The named variant applied, if any. */
  readonly variant?: string;
  readonly overrides: Overrides;
  readonly events: Readonly<Record<string, EventDifference>>;
  /** Every real-valued output of the scenario, compared in its own units. */
  readonly outputs?: Readonly<Record<string, OutputDifference>>;
}

/** One output's paired difference between a variant and the baseline, in the output's units. */
export interface OutputDifference {
  /** The baseline's mean (as `simulate` reports it for the same seed and trials). */
  readonly baseline: number;
  readonly variant: number;
  /** Variant minus baseline, with a 95% interval from the paired per-trial differences. */
  readonly difference: { readonly value: number; readonly ci95: readonly [number, number]; readonly standardError: number };
  /** How the per-trial difference varies across the model's worlds (absent when it is the same in every one). */
  readonly acrossWorlds?: Spread;
}

/** Result of `compare`. */
export interface ComparisonResult extends AnalysisRun {
  readonly kind: 'comparison';
  /** What the variants are compared with: the scenario as written, or with this variant and overrides. */
  readonly baseline?: { readonly variant?: string; readonly overrides: Overrides };
  readonly variants: readonly VariantComparison[];
}

/** One bar of a tornado chart: the event's probability with one input moved low and high. */
export interface TornadoBar {
  readonly name: string;
  readonly kind: 'factor' | 'param';
  /** What "low" and "high" mean: e.g. "10th percentile (0.61)" or "-1.5 (−0.5)". */
  readonly lowSetting: string;
  readonly highSetting: string;
  /** The input's value in the low and high settings. */
  readonly lowValue?: number;
  readonly highValue?: number;
  readonly low: Estimate;
  readonly high: Estimate;
  /** |high − low| in probability. */
  readonly swing: number;
  /** 95% interval of the swing, from the per-trial paired differences high − low (common random numbers). */
  readonly swingCi95?: readonly [number, number];
}

/** A variance-based sensitivity index with its bootstrap 95% interval. */
export interface SobolIndex {
  readonly factor: string;
  readonly first: { readonly estimate: number; readonly ci95: readonly [number, number] };
  readonly total: { readonly estimate: number; readonly ci95: readonly [number, number] };
}

/** Result of `sensitivity` for one event. */
export interface SensitivityResult extends AnalysisRun {
  readonly kind: 'sensitivity';
  readonly event: string;
  /** Set when `event` names a real-valued output: then `baseline` and the tornado's estimates hold its mean (in `probability`) in its own units, with unclipped intervals. */
  readonly output?: true;
  /** The event's probability as `simulate` reports it (weighted under "nothing yet" evidence). */
  readonly baseline: Estimate;
  /** Sorted by swing, largest first; under evidence each setting is weighted by its own model's chance of the quiet stretch. */
  readonly tornado: readonly TornadoBar[];
  /** How far each param was moved for the tornado: a fraction of its value (`relative`) or an absolute amount. */
  readonly paramStep: number;
  readonly paramStepKind?: 'relative' | 'absolute';
  /** The percentiles factors were pinned at (default [0.1, 0.9]). */
  readonly percentiles?: readonly [number, number];
  /** Computed on the model's worlds before any "nothing yet" evidence (a note says so when there is some). */
  readonly sobol: readonly SobolIndex[];
  /** Base samples N of the Saltelli design (model evaluations = N·(k+2)). */
  readonly sobolSamples: number;
  /** Bootstrap resamples behind the Sobol intervals. */
  readonly bootstrap?: number;
  /** Variance of the event's per-trial probability over the Sobol samples (the denominator of every index). */
  readonly variance?: number;
  /** Anything left out and why (an input whose moved value broke the model, no variance to decompose, …). */
  readonly notes?: readonly string[];
}

/** One term of a log-odds waterfall. */
export interface AttributionTerm {
  readonly name: string;
  /** Human label of the factor or param the term is about, if the scenario gives one. */
  readonly label?: string;
  /** The term's formula as written, e.g. `wDomestic * usDomesticConstraints`. */
  readonly formula: string;
  /** Mean contribution to the log-odds (weighted under "nothing yet" evidence), with a 95% interval (Monte Carlo error of the mean). */
  readonly mean: number;
  readonly ci95: readonly [number, number];
  /**
   * The central 95% of the term's per-trial values over every trial: how much it varies across
   * the model's worlds (under evidence, weighted). Read from a quantile sketch of the values, so
   * each end is within 0.5% (relative) of the exact empirical quantile.
   */
  readonly range95?: readonly [number, number];
}

/** Result of `attribution` for one event. */
export type AttributionResult = AnalysisRun & { readonly kind: 'attribution'; readonly event: string } & (
    | {
        readonly applicable: true;
        /**
         * `event`: the sum is the event's own per-trial log-odds (`sigmoid(sum)`, possibly times
         * other factors); `hazard`: it is the log-odds of a timed event's per-period hazard.
         */
        readonly scale: 'event' | 'hazard';
        /** The form found, e.g. `summit hazard = sigmoid(monthlyLogOdds) * agendaGate`. */
        readonly form: string;
        /** The first term of the sum that involves no factor (the base rate); 0 if there is none. */
        readonly baseLogOdds: number;
        readonly baseFormula?: string;
        /** Every other term, in the order written. */
        readonly terms: readonly AttributionTerm[];
        /** baseLogOdds + Σ term means; sigmoid(meanLogOdds) is the probability at mean log-odds. */
        readonly meanLogOdds: number;
        /**
         * The last bar: logit(probability) − meanLogOdds, what takes the waterfall from the mean
         * log-odds to the reported probability (averaging over uncertainty and, for a hazard or
         * a product, the other factors, windows and compounding). Base + terms + remainder = finalLogOdds.
         */
        readonly remainder: AttributionTerm;
        /** logit of the reported probability. */
        readonly finalLogOdds: number;
        /** The event's reported probability (mean of per-trial probabilities, weighted under "nothing yet" evidence, as `simulate` reports it). */
        readonly probability: Estimate;
      }
    | { readonly applicable: false; readonly reason: string }
  );

/** One observation applied to the odds. */
export interface EvidenceStep {
  /**
   * `signpost`: a likelihood ratio multiplies the odds; `condition`: trials are reweighted, by a
   * condition on the model's own nodes or by "nothing yet" (each trial's chance of the quiet stretch).
   */
  readonly kind?: 'signpost' | 'condition';
  readonly date?: string;
  /** The signpost's name or label (also for a condition that has one: a model-described signpost, or a ledger row's `signpost`), else the condition's formula or `no EVENT through DATE`. */
  readonly signpost: string;
  readonly description?: string;
  /** For a condition: the implied ratio (posterior odds / odds before it). */
  readonly likelihoodRatio: number;
  readonly reason?: string;
  /** Probability after this observation. */
  readonly probability: number;
  /** Its 95% interval (the Monte Carlo interval carried through the odds updates). */
  readonly ci95?: readonly [number, number];
  /** For a condition: the effective sample size left after weighting, (Σw)² / Σw². */
  readonly effectiveSampleSize?: number;
}

/** Result of `update` (an evidence ledger applied in order). */
export interface EvidenceResult extends AnalysisRun {
  readonly kind: 'evidence';
  readonly event: string;
  /** The event's simulated probability (under the run's "nothing yet" evidence, weighted), as `simulate` reports it. */
  readonly prior: Estimate;
  readonly steps: readonly EvidenceStep[];
  /** Final probability, with the prior's interval carried through the odds updates. */
  readonly posterior: Estimate;
  /** The smallest effective sample size a condition may leave (see `MIN_EFFECTIVE_SAMPLE_SIZE`). */
  readonly minEffectiveSampleSize?: number;
}

/** Any analysis result. */
export type AnalysisResult = ComparisonResult | SensitivityResult | AttributionResult | EvidenceResult;
