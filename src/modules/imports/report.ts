import type { RowIssue } from '../../domain/imports/issues.js';
import { MAX_LISTED_ERRORS, type ImportReport } from '../../domain/imports/report.js';

// The report's type is in src/domain (the web page shows it too); the import module takes it from here.
export type { ImportReport };

/** Builds an import's report (src/domain/imports/report.ts) as the rows are checked. */
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
