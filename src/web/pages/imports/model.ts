import type { RowIssue } from '../../../domain/imports/issues';
import type { ImportReport } from '../../../domain/imports/report';

/**
 * Import jobs and formats as /api/v1/imports answers them (src/modules/imports/jobs.ts,
 * routes.ts; the report's and the issues' types are the server's own, from src/domain), and the
 * small rules the page checks before it sends a file.
 */

export type JobStatus = 'running' | 'done' | 'rejected' | 'failed' | 'interrupted';

export interface ImportJob {
  id: string;
  register: string;
  sourceSystem: string;
  fileName: string | null;
  format: string;
  dryRun: boolean;
  status: JobStatus;
  /** Reading the rows, then counting the indicators (the last step of an import). */
  stage: 'reading' | 'counting';
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
