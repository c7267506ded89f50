import { freezeSpec } from './checks';
import { resolveDistribution } from './resolve';
import type { Distribution, DistSpec } from './types';
import { parseDistSpec } from './validate';

/**
 * Validates a spec and resolves it into a {@link Distribution}: elicitation forms become
 * canonical parameters (see `Distribution.parameters`), and the sampler, CDF, quantile and
 * exact moments are prepared once.
 *
 * @param spec - a distribution spec; plain JSON is accepted too (it is validated either way).
 * @throws {@link ScenarioError} listing every problem when the spec is invalid (same issues as
 *   `validateDistSpec(spec, '')`).
 * @example
 * ```ts
 * import { createDistribution, createStream } from 'scenario-odds';
 *
 * const d = createDistribution({ dist: 'beta', likelihood: 'likely' });
 * const out = new Float64Array(1000);
 * d.sample(createStream('42', 0, 'x'), out, out.length);
 * d.describe(); // 'Beta(24.92, 11.69) ("likely": 55–80%)'
 * ```
 */
export function createDistribution(spec: DistSpec): Distribution {
  return resolveDistribution(freezeSpec(parseDistSpec(spec)));
}
