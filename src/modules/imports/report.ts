import type { RowIssue } from '../../domain/imports/issues.js';
import type { ImportFormat } from './read/index.js';

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
  personsCreated: number;
  serviceLinksCreated: number;
  errorCount: number;
  errors: RowIssue[];
  durationMs: number;
}

export class ReportBuilder {
  readonly report: ImportReport;
  private readonly started = Date.now();

  constructor(
    base: Pick<ImportReport, 'jobId' | 'register' | 'sourceSystem' | 'fileName' | 'format' | 'dryRun'>,
  ) {
    this.report = {
      ...base,
      encoding: null,
      delimiter: null,
      imported: false,
      rowsRead: 0,
      rowsValid: 0,
      rowsBad: 0,
      created: 0,
      unchanged: 0,
      corrected: 0,
      personsCreated: 0,
      serviceLinksCreated: 0,
      errorCount: 0,
      errors: [],
      durationMs: 0,
    };
  }

  get hasErrors(): boolean {
    return this.report.errorCount > 0;
  }

  /** All the issues of one row (the row is counted bad once). */
  addRow(issues: readonly RowIssue[]): void {
    if (issues.length === 0) return;
    this.report.rowsBad++;
    this.addIssues(issues);
  }

  /** Issues of the file as a whole (the header, broken syntax): no row is counted. */
  addIssues(issues: readonly RowIssue[]): void {
    for (const issue of issues) {
      this.report.errorCount++;
      if (this.report.errors.length < MAX_LISTED_ERRORS) this.report.errors.push(issue);
    }
  }

  finish(): ImportReport {
    this.report.rowsValid = this.report.rowsRead - this.report.rowsBad;
    this.report.errors.sort((a, b) => a.row - b.row || (a.line ?? 0) - (b.line ?? 0));
    this.report.durationMs = Date.now() - this.started;
    return this.report;
  }
}
