import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeDecision, type GrantSnapshot } from './engine.js';
import { largestRemainder } from './largest-remainder.js';
import { reaches, type GrantRuleContent } from './rules.js';

const v = (code: string, numerator: number, denominator: number) => ({
  code,
  numerator,
  denominator,
  status: 'ok' as const,
});

/**
 * Hand-computed: a 100 kr pot for ≥ 50 % split per inhabitant 65+, and 10 kr more for ≥ 70 %
 * split equally. 0001 (80 %, 1 000 inh.), 0002 (50 % exactly, 1 000), 0003 (70 % exactly, 1 000),
 * 0004 (49.9 %, 5 000), 0005 suppressed.
 *  ≥ 50 %: 0001, 0002, 0003 with 1 000 each → 33.33… each; 100 = 33+33+33 + 1 left over; equal
 *  remainders and weights, so the smallest code (0001) gets it: 34, 33, 33.
 *  ≥ 70 %: 0001, 0003 → 5 each.
 */
const rule: GrantRuleContent = {
  name: 'fixture',
  indicatorId: 'K20007',
  period: '2025',
  key: 'per_inhabitant_65plus',
  tiers: [
    { atLeastPercent: 50, kind: 'pot', amount: 100 },
    { atLeastPercent: 70, kind: 'pot', amount: 10 },
  ],
};
const snapshot: GrantSnapshot = {
  releaseId: 1,
  releaseVersion: '2026.1.1',
  indicatorId: 'K20007',
  period: '2025',
  values: [
    v('0002', 50, 100),
    v('0001', 8, 10),
    v('0003', 7, 10),
    v('0004', 499, 1000),
    { code: '0005', numerator: null, denominator: null, status: 'suppressed' },
  ],
  weights: ['0001', '0002', '0003', '0004', '0005'].map((code) => ({
    code,
    inhabitants65: code === '0004' ? 5000 : 1000,
    units: 1,
  })),
};

describe('grant engine', () => {
  it('pays the hand-computed amounts, the pots to the krona', () => {
    const d = computeDecision(rule, snapshot);
    const amounts = Object.fromEntries(d.lines.map((l) => [l.code, l.amount]));
    assert.deepEqual(amounts, { '0001': 34 + 5, '0002': 33, '0003': 33 + 5, '0004': 0, '0005': 0 });
    assert.equal(d.total, 110);
    assert.deepEqual(
      d.tiers.map((t) => [t.eligible, t.weightTotal, t.paid]),
      [
        [3, 3000, 100],
        [2, 2000, 10],
      ],
    );
    assert.equal(d.lines.find((l) => l.code === '0005')?.assessed, false);
  });

  it('splits by weight with the remainders to the largest fractions', () => {
    // 10 kr by 1:1:1:3 → 1.666, 1.666, 1.666, 5 → floors 1,1,1,5 (8); 2 left to the .666s by code.
    const parts = ['a', 'b', 'c', 'd'].map((key, i) => ({ key, weight: i === 3 ? 3 : 1 }));
    assert.deepEqual(Object.fromEntries(largestRemainder(10, parts)), { a: 2, b: 2, c: 1, d: 5 });
    // 7 kr by 1:2 → 2.333, 4.666 → 2, 4 + 1 to the larger remainder (b).
    assert.deepEqual(
      Object.fromEntries(
        largestRemainder(7, [
          { key: 'a', weight: 1 },
          { key: 'b', weight: 2 },
        ]),
      ),
      { a: 2, b: 5 },
    );
  });

  it('always sums to the pot, whatever the weights', () => {
    for (let seed = 1; seed < 200; seed++) {
      const parts = Array.from({ length: (seed % 17) + 1 }, (_, i) => ({
        key: String(i).padStart(4, '0'),
        weight: ((seed * 7919 + i * 104729) % 90_000) + 1,
      }));
      const pot = seed * 1_000_003;
      const sum = [...largestRemainder(pot, parts).values()].reduce((s, a) => s + a, 0);
      assert.equal(sum, pot);
    }
  });

  it('pays a fixed amount each, or splits equally, as the rule says', () => {
    const each = computeDecision(
      { ...rule, key: 'equal', tiers: [{ atLeastPercent: 70, kind: 'each', amount: 1_000 }] },
      snapshot,
    );
    assert.deepEqual(
      each.lines.map((l) => l.amount),
      [1_000, 0, 1_000, 0, 0],
    );
    // Equal split of 100 kr among 0001, 0002, 0003 (the weight of 0004 would not matter).
    const equal = computeDecision({ ...rule, key: 'equal', tiers: [rule.tiers[0]!] }, snapshot);
    assert.deepEqual(
      equal.lines.map((l) => l.amount),
      [34, 33, 33, 0, 0],
    );
  });

  it('shows no count that the release suppressed', () => {
    const hidden = computeDecision(rule, snapshot).lines.find((l) => l.code === '0005');
    assert.deepEqual([hidden?.numerator, hidden?.denominator, hidden?.amount], [null, null, 0]);
  });

  it('does not depend on the order of the values', () => {
    const reversed = { ...snapshot, values: [...snapshot.values].reverse() };
    assert.deepEqual(computeDecision(rule, reversed), computeDecision(rule, snapshot));
  });
});

describe('thresholds at their boundaries', () => {
  const cases: Array<[number, number, number, boolean]> = [
    [50, 100, 50, true],
    [49, 100, 50, false],
    [499, 1000, 50, false],
    [1, 2, 50, true],
    [70, 100, 70, true],
    [7, 10, 70, true],
    [699, 1000, 70, false],
    [6999, 10000, 70, false],
    [701, 1000, 70, true],
    [0, 0, 50, false],
    [5, 8, 62.5, true],
    [4, 8, 62.5, false],
  ];
  for (const [n, d, p, expected] of cases)
    it(`${n}/${d} ${expected ? 'reaches' : 'does not reach'} ${p} %`, () =>
      assert.equal(reaches(n, d, p), expected));
});
