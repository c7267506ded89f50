/** A smoke check that compiled formulas allocate nothing per trial (tests/expr/allocation.test.ts). */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { ColumnProgram } from '../../src/expr';

/** How long rounds may go on for the JIT to finish optimizing (the tests using this allow 120 s). */
const SETTLE_MS = 60_000;

/**
 * The fewest garbage collections seen while `program` evaluates 4,000 batches of `n` trials,
 * over rounds of them after 1,000 batches to let the JIT settle. One boxed double per trial
 * would be 4,000 x 1,024 x 16 bytes = 64 MB a round at n = 1,024: many scavenges; none
 * allocated gives 0 (or 1, by chance). Rounds go on until one sees at most 1 collection, for at
 * least 5 rounds and then until {@link SETTLE_MS} have passed, because V8 optimizes on a
 * background thread unless `--single-threaded` (as vitest.config.ts's `jit` project runs it): on
 * a loaded machine the first rounds can still run unoptimized code, which boxes every number.
 * Code that allocates in its optimized form does so in every round, so waiting longer cannot
 * hide it.
 */
export async function collectionsWhileEvaluating(program: ColumnProgram, columns: readonly Float64Array[], n: number): Promise<number> {
  const out = new Float64Array(n);
  for (let k = 0; k < 1000; k++) program.evaluate(columns, out, n);
  let fewest = Infinity;
  const start = performance.now();
  for (let round = 0; fewest > 1 && (round < 5 || performance.now() - start < SETTLE_MS); round++) {
    let collections = 0;
    const observer = new PerformanceObserver((list) => {
      collections += list.getEntries().length;
    });
    observer.observe({ entryTypes: ['gc'] });
    for (let k = 0; k < 4000; k++) program.evaluate(columns, out, n);
    await new Promise((resolve) => setTimeout(resolve, 20)); // gc entries arrive asynchronously
    observer.disconnect();
    fewest = Math.min(fewest, collections);
  }
  return fewest;
}
