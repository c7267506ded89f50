/**
 * Paired evaluation (common random numbers): models that differ from a base model in params or
 * in some factors' distributions, evaluated on the very same trials. Each batch, the base model
 * samples its factors (the engine's `forEachBatch`); each arm then copies the base's column for
 * every factor whose distribution it shares, and redraws a changed factor from the same
 * `(seed, chunk, factor)` stream a standalone run of the arm would use. So an arm's numbers are
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
  /** Per factor of the arm: the base's factor column to copy, or -1 to redraw it. */
  readonly source: readonly number[];
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

/** Pairs `model` with `base`: which factors it can copy and which it must redraw. */
export function pairArm(base: ColumnModel, model: ColumnModel, tolerant = false): Arm {
  const baseFactors = new Map(base.plan.factors.map(([name, spec], f) => [name, { f, key: samplingKey(spec) }]));
  const source = model.plan.factors.map(([name, spec]) => {
    const b = baseFactors.get(name);
    return b && b.key === samplingKey(spec) ? b.f : -1;
  });
  return { model, source, tolerant };
}

/**
 * Runs trials [chunk · CHUNK_SIZE, … + trials) of the base model and of every arm batch by
 * batch, calling `visit(n, offset)` while all their columns hold the same n trials.
 *
 * @throws {NumericalError} from the base, or from an arm that is not `tolerant`.
 */
export function forEachPairedBatch(base: ColumnModel, arms: readonly Arm[], seed: string, chunk: number, trials: number, visit: (n: number, offset: number) => void): void {
  // One stream per redrawn factor per arm, created per chunk exactly as forEachBatch does.
  const streams: Array<Array<RandomStream | undefined>> = arms.map((arm) => arm.source.map((s, f) => (s < 0 ? createStream(seed, chunk, arm.model.names[f]) : undefined)));
  forEachBatch(base, seed, chunk, trials, (n, offset) => {
    arms.forEach((arm, a) => {
      if (arm.failure) return;
      const { model, source } = arm;
      for (let f = 0; f < source.length; f++) {
        if (source[f] >= 0) model.columns[f].set(base.columns[source[f]].subarray(0, n));
        else model.distributions[f].sample(streams[a][f]!, model.columns[f], n);
      }
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
