import type { Queryable } from '../../db/db.js';
import type { AnalyticsRow } from './analytics-queries.js';
import type { ReleasedView } from '../../contracts/indicators.js';
import { releasedCells, type ReleaseRow } from './release-queries.js';

/**
 * What the public sees of each live analytics row: the cell as the latest release published it.
 * `null` when the release has no such table (monthly and quarterly periods, indicators not in the
 * open comparisons, or nothing released yet); `absent` when the table was released without it.
 */

export async function withReleased<R extends AnalyticsRow>(
  q: Queryable,
  release: ReleaseRow | null,
  rows: readonly R[],
): Promise<Array<R & { released: ReleasedView | null }>> {
  if (!release || rows.length === 0) return rows.map((r) => ({ ...r, released: null }));
  const { tables, cells } = await releasedCells(
    q,
    release.id,
    [...new Set(rows.map((r) => r.indicator))],
    [...new Set(rows.map((r) => r.period))],
  );
  return rows.map((r) => {
    if (!tables.has(`${r.indicator}|${r.period}`)) return { ...r, released: null };
    const cell = cells.get([r.indicator, r.period, r.level, r.code, r.sex].join('|'));
    return { ...r, released: cell ?? { status: 'absent' } };
  });
}
