import type { AuditOutcome } from '../domain/audit/entry.js';
import type { AuditFlag } from '../domain/audit/flags.js';

/** What GET /api/v1/audit answers: pages of log entries with their review flags. */
export interface ReviewedEntry {
  seq: number;
  occurredAt: string;
  /** The same instant in Swedish local time, 'YYYY-MM-DD HH:mm:ss'. */
  occurredAtLocal: string;
  actorUserId: string | null;
  actorUsername: string | null;
  action: string;
  outcome: AuditOutcome;
  personPseudonym: string | null;
  unitId: string | null;
  municipalityCode: string | null;
  recordType: string | null;
  recordId: string | null;
  purpose: string | null;
  breakGlass: boolean;
  clientAddress: string | null;
  details: Record<string, unknown>;
  flags: AuditFlag[];
  hash: string;
}

export interface ReviewPage {
  entries: ReviewedEntry[];
  /** Pass as `cursor` for the next (older) page; null at the end of the log. */
  nextCursor: string | null;
}

/**
 * GET /api/v1/audit/verify (and `kunskapsnav audit:verify`): the hash chain's verdict. The server
 * holds the broken entry as a typed value; it leaves as JSON.
 */
/** What the checkpoints said, when the chain was checked against them. */
export interface CheckpointReport {
  /** Valid checkpoints that agree with the chain. */
  checked: number;
  /** The highest of them: entries after it are not anchored yet (they could be cut off unseen). */
  latestSeq: number | null;
}

export type ChainVerification<BrokenEntry extends object = Record<string, unknown>> =
  | { ok: true; entries: number; checkpoints?: CheckpointReport }
  | {
      ok: false;
      /** The first entry that is wrong or missing. */
      firstBrokenSeq: number;
      reason: string;
      /** The stored entry at firstBrokenSeq, or null when it is missing. */
      entry: BrokenEntry | null;
      /** Entries checked and found intact before the break. */
      entries: number;
    };
