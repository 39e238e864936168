import type { ReleasedCell } from '../../contracts/indicators.js';
import type { Queryable } from '../../db/db.js';

/** SQL of releases (src/modules/indicators/release.ts). Only the release step writes these tables. */
type Raw = Record<string, unknown>;

export interface ReleaseRow {
  id: number;
  version: string;
  madeAt: Date;
  kind: 'scheduled' | 'on_demand' | 'first';
  madeBy: string;
  periods: string[];
  finalPeriods: string[];
  method: unknown;
  tables: number;
  cells: number;
  suppressed: number;
}

const releaseOf = (r: Raw): ReleaseRow => ({
  id: Number(r['id']),
  version: r['version'] as string,
  madeAt: r['made_at'] as Date,
  kind: r['kind'] as ReleaseRow['kind'],
  madeBy: r['made_by'] as string,
  periods: r['periods'] as string[],
  finalPeriods: r['final_periods'] as string[],
  method: r['method'],
  tables: Number(r['tables']),
  cells: Number(r['cells']),
  suppressed: Number(r['suppressed']),
});

/** Every release, newest first. */
export async function releases(q: Queryable, limit = 100): Promise<ReleaseRow[]> {
  const { rows } = await q.query<Raw>('SELECT * FROM indicator_release ORDER BY id DESC LIMIT $1', [limit]);
  return rows.map(releaseOf);
}

export async function latestRelease(q: Queryable): Promise<ReleaseRow | null> {
  return (await releases(q, 1))[0] ?? null;
}

export interface Member {
  period: string;
  unitId: string;
  sex: 'K' | 'M';
  person: string;
  inNumerator: boolean;
}

export async function members(q: Queryable, sql: string): Promise<Member[]> {
  const { rows } = await q.query<Raw>(sql);
  return rows.map((r) => ({
    period: r['period'] as string,
    unitId: r['unit_id'] as string,
    sex: r['sex'] as 'K' | 'M',
    person: r['person'] as string,
    inNumerator: r['in_num'] === true,
  }));
}

export async function insertRelease(q: Queryable, r: Omit<ReleaseRow, 'id'>): Promise<number> {
  const { rows } = await q.query<Raw>(
    `INSERT INTO indicator_release (id, version, made_at, kind, made_by, periods, final_periods, method, tables, cells, suppressed)
     SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM indicator_release
     RETURNING id`,
    [
      r.version,
      r.madeAt,
      r.kind,
      r.madeBy,
      r.periods,
      r.finalPeriods,
      JSON.stringify(r.method),
      r.tables,
      r.cells,
      r.suppressed,
    ],
  );
  return Number(rows[0]?.['id']);
}

/** How many releases were made in the (UTC) month of `at`, before it. */
export async function releasesInMonth(q: Queryable, at: Date): Promise<number> {
  const monthStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const { rows } = await q.query<Raw>(
    'SELECT count(*) AS n FROM indicator_release WHERE made_at >= $1 AND made_at <= $2',
    [monthStart, at],
  );
  return Number(rows[0]?.['n'] ?? 0);
}

/** One released table: its row, then its values from valueRowsJson chunks, one statement each. */
export async function insertReleasedTable(
  q: Queryable,
  releaseId: number,
  t: {
    indicatorId: string;
    version: number;
    period: string;
    cells: number;
    suppressed: number;
    rows: readonly string[];
  },
  between: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  await q.query(
    `INSERT INTO released_table (release_id, indicator_id, version, period, cells, suppressed)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [releaseId, t.indicatorId, t.version, t.period, t.cells, t.suppressed],
  );
  for (const rows of t.rows) {
    await between();
    await q.query(
      `INSERT INTO released_value (release_id, indicator_id, version, period, level, code, sex, numerator, denominator,
         rate, ci_lower, ci_upper, status)
       SELECT $2, v.indicator_id, v.version, v.period, v.level, v.code, v.sex, v.numerator, v.denominator, v.rate,
         v.ci_lower, v.ci_upper, v.status
       FROM json_to_recordset($1::json) AS v(indicator_id text, version integer, period text, level text, code text,
         sex text, numerator integer, denominator integer, rate double precision, ci_lower double precision,
         ci_upper double precision, status text)`,
      [rows, releaseId],
    );
  }
}

export type { ReleasedCell };

/**
 * The cells of one release for some indicators and periods, by `indicator|period|level|code|sex`,
 * and which of those (indicator, period) tables the release has at all (`indicator|period`).
 */
export async function releasedCells(
  q: Queryable,
  releaseId: number,
  indicators: readonly string[],
  periods: readonly string[],
): Promise<{ tables: Set<string>; cells: Map<string, ReleasedCell> }> {
  const tables = await q.query<Raw>(
    `SELECT indicator_id, period FROM released_table
      WHERE release_id = $1 AND indicator_id = ANY($2::text[]) AND period = ANY($3::text[])`,
    [releaseId, [...indicators], [...periods]],
  );
  const { rows } = await q.query<Raw>(
    `SELECT indicator_id, period, level, code, sex, numerator, denominator, rate, status FROM released_value
      WHERE release_id = $1 AND indicator_id = ANY($2::text[]) AND period = ANY($3::text[])`,
    [releaseId, [...indicators], [...periods]],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    tables: new Set(tables.rows.map((r) => `${String(r['indicator_id'])}|${String(r['period'])}`)),
    cells: new Map(
      rows.map((r) => [
        [r['indicator_id'], r['period'], r['level'], r['code'], r['sex']].map(String).join('|'),
        {
          status: r['status'] as ReleasedCell['status'],
          numerator: num(r['numerator']),
          denominator: num(r['denominator']),
          rate: num(r['rate']),
        },
      ]),
    ),
  };
}
