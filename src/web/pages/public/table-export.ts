import { saveBlob } from '../../download';
import type { XlsxCell } from './xlsx';

/**
 * Every public table can be downloaded as it is shown: CSV in UTF-8 with commas (decimal
 * point), CSV for Swedish Excel (semicolons, decimal comma, a byte-order mark so Excel reads
 * å, ä, ö) and XLSX. Status symbols ("..", ".") stay in their own column; empty cells are empty.
 */
export type Cell = XlsxCell;

export interface ExportTable {
  /** File name without extension. */
  name: string;
  header: string[];
  rows: Cell[][];
  /** Lines written below the table in the XLSX (source, symbols); CSV stays a plain table. */
  notes: string[];
}

export type ExportFormat = 'csv' | 'excel-csv' | 'xlsx';

/**
 * Spreadsheets run text that starts with = + - @ (or a tab or CR) as a formula, so a unit named
 * `=HYPERLINK(…)` would become a link in Excel: such text gets a leading apostrophe (OWASP "CSV
 * injection"). Numbers are written as numbers, negative ones included.
 */
function csvField(v: Cell, separator: string, decimalComma: boolean): string {
  if (v === null) return '';
  const text =
    typeof v === 'number'
      ? decimalComma
        ? String(v).replace('.', ',')
        : String(v)
      : /^[=+\-@\t\r]/.test(v)
        ? `'${v}`
        : v;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: Pick<ExportTable, 'header' | 'rows'>, excel: boolean): string {
  const sep = excel ? ';' : ',';
  const lines = [table.header, ...table.rows].map((row) => row.map((v) => csvField(v, sep, excel)).join(sep));
  return `${excel ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

export async function exportBlob(
  table: ExportTable,
  format: ExportFormat,
): Promise<{ blob: Blob; file: string }> {
  if (format === 'xlsx') {
    const rows: Cell[][] = [table.header, ...table.rows];
    if (table.notes.length) rows.push([], ...table.notes.map((n) => [n]));
    // The XLSX writer loads when a spreadsheet is asked for, not with every public page.
    const { xlsx } = await import('./xlsx');
    const bytes = xlsx('Data', rows);
    return {
      blob: new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      file: `${table.name}.xlsx`,
    };
  }
  const excel = format === 'excel-csv';
  return {
    blob: new Blob([toCsv(table, excel)], { type: 'text/csv;charset=utf-8' }),
    file: `${table.name}${excel ? '-excel' : ''}.csv`,
  };
}

/** Starts a download of the table in the browser. */
export async function download(table: ExportTable, format: ExportFormat): Promise<void> {
  const { blob, file } = await exportBlob(table, format);
  saveBlob(blob, file);
}
