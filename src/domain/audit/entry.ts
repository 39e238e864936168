/**
 * The contract of the audit log: what every module that reads or writes individual-level data,
 * logs someone in, changes a role or exports anything hands to `appendAudit(tx, entry)`
 * (src/modules/audit/append.ts), inside the same transaction as the access itself.
 */
export const AUDIT_ACTIONS = [
  'login',
  'logout',
  'logout_everywhere',
  'account_create',
  'account_disable',
  'role_grant',
  'role_withdraw',
  'person_lookup',
  'person_read',
  'person_list',
  'person_create',
  'person_update',
  'person_export',
  'person_sex_override',
  'service_end',
  'break_glass',
  'record_read',
  'record_write',
  'record_correct',
  'import',
  'export',
  'org_write',
  'audit_export',
  'library_write',
  'agreements_write',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** allowed: it happened; denied: the policy or RLS refused it; failed: e.g. a wrong password. */
export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditEntry {
  /** The account acting; null when nobody is logged in (a failed login). */
  actorUserId: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  /** The person concerned, as a pseudonym — never a personnummer or a name. */
  personPseudonym?: string | null;
  unitId?: string | null;
  municipalityCode?: string | null;
  /** The kind and id of the record touched (e.g. 'assessment', its uuid). */
  recordType?: string | null;
  recordId?: string | null;
  /** Why: the care purpose, or the reason given when breaking the glass. */
  purpose?: string | null;
  breakGlass?: boolean;
  clientAddress?: string | null;
  /** Small structured extras (row counts, filters); never personal identifiers. */
  details?: Record<string, unknown>;
}
