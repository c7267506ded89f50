import { formatCount } from '../report/format';
import type { CliOutput } from './io';

/** Shown only once a run has taken this long, so quick runs print nothing on stderr. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

/** What the bar is told after every chunk: the engine's `Progress` or an analysis's. */
export interface BarProgress {
  /** Trials done so far (over all stages of an analysis). */
  readonly trials: number;
  /** Trials the run does at most: `--trials`, or the `--max-trials` cap with `--half-width`. */
  readonly target: number;
  /** The widest event's current 95% half-width (a run's progress). */
  readonly halfWidth?: number;
  /** The stage of an analysis, e.g. `tornado` or `sobol`. */
  readonly stage?: string;
}

/** Options of {@link progressBar}. */
export interface ProgressBarOptions {
  /** The `--half-width` target: progress is then measured toward it, not toward the trial cap. */
  readonly halfWidth?: number;
}

/** How the bar names an analysis's stages. */
const STAGE_NAMES: Readonly<Record<string, string>> = { sobol: 'Sobol', bootstrap: 'Sobol bootstrap' };

/** A stage's name as shown: `tornado`, `Sobol`, `Sobol bootstrap`, `compare`, … */
export function stageName(stage: string): string {
  return Object.hasOwn(STAGE_NAMES, stage) ? STAGE_NAMES[stage] : stage;
}

/** A duration for "time left": `8s`, `4m 05s`, `2h 03m`. */
export function formatDuration(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  const m = Math.ceil(s / 60);
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** A half-width as shown on the bar: three significant digits, e.g. 0.00821. */
function formatHalfWidth(h: number): string {
  return Number.isFinite(h) ? String(Number(h.toPrecision(3))) : '—';
}

/**
 * Where a run stands: the share done, the trials it will probably need in all, and whether
 * the cap is what bounds it. With a half-width target the trials needed are estimated from
 * the 1/√n law: n · (h / target)², at most the cap.
 */
export function estimateProgress(p: BarProgress, halfWidthTarget: number | undefined): { fraction: number; total: number; capBound: boolean } {
  if (halfWidthTarget === undefined || p.halfWidth === undefined || !(p.trials > 0)) {
    return { fraction: p.target > 0 ? Math.min(1, p.trials / p.target) : 0, total: p.target, capBound: false };
  }
  if (p.halfWidth < halfWidthTarget) return { fraction: 1, total: p.trials, capBound: false };
  const needed = Number.isFinite(p.halfWidth) ? p.trials * (p.halfWidth / halfWidthTarget) ** 2 : Infinity;
  const capBound = !(needed < p.target);
  const total = capBound ? p.target : Math.max(p.trials, needed);
  return { fraction: Math.min(1, p.trials / total), total, capBound };
}

/**
 * A progress bar on a terminal's stderr, drawn for runs longer than about a second and
 * erased when done. Returns undefined (no bar) when stderr is not a terminal. The bar is the
 * CLI's own text (numbers and stage names only), so it goes through `writeControl`, past the
 * control-character filter that would strip its carriage returns.
 *
 * It shows the stage of an analysis, the share done, the trials so far and an estimate of the
 * time left at the rate so far. With a `--half-width` target the share is progress toward the
 * target (trials needed estimated from the current half-width), and the current half-width is
 * shown beside the target; when the estimate exceeds the `--max-trials` cap it says so.
 */
export function progressBar(stderr: CliOutput, options: ProgressBarOptions = {}) {
  if (!stderr.isTTY) return undefined;
  const write = (text: string) => (stderr.writeControl ? stderr.writeControl(text) : stderr.write(text));
  const start = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p: BarProgress): void {
      const now = Date.now();
      if (now - start < SHOW_AFTER_MS || now - lastDraw < REDRAW_EVERY_MS) return;
      lastDraw = now;
      drawn = true;
      const { fraction, total, capBound } = estimateProgress(p, options.halfWidth);
      const halfWidth = options.halfWidth !== undefined && p.halfWidth !== undefined ? `half-width ${formatHalfWidth(p.halfWidth)} (target ${formatHalfWidth(options.halfWidth)})` : undefined;
      const trials = `${formatCount(p.trials)} trials`;
      const cap = capBound ? `cap ${formatCount(p.target)} before the target` : undefined;
      const elapsed = now - start;
      const left = fraction >= 1 ? 'finishing' : p.trials > 0 ? `~${formatDuration((elapsed * (total - p.trials)) / p.trials)} left` : undefined;
      const prefix = p.stage ? `${stageName(p.stage)}: ` : '';
      const columns = stderr.columns !== undefined && stderr.columns > 0 ? stderr.columns : 80;
      const tailOf = (parts: ReadonlyArray<string | undefined>) => ` ${(fraction * 100).toFixed(0).padStart(3)}% ${parts.filter(Boolean).join(' · ')} `;
      // On a narrow terminal the trial count goes first: the target and the time left matter more.
      let tail = tailOf([halfWidth, trials, cap, left]);
      if (prefix.length + tail.length + 12 > columns - 1) tail = tailOf([halfWidth, cap, left]);
      const width = Math.max(10, Math.min(40, columns - 1 - prefix.length - tail.length - 2));
      const filled = Math.round(fraction * width);
      // Never longer than the terminal is wide: a wrapped line would not be redrawn in place.
      const line = `${prefix}[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${tail}`;
      // ESC [K clears what a longer previous line left to the right.
      write(`\r${[...line].slice(0, Math.max(20, columns - 1)).join('')}\u001b[K`);
    },
    done(): void {
      if (drawn) write('\r\u001b[2K');
    },
  };
}
