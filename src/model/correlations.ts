/**
 * Rank correlations between factors, applied with a Gaussian copula: each connected group of
 * correlated factors draws one vector of standard normals per trial from a stream keyed by the
 * group, correlates it with the Cholesky factor of the normal correlation matrix, and turns each
 * coordinate into its factor's value through the factor's own quantile function. Every factor
 * therefore keeps its distribution exactly, and changing one member's distribution changes no
 * other member's values.
 */
import { joinPath, type ValidationIssue } from '../issues';
import { sin } from '../math/trig';
import type { Correlation } from './types';

/** Most pairs a scenario may list (groups are factored once per run, at O(k³)). */
export const MAX_CORRELATIONS = 500;

/**
 * A connected group of correlated factors as a run needs it: plain data, so that it travels to
 * worker threads and shard processes with the rest of the run plan.
 */
export interface CorrelationGroup {
  /** The key of the group's random stream, e.g. `corr(a,b)`; never a factor name (those are identifiers). */
  readonly key: string;
  /** The members in the scenario's factor order. */
  readonly members: readonly string[];
  /** Lower-triangular Cholesky factor L of the normal correlation matrix, row-major k×k (L·Lᵀ = R). */
  readonly cholesky: readonly number[];
}

/**
 * The normal (Pearson) correlation that gives a Spearman rank correlation `rank` between two
 * normals, and hence between any two continuous marginals of a Gaussian copula:
 * ρ = 2·sin(π·r/6) (Pearson, 1907; Kruskal, 1958).
 */
export function normalCorrelation(rank: number): number {
  return 2 * sin((Math.PI * rank) / 6);
}

/** The canonical name of a pair, whichever order it was written in. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * The Cholesky factor of a symmetric k×k matrix (row-major), or the index of the first pivot
 * that is not positive: the matrix is then not positive definite.
 */
export function cholesky(matrix: readonly number[], k: number): { factor: number[] } | { failedAt: number } {
  const l = new Array<number>(k * k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = matrix[i * k + j];
      for (let m = 0; m < j; m++) s -= l[i * k + m] * l[j * k + m];
      if (i === j) {
        // A pivot this small means a correlation of ±1 in effect: the copula would divide by ~0.
        if (!(s > 1e-12)) return { failedAt: i };
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  return { factor: l };
}

function formatRank(r: number): string {
  return r < 0 ? `−${-r}` : String(r);
}

/**
 * Checks the scenario's `correlations` against its factors and groups them. Every pair must
 * name two different factors, once; each group's matrix must be positive definite. A group with
 * a problem is reported, never repaired.
 *
 * @param factorOrder - the names of the scenario's factors, in written order.
 */
export function correlationGroups(correlations: readonly Correlation[], factorOrder: readonly string[], otherNames: ReadonlyMap<string, string>, issues: ValidationIssue[]): CorrelationGroup[] {
  const position = new Map(factorOrder.map((n, i) => [n, i]));
  const seen = new Map<string, number>();
  const usable: Array<{ a: string; b: string; rank: number; index: number }> = [];
  correlations.forEach((c, index) => {
    const path = joinPath('correlations', index);
    let ok = true;
    c.factors.forEach((name, j) => {
      if (position.has(name)) return;
      ok = false;
      const section = otherNames.get(name);
      const message = section
        ? `"${name}" is ${section === 'params' ? 'a param' : `declared in ${section}`}, not a factor: only factors (uncertain quantities) can be correlated`
        : `no factor named "${name}" (factors: ${factorOrder.join(', ') || 'none'})`;
      issues.push({ code: 'unknown-factor', path: joinPath(path, 'factors', j), message });
    });
    if (!ok) return;
    const [a, b] = c.factors;
    if (a === b) {
      issues.push({ code: 'correlation-self', path: joinPath(path, 'factors'), message: `a factor cannot be correlated with itself ("${a}")` });
      return;
    }
    const key = pairKey(a, b);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({ code: 'correlation-duplicate', path, message: `the pair ${a}–${b} is already given at correlations.${earlier}` });
      return;
    }
    seen.set(key, index);
    usable.push({ a, b, rank: c.rank, index });
  });

  // Connected components by union–find, each listed in factor order.
  const parent = factorOrder.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (const { a, b } of usable) parent[root(position.get(a)!)] = root(position.get(b)!);
  const byRoot = new Map<number, string[]>();
  for (const { a, b } of usable) {
    for (const name of [a, b]) {
      const r = root(position.get(name)!);
      const members = byRoot.get(r) ?? [];
      if (!members.includes(name)) members.push(name);
      byRoot.set(r, members);
    }
  }
  const groups: CorrelationGroup[] = [];
  for (const unsorted of byRoot.values()) {
    const members = [...unsorted].sort((x, y) => position.get(x)! - position.get(y)!);
    const k = members.length;
    const at = new Map(members.map((n, i) => [n, i]));
    const matrix = new Array<number>(k * k).fill(0);
    for (let i = 0; i < k; i++) matrix[i * k + i] = 1;
    const pairs = usable.filter((p) => at.has(p.a));
    for (const { a, b, rank } of pairs) {
      const rho = normalCorrelation(rank);
      matrix[at.get(a)! * k + at.get(b)!] = rho;
      matrix[at.get(b)! * k + at.get(a)!] = rho;
    }
    const found = cholesky(matrix, k);
    if ('failedAt' in found) {
      issues.push({
        code: 'correlation-not-positive-definite',
        path: joinPath('correlations', pairs[0].index),
        message:
          `the rank correlations of the group {${members.join(', ')}} cannot all hold at once: their normal correlations (ρ = 2·sin(π·r/6)) ` +
          `form a matrix that is not positive definite. Pairs: ${pairs.map((p) => `${p.a}–${p.b} ${formatRank(p.rank)} (correlations.${p.index})`).join(', ')}; weaken one of them`,
      });
      continue;
    }
    groups.push({ key: `corr(${members.join(',')})`, members, cholesky: found.factor });
  }
  return groups.sort((x, y) => position.get(x.members[0])! - position.get(y.members[0])!);
}
