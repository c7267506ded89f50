/**
 * `buildResult` reads merged totals: which sums feed which estimate. Each check recomputes one
 * field from the same totals by the rule the field documents, with the interval formulas that
 * tests/engine/intervals.test.ts checks against worked answers, and with the timeline's
 * differences of exact sums taken here in BigInt (tests/engine/exactReference.ts), not by the
 * engine's `combineExact`. A field read from the wrong column, sum or weight fails.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src';
import { emptyTotals, mergeChunkTotals, runChunk, type Totals } from '../../src/engine/chunk';
import { roundExact } from '../../src/engine/exactSum';
import { meanInterval, ratioInterval, ratioStandardError, sampleVariance, wilsonInterval, Z95, type Interval } from '../../src/engine/intervals';
import { buildResult, currentEstimates, runtimeName } from '../../src/engine/result';
import { setupSimulation, type Simulation } from '../../src/engine/setup';
import { ScenarioError } from '../../src/issues';
import { roundScaled, scaledSum } from './exactReference';
import { machineFailure, quietHazard } from './scenarios';

/** The run's totals over the first `chunks` chunks of `trials` trials each, merged as a run merges them. */
function totalsOf(sim: Simulation, chunks: number, trials: number): Totals {
  const totals = emptyTotals(sim.model);
  for (let c = 0; c < chunks; c++) mergeChunkTotals(totals, runChunk(sim.model, sim.settings.seed, c, trials));
  return totals;
}

const r = roundExact;
const estimate = (i: Interval) => ({ probability: i.estimate, ci95: [i.lo, i.hi], standardError: i.standardError });

describe('buildResult', () => {
  it('reads each event, node and timeline point from its own sums (unweighted)', () => {
    const sim = setupSimulation(machineFailure, { seed: 'result', trials: 1 });
    const m = sim.model;
    const t = totalsOf(sim, 3, 2500);
    const n = t.trials;
    expect(n).toBe(7500);
    const res = buildResult(sim, t, 'trials', 12.5);
    const col = (name: string) => m.names.indexOf(name);
    const ev = (name: string) => m.firstEvent + m.plan.events.findIndex((e) => e.name === name);

    // A fractional event: the mean of its column.
    const failure = ev('failure');
    expect(t.fractional[failure - m.firstEvent]).toBeGreaterThan(0);
    expect(res.events.failure).toMatchObject({ ...estimate(meanInterval(r(t.sum[failure]), r(t.sumSq[failure]), n)), method: 'mean', trials: n });
    expect(res.events.failure.acrossWorlds).toBeDefined();
    // A 0/1 event: Wilson's interval on its count of ones, and no spread across worlds.
    const heavy = ev('heavyLoad') - m.firstEvent;
    expect(t.fractional[heavy]).toBe(0);
    expect(res.events.heavyLoad).toMatchObject({ ...estimate(wilsonInterval(t.ones[heavy], n)), method: 'wilson' });
    expect(res.events.heavyLoad.acrossWorlds).toBeUndefined();
    expect(Object.keys(res.events.failure)).not.toContain('given');
    // A conditional event: the ratio of its joint column to its condition's, with their cross sum.
    const claim = ev('claimPaid');
    const c = m.conditional.find((x) => x.event === claim)!;
    expect(c.givenColumn).toBe(failure);
    expect(res.events.claimPaid).toMatchObject({ ...estimate(ratioInterval(r(t.sum[claim]), r(t.sumSq[claim]), r(t.sum[failure]), r(t.sumSq[failure]), r(t.cross[c.cross]), n)), method: 'ratio', given: 'failure' });

    // Factor and derived nodes: mean and sample sd of their own column.
    for (const name of ['wear', 'load', 'covered', 'monthly']) {
      const k = col(name);
      const s = r(t.sum[k]);
      expect(res.nodes[name], name).toMatchObject({ kind: k < m.factorCount ? 'factor' : 'derived', mean: s / n, sd: Math.sqrt(sampleVariance(s, r(t.sumSq[k]), n)) });
    }
    expect(res.nodes.monthly.quantiles).toBeDefined();
    expect(res.nodes.wear.quantiles).toBeUndefined();

    // The timeline: 1 − survival per period, and "if none yet" from exact differences of sums.
    const layout = m.timed[0];
    const points = res.timelines.failure;
    expect(points.length).toBe(layout.survival.length);
    const last = layout.survival.at(-1)!;
    layout.survival.forEach((k, i) => {
      const s = meanInterval(r(t.sum[k]), r(t.sumSq[k]), n);
      expect(points[i].cumulative, `period ${i}`).toEqual({ probability: 1 - s.estimate, ci95: [1 - s.hi, 1 - s.lo], standardError: s.standardError });
      if (k === last) {
        expect(points[i].ifNoneYet).toBeUndefined();
        return;
      }
      const cross = scaledSum(t.cross[layout.crossWithLast[i]]);
      const sa = roundScaled(scaledSum(t.sum[k]) - scaledSum(t.sum[last]));
      const saa = roundScaled(scaledSum(t.sumSq[k]) - 2n * cross + scaledSum(t.sumSq[last]));
      const sab = roundScaled(scaledSum(t.sumSq[k]) - cross);
      expect(points[i].ifNoneYet, `period ${i}`).toEqual(estimate(ratioInterval(sa, saa, r(t.sum[k]), r(t.sumSq[k]), sab, n)));
    });
    // The last point is the event itself.
    expect(points.at(-1)!.cumulative.probability).toBeCloseTo(res.events.failure.probability, 15);

    expect(res.manifest).toMatchObject({ trials: n, stoppedBecause: 'trials', chunkSize: 10_000, seed: 'result', asOf: '2025-11-01' });
    expect(res.elapsedMs).toBe(12.5);
    expect(res.evidence).toBeUndefined();
    expect(res.window).toMatchObject({ period: 'month', periods: layout.survival.length });
  });

  it('under "nothing yet" evidence weights every estimate, node and output by the trials\' weights', () => {
    const sim = setupSimulation(quietHazard, { seed: 'result', trials: 1, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } });
    const m = sim.model;
    const t = totalsOf(sim, 2, 3000);
    const n = t.trials;
    const res = buildResult(sim, t, 'trials', 0);
    const sw = r(t.weight[0]);
    const sww = r(t.weight[1]);
    expect(res.evidence).toEqual({ noneThrough: { e: '2026-06-30' }, effectiveSampleSize: (sw * sw) / sww });
    expect(sw).toBeLessThan(n); // the weights are chances, not counts
    for (const name of ['e', 'big']) {
      const k = m.names.indexOf(name);
      expect(res.events[name], name).toMatchObject({ ...estimate(ratioInterval(r(t.sum[k]), r(t.sumSq[k]), sw, sww, r(t.withWeight[k]), n)), method: 'weighted' });
    }
    for (const name of ['x', 'y', 'spread']) {
      const k = m.names.indexOf(name);
      const s = r(t.sum[k]);
      const mean = s / sw;
      expect(res.nodes[name], name).toMatchObject({ mean, sd: Math.sqrt(Math.max(0, (r(t.weightedSq[k]) - mean * s) / sw)) });
    }
    const k = m.names.indexOf('cost');
    const s = r(t.sum[k]);
    const se = ratioStandardError(s, r(t.sumSq[k]), sw, sww, r(t.withWeight[k]), n);
    const mean = s / sw;
    expect(res.outputs!.cost).toMatchObject({ mean, standardError: se, ci95: [mean - Z95 * se, mean + Z95 * se], trials: n, sd: Math.sqrt(Math.max(0, (r(t.weightedSq[k]) - mean * s) / sw)) });
    expect(res.outputs!.cost.acrossWorlds.quantiles.p50).toBeGreaterThan(0);
    expect(res.nodes.cost).toBeUndefined();
  });

  it('an output without evidence: the plain mean, its standard error sqrt(s²/n), the sample sd', () => {
    const sim = setupSimulation(quietHazard, { seed: 'result', trials: 1, asOf: '2026-01-01' });
    const m = sim.model;
    const t = totalsOf(sim, 1, 4000);
    const res = buildResult(sim, t, 'trials', 0);
    const k = m.names.indexOf('cost');
    const s = r(t.sum[k]);
    const v = sampleVariance(s, r(t.sumSq[k]), 4000);
    const se = Math.sqrt(v / 4000);
    expect(res.outputs!.cost).toMatchObject({ mean: s / 4000, standardError: se, ci95: [s / 4000 - Z95 * se, s / 4000 + Z95 * se], sd: Math.sqrt(v), trials: 4000 });
  });

  it('refuses evidence that leaves fewer than 1,000 effective trials, naming the observation and the counts', () => {
    const sim = setupSimulation(quietHazard, { seed: 'result', trials: 1, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } });
    const t = totalsOf(sim, 1, 1000);
    const sw = r(t.weight[0]);
    const ess = (sw * sw) / r(t.weight[1]);
    expect(ess).toBeLessThan(1000);
    let error: unknown;
    try {
      buildResult(sim, t, 'trials', 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const issue = (error as ScenarioError).issues[0];
    expect(issue.code).toBe('too-few-effective-trials');
    expect(issue.message).toBe(`the evidence (no "e" through 2026-06-30) leaves an effective sample of ${Math.floor(ess).toLocaleString('en-US')} of 1,000 trials, below the 1,000 needed to trust the estimates; run more trials`);
  });

  it('leaves out what would say nothing: "if none yet" once no trial survives a period, a spread of a constant chance', () => {
    const certain: Scenario = {
      id: 'certain',
      title: 'A hazard of 1 and a constant chance',
      timeline: { start: '2026-01', horizon: 3 },
      factors: { x: { dist: 'uniform', min: 0, max: 1 } },
      events: { sure: { hazard: '1' }, maybe: { hazard: 'x / 2' }, flat: '0.3' },
    };
    const sim = setupSimulation(certain, { seed: 'result', trials: 1, asOf: '2026-01-01' });
    const res = buildResult(sim, totalsOf(sim, 1, 500), 'trials', 0);
    // Nothing survives the first month, so no period has trials with "none yet".
    expect(res.timelines.sure.map((p) => p.ifNoneYet)).toEqual([undefined, undefined, undefined]);
    expect(res.timelines.maybe.slice(0, 2).every((p) => p.ifNoneYet !== undefined)).toBe(true);
    expect(res.events.flat).toMatchObject({ probability: 0.3, method: 'mean' });
    expect(res.events.flat.acrossWorlds).toBeUndefined();
    expect(res.events.maybe.acrossWorlds).toBeDefined();
  });

  it('lists factors and derived nodes as nodes, outputs apart, and no timeline, window, evidence or outputs where there are none', () => {
    const plain: Scenario = { id: 'plain', title: 'No time', factors: { x: { dist: 'uniform', min: 0, max: 1 } }, derived: { y: '2 * x' }, events: { e: 'x' } };
    const sim = setupSimulation(plain, { seed: 'result', trials: 1 });
    const res = buildResult(sim, totalsOf(sim, 1, 100), 'trials', 0);
    expect(Object.keys(res.nodes)).toEqual(['x', 'y']);
    expect(res.timelines).toEqual({});
    expect('window' in res || 'evidence' in res || 'outputs' in res).toBe(false);
    expect(Object.keys(res.manifest.settings)).toEqual(['trials', 'halfWidth', 'maxTrials']);
    expect(res.manifest.settings.trials).toBe(1);
    // With outputs, a horizon and evidence: the outputs in written order, the settings recorded.
    const timed = setupSimulation(quietHazard, { seed: 'result', trials: 1, asOf: '2026-07-01', horizon: 6, noneThrough: { e: '2026-06-30' } });
    const tr = buildResult(timed, totalsOf(timed, 1, 5000), 'trials', 0);
    expect(Object.keys(tr.nodes)).toEqual(['x', 'y', 'spread']);
    expect(Object.keys(tr.outputs!)).toEqual(['cost']);
    expect(tr.manifest.settings).toMatchObject({ horizon: 6, noneThrough: { e: '2026-06-30' } });
  });

  it('currentEstimates: the widest half-width, or Infinity while the evidence leaves too few trials or a condition never held', () => {
    const sim = setupSimulation(machineFailure, { seed: 'result', trials: 1 });
    const t = totalsOf(sim, 1, 3000);
    const { worst, events } = currentEstimates(t, sim.model);
    const res = buildResult(sim, t, 'trials', 0);
    expect(events).toEqual(Object.fromEntries(Object.entries(res.events).map(([k, e]) => [k, { probability: e.probability, ci95: e.ci95, standardError: e.standardError }])));
    // The larger distance from an estimate to either end of its interval, the widest over events.
    expect(worst).toBe(Math.max(...Object.values(res.events).map((e) => Math.max(e.probability - e.ci95[0], e.ci95[1] - e.probability))));

    const quiet = setupSimulation(quietHazard, { seed: 'result', trials: 1, asOf: '2026-07-01', noneThrough: { e: '2026-06-30' } });
    expect(currentEstimates(totalsOf(quiet, 1, 1000), quiet.model).worst).toBe(Infinity); // effective sample below 1,000
    expect(currentEstimates(totalsOf(quiet, 1, 5000), quiet.model).worst).toBeLessThan(0.05);

    const never: Scenario = { id: 'never', title: 'A condition that never holds', factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { no: 'x > 2', then: { p: 'x', given: 'no' } } };
    const n = setupSimulation(never, { seed: 'result', trials: 1 });
    const c = currentEstimates(totalsOf(n, 1, 50), n.model);
    expect(c.worst).toBe(Infinity);
    expect(Object.keys(c.events)).toEqual(['no']);
  });

  it('refuses a conditional event whose condition never held', () => {
    const never: Scenario = { id: 'never', title: 'A condition that never holds', factors: { x: { dist: 'uniform', min: 0, max: 1 } }, events: { no: 'x > 2', then: { p: 'x', given: 'no' } } };
    const sim = setupSimulation(never, { seed: 'result', trials: 1 });
    let error: unknown;
    try {
      buildResult(sim, totalsOf(sim, 1, 50), 'trials', 0);
    } catch (e) {
      error = e;
    }
    expect((error as ScenarioError).issues).toEqual([{ code: 'condition-never-held', path: 'events.then.given', message: 'the condition "no" had probability 0 in all 50 trials, so P(then | it) is undefined' }]);
  });
});

describe('the manifest names the runtime', () => {
  it('Node as before, Deno, Bun and a browser by their own names and versions', () => {
    expect(runtimeName()).toBe(`node ${process.version}`);
    expect(runtimeName({ process: { versions: { node: '20.11.1' } } })).toBe('node v20.11.1');
    // Deno and Bun also say which Node they imitate: their own name wins.
    expect(runtimeName({ Deno: { version: { deno: '2.1.4' } }, process: { versions: { node: '22.11.0' } }, navigator: { userAgent: 'Deno/2.1.4' } })).toBe('deno v2.1.4');
    expect(runtimeName({ Bun: { version: '1.1.30' }, process: { versions: { node: '22.6.0', bun: '1.1.30' } } })).toBe('bun v1.1.30');
    expect(runtimeName({ process: { versions: { node: '22.6.0', bun: '1.1.29' } } })).toBe('bun v1.1.29');
    const ua = {
      chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      headless: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36',
      edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68',
      firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      safari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    };
    expect(runtimeName({ navigator: { userAgent: ua.chrome } })).toBe('browser (Chrome 156)');
    expect(runtimeName({ navigator: { userAgent: ua.headless } })).toBe('browser (Chrome 131)');
    expect(runtimeName({ navigator: { userAgent: ua.edge } })).toBe('browser (Edge 126)');
    expect(runtimeName({ navigator: { userAgent: ua.firefox } })).toBe('browser (Firefox 128)');
    expect(runtimeName({ navigator: { userAgent: ua.safari } })).toBe('browser (Safari 17)');
    expect(runtimeName({ navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/112.0.0.0' } })).toBe('browser (Opera 112)');
    expect(runtimeName({ navigator: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' } })).toBe('browser (Safari 17)');
    // Bun's own global alone, and empty versions that fall through to the next runtime.
    expect(runtimeName({ Bun: { version: '1.1.30' } })).toBe('bun v1.1.30');
    expect(runtimeName({ Deno: { version: { deno: '' } }, Bun: { version: '' }, process: { versions: { node: '20.1.0', bun: '' } } })).toBe('node v20.1.0');
    expect(runtimeName({ process: { versions: { node: '' } }, navigator: { userAgent: 'SomethingElse/1.0' } })).toBe('browser');
    expect(runtimeName({ navigator: { userAgent: 'SomethingElse/1.0' } })).toBe('browser');
    expect(runtimeName({})).toBe('browser');
  });
});

