import type { Queryable } from '../../db/db.js';
import { canonicalContent, contentHash, normaliseEntry } from '../../domain/audit/chain.js';
import type { AuditAction, AuditEntry } from '../../domain/audit/entry.js';

/** The actions of audited reads, whose entries appendReadAudit stages. */
export const READ_ACTIONS: ReadonlySet<AuditAction> = new Set([
  'person_read',
  'person_lookup',
  'person_list',
  'record_read',
]);

/**
 * Appends one entry to the audit log inside `tx`, the transaction of the access being logged, so
 * the access and its entry commit or roll back together. Works as the connection owner and inside
 * a scoped transaction (`SET LOCAL ROLE kunskapsnav_app`), in READ COMMITTED (the default).
 *
 * One INSERT of the entry and its content hash (computed here). The database links it into the
 * chain — seq, prev_hash, hash — under a lock on the chain head (0020_audit_log.sql): on
 * PostgreSQL at COMMIT, so concurrent appenders never wait for each other's round trips (and the
 * entry shows in audit_log only once committed); on PGlite, which runs one transaction at a time,
 * at once. If linking failed, the transaction would fail and the access would roll back with it.
 *
 */
export function appendAudit(tx: Queryable, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  return insertEntry(tx, entry, now);
}

/**
 * appendAudit for the hot read paths: an allowed read (READ_ACTIONS) is staged and commits with
 * the read, and linkStagedAudit (link.ts) chains it in a batch shortly after, so a read never
 * waits for or writes the chain head. Its seq is then the order of linking (occurred_at keeps the
 * time of the read). Refusals and every other action are linked at once, as appendAudit does.
 *
 * Staged is one narrow row: the entry's canonical content, the text its content hash is taken
 * of; the linker hashes it (0265_audit_staged_canonical.sql), so the read computes no hash.
 */
export function appendReadAudit(tx: Queryable, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  if (entry.outcome !== 'allowed' || !READ_ACTIONS.has(entry.action)) {
    return insertEntry(tx, entry, now);
  }
  return stageEntry(tx, entry, now);
}

async function stageEntry(tx: Queryable, entry: AuditEntry, now: Date): Promise<void> {
  await tx.query('INSERT INTO audit_staged (entry) VALUES ($1)', [
    canonicalContent(normaliseEntry(entry, now)),
  ]);
}

async function insertEntry(tx: Queryable, entry: AuditEntry, now: Date): Promise<void> {
  const e = normaliseEntry(entry, now);
  await tx.query(
    `INSERT INTO audit_pending (occurred_at, actor_account_id, action, outcome, person_pseudonym, unit_id,
       municipality_code, record_type, record_id, purpose, break_glass, client_address, details,
       content_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14)`,
    [
      e.occurredAt.toISOString(),
      e.actorUserId,
      e.action,
      e.outcome,
      e.personPseudonym,
      e.unitId,
      e.municipalityCode,
      e.recordType,
      e.recordId,
      e.purpose,
      e.breakGlass,
      e.clientAddress,
      JSON.stringify(e.details),
      contentHash(e),
    ],
  );
}
