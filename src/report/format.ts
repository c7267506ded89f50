/**
 * A probability as a percentage with enough digits to be honest about small values:
 * two decimals normally, two significant digits below 0.1%.
 */
export function formatPercent(p: number): string {
  if (p === 0 || p === 1) return `${p * 100}%`;
  const pct = p * 100;
  return pct < 0.1 || pct > 99.9 ? `${Number(pct.toPrecision(pct < 0.1 ? 2 : 6))}%` : `${pct.toFixed(2)}%`;
}

/** A trial count with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Seconds with a sensible number of digits. */
export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}
