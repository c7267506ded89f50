/**
 * `--shard auto` (issue 14, item 3): K and N from the job array the process runs in. Slurm
 * numbers its tasks from SLURM_ARRAY_TASK_MIN and says how many there are; Kubernetes Indexed
 * Jobs (JOB_COMPLETION_INDEX) and AWS Batch array jobs (AWS_BATCH_JOB_ARRAY_INDEX) number from 0
 * and do not, so they need `auto/N`. A missing or inconsistent variable is one clear error.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/io';
import { parseShard } from '../../src/cli/shard';

const slurm = (id: string, count = '3', min = '1', step?: string) => ({ SLURM_ARRAY_TASK_ID: id, SLURM_ARRAY_TASK_COUNT: count, SLURM_ARRAY_TASK_MIN: min, ...(step ? { SLURM_ARRAY_TASK_STEP: step } : {}) });

function refusal(raw: string, env: Record<string, string>): string {
  try {
    parseShard(raw, env);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`--shard ${raw} was accepted`);
}

describe('--shard', () => {
  it('reads K/N as before, and refuses what is not a shard', () => {
    expect(parseShard('2/3', {})).toEqual({ k: 2, n: 3 });
    expect(parseShard(undefined, slurm('2'))).toBeUndefined();
    for (const raw of ['0/3', '4/3', '3', 'two/3', 'auto/', 'autox']) expect(refusal(raw, {}), raw).toMatch(/^--shard must be K\/N with 1 <= K <= N, or auto/);
  });

  it('auto in a Slurm array: K from the task id and the array\'s first index, N from its count', () => {
    expect(parseShard('auto', slurm('1'))).toEqual({ k: 1, n: 3 });
    expect(parseShard('auto', slurm('3'))).toEqual({ k: 3, n: 3 });
    // `--array=0-2`: ids 0, 1, 2 are shards 1, 2, 3.
    expect(parseShard('auto', slurm('0', '3', '0'))).toEqual({ k: 1, n: 3 });
    expect(parseShard('auto/3', slurm('2', '3', '1', '1'))).toEqual({ k: 2, n: 3 });
  });

  it('auto/N in a Kubernetes Indexed Job or an AWS Batch array job (indices from 0)', () => {
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ k: 1, n: 4 });
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ k: 4, n: 4 });
    expect(parseShard('auto/2', { AWS_BATCH_JOB_ARRAY_INDEX: '1' })).toEqual({ k: 2, n: 2 });
  });

  it('names a missing or inconsistent variable', () => {
    expect(refusal('auto', {})).toBe('--shard auto: no job array index in the environment (looked for SLURM_ARRAY_TASK_ID (Slurm), JOB_COMPLETION_INDEX (Kubernetes), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch)); outside a job array write --shard K/N');
    expect(refusal('auto', { JOB_COMPLETION_INDEX: '2' })).toBe("--shard auto: Kubernetes gives the index (JOB_COMPLETION_INDEX=2) but not the number of shards; write --shard auto/N with N = the Job's completions");
    expect(refusal('auto', { AWS_BATCH_JOB_ARRAY_INDEX: '0' })).toMatch(/AWS Batch gives the index .* write --shard auto\/N with N = the array job's size$/);
    expect(refusal('auto/3', { JOB_COMPLETION_INDEX: '3' })).toBe('--shard auto: JOB_COMPLETION_INDEX=3 with N = 3 gives shard 4 of 3, which is not a shard (1 <= K <= N)');
    expect(refusal('auto/3', { JOB_COMPLETION_INDEX: 'x' })).toBe('--shard auto: JOB_COMPLETION_INDEX is "x", not a whole number');
    expect(refusal('auto', { SLURM_ARRAY_TASK_ID: '1' })).toMatch(/SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN is missing/);
    expect(refusal('auto', slurm('5', '3', '1'))).toMatch(/gives shard 5 of 3, which is not a shard/);
    expect(refusal('auto', slurm('3', '2', '1', '2'))).toBe('--shard auto: the Slurm array has a step of 2; give it consecutive indices (--array=1-2) so that every shard runs once');
    expect(refusal('auto/4', slurm('1'))).toBe('--shard auto/4: the Slurm array has 3 tasks (SLURM_ARRAY_TASK_COUNT), not 4');
    expect(refusal('auto/2', { ...slurm('1'), JOB_COMPLETION_INDEX: '0' })).toBe('--shard auto: SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are both set, so the engine is ambiguous; write --shard K/N');
  });
});
