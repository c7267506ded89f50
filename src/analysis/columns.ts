import type { ColumnModel } from '../engine/columns';

/** Where the model keeps an event's per-trial values. */
export interface EventColumns {
  /** The event's column: its probability per trial (for a conditional event, P(given and it)). */
  readonly value: number;
  /** Conditional events: the condition's column and the per-trial P(event | condition). */
  readonly given?: number;
  readonly conditional?: number;
}

/** Column indices of an event in a model. */
export function eventColumns(model: ColumnModel, name: string): EventColumns {
  const value = model.names.indexOf(name, model.firstEvent);
  const layout = model.conditional.find((c) => c.event === value);
  if (!layout) return { value };
  // The per-trial conditional probability is the step that computes `${name} (given)`.
  const conditional = model.names.indexOf(`${name} (given)`, model.firstEvent);
  return { value, given: layout.givenColumn, conditional };
}
