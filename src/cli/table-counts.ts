import type { Queryable } from '../db/db.js';

/** Row counts of every table of the application schema (backup and move checks). */
export async function tableCounts(db: Queryable): Promise<Record<string, number>> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const out: Record<string, number> = {};
  for (const { name } of rows)
    out[name] = Number((await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM "${name}"`)).rows[0]?.n);
  return out;
}

/** Every table's rows as one digest of their text form, to compare two databases value by value. */
export async function tableDigests(db: Queryable): Promise<Record<string, string>> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const out: Record<string, string> = {};
  for (const { name } of rows) {
    const r = await db.query<{ d: string | null }>(
      `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C")) AS d FROM "${name}" t`,
    );
    out[name] = r.rows[0]?.d ?? '';
  }
  return out;
}
