/**
 * The analysis drivers: progress after every chunk of every stage, counted over all stages, in
 * both the blocking and the cooperative form; and an abort that stops between chunks.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSensitivity, analyzeSensitivitySync } from '../../src/analysis/sensitivity';
import type { AnalysisProgress } from '../../src/analysis/steps';
import { attributeLogOddsSync } from '../../src/analysis/attribution';
import { compareVariantsSync } from '../../src/analysis/compare';
import { updateOddsSync } from '../../src/analysis/evidence';
import type { Scenario } from '../../src/model/types';

const scenario: Scenario = {
  id: 'steps',
  title: 'Steps',
  params: { k: 1 },
  factors: { x: { dist: 'uniform', min: 0, max: 1 } },
  events: { e: 'k * x / 2' },
};
const seed = 'steps';
// 25,000 tornado trials in chunks of 10,000, then a Sobol design of 15,000 rows.
const options = { seed, trials: 25_000, sobolSamples: 15_000, bootstrap: 2 };
const expected: AnalysisProgress[] = [
  { stage: 'tornado', trials: 10_000, target: 40_000 },
  { stage: 'tornado', trials: 20_000, target: 40_000 },
  { stage: 'tornado', trials: 25_000, target: 40_000 },
  { stage: 'sobol', trials: 35_000, target: 40_000 },
  { stage: 'sobol', trials: 40_000, target: 40_000 },
];

describe('progress', () => {
  it('comes after every chunk of every stage, counting the trials of all stages, blocking or not', async () => {
    const sync: AnalysisProgress[] = [];
    const a = analyzeSensitivitySync(scenario, { ...options, onProgress: (p) => sync.push(p) });
    expect(sync).toEqual(expected);
    const async: AnalysisProgress[] = [];
    expect(await analyzeSensitivity(scenario, { ...options, onProgress: (p) => async.push(p) })).toEqual(a);
    expect(async).toEqual(expected);
  });
});

describe('stage names', () => {
  it('name what each analysis computes', () => {
    const stages = (run: (onProgress: (p: AnalysisProgress) => void) => unknown) => {
      const seen = new Set<string>();
      run((p) => seen.add(p.stage));
      return [...seen];
    };
    const small = { seed, trials: 1000 };
    expect(stages((onProgress) => compareVariantsSync(scenario, { ...small, variants: [{ overrides: { k: 2 } }], onProgress }))).toEqual(['compare']);
    expect(stages((onProgress) => attributeLogOddsSync({ ...scenario, events: { e: 'sigmoid(k * x)' } }, { ...small, onProgress }))).toEqual(['attribution']);
    expect(stages((onProgress) => updateOddsSync(scenario, { observations: [] }, { ...small, onProgress }))).toEqual(['update']);
  });
});

describe('abort', () => {
  it('stops between chunks with the signal’s reason, after the chunk in which it came', () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = () =>
      compareVariantsSync(scenario, {
        seed,
        trials: 50_000,
        variants: [{ overrides: { k: 2 } }],
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.trials);
          if (p.trials === 20_000) controller.abort(new Error('enough'));
        },
      });
    expect(run).toThrow('enough');
    expect(seen).toEqual([10_000, 20_000]);
  });

  it('throws a plain "aborted" when the signal has no reason', () => {
    const signal = { aborted: true, reason: undefined } as unknown as AbortSignal;
    expect(() => analyzeSensitivitySync(scenario, { ...options, signal })).toThrow(/^aborted$/);
  });

  it('rejects the cooperative form with the reason, before any chunk when already aborted', async () => {
    const seen: number[] = [];
    const controller = new AbortController();
    controller.abort(new Error('never started'));
    await expect(analyzeSensitivity(scenario, { ...options, signal: controller.signal, onProgress: (p) => seen.push(p.trials) })).rejects.toThrow('never started');
    expect(seen).toEqual([]);
  });
});
