/**
 * The report as data and as text: what it holds, that equal inputs give byte-identical files,
 * that the Markdown is tables and the HTML self-contained and escaped, and that verifyReport
 * reproduces an untouched report and catches an edited one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/model/canonical';
import type { Scenario } from '../../src/model/types';
import { buildReport, reportHashOf } from '../../src/report/build';
import { escapeHtml, escapeMarkdown, markdownCode, shellQuote } from '../../src/report/escape';
import { renderHtml } from '../../src/report/html';
import { parseReport, renderJson, ReportError } from '../../src/report/json';
import { renderMarkdown } from '../../src/report/markdown';
import { niceDomain, ticks } from '../../src/report/svg';
import type { Report } from '../../src/report/types';
import { verifyReport } from '../../src/report/verify';
import { trumpKimSummit } from '../../src/scenarios';
import { flagshipAnalyses } from './fixtures';

// Pinned: the flagship forecasts from today by default.
const RUN = { seed: 2025, halfWidth: 0.005, asOf: '2026-12-04' } as const;

/** report.json opened in an editor: any field can be changed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;

/** A deep copy to edit, as someone editing report.json would. */
const copy = (r: Report): Editable => JSON.parse(JSON.stringify(r)) as Editable;

/** A copy whose hashes are recomputed after `edit`, as a careful forger would. */
function forged(r: Report, edit: (doc: Editable) => void): Report {
  const doc = copy(r);
  edit(doc);
  doc.manifest.resultsHash = canonicalHash(doc.results);
  doc.reportHash = reportHashOf(doc as Report);
  return doc as Report;
}

let plain: Report;
let full: Report;

beforeAll(async () => {
  plain = await buildReport(trumpKimSummit, RUN);
  full = await buildReport(trumpKimSummit, { ...RUN, analyses: flagshipAnalyses(plain.manifest.scenarioHash) });
});

describe('buildReport', () => {
  it('records what was asked: the scenario, its factors with their distributions, params, formulas and settings', () => {
    const a = plain.asked;
    expect(a).toMatchObject({ id: 'trump-kim-summit', title: trumpKimSummit.title, source: 'trump-kim-summit', seed: '2025', overrides: {} });
    expect(a.settings).toEqual({ halfWidth: 0.005, maxTrials: 10_000_000 });
    expect(a.factors.map((f) => f.name)).toEqual(Object.keys(trumpKimSummit.factors!));
    expect(a.factors.find((f) => f.name === 'rokMediation')).toMatchObject({ distribution: 'Normal(-0.4, 0.6)', family: 'normal', mean: -0.4, sd: 0.6 });
    expect(a.factors.find((f) => f.name === 'sanctionsBlocking')?.distribution).toBe('Beta(8.089, 2.022) (mean 0.8, sd 0.12)');
    expect(a.factors.every((f) => f.source && f.label)).toBe(true);
    // Judgment weights are factors too (issue 20), so the flagship has no params.
    expect(a.params).toEqual([]);
    expect(a.factors.find((f) => f.name === 'wDomestic')).toMatchObject({ distribution: 'Normal(-5, 1) on (-∞, 0]', label: 'Weight of US domestic constraints on the US route' });
    expect(a.formulas.find((f) => f.name === 'summit')).toMatchObject({ kind: 'timed', formula: 'sigmoid(monthlyLogOdds) * (agendaOpen + (1 - agendaOpen) * (residualPhotoOp + residualWedge))' });
    expect(a.formulas.find((f) => f.name === 'venueDmz')).toMatchObject({ kind: 'conditional', given: 'summit' });
  });

  it('states each finding in ICD-203 words with its simulation error and its spread across the model\'s worlds', () => {
    const summit = plain.findings.find((f) => f.event === 'summit')!;
    const e = plain.results.events.summit;
    // 4.95% at 30,000 trials, its interval [4.87%, 5.02%] across ICD-203's 5% boundary: the
    // phrase of the estimate, and a warning that this run does not settle it.
    expect(summit.term).toBe('almost no chance');
    expect(summit.intervalTerms).toEqual(['almost no chance', 'very unlikely']);
    expect(summit.warning).toMatch(/“almost no chance” \(1–5%\) to “very unlikely” \(5–20%\)/);
    expect(summit.sentence).toMatch(/^Trump–Kim summit in the forecast window: almost no chance \(ICD-203 1–5%\) — 4\.\d\d% \(simulation error ±0\.0\d+ pp at 95%, 30,000 trials; across the model's worlds 0\.\d\d% – \d+\.\d\d%, 90% range\)\.$/);
    expect(e.ci95[0]).toBeLessThan(e.probability);
    // A venue share given a summit is a ratio over worlds: no spread is summarized for it.
    const dmz = plain.findings.find((f) => f.event === 'venueDmz')!;
    expect(dmz.given).toBe('summit');
    expect(dmz.sentence).toMatch(/^Venue: the DMZ \/ Panmunjom \(given a summit\): unlikely \(ICD-203 20–45%\) — 2\d\.\d\d%/);
    // P(rokMediation < 0) restates an input's distribution: the phrase says so.
    const backfires = plain.findings.find((f) => f.event === 'mediationBackfires')!;
    expect(backfires.aboutInput).toEqual(['rokMediation']);
    expect(backfires.sentence).toMatch(/^About an input, not a finding \(it restates the distribution of rokMediation\): Seoul’s mediation lowers the odds: likely/);
  });

  it('warns when an interval straddles two ICD-203 expressions', async () => {
    // Bernoulli(0.2) over 2,000 trials: the interval (about ±1.8 pp) spans the 20% boundary.
    const scenario: Scenario = { id: 'edge', title: 'Edge', factors: { x: { dist: 'bernoulli', p: 0.2 } }, events: { e: 'x' } };
    const r = await buildReport(scenario, { seed: 3, trials: 2_000 });
    const f = r.findings[0];
    expect(f.intervalTerms).toEqual(['very unlikely', 'unlikely']);
    expect(f.warning).toMatch(/“very unlikely” \(5–20%\) to “unlikely” \(20–45%\)/);
    expect(renderMarkdown(r)).toContain('**Warning:**');
    expect(renderHtml(r)).toContain('class="warn"');
  });

  it('keeps the results exactly as the results hash covers them, and the convergence of each chunk', () => {
    expect(canonicalHash(plain.results)).toBe(plain.manifest.resultsHash);
    expect(plain.results.trials).toBe(30_000);
    expect(plain.convergence.map((p) => p.trials)).toEqual([10_000, 20_000, 30_000]);
    expect(plain.convergence.at(-1)!.events.summit).toEqual({
      probability: plain.results.events.summit.probability,
      ci95: plain.results.events.summit.ci95,
      standardError: plain.results.events.summit.standardError,
    });
    expect(plain.reproduce.command).toBe('scenario-odds report trump-kim-summit --seed 2025 --half-width 0.005 --max-trials 10000000 --as-of 2026-12-04');
  });

  it('thins the convergence to 200 points, keeping the first and last chunk', async () => {
    const coin: Scenario = { id: 'coin', title: 'Coin', factors: { heads: { dist: 'bernoulli', p: 0.5 } }, events: { landsHeads: 'heads' } };
    const r = await buildReport(coin, { seed: 1, trials: 2_050_000 });
    expect(r.convergence).toHaveLength(200);
    expect(r.convergence[0].trials).toBe(10_000);
    expect(r.convergence.at(-1)!.trials).toBe(2_050_000);
    expect(r.asked.source).toBe('coin.json');
  });

  it('embeds the scenario as it ran: variant and overrides applied, the originals noted, and a command that repeats them', async () => {
    const r = await buildReport(trumpKimSummit, { seed: 7, trials: 20_000, asOf: '2026-12-04', variant: 'seoul-steps-back', params: { 'wDomestic.mean': -7, 'sanctionsBlocking.mean': 0.7 } });
    expect(r.scenario.variants).toBeUndefined();
    expect(r.scenario.factors!.rokMediation).toMatchObject({ dist: 'constant', value: 0 });
    expect(r.asked.variant).toEqual({ name: 'seoul-steps-back', label: 'Seoul steps back', description: trumpKimSummit.variants!['seoul-steps-back'].description });
    expect(r.asked.factors.find((f) => f.name === 'wDomestic')).toMatchObject({ distribution: 'Normal(-7, 1) on (-∞, 0]', asWritten: 'Normal(-5, 1) on (-∞, 0]' });
    expect(r.asked.factors.find((f) => f.name === 'rokMediation')).toMatchObject({ distribution: 'Constant(0)', asWritten: 'Normal(-0.4, 0.6)' });
    expect(r.asked.factors.find((f) => f.name === 'sanctionsBlocking')?.asWritten).toBe('Beta(8.089, 2.022) (mean 0.8, sd 0.12)');
    expect(r.reproduce.command).toBe('scenario-odds report trump-kim-summit --seed 7 --trials 20000 --variant seoul-steps-back --set wDomestic.mean=-7 --set sanctionsBlocking.mean=0.7 --as-of 2026-12-04');
    expect(r.results.events.mediationBackfires.probability).toBe(0);
    expect((await verifyReport(renderJson(r))).reproduced).toBe(true);
  });

  it('gives byte-identical JSON, Markdown and HTML for the same inputs, and keeps a time stamp out of the hash', async () => {
    const again = await buildReport(trumpKimSummit, { ...RUN, analyses: flagshipAnalyses(plain.manifest.scenarioHash) });
    expect(renderJson(again)).toBe(renderJson(full));
    expect(renderMarkdown(again)).toBe(renderMarkdown(full));
    expect(renderHtml(again)).toBe(renderHtml(full));
    const stamped = await buildReport(trumpKimSummit, { ...RUN, generatedAt: '2026-01-02T03:04:05Z' });
    expect(stamped.reportHash).toBe(plain.reportHash);
    expect(renderHtml(stamped)).toContain('generated 2026-01-02T03:04:05Z');
    expect((await verifyReport(stamped)).reproduced).toBe(true);
  });

  it('writes report.json that parses back to the same report, in a fixed key order', () => {
    const text = renderJson(full);
    const back = parseReport(text);
    expect(back).toEqual(full);
    expect(renderJson(back)).toBe(text);
    expect(Object.keys(back)).toEqual(['format', 'formatVersion', 'asOf', 'asked', 'findings', 'results', 'convergence', 'analyses', 'manifest', 'reproduce', 'scenario', 'reportHash']);
    expect(Object.keys(back.analyses)).toEqual(['comparison', 'sensitivity', 'attribution', 'evidence']);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('renderMarkdown', () => {
  const rowsAfter = (md: string, header: string) => {
    const lines = md.split('\n');
    const at = lines.indexOf(header);
    expect(at, `no table with header ${header}`).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toMatch(/^\|(-{3}:?\|)+$/);
    const rows: string[] = [];
    for (let i = at + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
    return rows;
  };

  it('has the tables of what was asked, what was found and how to reproduce it', () => {
    const md = renderMarkdown(full);
    expect(md.startsWith(`# ${trumpKimSummit.title}\n`)).toBe(true);
    expect(rowsAfter(md, '| Factor | Label | Distribution | Mean | SD | Source |')).toHaveLength(Object.keys(trumpKimSummit.factors!).length);
    expect(md).not.toContain('| Param | Label | Value | Source |');
    const events = rowsAfter(md, "| Event | Label | Probability | Simulation error (95%) | Across the model's worlds (90%) | In words | Method |");
    expect(events.join('\n')).toMatch(/^\| `summit` \| Trump–Kim summit in the forecast window \| 4\.\d\d% \| ±0\.0\d+ pp \| 0\.\d\d% – \d+\.\d\d% \| almost no chance \(interval spans “almost no chance” to “very unlikely”\) \|/m);
    expect(rowsAfter(md, '| Event | 5% | 25% | median | 75% | 95% |')).toHaveLength(1);
    expect(rowsAfter(md, '| By | Cumulative | Simulation 95% interval | If none by then: P by 2027-12-03 |')).toHaveLength(13);
    const manifest = rowsAfter(md, '| Manifest | Value |').join('\n');
    for (const v of ['`2025`', 'seedrandom-tychei', full.manifest.scenarioHash, full.manifest.resultsHash, '10,000']) expect(manifest).toContain(v);
    expect(md).toContain(`\`\`\`sh\n${full.reproduce.command}\n\`\`\``);
    // The analyses, as tables too.
    expect(md).toContain('| Input | Kind | Low setting | P at low | High setting | P at high | Swing [95%] |');
    expect(md).toContain('| Term | Formula | Mean contribution (log-odds) | 95% interval | Central 95% across trials |');
    expect(md).toContain('| Date | Observation | Likelihood ratio | Why | P after |');
    expect(md).toContain('#### seoul-steps-back');
    // Every table row has as many cells as its header.
    for (const block of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const counts = block.split('\n').filter((l) => l !== '').map((l) => l.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size, block.slice(0, 200)).toBe(1);
    }
    expect(md).not.toMatch(/<[a-z/]/i);
  });
});

describe('renderHtml', () => {
  it('is one self-contained page: inline SVG charts, no script, nothing to fetch', () => {
    const html = renderHtml(full);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\s(?:src|href)="(?!#)/);
    for (const kind of ['events', 'split', 'timeline', 'convergence', 'factor', 'comparison', 'tornado', 'waterfall', 'evidence']) {
      expect(html).toContain(`data-chart="${kind}"`);
    }
    expect(html).toContain('@media print');
  });

  it('leaves out the analyses section when there are none', () => {
    const html = renderHtml(plain);
    expect(html).not.toContain('id="analyses"');
    expect(html).not.toContain('data-chart="tornado"');
  });

  it('escapes scenario text everywhere, in SVG text and attributes too', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const scenario: Scenario = {
      id: 'xss',
      title: evil,
      description: '</p><script>alert(2)</script>',
      params: { w: { value: 1, label: '"><svg onload=alert(3)>' } },
      factors: { x: { dist: 'categorical', weights: { '<i>a</i>': 1, b: 1 }, label: evil } },
      events: { e: { p: 'w * (x > 0)', label: evil } },
    };
    const r = await buildReport(scenario, { seed: 1, trials: 10_000 });
    const html = renderHtml(r);
    expect(html).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(html).not.toMatch(/<img|<script|<svg onload|<i>/);
    expect(html).toContain('aria-label="Distribution of &lt;img src=x onerror=alert(1)&gt;"');
    const md = renderMarkdown(r);
    expect(md).toContain('# \\<img src=x onerror=alert(1)\\>');
    expect(md).not.toMatch(/(?<!\\)<(img|script)/);
  });
});

describe('verifyReport', () => {
  it('reproduces an untouched report, from its text or as an object', async () => {
    const v = await verifyReport(renderJson(full));
    expect(v).toMatchObject({ reproduced: true, problems: [], seed: '2025', trials: 30_000, resultsHash: full.manifest.resultsHash, scenario: { id: 'trump-kim-summit' } });
    expect(v.likelyCause).toBeUndefined();
    expect((await verifyReport(JSON.parse(renderJson(plain)))).reproduced).toBe(true);
  });

  it('fails a report whose results were edited by hand, naming the field', async () => {
    const doc = copy(full);
    doc.results.events.summit.probability = 0.09;
    const v = await verifyReport(JSON.stringify(doc));
    expect(v.reproduced).toBe(false);
    expect(v.problems.map((p) => p.code)).toEqual(['report-edited', 'results-edited', 'results-differ']);
    const differs = v.problems.find((p) => p.code === 'results-differ')!;
    expect(differs.differences).toEqual([{ path: 'events.summit.probability', recorded: 0.09, rerun: full.results.events.summit.probability }]);
    expect(differs.message).toContain('events.summit.probability: report 0.09, re-run 0.04');
    expect(v.likelyCause).toMatch(/edited by hand/);
  });

  it('fails an edit even when the forger recomputed every hash, and names a version change as the likely cause', async () => {
    const v = await verifyReport(
      forged(full, (doc) => {
        doc.results.timelines.summit[3].cumulative.ci95[1] = 0.5;
        doc.manifest.version = '0.0.9';
      }),
    );
    expect(v.problems.map((p) => p.code)).toEqual(['results-differ']);
    expect(v.problems[0].differences![0].path).toBe('timelines.summit[3].cumulative.ci95[1]');
    expect(v.likelyCause).toMatch(/a different library version \(the report was written by scenario-odds 0\.0\.9; this is 0\.1\.0\)/);
    const node = await verifyReport(forged(full, (doc) => {
      doc.results.nodes.rokMediation.mean = 1;
      doc.manifest.runtime = 'node v16.0.0';
    }));
    expect(node.likelyCause).toMatch(/a different Node major version \(the report ran on node v16\.0\.0; this is node v\d+/);
  });

  it('fails a report whose embedded scenario was changed', async () => {
    const v = await verifyReport(forged(full, (doc) => (doc.scenario.factors.wDomestic.mean = -7)));
    expect(v.problems.map((p) => p.code)).toEqual(['scenario-edited', 'results-differ', 'convergence-differs']);
    expect(v.problems[1].message).toMatch(/events\.summit\.probability/);
  });

  it('fails a report whose analyses or words were edited (they are covered by the report hash)', async () => {
    const doc = copy(full);
    doc.analyses.sensitivity.tornado[0].swing = 0.5;
    const v = await verifyReport(doc);
    expect(v.problems.map((p) => p.code)).toEqual(['report-edited']);
  });

  it('refuses, with one line, what is not a readable report', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{"format": ', /^invalid JSON at line 1, column 12: /],
      ['[1, 2]', /is not a JSON object/],
      ['{"a": 1}', /is not a scenario-odds report/],
      [{ ...copy(full), formatVersion: 7 }, /"formatVersion" is 7; this version of scenario-odds reads reports of format version 2/],
      [{ ...copy(full), scenario: undefined }, /"scenario" is missing/],
      [{ ...copy(full), manifest: { ...copy(full).manifest, seed: 5 } }, /"manifest\.seed" is missing or not a string/],
      [{ ...copy(full), scenario: { ...copy(full).scenario, events: {} } }, /^cannot re-run the embedded scenario: .*events/],
    ];
    for (const [input, message] of cases) {
      const error = await verifyReport(input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, String(message)).toBeInstanceOf(ReportError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('escaping and chart helpers', () => {
  it('escapes HTML, Markdown, code spans and shell words', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkdown('a | b *c* [d](e) <f> &amp;\nnext')).toBe('a \\| b \\*c\\* \\[d\\](e) \\<f\\> \\&amp; next');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(markdownCode('a `b` | c')).toBe('``a `b` \\| c``');
    expect(shellQuote('trump-kim-summit')).toBe('trump-kim-summit');
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    expect(shellQuote('$(rm -rf /)')).toBe(`'$(rm -rf /)'`);
  });

  it('picks round ticks and domains (steps of 1, 2 or 5 times a power of ten)', () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0.0833, 0.0863, 4)).toEqual([0.084, 0.085, 0.086]);
    expect(niceDomain(0.0833, 0.0863, 4)).toEqual([0.083, 0.087]);
    expect(niceDomain(-3.185, 0.3, 6)).toEqual([-3.5, 0.5]);
    expect(niceDomain(0.4, 0.4, 4)).toEqual([0.36, 0.44]);
  });
});
