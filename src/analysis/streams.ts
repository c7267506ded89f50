/**
 * Random streams that analyses need beyond the run's own (the Sobol B matrix, bootstrap
 * resampling). Keyed like every stream, by SHA-256 of the JSON array of the whole tuple, but
 * under their own domain tag and with a role element, so they can never coincide with a run's
 * streams (`["scenario-odds/v1", seed, chunk, node]`) or with each other.
 */
import { fromKey, sha256Hex, type RandomStream } from '../rng';

/** Domain tag of analysis streams; changing it changes every analysis's seeded output. */
const ANALYSIS_DOMAIN = 'scenario-odds/analysis/v1';

/**
 * Roles of analysis streams: `sobol-B` draws a factor's column of the Saltelli B matrix (the A
 * matrix is the run's own draws), `sobol-bootstrap` resamples trials for the Sobol intervals.
 */
export type AnalysisRole = 'sobol-B' | 'sobol-bootstrap';

/**
 * The stream for one (seed, chunk, node, role): SHA-256 of
 * `["scenario-odds/analysis/v1", seed, chunk, node, role]`.
 */
export function analysisStream(seed: string, chunk: number, node: string, role: AnalysisRole): RandomStream {
  return fromKey(sha256Hex(JSON.stringify([ANALYSIS_DOMAIN, seed, chunk, node, role])));
}
