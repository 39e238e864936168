import type { Queryable } from '../../db/db.js';

/** Tables waiting to be published. */
export async function queuedTables(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: unknown }>('SELECT count(*) AS n FROM publication_queue');
  return Number(rows[0]?.n ?? 0);
}

/** Publisher lag: seconds since the oldest change still waiting to be published (0 when none waits). */
export async function publicationLagSeconds(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ lag: number | null }>(
    'SELECT extract(epoch FROM now() - min(queued_at))::float8 AS lag FROM publication_queue',
  );
  return Math.max(0, rows[0]?.lag ?? 0);
}
