/**
 * Seeded random streams. This is the only module that imports seedrandom: everything else
 * receives a {@link RandomStream} and draws only from it.
 */
import tychei from 'seedrandom/lib/tychei.js';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * The generator behind every stream, recorded in each result's manifest. Chosen by
 * `bench/rng.mjs` (see bench/README.md): Tyche-i passes BigCrush, showed no cross-stream or
 * lag correlation for SHA-256-keyed seeds, seeds 4x faster than xor4096 and ran an
 * engine-shaped workload in 0.72x xor4096's time. Its `double()` loops while the result is 0,
 * so draws are strictly inside (0, 1) with 53-bit resolution.
 */
export const RNG_ALGORITHM = 'seedrandom-tychei';

/** Version tag hashed into every stream key; changing it changes every seeded output. */
const STREAM_DOMAIN = 'scenario-odds/v1';

/**
 * The key of one stream: SHA-256 of the JSON array of the whole tuple, so that no two distinct
 * tuples can share a key by concatenation (`("a1", 2)` vs `("a", 12)`) and neighbouring chunk
 * indices give unrelated generator seeds.
 */
export function streamKey(seed: string, chunk: number, node: string): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify([STREAM_DOMAIN, seed, chunk, node]))));
}

/**
 * The stream for one node in one chunk of a run with the given seed.
 *
 * @example
 * ```ts
 * const s = createStream('42', 0, 'sanctionsBlocking');
 * const u = s.double(); // 0 < u < 1
 * ```
 */
export function createStream(seed: string, chunk: number, node: string): RandomStream {
  return fromKey(streamKey(seed, chunk, node));
}

/** A stream seeded directly by a key string (used by analyses that need auxiliary streams). */
export function fromKey(key: string): RandomStream {
  const { a, b, c, d } = tychei(key, { state: true }).state();
  return new RandomStream(Int32Array.of(a, b, c, d));
}

/**
 * A seeded source of uniform random numbers: Tyche-i, stepped by this class rather than by
 * seedrandom's generator object (too large for V8 to inline into the samplers' loops, it boxed
 * every draw). seedrandom only seeds it; the recurrence and `double()` are seedrandom's, so every
 * draw is bit-identical to `seedrandom.tychei(key)` (tests/rng checks). Every sampler takes one
 * explicitly; library code never touches `Math.random`. Create one with {@link createStream}.
 */
export class RandomStream {
  /**
   * The generator's four 32-bit words (a, b, c, d). The hottest samplers (`fillNormals` and
   * `fillGammaRatios` in src/distributions/variates.ts) read them into local variables, step them there
   * and write them back, which keeps the state in registers; everything else draws through the
   * methods.
   */
  readonly state: Int32Array;

  /** @param state - a Tyche-i state (a, b, c, d); the stream steps this array in place. */
  constructor(state: Int32Array) {
    this.state = state;
  }

  /** Uniform on [0, 1) with 32 bits of resolution: one generator step. */
  next(): number {
    const s = this.state;
    let a = s[0], b = s[1], c = s[2], d = s[3];
    b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
    s[0] = a; s[1] = b; s[2] = c; s[3] = d;
    return (a >>> 0) / 0x100000000;
  }

  /** Uniform strictly inside (0, 1) with 53 bits of resolution: safe to pass to a logarithm. */
  double(): number {
    return draw53(this.state);
  }
}

/**
 * One 53-bit uniform strictly inside (0, 1) from a Tyche-i state, stepped in place: two steps,
 * the top 21 bits of the first and all 32 of the second, retried while 0 (seedrandom's
 * `double()`). The state is read once and written once, which measured about 10% faster than
 * stepping the array twice when V8 inlines this into a sampler's loop.
 */
export function draw53(s: Int32Array): number {
  let a = s[0], b = s[1], c = s[2], d = s[3], r: number;
  do {
    b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
    const top = a >>> 11;
    b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
    r = (top + (a >>> 0) / 0x100000000) / 0x200000;
  } while (r === 0);
  s[0] = a; s[1] = b; s[2] = c; s[3] = d;
  return r;
}

/**
 * A fresh seed from the platform's cryptographic source (Web Crypto, in Node and browsers),
 * used when the caller gives none; the run records it so it can be reproduced.
 */
export function generateSeed(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}

/** SHA-256 of a UTF-8 string, as lowercase hex (scenario and result hashes). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
