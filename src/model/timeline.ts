/** Month index (year * 12 + month - 1) of a `YYYY-MM` string already checked by the schema. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The `YYYY-MM` label of a month index. */
export function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last day of a month, `YYYY-MM-DD` (the date by which a period's cumulative odds hold). */
export function monthEnd(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${monthLabel(index)}-${String(days).padStart(2, '0')}`;
}

/** Most periods a timeline may have (a century of months). */
export const MAX_PERIODS = 1200;
