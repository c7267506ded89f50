/**
 * The playground page: builds the controls from the loaded scenario, keeps the view in the
 * URL, and shows what the worker (worker.ts) computes: each event's probability with its
 * simulation error and its spread across the model's worlds, the paired difference against the
 * scenario as loaded, the timeline, the tornado on request, the report to download and the
 * command that reproduces it. Everything is computed in the worker; this thread only draws.
 *
 * Browser ESM entry (bundled to dist/playground/app.js beside worker.js and the static files).
 * It uses the core only (no Node module): the public API, and a few of the core's own
 * browser-safe helpers the reports draw with (SVG charts, number wording, the strict JSON reader).
 */
import { applyVariant, BUILTIN_SCENARIOS, builtinScenario, formatPercent, TRIALS_LIMIT, validateScenario, type ComparisonResult, type Report, type Scenario, type SensitivityResult, type ValidationIssue } from '../index';
import { parseJson } from '../model/json';
import { codeSpans, eventGroups, eventLabel, intervalText, reportWhen, stopText, timelineChart, tornadoSettingsText } from '../report/common';
import { formatCount, formatNumber, formatSignedPp } from '../report/format';
import { CHART_WIDTH, tornadoChart } from '../report/svg';
import { acrossWorldsText, isExact, outputCells, simulationErrorText } from '../report/uncertainty';
import { allowedValue, controlKeys, orderOverrides, rangeFor, scenarioControls, snap, timelineInfo, type ControlGroup, type NumberControl } from './controls';
import type { PlainError, RunSettings, Stage, WorkerRequest, WorkerResponse } from './protocol';
import { decodeBase64Url, decodeState, DEFAULT_SEED, DEFAULT_TRIALS, encodeBase64Url, encodeState, MAX_LINK_FILE, runSettings, sameOriginUrl, sourceName, type ScenarioSource, type ViewState } from './state';

// ---------------------------------------------------------------------------------------------
// Small DOM helpers

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

/** Scenario text with its `code spans` as <code>, everything else as text (never markup). */
function rich(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  for (const piece of codeSpans(text)) out.append(piece.code ? el('code', {}, piece.text) : piece.text);
  return out;
}

/** Markup from the core's SVG chart kit, which escapes every text and attribute it writes. */
function svgNode(markup: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = markup;
  return template.content;
}

/** A description opening a sentence: "the scenario in the link" → "The scenario in the link" (a file name stays as it is). */
const capital = (text: string) => (text.startsWith('the ') ? `The ${text.slice(4)}` : text);

/** A number with a true minus sign, as the reports write it. */
const minus = (text: string) => text.replace(/^-/, '\u2212');

/** A difference in percentage points without its unit, with formatPp's precision: "3.10", "0.082", "−1.25". */
function ppNumber(pp: number): string {
  const a = Math.abs(pp);
  if (a < 5e-7) return '0';
  return minus(a >= 1 ? pp.toFixed(2) : String(Number(pp.toPrecision(2))));
}

// ---------------------------------------------------------------------------------------------
// The page's state

/** Largest scenario file opened (the CLI's limit too). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Wait after the last change before a run starts. */
const DEBOUNCE_MS = 250;
/** A worker that has not acknowledged a run after this long is stuck in one step: it is replaced. */
const STUCK_MS = 5000;

interface Loaded {
  readonly scenario: Scenario;
  readonly source: ScenarioSource;
  /** How the report's command names it. */
  readonly sourceName: string;
  /** How the page names it in messages. */
  readonly display: string;
}

interface ControlView {
  readonly control: NumberControl;
  readonly root: HTMLElement;
  readonly range: HTMLInputElement;
  readonly number: HTMLInputElement;
  readonly problem: HTMLElement;
  readonly reset: HTMLButtonElement;
}

let loaded: Loaded | undefined;
let view: ViewState | undefined;
/** The loaded scenario with the view's variant applied: the values "as loaded". */
let base: Scenario | undefined;
let groups: ControlGroup[] = [];
const controls = new Map<string, ControlView>();

let worker: Worker | undefined;
let nextId = 1;
/** The latest run asked for. */
let currentRun: { readonly id: number; readonly scenario: Scenario; readonly settings: RunSettings } | undefined;
/** The run whose results are shown, and its comparison (undefined while it computes). */
let shown: { readonly id: number; readonly report: Report; readonly settings: RunSettings; comparison?: ComparisonResult | null; done: boolean } | undefined;
let shownTornado: SensitivityResult | undefined;
let tornadoId: number | undefined;
let downloadId: number | undefined;
const unacknowledged = new Map<number, ReturnType<typeof setTimeout>>();
let debounce: ReturnType<typeof setTimeout> | undefined;
let objectUrls: string[] = [];

// ---------------------------------------------------------------------------------------------
// Alerts: every problem in the page, by where it came from

interface AlertLine {
  readonly path?: string;
  readonly message: string;
}

const alerts = new Map<string, { title: string; lines: readonly AlertLine[]; notice?: boolean }>();

function setAlert(key: string, title: string, lines: readonly AlertLine[] = [], notice = false): void {
  alerts.set(key, { title, lines, notice });
  renderAlerts();
}

function clearAlert(key: string): void {
  if (alerts.delete(key)) renderAlerts();
}

function renderAlerts(): void {
  const box = byId('alerts');
  box.replaceChildren(
    ...[...alerts.values()].map((a) =>
      el(
        'section',
        { class: a.notice ? 'notice' : undefined },
        el('h2', {}, a.title),
        a.lines.length > 0 ? el('ul', {}, ...a.lines.map((l) => el('li', {}, l.path ? el('span', { class: 'path' }, `${l.path}: `) : null, l.message))) : null,
      ),
    ),
  );
}

function issueLines(issues: readonly ValidationIssue[]): AlertLine[] {
  return issues.map((i) => (i.path ? { path: i.path, message: i.message } : { message: i.message }));
}

function errorLines(error: PlainError): AlertLine[] {
  return error.issues && error.issues.length > 0 ? issueLines(error.issues) : [{ message: error.message }];
}

// ---------------------------------------------------------------------------------------------
// The worker

function startWorker(): void {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (e: MessageEvent<WorkerResponse>) => onMessage(e.data));
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    setAlert('worker', 'The computation worker failed', [{ message: e.message || 'it could not start (is worker.js beside app.js?)' }]);
    setStatus('Stopped: the computation worker failed (see the message above).', undefined);
  });
}

/** Restarts since a worker last acknowledged a request: a worker that never answers is not restarted for ever. */
let restarts = 0;
const MAX_RESTARTS = 2;

/** Replaces a worker stuck in a long step, and asks the new one for the current run. */
function restartWorker(): void {
  worker?.terminate();
  if (++restarts > MAX_RESTARTS) {
    worker = undefined;
    setAlert('worker', 'The computation worker does not answer', [{ message: 'it was restarted twice without answering; reload the page (is worker.js served beside app.js?)' }]);
    setStatus('Stopped: the computation worker does not answer.', undefined);
    return;
  }
  for (const timer of unacknowledged.values()) clearTimeout(timer);
  unacknowledged.clear();
  if (tornadoId !== undefined) byId('tornado-status').textContent = 'The tornado was stopped (the worker had to be restarted): press “Show tornado” again.';
  if (downloadId !== undefined) byId('share-status').textContent = 'The report was not prepared (the worker had to be restarted): press “Download report” again when the run has finished.';
  tornadoId = undefined;
  downloadId = undefined;
  startWorker();
  if (currentRun) send({ type: 'run', id: currentRun.id, scenario: currentRun.scenario, settings: currentRun.settings });
}

function send(request: WorkerRequest): void {
  if (!worker) startWorker();
  worker!.postMessage(request);
  if (request.type === 'run') {
    unacknowledged.set(
      request.id,
      setTimeout(() => {
        unacknowledged.delete(request.id);
        if (currentRun?.id === request.id) restartWorker();
      }, STUCK_MS),
    );
  }
}

function onMessage(m: WorkerResponse): void {
  switch (m.type) {
    case 'started': {
      restarts = 0;
      const timer = unacknowledged.get(m.id);
      if (timer !== undefined) clearTimeout(timer);
      unacknowledged.delete(m.id);
      return;
    }
    case 'progress':
      if (m.id === currentRun?.id) runProgress(m.stage, m.trials, m.target, m.halfWidth);
      else if (m.id === tornadoId) byId('tornado-status').textContent = `Computing the tornado: ${formatCount(m.trials)} of ${formatCount(m.target)} trials…`;
      return;
    case 'result':
      if (m.id !== currentRun?.id) return;
      clearAlert('run');
      shown = { id: m.id, report: m.report, settings: currentRun.settings, done: false };
      renderResults();
      return;
    case 'comparison':
      if (m.id !== currentRun?.id || !shown || shown.id !== m.id) return;
      shown.comparison = m.comparison;
      clearAlert('compare');
      renderResults();
      return;
    case 'tornado':
      if (m.id !== tornadoId) return;
      tornadoId = undefined;
      shownTornado = m.sensitivity;
      clearAlert('tornado');
      renderTornado();
      return;
    case 'files':
      if (m.id !== downloadId) return;
      downloadId = undefined;
      offerFiles(m.json, m.html);
      return;
    case 'error':
      onError(m.id, m.stage, m.error);
      return;
    case 'done':
      if (m.id === currentRun?.id) {
        if (shown?.id === m.id) shown.done = true;
        finishRun();
      } else if (m.id === tornadoId) tornadoId = undefined;
      return;
  }
}

function onError(id: number, stage: Stage, error: PlainError): void {
  const title =
    error.kind === 'numerical'
      ? 'The model broke down numerically (NumericalError)'
      : error.kind === 'scenario'
        ? `These settings do not fit the scenario (${error.issues?.length ?? 1} ${error.issues?.length === 1 ? 'problem' : 'problems'})`
        : 'The computation failed';
  if ((stage === 'run' || stage === 'compare') && id === currentRun?.id) {
    const what = stage === 'compare' ? 'The paired difference against the scenario as loaded could not be computed' : title;
    setAlert(stage === 'compare' ? 'compare' : 'run', what, errorLines(error));
    if (stage === 'run') markControlProblems(error.issues ?? []);
    if (stage === 'compare' && shown?.id === id) {
      shown.comparison = null;
      renderResults();
    }
  } else if (stage === 'tornado' && id === tornadoId) {
    tornadoId = undefined;
    setAlert('tornado', `The tornado could not be computed: ${title}`, errorLines(error));
    byId('tornado-status').textContent = '';
  } else if (stage === 'download' && id === downloadId) {
    downloadId = undefined;
    setAlert('download', 'The report could not be prepared', errorLines(error));
  }
}

// ---------------------------------------------------------------------------------------------
// Runs

function scheduleRun(delay = DEBOUNCE_MS): void {
  if (debounce !== undefined) clearTimeout(debounce);
  for (const id of ['when', 'events', 'timelines']) byId(id).classList.add('stale');
  setShareEnabled(false);
  setStatus(shown ? 'Settings changed: updating…' : 'Starting…', undefined);
  renderMini();
  debounce = setTimeout(() => {
    debounce = undefined;
    requestRun();
  }, delay);
}

function requestRun(): void {
  if (!loaded || !view) return;
  if (invalidInputs().length > 0) {
    setStatus('Not run: correct the value marked in the settings.', undefined);
    return;
  }
  const settings = runSettings(view, loaded.sourceName);
  const id = nextId++;
  currentRun = { id, scenario: loaded.scenario, settings };
  clearControlProblems();
  clearAlert('compare');
  if (shownTornado) byId('tornado-body').classList.add('stale');
  if (tornadoId !== undefined) {
    tornadoId = undefined;
    byId('tornado-status').textContent = 'The tornado was stopped by the change: press “Show tornado” again.';
  }
  byId('live').setAttribute('aria-busy', 'true');
  setStatus('Starting…', 0);
  send({ type: 'run', id, scenario: loaded.scenario, settings });
}

function runProgress(stage: Stage, trials: number, target: number, halfWidth?: number): void {
  const hw = currentRun?.settings.halfWidth;
  if (stage === 'run') {
    const text =
      hw !== undefined && halfWidth !== undefined
        ? `Running: ${formatCount(trials)} trials; widest 95% half-width ${formatNumber(halfWidth)} (target ${hw}, at most ${formatCount(target)} trials)`
        : `Running: ${formatCount(trials)} of ${formatCount(target)} trials`;
    setStatus(text, hw !== undefined && halfWidth !== undefined ? Math.min(1, Math.max(trials / target, halfWidth > 0 ? Math.min(1, (hw / halfWidth) ** 2) : 1)) : trials / target);
  } else if (stage === 'compare') {
    setStatus(`Paired difference against the scenario as loaded: ${formatCount(trials)} of ${formatCount(target)} trials`, trials / target);
  }
}

function finishRun(): void {
  byId('live').setAttribute('aria-busy', 'false');
  if (!shown || shown.id !== currentRun?.id) {
    setStatus('Not updated: see the message above.', undefined);
    return;
  }
  for (const id of ['when', 'events', 'timelines']) byId(id).classList.remove('stale');
  const r = shown.report;
  setStatus(`Done: ${stopText(r)}; seed ${r.manifest.seed}.`, 1);
  setShareEnabled(true);
  renderMini();
}

function setStatus(text: string, fraction: number | undefined): void {
  byId('status').textContent = text;
  const bar = byId<HTMLProgressElement>('progress');
  if (fraction === undefined) bar.removeAttribute('value');
  else bar.value = Math.min(1, Math.max(0, fraction));
  bar.hidden = fraction === 1;
}

// ---------------------------------------------------------------------------------------------
// Results

function chartWidth(container: HTMLElement): number {
  const w = Math.floor(container.clientWidth || CHART_WIDTH);
  return Math.max(280, Math.min(CHART_WIDTH, w));
}

interface Diff {
  readonly text: string;
  readonly kind: 'up' | 'down' | 'none' | 'pending';
  readonly title?: string;
}

/** An event's paired difference against the scenario as loaded, as shown next to its probability. */
function diffOf(name: string): Diff | undefined {
  if (!shown) return undefined;
  const c = shown.comparison;
  if (Object.keys(shown.settings.overrides).length === 0) return { text: 'as loaded', kind: 'none', title: 'Nothing is changed from the scenario as loaded.' };
  if (c === undefined) return { text: 'change: computing…', kind: 'pending' };
  if (c === null) return undefined;
  const d = c.variants[0]?.events[name];
  if (!d) return undefined;
  const pp = d.differencePp;
  if (pp.probability === 0 && pp.ci95[0] === 0 && pp.ci95[1] === 0) return { text: 'no change (no trial differs)', kind: 'none' };
  return {
    text: `${formatSignedPp(pp.probability)} [${ppNumber(pp.ci95[0])}, ${ppNumber(pp.ci95[1])}]`,
    // Coloured only when the interval leaves out zero: a change within the simulation's noise stays grey.
    kind: pp.ci95[0] > 0 ? 'up' : pp.ci95[1] < 0 ? 'down' : 'none',
    title: `Change from the scenario as loaded (${formatPercent(d.baseline)}), in percentage points, with the 95% interval of the paired difference (same seed, common random numbers).`,
  };
}

function diffNode(name: string): HTMLElement | null {
  const d = diffOf(name);
  if (!d) return null;
  const vs = d.text.includes(' pp') ? el('span', { class: 'vs' }, ' vs. as loaded') : null;
  return el('span', { class: `diff ${d.kind}`, 'data-diff': name, title: d.title }, d.text, vs, d.title ? el('span', { class: 'sr-only' }, `. ${d.title}`) : null);
}

function renderResults(): void {
  if (!shown) return;
  const r = shown.report;
  byId('when').textContent = `Forecast ${reportWhen(r)}.`;
  const box = byId('events');
  const { main, splits } = eventGroups(r);
  const cards = main.map((name, i) => eventCard(r, name, i === 0));
  const tables = splits.map((s) => splitTable(r, s.given, s.events));
  box.replaceChildren(...cards, ...tables, outputsTable(r) ?? '');
  renderTimelines();
  renderMini();
}

/** The one-line summary that stays on screen above the settings on a narrow page. */
function renderMini(): void {
  const mini = byId('mini');
  if (!shown) return void mini.replaceChildren();
  const r = shown.report;
  const lead = eventGroups(r).main[0];
  if (lead === undefined) return void mini.replaceChildren();
  const e = r.results.events[lead];
  const d = diffOf(lead);
  const stale = byId('events').classList.contains('stale');
  mini.replaceChildren(
    `${eventLabel(r, lead)}: `,
    el('strong', { class: 'prob' }, formatPercent(e.probability)),
    d ? ' ' : '',
    d ? el('span', { class: `diff ${d.kind}` }, d.text) : '',
    stale ? el('span', { class: 'vs' }, ' (updating…)') : '',
  );
}

function eventCard(r: Report, name: string, lead: boolean): HTMLElement {
  const e = r.results.events[name];
  const f = r.findings.find((x) => x.event === name);
  const label = eventLabel(r, name);
  const facts = isExact(e)
    ? el('p', { class: 'note' }, 'Exact: the same in every world (it follows from fixed params, not from the uncertain inputs).')
    : el(
        'dl',
        { class: 'facts' },
        el('div', {}, el('dt', {}, 'Simulation error'), el('dd', {}, simulationErrorText(e), el('span', { class: 'desc' }, `95% interval ${intervalText(e)} from ${formatCount(e.trials)} trials; more trials shrink it`))),
        el(
          'div',
          {},
          el('dt', {}, "Across the model's worlds"),
          el('dd', {}, acrossWorldsText(e), e.acrossWorlds ? el('span', { class: 'desc' }, `90% range (5th–95th percentile, median ${formatPercent(e.acrossWorlds.quantiles.p50)}) of the chance in one world; more trials do not shrink it`) : null),
        ),
      );
  return el(
    'article',
    { class: lead ? 'event' : 'event minor', 'data-event': name },
    el('h3', {}, label),
    el('p', { class: 'answer' }, el('span', { class: 'prob', 'data-probability': name }, formatPercent(e.probability)), f?.term ? el('span', { class: 'term' }, f.term) : null, diffNode(name)),
    facts,
    f?.warning ? el('p', { class: 'note' }, `⚠ ${f.warning}`) : null,
  );
}

function splitTable(r: Report, given: string, names: readonly string[]): HTMLElement {
  const head = ['Event', 'Probability', 'Simulation 95% interval', 'Change vs. as loaded'];
  const rows = names.map((name) => {
    const e = r.results.events[name];
    const d = diffOf(name);
    return el(
      'tr',
      { 'data-event': name },
      el('td', {}, eventLabel(r, name)),
      el('td', { class: 'num', 'data-label': head[1], 'data-probability': name }, formatPercent(e.probability)),
      el('td', { class: 'num', 'data-label': head[2] }, isExact(e) ? 'exact' : intervalText(e)),
      el('td', { class: 'num', 'data-label': head[3] }, d ? el('span', { class: `diff ${d.kind}`, 'data-diff': name, title: d.title }, d.text) : '—'),
    );
  });
  return el(
    'div',
    { class: 'scroll' },
    el('table', { class: 'cards' }, el('caption', {}, `Given ${eventLabel(r, given)}`), el('thead', {}, el('tr', {}, ...head.map((t, i) => el('th', { class: i > 0 ? 'num' : undefined, scope: 'col' }, t)))), el('tbody', {}, ...rows)),
  );
}

function outputsTable(r: Report): HTMLElement | undefined {
  const outputs = Object.entries(r.results.outputs ?? {});
  if (outputs.length === 0) return undefined;
  const head = ['Output', 'Mean', 'Simulation error', "Across the model's worlds (90%)", 'Change vs. as loaded'];
  const c = shown?.comparison;
  const rows = outputs.map(([name, o]) => {
    const [mean, error, across] = outputCells(o);
    const d = c ? c.variants[0]?.outputs?.[name] : undefined;
    const change = d ? `${minus(formatNumber(d.difference.value) === '0' ? '0' : (d.difference.value > 0 ? '+' : '') + formatNumber(d.difference.value))} [${formatNumber(d.difference.ci95[0])}, ${formatNumber(d.difference.ci95[1])}]` : '—';
    const spec = r.scenario.outputs?.[name];
    const label = spec !== undefined && typeof spec !== 'string' ? [spec.label ?? name, spec.unit && `(${spec.unit})`].filter(Boolean).join(' ') : name;
    return el('tr', {}, el('td', {}, label), el('td', { class: 'num', 'data-label': head[1] }, mean), el('td', { class: 'num', 'data-label': head[2] }, error), el('td', { class: 'num', 'data-label': head[3] }, across), el('td', { class: 'num', 'data-label': head[4] }, change));
  });
  return el('div', { class: 'scroll' }, el('table', { class: 'cards' }, el('caption', {}, 'Outputs'), el('thead', {}, el('tr', {}, ...head.map((t, i) => el('th', { class: i > 0 ? 'num' : undefined, scope: 'col' }, t)))), el('tbody', {}, ...rows)));
}

function renderTimelines(): void {
  const box = byId('timelines');
  if (!shown) return;
  const r = shown.report;
  const entries = Object.entries(r.results.timelines);
  const period = r.results.window?.period ?? 'period';
  const width = chartWidth(box.parentElement ?? box);
  box.replaceChildren(
    ...entries.map(([event]) => {
      const label = eventLabel(r, event);
      const chart = timelineChart(r, event, width);
      return el('figure', { 'data-timeline': event }, svgNode(chart), el('figcaption', {}, `Timeline: the probability that ${label} happens between the as-of date ${r.asOf} and the end of each ${period} of the window, with its 95% simulation interval.`));
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Tornado

function unconditionalEvents(scenario: Scenario): string[] {
  return Object.entries(scenario.events)
    .filter(([, spec]) => typeof spec === 'string' || !('given' in spec) || spec.given === undefined)
    .map(([name]) => name);
}

function requestTornado(): void {
  if (!loaded || !shown || !currentRun || shown.id !== currentRun.id) {
    byId('tornado-status').textContent = 'Wait for the run to finish, then press “Show tornado”.';
    return;
  }
  const event = byId<HTMLSelectElement>('tornado-event').value;
  const id = nextId++;
  tornadoId = id;
  shownTornado = undefined;
  clearAlert('tornado');
  byId('tornado-body').replaceChildren();
  byId('tornado-status').textContent = 'Computing the tornado…';
  send({ type: 'tornado', id, scenario: loaded.scenario, settings: shown.settings, event, run: { trials: shown.report.results.trials, asOf: shown.report.asOf } });
}

function inputLabelOf(name: string): string {
  const factor = base?.factors?.[name] as { label?: string } | undefined;
  const param = base?.params?.[name];
  return factor?.label ?? (param !== undefined && typeof param !== 'number' ? param.label : undefined) ?? name;
}

function renderTornado(): void {
  const s = shownTornado;
  const body = byId('tornado-body');
  byId('tornado-body').classList.remove('stale');
  if (!s) return;
  byId('tornado-status').textContent = '';
  const label = shown ? eventLabel(shown.report, s.event) : s.event;
  if (s.tornado.length === 0) {
    body.replaceChildren(el('p', { class: 'note' }, `No input moves ${label}.`), ...(s.notes ?? []).map((n) => el('p', { class: 'note' }, rich(n))));
    return;
  }
  const width = chartWidth(body);
  const chart = tornadoChart({
    kind: 'tornado',
    title: `Tornado: what moves ${label} most`,
    baseline: s.baseline.probability,
    baselineLabel: `baseline ${formatPercent(s.baseline.probability)}`,
    rows: s.tornado.map((b) => ({ label: inputLabelOf(b.name), low: b.low.probability, high: b.high.probability, valueText: `${formatPercent(b.low.probability)} → ${formatPercent(b.high.probability)}` })),
    axis: 'percent',
    axisTitle: `probability of ${label}`,
    width,
  });
  body.replaceChildren(
    el(
      'figure',
      { 'data-tornado': s.event },
      svgNode(chart),
      el('figcaption', {}, `The probability of ${label} (baseline ${formatPercent(s.baseline.probability)} [${intervalText(s.baseline)}]) with one input at a time moved to its low and its high setting, largest swing first; ${tornadoSettingsText(s)}; ${formatCount(s.trials)} trials, seed ${s.seed}, with the current settings.`),
    ),
    ...(s.notes ?? []).map((n) => el('p', { class: 'note' }, rich(n))),
  );
}

// ---------------------------------------------------------------------------------------------
// Share: report files and the command

function setShareEnabled(on: boolean): void {
  byId<HTMLButtonElement>('download-button').disabled = !on;
  byId<HTMLButtonElement>('copy-button').disabled = !on;
  const command = byId<HTMLTextAreaElement>('command');
  if (on && shown) command.value = shown.report.reproduce.command;
  else if (!on) byId('share-status').textContent = shown ? 'Waiting for the run of the current settings…' : '';
  if (on) byId('share-status').textContent = '';
}

function requestDownload(): void {
  if (!shown || !currentRun || shown.id !== currentRun.id || !shown.done) return;
  const id = nextId++;
  downloadId = id;
  clearAlert('download');
  byId('share-status').textContent = 'Preparing report.json and report.html…';
  send({ type: 'download', id, runId: shown.id });
}

function offerFiles(json: string, html: string): void {
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls = [];
  const links = [
    { name: 'report.json', text: json, type: 'application/json' },
    { name: 'report.html', text: html, type: 'text/html' },
  ].map((f) => {
    const url = URL.createObjectURL(new Blob([f.text], { type: f.type }));
    objectUrls.push(url);
    return el('a', { href: url, download: f.name, 'data-file': f.name }, `Save ${f.name}`);
  });
  // Links to click rather than downloads started by script: each save is the person's own click,
  // so no browser asks whether the page may download several files.
  byId('downloads').replaceChildren(...links);
  links[0].focus();
  byId('share-status').textContent = 'Ready: save report.json and report.html with the links above, into one folder; scenario-odds verify report.json then checks both.';
}

async function copyCommand(): Promise<void> {
  const box = byId<HTMLTextAreaElement>('command');
  const text = box.value;
  const status = byId('share-status');
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied the command to the clipboard.';
  } catch {
    box.focus();
    box.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    status.textContent = copied ? 'Copied the command to the clipboard.' : 'The command is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  }
}

// ---------------------------------------------------------------------------------------------
// Loading a scenario

class LoadError extends Error {
  constructor(
    readonly title: string,
    readonly lines: readonly AlertLine[],
  ) {
    super(title);
  }
}

function describeSource(source: ScenarioSource): string {
  if (source.kind === 'builtin') return `the built-in scenario “${source.id}”`;
  if (source.kind === 'load') return source.name ?? source.url;
  return source.name ?? 'the scenario in the link';
}

/** The scenario JSON text parsed strictly (duplicate keys, comments and trailing commas refused, as the CLI does). */
function parseScenarioText(text: string, display: string): unknown {
  const { value, issues } = parseJson(text);
  if (issues.length > 0) throw new LoadError(`${capital(display)} is not valid JSON`, issues.map((i) => ({ path: display, message: i.message })));
  return value;
}

async function readSource(source: ScenarioSource): Promise<unknown> {
  const display = describeSource(source);
  if (source.kind === 'builtin') {
    const found = builtinScenario(source.id);
    if (!found) throw new LoadError(`No built-in scenario “${source.id}”`, [{ message: `built-in scenarios: ${BUILTIN_SCENARIOS.map((s) => s.id).join(', ')}` }]);
    return found;
  }
  if (source.kind === 'file') {
    let text: string;
    try {
      text = decodeBase64Url(source.data);
    } catch (e) {
      throw new LoadError(`The scenario in the link (file=) could not be read`, [{ message: (e as Error).message }]);
    }
    return parseScenarioText(text, display);
  }
  const url = sameOriginUrl(source.url, location.href);
  if (!url) throw new LoadError(`Not loaded: ${source.url}`, [{ message: 'load= takes a relative address on this site (the page fetches nothing from elsewhere)' }]);
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new LoadError(`Could not fetch ${source.url}`, [{ message: (e as Error).message || 'network error' }]);
  }
  if (!response.ok) throw new LoadError(`Could not fetch ${source.url}`, [{ message: `the server answered ${response.status} ${response.statusText}`.trim() }]);
  const text = await response.text();
  if (text.length > MAX_FILE_BYTES) throw new LoadError(`${capital(display)} is too large`, [{ message: `more than ${formatCount(MAX_FILE_BYTES)} bytes` }]);
  return parseScenarioText(text, display);
}

/** Checks a parsed scenario and, if it is valid, shows it with the given view. */
function install(value: unknown, state: ViewState, display: string): boolean {
  const issues = validateScenario(value);
  if (issues.length > 0) {
    setAlert('load', `${capital(display)} is not a valid scenario (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'})${loaded ? `; still showing ${loaded.display}` : ''}`, issueLines(issues));
    if (!loaded) setStatus('No scenario loaded: see the message above, or choose one.', undefined);
    else renderScenarioSelect();
    return false;
  }
  // What runs belongs to the scenario shown until now: stop it, and ignore what it still sends.
  send({ type: 'cancel', id: nextId++ });
  currentRun = undefined;
  // The notes about the address were about the scenario it opened.
  if (loaded) clearAlert('url');
  clearAlert('load');
  clearAlert('run');
  clearAlert('compare');
  clearAlert('tornado');
  const scenario = value as Scenario;
  loaded = { scenario, source: state.source, sourceName: sourceName(state.source, scenario.id), display };
  let next = state;
  if (next.variant !== undefined && !Object.hasOwn(scenario.variants ?? {}, next.variant)) {
    setAlert('variant', `No variant “${next.variant}” in this scenario: none is used`, [], true);
    const { variant: _gone, ...rest } = next;
    next = rest;
  } else clearAlert('variant');
  view = next;
  shown = undefined;
  shownTornado = undefined;
  byId('events').replaceChildren();
  byId('timelines').replaceChildren();
  byId('tornado-body').replaceChildren();
  byId('tornado-status').textContent = '';
  byId('downloads').replaceChildren();
  byId<HTMLTextAreaElement>('command').value = '';
  byId('when').textContent = '';
  renderScenario();
  updateUrl();
  scheduleRun(0);
  return true;
}

async function openState(state: ViewState): Promise<void> {
  setStatus(`Loading ${describeSource(state.source)}…`, undefined);
  try {
    const value = await readSource(state.source);
    install(value, state, describeSource(state.source));
  } catch (e) {
    if (!(e instanceof LoadError)) throw e;
    setAlert('load', loaded ? `${e.title}; still showing ${loaded.display}` : e.title, e.lines);
    setStatus(loaded ? 'Not loaded: see the message above.' : 'No scenario loaded: see the message above, or choose one.', undefined);
    renderScenarioSelect();
  }
}

async function openFile(file: File): Promise<void> {
  const display = file.name || 'the file';
  if (file.size > MAX_FILE_BYTES) {
    setAlert('load', `${display} is too large to be a scenario (more than ${formatCount(MAX_FILE_BYTES)} bytes)${loaded ? `; still showing ${loaded.display}` : ''}`);
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    setAlert('load', `${display} could not be read`, [{ message: (e as Error).message }]);
    return;
  }
  let value: unknown;
  try {
    value = parseScenarioText(text, display);
  } catch (e) {
    if (!(e instanceof LoadError)) throw e;
    setAlert('load', loaded ? `${e.title}; still showing ${loaded.display}` : e.title, e.lines);
    return;
  }
  const state: ViewState = { ...keepRunSettings(), source: { kind: 'file', data: encodeBase64Url(text), name: file.name } };
  install(value, state, display);
}

/** A fresh view that keeps the seed and precision of the current one. */
function keepRunSettings(): Omit<ViewState, 'source'> {
  const seed = view?.seed ?? DEFAULT_SEED;
  return view?.halfWidth !== undefined ? { overrides: {}, seed, halfWidth: view.halfWidth } : { overrides: {}, seed, trials: view?.trials ?? DEFAULT_TRIALS };
}

function updateUrl(): void {
  if (!view) return;
  if (view.source.kind === 'file' && view.source.data.length > MAX_LINK_FILE) {
    setAlert('link', 'This file is too large to be carried in a link: the address does not follow the view', [], true);
    return;
  }
  clearAlert('link');
  const query = encodeState(view);
  if (query !== location.search) history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
}

// ---------------------------------------------------------------------------------------------
// Controls

function renderScenario(): void {
  if (!loaded || !view) return;
  const s = loaded.scenario;
  byId('title').textContent = s.title;
  document.title = `${s.title} — scenario-odds playground`;
  const about = byId<HTMLDetailsElement>('about');
  const parts: Node[] = [];
  if (s.description) parts.push(el('p', {}, rich(s.description)));
  if (s.sources?.length) {
    parts.push(
      el('p', {}, el('strong', {}, 'Sources')),
      el(
        'ul',
        {},
        ...s.sources.map((src) =>
          el('li', {}, el('code', {}, src.id), ` ${src.title}`, src.author ? `, ${src.author}` : '', src.date ? ` (${src.date})` : '', src.note ? el('span', { class: 'desc' }, rich(src.note)) : null, src.url ? el('span', { class: 'desc' }, src.url) : null),
        ),
      ),
    );
  }
  byId('about-body').replaceChildren(...parts);
  about.hidden = parts.length === 0;

  renderScenarioSelect();

  const variants = Object.entries(s.variants ?? {});
  const variant = byId<HTMLSelectElement>('variant');
  variant.replaceChildren(el('option', { value: '' }, 'none (the scenario as written)'), ...variants.map(([name, v]) => el('option', { value: name }, v.label ? `${v.label} (${name})` : name)));
  byId('variant-field').hidden = variants.length === 0;

  const events = unconditionalEvents(s);
  byId<HTMLSelectElement>('tornado-event').replaceChildren(...events.map((name) => {
    const spec = s.events[name];
    const label = typeof spec === 'string' ? undefined : spec.label;
    return el('option', { value: name }, label ? `${label} (${name})` : name);
  }));

  renderControls();
}

/** The scenario picker: the built-in scenarios, and the opened file if that is what is shown. */
function renderScenarioSelect(): void {
  const select = byId<HTMLSelectElement>('scenario-select');
  const options = BUILTIN_SCENARIOS.map((b) => el('option', { value: `id:${b.id}` }, `${b.title} (${b.id})`));
  if (!loaded) options.unshift(el('option', { value: '' }, 'choose a scenario'));
  else if (loaded.source.kind !== 'builtin') options.push(el('option', { value: 'current' }, `${loaded.display} (opened file)`));
  select.replaceChildren(...options);
  select.value = !loaded ? '' : loaded.source.kind === 'builtin' ? `id:${loaded.source.id}` : 'current';
}

/** Rebuilds every control from the scenario with the view's variant, and fills in the view's values. */
function renderControls(): void {
  if (!loaded || !view) return;
  const applied = view.variant === undefined ? { scenario: loaded.scenario, issues: [] } : applyVariant(loaded.scenario, view.variant);
  if (!applied.scenario) {
    setAlert('variant', `The variant “${view.variant}” cannot be applied`, issueLines(applied.issues));
    base = loaded.scenario;
  } else base = applied.scenario;
  groups = scenarioControls(base);
  view = { ...view, overrides: orderOverrides(view.overrides, controlKeys(groups)) };

  const v = byId<HTMLSelectElement>('variant');
  v.value = view.variant ?? '';
  const desc = view.variant !== undefined ? loaded.scenario.variants?.[view.variant]?.description : undefined;
  byId('variant-description').replaceChildren(desc ? rich(desc) : '');

  byId<HTMLInputElement>('seed').value = view.seed;
  byId<HTMLInputElement>('seed').removeAttribute('aria-invalid');
  renderPrecision();

  const timeline = timelineInfo(base);
  byId('time-fields').hidden = timeline === undefined;
  if (timeline) {
    const asOf = byId<HTMLInputElement>('as-of');
    asOf.value = view.asOf ?? '';
    asOf.removeAttribute('aria-invalid');
    byId('as-of-hint').textContent = `Empty: ${timeline.asOf ? `the scenario's own date, ${timeline.asOf}` : 'today (UTC)'}.`;
    const horizon = byId<HTMLInputElement>('horizon');
    horizon.value = view.horizon === undefined ? '' : String(view.horizon);
    horizon.removeAttribute('aria-invalid');
    byId('horizon-label').textContent = `Horizon (${timeline.period}s)`;
    byId('horizon-hint').textContent = `Empty: the timeline's own window, ${timeline.horizon !== undefined ? `${timeline.horizon} ${timeline.period}s from the as-of date` : `to ${timeline.end}`}.`;
  }

  controls.clear();
  let n = 0;
  const box = byId('groups');
  box.replaceChildren(
    ...groups.map((g) => {
      const fieldset = el('fieldset', { class: 'group', 'data-group': g.name });
      const legend = el('legend', {}, g.title, g.kind === 'factor' ? el('span', { class: 'family' }, ` ${g.name !== g.title ? `${g.name}, ` : ''}${g.family}`) : null);
      fieldset.append(legend);
      if (g.description) fieldset.append(el('p', { class: 'desc' }, rich(g.description)));
      if (g.source) fieldset.append(el('details', {}, el('summary', {}, 'Source'), el('p', {}, rich(g.source))));
      for (const c of g.controls) fieldset.append(controlNode(c, `c${n++}`));
      if (g.controls.length === 0 && g.notes.length === 0) fieldset.append(el('p', { class: 'note' }, 'Nothing to adjust (a fixed value or a written phrase).'));
      if (g.notes.length > 0) fieldset.append(el('ul', { class: 'notes' }, ...g.notes.map((t) => el('li', {}, t))));
      return fieldset;
    }),
  );
  renderOtherOverrides();
  refreshChanged();
}

function controlNode(c: NumberControl, id: string): HTMLElement {
  const value = Object.hasOwn(view!.overrides, c.key) ? view!.overrides[c.key] : c.value;
  const span = rangeFor(c, value);
  const name = c.label ? `${c.label}` : c.field;
  const range = el('input', { type: 'range', id: `${id}-range`, min: span.min, max: span.max, step: c.step, 'aria-describedby': `${id}-loaded ${id}-problem`, 'data-key': c.key }) as HTMLInputElement;
  range.value = String(value);
  const number = el('input', { type: 'number', id: `${id}-number`, step: c.integer ? 1 : 'any', inputmode: 'decimal', 'aria-describedby': `${id}-loaded ${id}-problem`, 'data-key': c.key }) as HTMLInputElement;
  number.value = String(value);
  const problem = el('p', { class: 'problem', id: `${id}-problem`, 'aria-live': 'polite' });
  const reset = el('button', { type: 'button', class: 'small secondary', 'aria-label': `Reset ${name} to ${formatNumber(c.value)}` }, 'reset') as HTMLButtonElement;
  const root = el(
    'div',
    { class: 'control', 'data-control': c.key },
    el(
      'div',
      { class: 'control-head' },
      el('label', { for: `${id}-range` }, name, c.label ? el('span', { class: 'name' }, ` (${c.field})`) : null),
      el('span', { class: 'loaded', id: `${id}-loaded` }, `as loaded ${formatNumber(c.value)}${c.allowed ? `; ${c.allowed}` : ''}`),
      reset,
    ),
    el('div', { class: 'inputs' }, range, el('label', { class: 'sr-only', for: `${id}-number` }, `${name}: exact value`), number),
    problem,
    c.description ? el('p', { class: 'desc' }, rich(c.description)) : null,
    c.source ? el('details', {}, el('summary', {}, 'Source'), el('p', {}, rich(c.source))) : null,
  );
  const entry: ControlView = { control: c, root, range, number, problem, reset };
  controls.set(c.key, entry);

  range.addEventListener('input', () => {
    const v = c.integer ? Math.round(Number(range.value)) : snap(Number(range.value), c.step);
    number.value = String(v);
    setValid(entry, undefined);
    setOverride(c, v);
  });
  number.addEventListener('input', () => {
    const text = number.value.trim();
    const v = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(v)) return setValid(entry, 'Enter a number.');
    if (!allowedValue(c, v)) return setValid(entry, `Must be ${c.integer && c.allowed === undefined ? 'a whole number' : c.allowed ?? 'a number'}.`);
    setValid(entry, undefined);
    const span = rangeFor(c, v);
    range.min = String(span.min);
    range.max = String(span.max);
    range.value = String(v);
    setOverride(c, v);
  });
  reset.addEventListener('click', () => {
    range.min = String(c.min);
    range.max = String(c.max);
    range.value = String(c.value);
    number.value = String(c.value);
    setValid(entry, undefined);
    setOverride(c, c.value);
    range.focus();
  });
  return root;
}

function setValid(entry: ControlView, problem: string | undefined): void {
  entry.problem.textContent = problem ?? '';
  if (problem) entry.number.setAttribute('aria-invalid', 'true');
  else entry.number.removeAttribute('aria-invalid');
  if (problem) {
    if (debounce !== undefined) clearTimeout(debounce);
    debounce = undefined;
    setStatus('Not run: correct the value marked in the settings.', undefined);
  }
}

function invalidInputs(): HTMLElement[] {
  return Array.from(byId('form').querySelectorAll<HTMLElement>('[aria-invalid="true"]'));
}

function setOverride(c: NumberControl, typed: number): void {
  if (!view) return;
  // -0 becomes 0: the link and the command line write both as `0`.
  const value = typed === 0 ? 0 : typed;
  const next: Record<string, number> = { ...view.overrides };
  if (Object.is(value, c.value)) delete next[c.key];
  else Object.defineProperty(next, c.key, { value, enumerable: true, writable: true, configurable: true });
  view = { ...view, overrides: orderOverrides(next, controlKeys(groups)) };
  refreshChanged();
  updateUrl();
  if (invalidInputs().length === 0) scheduleRun();
}

/** Marks changed controls and the groups holding them. */
function refreshChanged(): void {
  if (!view) return;
  for (const [key, entry] of controls) {
    const changed = Object.hasOwn(view.overrides, key);
    entry.root.classList.toggle('changed', changed);
    entry.reset.hidden = !changed;
  }
  for (const fieldset of Array.from(byId('groups').querySelectorAll<HTMLElement>('fieldset.group'))) fieldset.classList.toggle('changed', fieldset.querySelector('.control.changed') !== null);
}

/** Overrides from the link that no control shows (a correlation the scenario does not declare, a misspelt name). */
function renderOtherOverrides(): void {
  const box = byId('other-overrides');
  if (!view) return;
  const others = Object.entries(view.overrides).filter(([key]) => !controls.has(key));
  if (others.length === 0) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(
    el(
      'fieldset',
      { class: 'group changed' },
      el('legend', {}, 'Other overrides (from the link)'),
      el(
        'ul',
        { class: 'notes' },
        ...others.map(([key, value]) => {
          const remove = el('button', { type: 'button', class: 'small secondary', 'aria-label': `Remove the override ${key}` }, 'remove');
          remove.addEventListener('click', () => {
            if (!view) return;
            const next = { ...view.overrides };
            delete next[key];
            view = { ...view, overrides: next };
            renderOtherOverrides();
            updateUrl();
            scheduleRun();
          });
          return el('li', {}, el('code', {}, `${key}=${value}`), ' ', remove);
        }),
      ),
    ),
  );
}

function renderPrecision(): void {
  if (!view) return;
  const kind = byId<HTMLSelectElement>('precision-kind');
  const value = byId<HTMLInputElement>('precision-value');
  value.removeAttribute('aria-invalid');
  if (view.halfWidth !== undefined) {
    kind.value = 'hw';
    byId('precision-label').textContent = '95% half-width (probability)';
    value.step = 'any';
    value.min = '0';
    value.max = '1';
    value.value = String(view.halfWidth);
  } else {
    kind.value = 'trials';
    byId('precision-label').textContent = 'Trials';
    value.step = '10000';
    value.min = '1';
    value.removeAttribute('max');
    value.value = String(view.trials ?? DEFAULT_TRIALS);
  }
}

/** Wires the controls that exist from the start (run settings, buttons, file input, drop). */
function wirePage(): void {
  byId<HTMLSelectElement>('scenario-select').addEventListener('change', (e) => {
    const value = (e.target as HTMLSelectElement).value;
    if (value.startsWith('id:')) void openState({ ...keepRunSettings(), source: { kind: 'builtin', id: value.slice(3) } });
  });
  const fileInput = byId<HTMLInputElement>('file-input');
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void openFile(file);
    fileInput.value = '';
  });

  byId<HTMLSelectElement>('variant').addEventListener('change', (e) => {
    if (!view) return;
    const value = (e.target as HTMLSelectElement).value;
    const before = new Set(controlKeys(groups));
    const { variant: _old, ...rest } = view;
    view = value === '' ? rest : { ...rest, variant: value };
    renderControls();
    // Overrides of fields the variant no longer has are dropped; those no control showed stay.
    const now = new Set(controlKeys(groups));
    const kept = Object.fromEntries(Object.entries(view.overrides).filter(([k]) => now.has(k) || !before.has(k)));
    view = { ...view, overrides: orderOverrides(kept, [...now]) };
    renderControls();
    updateUrl();
    scheduleRun();
  });

  const seed = byId<HTMLInputElement>('seed');
  seed.addEventListener('input', () => {
    if (!view) return;
    const text = seed.value;
    if (text.length < 1 || text.length > 256) {
      seed.setAttribute('aria-invalid', 'true');
      setStatus('Not run: the seed must be 1 to 256 characters.', undefined);
      return;
    }
    seed.removeAttribute('aria-invalid');
    view = { ...view, seed: text };
    updateUrl();
    scheduleRun();
  });

  byId<HTMLSelectElement>('precision-kind').addEventListener('change', (e) => {
    if (!view) return;
    const { trials: _t, halfWidth: _h, ...rest } = view;
    view = (e.target as HTMLSelectElement).value === 'hw' ? { ...rest, halfWidth: 0.001 } : { ...rest, trials: DEFAULT_TRIALS };
    renderPrecision();
    updateUrl();
    scheduleRun();
  });
  const precision = byId<HTMLInputElement>('precision-value');
  precision.addEventListener('input', () => {
    if (!view) return;
    const v = Number(precision.value);
    const { trials: _t, halfWidth: _h, ...rest } = view;
    if (byId<HTMLSelectElement>('precision-kind').value === 'hw') {
      if (!(precision.value.trim() !== '' && v > 0 && v < 1)) return invalid(precision, 'Not run: the half-width must be a probability between 0 and 1, such as 0.001.');
      view = { ...rest, halfWidth: v };
    } else {
      if (!(Number.isSafeInteger(v) && v >= 1 && v <= TRIALS_LIMIT)) return invalid(precision, `Not run: the trials must be a whole number from 1 to ${formatCount(TRIALS_LIMIT)}.`);
      view = { ...rest, trials: v };
    }
    precision.removeAttribute('aria-invalid');
    updateUrl();
    scheduleRun();
  });

  const asOf = byId<HTMLInputElement>('as-of');
  const onDate = () => {
    if (!view) return;
    const text = asOf.value;
    const { asOf: _old, ...rest } = view;
    if (text !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(text)) return invalid(asOf, 'Not run: the as-of date must be a date.');
    asOf.removeAttribute('aria-invalid');
    view = text === '' ? rest : { ...rest, asOf: text };
    updateUrl();
    scheduleRun();
  };
  asOf.addEventListener('change', onDate);
  const horizon = byId<HTMLInputElement>('horizon');
  horizon.addEventListener('input', () => {
    if (!view) return;
    const text = horizon.value.trim();
    const { horizon: _old, ...rest } = view;
    const v = Number(text);
    if (text !== '' && !(Number.isSafeInteger(v) && v >= 1)) return invalid(horizon, 'Not run: the horizon must be a whole number of periods, 1 or more.');
    horizon.removeAttribute('aria-invalid');
    view = text === '' ? rest : { ...rest, horizon: v };
    updateUrl();
    scheduleRun();
  });

  byId('reset-button').addEventListener('click', () => {
    if (!view) return;
    const { variant: _v, asOf: _a, horizon: _h, ...rest } = view;
    view = { ...rest, overrides: {} };
    renderControls();
    updateUrl();
    scheduleRun();
  });
  byId('form').addEventListener('submit', (e) => e.preventDefault());
  byId('tornado-button').addEventListener('click', requestTornado);
  byId('download-button').addEventListener('click', requestDownload);
  byId('copy-button').addEventListener('click', () => void copyCommand());

  // Drop a scenario file anywhere on the page.
  const overlay = byId('drop-overlay');
  let depth = 0;
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const file = e.dataTransfer?.files[0];
    if (file) void openFile(file);
  });

  // Charts are drawn for their box's width: redraw when it changes.
  let resize: ReturnType<typeof setTimeout> | undefined;
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    if (resize !== undefined) clearTimeout(resize);
    resize = setTimeout(() => {
      renderTimelines();
      renderTornado();
    }, 150);
  });
}

function invalid(input: HTMLInputElement, message: string): void {
  input.setAttribute('aria-invalid', 'true');
  if (debounce !== undefined) clearTimeout(debounce);
  debounce = undefined;
  setStatus(message, undefined);
}

/** Shows each issue that names a control (`factors.x.sd`, `overrides.w`, `params.w`) under that control too. */
function markControlProblems(issues: readonly ValidationIssue[]): void {
  for (const issue of issues) {
    const key = issue.path.replace(/^(factors|params|overrides)\./, '');
    const entry = controls.get(key) ?? controls.get(key.split('.').slice(0, 2).join('.'));
    if (entry) entry.problem.textContent = issue.message;
  }
}

function clearControlProblems(): void {
  for (const entry of controls.values()) if (entry.number.getAttribute('aria-invalid') !== 'true') entry.problem.textContent = '';
}

// ---------------------------------------------------------------------------------------------
// Start

async function main(): Promise<void> {
  wirePage();
  const { state, problems } = decodeState(location.search);
  if (problems.length > 0) setAlert('url', 'Parts of the address were not understood', problems.map((message) => ({ message })), true);
  renderScenarioSelect();
  startWorker();
  await openState(state);
}

function fail(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  try {
    setAlert('page', 'The playground stopped with an error', [{ message }]);
  } catch {
    document.body.prepend(el('div', { class: 'alerts', role: 'alert' }, `The playground stopped with an error: ${message}`));
  }
}

window.addEventListener('error', (e) => fail(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => fail(e.reason));
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void main().catch(fail));
else void main().catch(fail);
