/**
 * The formatting every message and `describe()` text goes through, called directly: the
 * validation tests see it only through whole messages, which never exercise the cut at 40
 * characters from both sides, a bigint, a function or a value JSON cannot write.
 */
import { describe, expect, it } from 'vitest';
import { fmt, showInterval, showValue } from '../../src/distributions/format';

describe('showValue', () => {
  it('numbers plainly, NaN and the infinities by name, undefined as "nothing", null as JSON', () => {
    expect([0.1, -0, 1e-7, NaN, Infinity, -Infinity].map(showValue)).toEqual(['0.1', '0', '1e-7', 'NaN', 'Infinity', '-Infinity']);
    expect(showValue(undefined)).toBe('nothing');
    expect(showValue(null)).toBe('null');
    expect(showValue(true)).toBe('true');
  });

  it('strings quoted; cut to 37 characters and "..." only beyond 40', () => {
    const forty = 'a'.repeat(40);
    expect(showValue(forty)).toBe(`"${forty}"`);
    expect(showValue(`${forty}b`)).toBe(`"${'a'.repeat(37)}..."`);
    expect(showValue('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('a bigint with its n; a function or symbol by its type', () => {
    expect(showValue(5n)).toBe('5n');
    expect(showValue(() => 1)).toBe('function');
    expect(showValue(Symbol('s'))).toBe('symbol');
  });

  it('objects and arrays as compact JSON, cut the same way as strings', () => {
    expect(showValue({ dist: 'normal', mean: 0 })).toBe('{"dist":"normal","mean":0}');
    // [1,1,…] with 19 ones is 39 characters, 20 ones 41.
    const short = new Array<number>(19).fill(1);
    const long = new Array<number>(20).fill(1);
    expect(JSON.stringify(short)).toHaveLength(39);
    expect(showValue(short)).toBe(JSON.stringify(short));
    const exactly40 = [...short.slice(1), 10];
    expect(JSON.stringify(exactly40)).toHaveLength(40);
    expect(showValue(exactly40)).toBe(JSON.stringify(exactly40));
    expect(showValue(long)).toBe(`${JSON.stringify(long).slice(0, 37)}...`);
    expect(showValue(long)).toHaveLength(40);
  });

  it('what JSON cannot write (a cycle, a bigint inside, toJSON giving nothing) by its tag', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(showValue(cycle)).toBe('[object Object]');
    expect(showValue([1n])).toBe('[object Array]');
    expect(showValue({ toJSON: () => undefined })).toBe('[object Object]');
    expect(showValue(new Map([[1, 2]]))).toBe('{}');
  });
});

describe('fmt', () => {
  it('up to 7 characters as written, longer ones to 4 significant digits', () => {
    expect(['0.3', '12', '1e-7', '1234567', '-123456'].map((s) => fmt(Number(s)))).toEqual(['0.3', '12', '1e-7', '1234567', '-123456']);
    expect(fmt(12345678)).toBe('12350000');
    expect(fmt(0.1215852)).toBe('0.1216');
    expect(fmt(-0.1215852)).toBe('-0.1216');
    expect(fmt(1.5e-10)).toBe('1.5e-10');
    expect(fmt(1.23456e-10)).toBe('1.235e-10');
    expect(fmt(0.5000001)).toBe('0.5');
  });

  it('NaN and the infinities by name, never through toPrecision', () => {
    expect([NaN, Infinity, -Infinity].map(fmt)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });
});

describe('showInterval', () => {
  it('closed at a finite end, open at an infinite one, each end through fmt', () => {
    expect(showInterval(0, 1)).toBe('[0, 1]');
    expect(showInterval(0, Infinity)).toBe('[0, ∞)');
    expect(showInterval(-Infinity, 5)).toBe('(-∞, 5]');
    expect(showInterval(-Infinity, Infinity)).toBe('(-∞, ∞)');
    expect(showInterval(0.1215852, 12345678)).toBe('[0.1216, 12350000]');
  });
});
