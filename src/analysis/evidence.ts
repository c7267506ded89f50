/**
 * Evidence updates: an event's simulated probability as the prior, then a ledger's observations
 * in order. A signpost multiplies the odds by its likelihood ratio; a condition on the model's
 * own nodes, or "nothing yet" (no occurrence of a timed event through a day), reweights the
 * trials and re-estimates the probability from them, refusing when too few effective trials
 * are left to trust.
 */
import { runPlanData, type ColumnModel, type RunPlan } from '../engine/columns';
import type { Reduction } from '../engine/reduce';
import { ratioInterval, wilsonInterval } from '../engine/intervals';
import { MIN_EFFECTIVE_SAMPLE_SIZE, type Estimate } from '../engine/types';
import { formulaNames, type FormulaAst } from '../expr/ast';
import { checkFormula } from '../expr/parse';
import { joinPath, ScenarioError, type ValidationIssue } from '../issues';
import { observationProblem, resolveTimeline, type PlannedEvidence } from '../model/timeline';
import type { Scenario, Signpost } from '../model/types';
import type { PlannedEvent } from '../model/validate';
import { chooseEvent, modelFor, prunePlan, requireUnconditional, runInfo, setupAnalysis, type AnalysisOptions, type AnalysisSetup } from './common';
import type { EvidenceLedger, LedgerObservation } from './ledger';
import { updateLayout, type UpdateCondition, type UpdateData } from './reducers/update';
import { reductionSteps, runAsync, runSync, type AnalysisSteps } from './steps';
import { ExactTotals, mergingInto, probabilityEstimate } from './sums';
import type { EvidenceResult, EvidenceStep } from './types';
import { assertEffectiveSample, effectiveSampleSize, WEIGHTED_SUMS, weightedEstimate } from './weights';

export { MIN_EFFECTIVE_SAMPLE_SIZE };

/** Options of {@link updateOdds}. */
export interface UpdateOptions extends AnalysisOptions {
  /** The event. Default: the ledger's `event`, else the scenario's first event that is not conditional. */
  event?: string;
  /** Conditions applied before the ledger's observations, as `given` observations (e.g. `["rokMediation > 0.7"]`). Default: none. */
  given?: readonly string[];
}

/**
 * An observation resolved against the scenario: a likelihood ratio, a compiled-to-be condition,
 * or a quiet stretch (`formula` is its description, `no EVENT through DAY`) with the share of
 * each simulated period it newly covers.
 */
export type Resolved =
  | { readonly kind: 'signpost'; readonly o: LedgerObservation; readonly path: string; readonly name: string; readonly ratio: number; readonly description?: string }
  | { readonly kind: 'condition'; readonly o: LedgerObservation; readonly path: string; readonly formula: string; readonly names: readonly string[]; readonly ast: FormulaAst }
  | { readonly kind: 'quiet'; readonly o: LedgerObservation; readonly path: string; readonly formula: string; readonly evidence: PlannedEvidence };

/** Resolves one `noneThrough` observation at `path`, or says what is wrong with it. */
type QuietResolver = (o: LedgerObservation, path: string) => Extract<Resolved, { kind: 'quiet' }> | ValidationIssue[];

/**
 * Resolves "nothing yet" observations, in ledger order, to the stretch each adds to what is
 * known: the run's own evidence and earlier observations of the same event already weight the
 * trials for their days, so each observation weights them by the chance of its new quiet days
 * given the known ones (per period, (1 − h)^(new share), the engine's arithmetic for a share).
 */
function quietResolver(setup: AnalysisSetup, updated: string): QuietResolver {
  const { prepared, settings } = setup;
  const known = new Map<string, PlannedEvidence>((prepared.plan.time?.evidence ?? []).map((e) => [e.event, e]));
  return (o, path) => {
    const event = o.event ?? updated;
    const through = o.noneThrough!;
    const at = `${path}.noneThrough`;
    const problem = observationProblem(prepared.scenario, event, through, at);
    if (problem) return [problem];
    // The event is timed, so there is a timeline; resolved as the run's own evidence would be.
    const { plan, issues } = resolveTimeline(prepared.scenario, prepared.asOf, { horizon: settings.horizon, noneThrough: { [event]: through } });
    if (!plan) return issues.map((i) => ({ ...i, path: at }));
    const observed = plan.evidence.find((e) => e.event === event)!;
    const before = known.get(event);
    const shares = observed.shares.map((share, t) => Math.max(0, share - (before?.shares[t] ?? 0)));
    if (before === undefined || before.through < through) known.set(event, observed);
    return { kind: 'quiet', o, path: at, formula: `no ${event} through ${through}`, evidence: { event, through, shares, path: at } };
  };
}

function ratioOf(s: { likelihoodRatio?: number; pIfEvent?: number; pIfNotEvent?: number }, observed: boolean): number | string {
  if (s.pIfEvent !== undefined && s.pIfNotEvent !== undefined) {
    const [a, b] = observed ? [s.pIfEvent, s.pIfNotEvent] : [1 - s.pIfEvent, 1 - s.pIfNotEvent];
    if (b === 0) return `${observed ? 'pIfNotEvent' : '1 − pIfNotEvent'} is 0, so observing it would make the event certain; that is not evidence to weigh but a fact to condition on`;
    if (a === 0) return `${observed ? 'pIfEvent' : '1 − pIfEvent'} is 0, so observing it would rule the event out; that is not evidence to weigh but a fact to condition on`;
    return a / b;
  }
  if (!observed) return 'a signpost given only as a likelihood ratio cannot be inverted for "observed": false; give pIfEvent and pIfNotEvent';
  return s.likelihoodRatio!;
}

/** Resolves every observation against the scenario, collecting every issue at once. */
function resolveObservations(scenario: Scenario, readable: ReadonlySet<string>, event: string, observations: ReadonlyArray<{ o: LedgerObservation; path: string }>, quiet: QuietResolver): Resolved[] {
  const issues: ValidationIssue[] = [];
  const declared = scenario.signposts ?? {};
  const out: Resolved[] = [];
  for (const { o, path } of observations) {
    if (o.noneThrough !== undefined) {
      const r = quiet(o, path);
      if (Array.isArray(r)) issues.push(...r);
      else out.push(r);
      continue;
    }
    if (o.given !== undefined) {
      // Ad-hoc conditions (options.given) are addressed as `given.N`, ledger ones as `observations.N.given`.
      const at = path.startsWith('given.') ? path : `${path}.given`;
      const { ast, issues: found } = checkFormula(o.given, readable, at);
      issues.push(...found);
      if (ast) out.push({ kind: 'condition', o, path: at, formula: o.given, names: formulaNames(ast), ast });
      continue;
    }
    const name = o.signpost!;
    const own = o.likelihoodRatio !== undefined || o.pIfEvent !== undefined;
    let source: { likelihoodRatio?: number; pIfEvent?: number; pIfNotEvent?: number } = o;
    let description = o.description;
    if (Object.hasOwn(declared, name)) {
      const s: Signpost = declared[name];
      if (own) {
        issues.push({ code: 'ledger-mixed-forms', path, message: `"${name}" is a signpost declared in the scenario with its own likelihoods; remove them here, or give this observation another name` });
        continue;
      }
      if (s.event !== undefined && s.event !== event) {
        issues.push({ code: 'signpost-other-event', path: `${path}.signpost`, message: `signpost "${name}" bears on event "${s.event}", not "${event}"` });
        continue;
      }
      description ??= s.description ?? s.label;
      if ('given' in s) {
        // The model describes this signpost: observing it is a condition on the trials, so its ratio is the model's.
        const formula = o.observed === false ? `1 - (${s.given})` : s.given;
        const { ast, issues: found } = checkFormula(formula, readable, joinPath('signposts', name, 'given'));
        issues.push(...found);
        if (ast) out.push({ kind: 'condition', o: { ...o, given: formula, ...(description !== undefined ? { description } : {}) }, path: `${path}.signpost`, formula, names: formulaNames(ast), ast });
        continue;
      }
      source = s;
    } else if (!own) {
      const known = Object.keys(declared);
      issues.push({ code: 'unknown-signpost', path: `${path}.signpost`, message: `"${name}" is not a signpost of the scenario${known.length > 0 ? ` (signposts: ${known.join(', ')})` : ''}; give "likelihoodRatio", or "pIfEvent" and "pIfNotEvent"` });
      continue;
    }
    const ratio = ratioOf(source, o.observed ?? true);
    if (typeof ratio === 'string') issues.push({ code: 'signpost-not-evidence', path, message: ratio });
    else out.push({ kind: 'signpost', o, path, name, ratio, ...(description !== undefined ? { description } : {}) });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}

function odds(p: number): number {
  return p / (1 - p);
}

/** The probability whose odds are `ratio` times those of p (0 and 1 stay put). */
function scaleOdds(p: number, ratio: number): number {
  // A ratio of 1 leaves p as it is (the round trip through odds could move its last bit).
  if (p <= 0 || p >= 1 || ratio === 1) return p;
  const o = odds(p) * ratio;
  return o / (1 + o);
}

/** An estimate carried through an odds update: the interval's ends map monotonically, the SE by the derivative. */
function carry(e: Estimate, ratio: number): Estimate {
  const p = e.probability;
  const slope = p > 0 && p < 1 ? ratio / (1 - p + ratio * p) ** 2 : 0;
  return { probability: scaleOdds(p, ratio), ci95: [scaleOdds(e.ci95[0], ratio), scaleOdds(e.ci95[1], ratio)], standardError: e.standardError * slope };
}

/** An update set up: what its result is read from once its trials are merged. */
interface UpdateRun {
  readonly setup: AnalysisSetup;
  readonly trials: number;
  readonly event: PlannedEvent;
  readonly resolved: readonly Resolved[];
  readonly model: ColumnModel;
  /** Where the condition sums start: after the prior's (weighted under the run's own evidence). */
  readonly first: number;
  readonly totals: ExactTotals;
}

/**
 * An evidence update as a reduction: validates the scenario, ledger and options and prepares
 * the model, its conditions and the quiet stretches' models (nothing is sampled yet).
 *
 * @throws {ScenarioError} for an invalid scenario, ledger or option, an unknown or conditional event.
 */
export function updateReduction(scenario: Scenario, ledger: EvidenceLedger, options: UpdateOptions): Reduction<EvidenceResult> {
  const setup = setupAnalysis(scenario, options, 'update');
  const { settings, trials, prepared } = setup;
  if (ledger.scenario !== undefined && ledger.scenario !== prepared.scenario.id) {
    throw new ScenarioError([{ code: 'ledger-other-scenario', path: 'scenario', message: `the ledger is for scenario "${ledger.scenario}", not "${prepared.scenario.id}"` }]);
  }
  const event = chooseEvent(prepared.plan, options.event ?? ledger.event);
  requireUnconditional(event, 'an evidence update');
  const readable = new Set([...prepared.plan.params.map(([n]) => n), ...prepared.plan.factors.map(([n]) => n), ...prepared.plan.derived.map(([n]) => n)]);
  const observations = [
    ...(options.given ?? []).map((given, i) => ({ o: { given } as LedgerObservation, path: `given.${i}` })),
    ...ledger.observations.map((o, i) => ({ o, path: `observations.${i}` })),
  ];
  const resolved = resolveObservations(prepared.scenario, readable, event.name, observations, quietResolver(setup, event.name));
  const conditions = resolved.filter((r): r is Exclude<Resolved, { kind: 'signpost' }> => r.kind !== 'signpost');

  const plan = prunePlan(prepared.plan, event, conditions.flatMap((c) => (c.kind === 'condition' ? c.names : [])));
  const model = modelFor(setup, plan);
  // Per quiet stretch, the plan with that stretch as its only evidence: evaluated on the same
  // trials, its weight column is each trial's chance of the stretch.
  const quiet: RunPlan[] = [];
  const wire = conditions.map((c): UpdateCondition => {
    const { path, formula } = c;
    if (c.kind === 'condition') return { ast: c.ast, path, formula };
    const timed = prepared.plan.events.find((e) => e.name === c.evidence.event)!;
    quiet.push(prunePlan({ ...prepared.plan, time: { ...prepared.plan.time!, evidence: [c.evidence] } }, timed));
    return { quiet: quiet.length - 1, path, formula };
  });
  const { layout, first } = updateLayout(conditions.length, model.weight >= 0);
  const totals = new ExactTotals(layout);
  const data: UpdateData = { plans: [plan, ...quiet].map(runPlanData), seed: settings.seed, batchSize: settings.batchSize, event: event.name, conditions: wire };
  const run: UpdateRun = { setup, trials, event, resolved, model, first, totals };
  return {
    stages: [{ kind: 'update', data, name: 'update', trials, ...mergingInto(totals) }],
    finish: () => updateResult(run),
  };
}

/** The update's result once all its trials are accumulated. */
function updateResult(run: UpdateRun): EvidenceResult {
  const { setup, trials, event, resolved, model, first, totals } = run;
  // Under the run's own evidence the prior is `simulate`'s weighted estimate, refused as it would be.
  if (model.weight >= 0) assertEffectiveSample(model, effectiveSampleSize(totals, 0), trials);
  const prior = model.weight >= 0 ? weightedEstimate(totals, 0, trials) : probabilityEstimate(totals.value(0), totals.value(1), totals.counts[0], totals.counts[1], trials);
  let current = prior; // the Monte Carlo estimate given the conditions so far
  let ratio = 1; // the product of the signposts' likelihood ratios so far
  let shown = prior.probability;
  let s = 0;
  const steps: EvidenceStep[] = resolved.map((r): EvidenceStep => {
    const before = shown;
    let ess: number | undefined;
    if (r.kind === 'signpost') ratio *= r.ratio;
    else {
      const k = first + WEIGHTED_SUMS * s++;
      const [sw, sww, swp, swpp, swwp] = [0, 1, 2, 3, 4].map((j) => totals.value(k + j));
      ess = sww > 0 ? (sw * sw) / sww : 0;
      if (!(ess >= MIN_EFFECTIVE_SAMPLE_SIZE)) {
        throw new ScenarioError([
          {
            code: 'too-few-effective-trials',
            path: r.path,
            message: `the condition "${r.formula}" leaves an effective sample of ${Math.floor(ess).toLocaleString('en-US')} of ${trials.toLocaleString('en-US')} trials, below the ${MIN_EFFECTIVE_SAMPLE_SIZE.toLocaleString('en-US')} needed to trust the estimate; run more trials or use a less restrictive condition`,
          },
        ]);
      }
      // A 0/1 event under a 0/1 condition is a count (Wilson, as the engine treats 0/1
      // events); otherwise a ratio estimate with its delta-method interval, as for conditional events.
      const i = totals.counts[1] === 0 && sw === sww && Number.isInteger(sw) ? wilsonInterval(swp, sw) : ratioInterval(swp, swpp, sw, sww, swwp, trials);
      current = { probability: i.estimate, ci95: [i.lo, i.hi], standardError: i.standardError };
    }
    const after = carry(current, ratio);
    shown = after.probability;
    const stepRatio = r.kind === 'signpost' ? r.ratio : before > 0 && before < 1 && shown > 0 && shown < 1 ? odds(shown) / odds(before) : 1;
    const description = r.kind === 'signpost' ? r.description : r.o.description;
    return {
      kind: r.kind === 'signpost' ? 'signpost' : 'condition',
      ...(r.o.date !== undefined ? { date: r.o.date } : {}),
      signpost: r.kind === 'signpost' ? r.name : (r.o.signpost ?? r.formula),
      ...(description !== undefined ? { description } : {}),
      likelihoodRatio: stepRatio,
      ...(r.o.reason !== undefined ? { reason: r.o.reason } : {}),
      probability: after.probability,
      ci95: after.ci95,
      ...(ess !== undefined ? { effectiveSampleSize: ess } : {}),
    };
  });
  return {
    kind: 'evidence',
    ...runInfo(setup),
    event: event.name,
    prior,
    steps,
    posterior: carry(current, ratio),
    minEffectiveSampleSize: MIN_EFFECTIVE_SAMPLE_SIZE,
  };
}

function* updateSteps(scenario: Scenario, ledger: EvidenceLedger, options: UpdateOptions): AnalysisSteps<EvidenceResult> {
  return yield* reductionSteps(updateReduction(scenario, ledger, options));
}

/**
 * Updates an event's odds with an evidence ledger, observation by observation. The prior is the
 * event's simulated probability (the same number `simulate` gives for the seed, trials and
 * "nothing yet" evidence: under `noneThrough` or the scenario's `observed`, a weighted mean).
 * A signpost multiplies the odds by its likelihood ratio, P(seen | event) / P(seen | no event)
 * (or, for `observed: false`, (1 − P(seen | event)) / (1 − P(seen | no event))); ratios are
 * assumed independent given the event, as in any sequential Bayes update. A `given` condition
 * on the model's own nodes reweights the trials — keeping those where a 0/1 condition holds
 * (rejection), or weighting each by a condition's value in [0, 1] (likelihood weighting) — and
 * re-estimates the probability from them; if its effective sample size (Σw)² / Σw² falls below
 * {@link MIN_EFFECTIVE_SAMPLE_SIZE} the update refuses rather than report a number it cannot back.
 * A `noneThrough` observation (no occurrence of a timed event from the timeline's start through
 * a day) reweights the trials the same way, each by its chance of that quiet stretch in the model
 * (only the days not already known quiet count), exactly as the `noneThrough` option weights a run.
 *
 * @throws {ScenarioError} for an invalid scenario, option or ledger (an unknown signpost, a
 *   formula with unknown names, a ratio of 0 or infinity, a `noneThrough` day outside the
 *   timeline's start and the as-of date or about an event that is not timed), a ledger for
 *   another scenario, a conditional event, or evidence or a condition that leaves too few effective trials.
 * @throws {NumericalError} if a node yields NaN or a bad probability.
 * @throws the `signal`'s reason when aborted.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 *
 * const ledger = parseLedger(JSON.parse(readFileSync('examples/summit-ledger.json', 'utf8')));
 * const r = await updateOdds(trumpKimSummit, ledger, { seed: 1, trials: 20_000 });
 * r.steps.map((s) => [s.date, s.likelihoodRatio, s.probability]); // the timeline
 * ```
 */
export function updateOdds(scenario: Scenario, ledger: EvidenceLedger, options: UpdateOptions = {}): Promise<EvidenceResult> {
  return runAsync(updateSteps(scenario, ledger, options), options);
}

/**
 * {@link updateOdds}, blocking until done (same numbers).
 *
 * @throws {ScenarioError} see {@link updateOdds}.
 * @throws {NumericalError} if a node yields NaN or a bad probability.
 * @example
 * ```ts
 * // P(summit | Russia blocks sanctions firmly), by rejection:
 * const r = updateOddsSync(trumpKimSummit, { observations: [] }, { seed: 1, trials: 20_000, given: ['sanctionsBlocking > 0.9'] });
 * r.posterior.probability; r.steps[0].effectiveSampleSize;
 * ```
 */
export function updateOddsSync(scenario: Scenario, ledger: EvidenceLedger, options: UpdateOptions = {}): EvidenceResult {
  return runSync(updateSteps(scenario, ledger, options), options);
}
