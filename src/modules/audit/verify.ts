import type { ChainVerification as Verdict } from '../../contracts/audit.js';
import type { Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import { GENESIS_HASH, checkLink, type ChainedAuditEntry } from '../../domain/audit/chain.js';
import { checkAgainstCheckpoints } from '../../domain/audit/checkpoint.js';
import { readStoredCheckpoints, type VerifyAnchors } from './checkpoint.js';
import { AUDIT_LOG_COLUMNS, toEntry, type AuditLogRow } from './rows.js';

/** What the checkpoints said, when the chain was checked against them. */
export type { CheckpointReport } from '../../contracts/audit.js';

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
  anchors?: VerifyAnchors,
): Promise<ChainVerification> {
  // Read before the head: the head only moves forward, so every checkpoint read here is within it.
  const stored = anchors ? await readStoredCheckpoints(db) : [];
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
  // A row the database did not link: beyond the head (one statement, one snapshot, so an entry
  // committed meanwhile is never mistaken for one).
  const beyond = await db.query<{ seq: number | string }>(
    `SELECT seq FROM audit_log WHERE seq > (SELECT last_seq FROM audit_chain_head WHERE singleton)
      ORDER BY seq LIMIT 1`,
  );
  const stray = beyond.rows[0];
  if (stray) {
    const seq = toInt(stray.seq);
    return {
      ok: false,
      firstBrokenSeq: seq,
      reason: `entry ${seq} lies beyond the chain head (${lastSeq}): it was not linked by the database`,
      entry: null,
      entries: checked,
    };
  }
  if (!anchors) return { ok: true, entries: checked };
  const checkpoints = [...stored, ...anchors.external];
  const hashes = await hashesAt(
    db,
    checkpoints.map((c) => c.seq).filter((s) => s > 0 && s <= lastSeq),
  );
  const finding = checkAgainstCheckpoints(anchors.key, checkpoints, {
    lastSeq,
    hashAt: (s) => hashes.get(s),
  });
  if (!finding.ok) {
    return {
      ok: false,
      firstBrokenSeq: finding.firstBrokenSeq,
      reason: finding.reason,
      entry: null,
      entries: checked,
    };
  }
  return {
    ok: true,
    entries: checked,
    checkpoints: { checked: finding.checked, latestSeq: finding.latestSeq },
  };
}

async function hashesAt(db: Queryable, seqs: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const unique = [...new Set(seqs)];
  for (let i = 0; i < unique.length; i += 1000) {
    const { rows } = await db.query<{ seq: number | string; hash: string }>(
      'SELECT seq, hash FROM audit_log WHERE seq = ANY($1::bigint[])',
      [unique.slice(i, i + 1000)],
    );
    for (const r of rows) out.set(toInt(r.seq), r.hash);
  }
  return out;
}

/** Has the log no entry at all? (A database about to receive a moved installation must not.) */
export async function auditLogIsEmpty(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM audit_log) AS empty');
  return rows[0]?.empty ?? true;
}
