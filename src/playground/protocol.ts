/**
 * The messages between the playground page (app.ts) and its Web Worker (worker.ts). Types only:
 * both sides import them, neither gets code from here.
 *
 * Every request carries an `id`, increasing; every answer names the request it belongs to, and
 * the page ignores answers to requests it has since replaced. A `run` cancels the run and the
 * tornado in progress (their AbortSignals fire between chunks); a `tornado` cancels the tornado
 * in progress; `cancel` stops both. The worker answers each request at once with `started`, so
 * the page can tell a busy worker from one stuck in a long step, which it then terminates and
 * starts afresh.
 */
import type { ComparisonResult, Report, Scenario, SensitivityResult, ValidationIssue } from '../index';

/** The settings of the view: what every computation runs with. */
export interface RunSettings {
  /** The seed, as text (the CLI's `--seed` is text too). */
  readonly seed: string;
  /** Fixed trials, or stop once every 95% half-width is below `halfWidth` (exactly one is set). */
  readonly trials?: number;
  readonly halfWidth?: number;
  /** A named variant of the scenario, or none. */
  readonly variant?: string;
  /** The as-of date `YYYY-MM-DD`; default the variant's or scenario's own, else today (UTC). */
  readonly asOf?: string;
  /** The window's length in periods; default the timeline's. */
  readonly horizon?: number;
  /** Overrides as the CLI's `--set` takes them, in the order the controls show them. */
  readonly overrides: Readonly<Record<string, number>>;
  /** How the report's reproduce command names the scenario: a built-in id or a file's name. */
  readonly source: string;
}

/** Page → worker. */
export type WorkerRequest =
  /** Run the view (the report of the current settings), then the paired difference against the scenario as loaded. */
  | { readonly type: 'run'; readonly id: number; readonly scenario: Scenario; readonly settings: RunSettings }
  /** The tornado of one event with the current settings (no Sobol indices), with the trials and as-of date of the run shown. */
  | { readonly type: 'tornado'; readonly id: number; readonly scenario: Scenario; readonly settings: RunSettings; readonly event: string; readonly run: { readonly trials: number; readonly asOf: string } }
  /** report.json and report.html of the run `runId` (the last one that finished). */
  | { readonly type: 'download'; readonly id: number; readonly runId: number }
  /** Stop whatever runs (a new scenario is being loaded). */
  | { readonly type: 'cancel'; readonly id: number };

/** What a computation is doing, for the progress line and for errors. */
export type Stage = 'run' | 'compare' | 'tornado' | 'download';

/** An error made plain (errors lose their class on the way between threads). */
export interface PlainError {
  /** `scenario`: a ScenarioError (its issues say what); `numerical`: a NumericalError; `other`: anything else. */
  readonly kind: 'scenario' | 'numerical' | 'other';
  readonly message: string;
  readonly issues?: readonly ValidationIssue[];
}

/** Worker → page. */
export type WorkerResponse =
  | { readonly type: 'started'; readonly id: number }
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly stage: Stage;
      readonly trials: number;
      readonly target: number;
      /** A run's widest current 95% half-width (absent for the analyses). */
      readonly halfWidth?: number;
    }
  /** The view's run is done: its report (the results, and the command that reproduces them). */
  | { readonly type: 'result'; readonly id: number; readonly report: Report }
  /** The paired difference of the current settings against the scenario as loaded; `null` when nothing is overridden. */
  | { readonly type: 'comparison'; readonly id: number; readonly comparison: ComparisonResult | null }
  | { readonly type: 'tornado'; readonly id: number; readonly sensitivity: SensitivityResult }
  | { readonly type: 'files'; readonly id: number; readonly json: string; readonly html: string }
  | { readonly type: 'error'; readonly id: number; readonly stage: Stage; readonly error: PlainError }
  /** A request has nothing more to say (after its last answer, error or not). */
  | { readonly type: 'done'; readonly id: number };
