import { addDays } from '../org/validity.js';

/**
 * Reporting periods: a year "2024", a quarter "2024-Q1", a month "2024-03". Keys sort in time
 * order within one period type, and every period is a half-open date range [from, to).
 */
export const PERIOD_TYPES = ['year', 'quarter', 'month'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export interface Period {
  key: string;
  type: PeriodType;
  from: string;
  to: string;
}

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const pad = (n: number) => String(n).padStart(2, '0');

export function periodOf(date: string, type: PeriodType): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (type === 'year') return year;
  if (type === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${pad(month)}`;
}

export function parsePeriod(key: string): Period | undefined {
  let m = YEAR.exec(key);
  if (m) return { key, type: 'year', from: `${m[1]}-01-01`, to: `${Number(m[1]) + 1}-01-01` };
  m = QUARTER.exec(key);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const from = `${year}-${pad((q - 1) * 3 + 1)}-01`;
    const to = q === 4 ? `${year + 1}-01-01` : `${year}-${pad(q * 3 + 1)}-01`;
    return { key, type: 'quarter', from, to };
  }
  m = MONTH.exec(key);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const to = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
    return { key, type: 'month', from: `${year}-${pad(month)}-01`, to };
  }
  return undefined;
}

export function containsDate(period: Period, date: string): boolean {
  return period.from <= date && date < period.to;
}

/** The last day inside the period (the "as of" day for the org register). */
export function lastDay(period: Period): string {
  return addDays(period.to, -1);
}
