// Imported from the modules themselves, not the folders' index files: worker threads rebuild
// this model, and the expr index would bring the formula parser (and mathjs) with it.
import { resolveDistribution } from '../dist/resolve';
import type { Distribution, DistSpec } from '../dist/types';
import type { FormulaAst } from '../expr/ast';
import { compileFormula } from '../expr/compile';
import type { PlannedEvent } from '../model/validate';

/**
 * What a run needs from a checked scenario, as plain data (no functions, no mathjs objects) so
 * it can be sent to a worker thread or another machine and rebuilt there.
 */
export interface RunPlan {
  readonly params: ReadonlyArray<readonly [string, number]>;
  readonly factors: ReadonlyArray<readonly [string, DistSpec]>;
  /** Derived nodes in evaluation order. */
  readonly derived: ReadonlyArray<readonly [string, FormulaAst]>;
  readonly events: readonly PlannedEvent[];
  /** Timeline period labels (`YYYY-MM`); empty without a timeline. */
  readonly periods: readonly string[];
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
  /** Column of S_t = P(no occurrence through period t | this trial's factors), per period. */
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
  readonly steps: Step[] = [];
  /** Pairs of columns whose per-trial products are summed (for ratio estimates). */
  readonly crossPairs: Array<readonly [number, number]> = [];
  readonly timed: TimedLayout[] = [];
  readonly conditional: ConditionalLayout[] = [];
  readonly factorCount: number;
  readonly firstEvent: number;
  readonly eventCount: number;

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
    const hazard = this.addColumn(`${e.name} (hazard)`);
    this.steps.push(formulaStep(hazard, e.hazard, 'probability', `${e.name} (hazard)`));
    const multipliers = e.windows.map((w, i) => {
      const k = this.addColumn(`${e.name} (window ${i} multiplier)`);
      this.steps.push(formulaStep(k, w.multiplier, 'nonnegative', `${e.name} (window ${i} multiplier)`));
      return k;
    });
    const periods = this.plan.periods;
    const survival = periods.map((p) => this.addColumn(`${e.name} (survival ${p})`));
    // Per period, the multiplier columns of the windows that cover it.
    const covering = periods.map((_, t) => e.windows.flatMap((w, i) => (w.from <= t && t <= w.to ? [multipliers[i]] : [])));
    const cols = this.columns;
    this.steps.push({
      target,
      check: 'probability',
      label: e.name,
      run: (n) => {
        const h = cols[hazard];
        const out = cols[target];
        for (let i = 0; i < n; i++) out[i] = 1;
        for (let t = 0; t < survival.length; t++) {
          const s = cols[survival[t]];
          const prev = t === 0 ? out : cols[survival[t - 1]];
          const cover = covering[t];
          for (let i = 0; i < n; i++) {
            let rate = h[i];
            for (let c = 0; c < cover.length; c++) rate *= cols[cover[c]][i];
            s[i] = prev[i] * (1 - (rate > 1 ? 1 : rate));
          }
        }
        const last = cols[survival[survival.length - 1]];
        for (let i = 0; i < n; i++) out[i] = 1 - last[i];
      },
    });
    const lastColumn = survival[survival.length - 1];
    const crossWithLast = survival.map((k) => this.crossPairs.push([k, lastColumn]) - 1);
    this.timed.push({ event: target, survival, crossWithLast });
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
