/**
 * Log-odds attribution: for an event written in the forecaster's form, `sigmoid(base + Σ terms)`
 * (possibly through a derived node such as `logOdds`, possibly times other factors, or as a timed
 * event's per-period hazard), a waterfall from the base rate through each term's mean
 * contribution to the reported probability.
 */
import { CHUNK_SIZE, forEachBatch } from '../engine/chunk';
import type { ColumnModel, RunPlan } from '../engine/columns';
import { Z95, type Interval } from '../engine/intervals';
import { formatFormula, formulaNames, type FormulaAst } from '../expr/ast';
import { compileFormula } from '../expr/compile';
import { logit } from '../expr/functions';
import { evaluateScalar } from '../expr/scalar';
import type { PlannedEvent } from '../model/validate';
import type { Scenario } from '../model/types';
import { chooseEvent, eventColumns, modelFor, prunePlan, runInfo, setupAnalysis, labelOf, type AnalysisOptions, type AnalysisSetup } from './common';
import { chunkSteps, runAsync, runSync, type AnalysisSteps } from './steps';
import { ChunkSums, ExactTotals, normalInterval, probabilityEstimate, sortedQuantile } from './sums';
import type { AttributionResult, AttributionTerm } from './types';
import { addWeighted, assertEffectiveSample, effectiveSampleSize, WEIGHTED_SUMS, weightedEstimate, weightedInterval, weightedQuantiles } from './weights';

/** Trials whose per-trial term values give each term's `range95` (the first million at most). */
const RANGE_TRIALS = 1_000_000;

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

/** An attribution set up and ready to run: the model, the term programs and their accumulators. */
export interface AttributionRun {
  readonly setup: AnalysisSetup;
  readonly settings: AnalysisSetup['settings'];
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
  readonly programs: ReadonlyArray<ReturnType<typeof compileFormula>>;
  readonly scratch: Float64Array;
  readonly kept: number;
  readonly values: readonly Float64Array[];
  /** Under "nothing yet" evidence, the weights of the trials in `values`; undefined without. */
  readonly weights?: Float64Array;
  readonly column: number;
  readonly sums: ChunkSums;
  readonly totals: ExactTotals;
  readonly e: number;
  /** The event's formula as a sigmoid of a sum (see findForm). */
  readonly form: Extract<ReturnType<typeof findForm>, { ok: true }>;
}

/**
 * Validates the attribution and prepares its model and term programs; nothing is sampled yet.
 * An event whose formula is not a sigmoid of a sum gives its (not applicable) result at once.
 *
 * @throws {ScenarioError} for an invalid scenario or option, or an unknown event.
 */
export function setupAttribution(scenario: Scenario, options: AttributionOptions): AttributionRun | AttributionResult {
  const setup = setupAnalysis(scenario, options, 'attribution');
  const { settings, trials } = setup;
  if (options.event !== undefined && setup.prepared.plan.outputs.includes(options.event)) {
    const reason = `"${options.event}" is a real-valued output, not a probability: a log-odds waterfall needs an event of the form sigmoid(base + terms); see its sensitivity instead`;
    return { kind: 'attribution', ...runInfo(setup, 0), event: options.event, applicable: false, reason };
  }
  const event = chooseEvent(setup.prepared.plan, options.event);
  const form = findForm(setup.prepared.plan, event);
  if (!form.ok) return { kind: 'attribution', ...runInfo(setup, 0), event: event.name, applicable: false, reason: form.reason };

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

  const slots = new Map(model.names.slice(0, model.firstEvent).map((n, i) => [n, i] as const));
  const programs = terms.map((ast) => compileFormula(ast, slots, params, settings.batchSize));
  const scratch = new Float64Array(settings.batchSize);
  // Each term's values for its range95, over the first RANGE_TRIALS trials (memory stays bounded).
  const kept = Math.min(trials, RANGE_TRIALS);
  const values = terms.map(() => new Float64Array(kept));
  const weighted = model.weight >= 0;
  const column = eventColumns(model, event.name).value;
  // Quantities: Σ and Σ² of each term, then of the event's probability; under weights, the
  // weighted sums of each (see weights.ts).
  const stride = weighted ? WEIGHTED_SUMS : 2;
  const sums = new ChunkSums(stride * (terms.length + 1));
  const totals = new ExactTotals(stride * (terms.length + 1), 2);
  const e = stride * terms.length;
  return { setup, settings, trials, event, plan, model, factorNames, derivedNames, signed, baseIndex, baseLogOdds, terms, programs, scratch, kept, values, ...(weighted ? { weights: new Float64Array(kept) } : {}), column, sums, totals, e, form };
}

/**
 * The columns the term programs and the event's sums read: what a worker thread must send back
 * for the calling thread to accumulate a chunk.
 */
export function attributionColumns(run: AttributionRun): number[] {
  const slots = new Map<string, number>(run.model.names.map((n, i) => [n, i]));
  const used = new Set<number>(run.model.weight >= 0 ? [run.column, run.model.weight] : [run.column]);
  for (const ast of run.terms) for (const name of formulaNames(ast)) if (slots.has(name)) used.add(slots.get(name)!);
  return [...used].sort((x, y) => x - y);
}

/** Adds n trials (trial `chunk · CHUNK_SIZE + offset` first), now in the model's columns, to the accumulators. */
export function accumulateAttribution(run: AttributionRun, chunk: number, n: number, offset: number): void {
  const { model, programs, scratch, kept, values, weights, column, sums, totals, e } = run;
  const at = chunk * CHUNK_SIZE + offset;
  const w = weights && model.columns[model.weight];
  const add = (k: number, x: Float64Array) => {
    if (w) addWeighted(sums, k, x, w, n);
    else {
      for (let i = 0; i < n; i++) {
        sums.add(k, x[i]);
        sums.add(k + 1, x[i] * x[i]);
      }
    }
  };
  programs.forEach((program, t) => {
    program.evaluate(model.columns, scratch, n);
    add(t * (w ? WEIGHTED_SUMS : 2), scratch);
    if (at < kept) values[t].set(scratch.subarray(0, Math.min(n, kept - at)), at);
  });
  if (w && at < kept) weights!.set(w.subarray(0, Math.min(n, kept - at)), at);
  const p = model.columns[column];
  add(e, p);
  for (let i = 0; i < n; i++) {
    if (p[i] === 1) totals.counts[0]++;
    else if (p[i] !== 0) totals.counts[1]++;
  }
}

/** Closes a chunk (chunks must close in chunk order). */
export function endAttributionChunk(run: AttributionRun): void {
  run.totals.addChunk(run.sums);
  run.sums.reset();
}

/** The attribution's result once all its trials are accumulated. */
export function attributionResult(run: AttributionRun): AttributionResult {
  const { setup, trials, event, plan, model, factorNames, derivedNames, signed, baseIndex, baseLogOdds, terms, values, weights, totals, e, form } = run;
  // As `simulate` would, refuse evidence that leaves too few effective trials.
  if (weights) assertEffectiveSample(model, effectiveSampleSize(totals, e), trials);
  const probability = weights ? weightedEstimate(totals, e, trials) : probabilityEstimate(totals.value(e), totals.value(e + 1), totals.counts[0], totals.counts[1], trials);
  const p = probability.probability;
  if (!(p > 0 && p < 1)) {
    return { kind: 'attribution', ...runInfo(setup), event: event.name, applicable: false, reason: `"${event.name}" has probability ${p} in every trial, which has no finite log-odds for a waterfall to reach` };
  }
  const bars: AttributionTerm[] = terms.map((ast, t) => {
    const i = weights ? unclipped(weightedInterval(totals, WEIGHTED_SUMS * t, trials)) : normalInterval(totals.value(2 * t), totals.value(2 * t + 1), trials);
    const range95 = weights ? weightedQuantiles(values[t], weights, [0.025, 0.975]) : centralRange(values[t].sort());
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

function centralRange(sorted: Float64Array): number[] {
  return [sortedQuantile(sorted, 0.025), sortedQuantile(sorted, 0.975)];
}

/** A weighted mean's interval without the clipping to [0, 1] that suits probabilities, not log-odds. */
function unclipped(i: Interval): { mean: number; lo: number; hi: number } {
  return { mean: i.estimate, lo: i.estimate - Z95 * i.standardError, hi: i.estimate + Z95 * i.standardError };
}

function* attributionSteps(scenario: Scenario, options: AttributionOptions): AnalysisSteps<AttributionResult> {
  const run = setupAttribution(scenario, options);
  return 'model' in run ? yield* attributionRunSteps(run) : run;
}

/** An attribution already set up, computed in this thread chunk by chunk. */
export function* attributionRunSteps(run: AttributionRun): AnalysisSteps<AttributionResult> {
  yield* chunkSteps('attribution', run.trials, 0, run.trials, (chunk, count) => {
    forEachBatch(run.model, run.settings.seed, chunk, count, (n, offset) => accumulateAttribution(run, chunk, n, offset));
    endAttributionChunk(run);
  });
  return attributionResult(run);
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
