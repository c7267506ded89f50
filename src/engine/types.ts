import type { Overrides } from '../model/overrides';

/** Default number of trials when neither `trials` nor `halfWidth` is given. */
export const DEFAULT_TRIALS = 100_000;
/** Default cap on trials when stopping by `halfWidth`. */
export const DEFAULT_MAX_TRIALS = 10_000_000;
/** The most trials any run may ask for (about an hour of one core); larger requests are refused. */
export const TRIALS_LIMIT = 10_000_000_000;
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
  /** Called after every chunk. */
  onProgress?: (progress: Progress) => void;
  /** Trials evaluated together per column pass (memory/speed trade-off only; results do not depend on it). Default 2,000. */
  batchSize?: number;
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
   * `ratio` for a conditional event (ratio estimate with a delta-method interval).
   */
  readonly method: 'wilson' | 'mean' | 'ratio';
  /** For a conditional event: the event it is conditional on. */
  readonly given?: string;
}

/** A probability with its interval, as reported in timelines. */
export interface Estimate {
  readonly probability: number;
  readonly ci95: readonly [number, number];
  readonly standardError: number;
}

/** One period of a timed event's curve. */
export interface TimelinePoint {
  /** The period, `YYYY-MM`. */
  readonly period: string;
  /** Its last day, `YYYY-MM-DD`. */
  readonly end: string;
  /** P(the event has occurred by `end`). */
  readonly cumulative: Estimate;
  /**
   * P(the event occurs by the timeline's end | it has not occurred by `end`); absent for the
   * last period and when no trial leaves any chance of reaching `end` without it.
   */
  readonly ifNoneYet?: Estimate;
}

/** Mean and standard deviation of a factor or derived node across trials. */
export interface NodeSummary {
  readonly kind: 'factor' | 'derived';
  readonly mean: number;
  readonly sd: number;
}

/** What makes a run reproducible. */
export interface Manifest {
  readonly library: 'scenario-odds';
  readonly version: string;
  readonly rngAlgorithm: string;
  readonly chunkSize: number;
  /** `node vX.Y.Z`, or `browser` elsewhere. */
  readonly runtime: string;
  readonly seed: string;
  readonly trials: number;
  readonly stoppedBecause: StopReason;
  readonly scenarioHash: string;
  /** SHA-256 of the canonical JSON of the numerical results (events, nodes, trials, stop reason). */
  readonly resultsHash: string;
  /** The settings that decide how many trials run. */
  readonly settings: { readonly trials?: number; readonly halfWidth?: number; readonly maxTrials?: number };
  readonly variant?: string;
  readonly overrides: Overrides;
}

/** The result of a run. */
export interface SimulationResult {
  readonly scenario: { readonly id: string; readonly title: string; readonly hash: string };
  readonly seed: string;
  readonly trials: number;
  readonly stoppedBecause: StopReason;
  readonly events: Readonly<Record<string, EventEstimate>>;
  readonly nodes: Readonly<Record<string, NodeSummary>>;
  /** Per timed event, the cumulative curve by period. */
  readonly timelines: Readonly<Record<string, readonly TimelinePoint[]>>;
  readonly manifest: Manifest;
  /** Wall-clock time of the run in milliseconds (not part of the results hash). */
  readonly elapsedMs: number;
}
