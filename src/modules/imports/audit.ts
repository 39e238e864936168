import type { Queryable } from '../../db/db.js';
import type { AuditOutcome } from '../../domain/audit/entry.js';
import { appendAudit } from '../audit/append.js';
import type { ImportActor } from './actor.js';
import type { ImportReport } from './report.js';

/**
 * One audit entry per import (or dry run): who sent which file to which register, and what it
 * did. The entries themselves carry the import's time, account and source system, so the rows a
 * given import wrote can be found from this entry.
 */
export function auditImport(
  tx: Queryable,
  actor: ImportActor,
  report: ImportReport,
  outcome: AuditOutcome,
): Promise<void> {
  return appendAudit(
    tx,
    {
      actorUserId: actor.accountId,
      action: 'import',
      outcome,
      clientAddress: actor.clientAddress,
      recordType: 'import_job',
      recordId: report.jobId,
      details: {
        register: report.register,
        sourceSystem: report.sourceSystem,
        fileName: report.fileName,
        format: report.format,
        dryRun: report.dryRun,
        rows: report.rowsRead,
        created: report.created,
        unchanged: report.unchanged,
        corrected: report.corrected,
        errors: report.errorCount,
        ...(actor.accountId === null ? { actor: actor.label } : {}),
      },
    },
    actor.now,
  );
}
