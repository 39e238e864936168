/**
 * Import jobs and formats as /api/v1/imports answers them (src/modules/imports/jobs.ts,
 * report.ts, routes.ts), and the small rules the page checks before it sends a file.
 */

export interface RowIssue {
  /** 1 = the first data row; 0 = the header. */
  row: number;
  /** The line in a CSV file, the worksheet row in XLSX, the line a JSON element starts on. */
  line: number | null;
  column: string;
  rule: string;
  message: string;
}

export interface ImportReport {
  jobId: string;
  register: string;
  sourceSystem: string;
  fileName: string | null;
  format: string;
  dryRun: boolean;
  /** true once the rows are committed (never for a dry run or a rejected file). */
  imported: boolean;
  rowsRead: number;
  rowsValid: number;
  rowsBad: number;
  created: number;
  unchanged: number;
  corrected: number;
  personsCreated: number;
  serviceLinksCreated: number;
  errorCount: number;
  errors: RowIssue[];
  durationMs: number;
}

export type JobStatus = 'running' | 'done' | 'rejected' | 'failed' | 'interrupted';

export interface ImportJob {
  id: string;
  register: string;
  sourceSystem: string;
  fileName: string | null;
  format: string;
  dryRun: boolean;
  status: JobStatus;
  rowsRead: number;
  rowsTotalEstimate: number | null;
  bytesRead: number;
  bytesTotal: number | null;
  /** 0–100 from the bytes read, or null when the size is unknown. */
  percent: number | null;
  errorCount: number;
  errors: RowIssue[];
  report: ImportReport | null;
}

export interface ImportFormats {
  registers: string[];
  commonColumns: string[];
  /** register name → kind → the kind's own columns. */
  kinds: Record<string, Record<string, string[]>>;
  /** format → content type. */
  contentTypes: Record<string, string>;
}

/** The same rule as the server's `source` (src/modules/imports/schema.ts). */
export const SOURCE_PATTERN = /^[a-z0-9._-]{1,64}$/;

/** The content type to send a file with: from its extension, else what the browser says. */
export function contentTypeOf(file: File, types: Record<string, string>): string | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt') return types['csv'] ?? 'text/csv';
  if (ext === 'xlsx') return types['xlsx'] ?? null;
  if (ext === 'json') return types['json'] ?? 'application/json';
  const known = Object.values(types);
  return known.includes(file.type) ? file.type : null;
}

/** A file size in kB/MB, in the page's language. */
export function sizeText(bytes: number, formatNumber: (n: number, digits?: number) => string): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} kB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

export const POLL_MS = 400;

export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
