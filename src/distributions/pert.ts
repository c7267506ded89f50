import { scaledBetaDistribution } from './beta';
import { fmt } from './format';
import type { Distribution, PertSpec } from './types';

/**
 * The shapes of the PERT distribution in its standard lambda = 4 form:
 * alpha = 1 + 4(mode − min)/(max − min), beta = 1 + 4(max − mode)/(max − min), so that the
 * mean is (min + 4·mode + max)/6. Both shapes lie in [1, 5].
 */
export function pertShapes(min: number, mode: number, max: number): { alpha: number; beta: number } {
  const width = max - min;
  return { alpha: 1 + (4 * (mode - min)) / width, beta: 1 + (4 * (max - mode)) / width };
}

/** PERT(min, mode, max) = min + (max − min)·Beta(alpha, beta) with {@link pertShapes}. */
export function pertDistribution(spec: PertSpec): Distribution {
  const { min, mode, max } = spec;
  const { alpha, beta } = pertShapes(min, mode, max);
  return scaledBetaDistribution(alpha, beta, {
    spec,
    name: 'pert',
    parameters: Object.freeze({ min, mode, max, alpha, beta }),
    lo: min,
    hi: max,
    describe: `PERT(${fmt(min)}, ${fmt(mode)}, ${fmt(max)})`,
  });
}
