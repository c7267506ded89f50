/**
 * An exact reference for summing doubles, sharing no arithmetic with src/engine/exactSum.ts:
 * every finite double is an integer multiple of 2^-1074, so a sum of doubles is a BigInt, rounded
 * once at the end (tests/engine/exactSum.test.ts, tests/property/merge.property.test.ts).
 */

/** The exact value of a double as an integer multiple of 2^-1074. */
export function toScaledBigInt(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // value = mantissa · 2^(exponent − 1075) for normal numbers, fraction · 2^−1074 for subnormals.
  const scaled = exponent === 0 ? fraction : (fraction | (1n << 52n)) << BigInt(exponent - 1);
  return negative ? -scaled : scaled;
}

/** N · 2^-1074 rounded once to the nearest double, ties to even. */
export function roundScaled(n: bigint): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  const a = negative ? -n : n;
  const bits = a.toString(2).length;
  let result: number;
  if (bits <= 53) {
    result = Number(a) * 2 ** -1074; // representable exactly (subnormal or 53-bit normal)
  } else {
    const shift = BigInt(bits - 53);
    let m = a >> shift;
    const rest = a - (m << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
    result = Number(m) * 2 ** (bits - 53 - 1074); // exact: m ≤ 2^53, power of two in range
  }
  return negative ? -result : result;
}

/** The exact sum of doubles (exact partials, a compensated pair, …) as an integer multiple of 2^-1074. */
export function scaledSum(values: ArrayLike<number>): bigint {
  let sum = 0n;
  for (let i = 0; i < values.length; i++) sum += toScaledBigInt(values[i]);
  return sum;
}

/** The exact sum of doubles, rounded once to the nearest double, ties to even. */
export function exactSum(values: readonly number[]): number {
  return roundScaled(scaledSum(values));
}
