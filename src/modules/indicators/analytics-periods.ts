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

/** A published row of one indicator, as periodIntervals reads them. */
export type PublishedCountRow = {
  period: string;
  level: string;
  code: string;
  sex: string;
  numerator: number | string | null;
  denominator: number | string | null;
  status: string;
};

/** The published rows of an indicator's periods of one year (the year, its quarters and months). */
export async function publishedOfYear(
  q: Queryable,
  indicatorId: string,
  year: string,
): Promise<PublishedCountRow[]> {
  const { rows } = await q.query<PublishedCountRow>(
    `SELECT period, level, code, sex, numerator, denominator, status FROM published_value
      WHERE indicator_id = $1 AND (period = $2 OR period LIKE $2 || '-%')`,
    [indicatorId, year],
  );
  return rows;
}

/**
 * What names the published tables of each (indicator, year) as of now: their publication rows'
 * transaction ids (the publisher writes a table's values and its publication row together), so
 * intervals computed from them stay valid while this is unchanged. By `indicator|year`.
 */
export async function yearStamps(
  q: Queryable,
  pairs: ReadonlyArray<{ indicatorId: string; period: string }>,
): Promise<Map<string, string>> {
  const indicators = [...new Set(pairs.map((p) => p.indicatorId))];
  const years = [...new Set(pairs.map((p) => p.period.slice(0, 4)))];
  const { rows } = await q.query<{ indicator_id: string; year: string; stamp: string }>(
    `SELECT indicator_id, left(period, 4) AS year, string_agg(period || ':' || xmin::text, ',' ORDER BY period) AS stamp
       FROM publication WHERE indicator_id = ANY($1) AND left(period, 4) = ANY($2)
      GROUP BY 1, 2`,
    [indicators, years],
  );
  const out = new Map<string, string>(pairs.map((p) => [`${p.indicatorId}|${p.period.slice(0, 4)}`, 'none']));
  for (const r of rows) out.set(`${r.indicator_id}|${r.year}`, r.stamp);
  return out;
}

/** Intervals of the table's cells (by `level|code|sex`) that the other periods bound at all. */
export async function periodIntervals(
  q: Queryable,
  indicatorId: string,
  period: string,
  cellKeys: Iterable<string>,
): Promise<Map<string, CellIntervals>> {
  return intervalsFrom(await publishedOfYear(q, indicatorId, period.slice(0, 4)), period, cellKeys);
}

/** periodIntervals over the year's published rows already read. */
export function intervalsFrom(
  rows: readonly PublishedCountRow[],
  period: string,
  cellKeys: Iterable<string>,
): Map<string, CellIntervals> {
  const year = period.slice(0, 4);
  const periods = new Set(rows.map((r) => r.period));
  // The families that bound this period: the indicator has their sub-periods, and this period
  // is their aggregate or one of them. A yearly-only indicator has none, and nothing is bounded.
  const families = familiesOf(year).filter(
    ([aggregate, subs]) =>
      subs.some((p) => periods.has(p)) && (aggregate === period || subs.includes(period)),
  );
  const out = new Map<string, CellIntervals>();
  if (families.length === 0) return out;
  const cells = new Map<string, CellIntervals>();
  for (const r of rows) {
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
  for (const key of cellKeys) {
    let bounds: CellIntervals = { numerator: UNKNOWN, denominator: UNKNOWN };
    for (const [aggregate, subs] of families) {
      const at = subs.indexOf(period);
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
