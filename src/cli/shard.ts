/**
 * `--shard K/N`, and `--shard auto` (or `auto/N`), which takes K and N from the job array the
 * process runs in: Slurm, a Kubernetes Indexed Job or an AWS Batch array job.
 */
import type { Shard } from '../node/shard';
import { UsageError } from './io';

type Environment = Readonly<Record<string, string | undefined>>;

const USAGE = 'e.g. --shard 2/3, or --shard auto in a Slurm job array (auto/N in a Kubernetes Indexed Job or an AWS Batch array job)';

/** A whole number written in decimal digits, or undefined. */
function whole(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : undefined;
}

/** The engines that set an index, by the variable that says so. */
const ENGINES = [
  { name: 'Slurm', index: 'SLURM_ARRAY_TASK_ID' },
  { name: 'Kubernetes', index: 'JOB_COMPLETION_INDEX' },
  { name: 'AWS Batch', index: 'AWS_BATCH_JOB_ARRAY_INDEX' },
] as const;

/** Shard k of n, checked. */
function shardOf(k: number, n: number, where: string): Shard {
  if (!(n >= 1 && k >= 1 && k <= n)) throw new UsageError(`--shard auto: ${where} gives shard ${k} of ${n}, which is not a shard (1 <= K <= N)`);
  return { k, n };
}

/** Shard K of N from the job array's variables; `count` is the N of `auto/N`, if given. */
function fromEnvironment(env: Environment, count: number | undefined): Shard {
  const present = ENGINES.filter((e) => env[e.index] !== undefined && env[e.index] !== '');
  if (present.length === 0) {
    throw new UsageError(`--shard auto: no job array index in the environment (looked for ${ENGINES.map((e) => `${e.index} (${e.name})`).join(', ')}); outside a job array write --shard K/N`);
  }
  if (present.length > 1) throw new UsageError(`--shard auto: ${present.map((e) => e.index).join(' and ')} are both set, so the engine is ambiguous; write --shard K/N`);
  const engine = present[0];
  const index = whole(env[engine.index]);
  if (index === undefined) throw new UsageError(`--shard auto: ${engine.index} is "${env[engine.index]}", not a whole number`);
  if (engine.name !== 'Slurm') {
    // Kubernetes and AWS Batch number from 0 and do not tell the process how many there are.
    if (count === undefined) throw new UsageError(`--shard auto: ${engine.name} gives the index (${engine.index}=${index}) but not the number of shards; write --shard auto/N with N = the ${engine.name === 'Kubernetes' ? "Job's completions" : "array job's size"}`);
    return shardOf(index + 1, count, `${engine.index}=${index} with N = ${count}`);
  }
  const [n, min, step] = ['SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_STEP'].map((v) => whole(env[v]));
  if (n === undefined || min === undefined) {
    throw new UsageError('--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN is missing or not a whole number; run under `sbatch --array`, or write --shard K/N');
  }
  if (step !== undefined && step !== 1) throw new UsageError(`--shard auto: the Slurm array has a step of ${step}; give it consecutive indices (--array=1-${n}) so that every shard runs once`);
  if (count !== undefined && count !== n) throw new UsageError(`--shard auto/${count}: the Slurm array has ${n} tasks (SLURM_ARRAY_TASK_COUNT), not ${count}`);
  return shardOf(index - min + 1, n, `SLURM_ARRAY_TASK_ID=${index} with SLURM_ARRAY_TASK_MIN=${min} and SLURM_ARRAY_TASK_COUNT=${n}`);
}

/**
 * Reads `--shard`: `K/N` (1 <= K <= N), `auto` or `auto/N`.
 *
 * @throws {UsageError} naming what is wrong: the form, or a missing or inconsistent variable.
 */
export function parseShard(raw: string | undefined, env: Environment): Shard | undefined {
  if (raw === undefined) return undefined;
  const auto = /^\s*auto\s*(?:\/\s*(\d{1,9})\s*)?$/.exec(raw);
  if (auto) return fromEnvironment(env, auto[1] === undefined ? undefined : Number(auto[1]));
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(raw);
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || k < 1 || n < 1 || k > n) throw new UsageError(`--shard must be K/N with 1 <= K <= N, or auto (got "${raw}"); ${USAGE}`);
  return { k, n };
}
