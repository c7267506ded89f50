import type { RandomStream } from '../rng';
import { checkBatch, checkProbability } from './checks';
import { fmt } from './format';
import { incompleteGamma, incompleteGammaInv } from './special';
import { gammaConstants, gammaMT, logGammaVariate } from './variates';
import type { Distribution, GammaMeanSdSpec, GammaSpec } from './types';
import { exp, log } from '../math/index';

/**
 * Gamma(shape, scale): scale·G for G ~ Gamma(shape, 1) by Marsaglia–Tsang. For shape < 1 the
 * variate is boosted, G = G'·U^(1/shape) with G' ~ Gamma(shape + 1), and formed as
 * e^(ln scale + ln G' + ln(U)/shape): U^(1/shape) alone underflows for small shapes (for 0.05,
 * whenever U < 1e-15), while the product is a representable number far more often.
 *
 * @param note - appended to `describe()`, e.g. the moments it was elicited from.
 */
export function gammaDistribution(spec: GammaSpec | GammaMeanSdSpec, shape: number, scale: number, note = ''): Distribution {
  const k = gammaConstants(shape);
  const logScale = log(scale);
  return {
    spec,
    name: 'gamma',
    parameters: Object.freeze({ shape, scale }),
    mean: shape * scale,
    variance: shape * scale * scale,
    sample(stream: RandomStream, out: Float64Array, n: number): void {
      checkBatch(out, n);
      if (k.boosted) for (let i = 0; i < n; i++) out[i] = exp(logScale + logGammaVariate(stream, k));
      else for (let i = 0; i < n; i++) out[i] = scale * gammaMT(stream, k.d, k.c);
    },
    cdf: (x) => (Number.isNaN(x) ? NaN : x <= 0 ? 0 : incompleteGamma(shape, x / scale)),
    quantile(p) {
      checkProbability(p);
      return scale * incompleteGammaInv(p, shape);
    },
    describe: () => `Gamma(${fmt(shape)}, ${fmt(scale)})${note}`,
  };
}
