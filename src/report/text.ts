import type { SimulationResult, StopReason } from '../engine/simulate';
import { formatCount, formatPercent, formatSeconds } from './format';
import { acrossWorldsText, outputCells, simulationErrorText } from './uncertainty';

const STOP_WORDS: Record<StopReason, (r: SimulationResult) => string> = {
  trials: (r) => `ran the ${formatCount(r.trials)} trials asked for`,
  halfWidth: (r) => `every 95% half-width below ${r.manifest.settings.halfWidth}`,
  maxTrials: (r) => `reached the cap of ${formatCount(r.manifest.settings.maxTrials ?? r.trials)} trials before the half-width target`,
  aborted: () => 'aborted; partial result',
};

/**
 * A short plain-text summary of a run: when it was made and what window it covers, each
 * event's probability with its simulation error (95%) and its 90% range across the model's
 * worlds, and label (a conditional event is shown as `name | condition`), each timed event's
 * curve, then trials, seed, time and why the run stopped.
 *
 * @example
 * ```ts
 * const scenario = builtinScenario('four-factors')!;
 * console.log(summarize(await simulate(scenario, { seed: 1 })));
 * ```
 */
export function summarize(result: SimulationResult, labels: Readonly<Record<string, string>> = {}): string {
  const rows = Object.entries(result.events).map(([name, e]) => [
    e.given ? `${name} | ${e.given}` : name,
    formatPercent(e.probability),
    simulationErrorText(e),
    acrossWorldsText(e),
    labels[name] ?? '',
  ]);
  const title = `${result.scenario.title} (${result.scenario.id}${result.manifest.variant ? `, variant ${result.manifest.variant}` : ''})`;
  const header = ['', 'P', 'simulation error', "across the model's worlds (90%)", ''];
  const lines = [title, whenText(result), '', ...table([header, ...rows], ['left', 'right', 'left', 'left', 'left'], (r) => r.join('  '))];
  const outputs = Object.entries(result.outputs ?? {});
  if (outputs.length > 0) {
    const outputRows = outputs.map(([name, o]) => [name, ...outputCells(o), labels[name] ?? '']);
    lines.push('', 'Outputs:', ...table([['', 'mean', 'simulation error', "across the model's worlds (90%)", ''], ...outputRows], ['left', 'right', 'left', 'left', 'left'], (r) => r.join('  ')));
  }
  for (const [name, curve] of Object.entries(result.timelines)) {
    lines.push('', `${labels[name] ?? name}: cumulative probability from ${result.window?.from} by the end of each ${result.window?.period} (95% CI: simulation error)`);
    const curveRows = curve.map((p) => [
      p.end,
      formatPercent(p.cumulative.probability),
      `[${formatPercent(p.cumulative.ci95[0])}, ${formatPercent(p.cumulative.ci95[1])}]`,
      p.ifNoneYet ? formatPercent(p.ifNoneYet.probability) : '',
    ]);
    lines.push(
      ...table([['by', 'P', '95% CI', `if none by then, P by ${curve.at(-1)!.end}`], ...curveRows], ['left', 'right', 'left', 'right'], (r) => `${r[0]}  ${r[1]}  ${r[2]}  ${r[3]}`),
    );
  }
  lines.push(
    '',
    `${formatCount(result.trials)} trials · seed ${result.seed} · ${formatSeconds(result.elapsedMs)} · stopped: ${STOP_WORDS[result.stoppedBecause](result)}`,
  );
  return lines.join('\n');
}

/**
 * When the forecast was made and what it covers: `as of 2026-12-04 · window 2026-12-04 to
 * 2027-12-03 · given no summit through 2026-05-15 (effective sample 181,234 of 200,000 trials)`.
 */
export function whenText(result: Pick<SimulationResult, 'asOf' | 'window' | 'evidence' | 'trials'>): string {
  const parts = [`as of ${result.asOf}`];
  const w = result.window;
  if (w) parts.push(`window ${w.from} to ${w.to}`);
  const e = result.evidence;
  if (e) {
    const quiet = Object.entries(e.noneThrough).map(([event, date]) => `no ${event} through ${date}`).join(' and ');
    parts.push(`given ${quiet} (effective sample ${formatCount(Math.floor(e.effectiveSampleSize))} of ${formatCount(result.trials)} trials)`);
  }
  return parts.join(' · ');
}

/** Pads each column to its widest cell and formats each row, indented by two spaces. */
function table(rows: string[][], align: ReadonlyArray<'left' | 'right'>, line: (cells: string[]) => string): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `  ${line(r.map((cell, c) => (align[c] === 'left' ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))))}`.trimEnd());
}
