/**
 * Sensitivity of one event: a tornado (the event's probability with one input moved low and
 * high, everything else sampled as usual, on common random numbers) and variance-based Sobol
 * indices of its per-trial probability (Saltelli design, Jansen estimators, bootstrap intervals).
 */
import { CHUNK_SIZE, evaluateBatch, forEachBatch } from '../engine/chunk';
import type { ColumnModel, RunPlan } from '../engine/columns';
import { ratioStandardError, Z95 } from '../engine/intervals';
import { MIN_EFFECTIVE_SAMPLE_SIZE, type Estimate } from '../engine/types';
import type { Distribution, DistSpec } from '../distributions/types';
import { fmt } from '../distributions/format';
import { ScenarioError } from '../issues';
import type { Scenario } from '../model/types';
import type { PlannedEvent } from '../model/validate';
import { chooseEvent, dependencies, eventColumns, modelFor, prunePlan, requireUnconditional, runInfo, setupAnalysis, type AnalysisOptions, type AnalysisSetup } from './common';
import { forEachPairedBatch, pairArm, type Arm } from './paired';
import { DEFAULT_BOOTSTRAP, jansenSteps } from './sobol';
import { EventPair } from './compare';
import { chunkSteps, runAsync, runSync, type AnalysisSteps } from './steps';
import { analysisStream } from './streams';
import { ChunkSums, ExactTotals, normalInterval, probabilityEstimate } from './sums';
import type { SensitivityResult, SobolIndex, TornadoBar } from './types';
import { addWeighted, assertEffectiveSample, describeEvidence, effectiveSampleSize, WEIGHTED_SUMS, weightedEstimate } from './weights';

/** Default percentiles a factor is pinned at for the tornado. */
export const DEFAULT_PERCENTILES: readonly [number, number] = [0.1, 0.9];
/** Default param step of the tornado: ±50% of the param's value. */
export const DEFAULT_PARAM_STEP = 0.5;
/** Default base samples N of the Sobol design (N·(k+2) model evaluations for k factors). */
export const DEFAULT_SOBOL_SAMPLES = 50_000;

/** Most Sobol base samples: the design keeps about (3k + 4) doubles per sample in memory (≈ 150 MB at k = 5). */
const MAX_SOBOL_SAMPLES = 1_000_000;

/** Options of {@link analyzeSensitivity}. */
export interface SensitivityOptions extends AnalysisOptions {
  /** The event. Default: the scenario's first event that is not conditional. */
  event?: string;
  /** Percentiles each factor is pinned at (default [0.1, 0.9]). */
  percentiles?: readonly [number, number];
  /** How far each param is moved down and up (default 0.5, i.e. ±50% with `paramStepKind` relative). */
  paramStep?: number;
  /** `relative` (default): ±step × |value|, or ±step for a param whose value is 0; `absolute`: ±step. */
  paramStepKind?: 'relative' | 'absolute';
  /** Base samples N of the Sobol design (default 50,000; at most 1,000,000; 0 skips the Sobol indices). */
  sobolSamples?: number;
  /** Bootstrap resamples behind each Sobol interval (default 200). */
  bootstrap?: number;
}

/** One tornado bar before it runs: which input, its two settings, and their plans. */
export interface BarPlan {
  readonly name: string;
  readonly kind: 'factor' | 'param';
  readonly settings: ReadonlyArray<{ readonly text: string; readonly value: number; readonly plan: RunPlan }>;
}

function withFactor(plan: RunPlan, name: string, value: number): RunPlan {
  const pinned: DistSpec = { dist: 'constant', value };
  return { ...plan, factors: plan.factors.map(([n, s]) => [n, n === name ? pinned : s] as const) };
}

function withParam(plan: RunPlan, name: string, value: number): RunPlan {
  return { ...plan, params: plan.params.map(([n, v]) => [n, n === name ? value : v] as const) };
}

function checkOptions(o: SensitivityOptions): void {
  const issues = [];
  const [lo, hi] = o.percentiles ?? DEFAULT_PERCENTILES;
  if (!(lo >= 0 && lo < hi && hi <= 1)) issues.push({ code: 'invalid-option', path: 'percentiles', message: `must be two numbers 0 <= low < high <= 1 (got ${JSON.stringify(o.percentiles)})` });
  const step = o.paramStep ?? DEFAULT_PARAM_STEP;
  if (!(typeof step === 'number' && step > 0 && Number.isFinite(step))) issues.push({ code: 'invalid-option', path: 'paramStep', message: `must be a number greater than 0 (got ${JSON.stringify(step)})` });
  const n = o.sobolSamples ?? DEFAULT_SOBOL_SAMPLES;
  if (!(Number.isInteger(n) && (n === 0 || (n >= 2 && n <= MAX_SOBOL_SAMPLES)))) issues.push({ code: 'invalid-option', path: 'sobolSamples', message: `must be 0 or a whole number from 2 to ${MAX_SOBOL_SAMPLES.toLocaleString('en-US')} (got ${JSON.stringify(n)})` });
  const b = o.bootstrap ?? DEFAULT_BOOTSTRAP;
  if (!(Number.isInteger(b) && b >= 0 && b <= 10_000)) issues.push({ code: 'invalid-option', path: 'bootstrap', message: `must be a whole number from 0 to 10,000 (got ${JSON.stringify(b)})` });
  if (issues.length > 0) throw new ScenarioError(issues);
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st, 2.5th. */
function ordinal(n: number): string {
  const suffix = !Number.isInteger(n) || (n % 100 >= 11 && n % 100 <= 13) ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** An interval for |d| from one for d: the absolute values of its ends, or from 0 if it spans 0. */
function absInterval(lo: number, hi: number): [number, number] {
  if (lo >= 0) return [lo, hi];
  if (hi <= 0) return [-hi, -lo];
  return [0, Math.max(-lo, hi)];
}

/** A sensitivity analysis set up to its tornado: the models, the tornado's arms and accumulators. */
export interface SensitivityRun {
  readonly options: SensitivityOptions;
  readonly setup: AnalysisSetup;
  readonly settings: AnalysisSetup['settings'];
  readonly trials: number;
  readonly event: PlannedEvent;
  /** Whether the target is a real-valued output rather than an event. */
  readonly output: boolean;
  readonly plan: RunPlan;
  readonly base: ColumnModel;
  readonly column: number;
  readonly seed: string;
  readonly pLo: number;
  readonly pHi: number;
  readonly step: number;
  readonly stepKind: 'relative' | 'absolute';
  readonly sobolSamples: number;
  readonly notes: string[];
  readonly factors: ReadonlyArray<{ readonly name: string; readonly f: number; readonly dist: Distribution }>;
  readonly bars: readonly BarPlan[];
  /** The tornado's settings, two per bar, paired with the base (tolerant: a setting that breaks the model is left out). */
  readonly arms: readonly Arm[];
  readonly armColumns: readonly number[];
  /**
   * Whether the trials carry "nothing yet" weights: then the sums are per setting the weighted
   * sums (see weights.ts), and each bar's swing comes from a pair of its two settings.
   */
  readonly weighted: boolean;
  /** Per bar under weights, its low setting paired with its high one; empty otherwise. */
  readonly pairs: readonly EventPair[];
  readonly width: number;
  readonly sums: ChunkSums;
  readonly totals: ExactTotals;
  /** Trials of the tornado plus Sobol samples: the progress target. */
  readonly target: number;
}

/**
 * Validates the analysis and builds the tornado's models; nothing is sampled yet.
 *
 * @throws {ScenarioError} for an invalid scenario or option, an unknown event, or a conditional event.
 */
export function setupSensitivity(scenario: Scenario, options: SensitivityOptions): SensitivityRun {
  checkOptions(options);
  const setup = setupAnalysis(scenario, options, 'sensitivity');
  const { settings, trials } = setup;
  // An output is analysed through a stand-in event that reads it (for its dependencies); its
  // values come from its own (derived) column, in its own units.
  const output = options.event !== undefined && setup.prepared.plan.outputs.includes(options.event);
  const event: PlannedEvent = output ? { name: options.event!, kind: 'probability', ast: { t: 'name', name: options.event! } } : chooseEvent(setup.prepared.plan, options.event);
  requireUnconditional(event, 'sensitivity');
  // Only what the event needs is evaluated, once per tornado setting and Sobol matrix.
  const plan = prunePlan(setup.prepared.plan, event);
  const base = modelFor(setup, plan);
  const columnOf = (model: ColumnModel) => (output ? model.names.indexOf(event.name) : eventColumns(model, event.name).value);
  const column = columnOf(base);
  const seed = settings.seed;
  const deps = dependencies(plan, event);
  const [pLo, pHi] = options.percentiles ?? DEFAULT_PERCENTILES;
  const step = options.paramStep ?? DEFAULT_PARAM_STEP;
  const stepKind = options.paramStepKind ?? 'relative';
  const sobolSamples = options.sobolSamples ?? DEFAULT_SOBOL_SAMPLES;
  const notes: string[] = [];

  // Factors the event depends on and that vary; constants have nothing to pin or decompose.
  const factors = plan.factors.map(([name], f) => ({ name, f, dist: base.distributions[f] })).filter(({ name, dist }) => deps.has(name) && dist.name !== 'constant');
  const bars: BarPlan[] = factors.flatMap(({ name, dist }): BarPlan[] => {
    let lo = dist.quantile(pLo);
    let hi = dist.quantile(pHi);
    const pct = (p: number) => `${ordinal(Number((p * 100).toPrecision(3)))} percentile`;
    let [loText, hiText] = [pct(pLo), pct(pHi)];
    // A discrete factor can put both percentiles on one value (Bernoulli(0.1): 0 and 0); pin it
    // at the ends of its support instead, so the bar still shows what the factor can do.
    if (lo === hi) {
      [lo, hi] = [dist.quantile(0), dist.quantile(1)];
      [loText, hiText] = ['lowest value', 'highest value'];
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      notes.push(`${name} left out of the tornado: its ${loText} or ${hiText} is not finite`);
      return [];
    }
    return [
      {
        name,
        kind: 'factor',
        settings: [
          { text: `${loText} (${fmt(lo)})`, value: lo, plan: withFactor(plan, name, lo) },
          { text: `${hiText} (${fmt(hi)})`, value: hi, plan: withFactor(plan, name, hi) },
        ],
      },
    ];
  });
  for (const [name, value] of plan.params) {
    if (!deps.has(name)) continue;
    const relative = stepKind === 'relative' && value !== 0;
    const delta = relative ? step * Math.abs(value) : step;
    const how = (sign: string) => (relative ? `${sign}${Number((step * 100).toPrecision(3))}%` : `${sign}${fmt(delta)}`);
    // Rounded to 12 significant digits so −1.2 − 0.6 is the −1.8 a user would type, not −1.7999999999999998.
    const [lo, hi] = [value - delta, value + delta].map((x) => Number(x.toPrecision(12)));
    bars.push({
      name,
      kind: 'param',
      settings: [
        { text: `${fmt(lo)} (${how('−')})`, value: lo, plan: withParam(plan, name, lo) },
        { text: `${fmt(hi)} (${how('+')})`, value: hi, plan: withParam(plan, name, hi) },
      ],
    });
  }

  // Tornado: every setting is an arm on the base's trials. Per arm Σp, Σp², ones, fractional;
  // per bar Σ(high − low) and its square for the swing's paired interval. Under weights, per
  // arm the weighted sums, and per bar a pair whose difference is the swing.
  const arms: Arm[] = bars.flatMap((b) => b.settings.map((s) => pairArm(base, modelFor(setup, s.plan), true)));
  const armColumns = arms.map((a) => columnOf(a.model));
  const width = arms.length + 1;
  const weighted = base.weight >= 0;
  const pairs = weighted ? bars.map((bar, b) => new EventPair(bar.name, arms[2 * b].model, arms[2 * b + 1].model, { value: armColumns[2 * b] }, { value: armColumns[2 * b + 1] })) : [];
  const size = weighted ? WEIGHTED_SUMS * width : 2 * width + 2 * bars.length;
  const sums = new ChunkSums(size);
  const totals = new ExactTotals(size, weighted ? 0 : 2 * width);
  const target = trials + sobolSamples;
  return { options, setup, settings, trials, event, output, plan, base, column, seed, pLo, pHi, step, stepKind, sobolSamples, notes, factors, bars, arms, armColumns, weighted, pairs, width, sums, totals, target };
}

/** Per model (the base, then each setting's), the columns the tornado reads: what a worker thread must send back. */
export function tornadoColumns(run: SensitivityRun): number[][] {
  const models = [run.base, ...run.arms.map((a) => a.model)];
  const columns = [run.column, ...run.armColumns];
  return models.map((model, a) => (model.weight >= 0 ? [columns[a], model.weight].sort((x, y) => x - y) : [columns[a]]));
}

/** Adds n trials of the tornado, now in the models' columns, to its accumulators. */
export function accumulateTornado(run: SensitivityRun, n: number): void {
  const { base, column, arms, armColumns, width, sums, totals, bars } = run;
  const cols = [base.columns[column], ...arms.map((a, i) => a.model.columns[armColumns[i]])];
  if (run.weighted) {
    const models = [base, ...arms.map((a) => a.model)];
    for (let a = 0; a < width; a++) {
      if (a > 0 && arms[a - 1].failure) continue;
      addWeighted(sums, WEIGHTED_SUMS * a, cols[a], models[a].columns[models[a].weight], n);
    }
    run.pairs.forEach((pair, b) => {
      if (!arms[2 * b].failure && !arms[2 * b + 1].failure) pair.accumulate(n);
    });
    return;
  }
  for (let a = 0; a < width; a++) {
    if (a > 0 && arms[a - 1].failure) continue;
    const col = cols[a];
    for (let i = 0; i < n; i++) {
      const v = col[i];
      sums.add(2 * a, v);
      sums.add(2 * a + 1, v * v);
      if (v === 1) totals.counts[2 * a]++;
      else if (v !== 0) totals.counts[2 * a + 1]++;
    }
  }
  for (let b = 0; b < bars.length; b++) {
    const [lo, hi] = [cols[1 + 2 * b], cols[2 + 2 * b]];
    for (let i = 0; i < n; i++) {
      const d = hi[i] - lo[i];
      sums.add(2 * width + 2 * b, d);
      sums.add(2 * width + 2 * b + 1, d * d);
    }
  }
}

/** Closes a tornado chunk (chunks must close in chunk order). */
export function endTornadoChunk(run: SensitivityRun): void {
  run.totals.addChunk(run.sums);
  run.sums.reset();
  for (const pair of run.pairs) pair.endChunk();
}

/**
 * An output's mean with an unclipped 95% interval (in the `probability` field of an estimate,
 * which for an output holds its mean), from the plain or weighted sums at k.
 */
function outputEstimate(totals: ExactTotals, k: number, trials: number, weighted: boolean): Estimate {
  if (!weighted) {
    const i = normalInterval(totals.value(k), totals.value(k + 1), trials);
    return { probability: i.mean, ci95: [i.lo, i.hi], standardError: i.standardError };
  }
  const [sw, sww, swx, swxx, swwx] = [0, 1, 2, 3, 4].map((j) => totals.value(k + j));
  const mean = swx / sw;
  const se = ratioStandardError(swx, swxx, sw, sww, swwx, trials);
  return { probability: mean, ci95: [mean - Z95 * se, mean + Z95 * se], standardError: se };
}

/** The change high − low of a bar's probability with its standard error, from the per-trial paired differences. */
function swingOf(run: SensitivityRun, b: number): { readonly mean: number; readonly se: number } {
  const { trials, totals, width } = run;
  if (run.weighted) {
    const d = run.pairs[b].difference(trials);
    return { mean: d.difference, se: d.standardError };
  }
  const sd = totals.value(2 * width + 2 * b);
  const sdd = totals.value(2 * width + 2 * b + 1);
  return { mean: sd / trials, se: trials < 2 ? 0 : Math.sqrt(Math.max(0, (sdd - (sd * sd) / trials) / (trials - 1)) / trials) };
}

/** The rest of the analysis once the tornado's trials are accumulated: its bars, then Sobol and the bootstrap. */
export function* finishSensitivity(run: SensitivityRun): AnalysisSteps<SensitivityResult> {
  const { options, setup, settings, trials, event, output, plan, base, column, seed, pLo, pHi, step, stepKind, sobolSamples, notes, factors, bars, arms, weighted, totals, target } = run;
  const estimateOf = (a: number): Estimate => {
    if (output) return outputEstimate(totals, weighted ? WEIGHTED_SUMS * a : 2 * a, trials, weighted);
    return weighted ? weightedEstimate(totals, WEIGHTED_SUMS * a, trials) : probabilityEstimate(totals.value(2 * a), totals.value(2 * a + 1), totals.counts[2 * a], totals.counts[2 * a + 1], trials);
  };
  // As `simulate` would, refuse a baseline whose evidence leaves too few effective trials.
  if (weighted) assertEffectiveSample(base, effectiveSampleSize(totals, 0), trials);
  const tornado: TornadoBar[] = [];
  bars.forEach((bar, b) => {
    const failed = [arms[2 * b], arms[2 * b + 1]].find((a) => a.failure);
    if (failed) {
      const which = failed === arms[2 * b] ? bar.settings[0] : bar.settings[1];
      // Named by node, value and first trial only: the error's batch counts depend on the batch size.
      const f = failed.failure!;
      const what = f.check === 'probability' ? 'a probability outside [0, 1]' : f.check === 'nonnegative' ? 'a negative or infinite multiplier' : 'a non-finite value';
      notes.push(`${bar.name} left out of the tornado: at ${which.text} "${f.node}" gives ${what} (${f.value}, first at trial ${f.firstTrial})`);
      return;
    }
    // A setting can concentrate the weights on a few worlds, as a whole run could; its bar then goes.
    const thin = weighted ? bar.settings.map((setting, s) => ({ setting, ess: effectiveSampleSize(totals, WEIGHTED_SUMS * (1 + 2 * b + s)) })).find(({ ess }) => !(ess >= MIN_EFFECTIVE_SAMPLE_SIZE)) : undefined;
    if (thin) {
      notes.push(`${bar.name} left out of the tornado: at ${thin.setting.text} the evidence leaves an effective sample of ${Math.floor(thin.ess).toLocaleString('en-US')} trials, below the ${MIN_EFFECTIVE_SAMPLE_SIZE.toLocaleString('en-US')} needed to trust it`);
      return;
    }
    const [low, high] = [estimateOf(1 + 2 * b), estimateOf(2 + 2 * b)];
    const { mean, se } = swingOf(run, b);
    tornado.push({
      name: bar.name,
      kind: bar.kind,
      lowSetting: bar.settings[0].text,
      highSetting: bar.settings[1].text,
      lowValue: bar.settings[0].value,
      highValue: bar.settings[1].value,
      low,
      high,
      swing: Math.abs(high.probability - low.probability),
      swingCi95: absInterval(mean - Z95 * se, mean + Z95 * se),
    });
  });
  tornado.sort((x, y) => y.swing - x.swing || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));

  // Sobol: A is the run's own draws (its first N trials), B comes from the `sobol-B` streams;
  // a second instance of the model evaluates f(B) and each f(A with column i from B).
  const sobol: SobolIndex[] = [];
  let variance: number | undefined;
  // Sobol's indices need independent inputs: a group of correlated factors is one input, its
  // members swapped between A and B together.
  const varying = new Set(factors.map(({ f }) => f));
  const inputs = base.units.flatMap((unit, u) => (unit.members.some((f) => varying.has(f)) ? [{ unit, columns: base.unitColumns[u] }] : []));
  if (sobolSamples > 0 && inputs.length > 0) {
    const n = sobolSamples;
    const fA = new Float64Array(n);
    const fB = new Float64Array(n);
    const fAB = inputs.map(() => new Float64Array(n));
    const scratch = modelFor(setup, plan);
    const bColumns = inputs.map(({ unit }) => unit.members.map(() => new Float64Array(settings.batchSize)));
    const use = (i: number, from: readonly Float64Array[], m: number) => inputs[i].unit.members.forEach((f, j) => scratch.columns[f].set(from[j].subarray(0, m)));
    yield* chunkSteps('sobol', n, trials, target, (chunk, count) => {
      const streams = inputs.map(({ unit }) => analysisStream(seed, chunk, unit.key, 'sobol-B'));
      forEachBatch(base, seed, chunk, count, (m, offset) => {
        const at = chunk * CHUNK_SIZE + offset;
        fA.set(base.columns[column].subarray(0, m), at);
        inputs.forEach(({ unit }, i) => unit.draw(streams[i], bColumns[i], m));
        for (let f = 0; f < base.factorCount; f++) scratch.columns[f].set(base.columns[f].subarray(0, m));
        const evaluate = (out: Float64Array) => {
          evaluateBatch(scratch, m, seed, at);
          out.set(scratch.columns[column].subarray(0, m), at);
        };
        inputs.forEach((_, i) => use(i, bColumns[i], m));
        evaluate(fB);
        inputs.forEach(({ columns }, i) => use(i, columns, m));
        inputs.forEach(({ columns }, i) => {
          use(i, bColumns[i], m);
          evaluate(fAB[i]);
          use(i, columns, m);
        });
      });
    });
    const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
    const steps = jansenSteps(fA, fB, fAB, { bootstrap, stream: analysisStream(seed, 0, event.name, 'sobol-bootstrap') });
    let step = steps.next();
    // Every resample is a step, so a long bootstrap can be interrupted too.
    for (; !step.done; step = steps.next()) yield { stage: 'bootstrap', trials: target, target };
    const found = step.value;
    if (found) {
      variance = found.variance;
      found.indices.forEach((index, i) => sobol.push({ factor: inputs[i].unit.members.map((f) => base.names[f]).join(' + '), ...index }));
      const groups = inputs.filter(({ unit }) => unit.members.length > 1);
      if (groups.length > 0) notes.push(`correlated factors are one input of the Sobol indices (they need independent inputs): ${groups.map(({ unit }) => unit.members.map((f) => base.names[f]).join(' + ')).join('; ')}`);
    } else notes.push(`"${event.name}" has the same probability in every sampled trial, so there is no variance for Sobol indices to divide`);
  } else if (sobolSamples > 0) notes.push(`"${event.name}" depends on no uncertain factor, so there are no Sobol indices`);
  if (weighted && sobol.length > 0) {
    notes.push(
      `the Sobol indices describe the model's worlds before the "nothing yet" evidence (${describeEvidence(plan)}): their design needs independent inputs, which worlds weighted by that evidence are not; the baseline and the tornado honour the evidence`,
    );
  }

  return {
    kind: 'sensitivity',
    ...runInfo(setup),
    event: event.name,
    ...(output ? { output: true } : {}),
    baseline: estimateOf(0),
    tornado,
    paramStep: step,
    paramStepKind: stepKind,
    percentiles: [pLo, pHi],
    sobol,
    sobolSamples,
    bootstrap: options.bootstrap ?? DEFAULT_BOOTSTRAP,
    ...(variance !== undefined ? { variance } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

function* sensitivitySteps(scenario: Scenario, options: SensitivityOptions): AnalysisSteps<SensitivityResult> {
  return yield* sensitivityRunSteps(setupSensitivity(scenario, options));
}

/** A sensitivity analysis already set up, computed in this thread chunk by chunk. */
export function* sensitivityRunSteps(run: SensitivityRun): AnalysisSteps<SensitivityResult> {
  yield* chunkSteps('tornado', run.trials, 0, run.target, (chunk, count) => {
    forEachPairedBatch(run.base, run.arms, run.seed, chunk, count, (n) => accumulateTornado(run, n));
    endTornadoChunk(run);
  });
  return yield* finishSensitivity(run);
}

/**
 * Sensitivity of one event to every input it depends on.
 *
 * Tornado: for each uncertain factor, the event's probability with the factor pinned at its
 * 10th and 90th percentiles (a discrete factor whose two percentiles coincide, such as
 * Bernoulli(0.1), at the lowest and highest values it can take), and for each param, with the
 * param moved down and up by `paramStep`; all other factors are sampled as usual, on the same
 * trials (common random numbers). Bars are sorted by swing, largest first.
 *
 * Sobol: first-order and total-effect indices of the event's per-trial probability for each
 * uncertain factor, from a Saltelli design with N = `sobolSamples` rows: matrix A is the run's
 * own draws (streams `(seed, chunk, factor)`), matrix B is drawn from the analysis streams
 * `["scenario-odds/analysis/v1", seed, chunk, factor, "sobol-B"]`; Jansen estimators, and 95%
 * percentile-bootstrap intervals resampling rows with the stream
 * `["scenario-odds/analysis/v1", seed, 0, event, "sobol-bootstrap"]`. Reproducible from the seed.
 *
 * Under "nothing yet" evidence the baseline and every tornado setting are weighted means, each
 * setting weighting the trials by its own model's chance of the quiet stretch (a setting that
 * leaves fewer than {@link MIN_EFFECTIVE_SAMPLE_SIZE} effective trials is left out, with a
 * note). The Sobol indices stay those of the worlds before the evidence, with a note: the
 * design needs independent inputs, and weighting by the evidence makes them dependent.
 *
 * @throws {ScenarioError} for an invalid scenario or option, an unknown event, or a conditional
 *   event, or when the evidence leaves the baseline too few effective trials (as `simulate` would).
 * @throws {NumericalError} if the scenario itself yields NaN or a bad probability (a tornado
 *   setting that breaks the model is left out, with a note, instead).
 * @throws the `signal`'s reason when aborted.
 * @example
 * ```ts
 * const s = await analyzeSensitivity(trumpKimSummit, { seed: 1, trials: 20_000, sobolSamples: 10_000 });
 * s.tornado[0].name; // 'usDropsDenuclearization' (the agenda gate)
 * s.sobol.map((i) => [i.factor, i.first.estimate, i.total.estimate]);
 * ```
 */
export function analyzeSensitivity(scenario: Scenario, options: SensitivityOptions = {}): Promise<SensitivityResult> {
  return runAsync(sensitivitySteps(scenario, options), options);
}

/**
 * {@link analyzeSensitivity}, blocking until done (same numbers).
 *
 * @throws {ScenarioError} for an invalid scenario or option, an unknown event, or a conditional event.
 * @throws {NumericalError} if the scenario itself yields NaN or a bad probability.
 * @example
 * ```ts
 * const s = analyzeSensitivitySync(builtinScenario('four-factors')!, { seed: 1, trials: 20_000, sobolSamples: 10_000 });
 * s.tornado.map((b) => `${b.name}: ${b.swing}`);
 * ```
 */
export function analyzeSensitivitySync(scenario: Scenario, options: SensitivityOptions = {}): SensitivityResult {
  return runSync(sensitivitySteps(scenario, options), options);
}
