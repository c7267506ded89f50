import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import { incompleteBeta, incompleteBetaInv, logBeta } from './special';
import { fillGammaRatios, gammaConstants, logGammaVariate } from './variates';
import type { Distribution, DistName, DistSpec } from './types';
import { exp } from '../math/index';

/** What {@link scaledBetaDistribution} needs besides the shapes. */
export interface ScaledBetaOptions {
  /** The validated spec the distribution reports as `spec`. */
  readonly spec: DistSpec;
  /** The family reported as `name` ('beta' or 'pert'). */
  readonly name: DistName;
  /** Canonical parameters reported as `parameters`. */
  readonly parameters: Readonly<Record<string, number>>;
  /** Lower and upper ends of the support (0 and 1 for a plain Beta). */
  readonly lo: number;
  readonly hi: number;
  /** What `describe()` returns. */
  readonly describe: string;
}

/**
 * lo + width·B with B ~ Beta(alpha, beta), B = X/(X+Y) for independent X ~ Gamma(alpha),
 * Y ~ Gamma(beta) drawn in that order by Marsaglia–Tsang. When either shape is below 1 the
 * ratio is formed from log-gammas, 1/(1 + e^{ln Y − ln X}), because the boosted gamma
 * underflows to 0 for small shapes and 0/(0+0) would be NaN.
 */
export function scaledBetaDistribution(alpha: number, beta: number, o: ScaledBetaOptions): Distribution {
  // hi − lo, not lo + width = hi: lo + (hi − lo) can round past hi (−0.3 + 0.4 > 0.1), and the
  // quantile and CDF must end exactly at the support's end.
  const { lo, hi } = o;
  const width = hi - lo;
  const lbeta = logBeta(alpha, beta);
  const ka = gammaConstants(alpha);
  const kb = gammaConstants(beta);
  const direct = alpha >= 1 && beta >= 1;
  const ab = alpha + beta;
  const clampX = (x: number): number => (x < lo ? lo : x > hi ? hi : x);
  return {
    spec: o.spec,
    name: o.name,
    parameters: o.parameters,
    mean: lo + (width * alpha) / ab,
    variance: (width * width * alpha * beta) / (ab * ab * (ab + 1)),
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      if (direct) {
        fillGammaRatios(stream, ka.d, ka.c, kb.d, kb.c, lo, width, out, n);
      } else {
        for (let i = 0; i < n; i++) {
          const lx = logGammaVariate(stream, ka);
          const ly = logGammaVariate(stream, kb);
          out[i] = lo + width / (1 + exp(ly - lx));
        }
      }
    },
    cdf(x) {
      if (Number.isNaN(x)) return NaN;
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      return incompleteBeta((x - lo) / width, alpha, beta, false, lbeta);
    },
    quantile(p) {
      checkProbability(p);
      return clampX(lo + width * incompleteBetaInv(p, alpha, beta, lbeta));
    },
    describe: () => o.describe,
  };
}

/**
 * Beta(alpha, beta) on [0, 1].
 *
 * @param note - appended to `describe()`, e.g. the phrase or moments it was elicited from.
 */
export function betaDistribution(spec: DistSpec, alpha: number, beta: number, note = ''): Distribution {
  return scaledBetaDistribution(alpha, beta, {
    spec,
    name: 'beta',
    parameters: Object.freeze({ alpha, beta }),
    lo: 0,
    hi: 1,
    describe: `Beta(${fmt(alpha)}, ${fmt(beta)})${note}`,
  });
}
