import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isDay } from '../model/calendar';
import { MAX_WORKERS } from '../node/options';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments strictly; unknown flags and missing values are usage errors. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({
      args: attachNegativeValues(args, options),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${command}: ${message} (see \`scenario-odds ${command} --help\`)`);
  }
}

/**
 * `--trials -5` becomes `--trials=-5`, so a negative number reaches our own check (and its
 * one-line message) instead of being taken for an unknown flag.
 */
function attachNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/** A whole number given on the command line; accepts 1e6 and 1_000_000 style. */
export function parseCount(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  // Decimal only: 20000, 1_000_000, 1e6. Number() would also take 0x10, 0b11, 0o7, +5 and spaces.
  const n = /^\d+(?:_\d+)*(?:[eE]\d+)?$/.test(raw) ? Number(raw.replace(/_/g, '')) : NaN;
  if (raw.trim() === '' || !Number.isFinite(n) || !Number.isInteger(n) || n < 1) {
    throw new UsageError(`${flag} must be a positive whole number (got "${raw}")`);
  }
  return n;
}

/**
 * `--workers N`: a positive whole number up to {@link MAX_WORKERS}, checked here so the message
 * names the flag (the library's own check would name the option `workers`).
 */
export function parseWorkers(raw: string | undefined): number | undefined {
  const n = parseCount('--workers', raw);
  if (n !== undefined && n > MAX_WORKERS) throw new UsageError(`--workers must be at most ${MAX_WORKERS} (got "${raw}")`);
  return n;
}

/** A finite number given on the command line. */
export function parseNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number (got "${raw}")`);
  return n;
}

/** `--as-of`, `--horizon` and `--none-through`, on every command that samples. */
export const TIME_FLAGS = {
  'as-of': { type: 'string' },
  horizon: { type: 'string' },
  'none-through': { type: 'string', multiple: true },
} as const;

/** {@link TIME_FLAGS} as parsed by `parseArgs`. */
export interface TimeFlagValues {
  'as-of'?: string;
  horizon?: string;
  'none-through'?: string[];
}

/**
 * The time options the flags ask for: the as-of date, the horizon in periods, and per event
 * the last day known to have passed without it.
 *
 * @throws {UsageError} for a malformed date, count or `EVENT=DATE`, or an event given twice.
 */
export function parseTimeFlags(values: TimeFlagValues): { asOf?: string; horizon?: number; noneThrough?: Record<string, string> } {
  const asOf = values['as-of'];
  if (asOf !== undefined && !isDay(asOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, e.g. 2026-12-04 (got "${asOf}")`);
  const horizon = parseCount('--horizon', values.horizon);
  let noneThrough: Record<string, string> | undefined;
  for (const text of values['none-through'] ?? []) {
    const eq = text.indexOf('=');
    const [event, date] = eq < 0 ? ['', ''] : [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
    if (!event || !isDay(date)) throw new UsageError(`--none-through must be EVENT=YYYY-MM-DD, e.g. --none-through summit=2026-05-15 (got "${text}")`);
    noneThrough ??= {};
    if (Object.hasOwn(noneThrough, event)) throw new UsageError(`--none-through gives "${event}" twice (${noneThrough[event]} and ${date}); give each event once`);
    Object.defineProperty(noneThrough, event, { value: date, enumerable: true, writable: true, configurable: true });
  }
  return { ...(asOf !== undefined ? { asOf } : {}), ...(horizon !== undefined ? { horizon } : {}), ...(noneThrough ? { noneThrough } : {}) };
}

/** Today's date in UTC, as the library defaults to. */
export { todayUtc } from '../model/calendar';
