import type { SimulationResult, StopReason } from '../engine/simulate';
import { formatCount, formatPercent, formatSeconds } from './format';

const STOP_WORDS: Record<StopReason, (r: SimulationResult) => string> = {
  trials: (r) => `ran the ${formatCount(r.trials)} trials asked for`,
  halfWidth: (r) => `every 95% half-width below ${r.manifest.settings.halfWidth}`,
  maxTrials: (r) => `reached the cap of ${formatCount(r.manifest.settings.maxTrials ?? r.trials)} trials before the half-width target`,
  aborted: () => 'aborted; partial result',
};

/**
 * A short plain-text summary of a run: each event's probability with its 95% interval, then
 * trials, seed, time and why the run stopped.
 *
 * @example
 * ```ts
 * console.log(summarize(await simulate(scenario, { seed: 1 })));
 * ```
 */
export function summarize(result: SimulationResult, labels: Readonly<Record<string, string>> = {}): string {
  const rows = Object.entries(result.events).map(([name, e]) => [
    labels[name] ? `${labels[name]} (${name})` : name,
    formatPercent(e.probability),
    `[${formatPercent(e.ci95[0])}, ${formatPercent(e.ci95[1])}]`,
  ]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = [`${result.scenario.title} (${result.scenario.id})`, ''];
  for (const r of rows) lines.push(`  ${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  95% CI ${r[2]}`);
  lines.push(
    '',
    `${formatCount(result.trials)} trials · seed ${result.seed} · ${formatSeconds(result.elapsedMs)} · stopped: ${STOP_WORDS[result.stoppedBecause](result)}`,
  );
  return lines.join('\n');
}
