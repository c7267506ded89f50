import { dirname } from 'node:path';
import type { SimulationResult } from '../../engine/types';
import type { Scenario } from '../../model/types';
import { simulate } from '../../node/parallel';
import { runShard } from '../../node/shard';
import { parseShard } from '../shard';
import { summarize } from '../../report/text';
import { parseCommandArgs, parseWorkers } from '../args';
import { errnoText, FileWriteError, makeDirectory, writeFilesAtomically } from '../../node/files';
import { EXIT, jsonText, UsageError, type CliIo } from '../io';
import { progressBar } from '../progress';
import { eventLabels, help, loadScenario, noteAsOf, onePositional, RUN_FLAGS, runOptions, targetMet, warnIfCapReached, WORKERS_FLAG } from '../shared';

/** `scenario-odds run <file|id>`: one simulation, printed as a summary or as JSON. */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    ...RUN_FLAGS,
    json: { type: 'boolean' },
    out: { type: 'string' },
    ...WORKERS_FLAG,
    shard: { type: 'string' },
  });
  if (values.help) return help('run', io);
  const target = onePositional('run', positionals, 'scenario file or built-in id');
  const runFlags = runOptions('run', values);
  const workers = parseWorkers(values.workers);
  const shard = parseShard(values.shard, process.env);
  if (shard && runFlags.halfWidth !== undefined) {
    throw new UsageError('run: --shard needs a fixed --trials, not --half-width: a half-width stop is decided on every chunk in order, which no single shard sees');
  }
  const scenario = await loadScenario(target);

  const controller = new AbortController();
  const removeHandler = io.onInterrupt(() => controller.abort());
  const bar = progressBar(io.stderr, { halfWidth: runFlags.halfWidth });
  const options = { ...runFlags, workers, signal: controller.signal, onProgress: bar?.update };
  try {
    if (shard) {
      // A part document is always JSON: it is data for `scenario-odds merge`, not for reading.
      const part = await runShard(scenario, { ...options, halfWidth: undefined }, shard);
      bar?.done();
      const json = jsonText(part);
      io.stdout.write(json);
      await writeOut('run', values.out, json, io);
      return EXIT.ok;
    }
    const result = await simulate(scenario, options);
    bar?.done();
    return await printResult('run', result, scenario, { ...values, halfWidth: runFlags.halfWidth }, io);
  } catch (e) {
    bar?.done();
    if (controller.signal.aborted) {
      io.stderr.write(shard ? 'scenario-odds: interrupted; no part document was written\n' : 'scenario-odds: interrupted before the first chunk of trials finished\n');
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    removeHandler();
  }
}

/**
 * Prints a result as the text summary or (`--json`) the JSON document, and writes the JSON
 * document to `--out`; returns the exit code. `run` and `merge` share it, so a merged run
 * prints exactly what the unsharded run prints.
 *
 * With a half-width target (`halfWidth`) the JSON document gets `targetMet`, and a run that
 * reached `--max-trials` short of the target is warned about on stderr and exits
 * {@link EXIT}.capReached (its result is printed all the same).
 */
export async function printResult(command: string, result: SimulationResult, scenario: Scenario, values: { readonly json?: boolean; readonly out?: string; readonly 'as-of'?: string; readonly halfWidth?: number }, io: CliIo): Promise<number> {
  const json = jsonText(values.halfWidth === undefined ? result : { ...result, targetMet: targetMet(result) });
  io.stdout.write(values.json ? json : `${summarize(result, eventLabels(scenario))}\n`);
  noteAsOf(result.asOf, values['as-of'], io);
  await writeOut(command, values.out, json, io);
  if (result.stoppedBecause === 'aborted') return EXIT.interrupted;
  return warnIfCapReached(result, io) ? EXIT.capReached : EXIT.ok;
}


/**
 * Writes `--out FILE` (creating its folder; through a temporary file renamed into place, so a
 * full disk leaves the previous file whole) and says so on stderr; a failure is a usage error.
 */
export async function writeOut(command: string, out: string | undefined, text: string, io: CliIo): Promise<void> {
  if (out === undefined) return;
  await makeDirectory(dirname(out))
    .then(() => writeFilesAtomically([{ path: out, content: text }]))
    .catch((e: NodeJS.ErrnoException | FileWriteError) => {
      throw new UsageError(`${command}: cannot write --out ${out}: ${errnoText(e instanceof FileWriteError ? e.error : e)}`);
    });
  io.stderr.write(`wrote ${out}\n`);
}
