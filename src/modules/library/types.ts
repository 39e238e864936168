import type { Status } from '../../domain/library/workflow.js';
import type { EditorialEntry, EntryContent as WrittenContent, Reference } from '../../contracts/library.js';

export type { Reference };

/** A good example's figures: one indicator for one municipality, before and after. */
export type ExampleSpec = NonNullable<WrittenContent['example']>;

/** What one version of an entry says: what an editor writes, and the seed content's date. */
export interface EntryContent extends WrittenContent {
  sampleWrittenOn: string | null;
}

/** An entry's editorial state, as the API gives it. */
export type EntryRow = EditorialEntry;

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
