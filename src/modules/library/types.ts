import type { EvidenceLevel } from '../../domain/library/evidence.js';
import type { Status } from '../../domain/library/workflow.js';
import type { EntryKind, OperatingArea, Problem, TargetGroup } from '../../domain/library/vocabulary.js';

import type { Reference } from '../../contracts/library.js';

export type { Reference };

/** A good example's figures: one indicator for one municipality, before and after. */
export interface ExampleSpec {
  municipalityCode: string;
  indicatorId: string;
  before: string;
  after: string;
}

/** What one version of an entry says. */
export interface EntryContent {
  title: string;
  summary: string;
  body: string;
  ksiCode: string | null;
  instrumentId: string | null;
  targetGroups: TargetGroup[];
  operatingAreas: OperatingArea[];
  problems: Problem[];
  evidence: EvidenceLevel;
  outcomeIndicators: string[];
  references: Reference[];
  example: ExampleSpec | null;
  reviewDue: string | null;
  sampleWrittenOn: string | null;
}

export interface EntryRow {
  id: string;
  slug: string;
  kind: EntryKind;
  status: Status;
  headVersion: number;
  publishedVersion: number | null;
  municipalityCode: string | null;
  lastReviewed: string | null;
  reviewDue: string | null;
  createdBy: string | null;
}

export interface VersionRow extends EntryContent {
  entryId: string;
  version: number;
  changeNote: string;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: Date;
}

export interface EventRow {
  version: number;
  action: string;
  fromStatus: Status | null;
  toStatus: Status;
  note: string;
  actor: string | null;
  actorName: string | null;
  at: Date;
}
