import type { Queryable } from '../../db/db.js';
import type { FlagInput } from '../../domain/audit/flags.js';
import type { AuditAction } from '../../domain/audit/entry.js';
import type { AuditReviewScope } from '../../domain/policy/policy.js';
import { AUDIT_LOG_COLUMNS, type AuditLogRow } from './rows.js';
import { UUID_PATTERN } from './schema.js';

/** SQL of the log review: filters, the reviewer's scope, keyset paging by seq (newest first). */

export interface AuditFilter {
  /** Account id (uuid) or username. */
  user?: string | undefined;
  person?: string | undefined;
  unit?: string | undefined;
  /** Inclusive lower and exclusive upper bound of occurred_at. */
  from?: Date | undefined;
  to?: Date | undefined;
  action?: AuditAction | undefined;
}

export interface ReviewRow extends AuditLogRow {
  actor_username: string | null;
}

interface Where {
  sql: string;
  params: unknown[];
}

function whereClause(filter: AuditFilter, scope: AuditReviewScope, beforeSeq: number | undefined): Where {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (!scope.all) add((p) => `l.unit_id = ANY(${p}::uuid[])`, scope.unitIds);
  if (filter.user !== undefined) {
    if (UUID_PATTERN.test(filter.user))
      add((p) => `l.actor_account_id = ${p}::uuid`, filter.user.toLowerCase());
    else {
      add(
        (p) => `l.actor_account_id = (SELECT id FROM identity_account_name WHERE username = ${p})`,
        filter.user.toLowerCase(),
      );
    }
  }
  if (filter.person !== undefined) add((p) => `l.person_pseudonym = ${p}`, filter.person);
  if (filter.unit !== undefined) add((p) => `l.unit_id = ${p}::uuid`, filter.unit.toLowerCase());
  if (filter.from !== undefined) add((p) => `l.occurred_at >= ${p}`, filter.from.toISOString());
  if (filter.to !== undefined) add((p) => `l.occurred_at < ${p}`, filter.to.toISOString());
  if (filter.action !== undefined) add((p) => `l.action = ${p}`, filter.action);
  if (beforeSeq !== undefined) add((p) => `l.seq < ${p}`, beforeSeq);
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

const REVIEW_COLUMNS = AUDIT_LOG_COLUMNS.split(', ')
  .map((c) => `l.${c}`)
  .join(', ');

/** Up to `limit` entries with seq below `beforeSeq`, newest first. */
export async function selectEntries(
  db: Queryable,
  filter: AuditFilter,
  scope: AuditReviewScope,
  beforeSeq: number | undefined,
  limit: number,
): Promise<ReviewRow[]> {
  const where = whereClause(filter, scope, beforeSeq);
  const { rows } = await db.query<ReviewRow>(
    `SELECT ${REVIEW_COLUMNS}, a.username AS actor_username
       FROM audit_log l LEFT JOIN identity_account_name a ON a.id = l.actor_account_id
       ${where.sql}
      ORDER BY l.seq DESC
      LIMIT ${Math.trunc(limit)}`,
    where.params,
  );
  return rows;
}

interface ContextRow extends Record<string, unknown> {
  seq: number;
  occurred_at: Date;
  actor_account_id: string;
  person_pseudonym: string;
}

/**
 * The person entries of `actors` between `from` and `to`, for the many-persons flag. Deliberately
 * not limited to the reviewer's scope: the flag is about the user's behaviour, and only the flag
 * (not the other entries) reaches the reviewer.
 */
export async function selectPersonContext(
  db: Queryable,
  actors: readonly string[],
  from: Date,
  to: Date,
): Promise<FlagInput[]> {
  if (actors.length === 0) return [];
  const { rows } = await db.query<ContextRow>(
    `SELECT seq, occurred_at, actor_account_id, person_pseudonym FROM audit_log
      WHERE actor_account_id = ANY($1::uuid[]) AND occurred_at >= $2 AND occurred_at <= $3
        AND person_pseudonym IS NOT NULL`,
    [actors, from.toISOString(), to.toISOString()],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    actorUserId: r.actor_account_id,
    personPseudonym: r.person_pseudonym,
    breakGlass: false,
  }));
}
