/**
 * Analyses on top of the engine: what-if comparison on common random numbers, sensitivity
 * (tornado and Sobol indices), log-odds attribution and evidence updates. Each is a generator
 * of chunk steps run by `runSync` or `runAsync`, and returns plain data (see types.ts).
 */
export { compareVariants, compareVariantsSync, type CompareOptions, type VariantSpec } from './compare';
export {
  analyzeSensitivity,
  analyzeSensitivitySync,
  DEFAULT_PARAM_STEP,
  DEFAULT_PERCENTILES,
  DEFAULT_SOBOL_SAMPLES,
  type SensitivityOptions,
} from './sensitivity';
export { jansenIndices, DEFAULT_BOOTSTRAP, type JansenIndex, type JansenOptions, type JansenResult } from './sobol';
export { attributeLogOdds, attributeLogOddsSync, type AttributionOptions } from './attribution';
export { updateOdds, updateOddsSync, MIN_EFFECTIVE_SAMPLE_SIZE, type UpdateOptions } from './evidence';
export { parseLedger, type EvidenceLedger, type LedgerObservation } from './ledger';
export type { AnalysisOptions } from './common';
export type { AnalysisProgress } from './steps';
export type * from './types';
