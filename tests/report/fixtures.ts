/**
 * Hand-built analysis results for the flagship, in the shapes of src/analysis/types.ts, so the
 * report's rendering of every analysis is tested without running the analyses (written
 * separately). The numbers are plausible, not computed: only their rendering is under test.
 */
import type { AttributionResult, ComparisonResult, EvidenceResult, SensitivityResult } from '../../src/analysis/types';
import type { ReportAnalyses } from '../../src/report/types';

const est = (p: number, half: number) => ({ probability: p, ci95: [p - half, p + half] as const, standardError: half / 1.96 });
const diff = (baseline: number, variant: number, halfPp: number) => ({
  baseline,
  variant,
  differencePp: est((variant - baseline) * 100, halfPp),
  oddsRatio: (variant / (1 - variant)) / (baseline / (1 - baseline)),
  oddsRatioCi95: [0.95 * ((variant / (1 - variant)) / (baseline / (1 - baseline))), 1.05 * ((variant / (1 - variant)) / (baseline / (1 - baseline)))] as const,
  probabilityGreater: variant > baseline ? 0.97 : 0.02,
  probabilityLess: variant > baseline ? 0.02 : 0.97,
});
const venues = { venueThirdCountry: 0.4, venueDmz: 0.25, venuePyongyang: 0.2, venueUnitedStates: 0.1, venueSouthKorea: 0.05 };
const sameVenues = Object.fromEntries(Object.entries(venues).map(([k, p]) => [k, { baseline: p, variant: p, differencePp: est(0, 0) }]));

/** The four analyses of the flagship, tied to the scenario hash given. */
export function flagshipAnalyses(hash: string, seed = '2025'): Required<ReportAnalyses> {
  const run = { scenario: { id: 'trump-kim-summit', hash }, asOf: '2026-12-04', seed, trials: 100_000 };
  const comparison: ComparisonResult = {
    ...run,
    kind: 'comparison',
    baseline: { overrides: {} },
    variants: [
      { name: 'us-drops-denuclearization', description: 'The gate opens.', variant: 'us-drops-denuclearization', overrides: {}, events: { summit: diff(0.0848, 0.392, 0.6), mediationBackfires: { baseline: 0.7515, variant: 0.7515, differencePp: est(0, 0) }, ...sameVenues } },
      { name: 'seoul-steps-back', variant: 'seoul-steps-back', overrides: {}, events: { summit: diff(0.0848, 0.1031, 0.08), mediationBackfires: { baseline: 0.7515, variant: 0, differencePp: est(-75.15, 0.27) }, ...sameVenues } },
      { name: 'harder domestic weight', description: 'wDomestic = −2', overrides: { wDomestic: -2 }, events: { summit: diff(0.0848, 0.0602, 0.05), mediationBackfires: { baseline: 0.7515, variant: 0.7515, differencePp: est(0, 0) }, ...sameVenues } },
    ],
  };
  const bar = (name: string, kind: 'factor' | 'param', lowSetting: string, highSetting: string, low: number, high: number) => ({
    name,
    kind,
    lowSetting,
    highSetting,
    low: est(low, 0.0016),
    high: est(high, 0.0016),
    swing: Math.abs(high - low),
    swingCi95: [Math.abs(high - low) - 0.001, Math.abs(high - low) + 0.001] as const,
  });
  const sensitivity: SensitivityResult = {
    ...run,
    kind: 'sensitivity',
    event: 'summit',
    baseline: est(0.0848, 0.0015),
    tornado: [
      bar('usDropsDenuclearization', 'factor', '10th percentile (0)', '90th percentile (1)', 0.046, 0.392),
      bar('usDomesticConstraints', 'factor', '10th percentile (0.66)', '90th percentile (0.92)', 0.0962, 0.0741),
      bar('rokMediation', 'factor', '10th percentile (−1.17)', '90th percentile (0.37)', 0.0701, 0.1042),
      bar('wDomestic', 'param', '−1.32 (−10%)', '−1.08 (+10%)', 0.0797, 0.0902),
      bar('base', 'param', '−1.65 (−10%)', '−1.35 (+10%)', 0.0771, 0.0931),
    ],
    paramStep: 0.1,
    paramStepKind: 'relative',
    percentiles: [0.1, 0.9],
    sobol: [
      { factor: 'usDropsDenuclearization', first: { estimate: 0.81, ci95: [0.78, 0.84] }, total: { estimate: 0.88, ci95: [0.85, 0.9] } },
      { factor: 'rokMediation', first: { estimate: 0.05, ci95: [0.03, 0.07] }, total: { estimate: 0.09, ci95: [0.07, 0.11] } },
      { factor: 'usDomesticConstraints', first: { estimate: 0.02, ci95: [0.01, 0.03] }, total: { estimate: 0.04, ci95: [0.03, 0.05] } },
    ],
    sobolSamples: 8192,
    bootstrap: 200,
    notes: ['Params are moved by ±10% of their value; a param at 0 is moved by ±0.1 instead.'],
  };
  const term = (name: string, label: string, formula: string, mean: number) => ({ name, label, formula, mean, ci95: [mean - 0.004, mean + 0.004] as const, range95: [mean * 1.6, mean * 0.4] as const });
  const attribution: AttributionResult = {
    ...run,
    kind: 'attribution',
    event: 'summit',
    applicable: true,
    scale: 'hazard',
    form: 'summit hazard = sigmoid(monthlyLogOdds) * agendaGate',
    baseLogOdds: -1.5,
    baseFormula: 'base',
    terms: [
      { name: 'trumpWillingness', formula: 'trumpWillingness', mean: 0.5, ci95: [0.5, 0.5] },
      term('sanctionsBlocking', 'Sanctions blocking', 'wSanctions * sanctionsBlocking', -0.4),
      term('russiaAlliance', 'Russia–DPRK alliance', 'wRussia * russiaAlliance', -0.425),
      term('usDomesticConstraints', 'US domestic constraints', 'wDomestic * usDomesticConstraints', -0.96),
      term('rokMediation', 'Effect of Seoul’s mediation (log-odds)', 'wRok * rokMediation', -0.4),
    ],
    meanLogOdds: -3.185,
    remainder: { name: '', formula: '', mean: 0.806, ci95: [0.79, 0.822] },
    finalLogOdds: -2.379,
    probability: est(0.0848, 0.0015),
  };
  const evidence: EvidenceResult = {
    ...run,
    kind: 'evidence',
    event: 'summit',
    prior: est(0.0848, 0.0015),
    steps: [
      { kind: 'signpost', date: '2025-12-04', signpost: 'US strategy omits denuclearization', description: 'The National Security Strategy does not mention it.', likelihoodRatio: 1.3, reason: 'More likely if the US is preparing to drop it.', probability: 0.1075, ci95: [0.1057, 0.1093] },
      { kind: 'signpost', date: '2026-01-15', signpost: 'DPRK missile test', likelihoodRatio: 0.8, probability: 0.0881, ci95: [0.0866, 0.0896] },
      { kind: 'condition', signpost: 'rokMediation < 0', likelihoodRatio: 0.93, probability: 0.0823, ci95: [0.0806, 0.084], effectiveSampleSize: 22_545 },
    ],
    posterior: est(0.0823, 0.0017),
  };
  return { comparison, sensitivity, attribution, evidence };
}
