import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDividedBySex } from './by-sex.js';
import { INDICATOR_CATALOGUE } from './catalogue.js';

describe('isDividedBySex', () => {
  it('divides register indicators by sex and publishes survey measures as T only', () => {
    const cases: Array<[string, boolean]> = [
      ['K10001', true],
      ['K10008', true],
      ['K41000', false],
      ['K41001', false],
      ['K42004', false],
      ['K43003', false],
    ];
    for (const [id, expected] of cases) {
      const def = INDICATOR_CATALOGUE.find((d) => d.id === id);
      assert.ok(def, id);
      assert.equal(isDividedBySex(def), expected, id);
    }
  });
});
