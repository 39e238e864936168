import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  UNKNOWN,
  aggregateInterval,
  exactly,
  intervalDisclosed,
  propagateBounds,
  subPeriodInterval,
  type Interval,
} from './bounds.js';
import type { Relation } from './relations.js';

const iv = (lo: number, hi: number): Interval => ({ lo, hi });

describe('interval disclosure: a small hidden count must keep ±1 of room', () => {
  const cases: Array<[Interval, number, boolean, string]> = [
    [iv(0, 2), 1, false, '1 in [0, 2]: one below and one above'],
    [iv(1, 2), 1, true, '1 in [1, 2]: proves at least one person'],
    [iv(0, 1), 1, true, '1 in [0, 1]: nothing above'],
    [iv(3, 5), 4, false, '4 in [3, 5]'],
    [iv(3, 4), 4, true, '4 in [3, 4]: nothing above'],
    [iv(4, Infinity), 4, true, '4 in [4, ∞): nothing below'],
    [iv(0, Infinity), 4, false, 'unbounded above'],
    [iv(5, 6), 5, false, 'at the threshold: not a small count'],
    [iv(0, 1), 0, false, 'a hidden 0 is not a small count'],
    [exactly(0), 0, true, 'pinned exactly: disclosed, whatever the value'],
    [exactly(12), 12, true, 'pinned exactly at 12'],
  ];
  for (const [interval, value, disclosed, label] of cases)
    it(label, () => assert.equal(intervalDisclosed(interval, value, 5), disclosed));

  it('takes a wider protection when asked', () => {
    assert.equal(intervalDisclosed(iv(1, 5), 3, 5, 2), false);
    assert.equal(intervalDisclosed(iv(2, 5), 3, 5, 2), true);
  });
});

describe('bounds across periods: max(subs) ≤ aggregate ≤ Σ subs', () => {
  it('bounds a hidden year by its shown months', () => {
    assert.deepEqual(aggregateInterval([exactly(0), exactly(6), exactly(2)]), iv(6, 8));
    assert.deepEqual(aggregateInterval([exactly(2), exactly(1)]), iv(2, 3));
    assert.deepEqual(aggregateInterval([exactly(2), UNKNOWN]), iv(2, Infinity));
    assert.deepEqual(aggregateInterval([]), exactly(0));
  });

  it('bounds a hidden month by the year and the other months', () => {
    assert.deepEqual(subPeriodInterval(exactly(6), [exactly(0), exactly(0)]), exactly(6));
    assert.deepEqual(subPeriodInterval(exactly(6), [exactly(4), exactly(0)]), iv(2, 6));
    assert.deepEqual(subPeriodInterval(exactly(6), [exactly(4), UNKNOWN]), iv(0, 6));
    assert.deepEqual(subPeriodInterval(exactly(0), [UNKNOWN]), exactly(0));
    assert.deepEqual(subPeriodInterval(UNKNOWN, [exactly(3)]), UNKNOWN);
  });
});

describe('bounds over a table’s relations', () => {
  // total 0 = A 1 + B 2 + C 3 (cells 0..3)
  const relations: Relation[] = [{ kind: 'hierarchy', total: 0, parts: [1, 2, 3] }];

  it('narrows a hidden part from the total and the other parts’ bounds', () => {
    const out = propagateBounds(relations, [exactly(10), UNKNOWN, iv(6, 8), exactly(0)]);
    assert.deepEqual(out[1], iv(2, 4));
    assert.deepEqual(out[2], iv(6, 8));
  });

  it('leaves a part unbounded below while another part is unbounded above', () => {
    const out = propagateBounds(relations, [exactly(10), UNKNOWN, UNKNOWN, exactly(3)]);
    assert.deepEqual(out[1], iv(0, 7));
    assert.deepEqual(out[2], iv(0, 7));
  });

  it('bounds a hidden total by its parts', () => {
    const out = propagateBounds(relations, [UNKNOWN, exactly(1), iv(2, 3), exactly(0)]);
    assert.deepEqual(out[0], iv(3, 4));
  });

  it('chains through levels (nation = R1 + R2, R1 = U1 + U2)', () => {
    const chain: Relation[] = [
      { kind: 'hierarchy', total: 0, parts: [1, 2] },
      { kind: 'hierarchy', total: 1, parts: [3, 4] },
    ];
    const out = propagateBounds(chain, [exactly(20), UNKNOWN, exactly(12), iv(6, 7), UNKNOWN]);
    assert.deepEqual(out[1], exactly(8));
    assert.deepEqual(out[4], iv(1, 2));
  });

  it('throws on bounds that contradict the relations', () => {
    assert.throws(() => propagateBounds(relations, [exactly(1), exactly(2), UNKNOWN, UNKNOWN]), /contradict/);
  });
});
