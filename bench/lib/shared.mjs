// What several benches share: a private copy of the build, the issue-7 reference model, and
// the statistics of repeated timings. Lives in bench/lib/ so bench/run.mjs does not run it.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The built package, from a private copy of dist/ (every parallel run starts threads from
 * dist/worker.js, and a build started meanwhile deletes dist/ first). A child process passes the
 * copy's directory as `given`. Returns the imported dist/node.js and the copy's directory.
 */
export async function privateBuild(bench, given) {
  let build = given;
  if (!build) {
    if (!existsSync(join(ROOT, 'dist', 'node.js')) || !existsSync(join(ROOT, 'dist', 'worker.js'))) {
      console.error(`bench/${bench}.mjs: dist/node.js or dist/worker.js is missing; build first (npx tsup or npm run build)`);
      process.exit(2);
    }
    build = mkdtempSync(join(os.tmpdir(), `scenario-odds-${bench}-`));
    cpSync(join(ROOT, 'dist'), join(build, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(build, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
    const dir = build;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return { lib: await import(join(build, 'dist', 'node.js')), build };
}

// The issue-7 reference model (the same model as bench/engine.mjs). `logit` is the name of a
// formula function, so the derived node is called `logOdds`.
export const BETAS = [[2, 5], [8, 2], [5, 3], [3, 3], [2, 2], [1, 4]];
export const MUS = [0.5, -0.4, 0.8, -0.2, 0.3, -0.6];
export const SD = 0.3;
export const REFERENCE = {
  id: 'issue-7-reference',
  title: 'Issue 7 reference model',
  factors: Object.fromEntries([
    ...BETAS.map(([alpha, beta], i) => [`x${i + 1}`, { dist: 'beta', alpha, beta }]),
    ...MUS.map((mean, i) => [`w${i + 1}`, { dist: 'normal', mean, sd: SD }]),
  ]),
  derived: { logOdds: `-2 + ${BETAS.map((_, i) => `w${i + 1} * x${i + 1}`).join(' + ')}` },
  events: { p: 'sigmoid(logOdds)' },
};

export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[lo + 1] ?? s[lo]) - s[lo]);
};
export const median = (xs) => quantile(xs, 0.5);
export const f = (x, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
export const pad = (s, n) => String(s).padStart(n);
export const padr = (s, n) => String(s).padEnd(n);

/** The positive whole number after `name` on the command line, or `fallback`; exits 2 for anything else. */
export function option(bench, name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) {
    console.error(`bench/${bench}.mjs: ${name} needs a positive whole number (got ${process.argv[i + 1]})`);
    process.exit(2);
  }
  return v;
}

/**
 * Samples this process's RSS every 20 ms (worker threads included: they are in the process)
 * until the returned function is called, which returns the peak in KB. Not
 * resourceUsage().maxRSS: on Linux a spawned child starts with its parent's maxRSS.
 */
export function trackPeakRss() {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  return () => {
    clearInterval(timer);
    sample();
    return peak / 1024;
  };
}

/**
 * CPU ms of the calling thread alone: Linux's per-thread counters (utime + stime of the task
 * whose id is the process id, in clock ticks of 10 ms), else the event loop's active time (which
 * also counts time the thread was ready but not scheduled).
 */
const TICK_MS = 10;
export function mainThreadMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return performance.eventLoopUtilization().active;
  }
}
