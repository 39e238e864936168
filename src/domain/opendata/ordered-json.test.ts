import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keysInText } from '../../../test/support/json-order.js';
import { metadataDataset } from './jsonstat.js';
import { OrderedRecord, stringifyOrdered } from './ordered-json.js';

// Codes as the Region and Kon dimensions have them: integer-like and not, with leading zeros.
const CODES = ['00', '01', '0114', '0180', '10', '1060', '12', '1+2', '1', '2', '2023'];

describe('ordered JSON', () => {
  it('writes an OrderedRecord with its keys in the given order, on the raw text', () => {
    const text = stringifyOrdered({ a: OrderedRecord.of(CODES, (_, i) => i), b: [1, null, 'x'] });
    assert.equal(
      text,
      '{"a":{"00":0,"01":1,"0114":2,"0180":3,"10":4,"1060":5,"12":6,"1+2":7,"1":8,"2":9,"2023":10},"b":[1,null,"x"]}',
    );
    // What JSON.stringify of a plain object does to the same codes: the reason for OrderedRecord.
    assert.notEqual(JSON.stringify(Object.fromEntries(CODES.map((c, i) => [c, i]))), text.slice(5, -17));
  });

  it('writes nested records, arrays of objects and drops undefined like JSON.stringify', () => {
    const value = {
      x: undefined,
      list: [
        new OrderedRecord([
          [
            '2',
            {
              y: new OrderedRecord([
                ['10', 'a'],
                ['9', 'b'],
              ]),
            },
          ],
        ]),
      ],
    };
    assert.equal(stringifyOrdered(value), '{"list":[{"2":{"y":{"10":"a","9":"b"}}}]}');
  });

  it('refuses JSON.stringify, which would scramble the order silently', () => {
    assert.throws(() => JSON.stringify({ a: new OrderedRecord([['1', 1]]) }), /stringifyOrdered/);
  });

  it('keeps table order in every category object of a JSON-stat dataset', () => {
    const ds = metadataDataset(
      {
        label: 'x',
        source: 's',
        updated: null,
        href: 'h',
        role: { time: [], geo: ['Region'], metric: ['C'] },
      },
      [
        {
          id: 'Region',
          label: 'region',
          codes: CODES,
          labels: Object.fromEntries(CODES.map((c) => [c, `n${c}`])),
        },
        {
          id: 'C',
          label: 'c',
          codes: ['2', '1'],
          labels: { '2': 'b', '1': 'a' },
          unit: { '2': { base: 'p', decimals: 1 }, '1': { base: 'n', decimals: 0 } },
        },
      ],
    );
    const text = stringifyOrdered(ds) ?? '';
    for (const key of ['index', 'label'])
      assert.deepEqual(keysInText(text, ['dimension', 'Region', 'category', key]), CODES);
    assert.deepEqual(keysInText(text, ['dimension']), ['Region', 'C']);
    assert.ok(text.includes('"index":{"2":0,"1":1}'), text);
    assert.ok(text.includes('"label":{"2":"b","1":"a"}'), text);
    assert.ok(text.includes('"unit":{"2":{"base":"p","decimals":1},"1":{"base":"n","decimals":0}}'), text);
  });
});
