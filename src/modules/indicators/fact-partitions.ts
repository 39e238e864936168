import type { Db } from '../../db/db.js';

/**
 * indicator_fact is partitioned by year with a DEFAULT partition (sql/0285_fact_by_year.sql): a
 * write never fails for want of a partition, and a year found in the default is split out here.
 * Each call is its own short transaction, never one that writes facts: moved rows get its
 * transaction id, and an import tells the facts it wrote by theirs (fact-ledger.ts).
 */

/** Creates the partitions of the years that lack one (moving their rows out of the default); returns those created. */
export async function ensureFactYears(db: Db, years: Iterable<number>): Promise<number[]> {
  const wanted = [...new Set(years)].filter((y) => Number.isSafeInteger(y) && y >= 1 && y <= 9999);
  if (wanted.length === 0) return [];
  const { rows } = await db.query<{ year: number }>(
    `SELECT y AS year FROM unnest($1::int[]) AS y WHERE to_regclass('indicator_fact_y' || y) IS NULL ORDER BY y`,
    [wanted],
  );
  const created: number[] = [];
  for (const { year } of rows)
    await db.transaction(async (tx) => {
      const r = await tx.query<{ created: boolean }>('SELECT indicator_fact_year_partition($1) AS created', [
        year,
      ]);
      if (r.rows[0]?.created) created.push(Number(year));
    });
  return created;
}

/** The years of the facts that sit in the default partition. */
export async function yearsInDefault(db: Db): Promise<number[]> {
  const { rows } = await db.query<{ year: number }>(
    'SELECT DISTINCT extract(year FROM fact_date)::int AS year FROM indicator_fact_default ORDER BY 1',
  );
  return rows.map((r) => Number(r.year));
}

/** At a start: this year's and next year's partitions exist, and no year is left in the default. */
export async function prepareFactPartitions(db: Db, today: Date = new Date()): Promise<number[]> {
  const year = today.getUTCFullYear();
  return ensureFactYears(db, [year, year + 1, ...(await yearsInDefault(db))]);
}
