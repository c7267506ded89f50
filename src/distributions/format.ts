/** Number and value formatting shared by messages and `describe()`. */

/**
 * A user-supplied value as it should appear in a one-line message: numbers plainly (NaN and
 * Infinity by name), strings quoted, everything else as compact JSON cut to 40 characters.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function' || typeof value === 'symbol') return typeof value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return Object.prototype.toString.call(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

/**
 * A parameter for `describe()`: short values as written (0.3, 12, 1e-7), longer ones to 4
 * significant digits (0.1215852... → 0.1216) so derived parameters stay readable.
 */
export function fmt(x: number): string {
  const s = String(x);
  if (s.length <= 7 || !Number.isFinite(x)) return s;
  return String(Number(x.toPrecision(4)));
}

/** An interval for messages and `describe()`: "[0, 1]", "[0, ∞)", "(-∞, 5]". */
export function showInterval(lo: number, hi: number): string {
  const left = lo === -Infinity ? '(-∞' : `[${fmt(lo)}`;
  const right = hi === Infinity ? '∞)' : `${fmt(hi)}]`;
  return `${left}, ${right}`;
}
