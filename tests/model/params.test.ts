import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../src/model/overrides';
import { validateScenario } from '../../src/model/validate';
import type { Scenario } from '../../src/model/types';

describe('a param\'s optional range', () => {
  const ranged = (value: number, min?: number, max?: number) => ({ id: 'r', title: 'R', params: { w: { value, min, max } }, events: { e: 'w / 10' } }) as Scenario;

  it('accepts a value within [min, max] and refuses one outside, or min not below max', () => {
    expect(validateScenario(ranged(0.5, 0, 1))).toEqual([]);
    expect(validateScenario(ranged(2, 0, 1))).toEqual([{ code: 'param-range', path: 'params.w.value', message: '2 is outside the param\'s range [0, 1] (its "min" and "max")' }]);
    expect(validateScenario(ranged(-1, 0))).toEqual([{ code: 'param-range', path: 'params.w.value', message: '-1 is outside the param\'s range [0, ∞] (its "min" and "max")' }]);
    expect(validateScenario(ranged(0.5, 1, 1)).map((i) => i.path)).toEqual(['params.w.max']);
  });

  it('refuses an override outside the range, naming the override', () => {
    expect(applyOverrides(ranged(0.5, 0, 1), { w: 3 }).issues).toEqual([{ code: 'param-range', path: 'overrides.w', message: '3 is outside the range of param "w", [0, 1]' }]);
    expect((applyOverrides(ranged(0.5, 0, 1), { w: 0.9 }).scenario!.params!.w as { value: number }).value).toBe(0.9);
  });
});
