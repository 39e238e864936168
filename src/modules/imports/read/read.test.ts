import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { cellText } from '../../../domain/imports/cells.js';
import { csvFile, jsonFile, threeRows, usedColumns, xlsxFile } from '../testing.js';
import { chooseEncoding } from './text.js';
import {
  FileFormatError,
  formatOfFile,
  readItems,
  type ImportFormat,
  type ReadInfo,
  type SourceItem,
} from './index.js';

async function read(
  format: ImportFormat,
  file: Buffer,
  chunk = 7,
): Promise<{ items: SourceItem[]; info: ReadInfo }> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < file.length; i += chunk) pieces.push(file.subarray(i, i + chunk));
  const info: ReadInfo = {};
  const items: SourceItem[] = [];
  for await (const item of readItems(format, Readable.from(pieces), info)) items.push(item);
  return { items, info };
}

/** Records as text cells, so every format can be compared with the others. */
function texts(items: SourceItem[]): Array<Record<string, string>> {
  return items.flatMap((i) =>
    i.type === 'record'
      ? [
          Object.fromEntries(
            Object.entries(i.record.cells).map(([k, v]) => [
              k,
              k === 'data' ? JSON.stringify(v) : cellText(v),
            ]),
          ),
        ]
      : [],
  );
}

describe('import readers', () => {
  const rows = threeRows('E000001');
  const expected = rows.map((r) =>
    Object.fromEntries(usedColumns(rows).map((c) => [c, r[c as keyof typeof r] ?? ''])),
  );

  it('reads comma CSV in UTF-8 and semicolon CSV in Windows-1252 to the same records', async () => {
    const utf8 = await read('csv', csvFile(rows));
    assert.deepEqual(texts(utf8.items), expected);
    assert.deepEqual(utf8.info, { encoding: 'utf-8', delimiter: ',' });
    const win = await read('csv', csvFile(rows, { delimiter: ';', encoding: 'windows-1252' }), 3);
    assert.deepEqual(texts(win.items), expected);
    assert.deepEqual(win.info, { encoding: 'windows-1252', delimiter: ';' });
    assert.equal(texts(win.items)[2]?.['name'], 'Örjan Åkesson');
    const bom = await read('csv', csvFile(rows, { bom: true }), 1);
    assert.deepEqual(texts(bom.items), expected);
    const first = bom.items[0];
    assert.equal(first?.type === 'header' && first.columns[0], 'record_id');
  });

  it('reads the first worksheet of an XLSX workbook, dates and numbers included', async () => {
    const { items } = await read('xlsx', await xlsxFile(rows), 1000);
    assert.deepEqual(texts(items), expected);
    const lines = items.flatMap((i) => (i.type === 'record' ? [i.record.line] : []));
    assert.deepEqual(lines, [2, 3, 4]);
  });

  it('reads a JSON array of objects, with the line each starts on', async () => {
    const file = jsonFile(rows, false);
    const { items } = await read('json', file, 5);
    assert.deepEqual(
      texts(items),
      expected.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== ''))),
    );
    const starts = file
      .toString('utf8')
      .split('\n')
      .flatMap((l, i) => (l.trim().startsWith('{') ? [i + 1] : []));
    assert.deepEqual(
      items.map((i) => (i.type === 'record' ? i.record.line : null)),
      starts,
    );
  });

  it('reports a row with too many fields, and stops at broken quoting without quoting the file', async () => {
    const { items } = await read('csv', Buffer.from('record_id,personnummer\nr1,1\nr2,2,3\nr3,4\n'));
    assert.deepEqual(
      items.map((i) => (i.type === 'bad' ? [i.issue.row, i.issue.line, i.issue.rule] : i.type)),
      ['header', 'record', [2, 3, 'field_count'], 'record'],
    );
    await assert.rejects(
      read('csv', Buffer.from('record_id,personnummer\nr1,1\n"r3 19400315,4\n')),
      (err: unknown) =>
        err instanceof FileFormatError && err.rule === 'csv_syntax' && !err.message.includes('19400315'),
    );
  });

  it('tells formats apart by name and by content, and encodings by their bytes', () => {
    assert.equal(formatOfFile('x.XLSX', Buffer.from('')), 'xlsx');
    assert.equal(formatOfFile('upload', Buffer.from('PK\x03\x04')), 'xlsx');
    assert.equal(formatOfFile('upload', Buffer.from('\uFEFF [{"a":1}]')), 'json');
    assert.equal(formatOfFile('upload', Buffer.from('record_id;date')), 'csv');
    assert.equal(chooseEncoding(Buffer.from('Åsa', 'utf8'), true), 'utf-8');
    const latin = Buffer.from('namn;ort\nÅsa Öberg;Göteborg\nMärta Ärlig;Västerås\n', 'latin1');
    assert.equal(chooseEncoding(latin, true), 'windows-1252');
    assert.equal(chooseEncoding(Buffer.from([0xc5, 0x73, 0x61]), true), 'windows-1252');
    assert.equal(chooseEncoding(Buffer.from('abc'), true, 'iso-8859-1'), 'windows-1252');
    // A sample cut inside a two-byte character is still UTF-8.
    assert.equal(chooseEncoding(Buffer.from('abcÅ', 'utf8').subarray(0, 4), false), 'utf-8');
  });
});

describe('import readers against hostile and unlucky files (issue #18, items 3 and 7)', () => {
  async function readCsv(file: Buffer, chunk: number, charset?: string): Promise<SourceItem[]> {
    const pieces: Buffer[] = [];
    for (let i = 0; i < file.length; i += chunk) pieces.push(file.subarray(i, i + chunk));
    const items: SourceItem[] = [];
    for await (const item of readItems('csv', Readable.from(pieces), {}, charset)) items.push(item);
    return items;
  }
  const isFormatError = (rule: string, line: number | null) => (err: unknown) =>
    err instanceof FileFormatError && err.rule === rule && err.line === line;

  // 70,000 bytes of ASCII, then Windows-1252 å/ä/ö on line 10,002.
  const asciiHead = Buffer.from('record_id,name\n' + 'r0000,Anna\n'.repeat(10_000));
  const late1252 = Buffer.concat([asciiHead, Buffer.from('r9999,Åsa Öberg\n', 'latin1')]);

  it('decides the encoding from exactly 64 KiB however the upload is chunked, and never reads å as U+FFFD', async () => {
    assert.ok(asciiHead.length > 64 * 1024);
    for (const chunk of [1024, 64 * 1024 + 1, 1024 * 1024]) {
      await assert.rejects(
        readCsv(late1252, chunk),
        isFormatError('invalid_encoding', 10_002),
        `chunk ${chunk}`,
      );
    }
  });

  it('reads the same file right when the sender names the charset', async () => {
    const items = await readCsv(late1252, 4096, 'windows-1252');
    const last = items.at(-1);
    assert.equal(last?.type === 'record' ? last.record.cells['name'] : null, 'Åsa Öberg');
  });

  it('refuses a NUL character naming its line, and UTF-16 or UTF-32 without a byte order mark', async () => {
    await assert.rejects(readCsv(Buffer.from('a,b\nAn\u0000na,2\n'), 7), isFormatError('nul_character', 2));
    await assert.rejects(
      readCsv(Buffer.from('a,b\nåäö,2\n', 'utf16le'), 7),
      isFormatError('invalid_encoding', 1),
    );
    const utf32be = Buffer.alloc(4 * 8);
    [...'a,b\nx,y\n'].forEach((c, i) => utf32be.writeUInt32BE(c.charCodeAt(0), i * 4));
    await assert.rejects(readCsv(utf32be, 7), isFormatError('invalid_encoding', 1));
  });

  it('refuses a quote inside an unquoted field without quoting the cell', async () => {
    await assert.rejects(readCsv(Buffer.from('a,b\nAnna "Nisse" Svensson,2\n'), 7), (err: unknown) => {
      assert.ok(err instanceof FileFormatError);
      assert.equal(err.rule, 'csv_syntax');
      assert.equal(err.line, 2);
      assert.ok(!/Anna|Nisse|Svensson/.test(err.message), err.message);
      return true;
    });
  });
});

describe('XLSX that would unpack to too much (issue #18, item 6)', () => {
  /** Sets the declared uncompressed size of one entry in the zip's central directory. */
  function declare(zip: Buffer, name: string, size: number): Buffer {
    const out = Buffer.from(zip);
    for (let i = out.length - 22; i >= 0; i--) {
      if (out.readUInt32LE(i) !== 0x02014b50) continue;
      const nameLength = out.readUInt16LE(i + 28);
      if (out.toString('utf8', i + 46, i + 46 + nameLength) === name) {
        out.writeUInt32LE(size, i + 24);
        return out;
      }
    }
    throw new Error(`${name} is not in the zip`);
  }

  it('refuses shared strings that unpack to 320 MB before inflating any, and still reads a normal workbook', async () => {
    const workbook = await xlsxFile(threeRows('E000001'));
    assert.equal(texts((await read('xlsx', workbook, 4096)).items).length, 3);
    const bomb = declare(workbook, 'xl/sharedStrings.xml', 320 * 1024 * 1024);
    await assert.rejects(read('xlsx', bomb, 4096), (err: unknown) => {
      assert.ok(err instanceof FileFormatError);
      assert.equal(err.rule, 'xlsx_too_large');
      assert.match(err.message, /sharedStrings\.xml would be 320 MiB \(at most 64 MiB of shared text/);
      return true;
    });
    const zip64 = declare(workbook, 'xl/worksheets/sheet1.xml', 0xffffffff);
    await assert.rejects(
      read('xlsx', zip64, 4096),
      (err: unknown) => err instanceof FileFormatError && err.rule === 'xlsx_too_large',
    );
  });
});
