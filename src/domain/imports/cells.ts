/**
 * Cells as the readers deliver them: strings from CSV, strings, numbers, booleans and dates from
 * XLSX, any JSON value from JSON. Everything the row mapper needs goes through these helpers.
 */
export type Cell = unknown;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A cell as trimmed text; '' for empty cells. Dates become YYYY-MM-DD (XLSX date cells). */
export function cellText(cell: Cell): string {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return '';
}

export function isEmptyCell(cell: Cell): boolean {
  // Every cell of every CSV row comes through here: a string needs no further case.
  if (typeof cell === 'string') return cell.length === 0 || cell.trim() === '';
  if (Array.isArray(cell)) return cell.length === 0;
  if (typeof cell === 'object' && cell !== null && !(cell instanceof Date)) return false;
  return cellText(cell) === '';
}

/** Dates already checked: an import asks about the same few thousand days on every row. */
const checkedDates = new Map<string, boolean>();
const DATES_KEPT = 20_000;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const known = checkedDates.get(s);
  if (known !== undefined) return known;
  if (s.length !== 10) return false;
  const valid = isCalendarDay(s);
  if (checkedDates.size >= DATES_KEPT) checkedDates.clear();
  checkedDates.set(s, valid);
  return valid;
}

function isCalendarDay(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const TRUE_WORDS = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', '1']);
const FALSE_WORDS = new Set(['nej', 'n', 'no', 'false', 'falskt', '0']);

/** ja/nej, yes/no, true/false, 1/0 (any case) → boolean; undefined when it is none of them. */
export function cellBoolean(cell: Cell): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  const t = cellText(cell).toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}

/** A number, also with a decimal comma ("21,5"); undefined when it is not one. */
export function cellNumber(cell: Cell): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  const t = cellText(cell).replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** `a|b|c` (or a JSON array of strings) → ['a', 'b', 'c'] without empty parts. */
export function cellList(cell: Cell): string[] | undefined {
  if (Array.isArray(cell))
    return cell.every((v): v is string => typeof v === 'string')
      ? cell.map((v) => v.trim()).filter(Boolean)
      : undefined;
  return cellText(cell)
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
}
