import type { Queryable } from '../../db/db.js';
import {
  UNKNOWN,
  aggregateInterval,
  exactly,
  intersect,
  subPeriodInterval,
  type Interval,
} from '../../domain/disclosure/bounds.js';

/**
 * What a caller of the analytics API can bound a cell of one (indicator, period) table to from
 * the same indicator's other periods of that year (src/domain/disclosure/bounds.ts): counts are
 * distinct persons per period, so max(subs) ≤ aggregate ≤ Σ subs for a year and its months, a
 * year and its quarters, a quarter and its months. A shown count is exact, a hidden one only ≥ 0.
 * boundedCallerPattern (caller-bounds.ts) counts a cell whose interval discloses it as known, and hides
 * more where these intervals plus the table's relations would narrow a hidden small count.
 * What the caller is shown of the other periods is taken to be the published pattern, which
 * shows at least as much as the caller's own: intervals are never wider than theirs.
 */
export interface CellIntervals {
  numerator: Interval;
  denominator: Interval;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** Families of one year: [aggregate, sub-periods]. */
const familiesOf = (year: string): Array<[string, string[]]> => [
  [year, MONTHS.map((m) => `${year}-${m}`)],
  [year, [1, 2, 3, 4].map((q) => `${year}-Q${q}`)],
  ...[1, 2, 3, 4].map((q): [string, string[]] => [
    `${year}-Q${q}`,
    MONTHS.slice((q - 1) * 3, q * 3).map((m) => `${year}-${m}`),
  ]),
];

const parts = ['numerator', 'denominator'] as const;

/** Intervals of the table's cells (by `level|code|sex`) that the other periods bound at all. */
export async function periodIntervals(
  q: Queryable,
  indicatorId: string,
  period: string,
  cellKeys: Iterable<string>,
): Promise<Map<string, CellIntervals>> {
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
  const cells = new Map<string, CellIntervals>();
  const periods = new Set<string>();
  for (const r of rows) {
    periods.add(r.period);
    const shown = r.status !== 'suppressed';
    cells.set(`${r.period}|${r.level}|${r.code}|${r.sex}`, {
      numerator: shown ? exactly(Number(r.numerator ?? 0)) : UNKNOWN,
      denominator: shown ? exactly(Number(r.denominator ?? 0)) : UNKNOWN,
    });
  }
  // A cell absent from a period's table is a zero the caller can tell; a period with no table
  // at all (nobody counted anywhere) likewise.
  const zero: CellIntervals = { numerator: exactly(0), denominator: exactly(0) };
  const cellOf = (p: string, key: string) => cells.get(`${p}|${key}`) ?? zero;
  const out = new Map<string, CellIntervals>();
  for (const key of cellKeys) {
    let bounds: CellIntervals = { numerator: UNKNOWN, denominator: UNKNOWN };
    for (const [aggregate, subs] of familiesOf(year)) {
      if (!subs.some((p) => periods.has(p))) continue; // the indicator has no such periods
      const at = subs.indexOf(period);
      if (aggregate !== period && at < 0) continue;
      const next = {} as CellIntervals;
      for (const part of parts) {
        const subIntervals = subs.map((p) => cellOf(p, key)[part]);
        next[part] =
          aggregate === period
            ? aggregateInterval(subIntervals)
            : subPeriodInterval(
                cellOf(aggregate, key)[part],
                subIntervals.filter((_, i) => i !== at),
              );
      }
      bounds = {
        numerator: intersect(bounds.numerator, next.numerator),
        denominator: intersect(bounds.denominator, next.denominator),
      };
    }
    if (parts.some((part) => bounds[part].lo > 0 || bounds[part].hi < Infinity)) out.set(key, bounds);
  }
  return out;
}
