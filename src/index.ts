/**
 * scenario-odds: turn an argument about the world into reproducible odds.
 *
 * @packageDocumentation
 */
export { VERSION } from './version';
export { ScenarioError, formatIssues, type ValidationIssue } from './issues';
export { RNG_ALGORITHM, createStream, generateSeed, type RandomStream } from './rng';
export {
  createDistribution,
  validateDistSpec,
  distSpecSchema,
  ICD203_TERMS,
  icd203Term,
  type DistSpec,
  type Distribution,
} from './distributions';
export {
  parseFormula,
  compileFormula,
  evaluateScalar,
  formulaNames,
  FormulaError,
  FORMULA_FUNCTIONS,
  FORMULA_CONSTANTS,
  type FormulaConstantInfo,
  type FormulaAst,
  type ColumnProgram,
} from './expr';
export type { Scenario, ParamSpec, FactorSpec, DerivedSpec, OutputSpec, EventSpec, Documented } from './model/types';
export { validateScenario, assertScenario, type CheckedScenario } from './model/validate';
export type { CorrelationGroup } from './model/correlations';
export { scenarioJsonSchema } from './model/schema';
export { canonicalJson, canonicalHash, scenarioHash } from './model/canonical';
export { applyOverrides, parseAssignments, type Overrides } from './model/overrides';
export {
  simulate,
  simulateSync,
  DEFAULT_TRIALS,
  DEFAULT_MAX_TRIALS,
  TRIALS_LIMIT,
  type SimulateOptions,
  type SimulationResult,
  type EventEstimate,
  type OutputEstimate,
  type Spread,
  type Quantiles,
  type NodeSummary,
  type Manifest,
  type StopReason,
  type Progress,
} from './engine/simulate';
export { CHUNK_SIZE, NumericalError, type NumericalErrorData } from './engine/chunk';
export { wilsonInterval, meanInterval, Z95, type Interval } from './engine/intervals';
export { BUILTIN_SCENARIOS, builtinScenario, trumpKimSummit } from './scenarios';
export { summarize } from './report/text';
export { displayable, JUPYTER_DISPLAY, type Displayable, type MimeBundle } from './report/jupyter';
export { formatPercent } from './report/format';
export { buildReport } from './report/build';
export { renderJson, parseReport, ReportError } from './report/json';
export { renderMarkdown } from './report/markdown';
export { renderHtml } from './report/html';
export { DEFAULT_TRIAL_BUDGET, TrialBudgetError, verifyReport } from './report/verify';
export {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type Report,
  type ReportOptions,
  type SimulateFn,
  type ReportAnalyses,
  type ReportAsked,
  type ReportFactor,
  type ReportParam,
  type ReportFormula,
  type ReportVariant,
  type ReportResults,
  type ReportReproduce,
  type EventFinding,
  type ConvergencePoint,
  type VerifyResult,
  type VerifyProblem,
  type VerifyDifference,
  type VerifyOptions,
  type VerifySibling,
} from './report/types';
export { applyVariant } from './model/overrides';
export type { Timeline, Variant, HazardWindow, AbsoluteWindow, RecurringWindow, Observation, Correlation, ProbabilityEventSpec, TimedEventSpec, SourceRef } from './model/types';
export type { PeriodKind } from './model/calendar';
export type { Estimate, TimelinePoint, ForecastWindow, EvidenceSummary } from './engine/simulate';
export {
  compareVariants,
  compareVariantsSync,
  analyzeSensitivity,
  analyzeSensitivitySync,
  jansenIndices,
  attributeLogOdds,
  attributeLogOddsSync,
  updateOdds,
  updateOddsSync,
  parseLedger,
  MIN_EFFECTIVE_SAMPLE_SIZE,
  DEFAULT_PARAM_STEP,
  DEFAULT_PERCENTILES,
  DEFAULT_SOBOL_SAMPLES,
  DEFAULT_BOOTSTRAP,
  type AnalysisOptions,
  type AnalysisProgress,
  type CompareOptions,
  type VariantSpec,
  type SensitivityOptions,
  type JansenIndex,
  type JansenOptions,
  type JansenResult,
  type AttributionOptions,
  type UpdateOptions,
  type EvidenceLedger,
  type LedgerObservation,
  type AnalysisRun,
  type AnalysisResult,
  type ComparisonResult,
  type OutputDifference,
  type VariantComparison,
  type EventDifference,
  type SensitivityResult,
  type TornadoBar,
  type SobolIndex,
  type AttributionResult,
  type AttributionTerm,
  type EvidenceResult,
  type EvidenceStep,
} from './analysis';
export type { Signpost } from './model/types';
