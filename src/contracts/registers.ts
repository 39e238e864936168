import type { EntryRegister } from '../domain/registers/entries.js';
import type { PalliativeWindows } from '../domain/registers/windows.js';
import type { ScoreAnswer } from './instruments.js';

/**
 * Register entries as /api/v1/persons/{pseudonym}/entries and /api/v1/entries/{id}/… answer
 * them. Times are ISO 8601 strings; dates YYYY-MM-DD.
 */
export interface Entry {
  id: string;
  register: EntryRegister;
  kind: string;
  personPseudonym: string;
  unitId: string;
  municipalityCode: string;
  occurredOn: string;
  version: number;
  firstSubmittedAt: string;
  sourceSystem: string | null;
  sourceRecordId: string | null;
  data: Record<string, unknown>;
  /** The server's score of the entry's answers; null for entries without answers. */
  derived: ScoreAnswer | null;
  recordedAt: string;
  recordedBy: string | null;
  recordedByName: string | null;
  changeReason: string | null;
}

/** GET /api/v1/persons/{pseudonym}/entries: newest first. */
export interface Timeline {
  pseudonym: string;
  entries: Entry[];
}

/** One version of an entry; GET /api/v1/entries/{id}/versions answers them newest first. */
export type EntryVersion = Pick<
  Entry,
  | 'version'
  | 'occurredOn'
  | 'data'
  | 'derived'
  | 'recordedAt'
  | 'recordedBy'
  | 'recordedByName'
  | 'changeReason'
>;

export interface EntryVersions {
  versions: EntryVersion[];
}

/** GET /api/v1/registers/kinds: the code lists the entry forms choose from. */
export interface RegisterKinds {
  kinds: ReadonlyArray<{ register: EntryRegister; kind: string }>;
  riskAreaOfInstrument: Record<string, string>;
  actionCodes: Record<string, readonly string[]>;
  underlyingCauses: readonly string[];
  eventTypes: readonly string[];
  palliativeWindows: PalliativeWindows;
}
