/**
 * Log-odds attribution: for an event written in the forecaster's form, `sigmoid(base + Σ terms)`
 * (possibly through a derived node such as `logOdds`, possibly times other factors, or as a timed
 * event's per-period hazard), a waterfall from the base rate through each term's mean
 * contribution to the reported probability.
 */
import { runPlanData, type ColumnModel, type RunPlan } from '../engine/columns';
import { Z95, type Interval } from '../engine/intervals';
import type { Reduction } from '../engine/reduce';
import { sketchQuantiles } from '../engine/sketch';
import { formatFormula, formulaNames, type FormulaAst } from '../expr/ast';
import { logit } from '../expr/functions';
import { evaluateScalar } from '../expr/scalar';
import type { PlannedEvent } from '../model/validate';
import type { Scenario } from '../model/types';
import { chooseEvent, modelFor, prunePlan, runInfo, setupAnalysis, labelOf, type AnalysisOptions, type AnalysisSetup } from './common';
import { attributionLayout, type AttributionData } from './reducers/attribution';
import { reductionSteps, runAsync, runSync, type AnalysisSteps } from './steps';
import { ExactTotals, mergingInto, normalInterval, probabilityEstimate } from './sums';
import type { AttributionResult, AttributionTerm } from './types';
import { assertEffectiveSample, effectiveSampleSize, weightedEstimate, weightedInterval } from './weights';

/** Options of {@link attributeLogOdds}. */
export interface AttributionOptions extends AnalysisOptions {
  /** The event. Default: the scenario's first event that is not conditional. */
  event?: string;
}

/** The sigmoid-of-a-sum form of an event, or why it has none. */
type Form =
  | { readonly ok: true; readonly scale: 'event' | 'hazard'; readonly form: string; readonly sum: FormulaAst; readonly rest: readonly FormulaAst[] }
  | { readonly ok: false; readonly reason: string };

/** Follows a bare name of a derived node to its formula (repeatedly), naming what it passed. */
function resolve(ast: FormulaAst, derived: ReadonlyMap<string, FormulaAst>): FormulaAst {
  let seen = 0;
  while (ast.t === 'name' && derived.has(ast.name) && seen++ < derived.size) ast = derived.get(ast.name)!;
  return ast;
}

function flatten(ast: FormulaAst, op: '+' | '*', sign: 1 | -1, out: Array<{ ast: FormulaAst; sign: 1 | -1 }>): void {
  if (ast.t === 'binary' && (ast.op === op || (op === '+' && ast.op === '-'))) {
    flatten(ast.left, op, sign, out);
    flatten(ast.right, op, ast.op === '-' ? (-sign as 1 | -1) : sign, out);
  } else if (op === '+' && ast.t === 'unary' && ast.op === '-') flatten(ast.arg, op, (-sign as 1 | -1), out);
  else out.push({ ast, sign });
}

/** Finds `sigmoid(sum)`, alone or as one factor of a product, in an event or its hazard. */
function findForm(plan: RunPlan, event: PlannedEvent): Form {
  if (event.kind === 'conditional') {
    return { ok: false, reason: `"${event.name}" is conditional on "${event.given}": its probability is a ratio over trials, not a sigmoid of a sum of terms; attribute "${event.given}" instead` };
  }
  const derived = new Map(plan.derived);
  const scale = event.kind === 'timed' ? 'hazard' : 'event';
  const ast = event.kind === 'timed' ? event.hazard : event.ast;
  const factors: Array<{ ast: FormulaAst; sign: 1 | -1 }> = [];
  flatten(resolve(ast, derived), '*', 1, factors);
  const sigmoids = factors.filter((f) => {
    const r = resolve(f.ast, derived);
    return r.t === 'call' && r.fn === 'sigmoid';
  });
  const what = event.kind === 'timed' ? `the hazard of "${event.name}"` : `"${event.name}"`;
  if (sigmoids.length !== 1) {
    return {
      ok: false,
      reason: `${what} is ${formatFormula(ast)}, which is not sigmoid(a sum of terms)${sigmoids.length > 1 ? ' but a product of several sigmoids' : ''}, so its log-odds do not split into additive contributions`,
    };
  }
  const call = resolve(sigmoids[0].ast, derived) as Extract<FormulaAst, { t: 'call' }>;
  const rest = factors.filter((f) => f !== sigmoids[0]).map((f) => f.ast);
  const head = event.kind === 'timed' ? `${event.name} hazard` : event.name;
  const windows = event.kind === 'timed' && event.windows.length > 0 ? `, times ${event.windows.length} calendar window multiplier${event.windows.length > 1 ? 's' : ''}` : '';
  const per = event.kind === 'timed' ? `, per period; the event is P(at least one occurrence over the ${plan.time?.labels.length ?? 0} periods of the window)` : '';
  return { ok: true, scale, form: `${head} = ${formatFormula(ast)}${windows}${per}`, sum: resolve(call.args[0], derived), rest };
}

/** An attribution set up: what its result is read from once its trials are merged. */
interface AttributionRun {
  readonly setup: AnalysisSetup;
  readonly trials: number;
  readonly event: PlannedEvent;
  readonly plan: RunPlan;
  readonly model: ColumnModel;
  readonly factorNames: ReadonlySet<string>;
  readonly derivedNames: ReadonlySet<string>;
  readonly signed: readonly FormulaAst[];
  readonly baseIndex: number;
  readonly baseLogOdds: number;
  readonly terms: readonly FormulaAst[];
  readonly weighted: boolean;
  /** Where the sums of each term and of the event are (see attributionLayout). */
  readonly stride: number;
  readonly totals: ExactTotals;
  /** The event's formula as a sigmoid of a sum (see findForm). */
  readonly form: Extract<ReturnType<typeof findForm>, { ok: true }>;
}

/**
 * An attribution as a reduction: validates it and prepares its model and terms (nothing is
 * sampled yet). An event whose formula is not a sigmoid of a sum has no stages: its (not
 * applicable) result comes at once.
 *
 * @throws {ScenarioError} for an invalid scenario or option, or an unknown event.
 */
export function attributionReduction(scenario: Scenario, options: AttributionOptions): Reduction<AttributionResult> {
  const setup = setupAnalysis(scenario, options, 'attribution');
  const { settings, trials } = setup;
  const notApplicable = (event: string, reason: string): Reduction<AttributionResult> => ({ stages: [], finish: () => ({ kind: 'attribution', ...runInfo(setup, 0), event, applicable: false, reason }) });
  if (options.event !== undefined && setup.prepared.plan.outputs.includes(options.event)) {
    return notApplicable(options.event, `"${options.event}" is a real-valued output, not a probability: a log-odds waterfall needs an event of the form sigmoid(base + terms); see its sensitivity instead`);
  }
  const event = chooseEvent(setup.prepared.plan, options.event);
  const form = findForm(setup.prepared.plan, event);
  if (!form.ok) return notApplicable(event.name, form.reason);

  const plan = prunePlan(setup.prepared.plan, event);
  const model = modelFor(setup, plan);
  const params = new Map(plan.params);
  const factorNames = new Set(plan.factors.map(([n]) => n));
  const derivedNames = new Set(plan.derived.map(([n]) => n));
  const parts: Array<{ ast: FormulaAst; sign: 1 | -1 }> = [];
  flatten(form.sum, '+', 1, parts);
  const signed = parts.map(({ ast, sign }): FormulaAst => (sign < 0 ? { t: 'unary', op: '-', arg: ast } : ast));
  const isConstant = (ast: FormulaAst) => formulaNames(ast).every((n) => params.has(n));
  const baseIndex = signed.findIndex(isConstant);
  const scope = Object.fromEntries(params);
  const baseLogOdds = baseIndex < 0 ? 0 : evaluateScalar(signed[baseIndex], scope);
  const terms = signed.filter((_, i) => i !== baseIndex);
  const weighted = model.weight >= 0;
  const { layout, stride } = attributionLayout(terms.length, weighted);
  const totals = new ExactTotals(layout);
  const data: AttributionData = { plan: runPlanData(plan), seed: settings.seed, batchSize: settings.batchSize, event: event.name, terms };
  const run: AttributionRun = { setup, trials, event, plan, model, factorNames, derivedNames, signed, baseIndex, baseLogOdds, terms, weighted, stride, totals, form };
  return {
    stages: [{ kind: 'attribution', data, name: 'attribution', trials, ...mergingInto(totals) }],
    finish: () => attributionResult(run),
  };
}

/** The attribution's result once all its trials are accumulated. */
function attributionResult(run: AttributionRun): AttributionResult {
  const { setup, trials, event, plan, model, factorNames, derivedNames, signed, baseIndex, baseLogOdds, terms, weighted, stride, totals, form } = run;
  const e = stride * terms.length;
  // As `simulate` would, refuse evidence that leaves too few effective trials.
  if (weighted) assertEffectiveSample(model, effectiveSampleSize(totals, e), trials);
  const probability = weighted ? weightedEstimate(totals, e, trials) : probabilityEstimate(totals.value(e), totals.value(e + 1), totals.counts[0], totals.counts[1], trials);
  const p = probability.probability;
  if (!(p > 0 && p < 1)) {
    return { kind: 'attribution', ...runInfo(setup), event: event.name, applicable: false, reason: `"${event.name}" has probability ${p} in every trial, which has no finite log-odds for a waterfall to reach` };
  }
  const bars: AttributionTerm[] = terms.map((ast, t) => {
    const i = weighted ? unclipped(weightedInterval(totals, stride * t, trials)) : normalInterval(totals.value(stride * t), totals.value(stride * t + 1), trials);
    const range95 = sketchQuantiles(totals.sketches[t], [0.025, 0.975]);
    const names = formulaNames(ast);
    const moving = names.filter((n) => factorNames.has(n) || derivedNames.has(n));
    const name = moving.length === 1 ? moving[0] : names.length === 1 ? names[0] : formatFormula(ast);
    const label = labelOf(setup.prepared.scenario, factorNames.has(name) ? 'factors' : derivedNames.has(name) ? 'derived' : 'params', name);
    return {
      name,
      ...(label ? { label } : {}),
      formula: formatFormula(ast),
      mean: i.mean,
      ci95: [i.lo, i.hi],
      range95: [range95[0], range95[1]],
    };
  });
  const meanLogOdds = bars.reduce((s, b) => s + b.mean, baseLogOdds);
  const finalLogOdds = logit(p);
  const [lo, hi] = probability.ci95;
  const remainderCi: [number, number] = lo > 0 && hi < 1 ? [logit(lo) - meanLogOdds, logit(hi) - meanLogOdds] : [finalLogOdds - meanLogOdds, finalLogOdds - meanLogOdds];
  const others = form.rest.map(formatFormula);
  const remainderLabel =
    form.scale === 'hazard'
      ? `from the per-period log-odds to P(${event.name}): ${others.length > 0 ? `the other hazard factor${others.length > 1 ? 's' : ''} (${others.join(', ')}), ` : ''}the calendar windows, compounding over the ${plan.time?.labels.length ?? 0} periods of the window, and averaging over trials`
      : others.length > 0
        ? `the other factor${others.length > 1 ? 's' : ''} of the event (${others.join(', ')}) and averaging over trials`
        : 'averaging over uncertainty: the mean of sigmoid(log-odds) is not sigmoid of the mean log-odds';
  return {
    kind: 'attribution',
    ...runInfo(setup),
    event: event.name,
    applicable: true,
    scale: form.scale,
    form: form.form,
    baseLogOdds,
    ...(baseIndex >= 0 ? { baseFormula: formatFormula(signed[baseIndex]) } : {}),
    terms: bars,
    meanLogOdds,
    remainder: { name: '(remainder)', label: remainderLabel, formula: `logit(P(${event.name})) − mean log-odds`, mean: finalLogOdds - meanLogOdds, ci95: remainderCi },
    finalLogOdds,
    probability,
  };
}

/** A weighted mean's interval without the clipping to [0, 1] that suits probabilities, not log-odds. */
function unclipped(i: Interval): { mean: number; lo: number; hi: number } {
  return { mean: i.estimate, lo: i.estimate - Z95 * i.standardError, hi: i.estimate + Z95 * i.standardError };
}

function* attributionSteps(scenario: Scenario, options: AttributionOptions): AnalysisSteps<AttributionResult> {
  return yield* reductionSteps(attributionReduction(scenario, options));
}

/**
 * A log-odds waterfall for an event of the form `sigmoid(base + Σ terms)` — written directly,
 * through a derived node (`sigmoid(logOdds)`), times other factors (`sigmoid(x) * gate`), or as
 * a timed event's hazard, whose per-period log-odds are then attributed. The base is the first
 * term with no factor or derived node in it; each other term is a bar with its mean contribution
 * (95% Monte Carlo interval) and the central 95% of its per-trial values. A final remainder bar,
 * logit(P) − mean log-odds, carries the waterfall to the reported probability and says what it
 * holds (averaging over uncertainty; for a hazard or product, the other factors, the calendar and
 * compounding), so base + terms + remainder = logit(P) exactly.
 *
 * Under "nothing yet" evidence every mean is over the worlds weighted by their chance of the
 * quiet stretch (the probability, as `simulate` reports it; each term's mean and its central 95%,
 * as weighted quantiles), so the waterfall reaches the probability given the evidence.
 *
 * For any other form the result is `applicable: false` with the reason, and nothing is run.
 *
 * @throws {ScenarioError} for an invalid scenario or option, or an unknown event, or when the
 *   evidence leaves too few effective trials (as `simulate` would).
 * @throws {NumericalError} if a node yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 * @example
 * ```ts
 * const a = await attributeLogOdds(builtinScenario('four-factors')!, { seed: 1, trials: 20_000 });
 * if (a.applicable) console.log(a.baseLogOdds, a.terms.map((t) => [t.name, t.mean]), a.probability.probability);
 * ```
 */
export function attributeLogOdds(scenario: Scenario, options: AttributionOptions = {}): Promise<AttributionResult> {
  return runAsync(attributionSteps(scenario, options), options);
}

/**
 * {@link attributeLogOdds}, blocking until done (same numbers).
 *
 * @throws {ScenarioError} for an invalid scenario or option, or an unknown event.
 * @throws {NumericalError} if a node yields NaN or a bad probability.
 * @example
 * ```ts
 * const a = attributeLogOddsSync(trumpKimSummit, { seed: 1, trials: 20_000 });
 * a.applicable && a.scale; // 'hazard': the monthly log-odds are attributed
 * ```
 */
export function attributeLogOddsSync(scenario: Scenario, options: AttributionOptions = {}): AttributionResult {
  return runSync(attributionSteps(scenario, options), options);
}
