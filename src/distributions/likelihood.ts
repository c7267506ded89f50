/**
 * ICD-203 expressions of likelihood (US Office of the Director of National Intelligence,
 * Intelligence Community Directive 203 "Analytic Standards", 2015, section D.6.e) and the Beta
 * distribution each phrase stands for in a spec such as `{ dist: "beta", likelihood: "likely" }`.
 */
import type { Icd203Term } from './types';

/** One row of the ICD-203 table: a phrase and its probability range [lo, hi]. */
export interface Icd203Entry {
  /** The phrase, as written in specs and reports. */
  readonly term: Icd203Term;
  /** ICD-203's synonym for the same range (e.g. "probable" for "likely"). */
  readonly synonym: string;
  /** Lower end of the range, as a probability. */
  readonly lo: number;
  /** Upper end of the range, as a probability. */
  readonly hi: number;
}

/** The seven ICD-203 expressions of likelihood with their ranges, from least to most likely. */
export const ICD203_TERMS: readonly Icd203Entry[] = Object.freeze([
  { term: 'almost no chance', synonym: 'remote', lo: 0.01, hi: 0.05 },
  { term: 'very unlikely', synonym: 'highly improbable', lo: 0.05, hi: 0.2 },
  { term: 'unlikely', synonym: 'improbable', lo: 0.2, hi: 0.45 },
  { term: 'roughly even chance', synonym: 'roughly even odds', lo: 0.45, hi: 0.55 },
  { term: 'likely', synonym: 'probable', lo: 0.55, hi: 0.8 },
  { term: 'very likely', synonym: 'highly probable', lo: 0.8, hi: 0.95 },
  { term: 'almost certain', synonym: 'nearly certain', lo: 0.95, hi: 0.99 },
] as const satisfies readonly Icd203Entry[]);

/** The phrases alone, in table order (the values accepted by a spec's `likelihood` field). */
export const ICD203_TERM_NAMES = [
  'almost no chance',
  'very unlikely',
  'unlikely',
  'roughly even chance',
  'likely',
  'very likely',
  'almost certain',
] as const satisfies readonly Icd203Term[];

/**
 * The Beta(alpha, beta) used for each phrase: the Beta whose 5th and 95th percentiles are the
 * ends of the phrase's range, i.e. the analyst is read as "90% sure the probability lies in the
 * ICD-203 range". Solved by `betaFromPercentiles(lo, hi)` and stored here to 10 significant
 * digits so every platform uses the same numbers (a test re-solves them and checks the
 * percentiles to 1e-8). Mirror-image phrases get mirror-image shapes exactly.
 *
 * | phrase | range | alpha | beta | mean |
 * |---|---|---|---|---|
 * | almost no chance | 1–5% | 4.484978057 | 162.7838047 | 0.0268 |
 * | very unlikely | 5–20% | 5.425745397 | 41.48897294 | 0.1157 |
 * | unlikely | 20–45% | 11.69134035 | 24.92261425 | 0.3193 |
 * | roughly even chance | 45–55% | 134.8492123 | 134.8492123 | 0.5 |
 * | likely | 55–80% | 24.92261425 | 11.69134035 | 0.6807 |
 * | very likely | 80–95% | 41.48897294 | 5.425745397 | 0.8843 |
 * | almost certain | 95–99% | 162.7838047 | 4.484978057 | 0.9732 |
 */
export const LIKELIHOOD_BETA: Readonly<Record<Icd203Term, { readonly alpha: number; readonly beta: number }>> =
  Object.freeze({
    'almost no chance': { alpha: 4.484978057, beta: 162.7838047 },
    'very unlikely': { alpha: 5.425745397, beta: 41.48897294 },
    unlikely: { alpha: 11.69134035, beta: 24.92261425 },
    'roughly even chance': { alpha: 134.8492123, beta: 134.8492123 },
    likely: { alpha: 24.92261425, beta: 11.69134035 },
    'very likely': { alpha: 41.48897294, beta: 5.425745397 },
    'almost certain': { alpha: 162.7838047, beta: 4.484978057 },
  });

/**
 * The ICD-203 phrase for a probability, for reports.
 *
 * The ranges share their ends, so boundaries are assigned symmetrically about 1/2: below 1/2 a
 * boundary belongs to the higher phrase (0.05 → "very unlikely", 0.20 → "unlikely",
 * 0.45 → "roughly even chance"), above 1/2 to the lower one (0.55 → "roughly even chance",
 * 0.80 → "likely", 0.95 → "very likely"), so p and 1 − p always get mirror-image phrases.
 * Probabilities beyond the table's ends (below 1%, above 99%) get the extreme phrases.
 *
 * @throws RangeError if p is not a number in [0, 1].
 * @example
 * ```ts
 * icd203Term(0.7); // "likely"
 * ```
 */
export function icd203Term(probability: number): Icd203Term {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be in [0, 1] (got ${probability})`);
  // Compared on the value rounded to 12 significant digits, so rounding dust does not cross a
  // boundary: 0.19999999999999998 (0.1 + 0.1 - ... computed) reads as 0.2, "unlikely".
  const p = Number(probability.toPrecision(12));
  if (p < 0.05) return 'almost no chance';
  if (p < 0.2) return 'very unlikely';
  if (p < 0.45) return 'unlikely';
  if (p <= 0.55) return 'roughly even chance';
  if (p <= 0.8) return 'likely';
  if (p <= 0.95) return 'very likely';
  return 'almost certain';
}
