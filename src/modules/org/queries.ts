import type { Group, Municipality, Region, UnitVersion } from '../../contracts/org.js';
import type { Queryable } from '../../db/db.js';
import { fromDbBound } from '../../domain/org/validity.js';
import type { OperatingArea, ProviderType, UnitType } from '../../domain/org/codes.js';

/** SQL of the org register. Every query that reads units takes the "as of" date explicitly. */

// The rows are the answers' shapes in src/contracts/org.ts.

type Raw = Record<string, unknown>;

export async function listRegions(q: Queryable, asOf: string): Promise<Region[]> {
  const { rows } = await q.query<Raw>(
    `SELECT r.code, r.kolada_id, coalesce(r.kolada_title, r.name) AS kolada_title, r.name, r.short_name,
            (SELECT count(*) FROM org_municipality_region l
              WHERE l.region_code = r.code AND l.valid_from <= $1 AND $1 < l.valid_to) AS municipality_count
       FROM org_region r
      WHERE r.valid_from <= $1 AND $1 < r.valid_to
      ORDER BY r.code`,
    [asOf],
  );
  return rows.map((r) => ({
    code: r['code'] as string,
    koladaId: r['kolada_id'] as string,
    koladaTitle: r['kolada_title'] as string,
    name: r['name'] as string,
    shortName: r['short_name'] as string,
    municipalityCount: Number(r['municipality_count']),
  }));
}

export async function listMunicipalities(
  q: Queryable,
  filter: { asOf: string; regionCode?: string; search?: string; codes?: string[] },
): Promise<Municipality[]> {
  const { rows } = await q.query<Raw>(
    `SELECT m.code, m.name, l.region_code, r.name AS region_name,
            g.id AS skr_id, g.skr_code, g.title AS skr_title,
            (SELECT count(*) FROM org_unit_version v
              WHERE v.municipality_code = m.code AND v.valid_from <= $1 AND $1 < v.valid_to) AS unit_count
       FROM org_municipality m
       JOIN org_municipality_region l ON l.municipality_code = m.code AND l.valid_from <= $1 AND $1 < l.valid_to
       JOIN org_region r ON r.code = l.region_code
       LEFT JOIN org_municipality_group_member gm ON gm.municipality_code = m.code
         AND gm.group_id IN (SELECT id FROM org_municipality_group WHERE kind = 'skr')
       LEFT JOIN org_municipality_group g ON g.id = gm.group_id
      WHERE m.valid_from <= $1 AND $1 < m.valid_to
        AND ($2::text IS NULL OR l.region_code = $2)
        AND ($3::text IS NULL OR m.name ILIKE '%' || $3 || '%' OR m.code = $3)
        AND ($4::text[] IS NULL OR m.code = ANY($4))
      ORDER BY m.code`,
    [filter.asOf, filter.regionCode ?? null, filter.search ?? null, filter.codes ?? null],
  );
  return rows.map((r) => ({
    code: r['code'] as string,
    name: r['name'] as string,
    regionCode: r['region_code'] as string,
    regionName: r['region_name'] as string,
    skrGroup: r['skr_id']
      ? { id: r['skr_id'] as string, code: r['skr_code'] as string, title: r['skr_title'] as string }
      : null,
    unitCount: Number(r['unit_count']),
  }));
}

export async function municipalityExists(q: Queryable, code: string, at: string): Promise<boolean> {
  const { rows } = await q.query(
    'SELECT 1 FROM org_municipality WHERE code = $1 AND valid_from <= $2 AND $2 < valid_to',
    [code, at],
  );
  return rows.length > 0;
}

export async function listGroups(
  q: Queryable,
  filter: { kind?: string; municipalityCode?: string; operatingArea?: string; search?: string },
): Promise<Group[]> {
  const { rows } = await q.query<Raw>(
    `SELECT g.id, g.title, g.kind, g.skr_code, g.operating_area, g.reference_municipality_code, g.reference_year,
            coalesce((SELECT array_agg(m.municipality_code ORDER BY m.municipality_code)
                        FROM org_municipality_group_member m WHERE m.group_id = g.id), '{}') AS members
       FROM org_municipality_group g
      WHERE ($1::text IS NULL OR g.kind = $1)
        AND ($2::text IS NULL OR g.reference_municipality_code = $2
             OR (g.kind = 'skr' AND EXISTS (SELECT 1 FROM org_municipality_group_member m
                                            WHERE m.group_id = g.id AND m.municipality_code = $2)))
        AND ($3::text IS NULL OR g.operating_area = $3)
        AND ($4::text IS NULL OR g.title ILIKE '%' || $4 || '%')
      ORDER BY g.kind DESC, g.title
      LIMIT 500`,
    [
      filter.kind ?? null,
      filter.municipalityCode ?? null,
      filter.operatingArea ?? null,
      filter.search ?? null,
    ],
  );
  return rows.map((r) => ({
    id: r['id'] as string,
    title: r['title'] as string,
    kind: r['kind'] as Group['kind'],
    skrCode: (r['skr_code'] as string | null) ?? null,
    operatingArea: (r['operating_area'] as string | null) ?? null,
    referenceMunicipalityCode: (r['reference_municipality_code'] as string | null) ?? null,
    referenceYear: (r['reference_year'] as number | null) ?? null,
    members: r['members'] as string[],
  }));
}

const UNIT_VERSION_SELECT = `
  SELECT v.id AS version_id, u.id AS unit_id, u.code, u.synthetic, v.name, v.municipality_code,
         m.name AS municipality_name, l.region_code, v.provider_type, v.operating_area, v.unit_type,
         v.valid_from, v.valid_to
    FROM org_unit_version v
    JOIN org_unit u ON u.id = v.unit_id
    JOIN org_municipality m ON m.code = v.municipality_code
    LEFT JOIN org_municipality_region l ON l.municipality_code = v.municipality_code
      AND l.valid_from <= v.valid_from AND v.valid_from < l.valid_to`;

function toUnitVersion(r: Raw): UnitVersion {
  return {
    versionId: Number(r['version_id']),
    unitId: r['unit_id'] as string,
    code: r['code'] as string,
    synthetic: r['synthetic'] as boolean,
    name: r['name'] as string,
    municipalityCode: r['municipality_code'] as string,
    municipalityName: r['municipality_name'] as string,
    regionCode: r['region_code'] as string,
    providerType: r['provider_type'] as ProviderType,
    operatingArea: r['operating_area'] as OperatingArea,
    unitType: r['unit_type'] as UnitType,
    validFrom: r['valid_from'] as string,
    validTo: fromDbBound(r['valid_to'] as string),
  };
}

export interface UnitFilter {
  asOf: string;
  municipalityCode?: string;
  regionCode?: string;
  operatingArea?: string;
  providerType?: string;
  search?: string;
  limit: number;
  offset: number;
}

export async function listUnitsAsOf(
  q: Queryable,
  f: UnitFilter,
): Promise<{ total: number; units: UnitVersion[] }> {
  const where = `WHERE v.valid_from <= $1 AND $1 < v.valid_to
        AND ($2::text IS NULL OR v.municipality_code = $2)
        AND ($3::text IS NULL OR l.region_code = $3)
        AND ($4::text IS NULL OR v.operating_area = $4)
        AND ($5::text IS NULL OR v.provider_type = $5)
        AND ($6::text IS NULL OR v.name ILIKE '%' || $6 || '%' OR u.code = upper($6))`;
  const params = [
    f.asOf,
    f.municipalityCode ?? null,
    f.regionCode ?? null,
    f.operatingArea ?? null,
    f.providerType ?? null,
    f.search ?? null,
  ];
  const [count, page] = await Promise.all([
    q.query<Raw>(`SELECT count(*) AS n FROM (${UNIT_VERSION_SELECT} ${where}) s`, params),
    q.query<Raw>(
      `${UNIT_VERSION_SELECT} ${where} ORDER BY v.municipality_code, v.name, u.code LIMIT $7 OFFSET $8`,
      [...params, f.limit, f.offset],
    ),
  ]);
  return { total: Number(count.rows[0]?.['n'] ?? 0), units: page.rows.map(toUnitVersion) };
}

export async function unitHistory(q: Queryable, unitId: string): Promise<UnitVersion[]> {
  const { rows } = await q.query<Raw>(`${UNIT_VERSION_SELECT} WHERE v.unit_id = $1 ORDER BY v.valid_from`, [
    unitId,
  ]);
  return rows.map(toUnitVersion);
}

export async function lockUnit(q: Queryable, unitId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM org_unit WHERE id = $1 FOR UPDATE', [unitId]);
  return rows.length > 0;
}

export interface NewUnitVersion {
  unitId: string;
  municipalityCode: string;
  name: string;
  providerType: ProviderType;
  operatingArea: OperatingArea;
  unitType: UnitType;
  validFrom: string;
  validTo: string | null;
}

export async function insertUnit(q: Queryable, synthetic: boolean, code?: string): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    code
      ? 'INSERT INTO org_unit (synthetic, code) VALUES ($1, $2) RETURNING id'
      : 'INSERT INTO org_unit (synthetic) VALUES ($1) RETURNING id',
    code ? [synthetic, code] : [synthetic],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('insert into org_unit returned no id');
  return id;
}

export async function insertUnitVersion(q: Queryable, v: NewUnitVersion): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO org_unit_version
       (unit_id, municipality_code, name, provider_type, operating_area, unit_type, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::date, 'infinity'))
     RETURNING id`,
    [
      v.unitId,
      v.municipalityCode,
      v.name,
      v.providerType,
      v.operatingArea,
      v.unitType,
      v.validFrom,
      v.validTo,
    ],
  );
  return Number(rows[0]?.id);
}

export async function setVersionEnd(q: Queryable, versionId: number, validTo: string | null): Promise<void> {
  await q.query(`UPDATE org_unit_version SET valid_to = coalesce($2::date, 'infinity') WHERE id = $1`, [
    versionId,
    validTo,
  ]);
}

/** The municipality of a unit on `day`, or undefined when the unit has no version valid that day. */
export async function unitMunicipalityOn(
  tx: Queryable,
  unitId: string,
  day: string,
): Promise<string | undefined> {
  const { rows } = await tx.query<{ municipality_code: string }>(
    `SELECT municipality_code FROM org_unit_version
      WHERE unit_id = $1::uuid AND valid_from <= $2::date AND $2::date < valid_to`,
    [unitId, day],
  );
  return rows[0]?.municipality_code;
}

/** The municipality a unit belongs to on `day` (latest version when none is valid that day). */
export async function municipalityOfUnit(
  q: Queryable,
  unitId: string,
  day: string,
): Promise<string | undefined> {
  const { rows } = await q.query<{ municipality_code: string }>(
    `SELECT municipality_code FROM org_unit_version WHERE unit_id = $1::uuid
      ORDER BY (valid_from <= $2::date AND $2::date < valid_to) DESC, valid_from DESC LIMIT 1`,
    [unitId, day],
  );
  return rows[0]?.municipality_code;
}

export async function regionOfMunicipality(
  q: Queryable,
  code: string,
  day: string,
): Promise<string | undefined> {
  const { rows } = await q.query<{ region_code: string }>(
    `SELECT region_code FROM org_municipality_region WHERE municipality_code = $1
      ORDER BY (valid_from <= $2::date AND $2::date < valid_to) DESC, valid_from DESC LIMIT 1`,
    [code, day],
  );
  return rows[0]?.region_code;
}
