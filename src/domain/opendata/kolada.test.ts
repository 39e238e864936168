import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { koladaIdOf, nodeOfKoladaId, percent, rateSymbol, type PublishedCell } from './codes.js';
import { groupMean, koladaValue, withdrawnValue } from './kolada.js';
import { parseIdList } from './ids.js';
import { pageLinks } from './paging.js';

const cell = (rate: number | null, status: PublishedCell['status'] = 'ok'): PublishedCell => ({
  level: 'municipality',
  code: '0180',
  sex: 'T',
  numerator: status === 'suppressed' ? null : 1,
  denominator: status === 'suppressed' ? null : 3,
  rate,
  ciLower: null,
  ciUpper: null,
  status,
});

describe('Kolada shapes', () => {
  it('maps our codes to Kolada ids and back (nation 0000, region 00 + county)', () => {
    assert.equal(koladaIdOf('region', '01'), '0001');
    assert.equal(koladaIdOf('nation', '0000'), '0000');
    assert.deepEqual(nodeOfKoladaId('0025'), { level: 'region', code: '25' });
    assert.deepEqual(nodeOfKoladaId('0114'), { level: 'municipality', code: '0114' });
    assert.equal(nodeOfKoladaId('G92787'), null);
  });

  it('publishes rates as percentages with one decimal', () => {
    assert.equal(percent(2 / 3), 66.7);
    assert.equal(percent(0.1235), 12.4);
    assert.equal(percent(1), 100);
  });

  it('keeps a suppressed value suppressed: null with ".."', () => {
    assert.deepEqual(koladaValue(cell(null, 'suppressed')), {
      gender: 'T',
      count: 1,
      status: '..',
      value: null,
      isdeleted: false,
    });
    assert.deepEqual(rateSymbol(cell(null, 'low_coverage')), { value: null, status: '.' });
  });

  it('a group is the unweighted mean of the members that have a published rate', () => {
    const mean = groupMean('T', [cell(0.5), cell(1), cell(null, 'suppressed'), undefined]);
    assert.deepEqual(mean, { gender: 'T', count: 2, status: '', value: 75, isdeleted: false });
    assert.deepEqual(withdrawnValue('K'), {
      gender: 'K',
      count: 0,
      status: '',
      value: null,
      isdeleted: true,
    });
    assert.equal(groupMean('K', [cell(null, 'suppressed')]), null);
  });

  it('allows at most 25 ids a segment', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(1000 + i)).join(',');
    assert.equal(parseIdList('m', ids(25), /^\d{4}$/, 'x').ok, true);
    const r = parseIdList('m', ids(26), /^\d{4}$/, 'x');
    assert.equal(r.ok ? '' : r.issue.rule, 'too_many_ids');
  });

  it('links the next and previous pages, null at the ends', () => {
    const l = pageLinks('http://h/api', { title: 'x' }, 2, 10, 25);
    assert.equal(l.next_url, 'http://h/api?title=x&page=3&per_page=10');
    assert.equal(l.previous_url, 'http://h/api?title=x&page=1&per_page=10');
    assert.deepEqual(pageLinks('http://h/api', {}, 3, 10, 25).next_url, null);
  });
});
