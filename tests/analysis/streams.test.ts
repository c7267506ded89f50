/**
 * Analysis streams (src/analysis/streams.ts) are keyed as documented: Tyche-i seeded with the
 * SHA-256 (hex) of the JSON array `["scenario-odds/analysis/v1", seed, chunk, node, role]`.
 * The reference builds the key with @noble/hashes and draws with seedrandom's own Tyche-i, so
 * a changed domain tag, element or order changes every Sobol design and bootstrap and fails here.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import tychei from 'seedrandom/lib/tychei.js';
import { describe, expect, it } from 'vitest';
import { analysisStream } from '../../src/analysis/streams';
import { createStream } from '../../src/rng';

const keyOf = (tuple: unknown[]) => bytesToHex(sha256(utf8ToBytes(JSON.stringify(tuple))));

describe('analysis streams', () => {
  it('draw what Tyche-i draws from the SHA-256 of ["scenario-odds/analysis/v1", seed, chunk, node, role]', () => {
    for (const [seed, chunk, node, role] of [['42', 0, 'x', 'sobol-B'], ['flagship', 7, 'summit', 'sobol-bootstrap']] as const) {
      const ours = analysisStream(seed, chunk, node, role);
      const reference = tychei(keyOf(['scenario-odds/analysis/v1', seed, chunk, node, role]));
      for (let i = 0; i < 1_000; i++) expect(ours.double()).toBe(reference.double());
    }
  });

  it('differ from the run\'s stream of the same seed, chunk and node, and between roles', () => {
    const first = (s: { double(): number }) => [s.double(), s.double()];
    const run = first(createStream('42', 3, 'x'));
    const b = first(analysisStream('42', 3, 'x', 'sobol-B'));
    const bootstrap = first(analysisStream('42', 3, 'x', 'sobol-bootstrap'));
    expect(b).not.toEqual(run);
    expect(bootstrap).not.toEqual(run);
    expect(bootstrap).not.toEqual(b);
  });
});
