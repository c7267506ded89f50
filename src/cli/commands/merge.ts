import { ScenarioError, type ValidationIssue } from '../../issues';
import { parseJson } from '../../model/json';
import { mergeAnalysisParts, type MergedAnalysis } from '../../node/analysisShard';
import { replayReportParts } from '../../node/reportShard';
import { mergeParts, type PartDocument } from '../../node/shard';
import { parseCommandArgs } from '../args';
import { FileReadError, readTextFile } from '../../node/files';
import { EXIT, jsonText, UsageError, type CliIo } from '../io';
import { eventLabels, help } from '../shared';
import { attributionText } from './attribution';
import { comparisonText } from './compare';
import { buildAndWrite, reportDir } from './report';
import { printResult, writeOut } from './run';
import { sensitivityText } from './sensitivity';
import { evidenceText } from './update';

/** Largest part document read: a part is a scenario plus a few thousand numbers. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

/**
 * `scenario-odds merge <part.json...>`: the part documents of every shard of one run (from
 * `run --shard K/N --json`) or of one analysis (from `compare … --shard K/N` and the other
 * analysis commands), merged and printed exactly as the unsharded run or analysis prints it; or
 * of one report (from `report --shard K/N`), merged into the files the unsharded report writes.
 */
export async function mergeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('merge', args, {
    json: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (values.help) return help('merge', io);
  if (positionals.length === 0) throw new UsageError('merge: expected the part documents of every shard, e.g. `scenario-odds merge part-*.json` (see `scenario-odds merge --help`)');
  const read = await Promise.all(positionals.map(readPart));
  const problems = read.flatMap((r) => r.issues);
  if (problems.length > 0) throw new ScenarioError(problems);
  const parts = read.map((r) => r.value);
  if (formatOf(parts[0]).startsWith('scenario-odds/report-part')) {
    if (values.json) throw new UsageError('merge: the parts of a report merge into its files (report.json, .md, .html in --out DIR); --json is for the parts of a run or an analysis');
    const replay = replayReportParts(parts, positionals);
    const dir = values.out ?? reportDir(replay.scenario, replay.options.variant);
    return buildAndWrite(io, replay.scenario, { ...replay.options, source: replay.source, simulate: replay.simulate }, { dir });
  }
  if (formatOf(parts[0]).startsWith('scenario-odds/analysis-part')) {
    const merged = mergeAnalysisParts(parts, positionals);
    const json = jsonText(merged.result);
    io.stdout.write(values.json ? json : `${analysisText(merged)}\n`);
    await writeOut('merge', values.out, json, io);
    return EXIT.ok;
  }
  const result = mergeParts(parts, positionals);
  return printResult('merge', result, (parts[0] as PartDocument).scenario, values, io);
}

/** A part document's `format`, or '' for anything else (which the run merge then refuses). */
const formatOf = (p: unknown): string => (typeof p === 'object' && p !== null && typeof (p as { format?: unknown }).format === 'string' ? (p as { format: string }).format : '');

/** A merged analysis as its own command prints it by default. */
function analysisText(merged: MergedAnalysis): string {
  const { scenario } = merged;
  switch (merged.analysis) {
    case 'compare':
      return comparisonText(merged.result, scenario.title, eventLabels(scenario));
    case 'sensitivity':
      return sensitivityText(merged.result, scenario.title, eventLabels(scenario));
    case 'attribution':
      return attributionText(merged.result, scenario.title);
    case 'update':
      return evidenceText(merged.result, scenario.title);
  }
}

/** One file's parsed JSON, or one issue naming the file. */
async function readPart(file: string): Promise<{ value: unknown; issues: ValidationIssue[] }> {
  const fail = (message: string) => ({ value: undefined, issues: [{ code: 'part-unreadable', path: file, message }] });
  let text: string;
  try {
    text = await readTextFile(file, { maxBytes: MAX_PART_BYTES, expected: 'a part document (JSON)', kinds: 'part documents' });
  } catch (e) {
    // (A missing part keeps its old wording, which tests/parallel/shard.test.ts pins.)
    if (e instanceof FileReadError) return fail(e.code === 'file-not-found' ? 'cannot read: ENOENT' : e.reason);
    throw e;
  }
  const { value, issues } = parseJson(text);
  if (issues.length > 0) return fail(issues[0].message);
  return { value, issues: [] };
}
