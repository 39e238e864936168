import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { threeRows, xlsxFile } from '../testing.js';
import { readItems } from './index.js';
import { FileFormatError } from './source.js';
import { lyingWorkbook, unzip, zip } from './testing.js';

/**
 * Issue #18, item 6: a workbook whose zip headers under-declare what an entry inflates to. The zip
 * is written by hand (./testing.ts: deflateRaw and the PKWARE headers), so the declared sizes are
 * whatever the test says, in the local headers and the central directory alike.
 */
async function rowsOf(file: Buffer): Promise<number> {
  let rows = 0;
  for await (const item of readItems('xlsx', Readable.from([file]), {})) if (item.type === 'record') rows++;
  return rows;
}

describe('XLSX whose zip lies about its sizes (issue #18, item 6)', () => {
  it('reads a hand-written zip of a real workbook whose headers tell the truth', async () => {
    assert.equal(await rowsOf(zip(unzip(await xlsxFile(threeRows('E000001'))))), 3);
  });

  it('refuses shared strings that inflate past 64 MiB while their headers declare 200 bytes', async () => {
    const bomb = await lyingWorkbook(threeRows('E000001'));
    assert.ok(bomb.length < 1024 * 1024, `${bomb.length} bytes on disk`);
    await assert.rejects(rowsOf(bomb), (err: unknown) => {
      assert.ok(err instanceof FileFormatError, String(err));
      assert.equal(err.rule, 'xlsx_too_large');
      assert.match(
        err.message,
        /xl\/sharedStrings\.xml inflates to more than 64 MiB \(it declares 200 bytes/,
      );
      return true;
    });
  });

  it('refuses an entry whose deflate stream does not end within its compressed bytes', async () => {
    const entries = unzip(await xlsxFile(threeRows('E000001')));
    const good = zip(entries);
    // Cut the central directory's and the local header's compressed size of the first entry by 2.
    const cut = Buffer.from(good);
    const nameLength = cut.readUInt16LE(26);
    const compressed = cut.readUInt32LE(18);
    cut.writeUInt32LE(compressed - 2, 18);
    const eocd = cut.length - 22;
    cut.writeUInt32LE(compressed - 2, cut.readUInt32LE(eocd + 16) + 20);
    assert.ok(nameLength > 0);
    await assert.rejects(
      rowsOf(cut),
      (err: unknown) => err instanceof FileFormatError && err.rule === 'xlsx_invalid',
    );
  });
});
