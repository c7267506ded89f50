/**
 * `scenario-odds playground` as a process (issue 18): it serves the built page on 127.0.0.1,
 * prints its address, serves a scenario file as scenario.json, refuses bad input with exit 2,
 * answers only the files it was given, and stops on SIGTERM with exit code 0. The page itself
 * is tested in a browser by tests/browser/playground.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, expectRefusals, show, startPlayground } from './helpers';

let dir = '';

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'playground-cli-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const coin = { id: 'coin', title: 'A coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { landsHeads: 'heads' } };

describe('scenario-odds playground', () => {
  it('serves the page for the flagship by default, with a same-origin-only policy, and stops on SIGTERM with exit 0', async () => {
    const running = await startPlayground([]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?id=trump-kim-summit$/);
    const origin = new URL(running.url).origin;
    const page = await fetch(running.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('app.js');
    // No external request: every src and href in the page is relative.
    expect(html.match(/(?:src|href)="(?:https?:)?\/\//g)).toBeNull();
    for (const file of ['/app.js', '/worker.js', '/style.css']) expect((await fetch(origin + file)).status, file).toBe(200);
    expect((await fetch(`${origin}/app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // Only the files it was given: nothing else, however the path is written.
    for (const path of ['/package.json', '/../package.json', '/%2e%2e/package.json', '/scenario.json', '/app.js/']) expect((await fetch(origin + path)).status, path).toBe(404);
    expect((await fetch(origin, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${origin}/app.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const r = await running.stop();
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('Playground stopped.');
    expect(r.stderr).toBe('');
  }, 60_000);

  it('serves a scenario file as scenario.json, on the port asked for', async () => {
    const file = join(dir, 'coin.json');
    writeFileSync(file, JSON.stringify(coin));
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const running = await startPlayground([file, '--port', String(free)]);
    expect(running.url).toBe(`http://127.0.0.1:${free}/?load=scenario.json&name=${encodeURIComponent(file)}`);
    expect(await (await fetch(`http://127.0.0.1:${free}/scenario.json`)).json()).toEqual(coin);
    // A second playground on the same port is refused with one clear line.
    await expectRefusals([[['playground', '--port', String(free)], /^scenario-odds: playground: cannot listen on port \d+ \(in use\); choose another with --port, or --port 0 for any free one$/]]);
    expect((await running.stop()).code).toBe(0);
  }, 60_000);

  it('refuses an invalid scenario, a bad port and extra arguments with exit 2, before serving anything', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...coin, factors: { heads: { dist: 'bernoulli', p: 2 } } }));
    await expectRefusals([
      [['playground', bad], /bad\.json: factors\.heads\.p: p must be between 0 and 1 \(got 2\)$/],
      [['playground', '--port', 'eighty'], /--port must be a whole number from 0 to 65535 \(got "eighty"\)/],
      [['playground', '--port', '70000'], /--port must be a whole number from 0 to 65535 \(got "70000"\)/],
      [['playground', 'a', 'b'], /expected at most one scenario file or id, got a b/],
      [['playground', 'no-such-thing'], /no-such-thing: .*no built-in scenario has that id/],
    ]);
  }, 60_000);
});
