/// <reference types="node" />
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv } from './table-export';

/** Issue #18, item 9: the public page's CSV and Excel-CSV downloads neutralise formulas. */
describe('public table downloads', () => {
  const table = {
    header: ['Enhet', 'Andel'],
    rows: [
      ['=HYPERLINK("https://example.invalid","klicka")', 12.5],
      ['+46 Solgården', -3],
      ['@SUM(A1:A2)', null],
      ['-1+1', 0],
      ['Ekbacken', 7],
    ],
  };

  it('writes text that a spreadsheet would run as a formula with a leading apostrophe, in both CSVs', () => {
    for (const excel of [false, true]) {
      const sep = excel ? ';' : ',';
      const lines = toCsv(table, excel).replace('\uFEFF', '').split('\r\n');
      assert.equal(
        lines[1],
        `"'=HYPERLINK(""https://example.invalid""${excel ? ',' : ','}""klicka"")"${sep}${excel ? '12,5' : '12.5'}`,
      );
      assert.equal(lines[2], `'+46 Solgården${sep}-3`);
      assert.equal(lines[3], `'@SUM(A1:A2)${sep}`);
      assert.equal(lines[4], `'-1+1${sep}0`);
      assert.equal(lines[5], `Ekbacken${sep}7`);
    }
  });
});
