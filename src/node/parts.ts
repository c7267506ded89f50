/**
 * What merging any part documents checks, for runs (shard.ts) and analyses (analysisShard.ts):
 * that everything deciding the numbers agrees with the first part, and that every shard is
 * there exactly once. Each problem is one issue whose path is the part's name.
 */
import { ScenarioError, type ValidationIssue } from '../issues';
import { canonicalJson } from '../model/canonical';
import { CHUNK_SIZE } from '../engine/chunk';
import type { Shard } from '../engine/driver';
import { RNG_ALGORITHM } from '../rng';
import { VERSION } from '../version';

/**
 * Refuses what a shard cannot honour: a half-width stop (decided on every chunk in order, which no
 * shard sees) and no seed (each shard would make up its own, and the parts could never merge).
 *
 * @throws {ScenarioError} `invalid-option` at `halfWidth` or at `seed`.
 */
export function requireShardable(what: 'run' | 'report' | 'analysis', options: { readonly seed?: unknown; readonly halfWidth?: unknown }): void {
  if (options.halfWidth !== undefined) {
    throw new ScenarioError([{ code: 'invalid-option', path: 'halfWidth', message: `a sharded ${what} needs a fixed number of trials: a half-width stopping rule must see every chunk in order` }]);
  }
  if (options.seed === undefined) {
    throw new ScenarioError([{ code: 'invalid-option', path: 'seed', message: `a sharded ${what} needs a seed: every shard must draw the same trials, and a seed made up per shard never merges` }]);
  }
}

/**
 * The parts as documents of their kind, checked by `shapeProblem` (why a value is not one, or undefined).
 *
 * @throws {ScenarioError} `no-parts` for none, `not-a-part` for each value that is not one.
 */
export function requireParts<D>(parts: readonly unknown[], names: readonly string[], shapeProblem: (part: unknown) => string | undefined): readonly D[] {
  if (parts.length === 0) throw new ScenarioError([{ code: 'no-parts', path: '', message: 'no part documents to merge' }]);
  const problems: ValidationIssue[] = [];
  parts.forEach((p, i) => {
    const why = shapeProblem(p);
    if (why) problems.push({ code: 'not-a-part', path: names[i], message: why });
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return parts as readonly D[];
}

/** One thing parts must agree on: how it is named in messages, and where a part keeps it. */
export type Agreement<D> = readonly [what: string, key: (part: D) => unknown];

/**
 * @param describe - how a message shows a part's value of `what`, e.g. `"12" vs "11"` (optional)
 * @throws {ScenarioError} `parts-differ` for every part that differs from the first, on the first thing that differs.
 */
export function requireAgreement<D>(docs: readonly D[], names: readonly string[], agree: ReadonlyArray<Agreement<D>>, describe?: (what: string, part: D) => string): void {
  for (const [what, key] of agree) {
    const expected = canonicalJson(key(docs[0]));
    const problems: ValidationIssue[] = [];
    docs.forEach((d, i) => {
      if (i > 0 && canonicalJson(key(d)) !== expected) {
        problems.push({ code: 'parts-differ', path: names[i], message: `is of a different ${what} than ${names[0]}${describe ? `: ${describe(what, d)} vs ${describe(what, docs[0])}` : ''}` });
      }
    });
    if (problems.length > 0) throw new ScenarioError(problems);
  }
}

/** @throws {ScenarioError} `shard-repeated` and `shard-missing` unless shards 1..n each come once. */
export function requireEveryShard(docs: ReadonlyArray<{ readonly shard: Shard }>, names: readonly string[]): void {
  const n = docs[0].shard.n;
  const problems: ValidationIssue[] = [];
  const seen = new Map<number, number>();
  docs.forEach((d, i) => {
    const earlier = seen.get(d.shard.k);
    if (earlier !== undefined) problems.push({ code: 'shard-repeated', path: names[i], message: `repeats shard ${d.shard.k}/${n} (also in ${names[earlier]})` });
    else seen.set(d.shard.k, i);
  });
  for (let k = 1; k <= n; k++) if (!seen.has(k)) problems.push({ code: 'shard-missing', path: '', message: `shard ${k}/${n} is missing (run it with --shard ${k}/${n})` });
  if (problems.length > 0) throw new ScenarioError(problems);
}

/** What made a part: parts of different versions, generators or chunk sizes never merge. */
export interface PartEngine {
  readonly version: string;
  readonly rngAlgorithm: string;
  readonly chunkSize: number;
}

/** This library as a part's maker. */
export function partEngine(): PartEngine {
  return { version: VERSION, rngAlgorithm: RNG_ALGORITHM, chunkSize: CHUNK_SIZE };
}
