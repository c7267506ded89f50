/**
 * Accuracy of src/math over generated inputs (fixed seeds, so the same inputs every run):
 *
 * 1. against the engine's `Math.*`, within 1 ulp on every input; how many are bit-identical is
 *    printed. Two exceptions, where the engine's function is the less accurate one (part 2
 *    checks ours): `log10`, within 2 ulp, because Node 20's `Math.log10` (fdlibm 5.3's
 *    `ivln10 * log(m)`, two roundings) is itself up to ~1.8 ulp off near 1 (e.g. at
 *    1.6618887934724356), where ours (FreeBSD's k_log.h version) is < 1 ulp; `hypot`, within
 *    2 ulp, because V8's `Math.hypot` is not fdlibm's but a scaled sum of squares; and `atan2`,
 *    within 2 ulp, because Node 20's `Math.atan2` (fdlibm's, which ours was before its two
 *    corrections) is up to 1.12 ulp off (measured with mpmath on 400,000 pairs, where ours
 *    stayed below 0.73);
 * 2. against exact values (decimal.js at 60 digits, on the exact binary value of each input;
 *    sin, cos and tan of integers take all of their up to 309 digits), the error is below 1
 *    ulp (fdlibm's bound); the largest error per function is printed. `phi` and `probit` (Cody's
 *    and Wichura's approximations, not fdlibm, shared with the normal distributions) have no
 *    `Math.*` counterpart and a bound of their own, printed and checked the same way. Every
 *    function is also checked at its listed edge points (EDGES), not sampled.
 *
 * Ranges cover the whole domain: huge and tiny magnitudes, subnormals, the neighbourhoods of
 * 0, 1, -1, and of the overflow and underflow thresholds; for sin, cos and tan the arguments
 * close to multiples of pi/2 and beyond every switch of the argument reduction (3pi/4,
 * 2^19 pi/2, up to 1e308); for atan2 all four quadrants and both extreme ratios.
 */
import { describe, expect, it } from 'vitest';
import { atan2, hypot, normalCdf, normalPdf, normalQuantile, pow } from '../../src/math/index';
import { big, exact, generator, ulpDistance, ulpError, UNARY_VS_MATH } from './helpers';

type Unary = (x: number) => number;
type Binary = (x: number, y: number) => number;

/** Inputs for each one-argument function: [label, how many, generator of one input]. */
function unaryInputs(name: string, seed: number): number[] {
  const g = generator(seed);
  const xs: number[] = [];
  const add = (n: number, f: () => number) => {
    for (let i = 0; i < n; i++) xs.push(f());
  };
  const sign = () => (g.unit() < 0.5 ? -1 : 1);
  switch (name) {
    case 'exp':
    case 'expm1':
      add(20_000, () => g.uniform(-745.2, 709.79));
      add(10_000, () => g.uniform(-2, 2));
      add(5_000, () => sign() * g.logUniform(-1074, -1)); // tiny, down to subnormal
      add(2_000, () => g.uniform(-745.2, -700)); // subnormal results
      add(2_000, () => g.uniform(700, 709.782712893384)); // near overflow
      add(1_000, () => g.uniform(-60, -30)); // expm1's "-1" threshold
      break;
    case 'log':
    case 'log2':
    case 'log10':
      add(20_000, () => g.anyPositive()); // every exponent, subnormals included
      add(10_000, () => g.uniform(0.5, 2));
      add(5_000, () => 1 + sign() * g.logUniform(-52, -1)); // near 1
      add(2_000, () => g.subnormal());
      add(2_000, () => g.uniform(1e-3, 1e3));
      break;
    case 'log1p':
      add(20_000, () => g.uniform(-1, 1));
      add(10_000, () => g.anyPositive());
      add(5_000, () => sign() * g.logUniform(-1074, -1)); // tiny of both signs
      add(2_000, () => -1 + g.logUniform(-53, -1)); // near -1
      add(2_000, () => g.uniform(1, 1e6));
      break;
    case 'sin':
    case 'cos':
    case 'tan':
      add(10_000, () => g.uniform(-10, 10));
      add(5_000, () => nearMultipleOfPiOver2(g.uniform(-1e5, 1e5), Math.round(g.uniform(-4, 4))));
      add(5_000, () => g.uniform(-1e6, 1e6)); // both sides of 2^19 pi/2, where Payne–Hanek takes over
      add(5_000, () => sign() * g.logUniform(20, 1024)); // Payne–Hanek, up to the largest double
      add(3_000, () => sign() * g.logUniform(-1074, -1)); // tiny
      add(2_000, () => sign() * g.anyPositive());
      break;
    case 'asin':
    case 'acos':
      add(20_000, () => g.uniform(-1, 1));
      add(5_000, () => sign() * (1 - g.logUniform(-53, -1))); // near ±1
      add(5_000, () => sign() * g.logUniform(-1074, -1)); // tiny
      add(2_000, () => sign() * g.uniform(0.45, 0.55)); // the switch at 1/2
      add(2_000, () => sign() * g.uniform(0.96, 0.99)); // the switch at 0.975
      break;
    case 'atan':
      add(20_000, () => g.uniform(-10, 10));
      add(10_000, () => sign() * g.anyPositive());
      add(5_000, () => sign() * g.logUniform(-1074, -1));
      add(5_000, () => sign() * (Math.floor(g.uniform(7, 40)) / 16) * (1 + g.uniform(-1e-6, 1e-6))); // the reduction's switches, k/16
      add(2_000, () => sign() * g.logUniform(60, 70)); // around 2^66
      break;
    case 'phi':
      add(10_000, () => g.uniform(-10, 10));
      add(5_000, () => g.uniform(-38.5, -5)); // the lower tail, down to the smallest subnormal
      add(3_000, () => g.uniform(5, 9)); // the upper tail, where 1 - tail rounds
      add(2_000, () => sign() * g.uniform(0.6, 0.75)); // Cody's switch at 0.67448975
      add(2_000, () => sign() * g.uniform(5.5, 5.8)); // Cody's switch at sqrt(32)
      add(1_000, () => sign() * g.logUniform(-1074, -1));
      break;
    case 'probit':
      add(10_000, () => g.unit());
      add(5_000, () => g.logUniform(-1074, -1)); // the lower tail, subnormals included
      add(3_000, () => 1 - g.logUniform(-53, -1)); // the upper tail
      add(2_000, () => g.uniform(0.07, 0.08)); // Wichura's switch at |p - 1/2| = 0.425
      add(2_000, () => Math.exp(-g.uniform(20, 30))); // Wichura's switch at sqrt(-log p) = 5
      break;
  }
  return xs;
}

/** The double nearest k pi/2, moved by `ulps` units in the last place: where sin, cos or tan reduction cancels most. */
function nearMultipleOfPiOver2(k: number, ulps: number): number {
  const x = Math.round(k) * (Math.PI / 2);
  return x + ulps * Math.abs(x) * Number.EPSILON * 0.5;
}

/** [x, y] pairs for each two-argument function (atan2's are [y, x], its own order). */
function binaryInputs(name: string, seed: number): Array<[number, number]> {
  const g = generator(seed);
  const out: Array<[number, number]> = [];
  const add = (n: number, f: () => [number, number]) => {
    for (let i = 0; i < n; i++) out.push(f());
  };
  const sign = () => (g.unit() < 0.5 ? -1 : 1);
  switch (name) {
    case 'pow':
      powInputs(g, add);
      break;
    case 'atan2':
      add(10_000, () => [g.uniform(-10, 10), g.uniform(-10, 10)]); // all four quadrants
      add(10_000, () => [sign() * g.anyPositive(), sign() * g.anyPositive()]);
      add(3_000, () => {
        const x = sign() * g.logUniform(-500, 500);
        return [x * sign() * g.logUniform(50, 70), x]; // |y/x| around 2^60
      });
      add(3_000, () => {
        const x = sign() * g.logUniform(-500, 500);
        return [x * sign() * g.logUniform(-70, -50), x]; // |y/x| around 2^-60
      });
      add(2_000, () => [sign() * g.logUniform(-1074, -1), sign() * g.uniform(0.5, 2)]); // tiny y
      add(1_000, () => [g.uniform(-10, 10), 1]); // x = 1 is atan(y)
      break;
    case 'hypot':
      add(10_000, () => [g.uniform(-10, 10), g.uniform(-10, 10)]);
      add(10_000, () => [sign() * g.anyPositive(), sign() * g.anyPositive()]);
      add(3_000, () => [g.logUniform(1000, 1024), g.logUniform(1000, 1024)]); // near overflow
      add(3_000, () => [g.subnormal(), g.subnormal()]); // underflow
      add(2_000, () => {
        const a = g.logUniform(-600, 600);
        return [a, a * g.logUniform(-64, -56)]; // ratio around 2^60
      });
      add(2_000, () => {
        const a = g.logUniform(-10, 10);
        return [a, a * g.uniform(0.45, 0.55)]; // a near 2b, where the method switches
      });
      break;
  }
  return out;
}

/** pow's [x, y] pairs. */
function powInputs(g: ReturnType<typeof generator>, add: (n: number, f: () => [number, number]) => void): void {
  add(10_000, () => [g.uniform(0, 10), g.uniform(-50, 50)]);
  add(10_000, () => {
    const x = g.anyPositive();
    const lx = Math.log2(x);
    return [x, g.uniform(-1, 1) * (1100 / Math.max(1, Math.abs(lx)))]; // results spanning the whole range, near over/underflow
  });
  add(5_000, () => [-g.uniform(0, 10), Math.round(g.uniform(-300, 300))]); // negative base, integer exponent
  add(5_000, () => [Math.round(g.uniform(-40, 40)), Math.round(g.uniform(0, 40))]); // integers
  add(3_000, () => [1 + (g.unit() < 0.5 ? -1 : 1) * g.logUniform(-52, -20), g.uniform(-1, 1) * 2 ** g.uniform(20, 64)]); // x near 1, |y| huge
  add(2_000, () => [g.subnormal(), g.uniform(-1, 1)]);
  add(2_000, () => [g.uniform(0, 2), g.uniform(-1, 1) * g.logUniform(-60, 0)]); // y near 0
  add(2_000, () => [g.uniform(0, 1e3), 1 / Math.round(g.uniform(1, 20))]); // roots
}

const MAX = Number.MAX_VALUE;
const PI = Math.PI;
const TRIG_EDGES = [
  0, -0, 5e-324, -5e-324, 1e-300, 7.450580596923828e-9, 3.725290298461914e-9, 0.5, 0.6743354797363281, 0.7853981633974483,
  0.7853981633974484, 1, PI / 2, -PI / 2, 2.356194490192345, 2.3561935424804688, PI, -PI, 3 * PI / 2, 2 * PI, 31 * PI / 2,
  32 * PI / 2, 33 * PI / 2, 1000 * PI / 2, 524288 * PI / 2, 823549.6645826427, 823550, 1e6, 1e22, 2 ** 52, 2 ** 53 + 2,
  5.319372648326541e255, 1e300, MAX, -MAX,
];
/** Points every function is checked at against the exact value; 5.319372648326541e255 = 6381956970095103 * 2^797 is the double closest to a multiple of pi/2. */
const EDGES: Record<string, number[]> = {
  sin: TRIG_EDGES,
  cos: TRIG_EDGES,
  tan: TRIG_EDGES,
  asin: [0, -0, 5e-324, 7.450580596923828e-9, 6.938893903907228e-18, 0.1, 0.5, -0.5, 0.49999999999999994, 0.5000000000000001, 0.9749999046325684, 0.975, -0.975, 0.9999999999999999, -0.9999999999999999, 1, -1, 1 - 2 ** -30, -1 + 2 ** -30, -0.7],
  acos: [0, -0, 5e-324, 7.450580596923828e-9, 6.938893903907228e-18, 0.1, 0.5, -0.5, 0.49999999999999994, 0.5000000000000001, 0.9749999046325684, 0.975, -0.975, 0.9999999999999999, -0.9999999999999999, 1, -1, 1 - 2 ** -30, -1 + 2 ** -30, -0.7],
  atan: [0, -0, 5e-324, 1e-300, 7.450580596923828e-9, 0.4375, 0.43749999999999994, 0.5, 0.6875, 1, -1, 1.1875, 1.5, 2.4375, 2.4374999999999996, 10, 2 ** 66, 2 ** 66 * 0.9999999999999999, 1e300, MAX, -MAX],
  phi: [0, -0, 1e-300, 0.67448975, -0.67448975, 0.6744897500000001, -0.6744897500000001, 5.656854249492381, -5.656854249492381, 5.656854249492382, -5.656854249492382, -1, 1, 2, -10, 8, 8.3, 10, -37.5, -38.4, -38.5],
  probit: [0.5, 0.075, 0.925, 0.07499999999999999, 0.3, 0.7, 0.025, 0.975, 1e-10, 1 - 1e-10, 1.3887943864964021e-11, 1e-300, 2 ** -1022, 5e-324, 0.9999999999999999, 0.49999999999999994, 0.5000000000000001, 1e-20, 0.1, 0.9],
};
const PAIR_EDGES: Record<string, Array<[number, number]>> = {
  pow: [[2, 0.5], [10, -2], [0.5, 1074], [1.0000000000000002, 2 ** 52], [7, 1 / 3], [1e300, 0.999], [5e-324, 0.5], [-3, 5], [2.5, -7.25], [1e10, 0.1], [0.37, 1 / 3], [3, 20], [10, 22], [2, -1074], [MAX, 0.5], [1e-300, -1], [0.999, 1e15], [1.5, 1750], [9, -0.5], [1e-10, 30]],
  atan2: [[1, 1], [1, -1], [-1, -1], [-1, 1], [3, -4], [-3, -4], [0, -1], [-0, -1], [0.5, 1], [1e300, 1e-10], [1e-300, -1], [-1e-300, -1], [1, 1e20], [5e-324, 1], [-5e-324, -1], [1, 5e-324], [MAX, MAX], [MAX, -MAX], [-MAX, 1], [2 ** 60, 1], [1, -(2 ** 60)]],
  hypot: [[3, 4], [-3, -4], [0, 0], [-0, 5], [1, 1], [MAX, MAX], [MAX / 2, MAX / 2], [1e308, 1e308], [5e-324, 5e-324], [1e-310, 1e-310], [2 ** -1022, 2 ** -1022], [3e-320, 4e-320], [1, 2 ** -30], [1, 2 ** -61], [1e200, 1e180], [1e-200, 1e-180], [2, 1.0000000000000002], [2, 0.9999999999999999], [1.5e300, 1e300], [MAX, 1]],
};

/** Largest allowed distance from the engine's Math.* (see the file comment for log10 and hypot). */
const VS_ENGINE: Record<string, number> = { exp: 1, expm1: 1, log: 1, log1p: 1, log2: 1, log10: 2, sin: 1, cos: 1, tan: 1, asin: 1, acos: 1, atan: 1, pow: 1, atan2: 2, hypot: 2 };

const UNARY = UNARY_VS_MATH;
const BINARY: Array<[string, Binary, Binary]> = [
  ['pow', pow, Math.pow],
  ['atan2', atan2, Math.atan2],
  ['hypot', hypot, Math.hypot],
];
/**
 * Largest error against the exact value, in ulps: < 1 ulp, except for the normal functions
 * (Cody's and Wichura's rational approximations, about 1e-15 relative, unchanged from the
 * distributions so that their seeded output stays the same). Their bounds are the largest
 * errors measured with mpmath (60 digits) over 300,000 inputs of phi on [-38.5, 9] (4.84 ulp)
 * and 30,000 of probit spread over (0, 1) and down to 1e-300 (6.16 ulp), rounded up.
 */
const BOUND: Record<string, number> = { phi: 5, probit: 7 };
const NORMAL: Array<[string, Unary]> = [
  ['phi', normalCdf],
  ['probit', normalQuantile],
];

describe('src/math against the engine\'s Math.*: within 1 ulp (log10, hypot: 2) on every generated input', () => {
  const report = (name: string, identical: number, total: number) =>
    console.log(`[math] ${name}: ${identical}/${total} bit-identical to this engine's Math.${name}, none more than ${VS_ENGINE[name]} ulp apart`);

  UNARY.forEach(([name, ours, theirs], index) => {
    it(name, () => {
      const xs = [...EDGES[name] ?? [], ...unaryInputs(name, 1000 + index)];
      let identical = 0;
      const bad: string[] = [];
      for (const x of xs) {
        const d = ulpDistance(ours(x), theirs(x));
        if (d === 0) identical++;
        if (d > VS_ENGINE[name] && bad.length < 5) bad.push(`${name}(${x}) = ${ours(x)}, Math.${name} gives ${theirs(x)}`);
      }
      report(name, identical, xs.length);
      expect(bad).toEqual([]);
    });
  });

  BINARY.forEach(([name, ours, theirs], index) => {
    it(name, () => {
      const pairs = [...PAIR_EDGES[name], ...binaryInputs(name, 2000 + index)];
      let identical = 0;
      const bad: string[] = [];
      for (const [x, y] of pairs) {
        const d = ulpDistance(ours(x, y), theirs(x, y));
        if (d === 0) identical++;
        if (d > VS_ENGINE[name] && bad.length < 5) bad.push(`${name}(${x}, ${y}) = ${ours(x, y)}, Math.${name} gives ${theirs(x, y)}`);
      }
      report(name, identical, pairs.length);
      expect(bad).toEqual([]);
    });
  });
});

describe('src/math against exact values (60 digits): error below 1 ulp (phi, probit: their own bound)', () => {
  /** Largest error over the inputs, printed, and checked against the function's bound. */
  const worstOf = <T,>(name: string, inputs: readonly T[], error: (input: T) => number, show: (input: T) => string) => {
    let worst = 0;
    let worstAt = 'no input';
    for (const input of inputs) {
      const e = error(input);
      if (e > worst) {
        worst = e;
        worstAt = show(input);
      }
    }
    console.log(`[math] ${name}: max error ${worst.toFixed(3)} ulp over ${inputs.length} inputs (at ${worstAt})`);
    expect(worst).toBeLessThan(BOUND[name] ?? 1);
  };
  const fmt = (x: number) => (Object.is(x, -0) ? '-0' : String(x));
  // The edge points, and every 10th generated input (20th for pow and probit): decimal.js is slow.
  const sample = <T,>(name: string, edges: readonly T[], generated: readonly T[]) => {
    const every = name === 'pow' || name === 'probit' ? 20 : 10;
    return [...edges, ...generated.filter((_, i) => i % every === 0)];
  };

  UNARY.forEach(([name, ours], index) => {
    it(name, () => {
      const reference = exact[name as keyof typeof exact] as (x: number) => Parameters<typeof ulpError>[1];
      worstOf(name, sample(name, EDGES[name] ?? [], unaryInputs(name, 1000 + index)), (x) => ulpError(ours(x), reference(x)), (x) => `x = ${fmt(x)}`);
    });
  });

  NORMAL.forEach(([name, ours], index) => {
    it(name, () => {
      const reference = (x: number) => (name === 'probit' ? exact.probit(x, ours(x)) : exact.phi(x));
      worstOf(name, sample(name, EDGES[name], unaryInputs(name, 1100 + index)), (x) => ulpError(ours(x), reference(x)), (x) => `x = ${fmt(x)}`);
    });
  });

  /**
   * φ(x) = c·exp(−x²/2) is not held to an ulp bound: x² rounds once (relative 2⁻⁵³), and exp
   * turns that into a relative error x²/2 times as large. With c's rounding, exp's (< 1 ulp,
   * 2⁻⁵²) and the product's, the relative error is below (4 + x²/2)·2⁻⁵³. Down to |x| = 37,
   * where φ is still a normal double (about 5e-298).
   */
  it('pdf: relative error below (4 + x²/2)·2⁻⁵³', () => {
    const g = generator(1300);
    const xs = [0, -0, 1e-300, 0.5, -1, 1.25, -2, 3, 7.5, -20, 37, -37, ...Array.from({ length: 1_000 }, () => g.uniform(-37, 37))];
    let [worst, worstAt] = [0, 0];
    for (const x of xs) {
      const reference = exact.pdf(x);
      const relative = big(normalPdf(x)).minus(reference).abs().div(reference).toNumber() / ((4 + (x * x) / 2) * 2 ** -53);
      expect(relative, `pdf(${x}) = ${normalPdf(x)}, exact ${reference.toString()}`).toBeLessThan(1);
      if (relative > worst) [worst, worstAt] = [relative, x];
    }
    console.log(`[math] pdf: largest error ${worst.toFixed(3)} of the bound over ${xs.length} inputs (at x = ${worstAt})`);
  });

  BINARY.forEach(([name, ours], index) => {
    it(name, () => {
      const reference = exact[name as 'pow' | 'atan2' | 'hypot'];
      worstOf(name, sample(name, PAIR_EDGES[name], binaryInputs(name, 2000 + index)), ([x, y]) => ulpError(ours(x, y), reference(x, y)), ([x, y]) => `${fmt(x)}, ${fmt(y)}`);
    });
  });
});
