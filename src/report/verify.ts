import { ScenarioError, formatIssues } from '../issues';
import { canonicalHash, canonicalJson } from '../model/canonical';
import type { Manifest } from '../engine/types';
import { reportHashOf, resultsOf, runRecorded } from './build';
import { asReport, parseReport, ReportError } from './json';
import type { Report, SimulateFn, VerifyDifference, VerifyProblem, VerifyResult } from './types';

/** Most differences listed per problem (the count says how many there were in all). */
const MAX_LISTED = 50;

/**
 * Re-runs a report's embedded scenario with its recorded seed and settings and checks that
 * every number comes out the same. Three checks, all reported (not just the first):
 * the report's content against its `reportHash` (edited after it was written?), the embedded
 * results against the recorded `manifest.resultsHash` (numbers edited by hand?), and the
 * re-run's results, scenario hash and per-chunk estimates against the embedded ones (naming
 * each field that differs). Analyses are covered by `reportHash` but not re-run.
 *
 * When numbers differ, `likelyCause` names what differs between the run that wrote the report
 * and this one: library version, Node major version, RNG algorithm or chunk size.
 *
 * @param input - the text of a `report.json`, or the report object itself.
 * @param options - `signal` aborts the re-run (default: none); `simulate` is the engine that
 *   re-runs it (default: the core `simulate`; see {@link SimulateFn}).
 * @throws {ReportError} (one-line message) when the input is not a readable report, or its
 *   embedded scenario or settings cannot be run at all.
 * @example
 * ```ts
 * const text = renderJson(await buildReport({ id: 'coin', title: 'A coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { landsHeads: 'heads' } }, { seed: 1, trials: 10_000 }));
 * const verdict = await verifyReport(text);
 * verdict.reproduced; // true
 * const edited = await verifyReport(text.replace(/"probability": [\d.e-]+/, '"probability": 0.6'));
 * edited.reproduced; // false, naming events.landsHeads.probability
 * ```
 */
export async function verifyReport(input: unknown, options: { signal?: AbortSignal; simulate?: SimulateFn } = {}): Promise<VerifyResult> {
  const report = typeof input === 'string' ? parseReport(input) : asReport(input);
  const m = report.manifest;
  const problems: VerifyProblem[] = [];

  const contentHash = reportHashOf(report);
  if (contentHash !== report.reportHash) {
    problems.push({ code: 'report-edited', message: `the report was edited after it was written: its content hashes to ${short(contentHash)}, but it records reportHash ${short(report.reportHash)}` });
  }
  const embeddedHash = canonicalHash(report.results);
  if (embeddedHash !== m.resultsHash) {
    problems.push({ code: 'results-edited', message: `the embedded results were edited: they hash to ${short(embeddedHash)}, but the manifest records resultsHash ${short(m.resultsHash)}` });
  }

  const rerun = await rerunOf(report, options);
  if (rerun.manifest.scenarioHash !== m.scenarioHash) {
    problems.push({ code: 'scenario-edited', message: `the embedded scenario was edited: it hashes to ${short(rerun.manifest.scenarioHash)}, but the manifest records scenarioHash ${short(m.scenarioHash)}` });
  }
  const resultDiffs = differences(report.results, rerun.results);
  if (resultDiffs.list.length > 0 || rerun.manifest.resultsHash !== m.resultsHash) {
    problems.push({
      code: 'results-differ',
      message: `the re-run differs from the report in ${describe(resultDiffs.list, resultDiffs.count)}${rerun.manifest.resultsHash === m.resultsHash ? '' : ` (re-run resultsHash ${short(rerun.manifest.resultsHash)}, recorded ${short(m.resultsHash)})`}`,
      differences: resultDiffs.list,
    });
  }
  const convergenceDiffs = differences(report.convergence, rerun.convergence, 'convergence');
  if (convergenceDiffs.list.length > 0) {
    problems.push({ code: 'convergence-differs', message: `the re-run's per-chunk estimates differ from the report's in ${describe(convergenceDiffs.list, convergenceDiffs.count)}`, differences: convergenceDiffs.list });
  }

  const cause = problems.some((p) => p.code === 'results-differ' || p.code === 'convergence-differs') ? likelyCause(m, rerun.manifest, problems) : undefined;
  return {
    reproduced: problems.length === 0,
    scenario: { id: String(report.scenario.id), title: String(report.scenario.title) },
    seed: m.seed,
    trials: m.trials,
    resultsHash: m.resultsHash,
    problems,
    ...(cause === undefined ? {} : { likelyCause: cause }),
  };
}

async function rerunOf(report: Report, { signal, simulate }: { signal?: AbortSignal; simulate?: SimulateFn }) {
  const { seed, asOf, settings } = report.manifest;
  try {
    // The recorded date, never today's: a forecast is re-run as of the day it was made.
    const { horizon, noneThrough } = settings;
    const when = { asOf, ...(horizon !== undefined ? { horizon } : {}), ...(noneThrough !== undefined ? { noneThrough } : {}) };
    const { result, convergence } = await runRecorded(report.scenario, { seed, trials: settings.trials, halfWidth: settings.halfWidth, maxTrials: settings.maxTrials, ...when, signal }, simulate);
    // Compared as report.json holds them: through JSON (no undefined keys, -0 as 0).
    return JSON.parse(JSON.stringify({ results: resultsOf(result), convergence, manifest: result.manifest })) as Pick<Report, 'results' | 'convergence' | 'manifest'>;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more)` : '';
    throw new ReportError(`cannot re-run the embedded scenario: ${formatIssues(e.issues.slice(0, 1))}${more}`);
  }
}

function short(hash: string): string {
  return typeof hash === 'string' && hash.length > 16 ? `${hash.slice(0, 16)}…` : String(hash);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Every leaf where `recorded` and `rerun` differ, by path (the first {@link MAX_LISTED}). */
function differences(recorded: unknown, rerun: unknown, root = ''): { list: VerifyDifference[]; count: number } {
  const list: VerifyDifference[] = [];
  let count = 0;
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
    } else if (isRecord(a) && isRecord(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
      for (const k of keys) walk(a[k], b[k], path ? `${path}.${k}` : k);
    } else if (canonicalJson(a) !== canonicalJson(b)) {
      count++;
      if (list.length < MAX_LISTED) list.push({ path: path || '(root)', recorded: a, rerun: b });
    }
  };
  walk(recorded, rerun, root);
  return { list, count };
}

function show(v: unknown): string {
  return v === undefined ? 'absent' : canonicalJson(v);
}

/** "2 values (events.summit.probability: report 0.09, re-run 0.0848…; …)". */
function describe(list: readonly VerifyDifference[], count: number): string {
  const shown = list.slice(0, 3).map((d) => `${d.path}: report ${show(d.recorded)}, re-run ${show(d.rerun)}`);
  const rest = count > shown.length ? `; and ${count - shown.length} more` : '';
  return `${count} value${count === 1 ? '' : 's'} (${shown.join('; ')}${rest})`;
}

function nodeMajor(runtime: string): string | undefined {
  return /^node v(\d+)\./.exec(runtime)?.[1];
}

/** What differs between the run that wrote the report and this re-run, as a likely cause. */
function likelyCause(recorded: Manifest, current: Manifest, problems: readonly VerifyProblem[]): string {
  const causes: string[] = [];
  if (recorded.version !== current.version) causes.push(`a different library version (the report was written by scenario-odds ${recorded.version}; this is ${current.version})`);
  if (nodeMajor(recorded.runtime) !== nodeMajor(current.runtime)) causes.push(`a different Node major version (the report ran on ${recorded.runtime}; this is ${current.runtime})`);
  if (recorded.rngAlgorithm !== current.rngAlgorithm) causes.push(`a different random number generator (${recorded.rngAlgorithm}; this is ${current.rngAlgorithm})`);
  if (recorded.chunkSize !== current.chunkSize) causes.push(`a different chunk size (${recorded.chunkSize}; this is ${current.chunkSize})`);
  if (causes.length > 0) return causes.join('; ');
  if (problems.some((p) => p.code !== 'results-differ' && p.code !== 'convergence-differs')) return 'the report was edited by hand (see above); same library version, Node major version, RNG and chunk size';
  return `none found: same library version (${current.version}), Node major version, RNG and chunk size, so the numbers should match; please report this as a bug`;
}
