/**
 * What-if comparison on common random numbers: the baseline and each variant are evaluated on
 * the same trials (see paired.ts), so each event's difference is estimated from per-trial
 * paired differences, whose spread is far smaller than that of two independent runs.
 */
import { Z95 } from '../engine/intervals';
import type { ColumnModel } from '../engine/columns';
import { ChunkSketch, emptySketch, mergeSketch, sketchHistogram, sketchQuantiles, type Sketch } from '../engine/sketch';
import type { Spread } from '../engine/types';
import { prepare } from '../engine/setup';
import { ScenarioError } from '../issues';
import { exp, log } from '../math/index';
import { applyVariant, type Overrides } from '../model/overrides';
import type { DistSpec } from '../distributions/types';
import type { Scenario } from '../model/types';
import { chooseEvent, eventColumns, modelFor, runInfo, setupAnalysis, type AnalysisOptions, type AnalysisSetup, type EventColumns } from './common';
import { forEachPairedBatch, pairArm, type Arm } from './paired';
import { chunkSteps, runAsync, runSync, type AnalysisSteps } from './steps';
import { ChunkSums, covarianceMatrix, ExactTotals, quadraticForm } from './sums';
import type { ComparisonResult, EventDifference, OutputDifference, VariantComparison } from './types';
import { EffectiveSamples } from './weights';

/** One what-if: a named variant of the scenario, overrides, or both (the variant first). */
export interface VariantSpec {
  /** Name shown in results. Default: the variant's name and/or `set NAME=VALUE, …`. */
  name?: string;
  /** A named variant of the scenario. Default: none. */
  variant?: string;
  /** Overrides as in `simulate`'s `params`. Default: none. */
  overrides?: Overrides;
  /** Whole replacement distributions by factor name, applied after `variant` and before `overrides`. Default: none. */
  factors?: Readonly<Record<string, DistSpec>>;
}

/** Options of {@link compareVariants}. */
export interface CompareOptions extends AnalysisOptions {
  /**
   * The what-ifs, each compared with the baseline: a variant's name or a {@link VariantSpec}.
   * Each is applied to the scenario as written (not on top of the baseline's `variant` and
   * `params`, which only define the baseline). Required, at least one.
   */
  variants: ReadonlyArray<string | VariantSpec>;
  /** The events to compare. Default: every event of the scenario. */
  events?: readonly string[];
}

// Per-trial quantities of one event in a pair: (baseline, variant) for an unconditional event;
// for a ratio, (numerator, denominator) in each: (joint, condition) for a conditional event and,
// under "nothing yet" evidence, the same weighted, (w·p, w) or (w·joint, w·condition).
const PLAIN = 2;
const RATIO = 4;
const GREATER = 0;
const LESS = 1;
const CHANGED = 2;
const FRACTIONAL = 3;

/** variant − baseline of one event, with what its interval and the odds ratio's need. */
interface Paired {
  readonly pb: number;
  readonly pv: number;
  readonly diff: number;
  /** Standard error of `diff` (0 when no trial differs). */
  readonly se: number;
  /** Whether no trial differs at all. */
  readonly identical: boolean;
  /** Covariance of the per-trial quantities, and the gradients of pb and pv with respect to their means. */
  readonly S: Float64Array;
  readonly gb: readonly number[];
  readonly gv: readonly number[];
}

/** One event of one variant against the baseline: its paired sums, chunk by chunk. */
export class EventPair {
  private readonly m: number;
  /** Whether either model weights its trials by evidence: then each side is a weighted mean. */
  private readonly weighted: boolean;
  /** The weighted quantities of a batch (see {@link EventPair.weigh}). */
  private readonly scratch: Float64Array[];
  private readonly sums: ChunkSums;
  readonly totals: ExactTotals;
  /** Per-trial differences (variant − baseline) of an unconditional event, sketched: their spread across the model's worlds. */
  private readonly diffs?: { readonly values: Float64Array; readonly chunk: ChunkSketch; readonly all: Sketch };

  constructor(
    readonly name: string,
    private readonly base: ColumnModel,
    private readonly arm: ColumnModel,
    private readonly b: EventColumns,
    private readonly v: EventColumns,
  ) {
    this.weighted = base.weight >= 0 || arm.weight >= 0;
    this.m = b.given === undefined && !this.weighted ? PLAIN : RATIO;
    this.scratch = this.weighted ? Array.from({ length: RATIO }, () => new Float64Array(base.batchSize)) : [];
    const size = this.m + (this.m * (this.m + 1)) / 2;
    this.sums = new ChunkSums(size);
    this.totals = new ExactTotals(size, 4);
    if (b.given === undefined) this.diffs = { values: new Float64Array(base.batchSize), chunk: new ChunkSketch(), all: emptySketch() };
  }

  /** Adds the columns {@link EventPair.accumulate} reads to `base` and `arm` (column indices of each model). */
  columns(base: Set<number>, arm: Set<number>): void {
    for (const [set, c, model] of [[base, this.b, this.base], [arm, this.v, this.arm]] as const) {
      set.add(c.value);
      if (c.given !== undefined) set.add(c.given);
      if (this.weighted) {
        if (model.weight >= 0) set.add(model.weight);
      } else if (c.conditional !== undefined) set.add(c.conditional);
    }
  }

  /**
   * One side's (w·value, w·condition) into scratch[o] and scratch[o + 1]: the condition is 1
   * for an unconditional event, w is 1 for a model without evidence (exact: 1·x is x), so
   * each side sums exactly what `simulate` of it sums.
   */
  private weigh(model: ColumnModel, c: EventColumns, o: number, n: number): void {
    const cols = model.columns;
    const x = cols[c.value];
    const g = c.given === undefined ? undefined : cols[c.given];
    const w = model.weight >= 0 ? cols[model.weight] : undefined;
    const [a, d] = [this.scratch[o], this.scratch[o + 1]];
    for (let i = 0; i < n; i++) {
      const wi = w === undefined ? 1 : w[i];
      a[i] = wi * x[i];
      d[i] = g === undefined ? wi : wi * g[i];
    }
  }

  accumulate(n: number): void {
    const { sums, m } = this;
    const counts = this.totals.counts;
    const bc = this.base.columns;
    const vc = this.arm.columns;
    const x = new Float64Array(m);
    let cols: Float64Array[];
    if (this.weighted) {
      this.weigh(this.base, this.b, 0, n);
      this.weigh(this.arm, this.v, 2, n);
      cols = this.scratch;
    } else cols = m === PLAIN ? [bc[this.b.value], vc[this.v.value]] : [bc[this.b.value], bc[this.b.given!], vc[this.v.value], vc[this.v.given!]];
    // The per-trial probabilities compared for "greater": the event's own, or P(event | condition).
    // Under weights a share of trials means nothing, so there are none.
    const [qb, qv] = this.weighted ? [] : m === PLAIN ? cols : [bc[this.b.conditional!], vc[this.v.conditional!]];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) x[j] = cols[j][i];
      let k = 0;
      for (let j = 0; j < m; j++) sums.add(k++, x[j]);
      for (let j = 0; j < m; j++) for (let l = j; l < m; l++) sums.add(k++, x[j] * x[l]);
      if (qb !== undefined) {
        const pb = qb[i];
        const pv = qv[i];
        if (pv > pb) counts[GREATER]++;
        else if (pv < pb) counts[LESS]++;
        if ((pb !== 0 && pb !== 1) || (pv !== 0 && pv !== 1)) counts[FRACTIONAL]++;
      }
      if (m === PLAIN ? x[1] !== x[0] : x[0] !== x[2] || x[1] !== x[3]) counts[CHANGED]++;
    }
    if (this.diffs) {
      // Each world's own change, weighted (under evidence) by the baseline's weight of that world.
      const [xb, xv] = [bc[this.b.value], vc[this.v.value]];
      const d = this.diffs.values;
      for (let i = 0; i < n; i++) d[i] = xv[i] - xb[i];
      this.diffs.chunk.add(d, n, this.base.weight >= 0 ? bc[this.base.weight] : undefined);
    }
  }

  endChunk(): void {
    this.totals.addChunk(this.sums);
    this.sums.reset();
    if (this.diffs) {
      mergeSketch(this.diffs.all, this.diffs.chunk.toSketch());
      this.diffs.chunk.reset();
    }
  }

  /** The spread of the per-trial differences across the model's worlds, when they vary. */
  private spread(): Spread | undefined {
    const all = this.diffs?.all;
    if (!all || !(all.min < all.max)) return undefined;
    const [p5, p25, p50, p75, p95] = sketchQuantiles(all, [0.05, 0.25, 0.5, 0.75, 0.95]);
    return { quantiles: { p5, p25, p50, p75, p95 }, histogram: sketchHistogram(all, 20) };
  }

  /**
   * Both sides' probabilities and the paired difference, by the delta method over the per-trial
   * quantities (a plain difference of means, or of two ratios).
   *
   * @throws {ScenarioError} `condition-never-held` when a ratio's denominator summed to 0.
   */
  private paired(n: number): Paired {
    const { m, totals } = this;
    const size = m + (m * (m + 1)) / 2;
    const all = Array.from({ length: size }, (_, k) => totals.value(k));
    const sums = all.slice(0, m);
    const S = covarianceMatrix(sums, all.slice(m), n);
    const mu = sums.map((s) => s / n);
    let pb: number, pv: number;
    let gb: number[], gv: number[];
    if (m === PLAIN) {
      [pb, pv] = [sums[0] / n, sums[1] / n];
      [gb, gv] = [[1, 0], [0, 1]];
    } else {
      if (sums[1] === 0 || sums[3] === 0) {
        throw new ScenarioError([{ code: 'condition-never-held', path: `events.${this.name}.given`, message: `the condition of "${this.name}" had probability 0 in all ${n} trials of ${sums[1] === 0 ? 'the baseline' : 'a variant'}, so the comparison is undefined` }]);
      }
      // Same arithmetic as the engine's ratio estimate, so the numbers match `simulate`.
      [pb, pv] = [sums[0] / sums[1], sums[2] / sums[3]];
      gb = [1 / mu[1], -pb / mu[1], 0, 0];
      gv = [0, 0, 1 / mu[3], -pv / mu[3]];
    }
    const identical = totals.counts[CHANGED] === 0;
    const diff = identical ? 0 : pv - pb;
    const se = identical ? 0 : Math.sqrt(quadraticForm(gv.map((g, j) => g - gb[j]), S) / n);
    return { pb, pv, diff, se, identical, S, gb, gv };
  }

  /** variant − baseline with its standard error (in probability, not percentage points). */
  difference(n: number): { readonly difference: number; readonly standardError: number } {
    const { diff, se } = this.paired(n);
    return { difference: diff, standardError: se };
  }

  /** The pair as a real-valued output's: the two means and their paired difference, in the output's units. */
  outputResult(n: number): OutputDifference {
    const { pb, pv, diff, se } = this.paired(n);
    const acrossWorlds = this.spread();
    return { baseline: pb, variant: pv, difference: { value: diff, ci95: [diff - Z95 * se, diff + Z95 * se], standardError: se }, ...(acrossWorlds ? { acrossWorlds } : {}) };
  }

  result(n: number): EventDifference {
    const { pb, pv, diff, se, identical, S, gb, gv } = this.paired(n);
    const out: { -readonly [K in keyof EventDifference]: EventDifference[K] } = {
      baseline: pb,
      variant: pv,
      differencePp: { probability: 100 * diff, ci95: [100 * (diff - Z95 * se), 100 * (diff + Z95 * se)], standardError: 100 * se },
    };
    const acrossWorlds = this.spread();
    if (acrossWorlds) out.acrossWorlds = acrossWorlds;
    if (pb > 0 && pb < 1 && pv > 0 && pv < 1) {
      const logOr = identical ? 0 : log(pv / (1 - pv)) - log(pb / (1 - pb));
      const g = gv.map((x, j) => x / (pv * (1 - pv)) - gb[j] / (pb * (1 - pb)));
      const seLog = identical ? 0 : Math.sqrt(quadraticForm(g, S) / n);
      out.oddsRatio = exp(logOr);
      out.oddsRatioCi95 = [exp(logOr - Z95 * seLog), exp(logOr + Z95 * seLog)];
    }
    if (!this.weighted && this.totals.counts[FRACTIONAL] > 0) {
      const { counts } = this.totals;
      out.probabilityGreater = counts[GREATER] / n;
      out.probabilityLess = counts[LESS] / n;
    }
    return out;
  }
}

/** The scenario with whole distributions replaced; only factors it already has may be replaced. */
function withFactors(scenario: Scenario, factors: Readonly<Record<string, DistSpec>>, index: number): Scenario {
  const own = scenario.factors ?? {};
  const unknown = Object.keys(factors).filter((name) => !Object.hasOwn(own, name));
  if (unknown.length > 0) {
    throw new ScenarioError(unknown.map((name) => ({ code: 'override-unknown-name', path: `variants.${index}.factors.${name}`, message: `no factor named "${name}"` })));
  }
  return { ...scenario, factors: { ...own, ...factors } };
}

function displayName(spec: VariantSpec): string {
  if (spec.name) return spec.name;
  const set = Object.entries(spec.overrides ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
  const replaced = Object.keys(spec.factors ?? {}).join(', ');
  const parts = [spec.variant, replaced ? `replace ${replaced}` : undefined, set ? `set ${set}` : undefined].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' + ') : 'as written';
}

/** A comparison set up and ready to run: the models, and one accumulator per (variant, event). */
export interface CompareRun {
  readonly setup: AnalysisSetup;
  readonly specs: readonly VariantSpec[];
  readonly base: ColumnModel;
  readonly arms: readonly Arm[];
  /** Per variant, per compared event, then per output of the scenario. */
  readonly pairs: ReadonlyArray<readonly EventPair[]>;
  /** How many of each variant's pairs are events (the rest are outputs). */
  readonly eventCount: number;
  /** Under evidence, each model's weights, whose effective sample `simulate` of it would check. */
  readonly samples: EffectiveSamples;
}

/**
 * Validates the comparison and builds its models; nothing is sampled yet.
 *
 * @throws {ScenarioError} for an invalid scenario, option, variant name, override or event name.
 */
export function setupCompare(scenario: Scenario, options: CompareOptions): CompareRun {
  const specs = (options.variants ?? []).map((v): VariantSpec => (typeof v === 'string' ? { variant: v } : v));
  if (specs.length === 0) throw new ScenarioError([{ code: 'no-variants', path: 'variants', message: 'give at least one variant to compare with the baseline' }]);
  const setup = setupAnalysis(scenario, options, 'compare');
  const { model: base, settings } = setup;
  const arms = specs.map((spec, a) => {
    let input = scenario;
    if (spec.variant !== undefined) {
      // The named variant first, so that `factors` and `overrides` apply on top of it.
      const applied = applyVariant(scenario, spec.variant);
      if (!applied.scenario) throw new ScenarioError(applied.issues);
      const { variants: _others, ...effective } = applied.scenario;
      input = effective;
    }
    if (spec.factors) input = withFactors(input, spec.factors, a);
    const prepared = prepare(input, { ...settings, variant: undefined, overrides: spec.overrides ?? {} });
    return pairArm(base, modelFor(setup, prepared.plan));
  });
  const names = options.events === undefined ? base.plan.events.map((e) => e.name) : options.events.map((name) => chooseEvent(base.plan, name).name);
  // An output's column is its (derived) node's; every output is compared, in its own units.
  const column = (model: ColumnModel, name: string) => ({ value: model.names.indexOf(name) });
  const pairs = arms.map((arm) => [
    ...names.map((name) => new EventPair(name, base, arm.model, eventColumns(base, name), eventColumns(arm.model, name))),
    ...base.plan.outputs.map((name) => new EventPair(name, base, arm.model, column(base, name), column(arm.model, name))),
  ]);
  const samples = new EffectiveSamples([{ model: base, whose: 'the baseline' }, ...arms.map((arm, a) => ({ model: arm.model, whose: `variant "${displayName(specs[a])}"` }))]);
  return { setup, specs, base, arms, pairs, eventCount: names.length, samples };
}

/**
 * The columns the accumulators read, per model (the base, then each variant's): all a worker
 * thread must send back for the main thread to accumulate a chunk it computed.
 */
export function compareColumns(run: CompareRun): number[][] {
  const models = [run.base, ...run.arms.map((a) => a.model)];
  const used = models.map((model) => new Set<number>(model.weight >= 0 ? [model.weight] : []));
  run.pairs.forEach((row, a) => {
    for (const p of row) p.columns(used[0], used[a + 1]);
  });
  return used.map((set) => [...set].sort((x, y) => x - y));
}

/** Adds n trials, now in the models' columns, to every accumulator. */
export function accumulateCompare(run: CompareRun, n: number): void {
  for (const row of run.pairs) for (const p of row) p.accumulate(n);
  run.samples.accumulate(n);
}

/** Closes a chunk in every accumulator (chunks must close in chunk order). */
export function endCompareChunk(run: CompareRun): void {
  for (const row of run.pairs) for (const p of row) p.endChunk();
  run.samples.endChunk();
}

/** The comparison's result once all its trials are accumulated. */
export function compareResult(run: CompareRun, scenario: Scenario, options: CompareOptions): ComparisonResult {
  const { setup, specs, pairs, eventCount } = run;
  const { trials } = setup;
  run.samples.check(trials);
  const variants: VariantComparison[] = specs.map((spec, a) => {
    const declared = spec.variant !== undefined ? scenario.variants?.[spec.variant] : undefined;
    const description = declared ? [declared.label, declared.description].filter(Boolean).join(': ') || undefined : undefined;
    return {
      name: displayName(spec),
      ...(description ? { description } : {}),
      ...(spec.variant !== undefined ? { variant: spec.variant } : {}),
      overrides: spec.overrides ?? {},
      events: Object.fromEntries(pairs[a].slice(0, eventCount).map((p) => [p.name, p.result(trials)])),
      ...(pairs[a].length > eventCount ? { outputs: Object.fromEntries(pairs[a].slice(eventCount).map((p) => [p.name, p.outputResult(trials)])) } : {}),
    };
  });
  const baselineSpec = options.variant !== undefined || options.params ? { baseline: { ...(options.variant !== undefined ? { variant: options.variant } : {}), overrides: options.params ?? {} } } : {};
  return { kind: 'comparison', ...runInfo(setup), ...baselineSpec, variants };
}

function* compareSteps(scenario: Scenario, options: CompareOptions): AnalysisSteps<ComparisonResult> {
  return yield* compareRunSteps(setupCompare(scenario, options), scenario, options);
}

/** A comparison already set up, computed in this thread chunk by chunk. */
export function* compareRunSteps(run: CompareRun, scenario: Scenario, options: CompareOptions): AnalysisSteps<ComparisonResult> {
  const { base, arms, setup } = run;
  yield* chunkSteps('compare', setup.trials, 0, setup.trials, (chunk, count) => {
    forEachPairedBatch(base, arms, setup.settings.seed, chunk, count, (n) => accumulateCompare(run, n));
    endCompareChunk(run);
  });
  return compareResult(run, scenario, options);
}

/**
 * Compares the baseline with one or more variants on common random numbers: the same seed and
 * the same per-factor streams, so every factor a variant leaves alone gets identical draws, a
 * factor whose distribution it changes is redrawn from the same stream, and each event's
 * difference comes with a 95% interval from the per-trial paired differences. Each side's
 * probability equals what `simulate` gives for it with the same seed and trials. Under "nothing
 * yet" evidence (`noneThrough`, or the scenario's `observed`) each side weights the trials by
 * its own chance of the quiet stretch (a variant that changes the hazard changes its weights),
 * and the difference's interval is the delta method's for two weighted means on the same trials.
 *
 * @throws {ScenarioError} for an invalid scenario, option, variant name, override or event name,
 *   or when the evidence leaves the baseline or a variant too few effective trials (as `simulate` would).
 * @throws {NumericalError} if a node of the baseline or a variant yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 * @example
 * ```ts
 * const result = await compareVariants(trumpKimSummit, { seed: 1, trials: 50_000, variants: ['seoul-steps-back', { overrides: { 'wDomestic.mean': -7 } }] });
 * const d = result.variants[0].events.summit.differencePp; // { probability: the change in percentage points, ci95: [...] }
 * ```
 */
export function compareVariants(scenario: Scenario, options: CompareOptions): Promise<ComparisonResult> {
  return runAsync(compareSteps(scenario, options), options);
}

/**
 * {@link compareVariants}, blocking until done (same numbers).
 *
 * @throws {ScenarioError} for an invalid scenario, option, variant name or override.
 * @throws {NumericalError} if a node of the baseline or a variant yields NaN or a bad probability.
 * @example
 * ```ts
 * const r = compareVariantsSync(trumpKimSummit, { seed: 1, trials: 20_000, variants: ['no-russia-alliance'] });
 * r.variants[0].events.summit.oddsRatio; // ≈ 1.4
 * ```
 */
export function compareVariantsSync(scenario: Scenario, options: CompareOptions): ComparisonResult {
  return runSync(compareSteps(scenario, options), options);
}
