/**
 * Validation of distribution specs into issues with stable codes and dotted paths.
 *
 * Codes:
 * - `dist-wrong-type`: the spec is not an object, or a field has the wrong type (a string
 *   such as "NaN" where a number belongs, NaN, ±Infinity).
 * - `dist-missing-param`: `dist` or a required parameter is missing.
 * - `dist-unknown`: `dist` names no known family (the message lists the known ones).
 * - `dist-unknown-field`: a key the family does not accept (typos such as `sdd`).
 * - `dist-mixed-forms`: keys from two ways of writing the same family, e.g. `mean`, `sd` and `p5`.
 * - `dist-invalid-param`: a value out of range or inconsistent with another (sd <= 0,
 *   max <= min, weights summing to 0, a mixture's weights not matching its components, a
 *   mixture nested too deep, ...).
 *
 * A mixture's components are checked like any spec, with paths through `components.N`.
 */
import * as z from 'zod/mini';
import { joinPath, ScenarioError, type ValidationIssue } from '../issues';
import { showValue } from './format';
import { MAX_MIXTURE_COMPONENTS, MAX_MIXTURE_DEPTH } from './limits';
import { mixtureStructureSchema, SPEC_FORMS, type SpecForm } from './schema';
import { DIST_NAMES, type DistName, type DistSpec } from './types';

const DOC_KEYS = ['label', 'description', 'source'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDistName(v: unknown): v is DistName {
  return typeof v === 'string' && (DIST_NAMES as readonly string[]).includes(v);
}

/** Levenshtein distance, for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

function suggestion(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

/** Names people reach for that mean one of ours. */
const DIST_ALIASES: Readonly<Record<string, DistName>> = {
  gaussian: 'normal',
  gauss: 'normal',
  'log-normal': 'lognormal',
  lognorm: 'lognormal',
  binary: 'bernoulli',
  coin: 'bernoulli',
  fixed: 'constant',
  point: 'constant',
  triangle: 'triangular',
  betapert: 'pert',
  'beta-pert': 'pert',
  discrete: 'categorical',
  choice: 'categorical',
  erlang: 'gamma',
  exp: 'exponential',
  expon: 'exponential',
  'student-t': 't',
  studentt: 't',
  student: 't',
  'students-t': 't',
  cauchy: 't',
  student_t: 't',
  pois: 'poisson',
  binom: 'binomial',
  empirical: 'samples',
  data: 'samples',
  bootstrap: 'samples',
  sample: 'samples',
  mix: 'mixture',
};

function formName(form: SpecForm): string {
  return `{${form.keys.join(', ')}}`;
}

function allowedKeys(forms: readonly SpecForm[]): string[] {
  const keys = ['dist'];
  for (const f of forms) for (const k of [...f.keys, ...f.optional]) if (!keys.includes(k)) keys.push(k);
  return [...keys, ...DOC_KEYS];
}

function lookup(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (typeof v !== 'object' || v === null || typeof k === 'symbol') return undefined;
    v = Object.prototype.hasOwnProperty.call(v, k) ? (v as Record<string, unknown>)[k as string] : undefined;
  }
  return v;
}

function fieldName(path: readonly PropertyKey[]): string {
  // A categorical's weights are keyed by label; a mixture's and a samples' lists by position.
  if (path.length === 2 && path[0] === 'weights' && typeof path[1] === 'string') return `weight of ${JSON.stringify(path[1])}`;
  return path.map(String).join('.');
}

const EXPECTED: Record<string, string> = {
  number: 'a finite number',
  int: 'a whole number',
  string: 'a string',
  record: 'an object',
  object: 'an object',
  array: 'an array',
};

/** Converts one zod issue of a chosen form into ours. */
function convertIssue(
  iss: z.core.$ZodIssue,
  input: Record<string, unknown>,
  path: string,
  dist: DistName,
  form: SpecForm,
): ValidationIssue[] {
  const at = (...rest: PropertyKey[]) => joinPath(path, ...[...iss.path, ...rest].map(String));
  if (iss.code === 'unrecognized_keys') {
    const allowed = allowedKeys(SPEC_FORMS[dist]);
    return iss.keys.map((k) => ({
      code: 'dist-unknown-field',
      path: at(k),
      message: `unknown field "${k}" for ${dist}${suggestion(k, allowed)}; allowed: ${allowed.join(', ')}`,
    }));
  }
  const value = lookup(input, iss.path);
  const field = fieldName(iss.path);
  if (iss.code === 'invalid_type') {
    if (value === undefined) {
      const how = SPEC_FORMS[dist].length > 1 ? ` written as ${formName(form)}` : '';
      return [{ code: 'dist-missing-param', path: at(), message: `${field} is required for ${dist}${how}` }];
    }
    const expected = EXPECTED[iss.expected] ?? iss.expected;
    return [{ code: 'dist-wrong-type', path: at(), message: `${field} must be ${expected} (got ${showValue(value)})` }];
  }
  // An entry's message names it generically ("weight must be ..."): name the entry itself.
  const message = iss.path.length === 2 ? iss.message.replace(/^(weight|value) /, `${field} `) : iss.message;
  return [{ code: 'dist-invalid-param', path: at(), message }];
}

/**
 * Checks that `input` is a valid distribution spec and returns every problem found (an empty
 * array when valid). Never throws.
 *
 * The family's form is chosen from the keys present (e.g. `p5`/`p95` select the percentile
 * form of a normal), so messages speak about that form only.
 *
 * @param input - the spec, typically parsed JSON.
 * @param path - dotted path of the spec inside the scenario (e.g. `factors.sanctions`), prefixed
 *   to every issue's path; default `''`.
 * @returns issues with codes `dist-wrong-type`, `dist-missing-param`, `dist-unknown`,
 *   `dist-unknown-field`, `dist-mixed-forms` or `dist-invalid-param` (see the module comment).
 * @example
 * ```ts
 * validateDistSpec({ dist: 'normal', mean: 0, sd: -1 }, 'factors.x');
 * // [{ code: 'dist-invalid-param', path: 'factors.x.sd', message: 'sd must be greater than 0 (got -1)' }]
 * ```
 */
export function validateDistSpec(input: unknown, path = ''): ValidationIssue[] {
  return validateAt(input, path, 0);
}

/** {@link validateDistSpec} for a spec inside `enclosing` mixtures. */
function validateAt(input: unknown, path: string, enclosing: number): ValidationIssue[] {
  if (!isRecord(input)) {
    return [
      {
        code: 'dist-wrong-type',
        path,
        message: `a distribution must be an object such as {"dist": "normal", "mean": 0, "sd": 1} (got ${showValue(input)})`,
      },
    ];
  }
  const dist = Object.prototype.hasOwnProperty.call(input, 'dist') ? input.dist : undefined;
  if (dist === undefined) {
    return [{ code: 'dist-missing-param', path: joinPath(path, 'dist'), message: `dist is required: one of ${DIST_NAMES.join(', ')}` }];
  }
  if (!isDistName(dist)) {
    const key = typeof dist === 'string' ? dist.toLowerCase() : '';
    const alias = Object.prototype.hasOwnProperty.call(DIST_ALIASES, key) ? DIST_ALIASES[key] : undefined;
    const hint = alias ? ` (did you mean "${alias}"?)` : typeof dist === 'string' ? suggestion(dist, DIST_NAMES) : '';
    return [
      {
        code: 'dist-unknown',
        path: joinPath(path, 'dist'),
        message: `unknown distribution ${showValue(dist)}${hint}; known: ${DIST_NAMES.join(', ')}`,
      },
    ];
  }
  const forms = SPEC_FORMS[dist];
  const issues: ValidationIssue[] = [];
  let form = forms[0];
  let candidate: Record<string, unknown> = input;
  if (forms.length > 1) {
    const present = forms.map((f) => f.keys.filter((k) => Object.prototype.hasOwnProperty.call(input, k)));
    const used = forms.filter((_, i) => present[i].length > 0);
    if (used.length === 0) {
      return [
        {
          code: 'dist-missing-param',
          path,
          message: `${dist} needs its parameters written as ${forms.map(formName).join(' or ')}`,
        },
      ];
    }
    // The form with the most keys present is taken as the intended one; keys of the others
    // are reported once each and left out of the rest of the check.
    let best = 0;
    for (let i = 1; i < forms.length; i++) if (present[i].length > present[best].length) best = i;
    form = forms[best];
    candidate = { ...input };
    for (let i = 0; i < forms.length; i++) {
      if (i === best) continue;
      for (const k of present[i]) {
        if (form.keys.includes(k)) continue;
        issues.push({
          code: 'dist-mixed-forms',
          path: joinPath(path, k),
          message: `${k} cannot be combined with ${form.keys.join(', ')}: write ${dist} either as ${forms.map(formName).join(' or ')}`,
        });
        delete candidate[k];
      }
    }
  }
  const weights = candidate.weights;
  if (dist === 'categorical' && isRecord(weights) && Object.prototype.hasOwnProperty.call(weights, '__proto__')) {
    // zod drops this key without an issue (it cannot be copied as an ordinary property), which
    // would silently remove an outcome.
    issues.push({
      code: 'dist-invalid-param',
      path: joinPath(path, 'weights', '__proto__'),
      message: 'the label "__proto__" is not allowed; rename it',
    });
  }
  if (dist === 'mixture') return [...issues, ...validateMixture(candidate, path, enclosing + 1, form)];
  const result = z.safeParse(form.schema, candidate);
  if (!result.success) {
    for (const iss of result.error.issues) issues.push(...convertIssue(iss, candidate, path, dist, form));
  }
  return issues;
}

/**
 * A mixture at nesting `level` (1 for one that is not inside another): its own fields by the
 * structural schema, then each component on its own, with paths such as
 * `factors.x.components.1.sd`. A mixture nested deeper than {@link MAX_MIXTURE_DEPTH} is
 * refused without looking inside, so the recursion is bounded whatever the input.
 */
function validateMixture(input: Record<string, unknown>, path: string, level: number, form: SpecForm): ValidationIssue[] {
  if (level > MAX_MIXTURE_DEPTH) {
    return [
      {
        code: 'dist-invalid-param',
        path,
        message: `mixtures may nest at most ${MAX_MIXTURE_DEPTH} deep, and this one is at depth ${level}: put its components into the mixture that contains it (their weights multiply)`,
      },
    ];
  }
  const issues: ValidationIssue[] = [];
  const result = mixtureStructureSchema.safeParse(input);
  if (!result.success) {
    for (const iss of result.error.issues) issues.push(...convertIssue(iss, input, path, 'mixture', form));
  }
  const components = input.components;
  if (Array.isArray(components) && components.length <= MAX_MIXTURE_COMPONENTS) {
    components.forEach((c, i) => issues.push(...validateAt(c, joinPath(path, 'components', String(i)), level)));
  }
  return issues;
}

/**
 * Validates `input` and returns it as a typed spec (a fresh copy; the input is not modified).
 *
 * @param input - the spec, typically parsed JSON.
 * @param path - dotted path used in issue paths; default `''`.
 * @throws {@link ScenarioError} listing every issue when the spec is invalid.
 */
export function parseDistSpec(input: unknown, path = ''): DistSpec {
  const issues = validateDistSpec(input, path);
  if (issues.length > 0) throw new ScenarioError(issues);
  const dist = (input as { dist: DistName }).dist;
  const forms = SPEC_FORMS[dist];
  const form = forms.find((f) => f.keys.every((k) => Object.prototype.hasOwnProperty.call(input, k))) ?? forms[0];
  return z.parse(form.schema, input);
}
