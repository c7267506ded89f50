/**
 * The HTML report as a reader sees it: the flagship's report (with every analysis, hand-built)
 * opened in headless Chromium. Every chart must be there and drawn, no request may leave the
 * page, no two pieces of chart text may overlap, scenario text must stay text, and screenshots
 * land in test-output/report/ for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trumpKimSummit } from '../../src/scenarios';
import { buildReport } from '../../src/report/build';
import { renderHtml } from '../../src/report/html';
import type { Scenario } from '../../src/model/types';
import { hasChromium, launchChromium, skipReason } from '../helpers/browser';
import { ROOT } from '../cli/helpers';
import { flagshipAnalyses } from './fixtures';

const OUT = join(ROOT, 'test-output', 'report');
const XSS = '<img src=x onerror=alert(1)>';

/** Every chart kind the flagship's report draws when all analyses are given. */
const KINDS = ['events', 'split', 'timeline', 'convergence', 'spread', 'factor', 'comparison', 'tornado', 'waterfall', 'evidence'];

async function flagshipHtml(): Promise<string> {
  const first = await buildReport(trumpKimSummit, { seed: 2025, halfWidth: 0.005 });
  const report = await buildReport(trumpKimSummit, { seed: 2025, halfWidth: 0.005, analyses: flagshipAnalyses(first.manifest.scenarioHash) });
  return renderHtml(report);
}

async function xssHtml(): Promise<string> {
  const scenario: Scenario = {
    id: 'xss',
    title: XSS,
    description: `<script>alert(2)</script> & "quotes" 'too'`,
    params: { w: { value: 1, label: `<b onmouseover=alert(3)>w</b>`, source: '"><svg onload=alert(4)>' } },
    factors: { x: { dist: 'categorical', weights: { [`<i>a</i>`]: 1, '"b"': 2 }, label: `</text><script>alert(5)</script>` } },
    events: { e: { p: 'w * (x > 0)', label: XSS } },
  };
  return renderHtml(await buildReport(scenario, { seed: 1, trials: 20_000 }));
}

/** Opens HTML from a file and records every request the page makes. */
async function open(browser: Browser, name: string, html: string): Promise<{ page: Page; url: string; requests: string[]; dialogs: string[] }> {
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
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

describe.skipIf(!hasChromium)(`the HTML report in headless Chromium${skipReason}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart of the flagship, fetches nothing, overlaps no text, and saves screenshots', async () => {
    const { page, url, requests } = await open(browser, 'flagship', await flagshipHtml());
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          kind: svg.getAttribute('data-chart') ?? '',
          shapes: svg.querySelectorAll('path, rect, circle, line, polyline, polygon').length,
          texts: svg.querySelectorAll('text').length,
          width: box.width,
          height: box.height,
        };
      }),
    );
    for (const kind of KINDS) {
      const mine = charts.filter((c) => c.kind === kind);
      expect(mine.length, `no "${kind}" chart`).toBeGreaterThan(0);
      for (const c of mine) {
        expect(c.shapes, `${kind} chart has nothing drawn`).toBeGreaterThan(3);
        expect(c.texts, `${kind} chart has no labels`).toBeGreaterThan(2);
        expect(c.width > 100 && c.height > 80, `${kind} chart is ${c.width}x${c.height}`).toBe(true);
      }
    }
    // One chart per factor of the flagship; a convergence chart per event, as each varies
    // between worlds (the venue weights are uncertain too); one spread chart (summit's: the
    // others are 0/1 in each world or ratios over worlds).
    expect(charts.filter((c) => c.kind === 'factor')).toHaveLength(Object.keys(trumpKimSummit.factors!).length);
    expect(charts.filter((c) => c.kind === 'convergence')).toHaveLength(Object.keys(trumpKimSummit.events).length);
    expect(charts.filter((c) => c.kind === 'spread')).toHaveLength(1);

    const overlaps = await page.$$eval('svg.chart', (svgs) => {
      const found: string[] = [];
      for (const svg of svgs) {
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
            found.push(`${svg.getAttribute('data-chart')}: "${b.text}" sticks out of the chart`);
          }
        }
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i], boxes[j]];
            if (a.rotated || b.rotated) continue;
            const overlapX = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
            const overlapY = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
            if (overlapX > 1 && overlapY > 1) found.push(`${svg.getAttribute('data-chart')}: "${a.text}" overlaps "${b.text}"`);
          }
        }
      }
      return found;
    });
    expect(overlaps).toEqual([]);

    const foreign = requests.filter((r) => r !== url && !r.startsWith('data:'));
    expect(foreign, 'requests that left the page').toEqual([]);

    await page.screenshot({ path: join(OUT, 'flagship.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
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
