/**
 * Parallel runs on worker threads (issue 7): the same numbers as one thread for any number of
 * workers, threads always stopped (success, error, abort), abort within 100 ms.
 *
 * Build-independent: run from source, src/node/pool.ts starts src/node/worker.ts through tsx,
 * so these tests exercise the code in src/ (tests/parallel/build.test.ts covers dist/).
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NumericalError } from '../../src/engine/chunk';
import { simulateSync } from '../../src/engine/simulate';
import type { Progress, SimulationResult } from '../../src/engine/types';
import { ScenarioError } from '../../src/issues';
import type { Scenario } from '../../src/model/types';
import { compareVariantsSync } from '../../src/analysis/compare';
import { analyzeSensitivitySync } from '../../src/analysis/sensitivity';
import { attributeLogOddsSync } from '../../src/analysis/attribution';
import { updateOddsSync } from '../../src/analysis/evidence';
import { parseLedger } from '../../src/analysis/ledger';
import { analyzeSensitivity as sensitivityOnWorkers, attributeLogOdds as attributionOnWorkers, compareVariants as compareOnWorkers, updateOdds as updateOnWorkers } from '../../src/node/analyses';
import { MIN_CHUNKS_PER_WORKER, simulate, workerCount } from '../../src/node/parallel';
import { DONE } from '../../src/node/folding';
import { WorkerPool } from '../../src/node/pool';
import { correlatedFlagship, everyDistribution, flagship, numbers, rarelyNaN } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Spies on WorkerPool.terminate; `settled()` waits for every call's promise. */
function watchTerminate() {
  const spy = vi.spyOn(WorkerPool.prototype, 'terminate');
  return {
    spy,
    settled: () => Promise.all(spy.mock.results.map((r) => r.value as Promise<void>)),
  };
}

describe('simulate on worker threads gives the single-threaded numbers, bit for bit', () => {
  // 123,457 trials: 13 chunks, the last one short (3,457 trials), so chunks are spread unevenly.
  // The flagship's cases fix their as-of date: the references are drawn minutes before the last
  // comparison, and a default "today" could change in between.
  const asOf = '2026-12-04';
  const cases = [
    { name: 'every distribution', scenario: everyDistribution, options: { seed: 'par-1', trials: 123_457 } },
    { name: 'flagship (timeline, conditional events)', scenario: flagship, options: { seed: 2025, trials: 123_457, asOf } },
    { name: 'flagship with correlated factors and a mixture', scenario: correlatedFlagship, options: { seed: 'corr', trials: 123_457, asOf } },
    { name: 'flagship, variant and override', scenario: flagship, options: { seed: 'v', trials: 60_000, asOf, variant: 'as-published', params: { 'wDomestic.mean': -7 } } },
    // Stops by half-width after several chunks, so with 4 workers up to 7 chunks were in
    // flight past the stopping point.
    { name: 'every distribution, half-width stop', scenario: everyDistribution, options: { seed: 'hw', halfWidth: 0.003 } },
  ];
  const references = cases.map((c) => {
    const progress: Progress[] = [];
    const result = simulateSync(c.scenario, { ...c.options, onProgress: (p) => progress.push(p) });
    return { result, progress };
  });

  it('the half-width case stops by half-width after several chunks', () => {
    expect(references[4].result.stoppedBecause).toBe('halfWidth');
    expect(references[4].result.trials).toBeGreaterThan(50_000);
  });

  // One thread: `workers: 1` computes in this thread. Two to four: threads started once per
  // count and given to every case (starting threads from source costs about a second each).
  for (const workers of [1, 2, 3, 4]) {
    it(`${workers === 1 ? '1 worker (this thread)' : `${workers} worker threads`}: every case equals simulateSync, progress reports included`, async () => {
      const pool = workers > 1 ? new WorkerPool(workers) : undefined;
      try {
        for (const [i, c] of cases.entries()) {
          const progress: Progress[] = [];
          const r = await simulate(c.scenario, { ...c.options, workers, pool, onProgress: (p) => progress.push(p) });
          expect(r.manifest.resultsHash, c.name).toBe(references[i].result.manifest.resultsHash);
          expect(numbers(r), c.name).toEqual(numbers(references[i].result));
          expect(progress, `${c.name}: progress`).toEqual(references[i].progress);
          // Without progress, a fixed-trials run's threads fold their chunks themselves (folding.ts).
          const folded = await simulate(c.scenario, { ...c.options, workers, pool });
          expect(numbers(folded), `${c.name}: folded`).toEqual(numbers(references[i].result));
        }
      } finally {
        await pool?.terminate();
      }
    }, 120_000);
  }

  it('by default, a half-width run starts in this thread and moves to threads only if it takes a while: same numbers', async () => {
    const watch = watchTerminate();
    const quick = { seed: 'q', halfWidth: 0.01 };
    expect(numbers(await simulate(everyDistribution, quick))).toEqual(numbers(simulateSync(everyDistribution, quick)));
    expect(watch.spy, 'no thread started for a run done in a few chunks').not.toHaveBeenCalled();
    // Long enough to outlast the 200 ms probe: some chunks here, the rest on threads.
    const long = { seed: 'l', halfWidth: 0.0012 };
    const reference = simulateSync(flagship, long);
    expect(reference.trials).toBeGreaterThan(300_000);
    expect(numbers(await simulate(flagship, long))).toEqual(numbers(reference));
    expect(watch.spy).toHaveBeenCalledTimes(1);
    await watch.settled();
  }, 120_000);

  it('reuses a pool across runs and leaves its threads running until terminated', async () => {
    const pool = new WorkerPool(2);
    try {
      const a = await simulate(everyDistribution, { seed: 1, trials: 50_000, pool });
      const b = await simulate(flagship, { seed: 1, trials: 50_000, pool, params: { 'wPrice.mean': 0 } });
      expect(numbers(a)).toEqual(numbers(simulateSync(everyDistribution, { seed: 1, trials: 50_000 })));
      expect(numbers(b)).toEqual(numbers(simulateSync(flagship, { seed: 1, trials: 50_000, params: { 'wPrice.mean': 0 } })));
      expect(pool.running).toBe(2);
    } finally {
      await pool.terminate();
    }
    expect(pool.running).toBe(0);
  }, 60_000);
});

describe('worker threads are always stopped', () => {
  it('after a successful run (threads started for the call; same numbers)', async () => {
    const watch = watchTerminate();
    const r = await simulate(flagship, { seed: 4, trials: 45_000, workers: 3 });
    expect(numbers(r)).toEqual(numbers(simulateSync(flagship, { seed: 4, trials: 45_000 })));
    expect(watch.spy).toHaveBeenCalledTimes(1);
    await watch.settled();
  }, 60_000);

  it('when a chunk fails: the run fails with that NumericalError (the first failing chunk, as in one thread)', async () => {
    let expected: unknown;
    try {
      simulateSync(rarelyNaN, { seed: 3, trials: 1_000_000 });
    } catch (e) {
      expected = e;
    }
    expect(expected).toBeInstanceOf(NumericalError);
    // Not the first chunk, so other chunks were in flight on the other workers.
    expect((expected as NumericalError).firstTrial).toBeGreaterThan(10_000);

    const watch = watchTerminate();
    const failed = await simulate(rarelyNaN, { seed: 3, trials: 1_000_000, workers: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(NumericalError);
    expect((failed as NumericalError).message).toBe((expected as NumericalError).message);
    expect((failed as NumericalError).node).toBe('root');
    expect(watch.spy).toHaveBeenCalled();
    await watch.settled();

    // With a pool given, its threads are stopped too (it restarts them if used again).
    const pool = new WorkerPool(2);
    await expect(simulate(rarelyNaN, { seed: 3, trials: 1_000_000, pool })).rejects.toThrow((expected as Error).message);
    expect(pool.running).toBe(0);
    const again = await simulate(everyDistribution, { seed: 1, trials: 30_000, pool });
    expect(again.trials).toBe(30_000);
    await pool.terminate();
  }, 60_000);

  it('when a thread dies mid-run: the run fails with why (no hang), and the other threads are stopped', async () => {
    const pool = new WorkerPool(2);
    let killed = false;
    const run = simulate(flagship, {
      seed: 9,
      trials: 100_000_000,
      pool,
      onProgress: () => {
        if (killed) return;
        killed = true;
        // The pool's threads (private): as if one ran out of memory or was killed.
        const slots = (pool as unknown as { slots: Array<{ worker: { terminate(): Promise<number> } } | undefined> }).slots;
        void slots[0]!.worker.terminate();
      },
    });
    await expect(run).rejects.toThrow(/exit/i);
    expect(pool.running).toBe(0);
    const again = await simulate(everyDistribution, { seed: 1, trials: 30_000, pool });
    expect(again.trials).toBe(30_000);
    await pool.terminate();
  }, 60_000);

  it('on abort: the partial result comes back within 100 ms and every thread is stopped', async () => {
    const watch = watchTerminate();
    const pool = new WorkerPool(2);
    const controller = new AbortController();
    let firstChunk!: () => void;
    const started = new Promise<void>((resolve) => (firstChunk = resolve));
    const run = simulate(flagship, { seed: 9, trials: 100_000_000, pool, signal: controller.signal, onProgress: () => firstChunk() });
    await started;
    const t0 = performance.now();
    controller.abort();
    const r: SimulationResult = await run;
    const ms = performance.now() - t0;
    expect(ms, 'abort to result').toBeLessThan(100);
    expect(r.stoppedBecause).toBe('aborted');
    expect(r.trials % 10_000).toBe(0);
    expect(r.trials).toBeGreaterThan(0);
    expect(r.trials).toBeLessThan(100_000_000);
    expect(pool.running).toBe(0);
    expect(watch.spy).toHaveBeenCalledTimes(1);
    await watch.settled(); // the threads have exited
    // What was merged before the abort is exactly the same prefix of chunks as in one thread.
    expect(numbers(r).events).toEqual(simulateSync(flagship, { seed: 9, trials: r.trials }).events);
  }, 60_000);

  // With a progress callback chunks come back one by one; without, the threads fold them (folding.ts).
  it.each([
    ['chunk by chunk', () => undefined],
    ['folded', undefined],
  ])('on abort before any chunk finished (%s): rejects with the reason within 100 ms, threads stopped', async (_, onProgress) => {
    const watch = watchTerminate();
    const controller = new AbortController();
    const run = simulate(flagship, { seed: 9, trials: 10_000_000, workers: 2, signal: controller.signal, onProgress });
    const reason = new Error('stop now');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const t0 = performance.now();
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(watch.spy).toHaveBeenCalled();
    await watch.settled();
    // Already aborted: nothing starts.
    await expect(simulate(flagship, { seed: 9, workers: 2, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  }, 60_000);
});

describe('a run nobody watches chunk by chunk: threads fold their chunks themselves', () => {
  it('the calling thread gets one answer per thread, not one per chunk; the numbers are the same', async () => {
    const settle = vi.spyOn(WorkerPool.prototype as unknown as { settle(): void }, 'settle');
    const pool = new WorkerPool(2);
    try {
      // 50 chunks, the last one short.
      const r = await simulate(flagship, { seed: 'fold', trials: 495_001, asOf: '2026-12-04', pool });
      expect(settle).toHaveBeenCalledTimes(2);
      expect(numbers(r)).toEqual(numbers(simulateSync(flagship, { seed: 'fold', trials: 495_001, asOf: '2026-12-04' })));
      // With a progress callback, every chunk's totals come back in order (progress and half-width rules read them).
      settle.mockClear();
      await simulate(flagship, { seed: 'fold', trials: 495_001, asOf: '2026-12-04', pool, onProgress: () => undefined });
      expect(settle).toHaveBeenCalledTimes(50);
    } finally {
      await pool.terminate();
    }
  }, 60_000);

  it('analyses fold too, but for the Sobol stage, whose merge is not exact: its partials still come back chunk by chunk', async () => {
    const settle = vi.spyOn(WorkerPool.prototype as unknown as { settle(): void }, 'settle');
    const pool = new WorkerPool(2);
    try {
      const compare = { seed: 2, trials: 95_000, variants: ['seoul-steps-back'] };
      expect(await compareOnWorkers(flagship, { ...compare, pool })).toEqual(compareVariantsSync(flagship, compare));
      expect(settle).toHaveBeenCalledTimes(2);
      settle.mockClear();
      // 6 tornado chunks, folded: 2 answers; 3 Sobol chunks: 3 answers.
      const sensitivity = { seed: 8, trials: 60_000, sobolSamples: 25_000, bootstrap: 10 };
      expect(await sensitivityOnWorkers(flagship, { ...sensitivity, pool })).toEqual(analyzeSensitivitySync(flagship, sensitivity));
      expect(settle).toHaveBeenCalledTimes(2 + 3);
    } finally {
      await pool.terminate();
    }
  }, 60_000);

  it('on abort: the threads finish the chunks they hold, and the result is a prefix of the chunks, as in one thread', async () => {
    const watch = watchTerminate();
    const pool = new WorkerPool(2);
    const controller = new AbortController();
    const fold = vi.spyOn(pool, 'foldOnEach');
    const run = simulate(flagship, { seed: 9, trials: 100_000_000, asOf: '2026-12-04', pool, signal: controller.signal });
    // Until some chunks are done: the threads count them in shared memory (nothing is sent).
    const flags = new Int32Array(fold.mock.calls[0][2]);
    while (Atomics.load(flags, DONE) < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    const t1 = performance.now();
    controller.abort();
    const r: SimulationResult = await run;
    // One chunk of the flagship takes a thread about 20 ms on this machine.
    expect(performance.now() - t1, 'abort to result').toBeLessThan(500);
    expect(r.stoppedBecause).toBe('aborted');
    expect(r.trials % 10_000).toBe(0);
    expect(r.trials).toBeGreaterThan(0);
    expect(pool.running).toBe(0);
    expect(watch.spy).toHaveBeenCalledTimes(1);
    await watch.settled();
    // Every number, quantile summaries (the threads' sketches) included; only the manifest and why it stopped differ.
    const estimates = ({ manifest: _m, stoppedBecause: _s, ...rest }: SimulationResult) => numbers(rest as SimulationResult);
    expect(estimates(r)).toEqual(estimates(simulateSync(flagship, { seed: 9, trials: r.trials, asOf: '2026-12-04' })));
  }, 60_000);

  it('when a thread dies mid-run: the run fails with why (no hang), and the other threads are stopped', async () => {
    const pool = new WorkerPool(2);
    const fold = vi.spyOn(pool, 'foldOnEach');
    const run = simulate(flagship, { seed: 9, trials: 100_000_000, asOf: '2026-12-04', pool });
    const flags = new Int32Array(fold.mock.calls[0][2]);
    while (Atomics.load(flags, DONE) < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    // The pool's threads (private): as if one ran out of memory or was killed.
    void (pool as unknown as { slots: Array<{ worker: { terminate(): Promise<number> } }> }).slots[0].worker.terminate();
    await expect(run).rejects.toThrow(/exit/i);
    expect(pool.running).toBe(0);
    expect((await simulate(everyDistribution, { seed: 1, trials: 30_000, pool })).trials).toBe(30_000);
    await pool.terminate();
  }, 60_000);
});

describe('memory', () => {
  it('does not grow with the number of chunks (a long run keeps a bounded heap)', async () => {
    // gc() without --expose-gc: set the flag, then take gc from a fresh context.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const tiny: Scenario = { id: 'tiny', title: 'One coin', factors: { c: { dist: 'bernoulli', p: 0.5 } }, events: { heads: 'c' } };
    const heap: number[] = [];
    const pool = new WorkerPool(2);
    try {
      // 3,000 chunks; the heap after a full collection at chunk 300 and at the end.
      await simulate(tiny, {
        seed: 1,
        trials: 30_000_000,
        pool,
        onProgress: (p) => {
          if (p.trials === 3_000_000 || p.trials === 30_000_000) {
            gc();
            heap.push(process.memoryUsage().heapUsed);
          }
        },
      });
    } finally {
      await pool.terminate();
    }
    // A leak of even 400 bytes per chunk (e.g. one retained promise per chunk) would add 1 MB.
    expect(heap[1] - heap[0]).toBeLessThan(1_000_000);
  }, 120_000);
});

describe('worker counts', () => {
  it('refuses a count that is not a whole number from 1 to 256', async () => {
    for (const workers of [0, -1, 1.5, 257, Number.NaN]) {
      await expect(simulate(everyDistribution, { seed: 1, workers })).rejects.toBeInstanceOf(ScenarioError);
    }
    await expect(simulate(everyDistribution, { seed: 1, workers: 0 })).rejects.toThrow(/^workers: must be a whole number from 1 to 256 \(got 0\)$/);
    expect(() => new WorkerPool(0)).toThrow(ScenarioError);
  });

  it('caps an explicit count by the chunks, and the default by the cores and the work', () => {
    expect(workerCount(4, 20_000)).toBe(2);
    expect(workerCount(4, 1)).toBe(1);
    expect(workerCount(3, 1_000_000)).toBe(3);
    // Too little work for a second thread to pay for its start.
    expect(workerCount(undefined, 10_000 * (2 * MIN_CHUNKS_PER_WORKER - 1))).toBe(1);
    expect(workerCount(undefined, 100_000_000)).toBeGreaterThanOrEqual(1);
  });
});

describe('compare on worker threads (the CLI\'s compare --workers)', () => {
  it('gives the single-threaded comparison, bit for bit: named variants, a replaced factor, overrides, conditional events', async () => {
    const options = {
      seed: 21,
      trials: 70_000,
      variants: ['seoul-steps-back', { name: 'no alliance, wDomestic -7', factors: { russiaAlliance: { dist: 'constant' as const, value: 0 } }, overrides: { 'wDomestic.mean': -7 } }],
    };
    const reference = compareVariantsSync(flagship, options);
    const watch = watchTerminate();
    for (const workers of [2, 3]) expect(await compareOnWorkers(flagship, { ...options, workers })).toEqual(reference);
    expect(watch.spy).toHaveBeenCalledTimes(2);
    await watch.settled();
    // The flagship's venue events are conditional on the summit: their ratio columns travel too.
    expect(Object.keys(reference.variants[0].events)).toEqual(expect.arrayContaining(['summit', 'venuePyongyang']));
  }, 60_000);

  it('reports progress as the threads fold, refuses a bad worker count, and stops on abort with the reason', async () => {
    const seen: number[] = [];
    await compareOnWorkers(flagship, { seed: 2, trials: 35_000, variants: ['seoul-steps-back'], workers: 2, onProgress: (p) => seen.push(p.trials) });
    // The threads count chunks in shared memory, read every 100 ms: whole chunks, growing, then the end.
    expect(seen.at(-1)).toBe(35_000);
    expect(seen.every((t, i) => (t % 10_000 === 0 || t === 35_000) && t > (seen[i - 1] ?? 0)), JSON.stringify(seen)).toBe(true);
    await expect(compareOnWorkers(flagship, { seed: 2, variants: ['seoul-steps-back'], workers: 0 })).rejects.toBeInstanceOf(ScenarioError);
    const reason = new Error('enough');
    const controller = new AbortController();
    const run = compareOnWorkers(flagship, { seed: 2, trials: 5_000_000, variants: ['seoul-steps-back'], workers: 2, signal: controller.signal, onProgress: () => controller.abort(reason) });
    await expect(run).rejects.toBe(reason);
  }, 60_000);
});

describe('sensitivity on worker threads (the CLI\'s sensitivity --workers)', () => {
  it('gives the single-threaded analysis, bit for bit, on the flagship', async () => {
    const options = { seed: 8, trials: 60_000, sobolSamples: 5_000, bootstrap: 30 };
    const reference = analyzeSensitivitySync(flagship, options);
    expect(reference.tornado.length).toBeGreaterThan(5);
    expect(await sensitivityOnWorkers(flagship, { ...options, workers: 2 })).toEqual(reference);
  }, 60_000);

  it('gives the single-threaded analysis with correlated factors: the group is one Sobol input, and compare keeps common random numbers', async () => {
    const options = { seed: 9, trials: 40_000, sobolSamples: 4_000, bootstrap: 20 };
    const reference = analyzeSensitivitySync(correlatedFlagship, options);
    expect(reference.sobol.map((s) => s.factor)).toContain('sanctionsBlocking + russiaAlliance + usDomesticConstraints');
    expect(reference.sobol.map((s) => s.factor)).toContain('rokMediation + mixedShock');
    expect(reference.notes).toContainEqual(expect.stringMatching(/^correlated factors are one input of the Sobol indices/));
    expect(await sensitivityOnWorkers(correlatedFlagship, { ...options, workers: 2 })).toEqual(reference);
    const compare = { seed: 9, trials: 40_000, variants: [{ name: 'tighter', overrides: { 'corr.sanctionsBlocking.russiaAlliance': 0.9 } }, 'seoul-steps-back'] };
    const compared = compareVariantsSync(correlatedFlagship, compare);
    expect(await compareOnWorkers(correlatedFlagship, { ...compare, workers: 2 })).toEqual(compared);
  }, 60_000);

  it('leaves out a setting whose first failure is in a later chunk, with the single-threaded note', async () => {
    // p + 50% = 1.2 makes p·x a probability above 1 only for x > 1/1.2: about 3 in a million
    // trials here, so the first failure falls in some chunk after the first.
    const s: Scenario = { id: 'late-failure', title: 'L', params: { p: 0.8 }, factors: { x: { dist: 'uniform', min: 0, max: 0.833336 } }, events: { e: 'p * x' } };
    const options = { seed: 3, trials: 1_000_000, sobolSamples: 0 };
    const reference = analyzeSensitivitySync(s, options);
    expect(reference.notes?.[0]).toMatch(/^p left out of the tornado: at 1\.2 \(\+50%\) "e" gives a probability outside \[0, 1\] \([\d.]+, first at trial \d+\)$/);
    const firstTrial = Number(/first at trial (\d+)/.exec(reference.notes![0])![1]);
    expect(firstTrial).toBeGreaterThan(10_000);
    for (const workers of [2, 3]) expect(await sensitivityOnWorkers(s, { ...options, workers })).toEqual(reference);
  }, 60_000);
});

describe('attribution on worker threads (the CLI\'s attribution --workers)', () => {
  it('gives the single-threaded waterfall, bit for bit, and the not-applicable answer without starting threads', async () => {
    const options = { seed: 5, trials: 70_000 };
    const reference = attributeLogOddsSync(flagship, options);
    expect(reference.applicable).toBe(true);
    for (const workers of [2, 3]) expect(await attributionOnWorkers(flagship, { ...options, workers })).toEqual(reference);
    const watch = watchTerminate();
    const conditional = await attributionOnWorkers(flagship, { ...options, event: 'venueDmz', workers: 2 });
    expect(conditional).toEqual(attributeLogOddsSync(flagship, { ...options, event: 'venueDmz' }));
    expect(conditional.applicable).toBe(false);
    expect(watch.spy).not.toHaveBeenCalled();
  }, 60_000);
});

describe('evidence update on worker threads (the CLI\'s update --workers)', () => {
  it('gives the single-threaded update, bit for bit: the summit ledger plus a condition on the model', async () => {
    const ledger = parseLedger(JSON.parse(readFileSync('examples/summit-ledger.json', 'utf8')));
    const options = { seed: 6, trials: 80_000, given: ['rokMediation < 0'] };
    const reference = updateOddsSync(flagship, ledger, options);
    expect(reference.steps.some((s) => s.kind === 'condition')).toBe(true);
    for (const workers of [2, 3]) expect(await updateOnWorkers(flagship, ledger, { ...options, workers })).toEqual(reference);
  }, 60_000);

  it('reports a condition outside [0, 1] at the same trial as one thread', async () => {
    const options = { seed: 6, trials: 50_000, given: ['rokMediation * 3'] };
    const fail = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const expected = fail(() => updateOddsSync(flagship, { observations: [] }, options));
    expect(expected).toBeInstanceOf(ScenarioError);
    const got = await updateOnWorkers(flagship, { observations: [] }, { ...options, workers: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((got as ScenarioError).message).toBe((expected as ScenarioError).message);
  }, 60_000);
});

describe('analyses under "nothing yet" evidence on worker threads: the weight columns travel too', () => {
  // As of 2026-06-01, no summit through 2026-05-20 (replacing the flagship's own 2026-05-15):
  // every trial weighted by its chance of that quiet stretch.
  const evidence = { asOf: '2026-06-01', noneThrough: { summit: '2026-05-20' } };

  it('compare, sensitivity and attribution: the single-threaded results, bit for bit', async () => {
    const compare = { seed: 31, trials: 40_000, ...evidence, variants: ['seoul-steps-back', { overrides: { 'wDomestic.mean': -7 } }] };
    const reference = compareVariantsSync(flagship, compare);
    expect(reference.variants[0].events.summit.probabilityGreater).toBeUndefined();
    for (const workers of [1, 2]) expect(await compareOnWorkers(flagship, { ...compare, workers })).toEqual(reference);
    const sensitivity = { seed: 32, trials: 40_000, ...evidence, sobolSamples: 2_000, bootstrap: 10 };
    expect(await sensitivityOnWorkers(flagship, { ...sensitivity, workers: 2 })).toEqual(analyzeSensitivitySync(flagship, sensitivity));
    const attribution = { seed: 33, trials: 40_000, ...evidence };
    expect(await attributionOnWorkers(flagship, { ...attribution, workers: 2 })).toEqual(attributeLogOddsSync(flagship, attribution));
  }, 60_000);

  it('update with a ledger "noneThrough" observation (a model paired with the update\'s): the single-threaded result, bit for bit', async () => {
    const ledger = parseLedger({ observations: [{ noneThrough: '2026-05-31', description: 'no summit in May' }, { given: 'rokMediation < 0' }] });
    const options = { seed: 34, trials: 40_000, ...evidence };
    const reference = updateOddsSync(flagship, ledger, options);
    expect(reference.steps[0].signpost).toBe('no summit through 2026-05-31');
    for (const workers of [1, 2]) expect(await updateOnWorkers(flagship, ledger, { ...options, workers })).toEqual(reference);
  }, 60_000);
});
