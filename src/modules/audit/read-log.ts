import type { Db } from '../../db/db.js';
import { canonicalContent, normaliseEntry } from '../../domain/audit/chain.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import { appendAudit, READ_ACTIONS } from './append.js';

/** Entries per statement: bounds one statement's size and how long it holds the chain head. */
export const READ_GROUP_MAX = 500;

interface Waiting {
  canonical: string;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Group commit of read entries: the first entry is written at once, and the entries that arrive
 * while a group is written form the next group, so concurrent reads share one statement, one
 * head lock and one commit, and a lone read waits for nobody.
 */
class ReadLog {
  private readonly queue: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Db) {}

  append(canonical: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ canonical, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, READ_GROUP_MAX);
      try {
        // One statement: its own transaction, committed before it answers.
        await this.db.query('SELECT audit_link_reads($1::text[])', [group.map((w) => w.canonical)]);
        for (const w of group) w.resolve();
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
    this.writing = false;
  }
}

const logs = new WeakMap<Db, ReadLog>();

/**
 * Logs an allowed read (READ_ACTIONS) after its transaction, which thus stays read-only: the
 * entry is linked into the chain, with the entries of the reads that finished meanwhile, in one
 * statement as the owner (audit_link_reads, 0265_audit_reads_canonical.sql). Resolves once it is
 * committed: call it after the read and before answering, so no answer leaves without its entry
 * (if it rejects, the read answers with an error, and nothing was changed by the read). Any other
 * entry is appended in a transaction of its own, as appendAudit does.
 */
export async function logRead(db: Db, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  if (entry.outcome !== 'allowed' || !READ_ACTIONS.has(entry.action)) {
    return db.transaction((tx) => appendAudit(tx, entry, now));
  }
  let log = logs.get(db);
  if (!log) {
    log = new ReadLog(db);
    logs.set(db, log);
  }
  return log.append(canonicalContent(normaliseEntry(entry, now)));
}
