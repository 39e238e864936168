import type { Db, Queryable } from './db.js';

/** Rows sent per INSERT when copying a table. */
const BATCH = 500;

export interface CopyReport {
  /** Rows copied per table. */
  tables: Record<string, number>;
  sequences: number;
}

async function tableNames(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1",
  );
  return rows.map((r) => r.name);
}

/** Columns a row can be written to (not generated). */
async function writableColumns(db: Queryable, table: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0
       AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [`public."${table}"`],
  );
  return rows.map((r) => `"${r.name}"`);
}

async function migrations(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ v: string }>(
    "SELECT string_agg(version::text, ',' ORDER BY version) AS v FROM schema_migrations",
  );
  return rows[0]?.v ?? '';
}

/**
 * Copies every row of the application schema from `source` (the embedded engine) into `target` (a
 * PostgreSQL server migrated to the same schema), in one transaction: the target's tables are
 * emptied first, rows travel as JSON (each value in PostgreSQL's own text form, so numeric, dates,
 * bytea and jsonb arrive unchanged), and sequences are set to the source's positions. Triggers and
 * foreign-key checks are off for the load (`session_replication_role = replica`, superuser only),
 * so the append-only audit trigger lets the chain in as it is and the order of tables does not matter.
 */
export async function copyDatabase(source: Db, target: Db): Promise<CopyReport> {
  const [from, to] = [await migrations(source), await migrations(target)];
  if (from !== to)
    throw new Error(
      `schemas differ: source migrations ${from}, target ${to}; start both on the same release first`,
    );
  const tables = await tableNames(source);
  const targetTables = await tableNames(target);
  if (tables.join() !== targetTables.join()) throw new Error('the source and target have different tables');
  return target.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(`TRUNCATE ${tables.map((t) => `public."${t}"`).join(', ')}`);
    const report: CopyReport = { tables: {}, sequences: 0 };
    for (const table of tables) {
      const cols = (await writableColumns(source, table)).join(', ');
      let copied = 0;
      // Batches in physical order (ctid): the in-memory source does not change while it is read.
      for (let after = '(0,0)'; ;) {
        const { rows } = await source.query<{ c: string; j: string }>(
          `SELECT ctid::text AS c, row_to_json(t)::text AS j FROM public."${table}" t
            WHERE ctid > $1::tid ORDER BY ctid LIMIT ${BATCH}`,
          [after],
        );
        const last = rows.at(-1);
        if (!last) break;
        after = last.c;
        copied += rows.length;
        const batch = `[${rows.map((r) => r.j).join(',')}]`;
        await tx.query(
          `INSERT INTO public."${table}" (${cols}) OVERRIDING SYSTEM VALUE
             SELECT ${cols} FROM json_populate_recordset(NULL::public."${table}", $1::json)`,
          [batch],
        );
      }
      report.tables[table] = copied;
    }
    const seqs = await source.query<{ name: string; last: number | null; start: number }>(
      "SELECT sequencename AS name, last_value AS last, start_value AS start FROM pg_sequences WHERE schemaname = 'public'",
    );
    for (const s of seqs.rows) {
      await tx.query('SELECT setval($1::regclass, $2, $3)', [
        `public."${s.name}"`,
        s.last ?? s.start,
        s.last !== null,
      ]);
      report.sequences++;
    }
    return report;
  });
}
