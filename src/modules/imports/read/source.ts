import type { ImportFormat } from '../../../domain/imports/formats.js';
import type { RowIssue } from '../../../domain/imports/issues.js';
import type { RawRecord } from '../../../domain/imports/row.js';

/**
 * What a reader yields, one item at a time: the header (CSV, XLSX), each record, or a row the
 * reader itself could not make a record of (wrong number of fields). Readers never collect rows.
 */
export type SourceItem =
  | { type: 'header'; columns: string[] }
  | { type: 'record'; record: RawRecord }
  | { type: 'bad'; issue: RowIssue };

// The formats are in src/domain (the report names them too); the import module takes the type from here.
export type { ImportFormat };

/** How the file was read, for the report. */
export interface ReadInfo {
  encoding?: string;
  delimiter?: string;
}

/** The file cannot be read further (broken quoting, not an array, not a workbook). */
export class FileFormatError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'FileFormatError';
  }
}

/** The file is larger than the import accepts. */
export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the file is larger than ${Math.round(limitBytes / 1_048_576)} MiB`);
    this.name = 'FileTooLargeError';
  }
}

export const CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** The format of a content type (parameters such as charset ignored), or undefined. */
export function formatOfContentType(contentType: string | undefined): ImportFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  if (type === CONTENT_TYPES.xlsx) return 'xlsx';
  if (type === 'application/json') return 'json';
  return undefined;
}

/** The charset parameter of a content type, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.trim().toLowerCase();
}

/** The format from a file name's extension, else from its first bytes. */
export function formatOfFile(fileName: string, firstBytes: Buffer): ImportFormat {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'json') return 'json';
  if (firstBytes[0] === 0x50 && firstBytes[1] === 0x4b) return 'xlsx'; // "PK": a zip file
  const start = firstBytes
    .toString('utf8', 0, 16)
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('[') ? 'json' : 'csv';
}
