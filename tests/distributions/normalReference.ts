/**
 * An independent reference for the standard normal, written from textbook formulas rather than
 * the library's code, for the distribution tests: Marsaglia's series in the centre, Laplace's
 * continued fraction for the Mills ratio in the tails. tests/distributions/shapes.test.ts checks it
 * against scipy to 1e-13.
 */

const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

/** The standard normal density φ(x). */
export const phi = (x: number): number => INV_SQRT_2PI * Math.exp(-0.5 * x * x);

/** Marsaglia's series: Φ(x) − 1/2 = φ(x)·(x + x³/3 + x⁵/15 + …), all terms of x's sign. */
export function centralPhi(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 1; k < 500; k++) {
    term *= x2 / (2 * k + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + phi(x) * sum;
}

/** Laplace's continued fraction for the Mills ratio Q(x)/φ(x) = 1/(x + 1/(x + 2/(x + …))), x > 0. */
export function millsRatio(x: number): number {
  let t = x;
  for (let k = 400; k >= 1; k--) t = x + k / t;
  return 1 / t;
}

/** Upper tail Q(x) = 1 − Φ(x), with full relative precision for large x. */
export function refQ(x: number): number {
  if (x > 3) return phi(x) * millsRatio(x);
  if (x < -3) return 1 - phi(-x) * millsRatio(-x);
  return 1 - centralPhi(x);
}

/** Φ(x), with full relative precision for very negative x. */
export function refPhi(x: number): number {
  if (x < -3) return phi(-x) * millsRatio(-x);
  if (x > 3) return 1 - phi(x) * millsRatio(x);
  return centralPhi(x);
}
