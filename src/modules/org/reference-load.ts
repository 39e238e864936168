import type { Db } from '../../db/db.js';
import type { ReferenceData } from './reference-data.js';

/**
 * Writes reference data into the register in one transaction. Names are refreshed; a
 * municipality's region link is created once and never rewritten (a change of county would
 * be recorded as a new link version by an administrator, not by a file reload). Groups are
 * a snapshot of Kolada's current membership and are replaced whole.
 */
export async function loadReferenceData(db: Db, data: ReferenceData): Promise<{ loaded: boolean }> {
  const current = await db.query<{ checksum: string }>(
    'SELECT checksum FROM reference_data_load WHERE id = 1',
  );
  if (current.rows[0]?.checksum === data.checksum) return { loaded: false };

  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO org_region (code, kolada_id, name, short_name, kolada_title)
       SELECT r.code, '00' || r.code, r.name, r.short_name, r.kolada_title
       FROM json_to_recordset($1::json) AS r(code text, name text, short_name text, kolada_title text)
       ON CONFLICT (code) DO UPDATE
         SET name = EXCLUDED.name, short_name = EXCLUDED.short_name, kolada_title = EXCLUDED.kolada_title`,
      [
        JSON.stringify(
          data.regions.map((r) => ({
            code: r.code,
            name: r.name,
            short_name: r.shortName,
            kolada_title: r.koladaTitle,
          })),
        ),
      ],
    );
    const municipalities = JSON.stringify(
      data.municipalities.map((m) => ({ code: m.code, name: m.name, region_code: m.regionCode })),
    );
    await tx.query(
      `INSERT INTO org_municipality (code, name)
       SELECT m.code, m.name FROM json_to_recordset($1::json) AS m(code text, name text)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [municipalities],
    );
    await tx.query(
      `INSERT INTO org_municipality_region (municipality_code, region_code)
       SELECT m.code, m.region_code FROM json_to_recordset($1::json) AS m(code text, region_code text)
       WHERE NOT EXISTS (SELECT 1 FROM org_municipality_region l WHERE l.municipality_code = m.code)`,
      [municipalities],
    );
    await tx.query('DELETE FROM org_municipality_group');
    await tx.query(
      `INSERT INTO org_municipality_group
         (id, title, kind, skr_code, operating_area, reference_municipality_code, reference_year)
       SELECT g.id, g.title, g.kind, g.skr_code, g.operating_area, g.reference_municipality_code, g.reference_year
       FROM json_to_recordset($1::json) AS g(id text, title text, kind text, skr_code text,
         operating_area text, reference_municipality_code text, reference_year integer)`,
      [
        JSON.stringify(
          data.groups.map((g) => ({
            id: g.id,
            title: g.title,
            kind: g.kind,
            skr_code: g.skrCode,
            operating_area: g.operatingArea,
            reference_municipality_code: g.referenceMunicipalityCode,
            reference_year: g.referenceYear,
          })),
        ),
      ],
    );
    await tx.query(
      `INSERT INTO org_municipality_group_member (group_id, municipality_code)
       SELECT m.group_id, m.municipality_code
       FROM json_to_recordset($1::json) AS m(group_id text, municipality_code text)`,
      [
        JSON.stringify(
          data.groups.flatMap((g) => g.members.map((code) => ({ group_id: g.id, municipality_code: code }))),
        ),
      ],
    );
    await tx.query(
      `INSERT INTO org_municipality_group_region_member (group_id, region_code)
       SELECT m.group_id, m.region_code FROM json_to_recordset($1::json) AS m(group_id text, region_code text)`,
      [
        JSON.stringify(
          data.groups.flatMap((g) => g.regionMembers.map((code) => ({ group_id: g.id, region_code: code }))),
        ),
      ],
    );
    await tx.query(
      `INSERT INTO reference_data_load (id, checksum) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET checksum = EXCLUDED.checksum, loaded_at = now()`,
      [data.checksum],
    );
  });
  return { loaded: true };
}
