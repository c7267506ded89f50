/**
 * Sharding an analysis across machines: each machine computes its share of every stage's chunks
 * and writes a part document with their partials (src/engine/reduce.ts); merging the parts
 * rebuilds the analysis from the scenario and options the parts carry, merges the partials in
 * chunk order and gives the unsharded analysis's result, bit for bit.
 */
import { attributionReduction, type AttributionOptions } from '../analysis/attribution';
import { compareReduction, type CompareOptions } from '../analysis/compare';
import { updateReduction, type UpdateOptions } from '../analysis/evidence';
import { parseLedger, type EvidenceLedger } from '../analysis/ledger';
import { reducerOf } from '../analysis/reducers/index';
import { sensitivityReduction, type SensitivityOptions } from '../analysis/sensitivity';
import type { AttributionResult, ComparisonResult, EvidenceResult, SensitivityResult } from '../analysis/types';
import { CHUNK_SIZE } from '../engine/chunk';
import { now, type Shard } from '../engine/driver';
import { reductionTrials, type Reduction } from '../engine/reduce';
import { ScenarioError, type ValidationIssue } from '../issues';
import { todayUtc } from '../model/calendar';
import { canonicalJson, scenarioHash } from '../model/canonical';
import type { Scenario } from '../model/types';
import { runReduction, runStage, withPool } from './analyses';
import { checkShard, chunksInWords, shardChunks } from './chunks';
import { partEngine, requireAgreement, requireEveryShard, requireParts, requireShardable, type Agreement, type PartEngine } from './parts';
import { splitParallel, type Parallel } from './options';

/** The `format` of an analysis's part document. */
export const ANALYSIS_PART_FORMAT = 'scenario-odds/analysis-part-v1';

/** The analyses that can be sharded, with their options and results. */
export interface Analyses {
  compare: { options: CompareOptions; result: ComparisonResult };
  sensitivity: { options: SensitivityOptions; result: SensitivityResult };
  attribution: { options: AttributionOptions; result: AttributionResult };
  update: { options: UpdateOptions; result: EvidenceResult };
}

/** The name of an analysis that can be sharded. */
export type AnalysisName = keyof Analyses;

/** Options of an analysis as a part document keeps them: everything that decides its numbers, as JSON (no signal, no callbacks). */
export type AnalysisPartOptions<A extends AnalysisName> = Omit<Analyses[A]['options'], 'signal' | 'onProgress'>;

/** What builds each analysis's reduction from its scenario, options and (for an update) ledger. */
const REDUCTIONS: { readonly [A in AnalysisName]: (scenario: Scenario, options: Analyses[A]['options'], ledger?: EvidenceLedger) => Reduction<Analyses[A]['result']> } = {
  compare: (scenario, options) => compareReduction(scenario, options),
  sensitivity: (scenario, options) => sensitivityReduction(scenario, options),
  attribution: (scenario, options) => attributionReduction(scenario, options),
  update: (scenario, options, ledger) => updateReduction(scenario, ledger!, options),
};

/**
 * Runs the analysis called `analysis` where `options` say (worker threads or a pool, as the
 * Node entry's analyses do): what the CLI's analysis commands call.
 *
 * @throws as the analysis does.
 */
export async function runNamedAnalysis<A extends AnalysisName>(analysis: A, scenario: Scenario, options: Parallel<Analyses[A]['options']>, ledger?: EvidenceLedger): Promise<Analyses[A]['result']> {
  const { core, where } = splitParallel(options);
  return runReduction(REDUCTIONS[analysis](scenario, core, ledger), { ...core, ...where });
}

/**
 * One shard's share of an analysis, as printed by `scenario-odds <analysis> --shard K/N` and
 * read by `scenario-odds merge`.
 */
export interface AnalysisPartDocument<A extends AnalysisName = AnalysisName> {
  readonly format: typeof ANALYSIS_PART_FORMAT;
  readonly analysis: A;
  /** Shard k of n (k from 1): chunks k-1, k-1+n, k-1+2n, ... of every stage. */
  readonly shard: Shard;
  /** The scenario as given, and the options that decide the numbers (every shard has the same). */
  readonly scenario: Scenario;
  readonly options: AnalysisPartOptions<A>;
  /** An update's evidence ledger. */
  readonly ledger?: EvidenceLedger;
  readonly engine: PartEngine;
  /** Canonical hash of the scenario as given. */
  readonly scenarioHash: string;
  /** Per stage, this shard's chunks: each chunk's index and its partial (encoded for JSON: typed arrays as `{ f64: [...] }`, -0 and ±Infinity as `{ num: "-0" }`). */
  readonly stages: ReadonlyArray<{ readonly name: string; readonly chunks: ReadonlyArray<{ readonly index: number; readonly partial: unknown }> }>;
  readonly elapsedMs: number;
}

/** Trials in the chunks `indices` of a stage of `trials` trials (its last chunk may be short). */
function shardTrialsOf(trials: number, indices: readonly number[]): number {
  return indices.reduce((sum, index) => sum + Math.min(CHUNK_SIZE, trials - index * CHUNK_SIZE), 0);
}


/**
 * Computes one shard of an analysis (on worker threads like the Node entry's analyses) and
 * returns its part document. Run every shard k = 1..n with the same scenario and options
 * (anywhere, in any order), then {@link mergeAnalysisParts}.
 *
 * @throws {ScenarioError} for an invalid scenario, option or ledger, no `seed`, or a shard that
 *   is not k of n with 1 <= k <= n <= the chunks of the analysis's first stage.
 * @throws {NumericalError} as the analysis would.
 * @throws the signal's reason if aborted (an incomplete part is never returned).
 * @example
 * ```ts
 * import { runAnalysisShard, mergeAnalysisParts, trumpKimSummit } from 'scenario-odds/node';
 * const options = { seed: 7, trials: 30_000, asOf: '2026-12-04', variants: ['seoul-steps-back'] };
 * const parts = await Promise.all([1, 2].map((k) => runAnalysisShard('compare', trumpKimSummit, options, { k, n: 2 })));
 * const merged = mergeAnalysisParts(JSON.parse(JSON.stringify(parts)));
 * if (merged.analysis === 'compare') console.log(merged.result.variants[0].events.summit.differencePp);
 * ```
 */
export async function runAnalysisShard<A extends AnalysisName>(analysis: A, scenario: Scenario, options: Parallel<Analyses[A]['options']>, shard: Shard, ledger?: EvidenceLedger): Promise<AnalysisPartDocument<A>> {
  const start = now();
  const { core: given, where } = splitParallel(options);
  requireShardable('analysis', given);
  // Every shard forecasts from the same day: the as-of date is fixed here, and kept in the part.
  const core = { ...given, asOf: given.asOf ?? todayUtc() };
  const reduction = REDUCTIONS[analysis](scenario, core, ledger);
  const first = reduction.stages[0];
  const chunkCount = first ? Math.ceil(first.trials / CHUNK_SIZE) : 0;
  checkShard(shard, chunkCount, `the analysis has ${chunksInWords(chunkCount)} trials`);
  const { signal, onProgress, ...stored } = core as Analyses[A]['options'];
  const mine = reduction.stages.map((stage) => shardChunks(Math.ceil(stage.trials / CHUNK_SIZE), shard));
  const target = reduction.stages.reduce((sum, stage, s) => sum + shardTrialsOf(stage.trials, mine[s]), 0);
  const stages = await withPool(where, reductionTrials(reduction), async (pool) => {
    const out = [];
    let done = 0;
    for (const [s, stage] of reduction.stages.entries()) {
      const chunks: Array<{ index: number; partial: unknown }> = [];
      await runStage(stage, mine[s], (index, partial) => chunks.push({ index, partial: encodePartial(partial) }), pool, signal, (trials) => onProgress?.({ stage: stage.name, trials: done + trials, target }));
      done += shardTrialsOf(stage.trials, mine[s]);
      out.push({ name: stage.name, chunks });
    }
    return out;
  });
  return {
    format: ANALYSIS_PART_FORMAT,
    analysis,
    shard: { k: shard.k, n: shard.n },
    scenario,
    options: stored as AnalysisPartOptions<A>,
    ...(ledger ? { ledger } : {}),
    engine: partEngine(),
    scenarioHash: scenarioHash(scenario),
    stages,
    elapsedMs: now() - start,
  };
}


/** A merged analysis: which one, its result, and the scenario it ran (for printing). */
export type MergedAnalysis = { [A in AnalysisName]: { readonly analysis: A; readonly result: Analyses[A]['result']; readonly scenario: Scenario } }[AnalysisName];

/**
 * Merges the part documents of every shard of one analysis into the unsharded analysis's
 * result. Parts may come in any order.
 *
 * @param names - what to call each part in messages (e.g. its file name); default `part 1`, `part 2`, ...
 * @throws {ScenarioError} with one issue per problem (its path the part's name): a value that is
 *   not an analysis part document, parts of different analyses, scenarios, options or engine
 *   versions, a shard missing or given twice, partials that do not fit the analysis.
 */
export function mergeAnalysisParts(parts: readonly unknown[], names: readonly string[] = parts.map((_, i) => `part ${i + 1}`)): MergedAnalysis {
  const docs = requireParts<AnalysisPartDocument>(parts, names, shapeProblem);
  const problems: ValidationIssue[] = [];
  const first = docs[0];
  const agree: ReadonlyArray<Agreement<AnalysisPartDocument>> = [
    ['analysis', (d) => d.analysis],
    ['engine (version, generator, chunk size)', (d) => d.engine],
    ['scenario', (d) => d.scenarioHash],
    ['options', (d) => d.options],
    ['ledger', (d) => d.ledger ?? null],
    ['shard count', (d) => d.shard.n],
  ];
  requireAgreement(docs, names, agree);
  const engine = partEngine();
  if (canonicalJson(first.engine) !== canonicalJson(engine)) {
    throw new ScenarioError([{ code: 'parts-differ', path: names[0], message: `was made by scenario-odds ${first.engine.version} (${first.engine.rngAlgorithm}, chunks of ${first.engine.chunkSize}); this is ${engine.version} (${engine.rngAlgorithm}, chunks of ${engine.chunkSize})` }]);
  }
  docs.forEach((d, i) => {
    if (scenarioHash(d.scenario) !== d.scenarioHash) problems.push({ code: 'part-corrupt', path: names[i], message: `its scenario hashes to ${scenarioHash(d.scenario)}, not the recorded ${d.scenarioHash}` });
  });
  if (problems.length > 0) throw new ScenarioError(problems);

  requireEveryShard(docs, names);
  const n = first.shard.n;

  // Rebuild the analysis from the first part (setting it up samples nothing), then feed every
  // stage its partials in chunk order, each checked against the shape of a partial it makes.
  let reduction: Reduction<unknown>;
  try {
    const ledger = first.ledger === undefined ? undefined : parseLedger(first.ledger);
    reduction = (REDUCTIONS[first.analysis] as (s: Scenario, o: object, l?: EvidenceLedger) => Reduction<unknown>)(first.scenario, first.options, ledger);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new ScenarioError(e.issues.map((i) => ({ ...i, path: `${names[0]}: ${i.path}` })));
  }
  reduction.stages.forEach((stage, s) => {
    const template = reducerOf(stage.kind).prepare(stage.data)({ index: 0, count: 1 });
    const byIndex = new Map<number, unknown>();
    docs.forEach((d, i) => {
      const own = d.stages[s];
      const expected = shardChunks(Math.ceil(stage.trials / CHUNK_SIZE), d.shard);
      if (!own || own.name !== stage.name || own.chunks.length !== expected.length || own.chunks.some((c, j) => c.index !== expected[j])) {
        problems.push({ code: 'part-corrupt', path: names[i], message: `its stage ${s + 1} (${stage.name}) does not hold chunks ${describeChunks(expected)} of shard ${d.shard.k}/${n}` });
        return;
      }
      for (const c of own.chunks) {
        const partial = decodePartial(c.partial);
        const why = shapeDiffers(template, partial, `stages.${s}.chunks[index ${c.index}].partial`);
        if (why) {
          problems.push({ code: 'part-corrupt', path: names[i], message: why });
          return;
        }
        byIndex.set(c.index, partial);
      }
    });
    if (problems.length > 0) return;
    const chunks = Math.ceil(stage.trials / CHUNK_SIZE);
    for (let index = 0; index < chunks; index++) stage.merge(byIndex.get(index));
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return { analysis: first.analysis, result: reduction.finish(), scenario: first.scenario } as MergedAnalysis;
}

function describeChunks(indices: readonly number[]): string {
  return indices.length <= 4 ? indices.join(', ') || '(none)' : `${indices.slice(0, 3).join(', ')}, …, ${indices[indices.length - 1]}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a value is not an analysis part document (its outer structure only), or undefined. */
function shapeProblem(p: unknown): string | undefined {
  const hint = 'not an analysis part document (those are printed by `scenario-odds compare|sensitivity|attribution|update --shard K/N`)';
  if (!isRecord(p)) return hint;
  if (p.format !== ANALYSIS_PART_FORMAT) return typeof p.format === 'string' && p.format.startsWith('scenario-odds/analysis-part') ? `is an analysis part document of format ${p.format}; this version reads ${ANALYSIS_PART_FORMAT}` : hint;
  if (typeof p.analysis !== 'string' || !Object.hasOwn(REDUCTIONS, p.analysis)) return `has no known "analysis" (one of ${Object.keys(REDUCTIONS).join(', ')})`;
  const { shard, engine } = p;
  if (!isRecord(shard) || !Number.isInteger(shard.k) || !Number.isInteger(shard.n) || (shard.k as number) < 1 || (shard.k as number) > (shard.n as number)) return 'has no valid "shard" {k, n} with 1 <= k <= n';
  if (!isRecord(p.scenario) || !isRecord(p.options)) return 'has no "scenario" or "options"';
  if (p.ledger !== undefined && !isRecord(p.ledger)) return 'has a "ledger" that is not an object';
  if (!isRecord(engine) || typeof engine.version !== 'string' || typeof engine.rngAlgorithm !== 'string' || typeof engine.chunkSize !== 'number') return 'has no valid "engine"';
  if (typeof p.scenarioHash !== 'string' || typeof p.elapsedMs !== 'number') return 'has no "scenarioHash" or "elapsedMs"';
  const stagesOk = Array.isArray(p.stages) && p.stages.every((s) => isRecord(s) && typeof s.name === 'string' && Array.isArray(s.chunks) && s.chunks.every((c) => isRecord(c) && Number.isSafeInteger(c.index)));
  if (!stagesOk) return 'has no valid "stages" (each a name and its chunks, each an index and a partial)';
  return undefined;
}

/**
 * A partial as JSON can carry it: typed arrays as `{ "f64": [...] }`, and the numbers JSON has
 * no word for (-0, ±Infinity) as `{ "num": "-0" }`; everything else as it is.
 */
export function encodePartial(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : { num: Object.is(v, -0) ? '-0' : String(v) };
  if (v instanceof Float64Array) return { f64: Array.from(v, encodePartial) };
  if (Array.isArray(v)) return v.map(encodePartial);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodePartial(x)]));
  return v;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = { '-0': -0, Infinity: Infinity, '-Infinity': -Infinity };

/** The partial {@link encodePartial} encoded; anything it cannot have made is returned as it is, for the shape check to refuse. */
export function decodePartial(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodePartial);
  if (!isRecord(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === 'num' && typeof v.num === 'string' && Object.hasOwn(NUMBER_WORDS, v.num)) return NUMBER_WORDS[v.num];
  if (keys.length === 1 && keys[0] === 'f64' && Array.isArray(v.f64)) {
    const values = v.f64.map(decodePartial);
    return values.every((x) => typeof x === 'number') ? Float64Array.from(values as number[]) : v;
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodePartial(x)]));
}

/** Whether a value is a chunk's quantile sketch in flat form (engine/sketch.ts): finite bucket sums, compensations empty or alike. */
function isFlatSketch(v: unknown): boolean {
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  const store = (x: unknown) =>
    isRecord(x) && Number.isSafeInteger(x.offset) && x.sum instanceof Float64Array && x.comp instanceof Float64Array && (x.comp.length === 0 || x.comp.length === x.sum.length) && x.sum.every(finite) && x.comp.every(finite);
  return isRecord(v) && Array.isArray(v.zero) && v.zero.length === 2 && v.zero.every(finite) && store(v.pos) && store(v.neg) && typeof v.min === 'number' && typeof v.max === 'number' && !Number.isNaN(v.min) && !Number.isNaN(v.max);
}

/** Whether a value is a NumericalError's data ([node, badTrials, batchTrials, firstTrial, value, seed, check]). */
function isErrorData(v: unknown): boolean {
  return Array.isArray(v) && v.length === 7 && typeof v[0] === 'string' && typeof v[5] === 'string' && ['finite', 'probability', 'nonnegative'].includes(v[6] as string) && [1, 2, 3, 4].every((i) => typeof v[i] === 'number');
}

/**
 * Why `value` is not a partial of the same layout as `template` (another chunk's partial of the
 * same stage), or undefined: the same keys, the same lengths of fixed-length arrays, finite
 * numbers; sketches (whose buckets vary) and a setting's failure (absent in most chunks) by kind.
 */
export function shapeDiffers(template: unknown, value: unknown, path: string): string | undefined {
  if (typeof template === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : `${path} is not a finite number`;
  if (template instanceof Float64Array) return value instanceof Float64Array && value.length === template.length && value.every(Number.isFinite) ? undefined : `${path} is not ${template.length} finite numbers`;
  if (template === null || isErrorData(template)) return value === null || isErrorData(value) ? undefined : `${path} is not a failure record or null`;
  if (isFlatSketch(template)) return isFlatSketch(value) ? undefined : `${path} is not a quantile sketch`;
  if (Array.isArray(template)) {
    if (!Array.isArray(value) || value.length !== template.length) return `${path} does not have ${template.length} entries`;
    for (let i = 0; i < template.length; i++) {
      const why = shapeDiffers(template[i], value[i], `${path}.${i}`);
      if (why) return why;
    }
    return undefined;
  }
  if (isRecord(template)) {
    if (!isRecord(value) || canonicalJson(Object.keys(value).sort()) !== canonicalJson(Object.keys(template).sort())) return `${path} does not have the fields ${Object.keys(template).join(', ')}`;
    for (const key of Object.keys(template)) {
      const why = shapeDiffers(template[key], value[key], `${path}.${key}`);
      if (why) return why;
    }
    return undefined;
  }
  return `${path} is of an unexpected kind`;
}
