import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { simulate } from '../../engine/simulate';
import { parseAssignments } from '../../model/overrides';
import { summarize } from '../../report/text';
import { parseCommandArgs, parseCount, parseNumber } from '../args';
import { EXIT, UsageError, type CliIo } from '../io';
import { progressBar } from '../progress';
import { eventLabels, help, loadScenario, onePositional } from '../shared';

/** `scenario-odds run <file|id>`: one simulation, printed as a summary or as JSON. */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    seed: { type: 'string' },
    trials: { type: 'string' },
    'half-width': { type: 'string' },
    'max-trials': { type: 'string' },
    set: { type: 'string', multiple: true },
    variant: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (values.help) return help('run', io);
  const target = onePositional('run', positionals, 'scenario file or built-in id');
  const trials = parseCount('--trials', values.trials);
  const maxTrials = parseCount('--max-trials', values['max-trials']);
  const halfWidth = parseNumber('--half-width', values['half-width']);
  if (trials !== undefined && halfWidth !== undefined) throw new UsageError('run: give either --trials or --half-width, not both');
  const params = parseAssignments(values.set ?? []);
  const scenario = await loadScenario(target);

  const controller = new AbortController();
  const removeHandler = io.onInterrupt(() => controller.abort());
  const bar = progressBar(io.stderr);
  try {
    const result = await simulate(scenario, {
      seed: values.seed,
      trials,
      maxTrials,
      halfWidth,
      params,
      variant: values.variant,
      signal: controller.signal,
      onProgress: bar?.update,
    });
    bar?.done();
    const json = `${JSON.stringify(result, null, 2)}\n`;
    io.stdout.write(values.json ? json : `${summarize(result, eventLabels(scenario))}\n`);
    if (values.out !== undefined) {
      const out = values.out;
      await mkdir(dirname(out), { recursive: true })
        .then(() => writeFile(out, json))
        .catch((e: NodeJS.ErrnoException) => {
          throw new UsageError(`run: cannot write --out ${out}: ${e.code ?? e.message}`);
        });
      io.stderr.write(`wrote ${values.out}\n`);
    }
    return result.stoppedBecause === 'aborted' ? EXIT.interrupted : EXIT.ok;
  } catch (e) {
    bar?.done();
    if (controller.signal.aborted) {
      io.stderr.write('scenario-odds: interrupted before the first chunk of trials finished\n');
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    removeHandler();
  }
}
