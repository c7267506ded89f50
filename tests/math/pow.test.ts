/**
 * pow where fdlibm takes its own paths, against exact values (60 digits, tests/math/helpers.ts):
 * a negative base raised to integers of every size (y's parity is read from its high word below
 * 2^21, from its low word above, and every |y| ≥ 2^53 is even), exponents beyond 2^31 and 2^64
 * (where fdlibm replaces log x by a short series, or answers overflow or underflow at once), and
 * results at the ends of the double range, subnormals included. The generated inputs of
 * accuracy.test.ts rarely land on any of these.
 *
 * Bound: below 1 ulp, fdlibm's (a subnormal result's ulp is 2^-1074); a result that is 0 or
 * ±Infinity must be exactly the correctly rounded value, sign included.
 */
import { describe, expect, it } from 'vitest';
import { pow } from '../../src/math';
import { exact, ulpError } from './helpers';

/** Fails unless pow(x, y) is within 1 ulp of the exact value and has its sign (NaN where y is not an integer and x < 0). */
function expectPow(x: number, y: number): void {
  const got = pow(x, y);
  const what = `pow(${x}, ${y}) = ${got}`;
  if (x < 0 && !Number.isInteger(y)) {
    expect(got, what).toBeNaN();
    return;
  }
  const negative = x < 0 && Math.abs(y) % 2 === 1;
  expect(got < 0 || Object.is(got, -0), `${what}: sign`).toBe(negative);
  expect(ulpError(got, exact.pow(x, y)), what).toBeLessThan(1);
}

describe('pow on a negative base', () => {
  // Bases near 1 keep results finite for exponents up to about 2^40; beyond, they overflow or
  // underflow, which still shows the sign.
  const bases = [-(1 + 2 ** -40), -(1 - 2 ** -40), -(1 + 2 ** -52), -1.5, -0.75];

  it('takes the sign of the exponent\'s parity for integers of every size, and is NaN off the integers', () => {
    const exponents = [
      3, 4, 1_048_575, 1_048_576, 1_048_577, // below 2^21: parity from the high word
      2 ** 21 + 1, 2 ** 21 + 2, 2 ** 21 + 0.5, // from 2^21: parity from the low word
      2 ** 31 + 1, 2 ** 31 + 2, 2 ** 40 + 1, 2 ** 40 + 0.5, 2 ** 51 + 0.5, // beyond 2^31: fdlibm's short series near 1
      2 ** 52 + 1, 2 ** 52 + 2, 2 ** 53, 2 ** 53 + 2, 2 ** 70, // from 2^53 every double is an even integer
      1.5, 1_048_575.5,
    ];
    for (const x of bases) {
      for (const y of exponents) {
        expectPow(x, y);
        expectPow(x, -y);
      }
    }
  });
});

describe('pow at the ends of the double range', () => {
  /** The exponents y that make x^y = 2^z for each target z (rounded, so x^y lands near 2^z). */
  const near = (x: number, zs: readonly number[]) => zs.map((z) => z / (Math.log(Math.abs(x)) / Math.LN2));
  // Overflow at 2^1024, the last normal 2^-1022, the subnormals down to 2^-1074 and underflow below.
  const targets = [1023.5, 1023.999, 1023.99999999, 1024.00000001, 1024.001, -1021.9, -1022.3, -1040.7, -1060.5, -1073.6, -1074.2, -1074.9, -1075.1, -1076];

  it('is within 1 ulp near overflow and through the subnormals, for bases far from 1 and near it', () => {
    // 1 ± 2^-30 need |y| near 2^40 to get there: fdlibm's path for |y| > 2^31 with x near 1.
    for (const x of [2, 0.5, 10, 0.1, Math.E, 1 + 2 ** -30, 1 - 2 ** -30, 1 + 2 ** -21, -2, -(1 + 2 ** -30)]) {
      for (const y of near(x, targets)) expectPow(x, Math.round(y) === y ? y + 0.5 : y);
      // And the nearby integers, which a negative base needs to have a value at all.
      for (const y of near(x, targets)) expectPow(x, Math.round(y));
    }
  });

  it('overflows or underflows at once beyond |y| = 2^64, on either side of 1, even for the bases nearest it', () => {
    for (const x of [0.9, 1.1, 1 - 2 ** -53, 1 + 2 ** -52, 1 - 2 ** -52, 1 + 2 ** -51, 2 ** -1074, 1e300]) {
      for (const y of [2 ** 65, -(2 ** 65), 2 ** 64 * 1.5, -(2 ** 64 * 1.5)]) {
        const got = pow(x, y);
        const growing = x > 1 === y > 0;
        expect(got, `pow(${x}, ${y})`).toBe(growing ? Infinity : 0);
      }
    }
  });
});
