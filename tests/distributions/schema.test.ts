/** Spec validation: issue codes and paths, the zod schema, its JSON Schema and its type. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  createDistribution,
  distSpecSchema,
  parseDistSpec,
  validateDistSpec,
  type DistSpec,
} from '../../src/distributions';
import { ScenarioError } from '../../src/issues';

const P = 'factors.rokMediation';

function only(input: unknown) {
  const issues = validateDistSpec(input, P);
  expect(issues).toHaveLength(1);
  return issues[0];
}

describe('validateDistSpec: one issue per bad parameter, with code and path', () => {
  it('sd <= 0', () => {
    expect(only({ dist: 'normal', mean: 0, sd: -1 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.sd`,
      message: 'sd must be greater than 0 (got -1)',
    });
    expect(only({ dist: 'normal', mean: 0, sd: 0 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.sd` });
  });

  it('sigma <= 0 (lognormal)', () => {
    expect(only({ dist: 'lognormal', mu: 0, sigma: 0 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.sigma` });
  });

  it('alpha <= 0 and beta <= 0', () => {
    expect(only({ dist: 'beta', alpha: 0, beta: 2 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.alpha`,
      message: 'alpha must be greater than 0 (got 0)',
    });
    expect(only({ dist: 'beta', alpha: 1, beta: -3 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.beta` });
  });

  it('min >= max (uniform, truncation, triangular, pert)', () => {
    expect(only({ dist: 'uniform', min: 2, max: 1 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.max`,
      message: 'max (1) must be greater than min (2)',
    });
    expect(only({ dist: 'uniform', min: 1, max: 1 })).toMatchObject({ path: `${P}.max` });
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: 1, max: 0 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.max` });
    expect(only({ dist: 'triangular', min: 3, mode: 3, max: 3 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.max` });
    expect(only({ dist: 'pert', min: 5, mode: 4, max: 0 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.max` });
  });

  it('mode outside [min, max]', () => {
    expect(only({ dist: 'triangular', min: 0, mode: 5, max: 3 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.mode`,
      message: 'mode (5) must be between min (0) and max (3)',
    });
    expect(only({ dist: 'pert', min: 0, mode: -1, max: 3 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.mode` });
  });

  it('p outside [0, 1]', () => {
    expect(only({ dist: 'bernoulli', p: 1.5 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.p`,
      message: 'p must be between 0 and 1 (got 1.5)',
    });
    expect(only({ dist: 'bernoulli', p: -0.1 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.p` });
  });

  it('weights summing to 0, negative weights, no labels', () => {
    expect(only({ dist: 'categorical', weights: { a: 0, b: 0 } })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.weights` });
    expect(only({ dist: 'categorical', weights: { dmz: -1, b: 2 } })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.weights.dmz`,
      message: 'weight of "dmz" must be at least 0 (got -1)',
    });
    expect(only({ dist: 'categorical', weights: {} })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.weights` });
    expect(only({ dist: 'categorical', weights: [1, 2] })).toMatchObject({ code: 'dist-wrong-type', path: `${P}.weights` });
  });

  it('a "__proto__" label (which zod would drop silently)', () => {
    const spec: unknown = JSON.parse('{"dist": "categorical", "weights": {"__proto__": 1, "b": 2}}');
    expect(only(spec)).toMatchObject({ code: 'dist-invalid-param', path: `${P}.weights.__proto__` });
  });

  it('p5 >= p95', () => {
    expect(only({ dist: 'normal', p5: 3, p95: 1 })).toEqual({
      code: 'dist-invalid-param',
      path: `${P}.p95`,
      message: 'p95 (1) must be greater than p5 (3)',
    });
    expect(only({ dist: 'lognormal', p5: 2, p95: 2 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.p95` });
  });

  it('lognormal percentiles must be positive', () => {
    expect(only({ dist: 'lognormal', p5: -1, p95: 3 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.p5` });
  });

  it('beta mean/sd feasibility: sd² < mean(1 − mean), 0 < mean < 1', () => {
    expect(only({ dist: 'beta', mean: 0.5, sd: 0.5 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.sd` });
    expect(only({ dist: 'beta', mean: 1, sd: 0.1 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.mean` });
  });

  it('unknown likelihood phrase', () => {
    const issue = only({ dist: 'beta', likelihood: 'probable' });
    expect(issue).toMatchObject({ code: 'dist-invalid-param', path: `${P}.likelihood` });
    expect(issue.message).toContain('"roughly even chance"');
  });

  it('truncation keeping (almost) no probability', () => {
    // Normal(0, 1) above 8 keeps 6.2e-16 < 1e-12; the offending bound is min.
    expect(only({ dist: 'normal', mean: 0, sd: 1, min: 8 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.min` });
    expect(only({ dist: 'normal', mean: 0, sd: 1, max: -8 })).toMatchObject({ code: 'dist-invalid-param', path: `${P}.max` });
    expect(only({ dist: 'normal', p5: 0, p95: 1, min: 0.5, max: 0.5 + 1e-14 })).toMatchObject({ path: `${P}.max` });
    // [7, ∞) keeps 1.28e-12 and is accepted.
    expect(validateDistSpec({ dist: 'normal', mean: 0, sd: 1, min: 7 }, P)).toEqual([]);
  });

  it('unknown dist (lists the known ones, suggests aliases)', () => {
    const issue = only({ dist: 'gaussian', mean: 0, sd: 1 });
    expect(issue).toMatchObject({ code: 'dist-unknown', path: `${P}.dist` });
    expect(issue.message).toContain('did you mean "normal"');
    expect(issue.message).toContain('constant, bernoulli, uniform, normal, lognormal, beta, triangular, pert, categorical');
    expect(only({ dist: 'constructor' })).toMatchObject({ code: 'dist-unknown', path: `${P}.dist` });
    expect(only({ dist: 3 })).toMatchObject({ code: 'dist-unknown', path: `${P}.dist` });
  });

  it('missing dist', () => {
    expect(only({ mean: 0, sd: 1 })).toMatchObject({ code: 'dist-missing-param', path: `${P}.dist` });
  });

  it('unknown field (typo), with a suggestion', () => {
    const issue = only({ dist: 'normal', mean: 0, sdd: 1, sd: 1 });
    expect(issue).toMatchObject({ code: 'dist-unknown-field', path: `${P}.sdd` });
    expect(issue.message).toContain('did you mean "sd"');
    expect(only({ dist: 'constant', value: 1, weight: 2 })).toMatchObject({ code: 'dist-unknown-field', path: `${P}.weight` });
  });

  it('"NaN" string, NaN and Infinity are wrong types', () => {
    expect(only({ dist: 'beta', alpha: 'NaN', beta: 1 })).toEqual({
      code: 'dist-wrong-type',
      path: `${P}.alpha`,
      message: 'alpha must be a finite number (got "NaN")',
    });
    expect(only({ dist: 'normal', mean: NaN, sd: 1 })).toMatchObject({ code: 'dist-wrong-type', path: `${P}.mean` });
    expect(only({ dist: 'uniform', min: 0, max: Infinity })).toMatchObject({ code: 'dist-wrong-type', path: `${P}.max` });
    expect(only({ dist: 'constant', value: 1, label: 3 })).toMatchObject({ code: 'dist-wrong-type', path: `${P}.label` });
  });

  it('not an object', () => {
    for (const bad of [null, 5, 'normal', [1, 2]]) {
      expect(only(bad)).toMatchObject({ code: 'dist-wrong-type', path: P });
    }
  });

  it('mixed forms', () => {
    expect(only({ dist: 'normal', mean: 0, sd: 1, p5: -1 })).toMatchObject({ code: 'dist-mixed-forms', path: `${P}.p5` });
    expect(only({ dist: 'beta', alpha: 1, beta: 2, likelihood: 'likely' })).toMatchObject({
      code: 'dist-mixed-forms',
      path: `${P}.likelihood`,
    });
    expect(only({ dist: 'lognormal', mu: 0, sigma: 1, p95: 3 })).toMatchObject({ code: 'dist-mixed-forms', path: `${P}.p95` });
  });

  it('missing required fields', () => {
    expect(only({ dist: 'normal', mean: 0 })).toEqual({
      code: 'dist-missing-param',
      path: `${P}.sd`,
      message: 'sd is required for normal written as {mean, sd}',
    });
    expect(only({ dist: 'normal', p95: 2 })).toMatchObject({ code: 'dist-missing-param', path: `${P}.p5` });
    expect(only({ dist: 'normal' })).toMatchObject({ code: 'dist-missing-param', path: P });
    expect(only({ dist: 'uniform', min: 0 })).toMatchObject({ code: 'dist-missing-param', path: `${P}.max` });
    expect(only({ dist: 'categorical' })).toMatchObject({ code: 'dist-missing-param', path: `${P}.weights` });
  });

  it('reports several problems at once', () => {
    const issues = validateDistSpec({ dist: 'normal', mean: 'zero', sd: -1, sdd: 2 }, P);
    expect(issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual([
      `dist-invalid-param ${P}.sd`,
      `dist-unknown-field ${P}.sdd`,
      `dist-wrong-type ${P}.mean`,
    ]);
  });

  it('uses no prefix for the root path', () => {
    expect(validateDistSpec({ dist: 'normal', mean: 0, sd: -1 })[0].path).toBe('sd');
  });

  it('messages are one line', () => {
    for (const bad of [{ dist: 'beta', likelihood: 'x' }, { dist: 'normal', mean: 0, sd: 1, min: 9 }, { dist: 'zzz' }]) {
      for (const i of validateDistSpec(bad, P)) expect(i.message).not.toContain('\n');
    }
  });
});

const valid: unknown[] = [
  { dist: 'constant', value: 3, label: 'Three', description: 'fixed', source: 'me' },
  { dist: 'bernoulli', p: 0 },
  { dist: 'uniform', min: -1, max: 1 },
  { dist: 'normal', mean: 0.3, sd: 0.1, min: 0, max: 1 },
  { dist: 'normal', p5: 10, p95: 20 },
  { dist: 'normal', p5: 10, p95: 20, max: 30 },
  { dist: 'lognormal', mu: 0, sigma: 1 },
  { dist: 'lognormal', p5: 1, p95: 10 },
  { dist: 'beta', alpha: 2, beta: 5 },
  { dist: 'beta', mean: 0.3, sd: 0.1 },
  { dist: 'beta', likelihood: 'almost certain' },
  { dist: 'triangular', min: 0, mode: 0, max: 1 },
  { dist: 'pert', min: 0, mode: 1, max: 1 },
  { dist: 'categorical', weights: { dmz: 0.4, pyongyang: 0.6 } },
];

const invalid: unknown[] = [
  { dist: 'normal', mean: 0, sd: -1 },
  { dist: 'normal', mean: 0, sd: 1, p5: 0 },
  { dist: 'normal' },
  { dist: 'normal', p5: 1, p95: 0 },
  { dist: 'beta', mean: 0.5, sd: 0.6 },
  { dist: 'beta', alpha: 1 },
  { dist: 'categorical', weights: { a: 0 } },
  { dist: 'uniform', min: 0, max: 0 },
  { dist: 'gaussian' },
  { dist: 'constant', value: '1' },
  { dist: 'pert', min: 0, mode: 2, max: 1 },
  { dist: 'normal', mean: 0, sd: 1, min: 9 },
  null,
];

describe('validateDistSpec: messages word for word', () => {
  const KNOWN = 'constant, bernoulli, uniform, normal, lognormal, beta, triangular, pert, categorical, gamma, exponential, t, logistic, poisson, binomial, samples, mixture';
  const NORMAL_KEYS = 'dist, mean, sd, min, max, p5, p95, label, description, source';
  const message = (input: unknown) => only(input).message;

  it('not an object, no dist, a dist that is not a string', () => {
    expect(message(5)).toBe('a distribution must be an object such as {"dist": "normal", "mean": 0, "sd": 1} (got 5)');
    expect(message([1])).toBe('a distribution must be an object such as {"dist": "normal", "mean": 0, "sd": 1} (got [1])');
    expect(message({ mean: 0 })).toBe(`dist is required: one of ${KNOWN}`);
    expect(message({ dist: 3 })).toBe(`unknown distribution 3; known: ${KNOWN}`);
  });

  it('a suggestion only within a third of the word (at least 1 edit), the first of equally close names', () => {
    expect(message({ dist: 'Gaussian' })).toBe(`unknown distribution "Gaussian" (did you mean "normal"?); known: ${KNOWN}`);
    expect(message({ dist: 'normel' })).toBe(`unknown distribution "normel" (did you mean "normal"?); known: ${KNOWN}`);
    expect(message({ dist: 'zzzzzz' })).toBe(`unknown distribution "zzzzzz"; known: ${KNOWN}`);
    // "loktion" is 2 edits from "location" and 7 letters long: within floor(7/3) = 2.
    expect(message({ dist: 't', df: 3, loktion: 1 })).toBe('unknown field "loktion" for t (did you mean "location"?); allowed: dist, df, location, scale, label, description, source');
    // "lktion" is 3 edits away and 6 letters long: beyond floor(6/3) = 2.
    expect(message({ dist: 't', df: 3, lktion: 1 })).toBe('unknown field "lktion" for t; allowed: dist, df, location, scale, label, description, source');
    // "xyz" is 2 edits from "max" (and from "mean"), beyond the 1 edit a 3-letter word gets.
    expect(message({ dist: 'normal', mean: 0, sd: 1, xyz: 1 })).toBe(`unknown field "xyz" for normal; allowed: ${NORMAL_KEYS}`);
    // "mix" is 1 edit from both "min" and "max": the first in the list is named. The list names
    // min and max once, though both of normal's forms accept them.
    expect(message({ dist: 'normal', mean: 0, sd: 1, mix: 1 })).toBe(`unknown field "mix" for normal (did you mean "min"?); allowed: ${NORMAL_KEYS}`);
  });

  it('wrong types by what was expected; an entry of a list by its position, of a record by its label', () => {
    expect(message({ dist: 'constant', value: 1, label: 3 })).toBe('label must be a string (got 3)');
    expect(message({ dist: 'categorical', weights: 5 })).toBe('weights must be an object (got 5)');
    expect(message({ dist: 'categorical', weights: { a: -1 } })).toBe('weight of "a" must be at least 0 (got -1)');
    expect(message({ dist: 'categorical', weights: { a: 'x' } })).toBe('weight of "a" must be a finite number (got "x")');
    expect(message({ dist: 'mixture', components: [{ dist: 'constant', value: 1 }], weights: [-1] })).toBe('weights.0 must be at least 0 (got -1)');
  });

  it('a "__proto__" key in a mixture\'s weights is a wrong type, not a label', () => {
    const weights: unknown = JSON.parse('{"__proto__": 1}');
    expect(validateDistSpec({ dist: 'mixture', components: [{ dist: 'constant', value: 1 }], weights }, P).map((i) => i.code)).toEqual(['dist-wrong-type']);
  });

  it("every family's forms: the keys it allows, how it may be written, and the key a partly written form lacks", () => {
    const DOC = 'label, description, source';
    const allowed: Array<[Record<string, unknown>, string]> = [
      [{ dist: 'constant', value: 1 }, 'value'],
      [{ dist: 'bernoulli', p: 0.5 }, 'p'],
      [{ dist: 'uniform', min: 0, max: 1 }, 'min, max'],
      [{ dist: 'normal', mean: 0, sd: 1 }, 'mean, sd, min, max, p5, p95'],
      [{ dist: 'lognormal', mu: 0, sigma: 1 }, 'mu, sigma, p5, p95'],
      [{ dist: 'beta', alpha: 1, beta: 1 }, 'alpha, beta, mean, sd, likelihood'],
      [{ dist: 'triangular', min: 0, mode: 1, max: 2 }, 'min, mode, max'],
      [{ dist: 'pert', min: 0, mode: 1, max: 2 }, 'min, mode, max'],
      [{ dist: 'categorical', weights: { a: 1 } }, 'weights'],
      [{ dist: 'gamma', shape: 2, scale: 1 }, 'shape, scale, mean, sd'],
      [{ dist: 'exponential', rate: 1 }, 'rate, mean'],
      [{ dist: 't', df: 3 }, 'df, location, scale'],
      [{ dist: 'logistic', location: 0, scale: 1 }, 'location, scale, p5, p95'],
      [{ dist: 'poisson', lambda: 2 }, 'lambda'],
      [{ dist: 'binomial', n: 3, p: 0.5 }, 'n, p'],
      [{ dist: 'samples', values: [1] }, 'values'],
      [{ dist: 'mixture', components: [{ dist: 'constant', value: 1 }], weights: [1] }, 'components, weights'],
    ];
    for (const [spec, keys] of allowed) {
      expect(message({ ...spec, zzzz: 1 })).toBe(`unknown field "zzzz" for ${String(spec.dist)}; allowed: dist, ${keys}, ${DOC}`);
    }
    expect(allowed.map(([spec]) => spec.dist)).toEqual(KNOWN.split(', '));
    const forms: Array<[string, string]> = [
      ['normal', '{mean, sd} or {p5, p95}'],
      ['lognormal', '{mu, sigma} or {p5, p95}'],
      ['beta', '{alpha, beta} or {mean, sd} or {likelihood}'],
      ['gamma', '{shape, scale} or {mean, sd}'],
      ['exponential', '{rate} or {mean}'],
      ['logistic', '{location, scale} or {p5, p95}'],
    ];
    for (const [dist, written] of forms) expect(message({ dist })).toBe(`${dist} needs its parameters written as ${written}`);
    const partly: Array<[Record<string, unknown>, string]> = [
      [{ dist: 'normal', mean: 0 }, 'x.sd: sd is required for normal written as {mean, sd}'],
      [{ dist: 'normal', p95: 1 }, 'x.p5: p5 is required for normal written as {p5, p95}'],
      [{ dist: 'lognormal', sigma: 1 }, 'x.mu: mu is required for lognormal written as {mu, sigma}'],
      [{ dist: 'lognormal', p5: 1 }, 'x.p95: p95 is required for lognormal written as {p5, p95}'],
      [{ dist: 'beta', alpha: 1 }, 'x.beta: beta is required for beta written as {alpha, beta}'],
      [{ dist: 'beta', sd: 0.1 }, 'x.mean: mean is required for beta written as {mean, sd}'],
      [{ dist: 'gamma', shape: 2 }, 'x.scale: scale is required for gamma written as {shape, scale}'],
      [{ dist: 'gamma', sd: 1 }, 'x.mean: mean is required for gamma written as {mean, sd}'],
      [{ dist: 'logistic', scale: 1 }, 'x.location: location is required for logistic written as {location, scale}'],
      [{ dist: 'logistic', p5: 1 }, 'x.p95: p95 is required for logistic written as {p5, p95}'],
    ];
    for (const [spec, want] of partly) {
      const found = validateDistSpec(spec, 'x');
      expect(found.map((i) => `${i.path}: ${i.message}`), JSON.stringify(spec)).toEqual([want]);
    }
  });

  it('a "__proto__" label, and components that are not an array', () => {
    expect(message(JSON.parse('{"dist": "categorical", "weights": {"__proto__": 1, "b": 2}}'))).toBe('the label "__proto__" is not allowed; rename it');
    expect(message({ dist: 'mixture', components: 'abc', weights: [1] })).toBe('components must be an array (got "abc")');
  });

  it('a mixture of exactly 100 components has each checked; one more, none of them', () => {
    const N01 = { dist: 'normal', mean: 0, sd: 1 };
    const components = [...new Array<unknown>(99).fill(N01), { dist: 'normal', mean: 0, sd: -1 }];
    expect(validateDistSpec({ dist: 'mixture', components, weights: new Array<number>(100).fill(1) }, P)).toEqual([
      { code: 'dist-invalid-param', path: `${P}.components.99.sd`, message: 'sd must be greater than 0 (got -1)' },
    ]);
    const issues = validateDistSpec({ dist: 'mixture', components: [...components, N01], weights: new Array<number>(101).fill(1) }, P);
    expect(issues.map((i) => i.path)).toEqual([`${P}.components`]);
  });
});

describe('distSpecSchema', () => {
  it('agrees with validateDistSpec on valid and invalid specs', () => {
    for (const v of valid) {
      expect(validateDistSpec(v, P)).toEqual([]);
      expect(distSpecSchema.safeParse(v).success).toBe(true);
    }
    for (const v of invalid) {
      expect(validateDistSpec(v, P).length).toBeGreaterThan(0);
      expect(distSpecSchema.safeParse(v).success).toBe(false);
    }
  });

  it('converts to JSON Schema with the single-field constraints', () => {
    const schema = z.toJSONSchema(distSpecSchema);
    const text = JSON.stringify(schema);
    expect(JSON.parse(text)).toEqual(schema);
    // sd > 0 and p in [0, 1] are visible to JSON Schema consumers.
    expect(text).toContain('"exclusiveMinimum":0');
    expect(text).toContain('"maximum":1');
    expect(text).toContain('"additionalProperties":false');
    for (const name of ['constant', 'bernoulli', 'uniform', 'normal', 'lognormal', 'beta', 'triangular', 'pert', 'categorical']) {
      expect(text).toContain(`"const":"${name}"`);
    }
    expect(text).toContain('almost no chance');
  });

  it('every form, and every field of it, carries a description for editors of the JSON Schema', () => {
    type Form = { description?: string; properties: Record<string, { description?: string }> };
    const forms = (z.toJSONSchema(distSpecSchema) as unknown as { $defs: { DistSpec: { anyOf: Form[] } } }).$defs.DistSpec.anyOf;
    expect(forms).toHaveLength(24);
    const undocumented: string[] = [];
    for (const form of forms) {
      const name = `${JSON.stringify(form.properties.dist)} {${Object.keys(form.properties).join(', ')}}`;
      if (!form.description) undocumented.push(name);
      for (const [key, field] of Object.entries(form.properties)) if (!field.description) undocumented.push(`${name}.${key}`);
    }
    expect(undocumented).toEqual([]);
  });

  it('a direct caller of the schema gets the same messages for wrong types and ranges', () => {
    const messages = (input: unknown) => (distSpecSchema.safeParse(input).error?.issues ?? []).flatMap((i) => ('errors' in i ? (i.errors as Array<Array<{ message: string }>>).flat().map((e) => e.message) : [i.message]));
    expect(messages({ dist: 'normal', mean: 'x', sd: 1 })).toContain('mean must be a finite number (got "x")');
    expect(messages({ dist: 'normal', mean: 0, sd: 0 })).toContain('sd must be greater than 0 (got 0)');
    expect(messages({ dist: 'bernoulli', p: 2 })).toContain('p must be between 0 and 1 (got 2)');
  });

  it('infers exactly the DistSpec type', () => {
    expectTypeOf<z.infer<typeof distSpecSchema>>().toEqualTypeOf<DistSpec>();
    expectTypeOf<DistSpec>().toExtend<Record<string, unknown>>();
  });
});

describe('parseDistSpec / createDistribution', () => {
  it('return a copy and throw ScenarioError with every issue', () => {
    const input = { dist: 'normal', mean: 1, sd: 2 };
    const spec = parseDistSpec(input, P);
    expect(spec).toEqual(input);
    expect(spec).not.toBe(input);
    expect(() => parseDistSpec({ dist: 'normal', mean: 'x', sd: 0 }, P)).toThrow(ScenarioError);
    try {
      createDistribution({ dist: 'normal', mean: 0, sd: -1 } as DistSpec);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).issues).toEqual([
        { code: 'dist-invalid-param', path: 'sd', message: 'sd must be greater than 0 (got -1)' },
      ]);
      expect((e as ScenarioError).message).toBe('sd: sd must be greater than 0 (got -1)');
    }
  });

  it('freezes the spec it keeps', () => {
    const d = createDistribution({ dist: 'categorical', weights: { a: 1, b: 2 } });
    expect(Object.isFrozen(d.spec)).toBe(true);
    expect(Object.isFrozen((d.spec as { weights: object }).weights)).toBe(true);
  });
});
