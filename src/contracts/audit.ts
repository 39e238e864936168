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
