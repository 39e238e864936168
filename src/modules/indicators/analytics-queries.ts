import type { Queryable } from '../../db/db.js';

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

export interface AnalyticsRow {
  indicator: string;
  version: number;
  period: string;
  level: string;
  code: string;
  name: string | null;
  sex: string;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  coverage: number | null;
  status: string;
  computedAt: Date;
}

type Raw = Record<string, unknown>;

export async function publishedValues(q: Queryable, f: AnalyticsFilter): Promise<AnalyticsRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT v.*, coalesce(r.short_name, m.name, uv.name, CASE WHEN v.level = 'nation' THEN 'Riket' END) AS name
       FROM published_value v
       LEFT JOIN org_region r ON v.level = 'region' AND r.code = v.code
       LEFT JOIN org_municipality m ON v.level = 'municipality' AND m.code = v.code
       LEFT JOIN LATERAL (SELECT name FROM org_unit_version x WHERE v.level = 'unit' AND x.unit_id::text = v.code
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
