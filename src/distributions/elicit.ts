/**
 * Elicitation: turning what an analyst can say ("90% sure it is between 3 and 7", "mean 0.3
 * give or take 0.1") into canonical parameters.
 */
import { incompleteBeta, logBeta } from './special';
import { exp, log } from '../math/index';

/** Φ⁻¹(0.95): the 95th percentile of the standard normal (R: qnorm(0.95)). */
export const Z_P95 = 1.6448536269514722;

/**
 * Mean and sd of the normal whose 5th and 95th percentiles are `p5` and `p95`:
 * mean = (p5 + p95)/2, sd = (p95 − p5)/(2 · Z_P95).
 *
 * @throws RangeError unless p5 < p95 (both finite).
 * @example
 * ```ts
 * normalFromPercentiles(10, 20); // { mean: 15, sd: 3.0397... }
 * ```
 */
export function normalFromPercentiles(p5: number, p95: number): { mean: number; sd: number } {
  if (!(Number.isFinite(p5) && Number.isFinite(p95) && p5 < p95)) {
    throw new RangeError(`p95 (${p95}) must be greater than p5 (${p5})`);
  }
  return { mean: p5 / 2 + p95 / 2, sd: (p95 - p5) / (2 * Z_P95) };
}

/**
 * mu and sigma of the lognormal whose 5th and 95th percentiles are `p5` and `p95`:
 * mu = (ln p5 + ln p95)/2, sigma = (ln p95 − ln p5)/(2 · Z_P95).
 *
 * @throws RangeError unless 0 < p5 < p95 (both finite).
 */
export function lognormalFromPercentiles(p5: number, p95: number): { mu: number; sigma: number } {
  if (!(Number.isFinite(p5) && Number.isFinite(p95) && p5 > 0 && p5 < p95)) {
    throw new RangeError(`lognormal percentiles need 0 < p5 < p95 (got p5 ${p5}, p95 ${p95})`);
  }
  const a = log(p5);
  const b = log(p95);
  return { mu: (a + b) / 2, sigma: (b - a) / (2 * Z_P95) };
}

/**
 * Beta shapes with the given mean and standard deviation (method of moments):
 * k = mean(1 − mean)/sd² − 1, alpha = mean·k, beta = (1 − mean)·k.
 *
 * @throws RangeError unless 0 < mean < 1 and 0 < sd² < mean(1 − mean).
 */
export function betaFromMeanSd(mean: number, sd: number): { alpha: number; beta: number } {
  if (!(mean > 0 && mean < 1 && sd > 0 && Number.isFinite(sd) && sd * sd < mean * (1 - mean))) {
    throw new RangeError(
      `a Beta needs 0 < mean < 1 and 0 < sd < sqrt(mean(1 - mean)) (got mean ${mean}, sd ${sd})`,
    );
  }
  const k = (mean * (1 - mean)) / (sd * sd) - 1;
  return { alpha: mean * k, beta: (1 - mean) * k };
}

/** ln 19: the logistic's 95th percentile lies ln 19 scales above its centre (F = 1/(1 + 1/19)). */
export const LN_19 = 2.9444389791664403;

/**
 * Location and scale of the logistic whose 5th and 95th percentiles are `p5` and `p95`:
 * location = (p5 + p95)/2, scale = (p95 − p5)/(2 · ln 19).
 *
 * @throws RangeError unless p5 < p95 (both finite).
 */
export function logisticFromPercentiles(p5: number, p95: number): { location: number; scale: number } {
  if (!(Number.isFinite(p5) && Number.isFinite(p95) && p5 < p95)) {
    throw new RangeError(`p95 (${p95}) must be greater than p5 (${p5})`);
  }
  return { location: p5 / 2 + p95 / 2, scale: (p95 - p5) / (2 * LN_19) };
}

/**
 * Gamma shape and scale with the given mean and standard deviation (method of moments):
 * shape = mean²/sd², scale = sd²/mean, computed as (mean/sd)² and sd·(sd/mean) so that no
 * intermediate square overflows.
 *
 * @throws RangeError unless mean > 0 and sd > 0 (both finite).
 */
export function gammaFromMeanSd(mean: number, sd: number): { shape: number; scale: number } {
  if (!(mean > 0 && sd > 0 && Number.isFinite(mean) && Number.isFinite(sd))) {
    throw new RangeError(`a gamma needs mean > 0 and sd > 0 (got mean ${mean}, sd ${sd})`);
  }
  const ratio = mean / sd;
  return { shape: ratio * ratio, scale: sd * (sd / mean) };
}

/**
 * The Beta(alpha, beta) whose `pLo` and `pHi` quantiles are `lo` and `hi` (by default the 5th
 * and 95th percentiles), found deterministically by nested bisection: writing
 * alpha = m·k, beta = (1 − m)·k, for each concentration k the mean m solving
 * I_lo(m·k, (1−m)·k) = pLo is found by bisection on m (the CDF at `lo` falls as m rises), and
 * k is bisected in log scale until I_hi = pHi (the Beta tightens as k rises). 200 fixed
 * iterations each, so the answer is reproducible to the last bit on a given platform.
 *
 * @param lo - lower value, 0 < lo < hi.
 * @param hi - upper value, hi < 1.
 * @param pLo - default 0.05.
 * @param pHi - default 0.95; pLo < pHi.
 * @throws RangeError for invalid arguments or when no Beta with concentration in
 *   [1e-3, 1e9] fits.
 */
export function betaFromPercentiles(lo: number, hi: number, pLo = 0.05, pHi = 0.95): { alpha: number; beta: number } {
  if (!(lo > 0 && lo < hi && hi < 1 && pLo > 0 && pLo < pHi && pHi < 1)) {
    throw new RangeError(`need 0 < lo < hi < 1 and 0 < pLo < pHi < 1 (got lo ${lo}, hi ${hi}, pLo ${pLo}, pHi ${pHi})`);
  }
  const meanFor = (k: number): number => {
    let a = 0;
    let b = 1;
    for (let i = 0; i < 200; i++) {
      const m = 0.5 * (a + b);
      if (m === a || m === b) break;
      const al = m * k;
      const be = (1 - m) * k;
      if (incompleteBeta(lo, al, be, false, logBeta(al, be)) > pLo) a = m;
      else b = m;
    }
    return 0.5 * (a + b);
  };
  const gap = (logK: number): number => {
    const k = exp(logK);
    const m = meanFor(k);
    return incompleteBeta(hi, m * k, (1 - m) * k) - pHi;
  };
  let a = log(1e-3);
  let b = log(1e9);
  if (!(gap(a) < 0 && gap(b) > 0)) {
    throw new RangeError(`no Beta has its ${pLo} and ${pHi} quantiles at ${lo} and ${hi}`);
  }
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (a + b);
    if (mid === a || mid === b) break;
    if (gap(mid) < 0) a = mid;
    else b = mid;
  }
  const k = exp(0.5 * (a + b));
  const m = meanFor(k);
  return { alpha: m * k, beta: (1 - m) * k };
}
