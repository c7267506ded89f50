import type { Documented } from './types';

/** The `label`, `description` and `source` of a scenario entry (a param, factor, event, …), those that are strings. */
export function documentation(spec: unknown): Documented {
  if (spec === null || typeof spec !== 'object') return {};
  const { label, description, source } = spec as Record<string, unknown>;
  return {
    ...(typeof label === 'string' ? { label } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    ...(typeof source === 'string' ? { source } : {}),
  };
}
