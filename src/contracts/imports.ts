import { z } from 'zod';
import type { RowIssue } from '../domain/imports/issues.js';
import type { ImportReport } from '../domain/imports/report.js';

/** Import jobs and formats as /api/v1/imports answers them, and the rule for a sending system. */

/** `interrupted`: the process running it stopped before it finished (nothing was written). */
export type JobStatus = 'running' | 'done' | 'rejected' | 'failed' | 'interrupted';

/** Reading (and writing) the rows, then counting: settling the indicator counts at the end. */
export type ImportStage = 'reading' | 'counting';

/** GET /api/v1/imports/{id}: times are ISO 8601. */
export interface ImportJob {
  id: string;
  register: string;
  sourceSystem: string;
  fileName: string | null;
  format: string;
  dryRun: boolean;
  status: JobStatus;
  /** What a running job is doing; once it has ended, only its status and report say more. */
  stage: ImportStage;
  rowsRead: number;
  rowsTotalEstimate: number | null;
  bytesRead: number;
  bytesTotal: number | null;
  /** 0–100 from the bytes read, or null when the size is unknown. */
  percent: number | null;
  errorCount: number;
  errors: RowIssue[];
  report: ImportReport | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** GET /api/v1/imports/formats. */
export interface ImportFormats {
  registers: string[];
  commonColumns: readonly string[];
  /** register name → kind → the kind's own columns. */
  kinds: Record<string, Record<string, string[]>>;
  /** format → content type. */
  contentTypes: Record<string, string>;
}

export const SOURCE_PATTERN = /^[a-z0-9._-]{1,64}$/;
/** The source system when the sender names none: re-sending a file stays idempotent. */
export const DEFAULT_SOURCE = 'import';

export const sourceSystem = z
  .string()
  .regex(SOURCE_PATTERN, 'must be 1–64 lower-case letters, digits, ".", "_" or "-" (the sending system)');

/**
 * `POST /api/v1/imports`: the job and its report (200), or, with `Prefer: respond-async`, the
 * running job to follow at `GET /api/v1/imports/{id}` (202).
 */
export type ImportAnswer =
  { id: string; status: 'done' | 'rejected'; report: ImportReport } | { id: string; status: 'running' };
