/**
 * scenario-odds for Node (`import ... from 'scenario-odds/node'`): everything the core entry
 * exports, with a `simulate` and every analysis (`compareVariants`, `analyzeSensitivity`,
 * `attributeLogOdds`, `updateOdds`) computing on worker threads, a reusable {@link WorkerPool},
 * sharding across machines (runs: {@link runShard}, {@link mergeParts}; analyses:
 * {@link runAnalysisShard}, {@link mergeAnalysisParts}; reports: {@link runReportShard},
 * {@link replayReportParts}) and scenario file loading.
 * Results are bit-identical to the core `simulate` for the same inputs, whatever the number of
 * threads or shards. Bundlers targeting browsers get a build of this entry whose `simulate`
 * computes in the calling thread (same numbers).
 *
 * @packageDocumentation
 */
export * from '../index';
export { simulate, MIN_CHUNKS_PER_WORKER } from './parallel';
export { compareVariants, analyzeSensitivity, attributeLogOdds, updateOdds } from './analyses';
export { MAX_WORKERS, type ParallelSimulateOptions, type ParallelOptions, type Parallel } from './options';
export { WorkerPool } from './pool';
export { runShard, mergeParts, PART_FORMAT, type PartDocument, type Shard, type ShardOptions } from './shard';
export { runAnalysisShard, mergeAnalysisParts, ANALYSIS_PART_FORMAT, type AnalysisPartDocument, type AnalysisPartOptions, type AnalysisName, type Analyses, type MergedAnalysis } from './analysisShard';
export { runReportShard, replayReportParts, REPORT_PART_FORMAT, type ReportPartDocument, type ReportReplay } from './reportShard';
export type { PartEngine } from './parts';
export { loadScenarioInput, MAX_FILE_BYTES } from './load';
