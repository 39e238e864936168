import type { Db, Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import type { OperatingArea, UnitType } from '../../domain/org/codes.js';
import type { SyntheticMunicipality, SyntheticUnitVersion } from '../../domain/synthetic/index.js';
import { deleteFactsOfPersons } from '../indicators/queries.js';
import { deletePersons, serviceIdsOfPersons } from '../persons/write.js';
import { deleteEntriesOfPersons } from '../registers/write.js';

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

/** Marks persons as synthetic, with the seed and size of their nation. */
export async function markSynthetic(
  tx: Queryable,
  pseudonyms: readonly string[],
  marker: { seed: string; nationSize: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO demo_synthetic_person (pseudonym, seed, nation_size)
     SELECT p, $2, $3 FROM unnest($1::text[]) AS p`,
    [pseudonyms, marker.seed, marker.nationSize],
  );
}

/**
 * Deletes every synthetic person and what hangs on them, each through the module that owns it:
 * facts, entries with their versions and served-through marks, then the persons with their
 * service periods, grants and identities. Counts are rebuilt afterwards. Audit entries name
 * pseudonyms without a foreign key and stay, as the log is append-only.
 */
export async function deleteSynthetic(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const marked = await tx.query<{ pseudonym: string }>(
      'DELETE FROM demo_synthetic_person RETURNING pseudonym',
    );
    const pseudonyms = marked.rows.map((r) => r.pseudonym);
    await deleteFactsOfPersons(tx, pseudonyms);
    await deleteEntriesOfPersons(tx, pseudonyms, await serviceIdsOfPersons(tx, pseudonyms));
    await deletePersons(tx, pseudonyms);
    return pseudonyms.length;
  });
}
