import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSelection, splitValueList } from './selection.js';

const years = ['2019', '2020', '2021', '2022', '2023'];
const regions = ['00', '01', '0114', '0115', '03', '0305'];

function codes(all: string[], requested: string[], time = false): string[] {
  const r = resolveSelection(all, requested, { time });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.codes;
}

describe('PxWeb value expressions', () => {
  it('TOP takes the newest periods of a time variable, BOTTOM the oldest, with offsets', () => {
    assert.deepEqual(codes(years, ['TOP(2)'], true), ['2022', '2023']);
    assert.deepEqual(codes(years, ['top(2,1)'], true), ['2021', '2022']);
    assert.deepEqual(codes(years, ['BOTTOM(2)'], true), ['2019', '2020']);
    assert.deepEqual(codes(years, ['bottom(1,1)'], true), ['2020']);
  });

  it('TOP takes the first values of another variable, BOTTOM the last', () => {
    assert.deepEqual(codes(regions, ['TOP(2)']), ['00', '01']);
    assert.deepEqual(codes(regions, ['BOTTOM(1)']), ['0305']);
  });

  it('FROM, TO and RANGE are inclusive and follow the variable order', () => {
    assert.deepEqual(codes(years, ['FROM(2022)'], true), ['2022', '2023']);
    assert.deepEqual(codes(years, ['TO(2020)'], true), ['2019', '2020']);
    assert.deepEqual(codes(years, ['RANGE(2020,2022)'], true), ['2020', '2021', '2022']);
    assert.deepEqual(codes(regions, ['RANGE(01,0115)']), ['01', '0114', '0115']);
  });

  it('* is everything; wildcards match with * and ?', () => {
    assert.deepEqual(codes(regions, ['*']), regions);
    assert.deepEqual(codes(regions, ['01*']), ['01', '0114', '0115']);
    assert.deepEqual(codes(regions, ['??']), ['00', '01', '03']);
  });

  it('unions explicit codes and expressions, without duplicates, in the variable order', () => {
    assert.deepEqual(codes(years, ['2019', 'TOP(1)', '2023'], true), ['2019', '2023']);
    assert.deepEqual(codes(regions, ['0115', '00']), ['00', '0115']);
  });

  it('refuses unknown values, unknown ends and malformed expressions', () => {
    for (const bad of [['1999'], ['FROM(1999)'], ['RANGE(2023,2020)'], ['TOP(x)'], ['TOP(1,2,3)']]) {
      assert.equal(resolveSelection(years, bad, { time: true }).ok, false, bad.join());
    }
  });

  it('splits GET lists on commas outside brackets and unwraps [expression]', () => {
    assert.deepEqual(splitValueList('0180,[RANGE(2020,2023)],TOP(2)'), [
      '0180',
      'RANGE(2020,2023)',
      'TOP(2)',
    ]);
    assert.deepEqual(splitValueList('[top(3,2)]'), ['top(3,2)']);
    assert.deepEqual(splitValueList(' a , ,b'), ['a', 'b']);
  });
});
