/**
 * The run's bookkeeping (src/engine/driver.ts) against answers worked out by brute force: which
 * chunks a run or a shard computes and how many trials each has, when a run may be folded, and
 * how the cooperative loop lets the event loop in. The executors are tested in tests/parallel.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, totalsReducer } from '../../src/engine/chunk';
import { runPlanData } from '../../src/engine/columns';
import { chunkAt, chunkRange, RunState, runInSlices, shardTrials } from '../../src/engine/driver';
import { setupSimulation } from '../../src/engine/setup';
import { reductionTrials, type Stage } from '../../src/engine/reduce';
import { runInThread, simulateSync } from '../../src/engine/simulate';
import type { Scenario } from '../../src/model/types';

/** Chunk k of a run of `trials` trials covers trials [k·CHUNK_SIZE, min((k + 1)·CHUNK_SIZE, trials)): by enumeration. */
function bruteChunks(trials: number, shard?: { k: number; n: number }): Array<{ index: number; count: number }> {
  const out: Array<{ index: number; count: number }> = [];
  for (let index = 0; index * CHUNK_SIZE < trials; index++) {
    if (shard && index % shard.n !== shard.k - 1) continue;
    out.push({ index, count: Math.min(CHUNK_SIZE, trials - index * CHUNK_SIZE) });
  }
  return out;
}

const TRIALS = [1, 9_999, 10_000, 10_001, 30_000, 123_457, 1_000_000];

describe('the chunks of a run and of its shards', () => {
  it('a whole run: chunks 0, 1, … in order, the last one short, together every trial once', () => {
    for (const trials of TRIALS) {
      const range = chunkRange(trials);
      const chunks = Array.from({ length: range.limit }, (_, p) => chunkAt(range, p));
      expect(chunks, `${trials} trials`).toEqual(bruteChunks(trials));
    }
  });

  it('shard k of n: every n-th chunk from k − 1, its trials counted exactly, the shards together the whole run', () => {
    for (const trials of TRIALS) {
      for (const n of [1, 2, 3, 7]) {
        let sum = 0;
        for (let k = 1; k <= n; k++) {
          const range = chunkRange(trials, { k, n });
          const chunks = Array.from({ length: range.limit }, (_, p) => chunkAt(range, p));
          expect(chunks, `${trials} trials, shard ${k}/${n}`).toEqual(bruteChunks(trials, { k, n }));
          const mine = chunks.reduce((s, c) => s + c.count, 0);
          expect(shardTrials(trials, { k, n }), `${trials} trials, shard ${k}/${n}`).toBe(mine);
          sum += mine;
        }
        expect(sum).toBe(trials);
      }
    }
  });
});

const coin: Scenario = { id: 'coin', title: 'Coin', factors: { c: { dist: 'bernoulli', p: 0.5 } }, events: { heads: 'c' } };

describe('RunState', () => {
  it('hands out its chunks once each, then none', () => {
    const state = new RunState(setupSimulation(coin, { seed: 1, trials: 25_000 }), {}, { k: 2, n: 2 });
    expect([state.nextChunk(), state.nextChunk()]).toEqual([{ index: 1, count: 10_000 }, undefined]);
    expect(state.target).toBe(10_000);
  });

  it('may be folded only when nothing reads it chunk by chunk: no progress callback, no half-width rule', () => {
    const sim = (options: object) => setupSimulation(coin, { seed: 1, ...options });
    expect(new RunState(sim({ trials: 50_000 }), {}).foldable).toBe(true);
    expect(new RunState(sim({ trials: 50_000 }), { onProgress: () => undefined }).foldable).toBe(false);
    expect(new RunState(sim({ halfWidth: 0.01 }), {}).foldable).toBe(false);
    expect(new RunState(sim({ trials: 50_000 }), {}).completed).toBe('trials');
    expect(new RunState(sim({ halfWidth: 0.01 }), {}).completed).toBe('maxTrials');
  });

  it('with a progress callback and a fixed number of trials: reports every chunk and stops at the target, not before', () => {
    const seen: number[] = [];
    const before = performance.now();
    const r = simulateSync(coin, { seed: 1, trials: 25_000, onProgress: (p) => seen.push(p.trials) });
    const wall = performance.now() - before;
    expect(seen).toEqual([10_000, 20_000, 25_000]);
    expect(r.stoppedBecause).toBe('trials');
    // Elapsed time is the run's own, within the wall time around the call.
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(r.elapsedMs).toBeLessThanOrEqual(wall);
  });

  it('takes totals folded elsewhere: the same result as merging each chunk', () => {
    const options = { seed: 'fold', trials: 35_000 };
    const sim = setupSimulation(coin, options);
    const folder = totalsReducer.fold!({ plan: runPlanData(sim.prepared.plan), seed: sim.settings.seed, batchSize: sim.settings.batchSize });
    // Two "threads": chunks 0 and 2 in one, 1 and 3 in the other, merged in the reverse order.
    const other = totalsReducer.fold!({ plan: runPlanData(sim.prepared.plan), seed: sim.settings.seed, batchSize: sim.settings.batchSize });
    const state = new RunState(sim, {});
    [0, 2].forEach((p) => folder.add(chunkAt(state.range, p)));
    [1, 3].forEach((p) => other.add(chunkAt(state.range, p)));
    state.addFolded(other.take());
    state.addFolded(folder.take());
    const { elapsedMs: _a, ...folded } = state.finish(state.completed);
    const { elapsedMs: _b, ...reference } = simulateSync(coin, options);
    expect(folded).toEqual(reference);
  });

  it('refuses a shard of a run without a fixed number of trials', () => {
    expect(() => new RunState(setupSimulation(coin, { seed: 1, halfWidth: 0.01 }), {}, { k: 1, n: 2 })).toThrow('RunState: a shard needs a fixed number of trials');
  });

  it('on abort with nothing merged, throws the reason (or says it was aborted); with something merged, stops as aborted', () => {
    const state = new RunState(setupSimulation(coin, { seed: 1, trials: 50_000 }), {});
    const reason = new Error('stop');
    expect(() => state.abort(AbortSignal.abort(reason))).toThrow(reason);
    const noReason = { aborted: true, reason: undefined } as unknown as AbortSignal;
    expect(() => state.abort(noReason)).toThrow('aborted');
    state.totals.trials = 10_000;
    expect(state.abort(AbortSignal.abort(reason))).toBe('aborted');
  });
});

describe('runInSlices', () => {
  it('runs every step, calling beforeEach before each and each on every value, and returns the end value', async () => {
    const seen: string[] = [];
    const steps = (function* () {
      yield 1;
      yield 2;
      return 'end';
    })();
    const result = await runInSlices(
      steps,
      (v) => seen.push(`value ${v}`),
      () => seen.push('before'),
    );
    expect(result).toBe('end');
    expect(seen).toEqual(['before', 'value 1', 'before', 'value 2', 'before']);
  });

  it('lets the event loop in during a long run (every 25 ms), and not at all in a short one', async () => {
    const run = (ms: number) => {
      let ticked = false;
      setImmediate(() => (ticked = true));
      const start = performance.now();
      const steps = (function* () {
        while (performance.now() - start < ms) yield;
      })();
      return runInSlices(steps).then(() => ticked);
    };
    expect(await run(200), 'a 200 ms run').toBe(true);
    expect(await run(0), 'a run of no steps').toBe(false);
  });
});

describe('runInThread', () => {
  const long: Scenario = { id: 'long', title: 'A run of many chunks', factors: { x: { dist: 'beta', alpha: 2, beta: 5 } }, events: { e: 'x' } };

  it('with a budget, stops between two chunks once it is spent, having computed at least the first chunk', async () => {
    const state = new RunState(setupSimulation(long, { seed: 'budget', trials: 5 * CHUNK_SIZE }), {});
    expect(await runInThread(state, undefined, -1)).toBeUndefined();
    expect(state.totals.trials).toBe(CHUNK_SIZE);
    // The run goes on from the same state, to the same numbers as one uninterrupted run.
    expect(await runInThread(state, undefined)).toBe('trials');
    expect(state.finish('trials').events).toEqual(simulateSync(long, { seed: 'budget', trials: 5 * CHUNK_SIZE }).events);
    // A budget the run does not spend: it ends as an unbudgeted run does. (Five chunks take a few
    // milliseconds; the budget is the time since this process started, hundreds at least.)
    const unspent = new RunState(setupSimulation(long, { seed: 'budget', trials: 5 * CHUNK_SIZE }), {});
    expect(await runInThread(unspent, undefined, performance.now())).toBe('trials');
  });

  it('lets the event loop in during a long run', async () => {
    const state = new RunState(setupSimulation(long, { seed: 'slices', trials: 400 * CHUNK_SIZE }), {});
    let ticked = false;
    setImmediate(() => (ticked = true));
    const run = runInThread(state, undefined);
    expect(ticked).toBe(false);
    expect(await run).toBe('trials');
    // 4,000,000 trials take well over the 25 ms slice here (about 0.2 ms per chunk at best).
    expect(ticked).toBe(true);
  });
});

describe('reductionTrials', () => {
  it('counts the trials of every stage', () => {
    const stage = (trials: number): Stage => ({ kind: 'k', data: undefined, name: 's', trials, merge: () => {} });
    expect(reductionTrials({ stages: [stage(30_000), stage(1), stage(2_500)], finish: () => 0 })).toBe(32_501);
    expect(reductionTrials({ stages: [], finish: () => 0 })).toBe(0);
  });
});
