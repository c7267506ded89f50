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
} from './dist';
export {
  parseFormula,
  compileFormula,
  evaluateScalar,
  formulaNames,
  FormulaError,
  FORMULA_FUNCTIONS,
  type FormulaAst,
  type ColumnProgram,
} from './expr';
export type { Scenario, ParamSpec, FactorSpec, DerivedSpec, EventSpec, Documented } from './model/types';
export { validateScenario, assertScenario, type CheckedScenario } from './model/validate';
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
  type NodeSummary,
  type Manifest,
  type StopReason,
  type Progress,
} from './engine/simulate';
export { CHUNK_SIZE, NumericalError } from './engine/chunk';
export { wilsonInterval, meanInterval, Z95, type Interval } from './engine/intervals';
export { BUILTIN_SCENARIOS, builtinScenario, trumpKimSummit } from './scenarios';
export { summarize } from './report/text';
export { formatPercent } from './report/format';
export { applyVariant } from './model/overrides';
export type { Timeline, Variant, HazardWindow, ProbabilityEventSpec, TimedEventSpec, SourceRef } from './model/types';
export type { Estimate, TimelinePoint } from './engine/simulate';
