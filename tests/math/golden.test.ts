/**
 * Golden bits of src/math: fixed inputs and the exact 64 bits each function returns for them,
 * stored in tests/math/golden.json. These functions feed every seeded result, so any change to
 * their output bits (a "harmless" refactor, a reordered sum, a different constant) is a change
 * in seeded output and must be deliberate: it fails here first.
 *
 * To regenerate after a deliberate change: UPDATE_MATH_GOLDEN=1 npx vitest run tests/math/golden.test.ts,
 * then follow the "Seeded output" rule in CHANGELOG.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acos, asin, atan, atan2, cos, exp, expm1, hypot, log, log10, log1p, log2, normalCdf, normalQuantile, pow, sin, tan } from '../../src/math/index';
import { bitsOf, fromBits, generator } from './helpers';

const FILE = new URL('./golden.json', import.meta.url);
const UNARY = { exp, expm1, log, log1p, log2, log10, sin, cos, tan, asin, acos, atan, phi: normalCdf, probit: normalQuantile } as const;
const BINARY = { pow, atan2, hypot } as const;
type Golden = Record<string, string[][]>;

/** The inputs, from fixed seeds: a spread over each domain plus values near its edges. */
function inputs(): { unary: Record<string, number[]>; binary: Record<string, Array<[number, number]>> } {
  const g = generator(77);
  const many = (n: number, f: () => number): number[] => Array.from({ length: n }, f);
  const pairs = (n: number, f: () => [number, number]): Array<[number, number]> => Array.from({ length: n }, f);
  const expLike = [...many(24, () => g.uniform(-745, 709.7)), ...many(12, () => g.uniform(-1, 1)), ...many(4, () => g.logUniform(-1074, -20)), -745.1, 709.78, 0.5, -0.5, 1e-10];
  const logLike = [...many(24, () => g.anyPositive()), ...many(12, () => g.uniform(0.5, 2)), ...many(4, () => g.subnormal()), 1 + 2 ** -40, 1 - 2 ** -40, 0.1, 3, 1e300];
  const log1pLike = [...many(24, () => g.uniform(-1, 3)), ...many(12, () => g.logUniform(-60, 60)), ...many(4, () => -g.logUniform(-60, -1)), -0.5, 1e-20, -1 + 2 ** -30, 1e300];
  const powPairs: Array<[number, number]> = [
    ...pairs(24, () => [g.uniform(0, 10), g.uniform(-40, 40)]),
    ...pairs(8, () => [-g.uniform(0, 5), Math.round(g.uniform(-50, 50))]),
    ...pairs(8, () => [1 + g.uniform(-1, 1) * 2 ** -30, g.uniform(-1, 1) * 2 ** 40]),
    ...pairs(4, () => [g.subnormal(), g.uniform(0, 1)]),
    [0.37, 1 / 3],
    [2.5, -7.25],
    [1e10, 0.1],
    [5e-324, 0.9],
  ];
  // Drawn after the ones above, so adding them left those inputs as they were.
  const sign = () => (g.unit() < 0.5 ? -1 : 1);
  const trigLike = [...many(24, () => g.uniform(-10, 10)), ...many(8, () => sign() * g.logUniform(20, 1000)), ...many(4, () => g.uniform(-1e6, 1e6)), ...many(4, () => g.logUniform(-1074, -20)), 1e22, Math.PI / 2, 823550, 5.319372648326541e255];
  const unitLike = [...many(32, () => g.uniform(-1, 1)), ...many(4, () => 1 - g.logUniform(-53, -1)), ...many(4, () => g.logUniform(-1074, -20)), 0.5, -0.975, 0.9999999999999999, 1e-300];
  const atanLike = [...many(24, () => g.uniform(-10, 10)), ...many(12, () => sign() * g.logUniform(-60, 80)), ...many(4, () => g.logUniform(-1074, -20)), 0.4375, 2.4375, 1e300, 1];
  const phiLike = [...many(32, () => g.uniform(-10, 10)), ...many(8, () => g.uniform(-38.5, -5)), 0.67448975, 5.656854249492381, 8.3, -37.5];
  const probitLike = [...many(32, () => g.unit()), ...many(8, () => g.logUniform(-1000, -1)), 0.075, 1e-300, 0.9999999999999999, 1.3887943864964021e-11];
  const planePairs = (): Array<[number, number]> => [
    ...pairs(24, () => [g.uniform(-10, 10), g.uniform(-10, 10)]),
    ...pairs(8, () => [sign() * g.anyPositive(), sign() * g.anyPositive()]),
    ...pairs(4, () => [g.subnormal(), sign() * g.subnormal()]),
    ...pairs(4, () => [sign() * g.logUniform(-70, 70), 1]),
    [1, -1],
    [-3, -4],
    [1e300, 1e-10],
    [1e-300, -1],
  ];
  return {
    unary: {
      exp: expLike, expm1: expLike, log: logLike, log1p: log1pLike, log2: logLike, log10: logLike,
      sin: trigLike, cos: trigLike, tan: trigLike, asin: unitLike, acos: unitLike, atan: atanLike, phi: phiLike, probit: probitLike,
    },
    binary: { pow: powPairs, atan2: planePairs(), hypot: planePairs() },
  };
}

function compute(): Golden {
  const { unary, binary } = inputs();
  const out: Golden = {};
  for (const [name, f] of Object.entries(UNARY)) out[name] = unary[name].map((x) => [bitsOf(x), bitsOf(f(x))]);
  for (const [name, f] of Object.entries(BINARY)) out[name] = binary[name].map(([x, y]) => [bitsOf(x), bitsOf(y), bitsOf(f(x, y))]);
  return out;
}

if (process.env.UPDATE_MATH_GOLDEN === '1') {
  const g = compute();
  const body = Object.entries(g).map(([name, rows]) => `  ${JSON.stringify(name)}: [\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`);
  writeFileSync(FILE, `{\n${body.join(',\n')}\n}\n`);
}
const golden = JSON.parse(readFileSync(FILE, 'utf8')) as Golden;

describe('src/math golden bits (tests/math/golden.json)', () => {
  for (const [name, f] of Object.entries(UNARY)) {
    it(name, () => {
      expect(golden[name].length).toBeGreaterThanOrEqual(40);
      const wrong = golden[name].filter(([x, y]) => bitsOf(f(fromBits(x))) !== y).map(([x, y]) => `${name}(${fromBits(x)}) = ${f(fromBits(x))}, golden ${fromBits(y)} (0x${y})`);
      expect(wrong).toEqual([]);
    });
  }
  for (const [name, f] of Object.entries(BINARY)) {
    it(name, () => {
      expect(golden[name].length).toBeGreaterThanOrEqual(40);
      const wrong = golden[name].filter(([x, y, z]) => bitsOf(f(fromBits(x), fromBits(y))) !== z).map(([x, y, z]) => `${name}(${fromBits(x)}, ${fromBits(y)}) = ${f(fromBits(x), fromBits(y))}, golden ${fromBits(z)}`);
      expect(wrong).toEqual([]);
    });
  }
  it('the inputs are still the ones generated from the fixed seeds', () => {
    const fresh = compute();
    for (const name of Object.keys(fresh)) expect(golden[name].map((r) => r.slice(0, -1)), name).toEqual(fresh[name].map((r) => r.slice(0, -1)));
  });
});
