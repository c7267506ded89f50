import { describe, expect, it } from 'vitest';
import { simulateSync } from '../../src/engine/simulate';
import { displayable, JUPYTER_DISPLAY } from '../../src/report/jupyter';
import { formatPercent } from '../../src/report/format';
import { summarize } from '../../src/report/text';
import { builtinScenario } from '../../src/scenarios';
import type { Scenario } from '../../src/model/types';

const summit = builtinScenario('trump-kim-summit')!;
const result = simulateSync(summit, { seed: 2025, trials: 20_000, asOf: '2026-12-04' });

describe('displayable (rich display in Deno Jupyter notebooks)', () => {
  it("has the method Deno's kernel calls, under Symbol.for('Jupyter.display')", () => {
    expect(JUPYTER_DISPLAY).toBe(Symbol.for('Jupyter.display'));
    const shown = displayable(result) as unknown as Record<symbol, unknown>;
    expect(typeof shown[Symbol.for('Jupyter.display')]).toBe('function');
  });

  it('gives a MIME bundle: the text summary, and an HTML table of the events with an SVG chart', () => {
    const bundle = displayable(result)[JUPYTER_DISPLAY]();
    expect(Object.keys(bundle).sort()).toEqual(['text/html', 'text/plain']);
    expect(bundle['text/plain']).toBe(summarize(result));
    const html = bundle['text/html'];
    expect(html).toContain('<table');
    expect(html).toContain('<svg');
    expect(html).toContain(formatPercent(result.events.summit.probability));
    expect(html).toContain(formatPercent(result.events.summit.acrossWorlds!.quantiles.p5));
    for (const name of Object.keys(result.events)) expect(html).toContain(name);
    expect(html).not.toMatch(/<script/i);
  });

  it('leaves the result as it was: same JSON, no new keys', () => {
    const before = JSON.stringify(result);
    const shown = displayable(result);
    shown[JUPYTER_DISPLAY]();
    expect(JSON.stringify(result)).toBe(before);
    expect(shown.result).toBe(result);
    expect(Object.getOwnPropertySymbols(result)).toEqual([]);
  });

  it('escapes scenario text in the HTML', () => {
    const hostile = {
      id: 'hostile',
      title: '<img src=x onerror=alert(1)>',
      factors: { x: { dist: 'uniform', min: 0, max: 1 } },
      events: { high: { p: 'x > 0.5' } },
    } as unknown as Scenario;
    const html = displayable(simulateSync(hostile, { seed: 1, trials: 10_000 }))[JUPYTER_DISPLAY]()['text/html'];
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
