/**
 * The ziggurat and Marsaglia–Tsang on chosen draws: each path of each algorithm (the fast
 * rectangle, the tail, a wedge accepted and rejected, the squeeze, the logarithm test, a
 * rejected v ≤ 0, the boost for shapes below 1) driven by a scripted stream, against the value
 * the published algorithm gives, computed here from its definition with Math.log and Math.exp.
 *
 * The tables are rebuilt from the paper's constants (Marsaglia & Tsang 2000, 128 layers:
 * R = 3.442619855899, V = 9.91256303526217e-3) by its recurrence, independently of the
 * library's deterministic exp and log; the two agree to a few ulps, hence the 1e-13 relative
 * tolerance. The draws are chosen well away from every accept/reject boundary, so that
 * difference cannot change a decision. Then Marsaglia–Tsang's log-free bracket against the
 * logarithm test (a grid, random points, points within ulps of the boundary), the second
 * squeeze (it may only accept what the logarithm test accepts, down to the edge of what it
 * accepts), and the column kernels against these one-variate functions, draw for draw. Statistical checks (KS, moments,
 * tail shapes) are in sampling.test.ts and shapes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  acceptsGammaPoint,
  belowQuarticBound,
  fillGammaRatios,
  fillNormals,
  gammaConstants,
  gammaMT,
  gammaPointBracket,
  logGammaVariate,
  standardNormal,
} from '../../src/distributions/variates';
import { createStream, RandomStream } from '../../src/rng';
import { exp, log } from '../../src/math';
import { relativeError } from '../helpers/numbers';
import { scripted } from './helpers';
import { nextDown } from '../../src/distributions/roots';

const R = 3.442619855899;
const V = 9.91256303526217e-3;
const f = (x: number) => Math.exp(-0.5 * x * x);

/** x[i], the right edge of layer i (x[0] = V/f(R), x[1] = R, x[128] = 0), by the paper's recurrence. */
const X = (() => {
  const x = new Array<number>(129).fill(0);
  x[0] = V / f(R);
  x[1] = R;
  for (let i = 2; i < 128; i++) x[i] = Math.sqrt(-2 * Math.log(V / x[i - 1] + f(x[i - 1])));
  return x;
})();

/** The fraction of layer i lying wholly under the curve. */
const ratio = (i: number) => X[i + 1] / X[i];

/**
 * The draw that selects layer `layer` (bit 7 the sign) at position u within it: (j + u)/256.
 * The algorithm reads 45 bits of position, so u must have no more for the draw to be exact.
 */
function at(layer: number, u: number): number {
  if (q45(u) !== u) throw new Error(`position ${u} has more than 45 bits`);
  return (layer + u) / 256;
}

/** u rounded down to 45 bits. */
const q45 = (u: number) => Math.floor(u * 2 ** 45) / 2 ** 45;

function expectClose(got: number, want: number, what: string): void {
  expect(relativeError(got, want), `${what}: ${got} vs ${want}`).toBeLessThan(1e-13);
}

describe('ziggurat on scripted draws', () => {
  it('the tables: layer 127 ends near 0.27 and layer 1 sits under the curve for 93.6% of its width', () => {
    // Sanity of the rebuilt tables themselves: every layer has area V, so x[127] is small
    // and the edges decrease.
    for (let i = 1; i < 128; i++) expect(X[i + 1]).toBeLessThan(X[i]);
    expect(X[127]).toBeGreaterThan(0.2);
    expect(X[127]).toBeLessThan(0.3);
    // To 3 decimals: a sanity check that the rebuilt table is the paper's (x[2]/x[1] = 3.2230/3.4426), not a reference.
    expect(ratio(1)).toBeCloseTo(0.936, 3);
  });

  it('the fast path: u·x[i] with the sign from bit 7, one draw, for a layer near each end and the middle', () => {
    // Not layer 127: x[128] = 0, so the top layer is all wedge (its ratio is 0).
    for (const i of [1, 2, 64, 126]) {
      for (const sign of [1, -1]) {
        const u = q45(0.5 * ratio(i));
        const s = scripted([at(sign < 0 ? 128 + i : i, u)]);
        expectClose(standardNormal(s), sign * u * X[i], `layer ${i}, sign ${sign}`);
        expect(s.left()).toBe(0);
      }
    }
  });

  it('the base layer inside its rectangle: u·V/f(R), which may exceed R', () => {
    // Layer 0's rectangle is V/f(R) wide and wholly inside the base strip (under f up to R, the tail beyond).
    for (const u of [q45(0.1), q45(0.9 * ratio(0))]) expectClose(standardNormal(scripted([at(0, u)])), u * X[0], `base at ${u}`);
    expect(X[0] * 0.9 * ratio(0)).toBeLessThan(R);
  });

  it("the tail beyond R: Marsaglia's exponential method, R − ln(u1)/R, accepted when −2 ln u2 ≥ x², else two more draws", () => {
    const beyond = q45(0.99); // past layer 0's rectangle (ratio(0) ≈ 0.927)
    expect(beyond).toBeGreaterThan(ratio(0));
    // Accepted at once: x = ln 0.5/R ≈ −0.201, x² ≈ 0.0405 ≤ −2 ln 0.976 ≈ 0.0486, but not
    // −1.5 ln 0.976 ≈ 0.0364: the factor 2 is tested, not only the direction.
    const once = scripted([at(0, beyond), 0.5, 0.976]);
    expectClose(standardNormal(once), R - Math.log(0.5) / R, 'tail, accepted');
    expect(once.left()).toBe(0);
    // Negative, rejected first (−2 ln 0.99 ≈ 0.0201 < 0.0405), then accepted with u1 = 0.25.
    const twice = scripted([at(128, beyond), 0.5, 0.99, 0.25, 0.5]);
    expectClose(standardNormal(twice), -(R - Math.log(0.25) / R), 'tail, rejected once');
    expect(twice.left()).toBe(0);
  });

  it('a wedge: the point x = u·x[i] beyond the rectangle is kept when f(x[i]) + w·(f(x[i+1]) − f(x[i])) < f(x)', () => {
    // Layer i spans heights f(x[i]) .. f(x[i+1]); a uniform height w inside that band is under
    // the curve (kept) or above it (redrawn).
    const i = 40;
    const u = q45(ratio(i) + 0.5 * (1 - ratio(i)));
    const x = u * X[i];
    const under = (w: number) => f(X[i]) + w * (f(X[i + 1]) - f(X[i])) < f(x);
    // The height fraction where the band crosses the curve, and draws far on each side of it.
    const cross = (f(x) - f(X[i])) / (f(X[i + 1]) - f(X[i]));
    expect(cross).toBeGreaterThan(0.05);
    expect(cross).toBeLessThan(0.95);
    const keep = cross / 2;
    const redraw = (1 + cross) / 2;
    expect([under(keep), under(redraw)]).toEqual([true, false]);
    // In the code's orientation the uniform measures from the top of the band: w = 1 − draw.
    const kept = scripted([at(i, u), 1 - keep]);
    expectClose(standardNormal(kept), x, 'wedge, kept');
    expect(kept.left()).toBe(0);
    const keptNegative = scripted([at(128 + i, u), 1 - keep]);
    expectClose(standardNormal(keptNegative), -x, 'wedge, kept, negative');
    // Redrawn: the next draw starts over, here on a fast path of layer 3.
    const again = scripted([at(i, u), 1 - redraw, at(3, 0.25)]);
    expectClose(standardNormal(again), 0.25 * X[3], 'wedge, redrawn');
    expect(again.left()).toBe(0);
    // Redrawn into another miss: the loop goes round with the new layer (the tail here).
    const round = scripted([at(i, u), 1 - redraw, at(0, q45(0.99)), 0.5, 0.9]);
    expectClose(standardNormal(round), R - Math.log(0.5) / R, 'wedge, redrawn into the tail');
  });

  it('the top layer is all wedge (x[128] = 0): any position goes to the wedge test, kept or redrawn', () => {
    const u = q45(0.5);
    const x = u * X[127];
    // The band spans f(x[127]) .. f(0) = 1; where it crosses the curve, and draws on each side.
    const cross = (f(x) - f(X[127])) / (1 - f(X[127]));
    expect(cross).toBeGreaterThan(0.05);
    expect(cross).toBeLessThan(0.95);
    const kept = scripted([at(127, u), 1 - cross / 2]);
    expectClose(standardNormal(kept), x, 'top layer, kept');
    expect(kept.left()).toBe(0);
    const again = scripted([at(255, u), 1 - (1 + cross) / 2, at(3, 0.25)]);
    expectClose(standardNormal(again), 0.25 * X[3], 'top layer, redrawn');
    expect(again.left()).toBe(0);
    // Even a position next to 0 takes the wedge test's second draw (kept: f(x) is within 4e-12 of 1).
    const small = q45(1e-5);
    const nearZero = scripted([at(127, small), 0.5]);
    expectClose(standardNormal(nearZero), small * X[127], 'top layer, near 0');
    expect(nearZero.left()).toBe(0);
  });
});

describe('Marsaglia–Tsang on scripted draws', () => {
  /** A draw whose fast-path normal is about z (|z| < x[1]·ratio(1) ≈ 3.22), through layer 1, and that normal. */
  const position = (z: number) => q45(Math.abs(z) / X[1]);
  const normalDraw = (z: number) => at(z < 0 ? 129 : 1, position(z));
  const normal = (z: number) => Math.sign(z) * position(z) * X[1];

  it('the squeeze: u < 1 − 0.0331x⁴ accepts d·(1 + c·x)³ with two draws', () => {
    for (const shape of [1, 2.5, 30]) {
      const { d, c } = gammaConstants(shape);
      expect(d).toBe(shape - 1 / 3);
      expectClose(c, 1 / Math.sqrt(9 * d), `c for ${shape}`);
      for (const z of [0.3, -0.7, 1.5]) {
        const s = scripted([normalDraw(z), 0.5]);
        expectClose(gammaMT(s, d, c), d * (1 + c * normal(z)) ** 3, `shape ${shape}, z ${z}`);
        expect(s.left()).toBe(0);
      }
    }
  });

  it('past the squeeze, the logarithm test ln u < x²/2 + d(1 − v + ln v) decides, else two more draws', () => {
    const { d, c } = gammaConstants(2);
    const z = normal(1.5);
    const v = (1 + c * z) ** 3;
    const threshold = Math.exp(0.5 * z * z + d * (1 - v + Math.log(v)));
    const squeeze = 1 - 0.0331 * z ** 4;
    // Both draws fail the squeeze; one is well below the logarithm test's threshold, one above.
    const accepted = (squeeze + threshold) / 2;
    const rejected = (threshold + 1) / 2;
    expect(squeeze).toBeLessThan(threshold - 0.05);
    expect(threshold).toBeLessThan(0.99);
    expectClose(gammaMT(scripted([normalDraw(1.5), accepted]), d, c), d * v, 'log test accepts');
    const s = scripted([normalDraw(1.5), rejected, normalDraw(-0.4), 0.5]);
    expectClose(gammaMT(s, d, c), d * (1 + c * normal(-0.4)) ** 3, 'log test rejects, then the squeeze accepts');
    expect(s.left()).toBe(0);
  });

  it('a normal with 1 + c·x <= 0 is redrawn without drawing u', () => {
    const { d, c } = gammaConstants(1);
    expect(1 + c * normal(-3)).toBeLessThan(0); // 1 − 3/√6 < 0
    const s = scripted([normalDraw(-3), normalDraw(0.2), 0.5]);
    expectClose(gammaMT(s, d, c), d * (1 + c * normal(0.2)) ** 3, 'redrawn');
    expect(s.left()).toBe(0);
  });

  it('shapes below 1: ln Γ(a + 1) + ln(U)/a, the boost, one more draw; shapes from 1: ln of the plain variate', () => {
    const boosted = gammaConstants(0.4);
    expect([boosted.boosted, boosted.invShape]).toEqual([true, 2.5]);
    expectClose(boosted.d, 1.4 - 1 / 3, 'd of the boosted shape');
    const s = scripted([normalDraw(0.3), 0.5, 0.2]);
    const g = boosted.d * (1 + boosted.c * normal(0.3)) ** 3;
    expectClose(logGammaVariate(s, boosted), Math.log(g) + Math.log(0.2) / 0.4, 'boosted');
    expect(s.left()).toBe(0);
    const plain = gammaConstants(1);
    expect(plain.boosted).toBe(false);
    const t = scripted([normalDraw(0.3), 0.5]);
    expectClose(logGammaVariate(t, plain), Math.log(plain.d * (1 + plain.c * normal(0.3)) ** 3), 'plain');
    expect(t.left()).toBe(0);
  });
});

describe("Marsaglia–Tsang's log-free bracket on a grid", () => {
  // Where the bracket answers, it must be the logarithm test's answer (computed here with
  // Math.log; grid points lie nowhere near the boundary's rounding), and it must answer for
  // nearly all of them, or it saves nothing. Random and boundary points: the next block.
  it.each([1, 2, 8])('shape %d: every point that fails the squeeze, x from −2.5 to 3, u in 20 steps up to 1', (shape) => {
    const { d, c } = gammaConstants(shape);
    let failed = 0;
    let decided = 0;
    for (let x = -2.5; x <= 3; x += 0.25) {
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const x2 = x * x;
      const squeeze = 1 - 0.0331 * x2 * x2;
      for (let k = 0; k < 20; k++) {
        const u = Math.max(squeeze, 0) + ((k + 0.5) / 20) * (1 - Math.max(squeeze, 0));
        const accepts = Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v));
        failed++;
        const known = gammaPointBracket(u, x2, v0, v, d);
        if (known !== -1) {
          decided++;
          expect(known, `x ${x}, u ${u}`).toBe(accepts ? 1 : 0);
        }
        expect(acceptsGammaPoint(u, x2, v0, v, d), `x ${x}, u ${u}`).toBe(accepts);
      }
    }
    // Measured: 95% of them at shape 1, 95.7% at 2, all at 8.
    expect(decided / failed).toBeGreaterThan(0.9);
  });
});

/** Marsaglia–Tsang's logarithm test as the library computes it: log(u) < x²/2 + d(1 − v + log v). */
const plainTest = (u: number, x2: number, v: number, d: number) => log(u) < 0.5 * x2 + d * (1 - v + log(v));

/** Marsaglia–Tsang's point from a normal and, when v0 > 0, a uniform drawn from `stream`; undefined when v0 <= 0 (the algorithm draws again). */
function gammaPoint(stream: RandomStream, c: number): { x: number; v0: number; v: number; x2: number; u: number } | undefined {
  const x = standardNormal(stream);
  const v0 = 1 + c * x;
  if (v0 <= 0) return undefined;
  return { x, v0, v: v0 * v0 * v0, x2: x * x, u: stream.double() };
}

describe("Marsaglia–Tsang's log-free bracket decides exactly as the logarithm test", () => {
  // The bracket may only answer where the plain floating-point test
  // log(u) < x²/2 + d(1 − v + log v) certainly agrees; elsewhere it must say "undecided" (-1).

  it.each([1, 1.3, 2, 5, 8, 60, 5000])('shape %d: 40,000 random points and 42,000 points within 10 ulps of the boundary', (shape) => {
    const { d, c } = gammaConstants(shape);
    const stream = createStream('mt-bracket', 0, String(shape));
    let decided = 0;
    let squeezeFailed = 0;
    let boundaryDecided = 0;
    for (let i = 0; i < 40_000; i++) {
      const point = gammaPoint(stream, c);
      if (point === undefined) continue;
      const { x, v0, v, x2, u } = point;
      const known = gammaPointBracket(u, x2, v0, v, d);
      if (known !== -1) {
        if ((known === 1) !== plainTest(u, x2, v, d)) expect.fail(`shape ${shape}, x ${x}, u ${u}: bracket ${known}`);
        if (u >= 1 - 0.0331 * x2 * x2) decided++;
      }
      if (u >= 1 - 0.0331 * x2 * x2) squeezeFailed++;
      if (i % 20 === 0) {
        // Points within a few units in the last place of the boundary u* = exp(T), both sides.
        const uStar = exp(0.5 * x2 + d * (1 - v + log(v)));
        for (let k = -10; k <= 10; k++) {
          const ub = uStar + k * Number.EPSILON * uStar;
          if (!(ub > 0 && ub < 1)) continue;
          // Whether the bracket answers or not, the whole test gives the logarithm's answer.
          if (acceptsGammaPoint(ub, x2, v0, v, d) !== plainTest(ub, x2, v, d)) expect.fail(`boundary, shape ${shape}, x ${x}, u ${ub}: acceptsGammaPoint`);
          const b = gammaPointBracket(ub, x2, v0, v, d);
          if (b === -1) continue;
          boundaryDecided++;
          if ((b === 1) !== plainTest(ub, x2, v, d)) expect.fail(`boundary, shape ${shape}, x ${x}, u ${ub}: bracket ${b}`);
        }
      }
    }
    // It must be worth having: nearly every point the squeeze leaves is settled without a
    // logarithm (98.7% at shape 1, where the bracket is widest; all of them from shape 8 up).
    expect(decided / squeezeFailed).toBeGreaterThan(0.97);
    // The boundary points are too close for it: it must leave (nearly) all of them to the logarithm.
    expect(boundaryDecided).toBeLessThan(10); // measured: 0 at every shape here
  });
});

describe("the second squeeze accepts only points the logarithm test accepts", () => {
  // belowQuarticBound may say "accept" only where the plain floating-point test does; it says
  // nothing about rejection (false sends the point on to the bracket). Checked on random points
  // and on the largest u it accepts for each point's x (found by bisection), where it is
  // closest to the boundary, with the ten doubles below that u.

  /** The largest u in (0, 1) that belowQuarticBound accepts for (v0, d); 0 when it accepts none. */
  function quarticEdge(v0: number, d: number): number {
    if (!belowQuarticBound(Number.MIN_VALUE, v0, d)) return 0;
    let lo = Number.MIN_VALUE;
    let hi = 1;
    for (;;) {
      const mid = lo + (hi - lo) / 2;
      if (mid === lo || mid === hi) return lo;
      if (belowQuarticBound(mid, v0, d)) lo = mid;
      else hi = mid;
    }
  }

  it.each([
    [1, 0.2],
    [1.3, 0.3],
    [2, 0.5],
    [5, 0.85],
    [8, 0.9],
    [60, 0.98],
    [5000, 0.99],
    [1e6, 0.99],
  ])('shape %d: 40,000 random points and 22,000 at the edge of what it accepts; it settles over %d of the first squeeze\'s failures', (shape, share) => {
    const { d, c } = gammaConstants(shape);
    const stream = createStream('mt-quartic', 0, String(shape));
    let squeezeFailed = 0;
    let settled = 0;
    let edges = 0;
    for (let i = 0; i < 40_000; i++) {
      const point = gammaPoint(stream, c);
      if (point === undefined) continue;
      const { x, v0, v, x2, u } = point;
      const accepted = belowQuarticBound(u, v0, d);
      if (accepted && !plainTest(u, x2, v, d)) expect.fail(`shape ${shape}, x ${x}, u ${u}: accepted, the logarithm test rejects`);
      if (u >= 1 - 0.0331 * x2 * x2) {
        squeezeFailed++;
        if (accepted) settled++;
      }
      if (i % 20 === 0) {
        let ub = quarticEdge(v0, d);
        if (ub === 0) continue;
        edges++;
        for (let k = 0; k <= 10 && ub > 0; k++, ub = nextDown(ub)) {
          if (!plainTest(ub, x2, v, d)) expect.fail(`edge, shape ${shape}, x ${x}, u ${ub}: accepted, the logarithm test rejects`);
        }
      }
    }
    expect(edges).toBeGreaterThan(1_500); // most points lie where the bound is proven (v0 in [1/2, 2])
    // Worth having where the first squeeze is loose: measured 0.25 at shape 1 (where the first
    // squeeze is nearly tight), 0.38 at 1.3, 0.59 at 2, 0.90 at 5, 0.95 at 8, 0.995 at 60, all at
    // 5000 and 1e6. At 1e6 the rounding of the test is largest (x²/2 and d(1 − v) in the thousands):
    // it is there that a margin ε too small for large d shows.
    expect(settled / squeezeFailed).toBeGreaterThan(share);
  });

  it('says nothing outside v0 in [1/2, 2], where its bound is not proven', () => {
    const { d } = gammaConstants(1); // the smallest d, where 1 − A stays above 0 up to v0 = 2
    expect([0.5, 1, 2].map((v0) => belowQuarticBound(1e-300, v0, d))).toEqual([true, true, true]);
    expect([nextDown(0.5), -nextDown(-2), 0.1, 3].map((v0) => belowQuarticBound(1e-300, v0, d))).toEqual([false, false, false, false]);
  });
});

describe('batch kernels draw exactly what the one-variate samplers draw', () => {
  // The column kernels step the generator state in local variables for speed; the one-variate
  // functions are the reference. Same values in the same order, and the stream left at the same
  // position (its next draw agrees), over enough draws to pass through every slow path many
  // times: the ziggurat's tail and wedges (about 1.2% of normals) and Marsaglia–Tsang's log
  // test (about 10% of gamma points). Sized to stay light under mutation testing, where these
  // are the tests that reach the kernels (docs/mutation-testing.md).
  it('fillNormals(mean, sd) = mean + sd · (n calls of standardNormal)', () => {
    const n = 50_000;
    const kernel = createStream('kernel', 0, 'z');
    const reference = createStream('kernel', 0, 'z');
    const out = new Float64Array(n);
    fillNormals(kernel, -1.5, 0.7, out, n);
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(reference);
      if (out[i] !== -1.5 + 0.7 * z) expect.fail(`normal ${i}: kernel ${out[i]} vs ${-1.5 + 0.7 * z}`);
      if (Math.abs(z) > 3.442619855899) tail++;
    }
    expect(tail).toBeGreaterThan(10); // expected 2Φ(−R)·n ≈ 29
    expect(kernel.double()).toBe(reference.double());
  });

  it('a draw whose top 21 bits are all 0 is a small uniform to both kernels, not one to draw again', () => {
    // The kernels read the layer and position off the draw's integer words and redraw only when
    // both words are 0 (r = 0), as double() does. Such draws come once in 2^21: find one.
    const scan = createStream('kernel', 2, 'top-zero');
    let before = Int32Array.from(scan.state);
    let r = scan.double();
    while (r >= 2 ** -21) {
      before = Int32Array.from(scan.state);
      r = scan.double();
    }
    expect(r).toBeGreaterThan(0);
    const at = () => new RandomStream(Int32Array.from(before));
    const normals = at();
    const reference = at();
    const out = new Float64Array(1);
    fillNormals(normals, 0, 1, out, 1);
    expect(out[0]).toBe(standardNormal(reference));
    expect(normals.double()).toBe(reference.double());
    const { d, c } = gammaConstants(2);
    const ratios = at();
    const gammas = at();
    fillGammaRatios(ratios, d, c, d, c, 0, 1, out, 1);
    const x = gammaMT(gammas, d, c);
    expect(out[0]).toBe(x / (x + gammaMT(gammas, d, c)));
    expect(ratios.double()).toBe(gammas.double());
  });

  // The last row is long for a reason: Marsaglia–Tsang's uniform only decides acceptance, so a
  // kernel whose uniform were wrong in its low bits would differ only for points within about
  // 2⁻²⁰ of the squeeze's or the test's boundary, about one gamma point in a million.
  it.each([
    [1, 4, 10_000],
    [8, 2, 10_000],
    [1, 1, 10_000],
    [2.5, 60, 10_000],
    [2, 2, 1_000_000],
  ])('fillGammaRatios(%d, %d) = lo + width·X/(X+Y) from two gammaMT calls per trial, %d trials', (alpha, beta, n) => {
    const [lo, width] = [-3, 7];
    const ka = gammaConstants(alpha);
    const kb = gammaConstants(beta);
    const kernel = createStream('kernel', 1, `beta-${alpha}-${beta}`);
    const reference = createStream('kernel', 1, `beta-${alpha}-${beta}`);
    const out = new Float64Array(n);
    fillGammaRatios(kernel, ka.d, ka.c, kb.d, kb.c, lo, width, out, n);
    for (let i = 0; i < n; i++) {
      const x = gammaMT(reference, ka.d, ka.c);
      const y = gammaMT(reference, kb.d, kb.c);
      const expected = lo + width * (x / (x + y));
      if (out[i] !== expected) expect.fail(`trial ${i}: kernel ${out[i]} vs ${expected}`);
    }
    expect(kernel.double()).toBe(reference.double());
  });
});
