/** The editorial screens' addresses and the API answers they read. */
export const EDITORIAL_BASE = '/redaktion';

export const editorialEntryPath = (id: string) => `${EDITORIAL_BASE}/${id}`;

export { stockholmTime, swedishToday } from '../registers/model';

export type {
  EditorialEntry,
  EditorialList,
  EntryForEditing,
  EntryEvent,
  EntryVersion,
} from '../../../contracts/library';
