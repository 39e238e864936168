import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dudit } from './dudit.js';
import type { Sex } from './types.js';

const answers = (points: number[]) => Object.fromEntries(points.map((p, n) => [`q${n + 1}`, String(p)]));
const V: Record<number, number[]> = {
  0: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  1: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  2: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  5: [4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  6: [4, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  24: [4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0],
  25: [4, 4, 4, 4, 4, 4, 1, 0, 0, 0, 0],
  44: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
};

describe('DUDIT', () => {
  const table: [Sex, number, string][] = [
    ['K', 0, 'no_problems'],
    ['K', 1, 'no_problems'],
    ['K', 2, 'drug_related_problems'],
    ['K', 24, 'drug_related_problems'],
    ['K', 25, 'probable_dependence'],
    ['K', 44, 'probable_dependence'],
    ['M', 0, 'no_problems'],
    ['M', 5, 'no_problems'],
    ['M', 6, 'drug_related_problems'],
    ['M', 24, 'drug_related_problems'],
    ['M', 25, 'probable_dependence'],
    ['M', 44, 'probable_dependence'],
  ];
  for (const [sex, total, band] of table)
    it(`${sex === 'K' ? 'woman' : 'man'} with ${total} → ${band}`, () => {
      const outcome = dudit.score({ answers: answers(V[total]!), sex });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.equal(outcome.result.total, total);
      assert.equal(outcome.result.band, band);
      assert.equal(outcome.result.risk, band !== 'no_problems');
      assert.deepEqual(outcome.result.threshold, {
        sex,
        problemsAtOrAbove: sex === 'K' ? 2 : 6,
        dependenceAtOrAbove: 25,
        source: 'default',
      });
    });

  it('uses configured cut-offs and says so', () => {
    const outcome = dudit.score({ answers: answers(V[5]!), sex: 'M' }, { problemsAtOrAbove: { K: 2, M: 5 } });
    assert.ok(outcome.ok);
    assert.equal(outcome.result.band, 'drug_related_problems');
    assert.equal(outcome.result.threshold.source, 'configured');
  });

  it('refuses items 10–11 outside 0/2/4, unknown sex and missing items', () => {
    const a = answers(V[0]!);
    a['q11'] = '3';
    delete a['q1'];
    const outcome = dudit.score({ answers: a, sex: 'X' as Sex });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [
        ['q1', 'required'],
        ['q11', 'not_an_option'],
        ['sex', 'not_an_option'],
      ],
    );
  });
});
