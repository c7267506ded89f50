/**
 * The two kinds of uncertainty, named apart wherever an estimate is shown: the simulation error
 * of a probability (how far the Monte Carlo estimate may be from the model's exact answer; it
 * shrinks with more trials) and its spread across the model's worlds (how much the chance
 * itself varies with the model's uncertain inputs; more trials do not shrink it).
 */
import type { EventEstimate, OutputEstimate } from '../engine/types';
import { formatCount, formatNumber, formatPercent, formatPp } from './format';

/** Whether an estimate is the same in every trial, so it has no simulation error to speak of. */
export function isExact(e: Pick<EventEstimate, 'ci95' | 'trials'>): boolean {
  return e.trials >= 2 && e.ci95[0] === e.ci95[1];
}

/** "±0.10 pp" (the larger half of the 95% interval), "exact", or "too few trials". */
export function simulationErrorText(e: Pick<EventEstimate, 'probability' | 'ci95' | 'trials'>): string {
  if (e.trials < 2) return 'too few trials';
  if (isExact(e)) return 'exact';
  return `±${formatPp(100 * Math.max(e.probability - e.ci95[0], e.ci95[1] - e.probability))}`;
}

/**
 * The 90% range of the per-trial chance across the model's worlds ("1.3% – 26.40%"), or what
 * stands in for it: a 0/1 event is 0 or 1 in each world, a constant the same in every one.
 */
export function acrossWorldsText(e: Pick<EventEstimate, 'acrossWorlds' | 'ci95' | 'trials' | 'given'>): string {
  if (e.acrossWorlds) return `${formatPercent(e.acrossWorlds.quantiles.p5)} – ${formatPercent(e.acrossWorlds.quantiles.p95)}`;
  if (isExact(e)) return 'the same in every world';
  // The engine gives a spread to every unconditional event whose chance varies between worlds;
  // one without it that still varies is a 0/1 outcome.
  return e.given ? 'not summarized (a ratio over worlds)' : '0 or 1 in each world';
}

/** What the two numbers mean, for the reader of a report. */
export const TWO_KINDS =
  "Each probability comes with two kinds of uncertainty, named apart: its simulation error (the 95% interval of the Monte Carlo estimate, which more trials shrink) and, where the chance differs between the model's worlds, its 90% range across them (how much the answer depends on the model's uncertain inputs, which more trials do not shrink).";

/** "6.14% (simulation error ±0.09 pp at 95%, 30,000 trials; across the model's worlds 1.3% – 26%, 90% range)". */
export function estimateText(e: EventEstimate): string {
  const error = simulationErrorText(e);
  const across = e.acrossWorlds ? `; across the model's worlds ${acrossWorldsText(e)}, 90% range` : `; ${acrossWorldsText(e)}`;
  return `${formatPercent(e.probability)} (simulation error ${error}${error.startsWith('±') ? ' at 95%' : ''}, ${formatCount(e.trials)} trials${across})`;
}

/** An output's mean, simulation error ("±12.3", the 95% half-width) and 90% range across the model's worlds, in its own units. */
export function outputCells(o: OutputEstimate): [mean: string, error: string, across: string] {
  const q = o.acrossWorlds.quantiles;
  const error = o.trials < 2 ? 'too few trials' : o.standardError === 0 ? 'exact' : `±${formatNumber(o.ci95[1] - o.mean)}`;
  const across = q.p5 === q.p95 ? 'the same in every world' : `${formatNumber(q.p5)} – ${formatNumber(q.p95)}`;
  return [formatNumber(o.mean), error, across];
}
