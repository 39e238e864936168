import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { spoolToFile } from '../spool.js';
import type { Cell } from '../../../domain/imports/cells.js';
import { FileFormatError, FileTooLargeError, type SourceItem } from './source.js';
import { centralDirectory, checkInflatedSizes, checkUnpackedSizes } from './zip-limits.js';

/**
 * XLSX, streamed with ExcelJS's WorkbookReader: the first worksheet, row by row; the first
 * non-empty row is the header. Shared strings are cached (each distinct text once); a worksheet
 * stored before them in the zip is spooled to a temporary file by ExcelJS, not kept in memory.
 * The upload is first spooled to a private temporary file (unlinked at once) so the zip's central
 * directory can be read: a workbook that says it unpacks to too much is refused before any of it
 * is inflated, and one that lies about it when its entries are inflated and counted once before
 * ExcelJS reads them (zip-limits.ts).
 */
function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['richText']))
      return (o['richText'] as Array<{ text?: unknown }>)
        .map((r) => (typeof r.text === 'string' ? r.text : ''))
        .join('');
    if ('result' in o) return cellOf(o['result']);
    if ('text' in o) return cellOf(o['text']);
  }
  return ''; // errors (#N/A) and anything else: empty
}

function headerText(v: Cell): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
}

export async function* xlsxItems(upload: Readable): AsyncGenerator<SourceItem> {
  // The size limit is the caller's (byteCounter); here only the bytes are kept on disk.
  const { stream: input, size, fd } = await spoolToFile(upload, Number.MAX_SAFE_INTEGER);
  try {
    const entries = centralDirectory(fd, size);
    checkUnpackedSizes(entries);
    await checkInflatedSizes(fd, size, entries);
  } catch (err) {
    input.destroy();
    throw err;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  let header: string[] | null = null;
  let row = 0;
  try {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        const values = (r.values as unknown[]).slice(1).map(cellOf);
        if (values.every((v) => v === '' || (typeof v === 'string' && v.trim() === ''))) continue;
        if (!header) {
          header = values.map(headerText);
          yield { type: 'header', columns: header };
          continue;
        }
        row++;
        const cols = header;
        if (values.length > cols.length && values.slice(cols.length).some((v) => v !== '')) {
          const message = `has values beyond the last column of the header (${cols.length} columns)`;
          yield {
            type: 'bad',
            issue: { row, line: r.number, column: '(row)', rule: 'field_count', message },
          };
          continue;
        }
        yield {
          type: 'record',
          record: {
            row,
            line: r.number,
            cells: Object.fromEntries(cols.map((c, i) => [c, values[i] ?? ''])),
          },
        };
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof FileFormatError || err instanceof FileTooLargeError) throw err;
    throw new FileFormatError('xlsx_invalid', 'the file is not a readable XLSX workbook');
  } finally {
    // What follows the first worksheet is not needed: let it run off.
    input.resume();
  }
  if (!header) throw new FileFormatError('empty_file', 'the workbook has no header row');
}
