/**
 * The shape of a report: one plain, JSON-compatible object from which `report.json`,
 * `report.md` and `report.html` are rendered, and which `verifyReport` re-runs.
 */
import type { AttributionResult, ComparisonResult, EvidenceResult, SensitivityResult } from '../analysis/types';
import type { DistName, Icd203Term } from '../distributions';
import type { Estimate, EventEstimate, EvidenceSummary, ForecastWindow, Manifest, NodeSummary, OutputEstimate, SimulateOptions, SimulationResult, StopReason, TimelinePoint } from '../engine/types';
import type { Overrides } from '../model/overrides';
import type { HazardWindow, Scenario } from '../model/types';

/** The value of `format` in every report, so a stray JSON file is told apart from a report. */
export const REPORT_FORMAT = 'scenario-odds-report';
/** The version of the report layout this library writes and reads. */
export const REPORT_FORMAT_VERSION = 2;

/** Analyses to include in a report; each is rendered when given. */
export interface ReportAnalyses {
  /** Variants compared with the baseline (the result of `compare`). */
  readonly comparison?: ComparisonResult;
  /** Tornado and Sobol indices for one event (the result of `sensitivity`). */
  readonly sensitivity?: SensitivityResult;
  /** Log-odds waterfall for one event (the result of `attribution`). */
  readonly attribution?: AttributionResult;
  /** An evidence ledger applied to one event (the result of `update`). */
  readonly evidence?: EvidenceResult;
}

/** Options of {@link buildReport}: the run's options plus what only a report needs. */
/**
 * The engine a report runs its scenario with: the core `simulate` by default (one thread, also
 * in browsers). `scenario-odds/node`'s `simulate` with `workers` gives the same numbers, bit
 * for bit, on several threads: `{ simulate: (s, o) => simulate(s, { ...o, workers: 4 }) }`.
 */
export type SimulateFn = (scenario: Scenario, options: SimulateOptions) => Promise<SimulationResult>;

export interface ReportOptions extends SimulateOptions {
  /** The engine to run the scenario with (default: the core `simulate`, one thread). */
  simulate?: SimulateFn;
  /** Analyses to render. Default: none. They are embedded as given and covered by `reportHash`, but not re-run by `verifyReport`. */
  analyses?: ReportAnalyses;
  /**
   * How the reproducing command names the scenario: a file path or a built-in id. Default: the
   * scenario's id when the scenario is that built-in one unchanged, else `<id>.json`.
   */
  source?: string;
  /**
   * A time stamp to show in the report (any text, e.g. an ISO date). Default: none, so that
   * the same inputs give byte-identical files. It is kept out of every hash.
   */
  generatedAt?: string;
}

/** One factor as the report's "what was asked" table shows it. */
export interface ReportFactor {
  readonly name: string;
  readonly label?: string;
  readonly family: DistName;
  /** `createDistribution(spec).describe()`, e.g. `Beta(8.089, 2.022) (mean 0.8, sd 0.12)`. */
  readonly distribution: string;
  /** The distribution as the scenario wrote it, when the variant or an override changed it. */
  readonly asWritten?: string;
  /**
   * Exact mean of the distribution (for categorical: of the sampled index); absent where it
   * does not exist (a Student t with df <= 1, a mixture with such a component).
   */
  readonly mean?: number;
  /** Exact standard deviation; absent where it is infinite or does not exist (a t with df <= 2). */
  readonly sd?: number;
  readonly description?: string;
  readonly source?: string;
}

/** One param as the report's table shows it. */
export interface ReportParam {
  readonly name: string;
  readonly label?: string;
  /** The value the run used. */
  readonly value: number;
  /** The value as the scenario wrote it, when the variant or an override changed it. */
  readonly asWritten?: number;
  readonly description?: string;
  readonly source?: string;
}

/** A derived node or an event with its formula. */
export interface ReportFormula {
  readonly name: string;
  /** `derived`, `output` (a real-valued result), or the event's kind: `probability`, `conditional` (with `given`) or `timed` (a hazard per period). */
  readonly kind: 'derived' | 'output' | 'probability' | 'conditional' | 'timed';
  readonly label?: string;
  /** The formula (for a timed event, its per-period hazard). */
  readonly formula: string;
  readonly given?: string;
  readonly windows?: readonly HazardWindow[];
  readonly description?: string;
}

/** The named variant a run applied, with its documentation. */
export interface ReportVariant {
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
}

/** What was asked: the question, the model and the settings of the run. */
export interface ReportAsked {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** How the reproducing command names the scenario (a file or a built-in id). */
  readonly source: string;
  readonly variant?: ReportVariant;
  /** `--set` overrides, applied after the variant. */
  readonly overrides: Overrides;
  readonly seed: string;
  /** The date the forecast was made, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The settings that decide how many trials run, and the window and evidence when options set them. */
  readonly settings: Manifest['settings'];
  readonly factors: readonly ReportFactor[];
  readonly params: readonly ReportParam[];
  readonly formulas: readonly ReportFormula[];
}

/** The engine's numerical results: exactly what `manifest.resultsHash` is the hash of. */
export interface ReportResults {
  readonly events: Readonly<Record<string, EventEstimate>>;
  readonly outputs?: Readonly<Record<string, OutputEstimate>>;
  readonly nodes: Readonly<Record<string, NodeSummary>>;
  readonly timelines: Readonly<Record<string, readonly TimelinePoint[]>>;
  readonly trials: number;
  readonly stoppedBecause: StopReason;
  readonly window?: ForecastWindow;
  readonly evidence?: EvidenceSummary;
}

/** One event's estimate in words. */
export interface EventFinding {
  readonly event: string;
  readonly label?: string;
  /** For a conditional event, the event it is conditional on. */
  readonly given?: string;
  /** ICD-203 expression of likelihood of the estimate; absent for a quantity that is the same in every world (exact, from fixed params). */
  readonly term?: Icd203Term;
  /** The expressions of the simulation interval's two ends; they differ when it straddles two. */
  readonly intervalTerms?: readonly [Icd203Term, Icd203Term];
  /** Set when the interval straddles two (or more) expressions, saying which. */
  readonly warning?: string;
  /** The factors the event merely restates (it reads factors and params only): its phrase is about an input, not a finding. */
  readonly aboutInput?: readonly string[];
  /** The finding as one sentence, numbers included. */
  readonly sentence: string;
}

/** The estimates after one chunk of the run: a point of the convergence chart. */
export interface ConvergencePoint {
  readonly trials: number;
  /** Each event's estimate so far (a conditional event is absent until its condition has held). */
  readonly events: Readonly<Record<string, Estimate>>;
}

/** How to reproduce the report. */
export interface ReportReproduce {
  /** The command that re-runs the scenario from its source and writes the same report. */
  readonly command: string;
  /** The command that re-runs the embedded scenario and checks the results hash. */
  readonly verify: string;
}

/**
 * A reproducible report: what was asked, what was found, and how to reproduce it. Plain
 * JSON-compatible data in a fixed key order; `renderJson` writes it as `report.json`.
 */
export interface Report {
  readonly format: typeof REPORT_FORMAT;
  readonly formatVersion: typeof REPORT_FORMAT_VERSION;
  /** Shown in the report, outside every hash (absent unless given). */
  readonly generatedAt?: string;
  /** The date the forecast was made, `YYYY-MM-DD`; verify re-runs with it, never with today's. */
  readonly asOf: string;
  readonly asked: ReportAsked;
  readonly findings: readonly EventFinding[];
  readonly results: ReportResults;
  /** At most about 200 points, evenly thinned from one per chunk (first and last kept). */
  readonly convergence: readonly ConvergencePoint[];
  readonly analyses: ReportAnalyses;
  readonly manifest: Manifest;
  readonly reproduce: ReportReproduce;
  /** The scenario exactly as it ran (variant and overrides applied): enough to re-run it. */
  readonly scenario: Scenario;
  /** SHA-256 of the canonical JSON of everything above except `generatedAt`: any later edit changes it. */
  readonly reportHash: string;
}

/** One place where a report and its re-run (or its recorded hash) disagree. */
export interface VerifyDifference {
  /** Dotted path, e.g. `events.summit.probability` or `convergence[2].events.summit.ci95[0]`. */
  readonly path: string;
  /** The value in the report (undefined if absent there). */
  readonly recorded: unknown;
  /** The value from the re-run (undefined if absent there). */
  readonly rerun: unknown;
}

/** Why a report did not verify. */
export interface VerifyProblem {
  /**
   * `report-edited`: the report's content no longer matches its `reportHash`;
   * `results-edited`: the embedded results no longer hash to `manifest.resultsHash`;
   * `scenario-edited`: the embedded scenario no longer hashes to `manifest.scenarioHash`;
   * `results-differ`: the re-run's numbers differ from the embedded ones;
   * `convergence-differs`: the re-run's per-chunk estimates differ from the embedded ones;
   * `report-differs`: a field of report.json (a finding's sentence, a displayed param, the
   * reproduce command, the title, a manifest field, ...) differs from the report the re-run
   * renders; `environment-differs`: the numbers reproduce, but the report records another
   * library version (`manifest.version`) or runtime (`manifest.runtime`: Node, Deno, Bun or a
   * browser, and its major version) than the one verifying it; `sibling-differs`: `report.md` or `report.html` is not
   * the rendering of report.json (`file` names it).
   */
  readonly code: 'report-edited' | 'results-edited' | 'scenario-edited' | 'results-differ' | 'convergence-differs' | 'report-differs' | 'environment-differs' | 'sibling-differs';
  readonly message: string;
  readonly differences?: readonly VerifyDifference[];
  /** For `sibling-differs`: the file, as given in {@link VerifyOptions.siblings}. */
  readonly file?: string;
}

/** The verdict of {@link verifyReport}. */
export interface VerifyResult {
  /** True when nothing differs. */
  readonly reproduced: boolean;
  readonly scenario: { readonly id: string; readonly title: string };
  readonly seed: string;
  readonly trials: number;
  /** The results hash the report records. */
  readonly resultsHash: string;
  readonly problems: readonly VerifyProblem[];
  /** When numbers differ: a different library version, Node major version, RNG or chunk size, if any. */
  readonly likelyCause?: string;
  /** What was re-derived and compared, what was taken as recorded, and which files were checked: plain sentences. */
  readonly notes: readonly string[];
  /** The fields of this report that are not re-derived (only `reportHash` covers them), e.g. `analyses.sensitivity`, `asked.variant`. */
  readonly notRederived: readonly string[];
}

/** A rendering of the report found beside it, to be checked byte for byte. */
export interface VerifySibling {
  readonly format: 'md' | 'html';
  /** How messages name it, e.g. `report.md`. */
  readonly file: string;
  readonly text: string;
}

/** Options of {@link verifyReport}. */
export interface VerifyOptions {
  /** Aborts the re-run. Default: none. */
  signal?: AbortSignal;
  /** The engine that re-runs the scenario. Default: the core `simulate` (see {@link SimulateFn}). */
  simulate?: SimulateFn;
  /** The most trials the recorded settings may ask for; more is refused before sampling with a {@link TrialBudgetError}. Default {@link DEFAULT_TRIAL_BUDGET} (10,000,000). */
  trialBudget?: number;
  /** `report.md` / `report.html` found beside the report, compared byte for byte with its rendering. Default: none (then the verdict says only the JSON was verified). */
  siblings?: readonly VerifySibling[];
}
