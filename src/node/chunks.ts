/** Which chunks a shard computes, and the check of a shard's K/N, for runs, analyses and reports alike. */
import { CHUNK_SIZE } from '../engine/chunk';
import { chunkAt, chunkRange, type Shard } from '../engine/driver';
import { ScenarioError } from '../issues';

/** Chunk indices of shard k of n among `chunks` chunks: k-1, k-1+n, … (round-robin, so every shard gets as many, give or take one). */
export function shardChunks(chunks: number, shard: Shard): number[] {
  const range = chunkRange(chunks * CHUNK_SIZE, shard);
  return Array.from({ length: range.limit }, (_, p) => chunkAt(range, p).index);
}

/**
 * @param what - the work's chunks in words, e.g. `30,000 trials make only 3 chunks of 10,000`
 * @throws {ScenarioError} (`invalid-option` at `shard`) unless 1 <= k <= n <= chunks.
 */
export function checkShard(shard: Shard, chunks: number, what: string): void {
  const { k, n } = shard;
  const whole = (x: unknown) => typeof x === 'number' && Number.isInteger(x);
  let message: string | undefined;
  if (!whole(k) || !whole(n) || k < 1 || n < 1 || k > n) message = `must be k of n with 1 <= k <= n (got ${JSON.stringify(k)} of ${JSON.stringify(n)})`;
  else if (n > chunks) message = `${n} shards, but ${what}: use at most ${chunks} shard${chunks === 1 ? '' : 's'}`;
  if (message) throw new ScenarioError([{ code: 'invalid-option', path: 'shard', message }]);
}

/** `only 3 chunks of 10,000`: the end of a {@link checkShard} message. */
export function chunksInWords(chunks: number): string {
  return `only ${chunks} chunk${chunks === 1 ? '' : 's'} of ${CHUNK_SIZE.toLocaleString('en-US')}`;
}
