import type { Db } from '../src/db/db.js';

/**
 * Where the bytes are after a nation is written: every table (heap with its TOAST) and every
 * index of the public schema above 1 MB, with rows and bytes a row, largest first.
 */
interface RelationSize {
  relation: string;
  table: string;
  kind: 'table' | 'index';
  bytes: number;
  rows: number;
}

export async function relationSizes(db: Db): Promise<RelationSize[]> {
  await db.query('ANALYZE');
  const { rows } = await db.query<{
    relation: string;
    table: string;
    kind: string;
    bytes: number;
    rows: number;
  }>(
    `SELECT c.relname AS relation, coalesce(t.relname, c.relname) AS "table",
            CASE c.relkind WHEN 'i' THEN 'index' ELSE 'table' END AS kind,
            CASE c.relkind WHEN 'i' THEN pg_relation_size(c.oid)
                 ELSE pg_table_size(c.oid) END::bigint AS bytes,
            greatest(coalesce(t.reltuples, c.reltuples), 0)::bigint AS rows
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       LEFT JOIN pg_index i ON i.indexrelid = c.oid
       LEFT JOIN pg_class t ON t.oid = i.indrelid
      WHERE c.relkind IN ('r', 'i')
      ORDER BY bytes DESC`,
  );
  return rows.map((r) => ({ ...r, kind: r.kind === 'index' ? 'index' : 'table' }));
}

export function printBreakdown(sizes: readonly RelationSize[], dirBytes: number): string {
  const total = sizes.reduce((s, r) => s + r.bytes, 0);
  const lines = sizes
    .filter((r) => r.bytes >= 1e6)
    .map(
      (r) =>
        `  ${r.kind === 'index' ? '  ' : ''}${r.relation.padEnd(48)} ${(r.bytes / 1e6).toFixed(1).padStart(8)} MB` +
        `  ${r.rows.toLocaleString('en').padStart(10)} rows  ${r.rows ? (r.bytes / r.rows).toFixed(0) : '-'} B/row`,
    );
  return (
    `relations (public schema) ${(total / 1e6).toFixed(0)} MB of ${(dirBytes / 1e6).toFixed(0)} MB on disk:\n` +
    lines.join('\n') +
    '\n'
  );
}
