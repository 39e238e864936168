import type { EntryRegister } from '../registers/entries.js';
import { ANSWER_PREFIX, KIND_COLUMNS } from './columns.js';

/**
 * A bad row: where (data row number, and the file line or worksheet row when the format has
 * one), which column, which rule. Messages never repeat the cell's value: a report may be shown
 * and stored, and a cell can hold a personnummer.
 */
export interface RowIssue {
  /** 1 = the first data row (below the header in CSV and XLSX, the first element in JSON); 0 = the header. */
  row: number;
  /** The line in a CSV file, the worksheet row in XLSX, the line an element starts on in JSON. */
  line: number | null;
  column: string;
  rule: string;
  message: string;
}

export type CellIssue = Omit<RowIssue, 'row' | 'line'>;

/**
 * The column a validation issue of the entry's data belongs to: `data.answers.x` → `answer.x`,
 * `data.goals.0.text` → `goal.1.text` (goal numbers as written in the file), `data.ksi.target` →
 * `ksi_target`. Rows that sent a nested `data` object keep the `data.…` path.
 */
export function columnOfField(
  register: EntryRegister,
  kind: string,
  field: string,
  goalNumbers: readonly number[] | null,
): string {
  if (goalNumbers === null || !field.startsWith('data')) return field;
  const path = field.split('.').slice(1);
  if (path.length === 0) return 'kind';
  if (path[0] === 'answers') return path[1] ? `${ANSWER_PREFIX}${path[1]}` : 'instrument';
  if (path[0] === 'goals') {
    const n = path[1] === undefined ? undefined : goalNumbers[Number(path[1])];
    return n === undefined ? 'goal' : `goal.${n}${path[2] ? `.${path[2]}` : ''}`;
  }
  const specs = KIND_COLUMNS[register][kind] ?? [];
  // The column whose path the issue lies under, else the first one under the issue (`data.ksi`).
  const spec =
    specs.find((c) => c.path.every((p, i) => path[i] === p)) ??
    specs.find((c) => path.every((p, i) => c.path[i] === p));
  return spec?.column ?? field;
}
