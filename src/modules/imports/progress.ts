import type { Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';

/** Imports running now (in any process) and the rows they have read so far. */
export async function runningImports(q: Queryable): Promise<{ jobs: number; rowsRead: number }> {
  const { rows } = await q.query<{ jobs: unknown; rows_read: unknown }>(
    "SELECT count(*) AS jobs, coalesce(sum(rows_read), 0) AS rows_read FROM import_job WHERE status = 'running'",
  );
  return { jobs: toInt(rows[0]?.jobs ?? 0), rowsRead: toInt(rows[0]?.rows_read ?? 0) };
}
