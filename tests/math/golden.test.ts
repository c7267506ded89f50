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
import { exp, expm1, log, log10, log1p, log2, pow } from '../../src/math/index';
import { bitsOf, fromBits, generator } from './helpers';

const FILE = new URL('./golden.json', import.meta.url);
const UNARY = { exp, expm1, log, log1p, log2, log10 } as const;
type Golden = Record<string, string[][]>;

/** The inputs, from fixed seeds: a spread over each domain plus values near its edges. */
function inputs(): { unary: Record<string, number[]>; pow: Array<[number, number]> } {
  const g = generator(77);
  const many = (n: number, f: () => number): number[] => Array.from({ length: n }, f);
  const pairs = (n: number, f: () => [number, number]): Array<[number, number]> => Array.from({ length: n }, f);
  const expLike = [...many(24, () => g.uniform(-745, 709.7)), ...many(12, () => g.uniform(-1, 1)), ...many(4, () => g.logUniform(-1074, -20)), -745.1, 709.78, 0.5, -0.5, 1e-10];
  const logLike = [...many(24, () => g.anyPositive()), ...many(12, () => g.uniform(0.5, 2)), ...many(4, () => g.subnormal()), 1 + 2 ** -40, 1 - 2 ** -40, 0.1, 3, 1e300];
  const log1pLike = [...many(24, () => g.uniform(-1, 3)), ...many(12, () => g.logUniform(-60, 60)), ...many(4, () => -g.logUniform(-60, -1)), -0.5, 1e-20, -1 + 2 ** -30, 1e300];
  return {
    unary: { exp: expLike, expm1: expLike, log: logLike, log1p: log1pLike, log2: logLike, log10: logLike },
    pow: [
      ...pairs(24, () => [g.uniform(0, 10), g.uniform(-40, 40)]),
      ...pairs(8, () => [-g.uniform(0, 5), Math.round(g.uniform(-50, 50))]),
      ...pairs(8, () => [1 + g.uniform(-1, 1) * 2 ** -30, g.uniform(-1, 1) * 2 ** 40]),
      ...pairs(4, () => [g.subnormal(), g.uniform(0, 1)]),
      [0.37, 1 / 3],
      [2.5, -7.25],
      [1e10, 0.1],
      [5e-324, 0.9],
    ],
  };
}

function compute(): Golden {
  const { unary, pow: pairs } = inputs();
  const out: Golden = {};
  for (const [name, f] of Object.entries(UNARY)) out[name] = unary[name].map((x) => [bitsOf(x), bitsOf(f(x))]);
  out.pow = pairs.map(([x, y]) => [bitsOf(x), bitsOf(y), bitsOf(pow(x, y))]);
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
  it('pow', () => {
    expect(golden.pow.length).toBeGreaterThanOrEqual(40);
    const wrong = golden.pow.filter(([x, y, z]) => bitsOf(pow(fromBits(x), fromBits(y))) !== z).map(([x, y, z]) => `pow(${fromBits(x)}, ${fromBits(y)}) = ${pow(fromBits(x), fromBits(y))}, golden ${fromBits(z)}`);
    expect(wrong).toEqual([]);
  });
  it('the inputs are still the ones generated from the fixed seeds', () => {
    const fresh = compute();
    for (const name of Object.keys(fresh)) expect(golden[name].map((r) => r.slice(0, -1)), name).toEqual(fresh[name].map((r) => r.slice(0, -1)));
  });
});
