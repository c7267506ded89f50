/**
 * Rich display of a run in a Jupyter notebook. Deno's Jupyter kernel (and any frontend that
 * follows the same convention) shows a cell's last value through its
 * `[Symbol.for('Jupyter.display')]()` method, which returns a MIME bundle. The results
 * themselves stay plain JSON-compatible data (the engine does not depend on the report room),
 * so {@link displayable} wraps one in a small object that carries the method.
 */
import type { SimulationResult } from '../engine/types';
import { escapeHtml } from './escape';
import { formatCount, formatPercent } from './format';
import { dotWhiskerChart } from './svg';
import { summarize, whenText } from './text';
import { acrossWorldsText, simulationErrorText } from './uncertainty';

/** `Symbol.for('Jupyter.display')`: the key of the display method that Deno's Jupyter kernel looks for. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as never;

/** A Jupyter MIME bundle: the same content as plain text and as self-contained HTML. */
export interface MimeBundle {
  readonly 'text/plain': string;
  readonly 'text/html': string;
}

/** What {@link displayable} returns: an object a Deno Jupyter cell shows as a table and a chart. */
export interface Displayable {
  /** The result it shows, unchanged. */
  readonly result: SimulationResult;
  /** Called by the kernel when the object is a cell's last expression. */
  [JUPYTER_DISPLAY](): MimeBundle;
}

/**
 * The MIME bundle of a run: `text/plain` is {@link summarize}'s summary (what the CLI prints);
 * `text/html` is a table of the events (probability, simulation error, 90% range across the
 * model's worlds) and a dot-and-whisker chart of them, self-contained (inline styles and SVG).
 */
function mimeBundle(result: SimulationResult): MimeBundle {
  const events = Object.entries(result.events);
  const rows = events
    .map(([name, e]) => {
      const label = e.given ? `${name} | ${e.given}` : name;
      const cells = [formatPercent(e.probability), simulationErrorText(e), acrossWorldsText(e)];
      return `<tr><th scope="row" style="text-align:left;font-weight:normal;padding:1px 8px 1px 0">${escapeHtml(label)}</th>${cells.map((c, i) => `<td style="text-align:${i === 0 ? 'right' : 'left'};padding:1px 8px">${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  const chart = dotWhiskerChart({
    kind: 'events',
    title: "Each event's probability, with its 90% range across the model's worlds",
    rows: events.map(([name, e]) => ({
      label: e.given ? `${name} | ${e.given}` : name,
      value: e.probability,
      lo: e.acrossWorlds?.quantiles.p5,
      hi: e.acrossWorlds?.quantiles.p95,
      valueText: formatPercent(e.probability),
    })),
    axis: 'percent',
    axisTitle: "probability (dot) and 90% range across the model's worlds (whisker)",
    width: 640,
  });
  const variant = result.manifest.variant ? `, variant ${result.manifest.variant}` : '';
  const html = [
    `<div class="scenario-odds-result" style="font-family:system-ui,sans-serif;font-size:13px">`,
    `<div style="font-weight:600">${escapeHtml(result.scenario.title)} (${escapeHtml(result.scenario.id)}${escapeHtml(variant)})</div>`,
    `<div style="color:#555">${escapeHtml(whenText(result))}</div>`,
    `<table style="border-collapse:collapse;margin:6px 0;font-size:inherit"><thead><tr><th></th><th style="text-align:right;padding:1px 8px">P</th><th style="text-align:left;padding:1px 8px">simulation error (95%)</th><th style="text-align:left;padding:1px 8px">across the model's worlds (90%)</th></tr></thead><tbody>${rows}</tbody></table>`,
    chart,
    `<div style="color:#555">${escapeHtml(`${formatCount(result.trials)} trials · seed ${result.seed} · stopped: ${result.stoppedBecause}`)}</div>`,
    `</div>`,
  ].join('\n');
  return { 'text/plain': summarize(result), 'text/html': html };
}

/**
 * Wraps a run's result for rich display in a Deno Jupyter notebook: left as a cell's last
 * expression, it shows as a table of the events and a small chart (and as the CLI's text summary
 * where HTML cannot be shown). The result itself is not changed; it is kept as `.result`.
 *
 * @example
 * ```ts
 * const result = simulateSync(builtinScenario('four-factors')!, { seed: 1 });
 * displayable(result); // as the last expression of a Deno Jupyter cell
 * ```
 */
export function displayable(result: SimulationResult): Displayable {
  return {
    result,
    [JUPYTER_DISPLAY]: () => mimeBundle(result),
  };
}
