import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLD, isPrimaryCell, isSensitiveCount, primarySuppression } from './primary.js';
import type { CountCell } from './table.js';

describe('isSensitiveCount', () => {
  const cases: { count: number; threshold: number; sensitive: boolean }[] = [
    { count: 0, threshold: 5, sensitive: false },
    { count: 1, threshold: 5, sensitive: true },
    { count: 4, threshold: 5, sensitive: true },
    { count: 5, threshold: 5, sensitive: false },
    { count: 1000, threshold: 5, sensitive: false },
    { count: 0, threshold: 3, sensitive: false },
    { count: 1, threshold: 3, sensitive: true },
    { count: 2, threshold: 3, sensitive: true },
    { count: 3, threshold: 3, sensitive: false },
    { count: 1, threshold: 1, sensitive: false },
    { count: 1, threshold: 2, sensitive: true },
  ];
  for (const c of cases) {
    it(`count ${c.count}, threshold ${c.threshold} → ${c.sensitive ? 'hidden' : 'published'}`, () => {
      assert.equal(isSensitiveCount(c.count, c.threshold), c.sensitive);
    });
  }

  it('defaults to threshold 5', () => {
    assert.equal(DEFAULT_THRESHOLD, 5);
    assert.equal(isSensitiveCount(4), true);
    assert.equal(isSensitiveCount(5), false);
  });

  it('rejects a threshold that is not a positive integer', () => {
    for (const t of [0, -1, 2.5, Number.NaN]) assert.throws(() => isSensitiveCount(1, t), RangeError);
  });
});

describe('primary suppression of cells', () => {
  const cell = (numerator: number, denominator: number): CountCell => ({
    node: 'u',
    sex: 'T',
    numerator,
    denominator,
  });
  const cases: { numerator: number; denominator: number; threshold: number; hidden: boolean }[] = [
    { numerator: 0, denominator: 0, threshold: 5, hidden: false },
    { numerator: 0, denominator: 5, threshold: 5, hidden: false },
    { numerator: 0, denominator: 4, threshold: 5, hidden: true },
    { numerator: 1, denominator: 40, threshold: 5, hidden: true },
    { numerator: 4, denominator: 40, threshold: 5, hidden: true },
    { numerator: 5, denominator: 40, threshold: 5, hidden: false },
    { numerator: 3, denominator: 3, threshold: 5, hidden: true },
    { numerator: 3, denominator: 3, threshold: 3, hidden: false },
    { numerator: 2, denominator: 30, threshold: 3, hidden: true },
    { numerator: 0, denominator: 2, threshold: 3, hidden: true },
  ];
  for (const c of cases) {
    it(`${c.numerator}/${c.denominator}, threshold ${c.threshold} → ${c.hidden ? '..' : 'published'}`, () => {
      assert.equal(isPrimaryCell(cell(c.numerator, c.denominator), c.threshold), c.hidden);
    });
  }

  it('lists the indices of the hidden cells', () => {
    const cells = [cell(0, 0), cell(1, 9), cell(5, 9), cell(6, 4 + 6)];
    assert.deepEqual(primarySuppression(cells), [1]);
    assert.deepEqual(primarySuppression(cells, 7), [1, 2, 3]);
  });
});
