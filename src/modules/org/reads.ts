import type { Queryable } from '../../db/db.js';
import type { OperatingArea, UnitType } from '../../domain/org/codes.js';
import type { Scope } from '../../domain/policy/principal.js';

/**
 * Reads of the org register that other modules need in bulk (the synthetic nation, the demo
 * accounts, the registers' served facts). Other modules read org tables only through functions
 * of this module.
 */
type Raw = Record<string, unknown>;

export interface MunicipalityWithSkrGroup {
  code: string;
  /** SKR's municipality group code, or null when the reference data has none. */
  skrGroup: string | null;
}

/** Every municipality with its SKR municipality group, by code. */
export async function municipalitiesWithSkrGroup(q: Queryable): Promise<MunicipalityWithSkrGroup[]> {
  const { rows } = await q.query<Raw>(
    `SELECT m.code, s.skr_code FROM org_municipality m
       LEFT JOIN (SELECT gm.municipality_code, min(g.skr_code) AS skr_code
                    FROM org_municipality_group_member gm
                    JOIN org_municipality_group g ON g.id = gm.group_id AND g.kind = 'skr'
                   GROUP BY gm.municipality_code) s ON s.municipality_code = m.code
      ORDER BY m.code`,
  );
  return rows.map((r) => ({ code: r['code'] as string, skrGroup: (r['skr_code'] as string | null) ?? null }));
}

export interface UnitVersionRow {
  unitId: string;
  municipalityCode: string;
  operatingArea: OperatingArea;
  unitType: UnitType;
  validFrom: string;
  validTo: string;
}

/** Every version of every unit, by unit and start. */
export async function allUnitVersions(q: Queryable): Promise<UnitVersionRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT unit_id, municipality_code, operating_area, unit_type, valid_from::text AS valid_from,
            valid_to::text AS valid_to
       FROM org_unit_version ORDER BY unit_id, valid_from`,
  );
  return rows.map((r) => ({
    unitId: r['unit_id'] as string,
    municipalityCode: r['municipality_code'] as string,
    operatingArea: r['operating_area'] as OperatingArea,
    unitType: r['unit_type'] as UnitType,
    validFrom: r['valid_from'] as string,
    validTo: r['valid_to'] as string,
  }));
}

/**
 * The first synthetic unit (by code) of an operating area in a municipality that is still open:
 * the demo caseworker's unit, and the unit the synthetic nation gives that caseworker persons at.
 */
export async function firstSyntheticUnit(
  q: Queryable,
  municipalityCode: string,
  operatingArea: OperatingArea,
): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT u.id FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id
      WHERE u.synthetic AND v.municipality_code = $1 AND v.operating_area = $2 AND v.valid_to = 'infinity'
      ORDER BY u.code LIMIT 1`,
    [municipalityCode, operatingArea],
  );
  return rows[0]?.id;
}

/** Per (unit, day): is the unit's version on that day in elderly care? (Senior Alert's units) */
export async function elderlyCareOn(
  q: Queryable,
  checks: ReadonlyArray<{ unitId: string; day: string }>,
): Promise<boolean[]> {
  if (checks.length === 0) return [];
  const { rows } = await q.query<{ n: number; elderly: boolean }>(
    `SELECT c.n, EXISTS (SELECT 1 FROM org_unit_version v
                          WHERE v.unit_id = c.unit_id AND v.operating_area = 'elderly_care'
                            AND v.valid_from <= c.day AND c.day < v.valid_to) AS elderly
       FROM json_to_recordset($1::json) AS c(n integer, unit_id uuid, day date)`,
    [JSON.stringify(checks.map((c, n) => ({ n, unit_id: c.unitId, day: c.day })))],
  );
  const out = checks.map(() => false);
  for (const r of rows) out[Number(r.n)] = r.elderly;
  return out;
}

/** Does the org register know the scope's unit, municipality or region? (The nation always is.) */
export async function scopeExists(q: Queryable, scope: Scope): Promise<boolean> {
  if (scope.kind === 'nation') return true;
  const sql: Record<Exclude<Scope['kind'], 'nation'>, string> = {
    unit: 'SELECT 1 FROM org_unit WHERE id = $1::uuid',
    municipality: 'SELECT 1 FROM org_municipality WHERE code = $1',
    region: 'SELECT 1 FROM org_region WHERE code = $1',
  };
  const { rows } = await q.query(sql[scope.kind], [scope.kind === 'unit' ? scope.unitId : scope.code]);
  return rows.length > 0;
}

/** Has the register any synthetic unit (the synthetic nation, or demo data, is loaded)? */
export async function hasSyntheticUnits(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ synthetic: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM org_unit WHERE synthetic) AS synthetic',
  );
  return rows[0]?.synthetic ?? false;
}
