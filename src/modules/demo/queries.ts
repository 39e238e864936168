import type { Db, Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import { deleteFactsOfPersons } from '../indicators/queries.js';
import { deletePersons, serviceIdsOfPersons } from '../persons/write.js';
import { deleteEntriesOfPersons } from '../registers/write.js';

/**
 * SQL of the demo module. It runs as the connection owner (a system job, like the daily served
 * facts job), never in a user's scope.
 */
export const SYNTHETIC_SOURCE = 'kunskapsnav.synthetic';

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
