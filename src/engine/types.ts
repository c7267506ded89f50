import type { PeriodKind } from '../model/calendar';
import type { Overrides } from '../model/overrides';

/** Default number of trials when neither `trials` nor `halfWidth` is given. */
export const DEFAULT_TRIALS = 100_000;
/** Default cap on trials when stopping by `halfWidth`. */
export const DEFAULT_MAX_TRIALS = 10_000_000;
/** The most trials any run may ask for (about an hour of one core); larger requests are refused. */
export const TRIALS_LIMIT = 10_000_000_000;
/**
 * The smallest effective sample size, (Σw)² / Σw², that evidence may leave. Below it an
 * estimate rests on too few trials to trust (with 1,000 effective trials the 95% half-width of
 * any probability is at most about 3 percentage points), and the run refuses.
 */
export const MIN_EFFECTIVE_SAMPLE_SIZE = 1000;
/** Default trials per batch: the length of every column. */
export const DEFAULT_BATCH_SIZE = 2_000;

/** Why a run stopped. */
export type StopReason = 'trials' | 'halfWidth' | 'maxTrials' | 'aborted';

/** Progress of a run, reported after every chunk. */
export interface Progress {
  /** Trials done so far. */
  readonly trials: number;
  /** Trials the run will do at most (`trials`, or `maxTrials` when stopping by half-width). */
  readonly target: number;
  /** The widest event's current 95% half-width. */
  readonly halfWidth: number;
  /** Each event's estimate so far (a conditional whose condition has not held yet is absent): the data of a convergence chart. */
  readonly events: Readonly<Record<string, Estimate>>;
}

/** Options of {@link simulate}; every one has a default. */
export interface SimulateOptions {
  /** Seed of every stream. Default: a fresh seed from the platform's cryptographic source, recorded in the result. */
  seed?: string | number;
  /** Trials to run. Default 100,000. Ignored when `halfWidth` is given. */
  trials?: number;
  /** Stop as soon as every event's 95% half-width is below this (checked after each chunk). Default: off. */
  halfWidth?: number;
  /** Cap on trials when stopping by `halfWidth` (default 10,000,000); with a fixed `trials`, a larger request is refused. */
  maxTrials?: number;
  /** Overrides by name: `{ base: -1.2 }` sets a param, `{ 'rokMediation.mean': 0.4 }` a factor field. Default: none. */
  params?: Overrides;
  /** A named variant of the scenario, applied before `params`. Default: none (the scenario as written). */
  variant?: string;
  /** Stops the run between chunks; the partial result is returned with `stoppedBecause: 'aborted'`. */
  signal?: AbortSignal;
  /** Called after every chunk, in chunk order (on worker threads too: a run with a callback gets every chunk's totals back in order, instead of each thread folding its own). */
  onProgress?: (progress: Progress) => void;
  /** Trials evaluated together per column pass (memory/speed trade-off only; results do not depend on it). Default 2,000. */
  batchSize?: number;
  /**
   * The date the forecast is made, `YYYY-MM-DD`: timed events answer "at least one occurrence
   * from this date to the end of the window". Default: the variant's or the scenario's `asOf`,
   * else today (UTC). Recorded in the result.
   */
  asOf?: string;
  /** The window's length in periods from `asOf` (replaces the timeline's `horizon` or `end`). Default: the timeline's. */
  horizon?: number;
  /**
   * "Nothing yet" evidence: per timed event, the last day (`YYYY-MM-DD`, at most `asOf`) known
   * to have passed without it since the timeline's start. Each trial is weighted by its own
   * chance of that quiet stretch. Default: the scenario's `observed`; an entry here replaces the
   * scenario's for the same event.
   */
  noneThrough?: Readonly<Record<string, string>>;
}

/** Five quantiles of a quantity across the trials, i.e. across the model's worlds. */
export interface Quantiles {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/**
 * How a quantity varies across the model's worlds (its uncertain inputs), as opposed to the
 * simulation error of its mean: quantiles and a histogram of its per-trial values, weighted
 * under "nothing yet" evidence. From a quantile sketch: each quantile is within 0.5% (relative)
 * of the exact empirical one of the trials run.
 */
export interface Spread {
  readonly quantiles: Quantiles;
  /** Equal-width bins from the smallest to the largest value; `shares` sum to 1. */
  readonly histogram: { readonly from: number; readonly to: number; readonly shares: readonly number[] };
}

/** One event's estimate. */
export interface EventEstimate {
  /** Estimated probability. */
  readonly probability: number;
  /** 95% interval. */
  readonly ci95: readonly [number, number];
  readonly standardError: number;
  readonly trials: number;
  /**
   * `wilson` when every trial's value was 0 or 1 (a count, Wilson score interval);
   * `mean` when values are probabilities (mean of per-trial probabilities, normal interval);
   * `ratio` for a conditional event (ratio estimate with a delta-method interval);
   * `weighted` under "nothing yet" evidence (the self-normalized weighted mean of per-trial
   * probabilities, each trial weighted by its chance of the quiet stretch observed, with a
   * delta-method interval).
   */
  readonly method: 'wilson' | 'mean' | 'ratio' | 'weighted';
  /** For a conditional event: the event it is conditional on. */
  readonly given?: string;
  /**
   * The spread of the per-trial probability across the model's worlds (not simulation error:
   * it does not shrink with more trials). Absent for a 0/1 event (each world gives 0 or 1), a
   * conditional event, and a probability that is the same in every world.
   */
  readonly acrossWorlds?: Spread;
}

/** A probability with its interval, as reported in timelines. */
export interface Estimate {
  readonly probability: number;
  readonly ci95: readonly [number, number];
  readonly standardError: number;
}

/** One period of a timed event's curve over the forecast window. */
export interface TimelinePoint {
  /** The period: `2026-03` (month), `2026-Q1`, `2026`, or its first day for weeks and days. */
  readonly period: string;
  /** Its last day inside the window, `YYYY-MM-DD`. */
  readonly end: string;
  /** P(the event occurs from the window's start through `end`). */
  readonly cumulative: Estimate;
  /**
   * P(the event occurs by the window's end | it has not occurred from the window's start
   * through `end`); absent for the last period and when no trial leaves any chance of reaching
   * `end` without it.
   */
  readonly ifNoneYet?: Estimate;
}

/** The forecast window of a scenario with a timeline: timed events answer "at least one occurrence from `from` through `to`". */
export interface ForecastWindow {
  /** First day (the as-of date) and last day, inclusive, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  readonly period: PeriodKind;
  /** Periods the window touches (a partial first or last one counts for its share of days). */
  readonly periods: number;
}

/** "Nothing yet" evidence a run conditioned on, and how much of the sample it left. */
export interface EvidenceSummary {
  /** Per timed event, the last day known to have passed without it. */
  readonly noneThrough: Readonly<Record<string, string>>;
  /** (Σw)² / Σw² over the trials' weights: how many unweighted trials the weighted sample is worth. */
  readonly effectiveSampleSize: number;
}

/** Mean and standard deviation of a factor or derived node across trials, and a derived node's quantiles (weighted under evidence). */
export interface NodeSummary {
  readonly kind: 'factor' | 'derived';
  readonly mean: number;
  readonly sd: number;
  /** A derived node's quantiles across the trials (a factor's are those of its distribution). */
  readonly quantiles?: Quantiles;
}

/**
 * A real-valued output's estimate, in its own units: the mean with its simulation error (a
 * normal 95% interval, not clipped), and its spread across the model's worlds.
 */
export interface OutputEstimate {
  readonly mean: number;
  readonly ci95: readonly [number, number];
  readonly standardError: number;
  readonly trials: number;
  /** Standard deviation across trials (weighted under evidence). */
  readonly sd: number;
  readonly acrossWorlds: Spread;
}

/** What makes a run reproducible. */
export interface Manifest {
  readonly library: 'scenario-odds';
  readonly version: string;
  readonly rngAlgorithm: string;
  readonly chunkSize: number;
  /** `node vX.Y.Z`, `deno vX.Y.Z`, `bun vX.Y.Z`, or in a browser `browser (Chrome 126)` (`browser` when its user agent names no known browser). */
  readonly runtime: string;
  readonly seed: string;
  /** The date the forecast was made, `YYYY-MM-DD`; `verify` re-runs with it. */
  readonly asOf: string;
  readonly trials: number;
  readonly stoppedBecause: StopReason;
  readonly scenarioHash: string;
  /** SHA-256 of the canonical JSON of the numerical results (events, nodes, trials, stop reason). */
  readonly resultsHash: string;
  /** The settings that decide how many trials run. */
  readonly settings: {
    readonly trials?: number;
    readonly halfWidth?: number;
    readonly maxTrials?: number;
    /** Given only when the run's options set them (the scenario's own are in the scenario). */
    readonly horizon?: number;
    readonly noneThrough?: Readonly<Record<string, string>>;
  };
  readonly variant?: string;
  readonly overrides: Overrides;
}

/** The result of a run. */
export interface SimulationResult {
  readonly scenario: { readonly id: string; readonly title: string; readonly hash: string };
  /** The date the forecast was made, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The forecast window, for a scenario with a timeline. */
  readonly window?: ForecastWindow;
  /** The "nothing yet" evidence the estimates are conditioned on, if any. */
  readonly evidence?: EvidenceSummary;
  readonly seed: string;
  readonly trials: number;
  readonly stoppedBecause: StopReason;
  readonly events: Readonly<Record<string, EventEstimate>>;
  /** The scenario's real-valued outputs, when it declares any. */
  readonly outputs?: Readonly<Record<string, OutputEstimate>>;
  /** Factors and derived nodes (outputs are reported in `outputs`). */
  readonly nodes: Readonly<Record<string, NodeSummary>>;
  /** Per timed event, the cumulative curve by period over the window. */
  readonly timelines: Readonly<Record<string, readonly TimelinePoint[]>>;
  readonly manifest: Manifest;
  /** Wall-clock time of the run in milliseconds (not part of the results hash). */
  readonly elapsedMs: number;
}
