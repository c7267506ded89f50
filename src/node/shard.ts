/**
 * Sharding a run across machines: each machine computes a share of the chunks and writes a
 * part document with its exact totals; merging the parts gives the unsharded run's result, bit
 * for bit, because chunk totals are exact sums and integer counts (any grouping merges to the
 * same numbers).
 */
import { CHUNK_SIZE, emptyTotals, mergeTotals, type Totals } from '../engine/chunk';
import { now, RunState, shardTrials, type Shard } from '../engine/driver';
import { buildResult } from '../engine/result';
import { setupSimulation, type Simulation } from '../engine/setup';
import type { SimulationResult } from '../engine/types';
import { ScenarioError, type ValidationIssue } from '../issues';
import { canonicalJson } from '../model/canonical';
import type { Overrides } from '../model/overrides';
import type { Scenario } from '../model/types';
import { checkShard, chunksInWords } from './chunks';
import { partEngine, requireAgreement, requireEveryShard, requireParts, requireShardable, type Agreement, type PartEngine } from './parts';
import { unknownParallelOptions, type ParallelSimulateOptions } from './options';
import { runState } from './parallel';

export type { Shard } from '../engine/driver';

/** The `format` of a part document. */
export const PART_FORMAT = 'scenario-odds/part-v2';

/**
 * One shard's share of a run, as printed by `scenario-odds run --shard K/N --json` and read by
 * `scenario-odds merge`: what reproduces the run (the scenario as given, the settings), what
 * must agree between parts (engine, scenario hash), and the shard's exact totals.
 */
export interface PartDocument {
  readonly format: typeof PART_FORMAT;
  /** Shard k of n (k from 1): chunks k-1, k-1+n, k-1+2n, ... of the run. */
  readonly shard: Shard;
  /** The scenario as given to the run, before its variant and overrides. */
  readonly scenario: Scenario;
  /** The settings that decide the numbers (every shard of a run has the same). */
  readonly settings: {
    readonly seed: string;
    readonly trials: number;
    readonly maxTrials?: number;
    readonly variant?: string;
    readonly overrides: Overrides;
    /** The run's as-of date (every shard forecasts from the same day), and the window and evidence options. */
    readonly asOf: string;
    readonly horizon?: number;
    readonly noneThrough?: Readonly<Record<string, string>>;
  };
  /** The engine that computed the part: parts of different versions, generators or chunk sizes do not merge. */
  readonly engine: PartEngine;
  /** Canonical hash of the effective scenario (the run's `scenario.hash`). */
  readonly scenarioHash: string;
  /** Exact sums (partials) and integer counts over this shard's chunks. */
  readonly totals: Totals;
  /** Wall-clock time of this shard in milliseconds. */
  readonly elapsedMs: number;
}

/** Options of {@link runShard}: those of the Node `simulate`, with a fixed number of trials. */
export type ShardOptions = Omit<ParallelSimulateOptions, 'halfWidth'> & { readonly halfWidth?: undefined };

/**
 * Computes one shard of a run with a fixed number of trials (on worker threads, like the Node
 * `simulate`) and returns its part document. Run every shard k = 1..n of the same scenario,
 * seed and settings (anywhere, in any order), then {@link mergeParts}: the result is the
 * unsharded run's.
 *
 * @throws {ScenarioError} if the scenario or an option is invalid, if `halfWidth` is given (a
 *   stopping rule must see every chunk in order), if there is no `seed` (each shard would make
 *   up its own, and the parts could never merge), or if the shard is not k of n with
 *   1 <= k <= n <= the run's number of chunks.
 * @throws {NumericalError} if a node yields NaN or an event a value outside [0, 1].
 * @throws the signal's reason if aborted (an incomplete part is never returned).
 * @example
 * ```ts
 * import { runShard, trumpKimSummit } from 'scenario-odds/node';
 * // What `scenario-odds run trump-kim-summit --seed 7 --trials 30000 --shard 2/3 --json` prints:
 * const part = await runShard(trumpKimSummit, { seed: 7, trials: 30_000 }, { k: 2, n: 3 });
 * console.log(part.totals.trials); // 10000: chunk 1 of chunks 0, 1, 2
 * ```
 */
export async function runShard(scenario: Scenario, options: ShardOptions, shard: Shard): Promise<PartDocument> {
  requireShardable('run', options);
  const start = now();
  const sim = setupSimulation(scenario, options, unknownParallelOptions(options));
  const chunkCount = Math.ceil(sim.settings.trials! / CHUNK_SIZE);
  checkShard(shard, chunkCount, `${sim.settings.trials!.toLocaleString('en-US')} trials make ${chunksInWords(chunkCount)}`);
  const state = new RunState(sim, options, shard);
  const stop = await runState(state, options);
  if (stop === 'aborted') throw options.signal?.reason ?? new Error('aborted');
  const { seed, trials, maxTrials, variant, overrides, horizon, noneThrough } = sim.settings;
  return {
    format: PART_FORMAT,
    shard: { k: shard.k, n: shard.n },
    scenario,
    settings: { seed, trials: trials!, maxTrials, variant, overrides, asOf: sim.prepared.asOf, horizon, noneThrough },
    engine: partEngine(),
    scenarioHash: sim.prepared.hash,
    totals: state.totals,
    elapsedMs: now() - start,
  };
}


/**
 * Merges the part documents of every shard of one run into the result the unsharded run gives:
 * the same probabilities, intervals and results hash (`elapsedMs` is the slowest part's).
 * Parts may come in any order.
 *
 * @param parts - the parsed part documents
 * @param names - what to call each part in messages (e.g. its file name); default `part 1`, `part 2`, ...
 * @throws {ScenarioError} with one issue per problem (its path the part's name): a value that is
 *   not a part document, parts of different scenarios, seeds, settings or engine versions, a
 *   shard missing or given twice, totals that do not fit the scenario.
 * @example
 * ```ts
 * import { mergeParts, runShard, simulateSync, trumpKimSummit } from 'scenario-odds/node';
 * const options = { seed: 7, trials: 30_000 };
 * // Each part would come from another machine, as JSON.
 * const parts = await Promise.all([1, 2, 3].map(async (k) => JSON.parse(JSON.stringify(await runShard(trumpKimSummit, options, { k, n: 3 })))));
 * const merged = mergeParts(parts, ['part-1.json', 'part-2.json', 'part-3.json']);
 * console.log(merged.manifest.resultsHash === simulateSync(trumpKimSummit, options).manifest.resultsHash); // true
 * ```
 */
export function mergeParts(parts: readonly unknown[], names: readonly string[] = parts.map((_, i) => `part ${i + 1}`)): SimulationResult {
  const docs = requireParts<PartDocument>(parts, names, shapeProblem);
  const problems: ValidationIssue[] = [];

  // Everything that decides the numbers must agree with the first part.
  const first = docs[0];
  const agree: ReadonlyArray<Agreement<PartDocument>> = [
    ['engine (version, generator, chunk size)', (d) => d.engine],
    ['scenario', (d) => d.scenarioHash],
    ['seed', (d) => d.settings.seed],
    ['settings (trials, variant, overrides, as-of date, horizon, evidence)', (d) => ({ ...d.settings, seed: undefined })],
    ['shard count', (d) => d.shard.n],
  ];
  requireAgreement(docs, names, agree, describe);
  if (canonicalJson(first.engine) !== canonicalJson(partEngine())) {
    throw new ScenarioError([{ code: 'parts-differ', path: names[0], message: `was made by ${describe('engine', first)}; this is ${describe('engine', { engine: partEngine() } as PartDocument)}` }]);
  }

  requireEveryShard(docs, names);

  // Rebuild the run from the first part; check every part's totals fit it.
  const { seed, trials, maxTrials, variant, overrides, asOf, horizon, noneThrough } = first.settings;
  let sim: Simulation;
  try {
    sim = setupSimulation(first.scenario, { seed, trials, maxTrials, variant, params: overrides, asOf, horizon, noneThrough });
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new ScenarioError(e.issues.map((i) => ({ ...i, path: `${names[0]}: scenario${i.path ? `.${i.path}` : ''}` })));
  }
  const { model } = sim;
  const totals = emptyTotals(model);
  const ordered = [...docs.keys()].sort((a, b) => docs[a].shard.k - docs[b].shard.k);
  for (const i of ordered) {
    const d = docs[i];
    if (d.scenarioHash !== sim.prepared.hash) problems.push({ code: 'part-corrupt', path: names[i], message: `its scenario hashes to ${sim.prepared.hash}, not the recorded ${d.scenarioHash}` });
    const why = totalsProblem(d.totals, totals, shardTrials(trials, d.shard));
    if (why) problems.push({ code: 'part-corrupt', path: names[i], message: why });
    else mergeTotals(totals, d.totals);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return buildResult(sim, totals, 'trials', Math.max(...docs.map((d) => d.elapsedMs)));
}

function describe(what: string, d: PartDocument): string {
  if (what.startsWith('engine')) return `scenario-odds ${d.engine.version} (${d.engine.rngAlgorithm}, chunks of ${d.engine.chunkSize})`;
  if (what === 'scenario') return `${d.scenario.id} ${d.scenarioHash.slice(0, 12)}`;
  if (what === 'seed') return JSON.stringify(d.settings.seed);
  if (what === 'shard count') return `${d.shard.k}/${d.shard.n}`;
  const { seed: _seed, ...rest } = d.settings;
  return JSON.stringify(rest);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Why a value is not a part document (its structure only), or undefined. */
function shapeProblem(p: unknown): string | undefined {
  const hint = 'not a part document (those are printed by `scenario-odds run --shard K/N --json`)';
  if (!isRecord(p)) return hint;
  if (p.format !== PART_FORMAT) return typeof p.format === 'string' && p.format.startsWith('scenario-odds/part') ? `is a part document of format ${p.format}; this version reads ${PART_FORMAT}` : hint;
  const { shard, settings, engine, totals } = p;
  if (!isRecord(shard) || !Number.isInteger(shard.k) || !Number.isInteger(shard.n) || (shard.k as number) < 1 || (shard.k as number) > (shard.n as number)) return 'has no valid "shard" {k, n} with 1 <= k <= n';
  if (!isRecord(p.scenario)) return 'has no "scenario"';
  if (!isRecord(settings) || typeof settings.seed !== 'string' || !Number.isInteger(settings.trials) || !isRecord(settings.overrides) || typeof settings.asOf !== 'string') return 'has no valid "settings" (seed, trials, overrides, asOf)';
  if (!isRecord(engine) || typeof engine.version !== 'string' || typeof engine.rngAlgorithm !== 'string' || typeof engine.chunkSize !== 'number') return 'has no valid "engine"';
  if (typeof p.scenarioHash !== 'string' || typeof p.elapsedMs !== 'number') return 'has no "scenarioHash" or "elapsedMs"';
  if (!isRecord(totals)) return 'has no "totals"';
  return undefined;
}

const isStore = (v: unknown): boolean => isRecord(v) && Number.isSafeInteger(v.offset) && Array.isArray(v.bins) && v.bins.every(isNumberArray);

/** Whether a value has the shape of a quantile sketch (see engine/sketch.ts) with finite extremes. */
function isSketch(v: unknown): boolean {
  return isRecord(v) && isNumberArray(v.zero) && isStore(v.pos) && isStore(v.neg) && Number.isFinite(v.min) && Number.isFinite(v.max);
}

/** Why a part's totals cannot be this run's shard totals, or undefined. */
function totalsProblem(part: unknown, like: Totals, trials: number): string | undefined {
  if (!isRecord(part)) return 'has no totals';
  const lists = ['sum', 'sumSq', 'cross', 'weight', 'withWeight', 'weightedSq'] as const;
  for (const key of lists) {
    const v = part[key];
    if (!Array.isArray(v) || v.length !== like[key].length || !v.every(isNumberArray)) return `totals.${key} does not fit the scenario (expected ${like[key].length} lists of finite numbers)`;
  }
  const sketches = part.sketches;
  if (!Array.isArray(sketches) || sketches.length !== like.sketches.length || !sketches.every(isSketch)) return `totals.sketches does not fit the scenario (expected ${like.sketches.length} quantile sketches)`;
  for (const key of ['ones', 'fractional'] as const) {
    const v = part[key];
    if (!isNumberArray(v) || v.length !== like[key].length || !v.every((x) => Number.isInteger(x) && x >= 0 && x <= trials)) return `totals.${key} does not fit the scenario (expected ${like[key].length} counts)`;
  }
  if (part.trials !== trials) return `totals.trials is ${JSON.stringify(part.trials)}; this shard of the run has ${trials}`;
  return undefined;
}
