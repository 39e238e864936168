import { publishTable } from '../../domain/indicators/publish.js';
import { outcomeOf, type PublishJob, type PublishOutcome } from '../../domain/indicators/publish-job.js';
import { buildDetailTable, type DetailTable } from './analytics-detail.js';

/**
 * One table's publication, and where analytics holds the table, its detail for the analytics
 * cache from the same roll-up and suppression (analytics-entitled.ts), so that analytics need
 * not recompute it per request after the counts moved. Pure; runs in the publishing worker.
 */
export interface TableJob extends PublishJob {
  detail: boolean;
}

export interface TableResult extends PublishOutcome {
  detail?: DetailTable;
}

export function computeTable(job: TableJob): TableResult {
  const table = publishTable(job.def, job.period, job.counts, job.placements, {
    threshold: job.threshold,
    coverageCounts: job.coverageCounts,
  });
  const outcome: TableResult = outcomeOf(table);
  if (job.detail)
    outcome.detail = buildDetailTable(
      job.def,
      job.period,
      job.counts,
      job.placements,
      job.threshold,
      table.suppression,
    );
  return outcome;
}
