import type { ChainVerification as Verdict } from '../../contracts/audit.js';
import type { Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import { GENESIS_HASH, checkLink, type ChainedAuditEntry } from '../../domain/audit/chain.js';
import { AUDIT_LOG_COLUMNS, toEntry, type AuditLogRow } from './rows.js';

export type ChainVerification = Verdict<ChainedAuditEntry>;

/** Rows per query: bounded memory however long the log is. */
export const VERIFY_BATCH_SIZE = 2000;

interface HeadRow extends Record<string, unknown> {
  last_seq: number;
  last_hash: string;
}

/**
 * Walks the whole chain in seq order, batch by batch, recomputing every hash. The head is read
 * first: entries appended while we walk are beyond it and left for the next run, and entries
 * missing at the end (the head points past the last row) are reported too.
 */
export async function verifyAuditChain(
  db: Queryable,
  batchSize = VERIFY_BATCH_SIZE,
): Promise<ChainVerification> {
  const headRows = await db.query<HeadRow>(
    'SELECT last_seq, last_hash FROM audit_chain_head WHERE singleton',
  );
  const head = headRows.rows[0];
  if (!head)
    return { ok: false, firstBrokenSeq: 1, reason: 'the chain head is missing', entry: null, entries: 0 };
  const lastSeq = toInt(head.last_seq);
  let prev: { seq: number; hash: string } | null = null;
  let checked = 0;
  for (;;) {
    const { rows } = await db.query<AuditLogRow>(
      `SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [prev?.seq ?? 0, lastSeq, batchSize],
    );
    for (const row of rows) {
      const entry = toEntry(row);
      const link = checkLink(prev, entry);
      if (!link.ok) {
        return {
          ok: false,
          firstBrokenSeq: link.seq,
          reason: link.reason,
          entry: link.seq === entry.seq ? entry : null,
          entries: checked,
        };
      }
      prev = { seq: entry.seq, hash: entry.hash };
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  const endSeq = prev?.seq ?? 0;
  if (endSeq !== lastSeq) {
    return {
      ok: false,
      firstBrokenSeq: endSeq + 1,
      reason: `entries ${endSeq + 1}–${lastSeq} are missing (the chain head is at ${lastSeq})`,
      entry: null,
      entries: checked,
    };
  }
  if ((prev?.hash ?? GENESIS_HASH) !== head.last_hash) {
    return {
      ok: false,
      firstBrokenSeq: lastSeq,
      reason: 'the chain head’s hash does not match the last entry',
      entry: null,
      entries: checked,
    };
  }
  return { ok: true, entries: checked };
}
