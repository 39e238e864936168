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
    `SELECT r.id AS release_id, r.version AS release_version, r.made_at AS release_at,
            d.active_definitions AS defs, d.definition_changed_at AS def_at, o.unit_versions AS units,
            o.open_units, o.unit_changed_at AS unit_at, o.reference_loaded_at AS ref_at
       FROM indicator_definition_stamp d CROSS JOIN org_register_stamp o
       LEFT JOIN indicator_latest_release r ON true`,
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
    'SELECT indicator_id, period FROM released_tables WHERE release_id = $1 ORDER BY indicator_id, period',
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
       FROM released_tables t
       LEFT JOIN released_values v ON v.release_id = t.release_id AND v.indicator_id = t.indicator_id AND v.period = t.period
      WHERE t.release_id = $1 AND t.indicator_id = $2 AND t.period = $3`,
    [release.id, indicatorId, period],
  );
  if (rows.length === 0) return null;
  const gone = await q.query<Raw>(
    `SELECT w.level, w.code, w.sex, min(r.made_at) AS withdrawn_at
       FROM (SELECT level, code, sex, max(release_id) AS last_id FROM released_values
              WHERE indicator_id = $2 AND period = $3 AND release_id < $1
              GROUP BY level, code, sex) w
       JOIN indicator_releases r ON r.id > w.last_id AND r.id <= $1
      WHERE NOT EXISTS (SELECT 1 FROM released_values c
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
    'SELECT id, title, kind, members, region_members AS regions FROM org_municipality_groups ORDER BY id',
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
    `SELECT DISTINCT ON (unit_id) unit_id AS id, unit_code AS code, name, municipality_code
       FROM org_unit_versions
      ORDER BY unit_id, valid_from DESC`,
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
