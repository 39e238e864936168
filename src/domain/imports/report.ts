import type { ImportFormat } from './formats.js';
import type { RowIssue } from './issues.js';

/**
 * What an import (or a dry run) found and did. Errors are listed up to MAX_LISTED_ERRORS and
 * counted in full; a row is counted bad once however many errors it has.
 */
export const MAX_LISTED_ERRORS = 1000;

export interface ImportReport {
  jobId: string;
  register: string;
  sourceSystem: string;
  fileName: string | null;
  format: ImportFormat;
  encoding: string | null;
  delimiter: string | null;
  dryRun: boolean;
  /** true once the rows are committed (never for a dry run or a rejected file). */
  imported: boolean;
  rowsRead: number;
  rowsValid: number;
  rowsBad: number;
  /** New entries, entries already on file unchanged, entries corrected (a new version). */
  created: number;
  unchanged: number;
  corrected: number;
  /**
   * Persons new to the importer's units: not visible in their scope before. A person on file
   * elsewhere counts as new, so the answer tells nothing about persons outside the scope.
   */
  personsCreated: number;
  serviceLinksCreated: number;
  errorCount: number;
  errors: RowIssue[];
  durationMs: number;
}
