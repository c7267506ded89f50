import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's chromium, installed by .ci/run; tests that need it skip with a message when absent. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether headless Chromium can be launched here. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Why browser tests are skipped, for the test name. */
export const skipReason = hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM_PATH}; .ci/run installs Debian's chromium)`;

/**
 * Launches headless Chromium with the flags this machine needs: no sandbox as root, and no
 * background networking (the network is closed, so those connections only fail).
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
