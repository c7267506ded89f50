import tychei from 'seedrandom/lib/tychei.js';
import { describe, expect, it } from 'vitest';
import { createStream, fromKey, streamKey } from '../../src/rng';

describe('streams', () => {
  it('draw exactly what seedrandom’s tychei draws from the same key', () => {
    // The engine steps Tyche-i itself for speed; seedrandom's implementation is the reference.
    for (const key of [streamKey('42', 0, 'x'), streamKey('seed', 7, 'rokMediation'), 'short']) {
      const ours = fromKey(key);
      const reference = tychei(key);
      for (let i = 0; i < 10_000; i++) {
        expect(ours.double()).toBe(reference.double());
        expect(ours.next()).toBe(reference());
      }
    }
  });

  it('are keyed by the whole tuple, so near-identical tuples give unrelated streams', () => {
    // ("a1", 2) and ("a", 12) would collide under string concatenation.
    expect(streamKey('a1', 2, 'x')).not.toBe(streamKey('a', 12, 'x'));
    expect(createStream('1', 0, 'x').double()).not.toBe(createStream('1', 1, 'x').double());
    expect(createStream('1', 0, 'x').double()).toBe(createStream('1', 0, 'x').double());
  });

  it('draw doubles strictly inside (0, 1) with 53-bit resolution', () => {
    const s = createStream('resolution', 0, 'x');
    let fineBits = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = s.double();
      expect(u > 0 && u < 1).toBe(true);
      // A 32-bit draw is a multiple of 2^-32; a 53-bit one almost never is.
      if ((u * 2 ** 32) % 1 !== 0) fineBits++;
    }
    expect(fineBits).toBeGreaterThan(99_990);
  });
});
