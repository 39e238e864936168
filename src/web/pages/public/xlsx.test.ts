import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { assertDefaultCellStyle } from '../../../../test/support/xlsx-styles.js';
import { xlsx } from './xlsx';

describe('the public pages’ XLSX writer', () => {
  it('carries a default cell style ("Normal"), so openpyxl reads it without a warning', async () => {
    const bytes = xlsx(
      'Data',
      [
        ['Kommun', 'Andel'],
        ['Stockholm', 12.5],
        ['Malmö', null],
      ],
      new Set([0]),
    );
    await assertDefaultCellStyle(bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer);
    const rows = wb.worksheets[0]?.getSheetValues().slice(1) as unknown[][];
    assert.deepEqual(rows[1]?.slice(1), ['Stockholm', 12.5]);
  });
});
