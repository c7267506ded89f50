import type { Scenario } from '../model/types';
import { fourFactors } from './fourFactors';

/** The scenarios shipped with the library, addressable by id wherever a file is accepted. */
export const BUILTIN_SCENARIOS: readonly Scenario[] = [fourFactors];

/** The built-in scenario with this id, or undefined. */
export function builtinScenario(id: string): Scenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.id === id);
}
