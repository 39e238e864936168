import type { Db, Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import type { OperatingArea, UnitType } from '../../domain/org/codes.js';
import type { SyntheticMunicipality, SyntheticUnitVersion } from '../../domain/synthetic/index.js';

/**
 * SQL of the demo module. It runs as the connection owner (a system job, like the daily served
 * facts job), never in a user's scope.
 */
export const SYNTHETIC_SOURCE = 'kunskapsnav.synthetic';

type Raw = Record<string, unknown>;

export async function municipalities(q: Queryable): Promise<SyntheticMunicipality[]> {
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

/** Every version of every unit (the generator places persons only where a unit exists). */
export async function unitVersions(q: Queryable): Promise<SyntheticUnitVersion[]> {
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
 * The demo caseworker's unit: the first synthetic elderly-care unit in Stockholm, chosen as
 * src/modules/identity/demo-accounts.ts chooses it.
 */
export async function featuredUnitIds(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT u.id FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id
      WHERE u.synthetic AND v.municipality_code = '0180' AND v.operating_area = 'elderly_care'
        AND v.valid_to = 'infinity'
      ORDER BY u.code LIMIT 1`,
  );
  return rows.map((r) => r.id);
}

export async function syntheticPersonCount(q: Queryable): Promise<number> {
  return (await syntheticNation(q)).persons;
}

/** How many synthetic persons exist, and how many their nation was to have (0 when none). */
export async function syntheticNation(q: Queryable): Promise<{ persons: number; planned: number }> {
  const { rows } = await q.query<{ n: number; planned: number | null }>(
    'SELECT count(*) AS n, max(nation_size) AS planned FROM demo_synthetic_person',
  );
  return { persons: toInt(rows[0]?.n ?? 0), planned: toInt(rows[0]?.planned ?? 0) };
}

/**
 * Deletes every synthetic person and what hangs on them: facts, entries with their versions,
 * service periods (and their served-through marks), identities. Counts are rebuilt afterwards.
 * Audit entries name pseudonyms without a foreign key and stay, as the log is append-only.
 */
export async function deleteSynthetic(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const persons = 'SELECT pseudonym FROM demo_synthetic_person';
    await tx.query(`DELETE FROM indicator_fact WHERE person IN (${persons})`);
    await tx.query(
      `DELETE FROM register_entry_version WHERE entry_id IN
         (SELECT id FROM register_entry WHERE person_pseudonym IN (${persons}))`,
    );
    await tx.query(`DELETE FROM register_entry WHERE person_pseudonym IN (${persons})`);
    await tx.query(
      `DELETE FROM register_served_through WHERE service_id IN
         (SELECT id FROM person_service WHERE person_pseudonym IN (${persons}))`,
    );
    await tx.query(`DELETE FROM person_service WHERE person_pseudonym IN (${persons})`);
    await tx.query(`DELETE FROM break_glass_grant WHERE person_pseudonym IN (${persons})`);
    await tx.query(`DELETE FROM person_identity WHERE pseudonym IN (${persons})`);
    const marked = await tx.query<{ pseudonym: string }>(
      'DELETE FROM demo_synthetic_person RETURNING pseudonym',
    );
    await tx.query('DELETE FROM person WHERE pseudonym = ANY($1::text[])', [
      marked.rows.map((r) => r.pseudonym),
    ]);
    return marked.rows.length;
  });
}
