/**
 * Codes of the open data APIs. Published values name the nation "0000", a region by its two-digit
 * county code, a municipality by its four digits and a unit by its uuid; Kolada writes regions as
 * "00" + county code, SCB/PxWeb writes the nation as "00". Municipality codes never start with
 * "00", so the forms cannot collide.
 */
export type Sex = 'T' | 'K' | 'M';
export type Level = 'nation' | 'region' | 'municipality' | 'unit';
export type PublishedStatus = 'ok' | 'suppressed' | 'low_coverage';

/** One published (disclosure-controlled) value: the only kind of number these APIs serve. */
export interface PublishedCell {
  level: Level;
  code: string;
  sex: Sex;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  status: PublishedStatus;
}

export const SEXES: readonly Sex[] = ['T', 'K', 'M'];
export const KOLADA_NATION = '0000';
export const PXWEB_NATION = '00';

export function koladaIdOf(level: Level, code: string): string | null {
  if (level === 'nation') return KOLADA_NATION;
  if (level === 'region') return `00${code}`;
  return level === 'municipality' ? code : null;
}

/** A Kolada municipality-segment id as a published node, or null for anything else (groups too). */
export function nodeOfKoladaId(id: string): { level: Level; code: string } | null {
  if (id === KOLADA_NATION) return { level: 'nation', code: '0000' };
  if (/^00[0-9]{2}$/.test(id)) return { level: 'region', code: id.slice(2) };
  return /^[0-9]{4}$/.test(id) ? { level: 'municipality', code: id } : null;
}

export function pxwebRegionOf(level: Level, code: string): string | null {
  if (level === 'nation') return PXWEB_NATION;
  return level === 'region' || level === 'municipality' ? code : null;
}

export function nodeOfPxwebRegion(code: string): { level: Level; code: string } | null {
  if (code === PXWEB_NATION) return { level: 'nation', code: '0000' };
  if (/^[0-9]{2}$/.test(code)) return { level: 'region', code };
  return /^[0-9]{4}$/.test(code) ? { level: 'municipality', code } : null;
}

/** SCB's sex codes: 1 men, 2 women, 1+2 both (Kolada's T/K/M). */
export const PXWEB_SEX: Readonly<Record<Sex, string>> = { T: '1+2', M: '1', K: '2' };
export const SEX_OF_PXWEB: Readonly<Record<string, Sex>> = { '1+2': 'T', '1': 'M', '2': 'K' };

/** A rate (0–1) as the percentage both APIs publish, rounded to one decimal. */
export function percent(rate: number): number {
  return Math.round(rate * 1000 + Number.EPSILON * 1000) / 10;
}

/**
 * Kolada's and SCB's value symbols: ".." withheld for confidentiality (disclosure control);
 * "." cannot be stated (coverage below the publishing level, or no one in the denominator);
 * "" a published number.
 */
export const SUPPRESSED = '..';
export const NOT_STATED = '.';

export function rateSymbol(cell: PublishedCell): { value: number | null; status: string } {
  if (cell.status === 'suppressed') return { value: null, status: SUPPRESSED };
  if (cell.status === 'low_coverage' || cell.rate === null) return { value: null, status: NOT_STATED };
  return { value: percent(cell.rate), status: '' };
}
