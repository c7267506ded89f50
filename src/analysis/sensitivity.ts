/**
 * Sensitivity of one event: a tornado (the event's probability with one input moved low and
 * high, everything else sampled as usual, on common random numbers) and variance-based Sobol
 * indices of its per-trial probability (Saltelli design, Jansen estimators, bootstrap intervals).
 */
import { runPlanData, type ColumnModel, type RunPlan } from '../engine/columns';
import { ratioStandardError, Z95 } from '../engine/intervals';
import type { Reduction } from '../engine/reduce';
import { MIN_EFFECTIVE_SAMPLE_SIZE, type Estimate } from '../engine/types';
import type { DistSpec } from '../distributions/types';
import { fmt } from '../distributions/format';
import { ScenarioError } from '../issues';
import type { Scenario } from '../model/types';
import type { PlannedEvent } from '../model/validate';
import { chooseEvent, dependencies, modelFor, prunePlan, requireUnconditional, runInfo, setupAnalysis, type AnalysisOptions, type AnalysisSetup } from './common';
import { pairArm, type Arm } from './paired';
import type { SobolData } from './reducers/sobol';
import { recordFailures, tornadoColumn, TornadoSums, type FoldedTornado, type TornadoData, type TornadoPartial } from './reducers/tornado';
import { DEFAULT_BOOTSTRAP, jansenFinish, mergeJansen } from './sobol';
import { reductionSteps, runAsync, runSync, type AnalysisSteps } from './steps';
import { ExactTotals, mergingInto, normalInterval, probabilityEstimate, SumsLayout } from './sums';
import type { SensitivityResult, SobolIndex, TornadoBar } from './types';
import { assertEffectiveSample, describeEvidence, effectiveSampleSize, WEIGHTED_SUMS, weightedEstimate } from './weights';

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

/**
 * A sensitivity analysis as a reduction: validates it and builds the tornado's models (nothing
 * is sampled yet); its stages are the tornado's trials, then the Sobol design's rows.
 *
 * @throws {ScenarioError} for an invalid scenario or option, an unknown event, or a conditional event.
 */
export function sensitivityReduction(scenario: Scenario, options: SensitivityOptions): Reduction<SensitivityResult> {
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
  const target = { name: event.name, output };
  const column = tornadoColumn(base, target);
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

  // Tornado: every setting is an arm on the base's trials (tolerant: a setting that breaks the
  // model is left out), with its sums laid out by TornadoSums.
  const arms: Arm[] = bars.flatMap((b) => b.settings.map((s) => pairArm(base, modelFor(setup, s.plan), true)));
  const models = [base, ...arms.map((a) => a.model)];
  const layout = new SumsLayout();
  const tornado = new TornadoSums(models, target, layout, bars.map((b) => b.name));
  const totals = new ExactTotals(layout);
  const tornadoData: TornadoData = { plans: models.map((m) => runPlanData(m.plan)), seed, batchSize: settings.batchSize, target };

  // Sobol's indices need independent inputs: a group of correlated factors is one input, its
  // members swapped between A and B together.
  const varying = new Set(factors.map(({ f }) => f));
  const inputs = base.units.flatMap((unit, u) => (unit.members.some((f) => varying.has(f)) ? [u] : []));
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const design = sobolSamples > 0 && inputs.length > 0 ? new Float64Array((bootstrap + 1) * (3 + 2 * inputs.length)) : undefined;
  const sobolData: SobolData = { plan: runPlanData(plan), seed, batchSize: settings.batchSize, column, name: event.name, inputs, bootstrap };

  const into = mergingInto(totals);
  const run: SensitivityRun = { options, setup, trials, event, output, plan, base, pLo, pHi, step, stepKind, sobolSamples, bootstrap, notes, bars, arms, tornado, totals, inputs, design };
  return {
    stages: [
      {
        kind: 'tornado',
        data: tornadoData,
        name: 'tornado',
        trials,
        merge: (part: TornadoPartial) => (recordFailures(arms, part), into.merge(part.sums)),
        mergeFolded: (folded: FoldedTornado) => (recordFailures(arms, folded), into.mergeFolded(folded.sums)),
      },
      ...(design ? [{ kind: 'sobol', data: sobolData, name: 'sobol', trials: sobolSamples, merge: (part: Float64Array) => mergeJansen(design, part, inputs.length) }] : []),
    ],
    finish: () => finishSensitivity(run),
  };
}

/** A sensitivity analysis's state once set up: what its result is read from after its stages have merged. */
interface SensitivityRun {
  readonly options: SensitivityOptions;
  readonly setup: AnalysisSetup;
  readonly trials: number;
  readonly event: PlannedEvent;
  /** Whether the target is a real-valued output rather than an event. */
  readonly output: boolean;
  readonly plan: RunPlan;
  readonly base: ColumnModel;
  readonly pLo: number;
  readonly pHi: number;
  readonly step: number;
  readonly stepKind: 'relative' | 'absolute';
  readonly sobolSamples: number;
  readonly bootstrap: number;
  readonly notes: string[];
  readonly bars: readonly BarPlan[];
  /** The tornado's settings, two per bar, paired with the base; a failure is recorded on its arm. */
  readonly arms: readonly Arm[];
  readonly tornado: TornadoSums;
  readonly totals: ExactTotals;
  /** The Sobol design's inputs (sampling units of the base), and its merged Jansen sums when it runs. */
  readonly inputs: readonly number[];
  readonly design?: Float64Array;
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
  const { trials, totals, tornado } = run;
  const { width } = tornado;
  if (tornado.weighted) {
    const d = tornado.pairs[b].difference(trials, totals);
    return { mean: d.difference, se: d.standardError };
  }
  const sd = totals.value(2 * width + 2 * b);
  const sdd = totals.value(2 * width + 2 * b + 1);
  return { mean: sd / trials, se: trials < 2 ? 0 : Math.sqrt(Math.max(0, (sdd - (sd * sd) / trials) / (trials - 1)) / trials) };
}

/** The result once the tornado's trials and the Sobol design's rows are merged. */
function finishSensitivity(run: SensitivityRun): SensitivityResult {
  const { setup, trials, event, output, plan, base, pLo, pHi, step, stepKind, sobolSamples, bootstrap, notes, bars, arms, totals, inputs, design } = run;
  const { weighted } = run.tornado;
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

  const sobol: SobolIndex[] = [];
  let variance: number | undefined;
  const inputName = (u: number) => base.units[u].members.map((f) => base.names[f]).join(' + ');
  if (design) {
    const found = jansenFinish(design, inputs.length, bootstrap);
    if (found) {
      variance = found.variance;
      found.indices.forEach((index, i) => sobol.push({ factor: inputName(inputs[i]), ...index }));
      const groups = inputs.filter((u) => base.units[u].members.length > 1);
      if (groups.length > 0) notes.push(`correlated factors are one input of the Sobol indices (they need independent inputs): ${groups.map(inputName).join('; ')}`);
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
    bootstrap,
    ...(variance !== undefined ? { variance } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

function* sensitivitySteps(scenario: Scenario, options: SensitivityOptions): AnalysisSteps<SensitivityResult> {
  return yield* reductionSteps(sensitivityReduction(scenario, options));
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
 * percentile intervals from a Poisson bootstrap over rows, each chunk's row counts drawn from the
 * stream `["scenario-odds/analysis/v1", seed, chunk, event, "sobol-bootstrap"]`. Reproducible
 * from the seed, and the same for any number of threads or shards.
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
