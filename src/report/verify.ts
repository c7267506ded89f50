import { ScenarioError, formatIssues } from '../issues';
import { canonicalHash, canonicalJson } from '../model/canonical';
import type { Overrides } from '../model/overrides';
import type { Scenario } from '../model/types';
import { prepare, settingsFrom } from '../engine/setup';
import { DEFAULT_MAX_TRIALS, DEFAULT_TRIALS, type Manifest, type SimulationResult } from '../engine/types';
import { buildReport, reportHashOf } from './build';
import { formatCount } from './format';
import { renderHtml } from './html';
import { asReport, parseReport, ReportError } from './json';
import { renderMarkdown } from './markdown';
import type { Report, ReportOptions, SimulateFn, VerifyDifference, VerifyOptions, VerifyProblem, VerifyResult, VerifySibling } from './types';

/** Most differences listed per problem (the count says how many there were in all). */
const MAX_LISTED = 50;

/**
 * The most trials {@link verifyReport} runs unless told otherwise: the engine's default cap for
 * a half-width run (10,000,000), so every report written with default settings verifies. A
 * report's settings come from its file, not from the person verifying it, so a larger request
 * is refused before anything is sampled.
 */
export const DEFAULT_TRIAL_BUDGET = DEFAULT_MAX_TRIALS;

/**
 * A report whose recorded settings ask for more trials than the budget allows: nothing was
 * run. The message is one line naming the setting; `setting`, `requested` and `budget` say the
 * same as data (the CLI adds the flag that raises the budget).
 */
export class TrialBudgetError extends ReportError {
  override name = 'TrialBudgetError';
  constructor(
    /** The field of report.json that asks for the trials, e.g. `manifest.settings.trials`. */
    readonly setting: string,
    /** The most trials the recorded settings may run. */
    readonly requested: number,
    readonly budget: number,
  ) {
    super(`the report's settings ask for up to ${formatCount(requested)} trials (${setting} is ${requested}), more than the trial budget of ${formatCount(budget)}; nothing was run`);
  }
}


/**
 * Fields a re-run cannot re-derive from the embedded scenario: how the scenario was named and
 * which variant (with its documentation) and written values it came from. They are taken as
 * recorded, and only `reportHash` covers them.
 */
const RECORDED_ONLY = 'asked.source, asked.variant (name, label and description) and the asWritten values in asked.factors and asked.params';

/**
 * Re-runs a report's embedded scenario with its recorded seed and settings, re-renders the
 * whole report from the re-run, and checks that the file is exactly that report. All checks are
 * reported (not just the first):
 *
 * - the report's content against its `reportHash` (`report-edited`), and the embedded results
 *   against `manifest.resultsHash` (`results-edited`);
 * - the re-run's scenario hash, results and per-chunk estimates against the recorded ones
 *   (`scenario-edited`, `results-differ`, `convergence-differs`), naming each field;
 * - every other field of the file against the report rendered from the re-run
 *   (`report-differs`): findings, what was asked, the manifest, the reproduce command, the
 *   embedded scenario. A forger who recomputes the hashes is caught here;
 * - the recorded library version and runtime against this one (`environment-differs`, when the
 *   numbers reproduce; when they differ, `likelyCause` says so instead). A report written with
 *   another runtime in the form the library writes (a browser's, from the playground) is not a
 *   difference, since the engine's bits are the same on every runtime: the notes say so;
 * - `report.md` and `report.html`, when given in `siblings`, byte for byte against the
 *   rendering of the report (`sibling-differs`).
 *
 * Not re-derived (taken as recorded, covered only by `reportHash`, which anyone can recompute):
 * the analyses (not re-run), `asked.source`, `asked.variant` and the `asWritten` values;
 * `generatedAt` is outside every check. `notes` and `notRederived` in the verdict say so.
 *
 * When numbers differ, `likelyCause` names what differs between the run that wrote the report
 * and this one: library version, Node major version, RNG algorithm or chunk size.
 *
 * @param input - the text of a `report.json`, or the report object itself.
 * @param options - see {@link VerifyOptions}: `signal`, `simulate`, `trialBudget` (default
 *   10,000,000 trials) and `siblings` (default none).
 * @throws {TrialBudgetError} (before sampling) when the recorded settings ask for more trials than `trialBudget`.
 * @throws {RangeError} when `trialBudget` is not a number of at least 1.
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
export async function verifyReport(input: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
  const report = typeof input === 'string' ? parseReport(input) : asReport(input);
  const m = report.manifest;
  const budget = options.trialBudget ?? DEFAULT_TRIAL_BUDGET;
  if (typeof budget !== 'number' || !(budget >= 1)) throw new RangeError(`trialBudget must be a number of trials, at least 1 (got ${String(budget)})`);
  checkBudget(m.settings, budget);
  const problems: VerifyProblem[] = [];

  const contentHash = reportHashOf(report);
  if (contentHash !== report.reportHash) {
    problems.push({ code: 'report-edited', message: `the report was edited after it was written: its content hashes to ${short(contentHash)}, but it records reportHash ${short(report.reportHash)}` });
  }
  const embeddedHash = canonicalHash(report.results);
  if (embeddedHash !== m.resultsHash) {
    problems.push({ code: 'results-edited', message: `the embedded results were edited: they hash to ${short(embeddedHash)}, but the manifest records resultsHash ${short(m.resultsHash)}` });
  }

  const rebuilt = await rebuild(report, options);
  const rerun = rebuilt.manifest;
  const scenarioEdited = rerun.scenarioHash !== m.scenarioHash;
  if (scenarioEdited) {
    problems.push({ code: 'scenario-edited', message: `the embedded scenario was edited: it hashes to ${short(rerun.scenarioHash)}, but the manifest records scenarioHash ${short(m.scenarioHash)}` });
  }
  const resultDiffs = differences(report.results, rebuilt.results);
  const resultsDiffer = resultDiffs.length > 0 || rerun.resultsHash !== m.resultsHash;
  if (resultsDiffer) {
    problems.push({
      code: 'results-differ',
      message: `the re-run differs from the report in ${describe(resultDiffs)}${rerun.resultsHash === m.resultsHash ? '' : ` (re-run resultsHash ${short(rerun.resultsHash)}, recorded ${short(m.resultsHash)})`}`,
      differences: listed(resultDiffs),
    });
  }
  const convergenceDiffs = differences(report.convergence, rebuilt.convergence, 'convergence');
  if (convergenceDiffs.length > 0) {
    problems.push({ code: 'convergence-differs', message: `the re-run's per-chunk estimates differ from the report's in ${describe(convergenceDiffs)}`, differences: listed(convergenceDiffs) });
  }

  // Everything else, field by field, against the report the re-run renders.
  let shown = differences(report, rebuilt, '', checkedHere);
  if (resultsDiffer && shown.some((d) => followsNumbers(d.path))) {
    // A report written where the numbers came out otherwise shows its own numbers in words:
    // a finding is wrong only if it matches neither the re-run's numbers nor the recorded ones.
    const own = await renderedFromRecorded(report, rebuilt);
    const unexplained = new Set(own ? differences(report, own, '', checkedHere).map((d) => d.path) : []);
    shown = shown.filter((d) => !followsNumbers(d.path) || !own || unexplained.has(d.path));
  }
  if (shown.length > 0) {
    if (scenarioEdited) {
      // The re-run describes the edited scenario; what the report shows describes the one that ran.
      const i = problems.findIndex((p) => p.code === 'scenario-edited');
      problems[i] = { ...problems[i], message: `${problems[i].message}; what the report shows differs from the re-run of the embedded scenario in ${describe(shown)}`, differences: listed(shown) };
    } else {
      problems.push({ code: 'report-differs', message: `the report differs from the one the re-run renders in ${describe(shown)}`, differences: listed(shown) });
    }
  }

  const environment = environmentDifferences(m, rerun);
  if (environment.length > 0 && !resultsDiffer && convergenceDiffs.length === 0) {
    const recorded = environment.map((d) => `${d.path} ${show(d.recorded)}`).join(', ');
    const here = environment.map((d) => show(d.rerun)).join(', ');
    problems.push({
      code: 'environment-differs',
      message: `every number reproduces, but the report records ${recorded} and this is ${here}: verify confirms a report only with the library version, runtime and major version that wrote it`,
      differences: environment,
    });
  }

  const files = options.siblings ?? [];
  for (const sibling of files) {
    const problem = siblingProblem(report, sibling);
    if (problem) problems.push(problem);
  }

  const cause = problems.some((p) => p.code === 'results-differ' || p.code === 'convergence-differs') ? likelyCause(m, rerun, problems) : undefined;
  const notRederived = recordedOnly(report);
  return {
    reproduced: problems.length === 0,
    scenario: { id: String(report.scenario.id), title: String(report.scenario.title) },
    seed: m.seed,
    trials: m.trials,
    resultsHash: m.resultsHash,
    problems,
    ...(cause === undefined ? {} : { likelyCause: cause }),
    notes: [
      'Re-run and compared field by field with the report rendered from the re-run: the results, the per-chunk estimates, the findings, what was asked, the manifest, the reproduce command and the embedded scenario (JSON white space and key order are not compared; the order of lists is).',
      `Not re-derived, taken as recorded and covered only by reportHash (which anyone can recompute): the analyses (not re-run), ${RECORDED_ONLY}; generatedAt is outside every check.`,
      'The recorded environment is compared, not trusted: manifest.version must be this library version, and manifest.runtime must be a runtime name as the library writes it (Node, Deno, Bun or a browser); minor and patch releases are not compared.',
      ...(otherRuntime(m, rerun) ? [`The report was written with ${show(m.runtime)} and re-run here with ${show(rerun.runtime)}: the engine gives the same bits on every runtime (its tests compare Node, Deno and Chromium), so the numbers were compared and the runtime is taken as recorded.`] : []),
      files.length > 0
        ? `${files.map((f) => f.file).join(' and ')}: compared byte for byte with the rendering of the report.`
        : 'Only the JSON was verified: no Markdown or HTML rendering was given to compare.',
    ],
    notRederived,
  };
}

/**
 * Refuses settings that would run more than `budget` trials, before anything is sampled: the
 * settings come from the file, and a report asking for 1e10 trials would run for hours.
 */
function checkBudget(settings: Manifest['settings'], budget: number): void {
  const { trials, halfWidth, maxTrials } = settings;
  const [setting, requested] =
    halfWidth !== undefined ? ['manifest.settings.maxTrials', maxTrials ?? DEFAULT_MAX_TRIALS] : ['manifest.settings.trials', trials ?? DEFAULT_TRIALS];
  if (requested > budget) throw new TrialBudgetError(setting, requested, budget);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The scenario and options that reproduce the recorded variant and overrides. The embedded
 * scenario already has them applied; applying them again must change nothing, and then the
 * rebuilt report names them as the original did. A variant is re-applied as one without
 * changes that carries the recorded label and description. When they do not fit the embedded
 * scenario, the scenario runs as embedded and the comparison names the fields that differ.
 */
function howItRan(report: Report, base: { seed: string; asOf: string; horizon?: number; noneThrough?: Readonly<Record<string, string>> }): { scenario: Scenario; variant?: string; params?: Overrides } {
  const plain = { scenario: report.scenario };
  const { variant, overrides } = report.manifest as { variant?: unknown; overrides?: unknown };
  const params = isRecord(overrides) && Object.keys(overrides).length > 0 ? (overrides as Overrides) : undefined;
  if (variant === undefined && params === undefined) return plain;
  if (variant !== undefined && typeof variant !== 'string') return plain;
  const asked = isRecord(report.asked.variant) && report.asked.variant.name === variant ? report.asked.variant : undefined;
  const doc = {
    ...(typeof asked?.label === 'string' ? { label: asked.label } : {}),
    ...(typeof asked?.description === 'string' ? { description: asked.description } : {}),
  };
  const scenario = variant === undefined ? report.scenario : { ...report.scenario, variants: { [variant]: doc } };
  const how = { scenario, ...(variant === undefined ? {} : { variant }), ...(params === undefined ? {} : { params }) };
  const embedded = prepare(report.scenario, settingsFrom(base)).hash;
  try {
    return prepare(scenario, settingsFrom({ ...base, variant, params })).hash === embedded ? how : plain;
  } catch (e) {
    if (e instanceof ScenarioError) return plain;
    throw e;
  }
}

/** The recorded run options: seed, trial settings, as-of date, window and evidence. */
function recordedOptions(report: Report) {
  const { seed, asOf, settings } = report.manifest;
  // The recorded date, never today's: a forecast is re-run as of the day it was made.
  const { trials, halfWidth, maxTrials, horizon, noneThrough } = settings;
  return { seed, asOf, ...(horizon !== undefined ? { horizon } : {}), ...(noneThrough !== undefined ? { noneThrough } : {}), trials, halfWidth, maxTrials };
}

/** The report as this library writes it from a re-run of the embedded scenario. */
async function rebuild(report: Report, { signal, simulate }: VerifyOptions): Promise<Report> {
  const run = recordedOptions(report);
  try {
    const how = howItRan(report, run);
    const inputs: ReportOptions = {
      ...run,
      ...(how.variant === undefined ? {} : { variant: how.variant }),
      ...(how.params === undefined ? {} : { params: how.params }),
      source: report.asked.source,
      analyses: report.analyses,
      ...(report.generatedAt === undefined ? {} : { generatedAt: report.generatedAt }),
      signal,
      simulate,
    };
    return withRecordedAsWritten(await buildReport(how.scenario, inputs), report);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more)` : '';
    throw new ReportError(`cannot re-run the embedded scenario: ${formatIssues(e.issues.slice(0, 1))}${more}`);
  }
}

/**
 * The rebuilt report with the recorded `asWritten` values (the distribution or value as the
 * scenario's source wrote it, before the variant and overrides): the embedded scenario no
 * longer holds them, so they are taken as recorded.
 */
function withRecordedAsWritten(rebuilt: Report, report: Report): Report {
  const rows = <T extends { name: string }>(mine: readonly T[], theirs: unknown): T[] =>
    mine.map((row, i) => {
      const their = Array.isArray(theirs) ? (theirs[i] as unknown) : undefined;
      return isRecord(their) && their.name === row.name && Object.hasOwn(their, 'asWritten') ? { ...row, asWritten: their.asWritten } : row;
    });
  const asked = { ...rebuilt.asked, factors: rows(rebuilt.asked.factors, report.asked.factors), params: rows(rebuilt.asked.params, report.asked.params) };
  return { ...rebuilt, asked };
}

/**
 * The report rendered from its own recorded numbers instead of the re-run's (no sampling), or
 * undefined when they cannot be rendered.
 */
async function renderedFromRecorded(report: Report, rebuilt: Report): Promise<Report | undefined> {
  const r = report.results;
  const result: SimulationResult = {
    scenario: { id: rebuilt.asked.id, title: rebuilt.asked.title, hash: rebuilt.manifest.scenarioHash },
    asOf: rebuilt.asOf,
    ...(r.window === undefined ? {} : { window: r.window }),
    ...(r.evidence === undefined ? {} : { evidence: r.evidence }),
    seed: rebuilt.manifest.seed,
    trials: r.trials,
    stoppedBecause: r.stoppedBecause,
    events: r.events,
    ...(r.outputs === undefined ? {} : { outputs: r.outputs }),
    nodes: r.nodes,
    timelines: r.timelines,
    manifest: { ...rebuilt.manifest, trials: r.trials, stoppedBecause: r.stoppedBecause },
    elapsedMs: 0,
  };
  try {
    const how = howItRan(report, recordedOptions(report));
    const replay: SimulateFn = () => Promise.resolve(result);
    const own = await buildReport(how.scenario, {
      ...recordedOptions(report),
      ...(how.variant === undefined ? {} : { variant: how.variant }),
      ...(how.params === undefined ? {} : { params: how.params }),
      source: report.asked.source,
      analyses: report.analyses,
      simulate: replay,
    });
    return withRecordedAsWritten(own, report);
  } catch {
    // Recorded numbers that cannot even be put in words explain nothing.
    return undefined;
  }
}

/** Findings and the manifest's trial count and stop reason follow the numbers. */
function followsNumbers(path: string): boolean {
  return path.startsWith('findings') || path === 'manifest.trials' || path === 'manifest.stoppedBecause';
}

/**
 * The fields {@link verifyReport} compares with the rebuilt report: all but those with checks
 * of their own (results, convergence, the hashes) and the recorded environment.
 */
function checkedHere(path: string): boolean {
  return !['results', 'convergence', 'reportHash', 'manifest.resultsHash', 'manifest.scenarioHash', 'manifest.version', 'manifest.runtime'].includes(path);
}

/** `node v20.11.1` → `node v20` (Deno and Bun alike); a browser's runtime as it is. */
function platformAndMajor(runtime: unknown): unknown {
  const m = typeof runtime === 'string' ? /^(node|deno|bun) v(\d+)\.\d+\.\d+$/.exec(runtime) : null;
  return m === null ? runtime : `${m[1]} v${m[2]}`;
}

/** The recorded library version and runtime where they differ from this run's. */
/** What `runtimeName` writes: a runtime and its version, or a browser and its major version. */
const RUNTIME_NAME = /^(?:(?:node|deno|bun) v\d+\.\d+\.\d+|browser(?: \((?:Edge|Opera|Firefox|Chrome|Safari) \d+\))?)$/;

/** True when the report names another runtime (or major version) in the form `runtimeName` writes. */
function otherRuntime(recorded: Manifest, current: Manifest): boolean {
  return platformAndMajor(recorded.runtime) !== platformAndMajor(current.runtime) && typeof recorded.runtime === 'string' && RUNTIME_NAME.test(recorded.runtime);
}

/**
 * The recorded library version and runtime where they differ from this run's. Another
 * well-formed runtime is not a difference: the engine gives the same bits on every runtime, so a
 * report written in a browser (the playground's) is verified by its numbers in Node. A runtime
 * that is not in `runtimeName`'s form was not written by the library.
 */
function environmentDifferences(recorded: Manifest, current: Manifest): VerifyDifference[] {
  const out: VerifyDifference[] = [];
  if (recorded.version !== current.version) out.push({ path: 'manifest.version', recorded: recorded.version, rerun: current.version });
  if (platformAndMajor(recorded.runtime) !== platformAndMajor(current.runtime) && !otherRuntime(recorded, current)) {
    out.push({ path: 'manifest.runtime', recorded: recorded.runtime, rerun: current.runtime });
  }
  return out;
}

/** The report's own rendering as `sibling.format`, compared byte for byte with the file. */
function siblingProblem(report: Report, sibling: VerifySibling): VerifyProblem | undefined {
  let expected: string;
  try {
    expected = sibling.format === 'md' ? renderMarkdown(report) : renderHtml(report);
  } catch (e) {
    return { code: 'sibling-differs', file: sibling.file, message: `${sibling.file} could not be compared: rendering the report failed (${clip(String((e as Error)?.message ?? e), 120)})` };
  }
  if (expected === sibling.text) return undefined;
  const at = firstDifference(expected, sibling.text);
  const line = lineOf(sibling.text, at);
  const excerpt = (text: string) => (at >= text.length ? 'the end of the file' : show(text.slice(Math.max(0, at - 20), at + 40)));
  return {
    code: 'sibling-differs',
    file: sibling.file,
    message: `${sibling.file} is not the rendering of this report: they differ from line ${line} (the file has ${excerpt(sibling.text)}, the rendering ${excerpt(expected)})`,
    differences: [{ path: `${sibling.file}:${line}`, recorded: sibling.text.slice(at, at + 200), rerun: expected.slice(at, at + 200) }],
  };
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Which fields of this report are taken as recorded (present and not empty). */
function recordedOnly(report: Report): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(isRecord(report.analyses) ? report.analyses : {})) if (value !== undefined) out.push(`analyses.${name}`);
  if (report.asked.source !== undefined) out.push('asked.source');
  if (report.asked.variant !== undefined) out.push('asked.variant');
  const rows = (list: unknown, path: string) => {
    if (Array.isArray(list)) list.forEach((row, i) => isRecord(row) && Object.hasOwn(row, 'asWritten') && out.push(`${path}[${i}].asWritten`));
  };
  rows(report.asked.factors, 'asked.factors');
  rows(report.asked.params, 'asked.params');
  if (report.generatedAt !== undefined) out.push('generatedAt');
  return out;
}

function short(hash: string): string {
  return typeof hash === 'string' && hash.length > 16 ? `${hash.slice(0, 16)}…` : String(hash);
}

/**
 * Every leaf where `recorded` and `rerun` differ, by path (`events.summit.probability`,
 * `findings[0].sentence`), in the order of the report's keys. `include` (default: all) decides
 * which paths are walked. Nesting is bounded by the strict JSON reader (64 levels).
 */
function differences(recorded: unknown, rerun: unknown, root = '', include: (path: string) => boolean = () => true): VerifyDifference[] {
  const list: VerifyDifference[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
    } else if (isRecord(a) && isRecord(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
      for (const k of keys) {
        const next = path ? `${path}.${k}` : k;
        if (include(next)) walk(Object.hasOwn(a, k) ? a[k] : undefined, Object.hasOwn(b, k) ? b[k] : undefined, next);
      }
    } else if (a !== b && canonicalJson(a) !== canonicalJson(b)) {
      list.push({ path: path || '(root)', recorded: a, rerun: b });
    }
  };
  walk(recorded, rerun, root);
  return list;
}

function listed(list: readonly VerifyDifference[]): VerifyDifference[] {
  return list.slice(0, MAX_LISTED);
}

/** A value for a one-line message, cut to a readable length (a hostile file may hold 8 million characters). */
function show(v: unknown): string {
  return v === undefined ? 'absent' : clip(canonicalJson(v), 100);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Two strings that differ, each cut around their first difference so the change shows. */
function showPair(a: unknown, b: unknown): [string, string] {
  if (typeof a !== 'string' || typeof b !== 'string' || (a.length <= 90 && b.length <= 90)) return [show(a), show(b)];
  const at = Math.max(0, firstDifference(a, b) - 30);
  const cut = (s: string) => `${at > 0 ? '…' : ''}${clip(s.slice(at), 90)}`;
  return [JSON.stringify(cut(a)), JSON.stringify(cut(b))];
}

/** "2 values (events.summit.probability: report 0.09, re-run 0.0848…; …)". */
function describe(list: readonly VerifyDifference[]): string {
  const shown = list.slice(0, 3).map((d) => {
    const [recorded, rerun] = showPair(d.recorded, d.rerun);
    return `${d.path}: report ${recorded}, re-run ${rerun}`;
  });
  const rest = list.length > shown.length ? `; and ${list.length - shown.length} more` : '';
  return `${list.length} value${list.length === 1 ? '' : 's'} (${shown.join('; ')}${rest})`;
}

/** What differs between the run that wrote the report and this re-run, as a likely cause. */
function likelyCause(recorded: Manifest, current: Manifest, problems: readonly VerifyProblem[]): string {
  const causes: string[] = [];
  if (recorded.version !== current.version) causes.push(`a different library version (the report was written by scenario-odds ${recorded.version}; this is ${current.version})`);
  if (platformAndMajor(recorded.runtime) !== platformAndMajor(current.runtime)) {
    const what = [recorded.runtime, current.runtime].every((r) => r.startsWith('node ')) ? 'Node major version' : 'runtime or its major version';
    causes.push(`a different ${what} (the report ran on ${recorded.runtime}; this is ${current.runtime})`);
  }
  if (recorded.rngAlgorithm !== current.rngAlgorithm) causes.push(`a different random number generator (${recorded.rngAlgorithm}; this is ${current.rngAlgorithm})`);
  if (recorded.chunkSize !== current.chunkSize) causes.push(`a different chunk size (${recorded.chunkSize}; this is ${current.chunkSize})`);
  if (causes.length > 0) return causes.join('; ');
  if (problems.some((p) => p.code !== 'results-differ' && p.code !== 'convergence-differs')) return 'the report was edited by hand (see above); same library version, Node major version, RNG and chunk size';
  return `none found: same library version (${current.version}), Node major version, RNG and chunk size, so the numbers should match; please report this as a bug`;
}
