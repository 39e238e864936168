import type { Queryable } from '../../db/db.js';
import type { Level, PublishedCell, PublishedStatus, Sex } from '../../domain/opendata/codes.js';

/**
 * SQL of the open data APIs. Reads published values, publications and the org register only,
 * never counts or facts.
 */
type Raw = Record<string, unknown>;

/**
 * One small row that changes whenever anything these APIs serve may have changed: a
 * publication, an indicator definition, a unit version or the reference data.
 */
export async function dataVersion(q: Queryable): Promise<{ publications: string; metadata: string }> {
  const { rows } = await q.query<Raw>(
    `SELECT (SELECT count(*) FROM publication) AS pubs,
            (SELECT max(published_at) FROM publication) AS pub_at,
            (SELECT count(*) FROM indicator_definition WHERE active) AS defs,
            (SELECT max(created_at) FROM indicator_definition) AS def_at,
            (SELECT count(*) FROM org_unit_version) AS units,
            (SELECT count(*) FROM org_unit_version WHERE valid_to = 'infinity') AS open_units,
            (SELECT max(recorded_at) FROM org_unit_version) AS unit_at,
            (SELECT max(loaded_at) FROM reference_data_load) AS ref_at`,
  );
  const r = rows[0] ?? {};
  const t = (v: unknown) =>
    v instanceof Date ? String(v.getTime()) : typeof v === 'number' || typeof v === 'string' ? String(v) : '';
  return {
    publications: `${t(r['pubs'])}/${t(r['pub_at'])}`,
    metadata: [r['defs'], r['def_at'], r['units'], r['open_units'], r['unit_at'], r['ref_at']]
      .map(t)
      .join('/'),
  };
}

export interface PublicationRow {
  indicatorId: string;
  period: string;
  publishedAt: Date;
}

export async function publications(q: Queryable): Promise<PublicationRow[]> {
  const { rows } = await q.query<Raw>(
    'SELECT indicator_id, period, published_at FROM publication ORDER BY indicator_id, period',
  );
  return rows.map((r) => ({
    indicatorId: r['indicator_id'] as string,
    period: r['period'] as string,
    publishedAt: r['published_at'] as Date,
  }));
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface WithdrawnCell {
  level: Level;
  code: string;
  sex: Sex;
  withdrawnAt: Date;
}

/**
 * One published table with its publication time and the tombstones of values withdrawn from it,
 * read in one statement (one snapshot).
 */
export async function publishedTable(
  q: Queryable,
  indicatorId: string,
  period: string,
): Promise<{ publishedAt: Date; cells: PublishedCell[]; withdrawn: WithdrawnCell[] } | null> {
  const { rows } = await q.query<Raw>(
    `SELECT p.published_at, v.level, v.code, v.sex, v.numerator, v.denominator, v.rate, v.ci_lower, v.ci_upper,
            v.status, NULL::timestamptz AS withdrawn_at
       FROM publication p
       LEFT JOIN published_value v ON v.indicator_id = p.indicator_id AND v.period = p.period
      WHERE p.indicator_id = $1 AND p.period = $2
     UNION ALL
     SELECT p.published_at, w.level, w.code, w.sex, NULL, NULL, NULL, NULL, NULL, NULL, w.withdrawn_at
       FROM publication p
       JOIN opendata_withdrawn_value w ON w.indicator_id = p.indicator_id AND w.period = p.period
      WHERE p.indicator_id = $1 AND p.period = $2`,
    [indicatorId, period],
  );
  const first = rows[0];
  if (!first) return null;
  const present = rows.filter((r) => r['level'] !== null);
  return {
    publishedAt: first['published_at'] as Date,
    cells: present
      .filter((r) => r['withdrawn_at'] === null)
      .map((r) => ({
        level: r['level'] as Level,
        code: r['code'] as string,
        sex: r['sex'] as Sex,
        numerator: num(r['numerator']),
        denominator: num(r['denominator']),
        rate: num(r['rate']),
        ciLower: num(r['ci_lower']),
        ciUpper: num(r['ci_upper']),
        status: r['status'] as PublishedStatus,
      })),
    withdrawn: present
      .filter((r) => r['withdrawn_at'] !== null)
      .map((r) => ({
        level: r['level'] as Level,
        code: r['code'] as string,
        sex: r['sex'] as Sex,
        withdrawnAt: r['withdrawn_at'] as Date,
      })),
  };
}

export interface GroupRow {
  id: string;
  title: string;
  kind: 'skr' | 'similar' | 'other';
  /** Municipality codes. */
  members: string[];
  /** County codes of the regions among the members. */
  regionMembers: string[];
}

/** Every Kolada municipality group (SKR's, similar-municipality and the rest), with members. */
export async function municipalityGroups(q: Queryable): Promise<GroupRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT g.id, g.title, g.kind,
            coalesce((SELECT array_agg(m.municipality_code ORDER BY m.municipality_code)
                        FROM org_municipality_group_member m WHERE m.group_id = g.id), '{}') AS members,
            coalesce((SELECT array_agg(r.region_code ORDER BY r.region_code)
                        FROM org_municipality_group_region_member r WHERE r.group_id = g.id), '{}') AS regions
       FROM org_municipality_group g
      ORDER BY g.id`,
  );
  return rows.map((r) => ({
    id: r['id'] as string,
    title: r['title'] as string,
    kind: r['kind'] as GroupRow['kind'],
    members: r['members'] as string[],
    regionMembers: r['regions'] as string[],
  }));
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  municipalityCode: string;
}

/** Every unit with its latest version (closed units too: older tables may name them). */
export async function units(q: Queryable): Promise<UnitRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT DISTINCT ON (u.id) u.id, u.code, v.name, v.municipality_code
       FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id
      ORDER BY u.id, v.valid_from DESC`,
  );
  return rows
    .map((r) => ({
      id: r['id'] as string,
      code: r['code'] as string,
      name: r['name'] as string,
      municipalityCode: r['municipality_code'] as string,
    }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
