import { forEachCombination, type Cube, type CubeDimension } from './cube.js';

/**
 * A cube pivoted for CSV and XLSX: stub dimensions down the rows, heading dimensions across the
 * columns, as PxWeb lays out its files. A withheld cell shows its symbol, never a number.
 */
export type Labelling = 'codes' | 'texts' | 'codesAndTexts';
export type TableCell = string | number | null;

export interface PivotTable {
  header: string[];
  rows: TableCell[][];
}

function name(d: CubeDimension, code: string, labelling: Labelling): string {
  const text = d.labels[code] ?? code;
  if (labelling === 'texts') return text;
  return labelling === 'codes' ? code : `${code} ${text}`;
}

export function pivot(cube: Cube, stubIds: readonly string[], labelling: Labelling): PivotTable {
  const dims = cube.dimensions;
  const stub = dims.filter((d) => stubIds.includes(d.id));
  const heading = dims.filter((d) => !stubIds.includes(d.id));
  const columns: string[][] = [];
  forEachCombination(heading, (codes) => columns.push([...codes]));
  const header = [
    ...stub.map((d) => (labelling === 'codes' ? d.id : d.label)),
    ...columns.map((codes) => codes.map((c, i) => name(heading[i] as CubeDimension, c, labelling)).join(' ')),
  ];
  const rows: TableCell[][] = [];
  forEachCombination(stub, (stubCodes) => {
    const row: TableCell[] = stubCodes.map((c, i) => name(stub[i] as CubeDimension, c, labelling));
    for (const headCodes of columns) {
      const codes = dims.map((d) => {
        const s = stub.indexOf(d);
        return s >= 0 ? (stubCodes[s] ?? '') : (headCodes[heading.indexOf(d)] ?? '');
      });
      const cell = cube.cell(codes);
      row.push(cell.status ?? cell.value);
    }
    rows.push(row);
  });
  return { header, rows };
}

export interface CsvOptions {
  separator: ',' | ';' | '\t' | ' ';
  /** Decimal comma, for Swedish Excel with semicolons. */
  decimalComma: boolean;
  title?: string;
}

function csvField(value: TableCell, o: CsvOptions): string {
  if (value === null) return '';
  const text =
    typeof value === 'number' ? (o.decimalComma ? String(value).replace('.', ',') : String(value)) : value;
  const quote = text.includes(o.separator) || /["\n\r]/.test(text);
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: PivotTable, o: CsvOptions): string {
  const lines = [table.header, ...table.rows].map((r) => r.map((v) => csvField(v, o)).join(o.separator));
  if (o.title) lines.unshift(csvField(o.title, o));
  return `${lines.join('\r\n')}\r\n`;
}
