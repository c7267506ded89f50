/**
 * The playground's view as data: which scenario, which overrides, seed, precision, variant and
 * dates; how it is written in the URL's query string (so a link reproduces the view), and the
 * options every computation takes from it. Pure: no DOM, so the tests can check it
 * (tests/playground/state.test.ts).
 *
 * The query string:
 *
 * - the scenario, one of `id=<built-in id>`, `load=<same-origin relative URL of a scenario
 *   JSON>` or `file=<base64url of the scenario JSON>`; `name=<file name>` names a loaded or
 *   encoded file (the report's reproduce command uses it; default: the last part of `load`, or
 *   `<id>.json`);
 * - `set=NAME=VALUE`, repeatable, as the CLI's `--set` (`w=1.5`, `rokMediation.mean=0.4`,
 *   `corr.a.b=0.3`);
 * - `variant=`, `seed=` (default 2025), `trials=` (default 100000) or `hw=` (a 95% half-width to
 *   stop at), `asOf=YYYY-MM-DD` (default: the scenario's own, else today) and `horizon=` (periods).
 */
import { parseAssignments, ScenarioError, type CompareOptions, type ReportOptions, type SensitivityOptions } from '../index';
import type { RunSettings } from './protocol';

/** The flagship, opened when the URL names no scenario. */
export const DEFAULT_SCENARIO = 'trump-kim-summit';
/** The seed when the URL gives none. */
export const DEFAULT_SEED = '2025';
/** Trials when the URL gives neither `trials` nor `hw`: enough for two decimals, quick enough to follow a slider. */
export const DEFAULT_TRIALS = 100_000;
/** The longest base64url scenario a link carries (browsers take URLs of about 2 MB). */
export const MAX_LINK_FILE = 1_500_000;

/** Where the scenario comes from. */
export type ScenarioSource =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'load'; readonly url: string; readonly name?: string }
  | { readonly kind: 'file'; readonly data: string; readonly name?: string };

/** Everything the view shows, as the URL holds it. */
export interface ViewState {
  readonly source: ScenarioSource;
  /** Overrides by name, as `--set` takes them. */
  readonly overrides: Readonly<Record<string, number>>;
  readonly variant?: string;
  readonly seed: string;
  /** Exactly one of `trials` and `halfWidth`. */
  readonly trials?: number;
  readonly halfWidth?: number;
  readonly asOf?: string;
  readonly horizon?: number;
}

/** The view of a freshly opened page: the flagship with every default. */
export function defaultState(source: ScenarioSource = { kind: 'builtin', id: DEFAULT_SCENARIO }): ViewState {
  return { source, overrides: {}, seed: DEFAULT_SEED, trials: DEFAULT_TRIALS };
}

const KNOWN = new Set(['id', 'load', 'file', 'name', 'set', 'variant', 'seed', 'trials', 'hw', 'asOf', 'horizon']);

/** A whole number from 1 up, written as digits (`100000`) or in exponent form (`1e6`). */
function positiveInteger(text: string): number | undefined {
  const n = /^\s*[0-9.e+]+\s*$/i.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** Defines a key (so `__proto__` stays an ordinary key, as parseAssignments keeps it). */
function put(target: Record<string, number>, key: string, value: number): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The view a query string describes, and a line for each part of it that is not understood
 * (that part is left at its default). `search` may start with `?`.
 */
export function decodeState(search: string): { state: ViewState; problems: string[] } {
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const problems: string[] = [];
  const one = (key: string): string | undefined => {
    const all = query.getAll(key);
    if (all.length > 1) problems.push(`${key}: given ${all.length} times; the last one is used`);
    return all.at(-1);
  };

  for (const key of new Set(query.keys())) if (!KNOWN.has(key)) problems.push(`${key}: not a setting of the playground (ignored)`);

  const [id, load, file, name] = [one('id'), one('load'), one('file'), one('name')];
  const given = [id !== undefined && 'id', load !== undefined && 'load', file !== undefined && 'file'].filter(Boolean);
  if (given.length > 1) problems.push(`${given.join(' and ')}: give one scenario; ${given[0]} is used`);
  let source: ScenarioSource = { kind: 'builtin', id: DEFAULT_SCENARIO };
  const named = name !== undefined && name !== '' ? { name } : {};
  if (id !== undefined) source = id === '' ? (problems.push('id: empty; the flagship is used'), source) : { kind: 'builtin', id };
  else if (load !== undefined) source = load === '' ? (problems.push('load: empty; the flagship is used'), source) : { kind: 'load', url: load, ...named };
  else if (file !== undefined) source = file === '' ? (problems.push('file: empty; the flagship is used'), source) : { kind: 'file', data: file, ...named };

  const overrides: Record<string, number> = {};
  for (const assignment of query.getAll('set')) {
    try {
      // -0 becomes 0: the link and the command line write both as `0`.
      for (const [k, v] of Object.entries(parseAssignments([assignment]))) put(overrides, k, v === 0 ? 0 : v);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const issue of e.issues) problems.push(`set=${assignment}: ${issue.message} (ignored)`);
    }
  }

  let state: { -readonly [K in keyof ViewState]: ViewState[K] } = { ...defaultState(source), overrides };
  const variant = one('variant');
  if (variant !== undefined && variant !== '') state.variant = variant;

  const seed = one('seed');
  if (seed !== undefined) {
    if (seed.length >= 1 && seed.length <= 256) state.seed = seed;
    else problems.push(`seed: must be 1 to 256 characters (got ${seed.length}); ${DEFAULT_SEED} is used`);
  }

  const [trials, hw] = [one('trials'), one('hw')];
  if (trials !== undefined && hw !== undefined) problems.push('trials and hw: give one of them; trials is used');
  if (trials !== undefined) {
    const n = positiveInteger(trials);
    if (n === undefined) problems.push(`trials: "${trials}" is not a whole number of at least 1; ${DEFAULT_TRIALS} is used`);
    else state.trials = n;
  } else if (hw !== undefined) {
    const h = Number(hw);
    if (hw.trim() !== '' && h > 0 && h < 1) {
      const { trials: _fixed, ...rest } = state;
      state = { ...rest, halfWidth: h };
    } else problems.push(`hw: "${hw}" is not a half-width between 0 and 1; ${DEFAULT_TRIALS} trials are used`);
  }

  const asOf = one('asOf');
  if (asOf !== undefined && asOf !== '') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) state.asOf = asOf;
    else problems.push(`asOf: "${asOf}" is not a date YYYY-MM-DD; the scenario's own date (else today) is used`);
  }
  const horizon = one('horizon');
  if (horizon !== undefined && horizon !== '') {
    const n = positiveInteger(horizon);
    if (n === undefined) problems.push(`horizon: "${horizon}" is not a whole number of periods; the timeline's own is used`);
    else state.horizon = n;
  }
  return { state, problems };
}

/** A query value, percent-encoded except for characters that read well and parse the same (`=`, `/`, `:`, `,`, `@`). */
function enc(text: string): string {
  return encodeURIComponent(text).replace(/%(3D|2F|3A|2C|40)/g, (m) => decodeURIComponent(m));
}

/**
 * The query string (with its `?`) of a view: the scenario, `name`, `variant`, each `set`,
 * `seed`, `trials` or `hw`, `asOf`, `horizon`, always in that order, so one view has one link.
 * {@link decodeState} reads it back to the same view.
 */
export function encodeState(state: ViewState): string {
  const parts: string[] = [];
  const s = state.source;
  if (s.kind === 'builtin') parts.push(`id=${enc(s.id)}`);
  else if (s.kind === 'load') parts.push(`load=${enc(s.url)}`);
  else parts.push(`file=${enc(s.data)}`);
  if (s.kind !== 'builtin' && s.name !== undefined) parts.push(`name=${enc(s.name)}`);
  if (state.variant !== undefined) parts.push(`variant=${enc(state.variant)}`);
  for (const [k, v] of Object.entries(state.overrides)) parts.push(`set=${enc(`${k}=${v}`)}`);
  parts.push(`seed=${enc(state.seed)}`);
  if (state.halfWidth !== undefined) parts.push(`hw=${state.halfWidth}`);
  else parts.push(`trials=${state.trials ?? DEFAULT_TRIALS}`);
  if (state.asOf !== undefined) parts.push(`asOf=${enc(state.asOf)}`);
  if (state.horizon !== undefined) parts.push(`horizon=${state.horizon}`);
  return `?${parts.join('&')}`;
}

/**
 * How the report's reproduce command names the scenario: the built-in id, the file's name (a
 * file loaded from a URL is named by the last part of its path), else `<id>.json`.
 */
export function sourceName(source: ScenarioSource, scenarioId: string): string {
  if (source.kind === 'builtin') return source.id;
  if (source.name !== undefined && source.name !== '') return source.name;
  if (source.kind === 'load') {
    const last = source.url.split(/[?#]/)[0].split('/').filter(Boolean).at(-1);
    if (last) {
      try {
        return decodeURIComponent(last);
      } catch {
        return last;
      }
    }
  }
  return `${scenarioId}.json`;
}

/** The settings every computation of the view runs with. */
export function runSettings(state: ViewState, source: string): RunSettings {
  return {
    seed: state.seed,
    ...(state.halfWidth !== undefined ? { halfWidth: state.halfWidth } : { trials: state.trials ?? DEFAULT_TRIALS }),
    ...(state.variant !== undefined ? { variant: state.variant } : {}),
    ...(state.asOf !== undefined ? { asOf: state.asOf } : {}),
    ...(state.horizon !== undefined ? { horizon: state.horizon } : {}),
    overrides: state.overrides,
    source,
  };
}

/**
 * The options of `buildReport` for the view: exactly the settings shown, so the report (and the
 * command it records) reproduces the view, and `scenario-odds verify` reproduces the report.
 */
export function reportOptions(s: RunSettings): ReportOptions {
  return {
    seed: s.seed,
    ...(s.halfWidth !== undefined ? { halfWidth: s.halfWidth } : { trials: s.trials ?? DEFAULT_TRIALS }),
    params: { ...s.overrides },
    ...(s.variant !== undefined ? { variant: s.variant } : {}),
    ...(s.asOf !== undefined ? { asOf: s.asOf } : {}),
    ...(s.horizon !== undefined ? { horizon: s.horizon } : {}),
    source: s.source,
  };
}

/** The label of the user's settings in the comparison. */
export const YOUR_SETTINGS = 'your settings';

/**
 * The options of `compareVariants` for the paired difference: the baseline is the scenario as
 * loaded (no overrides) with the same seed, variant and dates; the one "variant" is the same
 * plus the overrides. Both run the trials the view's run ran (`trials`) on the as-of date it
 * ran (`asOf`), on common random numbers, so the variant side equals the view's probability.
 */
export function compareOptions(s: RunSettings, run: { readonly trials: number; readonly asOf: string }): CompareOptions {
  const time = { asOf: run.asOf, ...(s.horizon !== undefined ? { horizon: s.horizon } : {}) };
  return {
    seed: s.seed,
    trials: run.trials,
    ...(s.variant !== undefined ? { variant: s.variant } : {}),
    ...time,
    variants: [{ name: YOUR_SETTINGS, ...(s.variant !== undefined ? { variant: s.variant } : {}), overrides: { ...s.overrides } }],
  };
}

/** Most trials the tornado runs (each input moved low and high is two more models to evaluate). */
export const TORNADO_TRIALS = 100_000;

/** The options of `analyzeSensitivity` for the tornado of `event` with the view's settings (no Sobol indices: quick). */
export function tornadoOptions(s: RunSettings, event: string, run: { readonly trials: number; readonly asOf: string }): SensitivityOptions {
  return {
    seed: s.seed,
    trials: Math.min(run.trials, TORNADO_TRIALS),
    params: { ...s.overrides },
    ...(s.variant !== undefined ? { variant: s.variant } : {}),
    asOf: run.asOf,
    ...(s.horizon !== undefined ? { horizon: s.horizon } : {}),
    event,
    sobolSamples: 0,
  };
}

/** UTF-8 text as base64url (no padding), for `file=`. */
export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The text a base64url string encodes (padding optional).
 *
 * @throws Error naming what is wrong: not base64url, or not UTF-8 text.
 */
export function decodeBase64Url(data: string): string {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(data)) throw new Error('not base64url (only A–Z, a–z, 0–9, "-" and "_")');
  const b64 = data.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (b64.length % 4 === 1) throw new Error('not base64url (its length is wrong: cut short?)');
  let binary: string;
  try {
    binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw new Error('not base64url');
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('not UTF-8 text once decoded');
  }
}

/**
 * Whether a `load=` URL is one the page may fetch: relative, or absolute on the page's own
 * origin (the page makes no request elsewhere). Returns the absolute URL, or undefined.
 */
export function sameOriginUrl(url: string, page: string): string | undefined {
  try {
    const resolved = new URL(url, page);
    return resolved.origin === new URL(page).origin && (resolved.protocol === 'http:' || resolved.protocol === 'https:') ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}
