/**
 * The HTML report as a reader sees it: the flagship's report (with every analysis, hand-built)
 * opened in headless Chromium on a phone (400 px) and on a wide screen (1200 px). The answer
 * must be on the first screen, the page must never scroll sideways, every chart must be there,
 * drawn and inside the page, no request may leave the page, no two pieces of chart text may
 * overlap, scenario text must stay text, and screenshots land in test-output/report/ for a
 * person to look at (flagship-400.png is the phone's first screen, flagship-400-full.png the
 * whole page as it opens, flagship-400-open.png with every fold open; the same for 1200, and
 * flagship-print.png as printed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trumpKimSummit } from '../../src/scenarios';
import { buildReport } from '../../src/report/build';
import { renderHtml } from '../../src/report/html';
import type { Report } from '../../src/report/types';
import type { Scenario } from '../../src/model/types';
import { hasChromium, launchChromium, skipReason } from '../helpers/browser';
import { ROOT } from '../cli/helpers';
import { flagshipAnalyses } from './fixtures';

const OUT = join(ROOT, 'test-output', 'report');
const XSS = '<img src=x onerror=alert(1)>';

/** Every chart kind the flagship's report draws when all analyses are given. */
const KINDS = ['events', 'split', 'timeline', 'convergence', 'spread', 'factor', 'comparison', 'tornado', 'waterfall', 'evidence'];

/** A phone and a wide screen, each with a first screen 800 px tall. */
const SCREENS = [
  { width: 400, height: 800 },
  { width: 1200, height: 800 },
] as const;

async function flagshipReport(): Promise<Report> {
  const first = await buildReport(trumpKimSummit, { seed: 2025, halfWidth: 0.005, asOf: '2026-12-04' });
  return buildReport(trumpKimSummit, { seed: 2025, halfWidth: 0.005, asOf: '2026-12-04', analyses: flagshipAnalyses(first.manifest.scenarioHash) });
}

async function xssHtml(): Promise<string> {
  const scenario: Scenario = {
    id: 'xss',
    title: XSS,
    description: `<script>alert(2)</script> & "quotes" 'too'`,
    params: { w: { value: 1, label: `<b onmouseover=alert(3)>w</b>`, source: '"><svg onload=alert(4)>' } },
    factors: { x: { dist: 'categorical', weights: { [`<i>a</i>`]: 1, '"b"': 2 }, label: `</text><script>alert(5)</script>` } },
    // Two events whose chance varies, so that the events chart draws their labels.
    events: { e: { p: 'w * (x > 0)', label: XSS }, f: { p: 'w * (x < 1)', label: `${XSS} "too"` } },
  };
  return renderHtml(await buildReport(scenario, { seed: 1, trials: 20_000 }));
}

/** Opens HTML from a file and records every request the page makes. */
async function open(browser: Browser, name: string, html: string, viewport: { width: number; height: number } = { width: 1100, height: 900 }): Promise<{ page: Page; url: string; requests: string[]; dialogs: string[] }> {
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, requests, dialogs };
}

/** How wide the page is against its viewport, and where the headline probability is. */
function layout(page: Page) {
  return page.evaluate(() => {
    const probability = document.querySelector('[data-headline]')!.getBoundingClientRect();
    return {
      viewport: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      headline: { top: probability.top + window.scrollY, bottom: probability.bottom + window.scrollY, text: document.querySelector('[data-headline]')!.textContent },
    };
  });
}

/** Each chart the page shows (of a chart drawn wide and narrow, the one CSS shows), with its size and place. */
function visibleCharts(page: Page) {
  return page.$$eval('svg.chart', (svgs) =>
    svgs
      .filter((svg) => svg.checkVisibility())
      .map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          kind: svg.getAttribute('data-chart') ?? '',
          shapes: svg.querySelectorAll('path, rect, circle, line, polyline, polygon').length,
          texts: svg.querySelectorAll('text').length,
          width: box.width,
          height: box.height,
          left: box.left,
          right: box.right,
        };
      }),
  );
}

/** Chart text that sticks out of its chart or overlaps other text, in the charts the page shows. */
function overlappingText(page: Page) {
  return page.$$eval('svg.chart', (svgs) => {
    const found: string[] = [];
    for (const svg of svgs.filter((s) => s.checkVisibility())) {
      const view = (svg as SVGSVGElement).viewBox.baseVal;
      const boxes = Array.from(svg.querySelectorAll('text')).map((t) => {
        const b = (t as SVGTextElement).getBBox();
        const m = (t as SVGTextElement).getCTM();
        // Rotated axis titles: swap to their on-screen extent.
        const rotated = m !== null && Math.abs(m.b) > 0.5;
        return { text: t.textContent ?? '', x: rotated ? b.x - b.height : b.x, y: b.y, w: rotated ? b.height : b.width, h: rotated ? b.width : b.height, rotated };
      });
      for (const b of boxes) {
        if (!b.rotated && (b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.w > view.x + view.width + 0.5 || b.y + b.h > view.y + view.height + 0.5)) {
          found.push(`${svg.getAttribute('data-chart')} (${view.width} wide): "${b.text}" sticks out of the chart`);
        }
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          if (a.rotated || b.rotated) continue;
          const overlapX = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
          const overlapY = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
          if (overlapX > 1 && overlapY > 1) found.push(`${svg.getAttribute('data-chart')} (${view.width} wide): "${a.text}" overlaps "${b.text}"`);
        }
      }
    }
    return found;
  });
}

describe.skipIf(!hasChromium)(`the HTML report in headless Chromium${skipReason}`, () => {
  let browser: Browser;
  let report: Report;
  let html: string;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    [browser, report] = await Promise.all([launchChromium(), flagshipReport()]);
    html = renderHtml(report);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const screen of SCREENS) {
    it(`at ${screen.width} px: the answer on the first screen, no sideways scroll, every chart drawn inside the page, no text overlapping, nothing fetched`, async () => {
      const { page, url, requests } = await open(browser, `flagship-${screen.width}`, html, screen);
      const shot = (suffix: string, fullPage: boolean) => page.screenshot({ path: join(OUT, `flagship-${screen.width}${suffix}.png`), fullPage });

      // As the page opens, folds closed.
      const first = await layout(page);
      expect(first.viewport).toBe(screen.width);
      expect(first.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(screen.width);
      expect(first.headline.text).toBe(`${(report.results.events.summit.probability * 100).toFixed(2)}%`);
      expect(first.headline.top).toBeGreaterThanOrEqual(0);
      expect(first.headline.bottom, 'the headline probability is below the first screen').toBeLessThanOrEqual(screen.height);
      // Findings first: the headline, then what was found, what drives it, the timeline, the inputs and the appendix.
      const order = await page.$$eval('main > section[id]', (sections) => sections.map((s) => s.id));
      expect(order).toEqual(['summary', 'found', 'drivers', 'timeline', 'inputs', 'reproduce']);
      // The inputs are folded away.
      expect(await page.$$eval('#inputs details', (ds) => ds.length > 0 && ds.every((d) => !(d as HTMLDetailsElement).open))).toBe(true);
      await shot('', false);
      await shot('-full', true);

      // Every fold open: still no sideways scroll (wide tables scroll in their own box), and every chart shown.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect((await layout(page)).scrollWidth, 'with every fold open, the page scrolls sideways').toBeLessThanOrEqual(screen.width);
      const charts = await visibleCharts(page);
      // Each figure shows one drawing of its chart (the wide or the narrow one).
      const figures = await page.$$eval('figure', (fs) => fs.map((f) => Array.from(f.querySelectorAll('svg.chart')).filter((s) => s.checkVisibility()).length));
      expect(figures.length).toBeGreaterThan(0);
      expect(new Set(figures)).toEqual(new Set([1]));
      for (const kind of KINDS) {
        const mine = charts.filter((c) => c.kind === kind);
        expect(mine.length, `no "${kind}" chart`).toBeGreaterThan(0);
        for (const c of mine) {
          expect(c.shapes, `${kind} chart has nothing drawn`).toBeGreaterThan(3);
          expect(c.texts, `${kind} chart has no labels`).toBeGreaterThan(2);
          expect(c.width > 100 && c.height > 80, `${kind} chart is ${c.width}x${c.height}`).toBe(true);
          expect(c.left >= 0 && c.right <= screen.width, `${kind} chart spans ${c.left}–${c.right} of ${screen.width} px`).toBe(true);
        }
      }
      // One small chart per factor of the flagship (none is a constant), in the folded inputs;
      // a convergence chart per event, as each varies between worlds (the venue weights are
      // uncertain too); the spread only beside the headline (the other events are 0 or 1 in
      // each world, or ratios over worlds).
      expect(charts.filter((c) => c.kind === 'factor')).toHaveLength(Object.keys(trumpKimSummit.factors!).length);
      expect(charts.filter((c) => c.kind === 'convergence')).toHaveLength(Object.keys(trumpKimSummit.events).length);
      expect(charts.filter((c) => c.kind === 'spread')).toHaveLength(1);
      expect(await overlappingText(page)).toEqual([]);
      // Scenario text with `code` in it shows code, not backticks.
      expect(await page.$eval('main', (m) => m.textContent)).not.toContain('`');

      const foreign = requests.filter((r) => r !== url && !r.startsWith('data:'));
      expect(foreign, 'requests that left the page').toEqual([]);
      await shot('-open', true);
      await page.close();
    });
  }

  it('prints every fold open, with the wide drawing of each chart', async () => {
    // About the width of an A4 page less its margins.
    const { page } = await open(browser, 'flagship-print', html, { width: 700, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      factors: document.querySelector('#factors table')!.checkVisibility(),
      nav: document.querySelector('nav')!.checkVisibility(),
      narrow: Array.from(document.querySelectorAll('.narrow svg.chart')).some((s) => s.checkVisibility()),
      wide: Array.from(document.querySelectorAll('.wide svg.chart')).every((s) => s.checkVisibility()),
    }));
    expect(printed).toEqual({ factors: true, nav: false, narrow: false, wide: true });
    await page.screenshot({ path: join(OUT, 'flagship-print.png'), fullPage: true });
    await page.close();
  });

  it('shows scenario text with markup in it as text, and runs none of it', async () => {
    const { page, requests, url, dialogs } = await open(browser, 'xss', await xssHtml());
    expect(await page.locator('h1').textContent()).toBe(XSS);
    expect(await page.title()).toContain(XSS);
    expect(await page.locator('img, script, b, i, body svg:not(.chart) ').count()).toBe(0);
    expect(await page.locator('svg.chart text', { hasText: XSS }).count()).toBeGreaterThan(0);
    expect(await page.locator('[onerror], [onload], [onmouseover]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
    await page.close();
  });
});
