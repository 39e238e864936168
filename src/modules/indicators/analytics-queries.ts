import type { AnalyticsRowView } from '../../contracts/indicators.js';
import type { Queryable } from '../../db/db.js';
import type { UnitSexCount } from '../../domain/indicators/rollup.js';

/** Reads published values (never counts) for the analytics API. */
export interface AnalyticsFilter {
  indicators: string[];
  periods: string[] | null;
  sexes: string[];
  /** Explicit org codes per level; `allOf` asks for every code of a level. */
  codes: { nation: boolean; regions: string[]; municipalities: string[]; units: string[] };
  allOf: Array<'region' | 'municipality' | 'unit'>;
  limit: number;
}

/** A published row as the database gives it: the API's row (contracts) before JSON and the detail. */
export type AnalyticsRow = Omit<AnalyticsRowView, 'computedAt' | 'unsuppressed' | 'released'> & {
  computedAt: Date;
};

type Raw = Record<string, unknown>;

export async function publishedValues(q: Queryable, f: AnalyticsFilter): Promise<AnalyticsRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT v.*, coalesce(r.short_name, m.name, uv.name, CASE WHEN v.level = 'nation' THEN 'Riket' END) AS name
       FROM published_value v
       LEFT JOIN org_region_names r ON v.level = 'region' AND r.code = v.code
       LEFT JOIN org_municipality_names m ON v.level = 'municipality' AND m.code = v.code
       LEFT JOIN LATERAL (SELECT name FROM org_unit_versions x WHERE v.level = 'unit' AND x.unit_id::text = v.code
                           ORDER BY x.valid_from DESC LIMIT 1) uv ON true
      WHERE v.indicator_id = ANY($1)
        AND ($2::text[] IS NULL OR v.period = ANY($2))
        AND v.sex = ANY($3)
        AND ((v.level = 'nation' AND $4)
          OR (v.level = 'region' AND (v.code = ANY($5) OR 'region' = ANY($8)))
          OR (v.level = 'municipality' AND (v.code = ANY($6) OR 'municipality' = ANY($8)))
          OR (v.level = 'unit' AND (v.code = ANY($7) OR 'unit' = ANY($8))))
      ORDER BY v.indicator_id, v.period, v.level, v.code, v.sex
      LIMIT $9`,
    [
      f.indicators,
      f.periods,
      f.sexes,
      f.codes.nation,
      f.codes.regions,
      f.codes.municipalities,
      f.codes.units,
      f.allOf,
      f.limit,
    ],
  );
  return rows.map((r) => ({
    indicator: r['indicator_id'] as string,
    version: Number(r['version']),
    period: r['period'] as string,
    level: r['level'] as string,
    code: r['code'] as string,
    name: (r['name'] as string | null) ?? null,
    sex: r['sex'] as string,
    numerator: r['numerator'] === null ? null : Number(r['numerator']),
    denominator: r['denominator'] === null ? null : Number(r['denominator']),
    rate: (r['rate'] as number | null) ?? null,
    ciLower: (r['ci_lower'] as number | null) ?? null,
    ciUpper: (r['ci_upper'] as number | null) ?? null,
    coverage: (r['coverage'] as number | null) ?? null,
    status: r['status'] as string,
    computedAt: r['computed_at'] as Date,
  }));
}

export interface TablePair {
  indicatorId: string;
  version: number;
  period: string;
}

const pairsJson = (pairs: readonly TablePair[]) =>
  JSON.stringify(pairs.map((p) => ({ indicator_id: p.indicatorId, version: p.version, period: p.period })));

/**
 * What the counts of each table are as of now, for the analytics cache: a table that is not
 * queued for publication has the counts its last publication read (every count write queues its
 * tables in the same transaction, and the publisher takes them off in the publishing one), so the
 * publication row's transaction id names them. A queued table has no stable stamp (null): analytics
 * then names it by the counts it reads (analytics-entitled.ts).
 */
export async function countStamps(
  q: Queryable,
  pairs: readonly TablePair[],
): Promise<Map<string, string | null>> {
  const { rows } = await q.query<Raw>(
    `SELECT p.indicator_id, p.period,
            CASE WHEN EXISTS (SELECT 1 FROM publication_queue x WHERE x.indicator_id = p.indicator_id AND x.period = p.period)
                 THEN NULL ELSE coalesce(u.xmin::text, 'never') END AS stamp
       FROM json_to_recordset($1::json) AS p(indicator_id text, version integer, period text)
       LEFT JOIN publication u ON u.indicator_id = p.indicator_id AND u.period = p.period`,
    [pairsJson(pairs)],
  );
  return new Map(
    rows.map((r) => [`${r['indicator_id'] as string}|${r['period'] as string}`, r['stamp'] as string | null]),
  );
}

/** The unit counts of many tables in one statement, by `indicator|period`. */
export async function countsOfTables(
  q: Queryable,
  pairs: readonly TablePair[],
): Promise<Map<string, UnitSexCount[]>> {
  const out = new Map<string, UnitSexCount[]>(pairs.map((p) => [`${p.indicatorId}|${p.period}`, []]));
  if (pairs.length === 0) return out;
  const { rows } = await q.query<Raw>(
    `SELECT c.indicator_id, c.period, c.unit_id, c.sex, c.numerator, c.denominator
       FROM json_to_recordset($1::json) AS p(indicator_id text, version integer, period text)
       JOIN indicator_count c ON c.indicator_id = p.indicator_id AND c.version = p.version AND c.period = p.period
      ORDER BY c.indicator_id, c.period, c.unit_id, c.sex`,
    [pairsJson(pairs)],
  );
  for (const r of rows)
    out.get(`${r['indicator_id'] as string}|${r['period'] as string}`)?.push({
      unitId: r['unit_id'] as string,
      sex: r['sex'] as 'K' | 'M',
      numerator: Number(r['numerator']),
      denominator: Number(r['denominator']),
    });
  return out;
}

/**
 * A fingerprint of the org register's unit placements (unit versions and municipality → region
 * links): placements as of a period change only when it changes. Cheaper than reading them.
 */
export async function placementStamp(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ stamp: string }>('SELECT stamp FROM org_placement_stamp');
  return rows[0]?.stamp ?? '';
}
