/**
 * The layout of the HTML and Markdown reports (issue 17, "findings first"): they open with the
 * answer, then what was found, what drives it, the timeline, the inputs and sources (folded
 * away in HTML) and the reproducibility appendix; nothing that does not vary gets a chart or an
 * interval; scenario text's `code` shows as code, never as backticks; every full-width chart has
 * a narrow drawing for phones. What a browser makes of it is in browser.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/types';
import { buildReport } from '../../src/report/build';
import { codeSpans, headlineEvent } from '../../src/report/common';
import { renderHtml } from '../../src/report/html';
import { renderMarkdown } from '../../src/report/markdown';
import { boxChart, COMPACT_WIDTH, dotWhiskerChart } from '../../src/report/svg';
import type { Report } from '../../src/report/types';
import { trumpKimSummit } from '../../src/scenarios';
import { flagshipAnalyses } from './fixtures';

const RUN = { seed: 2025, halfWidth: 0.005, asOf: '2026-12-04' } as const;

/** Fixed params, a constant factor and `code` in its prose, with markup inside the code. */
const fixed: Scenario = {
  id: 'fixed',
  title: 'A `fixed` share',
  description: 'Reads `share` and `<b>bold</b>`; a lone ` stays.',
  sources: [{ id: 'doc', title: 'A note', note: 'quotations in `source` fields' }],
  params: { share: { value: 0.3, source: 'judgment on `share`' } },
  factors: { two: { dist: 'constant', value: 2 }, u: { dist: 'uniform', min: 0, max: 1 } },
  events: { fixedShare: 'share', coin: { p: 'u < 0.5 * two / 2', label: 'A coin' }, tilted: { p: 'u * share', label: 'Tilted' } },
};

let full: Report;
let plain: Report;
let small: Report;

beforeAll(async () => {
  plain = await buildReport(trumpKimSummit, RUN);
  full = await buildReport(trumpKimSummit, { ...RUN, analyses: flagshipAnalyses(plain.manifest.scenarioHash) });
  small = await buildReport(fixed, { seed: 1, trials: 20_000, asOf: '2026-12-04' });
});

/** The ids of the page's top-level sections, in order. */
const sections = (html: string) => [...html.matchAll(/^<section id="([a-z]+)"/gm)].map((m) => m[1]);

describe('the HTML report, findings first', () => {
  it('opens with the headline, then what was found, what drives it, the timeline, the inputs and the appendix', () => {
    expect(sections(renderHtml(full))).toEqual(['summary', 'found', 'drivers', 'timeline', 'inputs', 'reproduce']);
    expect(sections(renderHtml(plain))).toEqual(['summary', 'found', 'timeline', 'inputs', 'reproduce']);
    expect(sections(renderHtml(small))).toEqual(['summary', 'found', 'inputs', 'reproduce']);
  });

  it('puts the answer right under the title: event, window and as-of date, probability in words and numbers, simulation error, spread', () => {
    const html = renderHtml(full);
    const e = full.results.events.summit;
    const head = html.slice(html.indexOf('<h1>'), html.indexOf('<nav'));
    expect(headlineEvent(full)).toBe('summit');
    expect(head).toContain('<h2 class="q">Trump–Kim summit in the forecast window</h2>');
    expect(head).toContain('Forecast as of 2026-12-04 · window 2026-12-04 to 2027-12-03');
    expect(head).toContain(`<span class="prob" data-headline>${(e.probability * 100).toFixed(2)}%</span>`);
    expect(head).toContain('<span class="term">almost no chance</span> <span class="band">ICD-203 1–5%</span>');
    expect(head).toMatch(/<dt>Simulation error<\/dt><dd>±0\.0\d+ pp/);
    expect(head).toMatch(/<dt>Across the model's worlds<\/dt><dd>0\.\d\d% – \d+\.\d\d%/);
    expect(head).toContain('data-chart="spread"');
    // Nothing of the inputs or the run comes before it.
    expect(html.indexOf('data-headline')).toBeLessThan(html.indexOf('id="found"'));
    expect(html.indexOf('id="inputs"')).toBeGreaterThan(html.indexOf('id="timeline"'));
  });

  it('folds the inputs and long quotations away in <details>, without script', () => {
    const html = renderHtml(full);
    const inputs = html.slice(html.indexOf('<section id="inputs">'), html.indexOf('<section id="reproduce">'));
    for (const id of ['factors', 'formulas', 'variants', 'sources']) expect(inputs).toContain(`<details id="${id}"><summary>`);
    expect(inputs).toContain(`<summary>Factors (${Object.keys(trumpKimSummit.factors!).length})</summary>`);
    // The factor charts are small multiples inside a fold, not 25 big charts up front.
    const folded = inputs.slice(inputs.indexOf('Factor distributions'));
    expect(folded.match(/data-chart="factor"/g)).toHaveLength(Object.keys(trumpKimSummit.factors!).length);
    expect(html.slice(0, html.indexOf('<section id="inputs">'))).not.toContain('data-chart="factor"');
    // Every long source quotation is behind a "source" fold.
    const quote = trumpKimSummit.factors!.russiaAlliance.source!;
    const at = html.indexOf(quote.slice(0, 40).replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
    expect(at).toBeGreaterThan(0);
    expect(html.lastIndexOf('<details class="more"><summary>why, and the source</summary>', at)).toBeGreaterThan(html.lastIndexOf('</details>', at));
    // The convergence charts are in the appendix, folded.
    const appendix = html.slice(html.indexOf('<section id="reproduce">'));
    expect(appendix).toContain('<details id="convergence">');
    expect(html.slice(0, html.indexOf('<section id="reproduce">'))).not.toContain('data-chart="convergence"');
    expect(html).not.toMatch(/<script|onclick|onload/i);
  });

  it('draws each full-width chart wide and narrow, and prints the wide one with every fold open', () => {
    const html = renderHtml(full);
    const pairs = [...html.matchAll(/<div class="wide"><svg [^>]*data-chart="([a-z]+)" viewBox="0 0 (\d+) [\d.]+"[\s\S]*?<\/svg><\/div><div class="narrow"><svg [^>]*data-chart="([a-z]+)" viewBox="0 0 (\d+) /g)];
    expect(pairs.map((m) => m[1]).sort()).toEqual(['comparison', 'comparison', 'events', 'evidence', 'split', 'timeline', 'tornado', 'waterfall']);
    for (const m of pairs) {
      expect(m[3]).toBe(m[1]);
      expect(Number(m[2])).toBeGreaterThanOrEqual(COMPACT_WIDTH);
      expect(Number(m[4])).toBeLessThan(COMPACT_WIDTH);
    }
    expect(html).toMatch(/@media \(max-width: [\d.]+px\) \{\n {2}\.wide \{ display: none; \}\n {2}\.narrow \{ display: block; \}/);
    expect(html).toContain('@media print { details::details-content { content-visibility: visible; display: block; } }');
  });

  it('gives no chart and no interval to a quantity that does not vary', () => {
    const html = renderHtml(small);
    // The fixed share is not the headline (it follows from a param), the varying coin is.
    expect(headlineEvent(small)).toBe('coin');
    expect(html).toMatch(/<td>fixedShare <span class="name"><code>fixedShare<\/code><\/span>.*?<\/td><td data-label="Probability" class="num">30\.00%<\/td><td data-label="Simulation error \(95%\)" class="num">exact<\/td><td data-label="Across the model&#39;s worlds \(90%\)" class="num">the same in every world<\/td>/);
    // The events chart holds the two events that vary; no convergence for the fixed one; no chart of the constant factor.
    const events = html.slice(html.indexOf('data-chart="events"'), html.indexOf('</svg>', html.indexOf('data-chart="events"')));
    expect(events).toContain('A coin');
    expect(events).toContain('Tilted');
    expect(events).not.toContain('fixedShare');
    expect(html).toContain('events that are the same in every world are in the table only');
    expect(html).not.toContain('aria-label="Estimate of fixedShare as trials accumulate"');
    expect(html).toContain('aria-label="Estimate of A coin as trials accumulate"');
    expect(html).not.toContain('aria-label="Distribution of two"');
    expect(html).toContain('aria-label="Distribution of u"');
    // A whisker of no width is not drawn.
    const dots = dotWhiskerChart({ kind: 'x', title: 't', axis: 'percent', axisTitle: 'p', rows: [{ label: 'same', value: 0.3, lo: 0.3, hi: 0.3, valueText: '30%' }] });
    expect(dots.match(/<line /g)?.length).toBe(dots.match(/<line [^>]*stroke="#e5e7eb"/g)!.length + dots.match(/<line [^>]*stroke="#9ca3af"/g)!.length);
  });

  it('shows `code` in scenario text as code, escaped, and never a backtick', () => {
    const html = renderHtml(small);
    expect(html).not.toContain('`'.repeat(1) + 'share');
    expect(html).toContain('<h1>A <code>fixed</code> share</h1>');
    expect(html).toContain('<title>A fixed share — scenario-odds report</title>');
    expect(html).toContain('Reads <code>share</code> and <code>&lt;b&gt;bold&lt;/b&gt;</code>; a lone ` stays.');
    expect(html).toContain('quotations in <code>source</code> fields');
    expect(html).toContain('judgment on <code>share</code>');
    expect(html).not.toMatch(/<b>|<\/b>/);
    // The flagship's own prose has code spans (its sources), and its page has no backtick at all.
    expect(renderHtml(full)).not.toContain('`');
    const md = renderMarkdown(small);
    expect(md.split('\n')[0]).toBe('# A `fixed` share');
    expect(md).toContain('Reads `share` and `<b>bold</b>`; a lone \\` stays.');
    expect(md).toContain('| quotations in `source` fields |');
    // A code span is no way around the removal of terminal controls.
    const sneaky = renderMarkdown({ ...small, asked: { ...small.asked, description: 'see `a\u001b]52;c;aGk=\u0007b`' } });
    expect(sneaky).toContain('see `a]52;c;aGk=b`');
    expect(renderHtml({ ...small, asked: { ...small.asked, description: 'see `a\u001b[2Jb`' } })).toContain('see <code>a[2Jb</code>');
  });

  it('splits text at code spans', () => {
    expect(codeSpans('quotations in `source` fields')).toEqual([{ text: 'quotations in ' }, { text: 'source', code: true }, { text: ' fields' }]);
    expect(codeSpans('`a``b`')).toEqual([{ text: 'a', code: true }, { text: 'b', code: true }]);
    expect(codeSpans('a lone ` here')).toEqual([{ text: 'a lone ` here' }]);
    expect(codeSpans('')).toEqual([{ text: '' }]);
  });
});

describe('the Markdown report, findings first', () => {
  const headings = (md: string) => md.split('\n').filter((l) => l.startsWith('## '));

  it('opens with the answer and ends with how to reproduce it', () => {
    const md = renderMarkdown(full);
    expect(headings(md)).toEqual(['## In brief', '## What was found', '## What drives it', '## Timeline', '## Inputs and sources', '## How to reproduce it']);
    expect(headings(renderMarkdown(plain))).toEqual(['## In brief', '## What was found', '## Timeline', '## Inputs and sources', '## How to reproduce it']);
    const brief = md.slice(md.indexOf('## In brief'), md.indexOf('## What was found'));
    expect(brief).toMatch(/^## In brief\n\n\*\*Trump–Kim summit in the forecast window: 4\.\d\d%, almost no chance\*\* \(ICD-203 1–5%\)\n\nForecast as of 2026-12-04 · window 2026-12-04 to 2027-12-03 · given no summit through 2026-05-15 \(effective sample [\d,]+ of 30,000 trials\)\.\n\n- Simulation error: ±0\.0\d+ pp \(95% interval 4\.\d\d% – \d\.\d\d% from 30,000 trials; more trials shrink it\)\n- Across the model's worlds: 0\.\d\d% – \d+\.\d\d% \(90% range, median \d\.\d\d%;/);
    expect(brief).toContain('- **Warning:** The simulation');
    expect(brief).toContain('Other findings:\n\n- An agenda both sides accept exists: ');
    // The drivers in the order of the HTML: tornado, waterfall, variants, evidence.
    const drivers = md.slice(md.indexOf('## What drives it'), md.indexOf('## Timeline'));
    expect(drivers.split('\n').filter((l) => l.startsWith('### '))).toEqual([
      '### Sensitivity: Trump–Kim summit in the forecast window',
      '### Attribution: Trump–Kim summit in the forecast window',
      '### What-if comparison',
      '### Evidence ledger: Trump–Kim summit in the forecast window',
    ]);
    // Inputs, then the appendix with the run, the manifest and the convergence.
    const inputs = md.slice(md.indexOf('## Inputs and sources'), md.indexOf('## How to reproduce it'));
    expect(inputs.split('\n').filter((l) => l.startsWith('### '))).toEqual(['### Factors', '### Formulas', '### Variants', '### Sources']);
    const appendix = md.slice(md.indexOf('## How to reproduce it'));
    expect(appendix.split('\n').filter((l) => l.startsWith('### '))).toEqual(['### The run', '### Manifest', '### Convergence']);
    // A difference that is zero in every trial says so instead of an interval of no width.
    expect(drivers).toContain('| `venueDmz` | 25.00% | 25.00% | none (the same in every trial) |');
  });
});

describe('the compact row charts', () => {
  it('put each label on a line of its own above its row when drawn narrow', () => {
    const rows = [{ label: 'A rather long label that would not fit in a column', p5: 0.01, p25: 0.02, p50: 0.03, p75: 0.05, p95: 0.1, mean: 0.04, valueText: '1% – 10%' }];
    const narrow = boxChart({ kind: 'spread', title: 't', rows, axis: 'percent', axisTitle: 'chance', width: 360 });
    const wide = boxChart({ kind: 'spread', title: 't', rows, axis: 'percent', axisTitle: 'chance', width: 760 });
    expect(narrow).toContain('<text x="8" y="');
    expect(narrow).toContain('>A rather long label that would not fit in a column</text>');
    expect(wide).toMatch(/<text x="[\d.]+" y="[\d.]+" fill="#1f2937" text-anchor="end" dy="0.32em">/);
  });
});
