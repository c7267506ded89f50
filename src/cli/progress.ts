import type { Progress } from '../engine/simulate';
import { formatCount } from '../report/format';
import type { CliOutput } from './io';

/** Shown only once a run has taken this long, so quick runs print nothing on stderr. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

/**
 * A progress bar on a terminal's stderr, drawn for runs longer than about a second and
 * erased when done. Returns undefined (no bar) when stderr is not a terminal. The bar is the
 * CLI's own text (numbers only), so it goes through `writeControl`, past the control-character
 * filter that would strip its carriage returns.
 */
export function progressBar(stderr: CliOutput) {
  if (!stderr.isTTY) return undefined;
  const write = (text: string) => (stderr.writeControl ? stderr.writeControl(text) : stderr.write(text));
  const start = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p: Progress): void {
      const now = Date.now();
      if (now - start < SHOW_AFTER_MS || now - lastDraw < REDRAW_EVERY_MS) return;
      lastDraw = now;
      drawn = true;
      const fraction = Math.min(1, p.trials / p.target);
      const width = Math.max(10, Math.min(40, (stderr.columns ?? 80) - 50));
      const filled = Math.round(fraction * width);
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${formatCount(p.trials)} trials `);
    },
    done(): void {
      if (drawn) write('\r\u001b[2K');
    },
  };
}
