import type { Scenario } from '../model/types';
import { fourFactors } from './fourFactors';
import flagship from './trump-kim-summit.json';

/**
 * The flagship: the article "The Summit That Wasn't" (K. Asmolov, 12 Nov 2025) as a scenario,
 * with a monthly timeline from the article (November 2025) and a 12-month window from the as-of
 * date, "no meeting through 2026-05-15" as evidence, a venue split and named variants. The same file is
 * `examples/trump-kim-summit.json`; docs/guides/flagship.md explains it.
 */
export const trumpKimSummit = flagship as Scenario;

/** The scenarios shipped with the library, addressable by id wherever a file is accepted. */
export const BUILTIN_SCENARIOS: readonly Scenario[] = [trumpKimSummit, fourFactors];

/**
 * The built-in scenario with this id (a fresh copy, safe to modify), or undefined.
 *
 * @example
 * ```ts
 * const scenario = builtinScenario('trump-kim-summit')!;
 * const result = await simulate(scenario, { seed: 2025, variant: 'seoul-steps-back' });
 * ```
 */
export function builtinScenario(id: string): Scenario | undefined {
  const found = BUILTIN_SCENARIOS.find((s) => s.id === id);
  return found && structuredClone(found);
}
