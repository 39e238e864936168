import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { downton } from './downton.js';

describe('Downton Fall Risk Index', () => {
  const none = {
    previousFalls: false,
    medications: ['none'],
    sensoryDeficits: ['none'],
    mentalState: 'oriented',
    gait: 'normal',
  };
  const table: {
    name: string;
    answers: Record<string, unknown>;
    total: number;
    band: string;
    items: Record<string, number>;
  }[] = [
    {
      name: 'no risk factors',
      answers: none,
      total: 0,
      band: 'low_risk',
      items: { previousFalls: 0, medications: 0, sensoryDeficits: 0, mentalState: 0, gait: 0 },
    },
    {
      name: 'upper bound of low risk',
      answers: { ...none, previousFalls: true, medications: ['diuretics', 'other'] },
      total: 2,
      band: 'low_risk',
      items: { previousFalls: 1, medications: 1, sensoryDeficits: 0, mentalState: 0, gait: 0 },
    },
    {
      name: 'lower bound of high risk',
      answers: { ...none, sensoryDeficits: ['visual', 'hearing'], gait: 'unsafe' },
      total: 3,
      band: 'high_risk',
      items: { previousFalls: 0, medications: 0, sensoryDeficits: 2, mentalState: 0, gait: 1 },
    },
    {
      name: 'maximum',
      answers: {
        previousFalls: true,
        medications: [
          'sedatives',
          'diuretics',
          'antihypertensives',
          'antiparkinson',
          'antidepressants',
          'other',
        ],
        sensoryDeficits: ['visual', 'hearing', 'limb'],
        mentalState: 'confused',
        gait: 'unsafe',
      },
      total: 11,
      band: 'high_risk',
      items: { previousFalls: 1, medications: 5, sensoryDeficits: 3, mentalState: 1, gait: 1 },
    },
    {
      name: 'unable to walk and safe with aids score 0',
      answers: { ...none, previousFalls: true, mentalState: 'confused', gait: 'unableToWalk' },
      total: 2,
      band: 'low_risk',
      items: { previousFalls: 1, medications: 0, sensoryDeficits: 0, mentalState: 1, gait: 0 },
    },
  ];
  for (const row of table)
    it(`${row.name} → ${row.total} ${row.band}`, () => {
      const outcome = downton.score({ answers: row.answers });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.equal(outcome.result.total, row.total);
      assert.equal(outcome.result.band, row.band);
      assert.equal(outcome.result.risk, row.band === 'high_risk');
      assert.deepEqual(outcome.result.items, row.items);
      assert.deepEqual(outcome.result.threshold, { highRiskAtOrAbove: 3, source: 'default' });
    });

  it('refuses an empty medication list (unanswered is not 0) and "none" combined with a drug', () => {
    const outcome = downton.score({
      answers: { ...none, medications: [], sensoryDeficits: ['none', 'visual'] },
    });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [
        ['medications', 'required'],
        ['sensoryDeficits', 'exclusive_option'],
      ],
    );
  });
});
