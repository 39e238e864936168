/** The editorial screens' addresses and the API answers they read. */
export const EDITORIAL_BASE = '/redaktion';

export const editorialEntryPath = (id: string) => `${EDITORIAL_BASE}/${id}`;

/** A time from the API (ISO, UTC) as Swedes read it: local date and minute. */
export function localMinute(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export type {
  EditorialEntry,
  EditorialList,
  EntryForEditing,
  EntryEvent,
  EntryVersion,
} from '../../../contracts/library';
