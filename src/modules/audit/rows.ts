import { toInt } from '../../db/db.js';
import type { ChainedAuditEntry, JsonObject } from '../../domain/audit/chain.js';
import type { AuditAction, AuditOutcome } from '../../domain/audit/entry.js';

/** The audit_log row as both engines return it, and its mapping to the domain entry. */
export interface AuditLogRow extends Record<string, unknown> {
  seq: number;
  occurred_at: Date;
  actor_account_id: string | null;
  action: string;
  outcome: string;
  person_pseudonym: string | null;
  unit_id: string | null;
  municipality_code: string | null;
  record_type: string | null;
  record_id: string | null;
  purpose: string | null;
  break_glass: boolean;
  client_address: string | null;
  details: JsonObject;
  content_hash: string;
  prev_hash: string;
  hash: string;
}

export const AUDIT_LOG_COLUMNS =
  'seq, occurred_at, actor_account_id, action, outcome, person_pseudonym, unit_id, municipality_code, ' +
  'record_type, record_id, purpose, break_glass, client_address, details, content_hash, prev_hash, hash';

/**
 * Action and outcome are taken as stored (the CHECK constraints bound them); the verifier hashes
 * whatever is there, so a row with a forged action still fails on its hash, not on a cast.
 */
export function toEntry(row: AuditLogRow): ChainedAuditEntry {
  return {
    seq: toInt(row.seq),
    occurredAt: row.occurred_at,
    actorUserId: row.actor_account_id,
    action: row.action as AuditAction,
    outcome: row.outcome as AuditOutcome,
    personPseudonym: row.person_pseudonym,
    unitId: row.unit_id,
    municipalityCode: row.municipality_code,
    recordType: row.record_type,
    recordId: row.record_id,
    purpose: row.purpose,
    breakGlass: row.break_glass,
    clientAddress: row.client_address,
    details: row.details,
    contentHash: row.content_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
