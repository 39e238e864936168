import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeValues } from '../forms/scoring.js';
import { alcoholAudit, alcoholAuditForm } from './alcohol-audit.js';
import type { Sex } from './types.js';

const answers = (points: number[]) => Object.fromEntries(points.map((p, n) => [`q${n + 1}`, String(p)]));
const V: Record<number, number[]> = {
  0: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  5: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
  6: [2, 2, 2, 0, 0, 0, 0, 0, 0, 0],
  7: [3, 2, 2, 0, 0, 0, 0, 0, 0, 0],
  8: [4, 2, 2, 0, 0, 0, 0, 0, 0, 0],
  15: [4, 4, 4, 3, 0, 0, 0, 0, 0, 0],
  16: [4, 4, 4, 4, 0, 0, 0, 0, 0, 0],
  19: [4, 4, 4, 4, 3, 0, 0, 0, 0, 0],
  20: [4, 4, 4, 4, 0, 0, 0, 0, 2, 2],
  40: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
};

describe('AUDIT', () => {
  const table: [Sex, number, string][] = [
    ['K', 0, 'low_risk'],
    ['K', 5, 'low_risk'],
    ['K', 6, 'risky_use'],
    ['K', 15, 'risky_use'],
    ['K', 16, 'harmful_use'],
    ['K', 19, 'harmful_use'],
    ['K', 20, 'probable_dependence'],
    ['K', 40, 'probable_dependence'],
    ['M', 0, 'low_risk'],
    ['M', 7, 'low_risk'],
    ['M', 8, 'risky_use'],
    ['M', 15, 'risky_use'],
    ['M', 16, 'harmful_use'],
    ['M', 19, 'harmful_use'],
    ['M', 20, 'probable_dependence'],
    ['M', 40, 'probable_dependence'],
  ];
  for (const [sex, total, band] of table)
    it(`${sex === 'K' ? 'woman' : 'man'} with ${total} → ${band}`, () => {
      const outcome = alcoholAudit.score({ answers: answers(V[total]!), sex });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.equal(outcome.result.total, total);
      assert.equal(outcome.result.band, band);
      assert.equal(outcome.result.risk, band !== 'low_risk');
      assert.deepEqual(outcome.result.threshold, {
        sex,
        riskyUseAtOrAbove: sex === 'K' ? 6 : 8,
        harmfulUseAtOrAbove: 16,
        dependenceAtOrAbove: 20,
        source: 'default',
      });
      assert.equal(computeValues(alcoholAuditForm, answers(V[total]!))['total'], total);
    });

  it('the same total 7 is risky use for a woman and low risk for a man', () => {
    const k = alcoholAudit.score({ answers: answers(V[7]!), sex: 'K' });
    const m = alcoholAudit.score({ answers: answers(V[7]!), sex: 'M' });
    assert.ok(k.ok && m.ok);
    assert.deepEqual([k.result.band, m.result.band], ['risky_use', 'low_risk']);
  });

  it('uses configured cut-offs and says so', () => {
    const outcome = alcoholAudit.score(
      { answers: answers(V[7]!), sex: 'M' },
      { riskyUseAtOrAbove: { K: 5, M: 7 } },
    );
    assert.ok(outcome.ok);
    assert.equal(outcome.result.band, 'risky_use');
    assert.deepEqual(outcome.result.threshold, {
      sex: 'M',
      riskyUseAtOrAbove: 7,
      harmfulUseAtOrAbove: 16,
      dependenceAtOrAbove: 20,
      source: 'configured',
    });
    assert.throws(
      () => alcoholAudit.score({ answers: answers(V[7]!), sex: 'M' }, { harmfulUseAtOrAbove: 21 }),
      RangeError,
    );
  });

  it('scores items 9 and 10 as 0/2/4 only and requires sex', () => {
    const a = answers(V[0]!);
    a['q9'] = '1';
    const outcome = alcoholAudit.score({ answers: a });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [
        ['q9', 'not_an_option'],
        ['sex', 'required'],
      ],
    );
  });

  it('never scores a missing item as 0', () => {
    const a = answers(V[8]!);
    delete a['q10'];
    const outcome = alcoholAudit.score({ answers: a, sex: 'M' });
    assert.deepEqual(outcome, {
      ok: false,
      issues: [{ item: 'q10', rule: 'required', message: '"q10" is required and has no answer' }],
    });
  });
});
