// Imported from the modules themselves, not the folders' index files: worker threads rebuild
// this model, and the expr index would bring the formula parser with it.
import { resolveDistribution } from '../distributions/resolve';
import type { Distribution, DistSpec } from '../distributions/types';
import type { FormulaAst } from '../expr/ast';
import { compileFormula } from '../expr/compile';
import type { CorrelationGroup } from '../model/correlations';
import type { TimePlan } from '../model/timeline';
import type { PlannedEvent } from '../model/validate';
import { exp } from '../math/exp';
import { log1p } from '../math/log';
import { factorUnits, type FactorUnit } from './factors';
import { ChunkSketch } from './sketch';

/**
 * What a run needs from a checked scenario, as plain data (no functions, no mathjs objects) so
 * it can be sent to a worker thread or another machine and rebuilt there.
 */
export interface RunPlan {
  readonly params: ReadonlyArray<readonly [string, number]>;
  readonly factors: ReadonlyArray<readonly [string, DistSpec]>;
  /** Derived nodes (and outputs) in evaluation order. */
  readonly derived: ReadonlyArray<readonly [string, FormulaAst]>;
  /** The names among `derived` that are outputs, reported with their own estimates. */
  readonly outputs: readonly string[];
  readonly events: readonly PlannedEvent[];
  /** The run's window, periods and evidence; absent without a timeline. */
  readonly time?: TimePlan;
  /** Groups of correlated factors; absent or empty when every factor is independent. */
  readonly correlations?: readonly CorrelationGroup[];
}

// Every field of RunPlan; `satisfies` makes the compiler flag a field added to RunPlan but not here.
const RUN_PLAN_FIELDS = { params: true, factors: true, derived: true, outputs: true, events: true, time: true, correlations: true } as const satisfies Record<keyof RunPlan, true>;

/**
 * Only the plan's own fields: a checked scenario is a plan too, but carries the scenario itself,
 * which a worker thread or a shard has no use for.
 */
export function runPlanData(plan: RunPlan): RunPlan {
  return Object.fromEntries(Object.keys(RUN_PLAN_FIELDS).flatMap((k) => (plan[k as keyof RunPlan] === undefined ? [] : [[k, plan[k as keyof RunPlan]]]))) as unknown as RunPlan;
}

/** What a computed column's values must satisfy; anything else stops the run. */
export type ColumnCheck = 'finite' | 'probability' | 'nonnegative';

/** One computed column: evaluated after the factors are sampled, in order. */
export interface Step {
  readonly target: number;
  readonly check: ColumnCheck;
  /** How errors name it: a node name, or e.g. `summit (hazard)`. */
  readonly label: string;
  run(n: number): void;
}

/** Where a timed event's per-period survival columns live, for the curve and conditional odds. */
export interface TimedLayout {
  readonly event: number;
  /** Column of S_t = P(no occurrence from the window's start through period t | this trial's factors), per window period. */
  readonly survival: readonly number[];
  /** Cross-sum index of (S_t, S_last), per period. */
  readonly crossWithLast: readonly number[];
}

/** Where a conditional event's columns live: joint = P(given) · P(this | given). */
export interface ConditionalLayout {
  readonly event: number;
  readonly givenColumn: number;
  /** Cross-sum index of (joint, given). */
  readonly cross: number;
}

/**
 * A plan made runnable for one batch size: one Float64Array column per factor, derived node
 * and event (in that order), then internal columns (hazards, multipliers, survival curves,
 * conditional probabilities), allocated once and reused for every batch of every chunk.
 */
export class ColumnModel {
  readonly names: string[] = [];
  readonly columns: Float64Array[] = [];
  readonly distributions: readonly Distribution[];
  /** How the factor columns are drawn: per independent factor, or per correlated group. */
  readonly units: readonly FactorUnit[];
  /** Each unit's member columns, in unit order (the `out` its draw fills). */
  readonly unitColumns: ReadonlyArray<readonly Float64Array[]>;
  readonly steps: Step[] = [];
  /** Pairs of columns whose per-trial products are summed (for ratio estimates). */
  readonly crossPairs: Array<readonly [number, number]> = [];
  readonly timed: TimedLayout[] = [];
  readonly conditional: ConditionalLayout[] = [];
  readonly factorCount: number;
  readonly firstEvent: number;
  readonly eventCount: number;
  /**
   * Column of each trial's weight under "nothing yet" evidence (its chance of the quiet stretch
   * observed), or -1 when the run has no such evidence and every trial counts once.
   */
  readonly weight: number = -1;
  /**
   * The columns whose distribution across trials is summarized by a quantile sketch: every
   * derived node and every event that is not conditional. Not the factors, whose quantiles are
   * their distributions' own (and a sketch costs about 12 ns per trial per column); not a
   * conditional event, whose column is a joint probability, not a chance a reader would read a
   * spread of.
   */
  readonly sketched: number[];
  /** One chunk's quantile sketch per sketched column, reset for every chunk and reused. */
  readonly chunkSketches: ChunkSketch[];
  /**
   * The columns whose sums a run keeps: factors, derived nodes, outputs, events and the timed
   * events' survival curves, all a result reads. Hazards, window multipliers and other working
   * columns are not summed (a flagship trial has about three times as many of those).
   */
  readonly summed: number[];
  /** Columns of P(no occurrence over an observed quiet stretch), one per event with "nothing yet" evidence. */
  private readonly quiet: number[] = [];

  constructor(
    readonly plan: RunPlan,
    readonly batchSize: number,
  ) {
    const { factors, derived, events } = plan;
    for (const [name] of [...factors, ...derived]) this.addColumn(name);
    for (const e of events) this.addColumn(e.name);
    this.factorCount = factors.length;
    this.firstEvent = factors.length + derived.length;
    this.eventCount = events.length;
    this.distributions = factors.map(([, spec]) => resolveDistribution(spec));
    this.units = factorUnits(this.names, this.distributions, plan.correlations ?? [], batchSize);
    this.unitColumns = this.units.map((u) => u.members.map((f) => this.columns[f]));

    const slots = new Map<string, number>(this.names.map((n, i) => [n, i]));
    const constants = new Map<string, number>(plan.params);
    const formulaStep = (target: number, ast: FormulaAst, check: ColumnCheck, label: string): Step => {
      const program = compileFormula(ast, slots, constants, batchSize);
      const out = this.columns[target];
      return { target, check, label, run: (n) => program.evaluate(this.columns, out, n) };
    };

    derived.forEach(([name, ast], i) => this.steps.push(formulaStep(factors.length + i, ast, 'finite', name)));
    const eventColumn = (name: string) => slots.get(name)!;
    // Unconditional events first: a conditional event reads its condition's column.
    for (const e of events) {
      if (e.kind === 'probability') this.steps.push(formulaStep(eventColumn(e.name), e.ast, 'probability', e.name));
      if (e.kind === 'timed') this.addTimed(e, eventColumn(e.name), formulaStep);
    }
    for (const e of events) {
      if (e.kind === 'conditional') this.addConditional(e.name, eventColumn(e.name), eventColumn(e.given), e.ast, formulaStep);
    }
    this.weight = this.addWeight();
    const conditional = new Set(this.conditional.map((c) => c.event));
    this.sketched = Array.from({ length: this.firstEvent + this.eventCount }, (_, k) => k).filter((k) => k >= this.factorCount && !conditional.has(k));
    this.chunkSketches = this.sketched.map(() => new ChunkSketch());
    const reported = Array.from({ length: this.firstEvent + this.eventCount }, (_, k) => k);
    this.summed = [...reported, ...this.timed.flatMap((t) => t.survival)].sort((a, b) => a - b);
  }

  /** The weight column: the one evidence column, or the product of several; -1 without evidence. */
  private addWeight(): number {
    const evidence = this.quiet;
    if (evidence.length <= 1) return evidence[0] ?? -1;
    const target = this.addColumn('(evidence weight)');
    const cols = this.columns;
    this.steps.push({
      target,
      check: 'probability',
      label: '(evidence weight)',
      run: (n) => {
        const out = cols[target];
        out.set(cols[evidence[0]].subarray(0, n));
        for (let e = 1; e < evidence.length; e++) {
          const c = cols[evidence[e]];
          for (let i = 0; i < n; i++) out[i] *= c[i];
        }
      },
    });
    return target;
  }

  private addColumn(name: string): number {
    this.names.push(name);
    this.columns.push(new Float64Array(this.batchSize));
    return this.columns.length - 1;
  }

  private addTimed(
    e: Extract<PlannedEvent, { kind: 'timed' }>,
    target: number,
    formulaStep: (target: number, ast: FormulaAst, check: ColumnCheck, label: string) => Step,
  ): void {
    const time = this.plan.time!;
    const hazard = this.addColumn(`${e.name} (hazard)`);
    this.steps.push(formulaStep(hazard, e.hazard, 'probability', `${e.name} (hazard)`));
    const multipliers = e.windows.map((w, i) => {
      const k = this.addColumn(`${e.name} (window ${i} multiplier)`);
      this.steps.push(formulaStep(k, w.multiplier, 'nonnegative', `${e.name} (window ${i} multiplier)`));
      return k;
    });
    // Per simulated period, the multiplier columns of the windows that cover it.
    const covering = time.shares.map((_, t) => e.windows.flatMap((w, i) => (w.covers.includes(t) ? [multipliers[i]] : [])));
    const cols = this.columns;
    /** Multiplies `s` (from `prev`, or from 1) by each trial's chance of no occurrence in period t, of which `share` counts. */
    const survive = (s: Float64Array, prev: Float64Array | undefined, t: number, share: number, n: number) => {
      const h = cols[hazard];
      const cover = covering[t];
      for (let i = 0; i < n; i++) {
        let rate = h[i];
        for (let c = 0; c < cover.length; c++) rate *= cols[cover[c]][i];
        const r = rate > 1 ? 1 : rate;
        // A partial period keeps its share of the period's hazard: 1 − (1 − h)^share, computed
        // as exp(share · log1p(−h)) (two cheap calls instead of pow, and exact as h → 0).
        const keep = share === 1 ? 1 - r : exp(share * log1p(-r));
        s[i] = (prev === undefined ? 1 : prev[i]) * keep;
      }
    };

    const survival = time.labels.map((p) => this.addColumn(`${e.name} (survival ${p})`));
    this.steps.push({
      target,
      check: 'probability',
      label: e.name,
      run: (n) => {
        for (let w = 0; w < survival.length; w++) survive(cols[survival[w]], w === 0 ? undefined : cols[survival[w - 1]], time.first + w, time.shares[time.first + w], n);
        const last = cols[survival[survival.length - 1]];
        const out = cols[target];
        for (let i = 0; i < n; i++) out[i] = 1 - last[i];
      },
    });
    const lastColumn = survival[survival.length - 1];
    const crossWithLast = survival.map((k) => this.crossPairs.push([k, lastColumn]) - 1);
    this.timed.push({ event: target, survival, crossWithLast });

    const evidence = time.evidence.find((o) => o.event === e.name);
    if (!evidence) return;
    const quiet = this.addColumn(`${e.name} (none through ${evidence.through})`);
    const observed = evidence.shares.flatMap((share, t) => (share > 0 ? [t] : []));
    this.steps.push({
      target: quiet,
      check: 'probability',
      label: `${e.name} (none through ${evidence.through})`,
      run: (n) => {
        const out = cols[quiet];
        if (observed.length === 0) out.fill(1, 0, n);
        observed.forEach((t, j) => survive(out, j === 0 ? undefined : out, t, evidence.shares[t], n));
      },
    });
    this.quiet.push(quiet);
  }

  private addConditional(
    name: string,
    target: number,
    givenColumn: number,
    ast: FormulaAst,
    formulaStep: (target: number, ast: FormulaAst, check: ColumnCheck, label: string) => Step,
  ): void {
    const q = this.addColumn(`${name} (given)`);
    this.steps.push(formulaStep(q, ast, 'probability', name));
    const cols = this.columns;
    this.steps.push({
      target,
      check: 'probability',
      label: name,
      run: (n) => {
        const a = cols[q];
        const b = cols[givenColumn];
        const out = cols[target];
        for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      },
    });
    const cross = this.crossPairs.push([target, givenColumn]) - 1;
    this.conditional.push({ event: target, givenColumn, cross });
  }
}
