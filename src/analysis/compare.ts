/**
 * What-if comparison on common random numbers: the baseline and each variant are evaluated on
 * the same trials (see paired.ts), so each event's difference is estimated from per-trial
 * paired differences, whose spread is far smaller than that of two independent runs.
 */
import { runPlanData } from '../engine/columns';
import type { Reduction } from '../engine/reduce';
import { prepare } from '../engine/setup';
import { ScenarioError } from '../issues';
import { applyVariant, type Overrides } from '../model/overrides';
import type { DistSpec } from '../distributions/types';
import type { Scenario } from '../model/types';
import { chooseEvent, modelFor, runInfo, setupAnalysis, type AnalysisOptions } from './common';
import { compareAccumulators, type CompareData } from './reducers/compare';
import { reductionSteps, runAsync, runSync, type AnalysisSteps } from './steps';
import { ExactTotals, mergingInto, SumsLayout } from './sums';
import type { ComparisonResult, VariantComparison } from './types';

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

/** `prepare` for one what-if; a refusal names the variant, since the options are shared by all of them. */
function preparedVariant(input: Scenario, settings: Parameters<typeof prepare>[1], name: string): ReturnType<typeof prepare> {
  try {
    return prepare(input, settings);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new ScenarioError(e.issues.map((i) => ({ ...i, message: `variant "${name}": ${i.message}` })));
  }
}

/**
 * A comparison as a reduction: validates it and builds its models (nothing is sampled yet); its
 * one stage evaluates the baseline and every variant on the same trials.
 *
 * @throws {ScenarioError} for an invalid scenario, option, variant name, override or event name.
 */
export function compareReduction(scenario: Scenario, options: CompareOptions): Reduction<ComparisonResult> {
  const specs = (options.variants ?? []).map((v): VariantSpec => (typeof v === 'string' ? { variant: v } : v));
  if (specs.length === 0) throw new ScenarioError([{ code: 'no-variants', path: 'variants', message: 'give at least one variant to compare with the baseline' }]);
  const setup = setupAnalysis(scenario, options, 'compare');
  const { model: base, settings, trials } = setup;
  const variants = specs.map((spec, a) => {
    let input = scenario;
    if (spec.variant !== undefined) {
      // The named variant first, so that `factors` and `overrides` apply on top of it.
      const applied = applyVariant(scenario, spec.variant);
      if (!applied.scenario) throw new ScenarioError(applied.issues);
      const { variants: _others, ...effective } = applied.scenario;
      input = effective;
    }
    if (spec.factors) input = withFactors(input, spec.factors, a);
    return modelFor(setup, preparedVariant(input, { ...settings, variant: undefined, overrides: spec.overrides ?? {} }, displayName(spec)).plan);
  });
  const events = options.events === undefined ? base.plan.events.map((e) => e.name) : options.events.map((name) => chooseEvent(base.plan, name).name);
  const layout = new SumsLayout();
  const { pairs, samples } = compareAccumulators(base, variants, events, layout, ['the baseline', ...specs.map((spec) => `variant "${displayName(spec)}"`)]);
  const totals = new ExactTotals(layout);
  const data: CompareData = { plans: [base, ...variants].map((m) => runPlanData(m.plan)), seed: settings.seed, batchSize: settings.batchSize, events };
  return {
    stages: [{ kind: 'compare', data, name: 'compare', trials, ...mergingInto(totals) }],
    finish(): ComparisonResult {
      samples.check(trials, totals);
      const results: VariantComparison[] = specs.map((spec, a) => {
        const declared = spec.variant !== undefined ? scenario.variants?.[spec.variant] : undefined;
        const description = declared ? [declared.label, declared.description].filter(Boolean).join(': ') || undefined : undefined;
        const row = pairs[a];
        return {
          name: displayName(spec),
          ...(description ? { description } : {}),
          ...(spec.variant !== undefined ? { variant: spec.variant } : {}),
          overrides: spec.overrides ?? {},
          events: Object.fromEntries(row.slice(0, events.length).map((p) => [p.name, p.result(trials, totals)])),
          ...(row.length > events.length ? { outputs: Object.fromEntries(row.slice(events.length).map((p) => [p.name, p.outputResult(trials, totals)])) } : {}),
        };
      });
      const baselineSpec = options.variant !== undefined || options.params ? { baseline: { ...(options.variant !== undefined ? { variant: options.variant } : {}), overrides: options.params ?? {} } } : {};
      return { kind: 'comparison', ...runInfo(setup), ...baselineSpec, variants: results };
    },
  };
}

function* compareSteps(scenario: Scenario, options: CompareOptions): AnalysisSteps<ComparisonResult> {
  return yield* reductionSteps(compareReduction(scenario, options));
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
