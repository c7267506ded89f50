/**
 * What the suite needs from the machine. In CI (CI set, as .ci/run runs) a missing
 * prerequisite fails here, naming it and how .ci/run installs it, so browser tests cannot skip
 * silently; elsewhere the skip is announced on stderr where a person running the tests sees it.
 */
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium } from './browser';
import { hasParallel } from './parallel';

const inCi = Boolean(process.env.CI);

describe('test prerequisites', () => {
  it(`headless Chromium at ${CHROMIUM_PATH} (required when CI is set)`, () => {
    const why = `no Chromium at ${CHROMIUM_PATH}: the browser tests are skipped; .ci/run installs Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH`;
    if (!hasChromium && !inCi) console.warn(`[prerequisites] ${why}`);
    if (inCi) expect(hasChromium, why).toBe(true);
  });

  it('GNU parallel (required when CI is set)', () => {
    const why = "no GNU parallel: the sharding test under parallel is skipped; .ci/run installs Debian's parallel (apt-get install parallel)";
    if (!hasParallel && !inCi) console.warn(`[prerequisites] ${why}`);
    if (inCi) expect(hasParallel, why).toBe(true);
  });
});
