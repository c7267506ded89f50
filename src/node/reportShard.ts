/**
 * Sharding a report across machines. A report is a run plus what it records chunk by chunk (the
 * convergence of every estimate, in chunk order), so a report's part keeps each of its chunks'
 * totals apart rather than merged. Merging the parts replays every chunk in order through the
 * same bookkeeping a run uses; the report built from that replay is the unsharded report,
 * byte for byte.
 */
import { CHUNK_SIZE, totalsReducer, type ChunkTotals } from '../engine/chunk';
import { now, RunState, type Shard } from '../engine/driver';
import type { Stage } from '../engine/reduce';
import { setupSimulation } from '../engine/setup';
import type { SimulateOptions, SimulationResult } from '../engine/types';
import { ScenarioError, type ValidationIssue } from '../issues';
import { canonicalJson } from '../model/canonical';
import type { Scenario } from '../model/types';
import { VERSION } from '../version';
import { decodePartial, encodePartial, shapeDiffers } from './analysisShard';
import { runStage, withPool } from './analyses';
import { checkShard, chunksInWords, shardChunks } from './chunks';
import { unknownParallelOptions } from './options';
import { jobOf } from './parallel';
import { partEngine, requireAgreement, requireEveryShard, requireParts, requireShardable, type Agreement, type PartEngine } from './parts';
import type { PartDocument, ShardOptions } from './shard';

/** The `format` of a report's part document. */
export const REPORT_PART_FORMAT = 'scenario-odds/report-part-v1';

/** One shard's share of a report's run, as printed by `scenario-odds report --shard K/N` and read by `merge`. */
export interface ReportPartDocument {
  readonly format: typeof REPORT_PART_FORMAT;
  readonly shard: Shard;
  /** The scenario as given, and where it came from (the report records it). */
  readonly scenario: Scenario;
  readonly source: string;
  /** The settings that decide the numbers (every shard of a report has the same), as a run's part keeps them. */
  readonly settings: PartDocument['settings'];

  readonly engine: PartEngine;
  /** The run's `scenario.hash`. */
  readonly scenarioHash: string;
  /** This shard's chunks, each its index and its totals (encoded for JSON as analysis partials are). */
  readonly chunks: ReadonlyArray<{ readonly index: number; readonly totals: unknown }>;
  readonly elapsedMs: number;
}

/**
 * Computes one shard of a report's run (fixed `trials`; on worker threads like the Node
 * `simulate`), keeping each chunk's totals.
 *
 * @throws {ScenarioError} for an invalid scenario or option, a `halfWidth`, no `seed`, or a shard
 *   that is not k of n with 1 <= k <= n <= the run's chunks.
 * @throws {NumericalError} as the run would; the signal's reason if aborted.
 */
export async function runReportShard(scenario: Scenario, options: ShardOptions, shard: Shard, source: string): Promise<ReportPartDocument> {
  const start = now();
  requireShardable('report', options);
  const sim = setupSimulation(scenario, options, unknownParallelOptions(options));
  const trials = sim.settings.trials!;
  const chunkCount = Math.ceil(trials / CHUNK_SIZE);
  checkShard(shard, chunkCount, `${trials.toLocaleString('en-US')} trials make ${chunksInWords(chunkCount)}`);
  const stage: Stage = { kind: 'totals', data: jobOf(sim).data, name: 'run', trials, merge: () => undefined };
  const indices = shardChunks(Math.ceil(trials / CHUNK_SIZE), shard);
  const chunks: Array<{ index: number; totals: unknown }> = [];
  let done = 0;
  await withPool(options, indices.length * CHUNK_SIZE, (pool) =>
    runStage(stage, indices, (index, totals) => chunks.push({ index, totals: encodePartial(totals) }), pool, options.signal, (t) => {
      done = t;
      options.onProgress?.({ trials: done, target: indices.length * CHUNK_SIZE, halfWidth: Number.NaN, events: {} });
    }),
  );
  const { seed, variant, overrides, horizon, noneThrough } = sim.settings;
  return {
    format: REPORT_PART_FORMAT,
    shard: { k: shard.k, n: shard.n },
    scenario,
    source,
    settings: { seed, trials, ...(variant === undefined ? {} : { variant }), overrides, asOf: sim.prepared.asOf, horizon, noneThrough },
    engine: partEngine(),
    scenarioHash: sim.prepared.hash,
    chunks,
    elapsedMs: now() - start,
  };
}

/** What building the merged report needs: the scenario and options of its run, and an engine that replays the parts' chunks instead of sampling. */
export interface ReportReplay {
  readonly scenario: Scenario;
  readonly source: string;
  readonly options: Pick<SimulateOptions, 'seed' | 'trials' | 'variant' | 'params' | 'asOf' | 'horizon' | 'noneThrough'>;
  readonly simulate: (scenario: Scenario, options: SimulateOptions) => Promise<SimulationResult>;
}

/**
 * Checks the part documents of every shard of one report and returns how to build it: pass
 * `options` and `simulate` to `buildReport`, which then gets every chunk's totals in chunk order
 * (and so the same convergence record) as the unsharded report did.
 *
 * @throws {ScenarioError} with one issue per problem (its path the part's name): not a report
 *   part, parts of different scenarios, settings or engines, a shard missing or given twice,
 *   chunk totals that do not fit the run.
 */
export function replayReportParts(parts: readonly unknown[], names: readonly string[] = parts.map((_, i) => `part ${i + 1}`)): ReportReplay {
  const docs = requireParts<ReportPartDocument>(parts, names, shapeProblem);
  const first = docs[0];
  const agree: ReadonlyArray<Agreement<ReportPartDocument>> = [
    ['engine (version, generator, chunk size)', (d) => d.engine],
    ['scenario', (d) => d.scenarioHash],
    ['settings (seed, trials, variant, overrides, as-of date, horizon, evidence)', (d) => d.settings],
    ['source', (d) => d.source],
    ['shard count', (d) => d.shard.n],
  ];
  requireAgreement(docs, names, agree);
  if (canonicalJson(first.engine) !== canonicalJson(partEngine())) {
    throw new ScenarioError([{ code: 'parts-differ', path: names[0], message: `was made by scenario-odds ${first.engine.version}; this is ${VERSION}` }]);
  }
  requireEveryShard(docs, names);

  const { seed, trials, variant, overrides, asOf, horizon, noneThrough } = first.settings;
  const options = { seed, trials, variant, params: overrides, asOf, horizon, noneThrough };
  let sim;
  try {
    sim = setupSimulation(first.scenario, options);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new ScenarioError(e.issues.map((i) => ({ ...i, path: `${names[0]}: scenario${i.path ? `.${i.path}` : ''}` })));
  }
  // A chunk's totals of one trial: the shape every chunk's totals of this run have.
  const sample = totalsReducer.prepare(jobOf(sim).data)({ index: 0, count: 1 });
  const problems: ValidationIssue[] = [];
  const byIndex = new Map<number, ChunkTotals>();
  const chunks = Math.ceil(trials / CHUNK_SIZE);
  docs.forEach((d, i) => {
    if (d.scenarioHash !== sim.prepared.hash) problems.push({ code: 'part-corrupt', path: names[i], message: `its scenario hashes to ${sim.prepared.hash}, not the recorded ${d.scenarioHash}` });
    const expected = shardChunks(chunks, d.shard);
    if (d.chunks.length !== expected.length || d.chunks.some((c, j) => c.index !== expected[j])) {
      problems.push({ code: 'part-corrupt', path: names[i], message: `does not hold chunks ${expected.join(', ')} of shard ${d.shard.k}/${d.shard.n}` });
      return;
    }
    for (const c of d.chunks) {
      const totals = decodePartial(c.totals);
      const count = Math.min(CHUNK_SIZE, trials - c.index * CHUNK_SIZE);
      const why = shapeDiffers(sample, totals, `chunks[index ${c.index}].totals`) ?? ((totals as ChunkTotals).trials !== count ? `chunks[index ${c.index}].totals.trials is not ${count}` : undefined);
      if (why) {
        problems.push({ code: 'part-corrupt', path: names[i], message: why });
        return;
      }
      byIndex.set(c.index, totals as ChunkTotals);
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems);

  const simulate = async (scenario: Scenario, runOptions: SimulateOptions): Promise<SimulationResult> => {
    const state = new RunState(setupSimulation(scenario, runOptions), runOptions);
    for (let index = 0; index < chunks; index++) state.add(byIndex.get(index)!);
    return state.finish('trials');
  };
  return { scenario: first.scenario, source: first.source, options, simulate };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a value is not a report part document (its outer structure only), or undefined. */
function shapeProblem(p: unknown): string | undefined {
  const hint = 'not a report part document (those are printed by `scenario-odds report --shard K/N`)';
  if (!isRecord(p)) return hint;
  if (p.format !== REPORT_PART_FORMAT) return typeof p.format === 'string' && p.format.startsWith('scenario-odds/report-part') ? `is a report part document of format ${p.format}; this version reads ${REPORT_PART_FORMAT}` : hint;
  const { shard, settings, engine } = p;
  if (!isRecord(shard) || !Number.isInteger(shard.k) || !Number.isInteger(shard.n) || (shard.k as number) < 1 || (shard.k as number) > (shard.n as number)) return 'has no valid "shard" {k, n} with 1 <= k <= n';
  if (!isRecord(p.scenario) || typeof p.source !== 'string') return 'has no "scenario" or "source"';
  if (!isRecord(settings) || typeof settings.seed !== 'string' || !Number.isInteger(settings.trials) || !isRecord(settings.overrides) || typeof settings.asOf !== 'string') return 'has no valid "settings" (seed, trials, overrides, asOf)';
  if (!isRecord(engine) || typeof engine.version !== 'string' || typeof engine.rngAlgorithm !== 'string' || typeof engine.chunkSize !== 'number') return 'has no valid "engine"';
  if (typeof p.scenarioHash !== 'string' || typeof p.elapsedMs !== 'number') return 'has no "scenarioHash" or "elapsedMs"';
  if (!Array.isArray(p.chunks) || !p.chunks.every((c) => isRecord(c) && Number.isSafeInteger(c.index))) return 'has no valid "chunks" (each an index and its totals)';
  return undefined;
}
