import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvLine } from './csv.js';

describe('CSV (RFC 4180)', () => {
  const cases: Array<[string, string | number | boolean | null, string]> = [
    ['plain text', 'anna', 'anna'],
    ['null is empty', null, ''],
    ['number', 42, '42'],
    ['boolean', true, 'true'],
    ['comma quoted', 'a,b', '"a,b"'],
    ['quote doubled', 'sa "hej"', '"sa ""hej"""'],
    ['newline quoted', 'rad 1\nrad 2', '"rad 1\nrad 2"'],
    ['formula guarded', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['leading minus guarded', '-1+1', "'-1+1"],
    ['non-ASCII kept', 'Åsa Öberg', 'Åsa Öberg'],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => assert.equal(csvField(value), expected));
  }
  it('ends lines with CRLF', () => assert.equal(csvLine(['a', null, 1]), 'a,,1\r\n'));
});
