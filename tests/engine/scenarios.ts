/** Scenarios shared by the engine's exact tests (tests/engine/chunk.test.ts, result.test.ts). */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../src';

/**
 * A timed event with a window, a conditional event (cross products), a 0/1 event and a
 * fractional one, forecast from its first day so the whole timeline counts.
 */
export const machineFailure: Scenario = { ...(JSON.parse(readFileSync(new URL('../golden/machine-failure.json', import.meta.url), 'utf8')) as Scenario), asOf: '2025-11-01' };

/** A Beta(2, 20) monthly hazard that "nothing yet" evidence can weight, a derived node and an output on both sides of 0, a 0/1 event. */
export const quietHazard: Scenario = {
  id: 'quiet-hazard',
  title: 'A hazard with "nothing yet" evidence, an output and a 0/1 event',
  timeline: { start: '2026-01', horizon: 12 },
  factors: { x: { dist: 'beta', alpha: 2, beta: 20 }, y: { dist: 'normal', mean: 1, sd: 2 } },
  derived: { spread: 'x * y' },
  outputs: { cost: { formula: '100 * x + y' } },
  events: { e: { hazard: 'x' }, big: 'y > 2' },
};
