/**
 * Calendar arithmetic for timed events, in whole UTC days. A day is its number since
 * 1970-01-01; a period (day, week, month, quarter or year) has an absolute index and spans the
 * days [start, end). Everything here is integer arithmetic on the proleptic Gregorian calendar,
 * so a timeline means the same days on every machine and in every time zone.
 */

/** The length of a timeline's periods. */
export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';

export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'month', 'quarter', 'year'];

/** Months per period for the calendar kinds; weeks and days are counted in days. */
const MONTHS: Partial<Record<PeriodKind, number>> = { month: 1, quarter: 3, year: 12 };
const DAYS: Partial<Record<PeriodKind, number>> = { day: 1, week: 7 };

/** Day number of 1970-01-05, a Monday: weeks start on Mondays (ISO 8601). */
const FIRST_MONDAY = 4;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day number of year-month-day (month 1–12). */
function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

const DATE = /^(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2}))?$/;

/**
 * The day number of `YYYY-MM-DD`, or of the first day of `YYYY-MM`; undefined for anything else,
 * including days that do not exist (2026-02-30).
 */
export function parseDay(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [year, month] = [Number(m[1]), Number(m[2])];
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayOf(year, month, day);
}

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (a month alone is not). */
export function isDay(text: unknown): text is string {
  return typeof text === 'string' && text.length === 10 && parseDay(text) !== undefined;
}

/** The last day of `YYYY-MM` (or the day itself for `YYYY-MM-DD`): where a date read as an end stops. */
export function parseLastDay(text: string): number | undefined {
  const first = parseDay(text);
  if (first === undefined || text.length > 7) return first;
  const { year, month } = civil(first);
  return dayOf(year, month, daysInMonth(year, month));
}

function civil(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  const c = civil(day);
  return `${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(): string {
  return formatDay(Math.floor(Date.now() / 86_400_000));
}

/**
 * The day `count` periods after `day`. Calendar periods keep the day of the month, clamped to
 * the month's length (31 January + 1 month = 28 or 29 February).
 */
export function addPeriods(day: number, kind: PeriodKind, count: number): number {
  const days = DAYS[kind];
  if (days !== undefined) return day + days * count;
  const c = civil(day);
  const months = c.year * 12 + (c.month - 1) + MONTHS[kind]! * count;
  const [year, month] = [Math.floor(months / 12), (months % 12) + 1];
  return dayOf(year, month, Math.min(c.day, daysInMonth(year, month)));
}

/** The absolute index of the period containing `day`. */
export function periodIndex(day: number, kind: PeriodKind): number {
  const days = DAYS[kind];
  if (days !== undefined) return Math.floor((day - (kind === 'week' ? FIRST_MONDAY : 0)) / days);
  const c = civil(day);
  return Math.floor((c.year * 12 + c.month - 1) / MONTHS[kind]!);
}

/** The first day of the period with absolute index `index`. */
export function periodStart(index: number, kind: PeriodKind): number {
  const days = DAYS[kind];
  if (days !== undefined) return index * days + (kind === 'week' ? FIRST_MONDAY : 0);
  const months = index * MONTHS[kind]!;
  return dayOf(Math.floor(months / 12), (months % 12) + 1, 1);
}

/** How a period is named: `2026-03-05` (day), `2026-W10` … as its Monday `2026-03-02` (week), `2026-03`, `2026-Q1`, `2026`. */
export function periodLabel(index: number, kind: PeriodKind): string {
  const start = formatDay(periodStart(index, kind));
  switch (kind) {
    case 'day':
    case 'week':
      return start;
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${start.slice(0, 4)}-Q${Math.floor(Number(start.slice(5, 7)) / 3) + 1}`;
    case 'year':
      return start.slice(0, 4);
  }
}

/** Days of [from, to) that fall in [lo, hi), as a share of hi − lo. */
export function overlapShare(lo: number, hi: number, from: number, to: number): number {
  const days = Math.min(hi, to) - Math.max(lo, from);
  return days <= 0 ? 0 : days / (hi - lo);
}
