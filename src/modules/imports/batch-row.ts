import type { RowIssue } from '../../domain/imports/issues.js';
import type { CheckedRow } from './check.js';

/** A checked row in a batch, with its unit resolved and the issues the database steps find. */
export class BatchRow {
  readonly issues: RowIssue[] = [];

  constructor(
    readonly row: CheckedRow,
    readonly unitId: string,
    /** The unit's municipality on the entry's date. */
    readonly municipalityCode: string,
  ) {}

  issue(column: string, rule: string, message: string): void {
    this.issues.push({ row: this.row.row, line: this.row.line, column, rule, message });
  }

  get bad(): boolean {
    return this.issues.length > 0;
  }
}
