/**
 * The data every analysis returns: plain, JSON-compatible objects (so a notebook can plot
 * them and a report can embed them), each carrying the seed and trials that reproduce it.
 */
import type { Estimate } from '../engine/types';
import type { Overrides } from '../model/overrides';

/** Seed, trials and scenario identity of an analysis, for reproduction. */
export interface AnalysisRun {
  readonly scenario: { readonly id: string; readonly hash: string };
  readonly seed: string;
  readonly trials: number;
}

/** One event's paired difference between a variant and the baseline. */
export interface EventDifference {
  readonly baseline: number;
  readonly variant: number;
  /** variant − baseline in percentage points, with a 95% interval from per-trial paired differences. */
  readonly differencePp: Estimate;
  /** Odds(variant) / Odds(baseline); undefined where either probability is 0 or 1. */
  readonly oddsRatio?: number;
  /** Share of trials in which the variant's per-trial probability exceeds the baseline's (undefined when not meaningful, e.g. 0/1 events). */
  readonly probabilityGreater?: number;
}

/** A variant compared with the baseline on common random numbers. */
export interface VariantComparison {
  readonly name: string;
  readonly description?: string;
  /** The named variant applied, if any. */
  readonly variant?: string;
  readonly overrides: Overrides;
  readonly events: Readonly<Record<string, EventDifference>>;
}

/** Result of `compare`. */
export interface ComparisonResult extends AnalysisRun {
  readonly kind: 'comparison';
  readonly variants: readonly VariantComparison[];
}

/** One bar of a tornado chart: the event's probability with one input moved low and high. */
export interface TornadoBar {
  readonly name: string;
  readonly kind: 'factor' | 'param';
  /** What "low" and "high" mean: e.g. "10th percentile (0.61)" or "-1.5 (−0.5)". */
  readonly lowSetting: string;
  readonly highSetting: string;
  readonly low: Estimate;
  readonly high: Estimate;
  /** |high − low| in probability. */
  readonly swing: number;
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
  readonly baseline: Estimate;
  /** Sorted by swing, largest first. */
  readonly tornado: readonly TornadoBar[];
  /** How far each param was moved for the tornado (absolute step). */
  readonly paramStep: number;
  readonly sobol: readonly SobolIndex[];
  /** Base samples N of the Saltelli design (model evaluations = N·(k+2)). */
  readonly sobolSamples: number;
}

/** One term of a log-odds waterfall. */
export interface AttributionTerm {
  readonly name: string;
  /** The term's formula as written, e.g. `wDomestic * usDomesticConstraints`. */
  readonly formula: string;
  /** Mean contribution to the log-odds, with a 95% interval. */
  readonly mean: number;
  readonly ci95: readonly [number, number];
}

/** Result of `attribution` for one event. */
export type AttributionResult = AnalysisRun & { readonly kind: 'attribution'; readonly event: string } & (
    | {
        readonly applicable: true;
        /** The constant part of the sum (params and literals), as log-odds and probability. */
        readonly baseLogOdds: number;
        readonly terms: readonly AttributionTerm[];
        /** Sum of base and mean terms; sigmoid(meanLogOdds) is the probability at mean log-odds. */
        readonly meanLogOdds: number;
        /** The event's reported probability (mean of per-trial probabilities). */
        readonly probability: Estimate;
      }
    | { readonly applicable: false; readonly reason: string }
  );

/** One observation applied to the odds. */
export interface EvidenceStep {
  readonly date?: string;
  readonly signpost: string;
  readonly description?: string;
  readonly likelihoodRatio: number;
  readonly reason?: string;
  /** Probability after this observation. */
  readonly probability: number;
}

/** Result of `update` (an evidence ledger applied in order). */
export interface EvidenceResult extends AnalysisRun {
  readonly kind: 'evidence';
  readonly event: string;
  readonly prior: Estimate;
  readonly steps: readonly EvidenceStep[];
  /** Final probability, with the prior's interval carried through the odds updates. */
  readonly posterior: Estimate;
}

/** Any analysis result. */
export type AnalysisResult = ComparisonResult | SensitivityResult | AttributionResult | EvidenceResult;
