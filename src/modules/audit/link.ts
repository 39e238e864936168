import type { Logger } from 'pino';
import type { Queryable } from '../../db/db.js';

/** Staged entries linked per transaction: bounds how long one batch holds the chain head. */
export const LINK_BATCH_SIZE = 500;

/**
 * Links every staged read entry into the chain (0140_audit_staged_reads.sql), a batch per
 * transaction, as the owner; returns how many. The reviews, the checkpointer and the verifier's
 * callers run it first so they see (and sign) every committed read.
 */
export async function linkStagedAudit(db: Queryable, batchSize = LINK_BATCH_SIZE): Promise<number> {
  let linked = 0;
  for (;;) {
    const { rows } = await db.query<{ n: number }>('SELECT audit_link_staged($1) AS n', [batchSize]);
    const n = Number(rows[0]?.n ?? 0);
    linked += n;
    if (n < batchSize) return linked;
  }
}

export interface AuditLinker {
  /** Links what is staged and stops. */
  stop(): Promise<void>;
}

/** Links staged read entries every `intervalMs` (default 1 s), and once more when stopped. */
export function startAuditLinker(db: Queryable, log: Logger, intervalMs = 1000): AuditLinker {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => linkStagedAudit(db))
      .catch((err: unknown) => log.error({ err }, 'linking staged audit entries failed; they stay staged'));
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
