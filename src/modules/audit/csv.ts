import type { ReviewedEntry } from '../../contracts/audit.js';

/** RFC 4180 CSV of reviewed entries: comma, CRLF, quotes doubled; the route adds the UTF-8 BOM. */

export const CSV_COLUMNS = [
  'seq',
  'occurred_at',
  'occurred_at_local',
  'actor_account_id',
  'actor_username',
  'action',
  'outcome',
  'person_pseudonym',
  'unit_id',
  'municipality_code',
  'record_type',
  'record_id',
  'purpose',
  'break_glass',
  'client_address',
  'details',
  'flags',
  'hash',
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR) as a formula; an audit export is
 * opened in one by design, so such text gets a leading apostrophe (OWASP "CSV injection").
 */
function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? guardFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | boolean | null>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvLine(CSV_COLUMNS);
}

export function csvRow(e: ReviewedEntry): string {
  return csvLine([
    e.seq,
    e.occurredAt,
    e.occurredAtLocal,
    e.actorUserId,
    e.actorUsername,
    e.action,
    e.outcome,
    e.personPseudonym,
    e.unitId,
    e.municipalityCode,
    e.recordType,
    e.recordId,
    e.purpose,
    e.breakGlass,
    e.clientAddress,
    JSON.stringify(e.details),
    e.flags.join(' '),
    e.hash,
  ]);
}
