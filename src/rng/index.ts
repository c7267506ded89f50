/**
 * Seeded random streams. This is the only module that imports seedrandom: everything else
 * receives a {@link RandomStream} and draws only from it.
 */
import tychei from 'seedrandom/lib/tychei.js';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * A source of uniform random numbers. Every sampler takes one explicitly; library code never
 * touches `Math.random`.
 */
export interface RandomStream {
  /** Uniform on [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform strictly inside (0, 1) with 53 bits of resolution: safe to pass to a logarithm. */
  double(): number;
}

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
  return new TycheiStream(tychei(key, { state: true }).state());
}

/**
 * Tyche-i stepped in a small monomorphic class. seedrandom only seeds it: its own generator
 * object is too large for V8 to inline into the samplers' loops, which boxed every draw (about
 * 490 bytes of garbage per trial). Same recurrence and same `double()` as seedrandom's
 * `tychei`, so every draw is bit-identical to it (tests/rng checks).
 */
class TycheiStream implements RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: { a: number; b: number; c: number; d: number }) {
    this.a = state.a;
    this.b = state.b;
    this.c = state.c;
    this.d = state.d;
  }

  private int32(): number {
    let { a, b, c, d } = this;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    this.b = b = (b << 20) ^ (b >>> 12) ^ c;
    this.c = c = (c - d) | 0;
    this.d = (d << 16) ^ (c >>> 16) ^ a;
    return (this.a = (a - b) | 0);
  }

  next(): number {
    return (this.int32() >>> 0) / 0x100000000;
  }

  double(): number {
    let result: number;
    do {
      const top = this.int32() >>> 11;
      const bottom = (this.int32() >>> 0) / 0x100000000;
      result = (top + bottom) / (1 << 21);
    } while (result === 0);
    return result;
  }
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
