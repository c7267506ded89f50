/**
 * The playground as a person uses it (issue 18), in headless Chromium against the built page
 * served by `scenario-odds playground`: the flagship loads and shows its odds; moving a weight
 * changes the probability and shows the paired difference against the scenario as loaded; the
 * downloaded report (report.json with report.html beside it) passes `scenario-odds verify`
 * (exit 0); a bad scenario file gives a clear message in the page; the page makes no request
 * outside its own origin and never scrolls sideways at 400 px. Screenshots land in
 * test-output/playground/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runCli, show, startPlayground, type RunningPlayground } from '../cli/helpers';
import { hasChromium, launchChromium, skipReason } from '../helpers/browser';

const OUT = join(ROOT, 'test-output', 'playground');
/** Long enough for a 100,000-trial run of the flagship and its paired comparison on a busy CI machine. */
const RUN_TIMEOUT = 60_000;

let running: RunningPlayground | undefined;
let browser: Browser | undefined;
let dir = '';

beforeAll(async () => {
  if (!hasChromium) return;
  assertBuilt();
  mkdirSync(OUT, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'playground-browser-'));
  running = await startPlayground([]);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (running) expect((await running.stop()).code).toBe(0);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A page at `width` px that records requests leaving the playground's origin and every page error. */
async function open(width: number): Promise<{ page: Page; outside: string[]; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  const origin = new URL(running!.url).origin;
  const outside: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) outside.push(url);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(running!.url);
  return { page, outside, errors };
}

/** Waits until the run in progress is done and returns the lead event's probability as shown. */
async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => /^Done/.test(document.getElementById('status')?.textContent ?? '') && !document.getElementById('events')?.classList.contains('stale'), undefined, { timeout: RUN_TIMEOUT });
  return (await page.locator('#events .prob').first().textContent()) ?? '';
}

describe(`the playground in a browser${skipReason}`, () => {
  it.skipIf(!hasChromium)('loads the flagship; a moved weight changes the odds and shows the paired difference; the downloaded report verifies', async () => {
    const { page, outside, errors } = await open(1200);
    const before = await settled(page);
    expect(before).toMatch(/^\d+(\.\d+)?%$/);
    await page.screenshot({ path: join(OUT, 'flagship-1200.png') });

    // US domestic constraints weigh more: the weight's mean from -5 to -8 (see the flagship guide).
    const weight = page.locator('input[type=number][data-key="wDomestic.mean"]');
    await weight.fill('-8');
    await weight.press('Enter');
    const after = await settled(page);
    expect(after).not.toBe(before);
    const diff = page.locator('#events [data-diff="summit"]');
    await expect.poll(async () => (await diff.textContent()) ?? '', { timeout: RUN_TIMEOUT }).toMatch(/^[+−-]\d+\.\d+ pp \[[−-]?\d+\.\d+, [−-]?\d+\.\d+\]/);
    // The address holds the change, so a link reproduces the view.
    expect(new URL(page.url()).searchParams.getAll('set')).toContain('wDomestic.mean=-8');
    await page.screenshot({ path: join(OUT, 'flagship-moved-1200.png'), fullPage: true });

    await page.locator('#download-button').click();
    for (const name of ['report.json', 'report.html']) {
      const link = page.locator(`a[data-file="${name}"]`);
      await link.waitFor({ timeout: RUN_TIMEOUT });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      await download.saveAs(join(dir, name));
    }
    const verified = await runCli(['verify', join(dir, 'report.json')], { timeoutMs: 120_000 });
    expect(verified.code, show(verified)).toBe(0);
    expect(verified.stdout).toMatch(/reproduced/);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it.skipIf(!hasChromium)('says clearly what is wrong with a bad scenario file, in the page', async () => {
    const { page, errors } = await open(1200);
    await settled(page);
    const bad = { id: 'coin', title: 'A coin', factors: { heads: { dist: 'bernoulli', p: 2 } }, events: { landsHeads: 'heads' } };
    await page.locator('#file-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const alert = page.locator('#alerts');
    await expect.poll(async () => (await alert.textContent()) ?? '', { timeout: RUN_TIMEOUT }).toContain('factors.heads.p: p must be between 0 and 1 (got 2)');
    await page.screenshot({ path: join(OUT, 'bad-file-1200.png') });
    await page.locator('#file-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "id": ') });
    await expect.poll(async () => (await alert.textContent()) ?? '', { timeout: RUN_TIMEOUT }).toMatch(/broken\.json/);
    expect(errors).toEqual([]);
  }, 120_000);

  it.skipIf(!hasChromium)('reads well at 400 px: no sideways scroll, every control labelled, the answer on the first screen', async () => {
    const { page, errors } = await open(400);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, textarea, button'))
        .filter((c) => !(c as HTMLElement).hidden && (c as HTMLInputElement).type !== 'hidden')
        .filter((c) => !(c.id && document.querySelector(`label[for="${c.id}"]`)) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby') && !(c.textContent ?? '').trim())
        .map((c) => c.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    const top = await page.locator('#events .prob').first().boundingBox();
    expect(top && top.y + top.height).toBeLessThanOrEqual(900);
    await page.screenshot({ path: join(OUT, 'flagship-400.png') });
    await page.screenshot({ path: join(OUT, 'flagship-400-full.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
