import type { Queryable } from '../../db/db.js';
import { aggregatePinned, subPeriodsPinned, type PeriodCell } from '../../domain/disclosure/periods.js';

/**
 * The cells of one (indicator, period) table that a caller of the analytics API can pin from the
 * same indicator's other periods of that year (src/domain/disclosure/periods.ts): a year from its
 * months or quarters, a month or quarter from the year and its siblings. They count as known when
 * the caller's pattern is decided (callerHidden), so that nothing else gives away what they
 * protect. What the caller is shown of the other periods is taken to be the published pattern,
 * which shows at least as much as the caller's own: more is pinned, never less.
 */
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
const familiesOf = (year: string): string[][] => [
  MONTHS.map((m) => `${year}-${m}`),
  [1, 2, 3, 4].map((q) => `${year}-Q${q}`),
];

export async function pinnedAcrossPeriods(
  q: Queryable,
  indicatorId: string,
  period: string,
  cellKeys: Iterable<string>,
): Promise<Set<string>> {
  const year = period.slice(0, 4);
  const { rows } = await q.query<{
    period: string;
    level: string;
    code: string;
    sex: string;
    numerator: number | string | null;
    denominator: number | string | null;
    status: string;
  }>(
    `SELECT period, level, code, sex, numerator, denominator, status FROM published_value
      WHERE indicator_id = $1 AND (period = $2 OR period LIKE $2 || '-%')`,
    [indicatorId, year],
  );
  const cells = new Map<string, PeriodCell>();
  const periods = new Set<string>();
  for (const r of rows) {
    periods.add(r.period);
    cells.set(`${r.period}|${r.level}|${r.code}|${r.sex}`, {
      numerator: r.numerator === null ? null : Number(r.numerator),
      denominator: r.denominator === null ? null : Number(r.denominator),
      visible: r.status !== 'suppressed',
    });
  }
  // A cell absent from a period's table is a zero the caller can tell; a period with no table
  // at all (nobody counted anywhere) likewise.
  const zero: PeriodCell = { numerator: 0, denominator: 0, visible: true };
  const cellOf = (p: string, key: string) => cells.get(`${p}|${key}`) ?? zero;
  const pinned = new Set<string>();
  for (const key of cellKeys)
    for (const family of familiesOf(year)) {
      if (!family.some((p) => periods.has(p))) continue; // the indicator has no such periods
      const subs = family.map((p) => cellOf(p, key));
      const at = family.indexOf(period);
      const isPinned =
        period === year
          ? aggregatePinned(subs)
          : at >= 0 && subPeriodsPinned(cellOf(year, key), subs).includes(at);
      if (isPinned) pinned.add(key);
    }
  return pinned;
}
