import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aggregatePinned, subPeriodsPinned, type PeriodCell } from './periods.js';

const shown = (numerator: number, denominator: number): PeriodCell => ({
  numerator,
  denominator,
  visible: true,
});
const hidden: PeriodCell = { numerator: null, denominator: null, visible: false };

describe('year and sub-periods: max ≤ year ≤ Σ', () => {
  it('pins a hidden year when every month is shown and at most one is non-zero', () => {
    assert.equal(aggregatePinned([shown(0, 0), shown(6, 6), shown(0, 0)]), true);
    assert.equal(aggregatePinned([shown(0, 2), shown(6, 6), shown(0, 0)]), false); // 6 ≤ den ≤ 8
    assert.equal(aggregatePinned([shown(0, 0), shown(6, 6), hidden]), false);
    assert.equal(aggregatePinned([]), true); // no months with anyone: the year is 0
  });

  it('pins a hidden month when the year is shown and every other month is a shown zero', () => {
    assert.deepEqual(subPeriodsPinned(shown(6, 6), [shown(0, 0), hidden, shown(0, 0)]), [1]);
    assert.deepEqual(subPeriodsPinned(shown(6, 9), [shown(0, 3), hidden, shown(0, 0)]), []);
    assert.deepEqual(subPeriodsPinned(shown(6, 6), [hidden, hidden]), []);
    assert.deepEqual(subPeriodsPinned(shown(0, 0), [hidden, hidden]), [0, 1]);
    assert.deepEqual(subPeriodsPinned(hidden, [hidden, shown(0, 0)]), []);
  });
});
