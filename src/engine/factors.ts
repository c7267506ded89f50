/**
 * How a model's factors are drawn: one unit per independent factor, drawn by its distribution
 * from a stream keyed by the factor's name, and one unit per group of correlated factors, drawn
 * through a Gaussian copula from a stream keyed by the group. Every place that samples factors
 * (runs, paired what-ifs, the Sobol design) goes through these units, so the stream rule lives
 * here once.
 */
import type { Distribution } from '../distributions/types';
import { fillNormals } from '../distributions/variates';
import { normalCdf } from '../math/normal';
import type { CorrelationGroup } from '../model/correlations';
import type { RandomStream } from '../rng';

/** One independently drawn piece of the model: a factor, or a group of correlated factors. */
export interface FactorUnit {
  /** The key of the unit's random stream: the factor's name, or the group's key. */
  readonly key: string;
  /** The factor indices it fills, in the model's factor order. */
  readonly members: readonly number[];
  /** Fills `out[j][0..n)` for each member j with n trials' values, drawing only from `stream`. */
  draw(stream: RandomStream, out: readonly Float64Array[], n: number): void;
}

// The copula's uniforms stay within [2⁻⁵³, 1 − 2⁻⁵³], the range of the uniforms a factor's own
// sampler uses: Φ(x) rounds to 1 above x ≈ 8.3, where a quantile function returns the end of
// the support (+Infinity for an unbounded factor), and far in the lower tail a heavy-tailed
// quantile (a t with small df) would leave the ±1e100 its validation guarantees. The clamp moves
// at most 2⁻⁵³ of probability per tail, far below what any run can resolve.
const U_MIN = 2 ** -53;
const U_MAX = 1 - 2 ** -53;

/** The copula's uniform for a correlated normal score x: Φ(x), kept within [2⁻⁵³, 1 − 2⁻⁵³]. */
export function copulaUniform(x: number): number {
  const u = normalCdf(x);
  return u > U_MAX ? U_MAX : u < U_MIN ? U_MIN : u;
}

/** A group's draw: k standard normals per trial (trial by trial, so a shorter batch draws a prefix), correlated by L, through Φ and each member's quantile. */
function copulaUnit(group: CorrelationGroup, members: readonly number[], distributions: readonly Distribution[], batchSize: number): FactorUnit {
  const k = members.length;
  const l = Float64Array.from(group.cholesky);
  const marginals = members.map((f) => distributions[f]);
  const z = new Float64Array(batchSize * k);
  return {
    key: group.key,
    members,
    draw(stream, out, n) {
      fillNormals(stream, 0, 1, z, n * k);
      for (let i = 0; i < n; i++) {
        const row = i * k;
        for (let r = 0; r < k; r++) {
          let x = 0;
          for (let c = 0; c <= r; c++) x += l[r * k + c] * z[row + c];
          out[r][i] = marginals[r].quantile(copulaUniform(x));
        }
      }
    },
  };
}

/**
 * The sampling units of a model, in the order of their first factor. Factors outside every
 * group keep the stream they always had, so adding a correlation changes no other factor's draws.
 */
export function factorUnits(names: readonly string[], distributions: readonly Distribution[], groups: readonly CorrelationGroup[], batchSize: number): FactorUnit[] {
  const index = new Map(names.slice(0, distributions.length).map((n, f) => [n, f]));
  const grouped = new Map<number, FactorUnit>();
  for (const group of groups) {
    const members = group.members.map((name) => index.get(name));
    // A group whose factors a pruned plan left out entirely is not drawn at all.
    if (members.every((f) => f === undefined)) continue;
    if (members.some((f) => f === undefined)) throw new Error(`correlation group ${group.key} is only partly in the model`);
    const unit = copulaUnit(group, members as number[], distributions, batchSize);
    for (const f of unit.members) grouped.set(f, unit);
  }
  const units: FactorUnit[] = [];
  distributions.forEach((dist, f) => {
    const unit = grouped.get(f);
    if (unit) {
      if (unit.members[0] === f) units.push(unit);
      return;
    }
    units.push({ key: names[f], members: [f], draw: (stream, out, n) => dist.sample(stream, out[0], n) });
  });
  return units;
}
