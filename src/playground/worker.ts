/**
 * The playground's Web Worker: every computation of the page runs here, off the page's thread,
 * so the page never freezes. Started by app.ts as a module worker (`worker.js` beside `app.js`).
 *
 * - `run`: the view's run, as `buildReport` (which runs `simulate` with progress) so that the
 *   report to download and the command to copy are those of exactly the run shown; then the
 *   paired difference against the scenario as loaded (`compareVariants`, common random numbers).
 * - `tornado`: `analyzeSensitivity` with `sobolSamples: 0`.
 * - `download`: `renderJson` and `renderHtml` of the last run's report.
 *
 * A new `run` aborts the run and the tornado in progress (between chunks: the engine yields to
 * the event loop every few milliseconds, so the request is read promptly). Answers to a
 * cancelled request are never sent. The message protocol is in protocol.ts.
 */
import { analyzeSensitivity, buildReport, compareVariants, NumericalError, renderHtml, renderJson, ScenarioError, type Report } from '../index';
import type { PlainError, Stage, WorkerRequest, WorkerResponse } from './protocol';
import { compareOptions, reportOptions, tornadoOptions } from './state';

/** The worker's global scope, typed for what it uses (the DOM library types `self` as a window). */
const scope = self as unknown as {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

const post = (message: WorkerResponse): void => scope.postMessage(message);

let running: AbortController | undefined;
let tornado: AbortController | undefined;
/** The report of the last run that finished, for `download`. */
let last: { readonly runId: number; readonly report: Report } | undefined;

/** Progress at most every PROGRESS_MS (and always the last chunk's), so a fast run does not flood the page. */
const PROGRESS_MS = 50;

function progress(id: number, stage: Stage): (p: { trials: number; target: number; halfWidth?: number }) => void {
  let sent = 0;
  return (p) => {
    const now = performance.now();
    if (now - sent < PROGRESS_MS && p.trials < p.target) return;
    sent = now;
    post({ type: 'progress', id, stage, trials: p.trials, target: p.target, ...(p.halfWidth !== undefined ? { halfWidth: p.halfWidth } : {}) });
  };
}

/** An error as plain data: a ScenarioError's issues, a NumericalError's message, anything else's message. */
function plainError(e: unknown): PlainError {
  if (e instanceof ScenarioError) return { kind: 'scenario', message: e.message, issues: e.issues.map(({ code, path, message }) => ({ code, path, message })) };
  if (e instanceof NumericalError) return { kind: 'numerical', message: e.message };
  if (e instanceof Error) return { kind: 'other', message: e.message || e.name };
  return { kind: 'other', message: String(e) };
}

async function run(request: Extract<WorkerRequest, { type: 'run' }>): Promise<void> {
  running?.abort();
  tornado?.abort();
  const control = new AbortController();
  running = control;
  const { id, scenario, settings } = request;
  const { signal } = control;
  let stage: Stage = 'run';
  try {
    const report = await buildReport(scenario, { ...reportOptions(settings), signal, onProgress: progress(id, 'run') });
    if (signal.aborted) return;
    last = { runId: id, report };
    post({ type: 'result', id, report });
    stage = 'compare';
    if (Object.keys(settings.overrides).length === 0) post({ type: 'comparison', id, comparison: null });
    else {
      const options = compareOptions(settings, { trials: report.results.trials, asOf: report.asOf });
      const comparison = await compareVariants(scenario, { ...options, signal, onProgress: progress(id, 'compare') });
      if (signal.aborted) return;
      post({ type: 'comparison', id, comparison });
    }
    post({ type: 'done', id });
  } catch (e) {
    if (signal.aborted) return;
    post({ type: 'error', id, stage, error: plainError(e) });
    post({ type: 'done', id });
  } finally {
    if (running === control) running = undefined;
  }
}

async function sensitivity(request: Extract<WorkerRequest, { type: 'tornado' }>): Promise<void> {
  tornado?.abort();
  const control = new AbortController();
  tornado = control;
  const { id, scenario, settings, event } = request;
  const { signal } = control;
  try {
    const result = await analyzeSensitivity(scenario, { ...tornadoOptions(settings, event, request.run), signal, onProgress: progress(id, 'tornado') });
    if (signal.aborted) return;
    post({ type: 'tornado', id, sensitivity: result });
  } catch (e) {
    if (signal.aborted) return;
    post({ type: 'error', id, stage: 'tornado', error: plainError(e) });
  } finally {
    if (tornado === control) tornado = undefined;
    if (!signal.aborted) post({ type: 'done', id });
  }
}

function download(request: Extract<WorkerRequest, { type: 'download' }>): void {
  const { id, runId } = request;
  try {
    if (!last || last.runId !== runId) throw new Error('the report of this view is not ready yet (a newer run is in progress); try again when it has finished');
    post({ type: 'files', id, json: renderJson(last.report), html: renderHtml(last.report) });
  } catch (e) {
    post({ type: 'error', id, stage: 'download', error: plainError(e) });
  }
  post({ type: 'done', id });
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  post({ type: 'started', id: request.id });
  switch (request.type) {
    case 'run':
      void run(request);
      break;
    case 'tornado':
      void sensitivity(request);
      break;
    case 'download':
      download(request);
      break;
    case 'cancel':
      running?.abort();
      tornado?.abort();
      post({ type: 'done', id: request.id });
      break;
  }
});
