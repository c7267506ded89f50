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
  // Not toLocaleString: its first call in a process loads locale data (about 20 ms of a CLI run).
  const [whole, fraction] = String(n).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Seconds with a sensible number of digits. */
export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Percentage points with two significant digits below 1 pp ("0.077 pp") and two decimals
 * above ("3.20 pp"), for standard errors and differences; below 5e-7 pp, "0 pp".
 */
export function formatPp(pp: number): string {
  const a = Math.abs(pp);
  // Below 5e-7 pp (5e-9 in probability) is floating-point dust from sums, not a finding.
  if (a < 5e-7) return '0 pp';
  return `${a >= 1 ? pp.toFixed(2) : Number(pp.toPrecision(2)).toString()} pp`;
}

/** {@link formatPp} with an explicit sign ("+3.20 pp", "−0.50 pp"; a true minus sign). */
export function formatSignedPp(pp: number): string {
  const text = formatPp(Math.abs(pp));
  if (text === '0 pp') return text;
  return pp > 0 ? `+${text}` : `\u2212${text}`;
}

/**
 * A model number (a param, a log-odds, a mean) as written when short, else to four
 * significant digits: 0.3 → "0.3", 0.12158 → "0.1216", −1.5 → "−1.5" (true minus sign).
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const short = String(x).length <= 7 ? String(x) : String(Number(x.toPrecision(4)));
  return short.replace(/^-/, '\u2212');
}

/** {@link formatNumber} with an explicit sign for non-negative values ("+0.5"). */
export function formatSigned(x: number): string {
  return x > 0 ? `+${formatNumber(x)}` : formatNumber(x);
}

/** A trial count for an axis: 0, 500, 10k, 1.5M. */
export function formatCountShort(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${Number((n / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((n / 1e3).toPrecision(3))}k`;
  return String(n);
}

/** A share or index in [0, 1] (Sobol indices) with three decimals: "0.791", "−0.024". */
export function formatIndex(x: number): string {
  const text = x.toFixed(3);
  return /^-0\.000$/.test(text) ? '0.000' : text.replace(/^-/, '\u2212');
}
