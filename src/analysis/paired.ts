/**
 * Paired evaluation (common random numbers): models that differ from a base model in params or
 * in some factors' distributions, evaluated on the very same trials. Each batch, the base model
 * samples its factors (the engine's `forEachBatch`); each arm then copies the base's columns for
 * every sampling unit (a factor, or a group of correlated factors) it shares, and redraws a changed
 * unit from the same `(seed, chunk, factor or group)` stream a standalone run of the arm would
 * use. So an arm's numbers are
 * bit-identical to running it on its own, and its per-trial differences from the base are
 * differences of the change alone.
 */
import { evaluateBatch, forEachBatch, NumericalError } from '../engine/chunk';
import { CHUNK_SIZE } from '../engine/chunk';
import type { ColumnModel } from '../engine/columns';
import { canonicalJson } from '../model/canonical';
import { createStream, type RandomStream } from '../rng';

/** A model evaluated alongside a base model. */
export interface Arm {
  readonly model: ColumnModel;
  /** Per sampling unit of the arm: the base's factor column to copy for each member, or undefined to redraw the unit. */
  readonly source: ReadonlyArray<readonly number[] | undefined>;
  /** Set when `tolerant` and a computed column of this arm broke its check; it is no longer evaluated. */
  failure?: NumericalError;
  /** Record a numerical failure instead of stopping the whole analysis. */
  readonly tolerant: boolean;
}

/** A distribution spec without its documentation fields, which never change the draws. */
function samplingKey(spec: object): string {
  const { label: _l, description: _d, source: _s, ...rest } = spec as Record<string, unknown>;
  return canonicalJson(rest);
}

/** Pairs `model` with `base`: which sampling units it can copy and which it must redraw. */
export function pairArm(base: ColumnModel, model: ColumnModel, tolerant = false): Arm {
  const baseFactors = new Map(base.plan.factors.map(([name, spec], f) => [name, { f, key: samplingKey(spec) }]));
  const baseUnits = new Map(base.units.map((u) => [u.key, unitShape(base, u.members)]));
  const source = model.units.map((unit) => {
    // A group is copied only when the base draws the very same group (same members and matrix).
    if (unit.members.length > 1 && baseUnits.get(unit.key) !== unitShape(model, unit.members)) return undefined;
    const from = unit.members.map((f) => {
      const [name, spec] = model.plan.factors[f];
      const b = baseFactors.get(name);
      return b && b.key === samplingKey(spec) ? b.f : -1;
    });
    return from.every((f) => f >= 0) ? from : undefined;
  });
  return { model, source, tolerant };
}

/** What makes a group's draws: its members' names and the Cholesky factor of its matrix. */
function unitShape(model: ColumnModel, members: readonly number[]): string {
  const group = model.plan.correlations?.find((g) => g.members[0] === model.names[members[0]]);
  return JSON.stringify([members.map((f) => model.names[f]), group?.cholesky ?? []]);
}

/**
 * Runs trials [chunk · CHUNK_SIZE, … + trials) of the base model and of every arm batch by
 * batch, calling `visit(n, offset)` while all their columns hold the same n trials.
 *
 * @throws {NumericalError} from the base, or from an arm that is not `tolerant`.
 */
export function forEachPairedBatch(base: ColumnModel, arms: readonly Arm[], seed: string, chunk: number, trials: number, visit: (n: number, offset: number) => void): void {
  // One stream per redrawn unit per arm, created per chunk exactly as forEachBatch does.
  const streams: Array<Array<RandomStream | undefined>> = arms.map((arm) => arm.model.units.map((u, j) => (arm.source[j] === undefined ? createStream(seed, chunk, u.key) : undefined)));
  forEachBatch(base, seed, chunk, trials, (n, offset) => {
    arms.forEach((arm, a) => {
      if (arm.failure) return;
      const { model, source } = arm;
      model.units.forEach((unit, j) => {
        const from = source[j];
        if (from === undefined) unit.draw(streams[a][j]!, model.unitColumns[j], n);
        else unit.members.forEach((f, m) => model.columns[f].set(base.columns[from[m]].subarray(0, n)));
      });
      try {
        evaluateBatch(model, n, seed, chunk * CHUNK_SIZE + offset);
      } catch (e) {
        if (!(arm.tolerant && e instanceof NumericalError)) throw e;
        arm.failure = e;
      }
    });
    visit(n, offset);
  });
}
