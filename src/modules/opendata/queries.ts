import type { Queryable } from '../../db/db.js';
import type { Level, PublishedCell, PublishedStatus, Sex } from '../../domain/opendata/codes.js';

/**
 * SQL of the open data APIs. Reads the latest release (released values, never the live published
 * values, counts or facts) and the org register only.
 */
type Raw = Record<string, unknown>;

/** The release the public values come from. */
export interface ReleaseInfo {
  id: number;
  version: string;
  madeAt: Date;
}

/**
 * One small row that changes whenever anything these APIs serve may have changed: a new
 * release, an indicator definition, a unit version or the reference data.
 */
export async function dataVersion(
  q: Queryable,
): Promise<{ publications: string; metadata: string; release: ReleaseInfo | null }> {
  const { rows } = await q.query<Raw>(
    `SELECT (SELECT id FROM indicator_release ORDER BY id DESC LIMIT 1) AS release_id,
            (SELECT version FROM indicator_release ORDER BY id DESC LIMIT 1) AS release_version,
            (SELECT made_at FROM indicator_release ORDER BY id DESC LIMIT 1) AS release_at,
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
  const release =
    r['release_id'] === null || r['release_id'] === undefined
      ? null
      : {
          id: Number(r['release_id']),
          version: r['release_version'] as string,
          madeAt: r['release_at'] as Date,
        };
  return {
    publications: release ? `release-${release.id}` : 'no-release',
    metadata: [r['defs'], r['def_at'], r['units'], r['open_units'], r['unit_at'], r['ref_at']]
      .map(t)
      .join('/'),
    release,
  };
}

export interface PublicationRow {
  indicatorId: string;
  period: string;
  publishedAt: Date;
}

/** The tables of a release; each is published at the release's time. */
export async function publications(q: Queryable, release: ReleaseInfo | null): Promise<PublicationRow[]> {
  if (!release) return [];
  const { rows } = await q.query<Raw>(
    'SELECT indicator_id, period FROM released_table WHERE release_id = $1 ORDER BY indicator_id, period',
    [release.id],
  );
  return rows.map((r) => ({
    indicatorId: r['indicator_id'] as string,
    period: r['period'] as string,
    publishedAt: release.madeAt,
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
 * One released table of one release, with the tombstones of values an earlier release had and
 * this one has not: each withdrawn at the first release without it after its last appearance.
 * Derived from the releases themselves, so a withdrawal becomes public only with a release.
 */
export async function publishedTable(
  q: Queryable,
  release: ReleaseInfo,
  indicatorId: string,
  period: string,
): Promise<{ publishedAt: Date; cells: PublishedCell[]; withdrawn: WithdrawnCell[] } | null> {
  const { rows } = await q.query<Raw>(
    `SELECT v.level, v.code, v.sex, v.numerator, v.denominator, v.rate, v.ci_lower, v.ci_upper, v.status
       FROM released_table t
       LEFT JOIN released_value v ON v.release_id = t.release_id AND v.indicator_id = t.indicator_id AND v.period = t.period
      WHERE t.release_id = $1 AND t.indicator_id = $2 AND t.period = $3`,
    [release.id, indicatorId, period],
  );
  if (rows.length === 0) return null;
  const gone = await q.query<Raw>(
    `SELECT w.level, w.code, w.sex, min(r.made_at) AS withdrawn_at
       FROM (SELECT level, code, sex, max(release_id) AS last_id FROM released_value
              WHERE indicator_id = $2 AND period = $3 AND release_id < $1
              GROUP BY level, code, sex) w
       JOIN indicator_release r ON r.id > w.last_id AND r.id <= $1
      WHERE NOT EXISTS (SELECT 1 FROM released_value c
                         WHERE c.release_id = $1 AND c.indicator_id = $2 AND c.period = $3
                           AND c.level = w.level AND c.code = w.code AND c.sex = w.sex)
      GROUP BY w.level, w.code, w.sex`,
    [release.id, indicatorId, period],
  );
  return {
    publishedAt: release.madeAt,
    cells: rows
      .filter((r) => r['level'] !== null)
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
    withdrawn: gone.rows.map((r) => ({
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
