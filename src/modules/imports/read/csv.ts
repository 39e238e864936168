import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { detectDelimiter } from '../../../domain/imports/delimiter.js';
import { FileFormatError, type ReadInfo, type SourceItem } from './source.js';
import { decodedText } from './text.js';

/**
 * CSV, streamed: bytes are decoded (UTF-8 with or without BOM, Windows-1252, …), the delimiter is
 * read from the header line, and csv-parse yields one record at a time with its line number.
 */
interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

const SYNTAX_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed before the end of the file',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted field must be doubled ("")',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows the closing quote of a field',
  CSV_MAX_RECORD_SIZE: 'a row is longer than 1 MiB',
  INVALID_OPENING_QUOTE:
    'a quote inside a field that does not start with one: quote the whole field and double the quote ("")',
  CSV_INVALID_OPENING_QUOTE:
    'a quote inside a field that does not start with one: quote the whole field and double the quote ("")',
};

function syntaxError(err: unknown): FileFormatError {
  const e = err as { code?: string; lines?: number };
  // csv-parse's own messages quote the text around the error: not repeated here.
  const message = SYNTAX_MESSAGES[e.code ?? ''] ?? 'the file is not valid CSV';
  return new FileFormatError('csv_syntax', message, typeof e.lines === 'number' ? e.lines : null);
}

async function* withDelimiter(text: AsyncGenerator<string>, info: ReadInfo): AsyncGenerator<string> {
  let decided = false;
  for await (const piece of text) {
    if (!decided) {
      info.delimiter = detectDelimiter(piece);
      decided = true;
    }
    yield piece;
  }
}

function isBlank(record: readonly string[]): boolean {
  for (const f of record) if (f.length && f.trim() !== '') return false;
  return true;
}

/** A row's cells by column, built without a pair per cell (a 50,000-row file made 1.5 million). */
function cellsOf(
  header: readonly string[],
  record: readonly string[],
  plain: boolean,
): Record<string, string> {
  // Assignment would set the prototype for a column named "__proto__": fromEntries keeps it a column.
  if (!plain) return Object.fromEntries(header.map((c, i) => [c, record[i] ?? '']));
  const cells: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) cells[header[i] ?? ''] = record[i] ?? '';
  return cells;
}

export async function* csvItems(
  input: AsyncIterable<Buffer>,
  charset: string | undefined,
  info: ReadInfo,
): AsyncGenerator<SourceItem> {
  const text = withDelimiter(
    decodedText(input, charset, (e) => (info.encoding = e)),
    info,
  );
  // The delimiter is known once the first piece of text has been read.
  const first = await text.next();
  if (first.done) throw new FileFormatError('empty_file', 'the file is empty: expected a header row');
  const parser = parse({
    delimiter: info.delimiter ?? ',',
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 1_048_576,
  });
  const source = Readable.from(
    (async function* () {
      yield first.value;
      yield* text;
    })(),
  );
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  let header: string[] | null = null;
  let plain = true;
  let row = 0;
  try {
    for await (const item of parser as AsyncIterable<ParsedRecord>) {
      const { record, info: at } = item;
      if (!header) {
        header = record.map((c) => c.trim());
        plain = !header.includes('__proto__');
        yield { type: 'header', columns: header };
        continue;
      }
      if (isBlank(record)) continue;
      row++;
      if (record.length !== header.length) {
        yield {
          type: 'bad',
          issue: {
            row,
            line: at.lines,
            column: '(row)',
            rule: 'field_count',
            message: `has ${record.length} fields; the header has ${header.length}`,
          },
        };
        continue;
      }
      yield { type: 'record', record: { row, line: at.lines, cells: cellsOf(header, record, plain) } };
    }
  } catch (err) {
    // csv-parse's errors quote the cell they stopped at: never passed on (nor logged) as they are.
    const code = (err as { code?: unknown }).code;
    throw err instanceof CsvError || (typeof code === 'string' && code.startsWith('CSV_'))
      ? syntaxError(err)
      : err;
  }
  if (!header) throw new FileFormatError('empty_file', 'the file is empty: expected a header row');
}
