import { parseJson } from '../model/json';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type Report } from './types';

/**
 * A report file that cannot be read as a report: not JSON, not a scenario-odds report, or
 * missing what a re-run needs. The message is one line naming the problem.
 */
export class ReportError extends Error {
  override name = 'ReportError';
}

/**
 * `report.json`: the report as JSON, indented by two spaces, keys in the report's fixed
 * construction order (the embedded scenario keeps its own key order, since the order of a
 * categorical's labels is meaningful), ending with a newline. Equal reports give
 * byte-identical text.
 *
 * @example
 * ```ts
 * const report = await buildReport({ id: 'coin', title: 'A coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { landsHeads: 'heads' } }, { seed: 1, trials: 10_000 });
 * const text = renderJson(report); // '{\n  "format": "scenario-odds-report",\n  "formatVersion": 2,\n …'
 * ```
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `what` at `path` must satisfy `ok`, else the file is malformed. */
function need(ok: boolean, path: string, what: string): void {
  if (!ok) throw new ReportError(`${path} ${what}`);
}

const optionalNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));

/**
 * Checks that a parsed value is a report this library can verify (its format, and every field
 * a re-run and the comparison read) and returns it typed. The numbers themselves are checked
 * by the re-run, not here.
 *
 * @throws {ReportError} with a one-line message naming the first problem.
 */
export function asReport(value: unknown): Report {
  need(isRecord(value), 'the file', 'is not a JSON object');
  const doc = value as Record<string, unknown>;
  need(doc.format === REPORT_FORMAT, 'the file', `is not a scenario-odds report (no "format": "${REPORT_FORMAT}")`);
  need(
    doc.formatVersion === REPORT_FORMAT_VERSION,
    '"formatVersion"',
    `is ${JSON.stringify(doc.formatVersion)}; this version of scenario-odds reads reports of format version ${REPORT_FORMAT_VERSION}`,
  );
  need(isRecord(doc.scenario), '"scenario"', 'is missing or not an object (the report must embed the scenario it ran)');
  need(typeof doc.reportHash === 'string', '"reportHash"', 'is missing or not a string');
  need(Array.isArray(doc.convergence), '"convergence"', 'is missing or not an array');
  need(isRecord(doc.analyses), '"analyses"', 'is missing or not an object');
  need(isRecord(doc.asked), '"asked"', 'is missing or not an object');

  need(isRecord(doc.manifest), '"manifest"', 'is missing or not an object');
  const m = doc.manifest as Record<string, unknown>;
  for (const key of ['seed', 'asOf', 'version', 'runtime', 'rngAlgorithm', 'scenarioHash', 'resultsHash', 'stoppedBecause'] as const) {
    need(typeof m[key] === 'string', `"manifest.${key}"`, 'is missing or not a string');
  }
  need(m.stoppedBecause !== 'aborted', '"manifest.stoppedBecause"', 'is "aborted": a partial run cannot be re-run');
  for (const key of ['trials', 'chunkSize'] as const) need(typeof m[key] === 'number', `"manifest.${key}"`, 'is missing or not a number');
  need(isRecord(m.settings), '"manifest.settings"', 'is missing or not an object');
  const s = m.settings as Record<string, unknown>;
  for (const key of ['trials', 'halfWidth', 'maxTrials'] as const) need(optionalNumber(s[key]), `"manifest.settings.${key}"`, 'is not a number');
  need(s.trials !== undefined || s.halfWidth !== undefined, '"manifest.settings"', 'gives neither "trials" nor "halfWidth"');

  need(isRecord(doc.results), '"results"', 'is missing or not an object');
  const r = doc.results as Record<string, unknown>;
  for (const key of ['events', 'nodes', 'timelines'] as const) need(isRecord(r[key]), `"results.${key}"`, 'is missing or not an object');
  return value as Report;
}

/**
 * Parses the text of a `report.json` (strictly: duplicate keys are refused, errors carry a
 * line and column) and checks it is a report, as `asReport` does.
 *
 * @throws {ReportError} with a one-line message naming the first problem.
 * @example
 * ```ts
 * const text = renderJson(await buildReport({ id: 'coin', title: 'A coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { landsHeads: 'heads' } }, { seed: 1, trials: 10_000 }));
 * const report = parseReport(text);
 * report.manifest.seed; // '1'
 * parseReport('{"id": "coin"}'); // throws ReportError: the file is not a scenario-odds report …
 * ```
 */
export function parseReport(text: string): Report {
  const { value, issues } = parseJson(text.replace(/^\uFEFF/, ''));
  if (issues.length > 0) throw new ReportError(issues[0].message);
  return asReport(value);
}
