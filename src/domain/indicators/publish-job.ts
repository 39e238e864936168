import type { IndicatorDefinition } from './definition.js';
import { publishTable, type PublishedTable, type PublishedValue } from './publish.js';
import type { Placement, UnitSexCount } from './rollup.js';

/**
 * One table's publication as plain data in and out, so that it can run where the counts are not
 * (a worker thread): everything publishTable needs, and what the publisher stores of its result.
 */
export interface PublishJob {
  def: IndicatorDefinition;
  period: string;
  counts: readonly UnitSexCount[];
  placements: ReadonlyMap<string, Placement>;
  coverageCounts?: readonly UnitSexCount[];
  threshold: number;
}

export interface PublishOutcome {
  values: PublishedValue[];
  primary: number;
  secondary: number;
  secondaryLossShare: number;
}

export function computePublication(job: PublishJob): PublishOutcome {
  return outcomeOf(
    publishTable(job.def, job.period, job.counts, job.placements, {
      threshold: job.threshold,
      coverageCounts: job.coverageCounts,
    }),
  );
}

export function outcomeOf(table: PublishedTable): PublishOutcome {
  return {
    values: table.values,
    primary: table.suppression.primary.length,
    secondary: table.suppression.secondary.length,
    secondaryLossShare: table.suppression.loss.secondary.denominatorShare,
  };
}
