import type { ScoreAnswer } from '../../contracts/instruments.js';
import type { Entry, EntryVersion } from '../../contracts/registers.js';
import type { EntryRegister } from '../../domain/registers/entries.js';
import type { EntryRow, VersionRow } from './queries.js';

/** What leaves the server about register entries: the contract in src/contracts/registers.ts. */

export function presentEntry(e: EntryRow): Entry {
  return {
    ...e,
    // The table's CHECK constraint admits only the registers of ENTRY_SCHEMAS.
    register: e.register as EntryRegister,
    firstSubmittedAt: e.firstSubmittedAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
  };
}

export function presentVersion(v: VersionRow): EntryVersion {
  return {
    ...v,
    // Stored as the service validated and scored them: an object of data, a score or null.
    data: v.data as Record<string, unknown>,
    derived: v.derived as ScoreAnswer | null,
    recordedAt: v.recordedAt.toISOString(),
  };
}
