import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeValues } from '../forms/scoring.js';
import { modifiedNorton, nortonForm } from './modified-norton.js';

const ITEMS = [
  'mentalState',
  'physicalActivity',
  'mobility',
  'foodIntake',
  'fluidIntake',
  'incontinence',
  'generalCondition',
];
const answers = (points: number[]) => Object.fromEntries(points.map((p, n) => [ITEMS[n]!, String(p)]));

describe('Modified Norton Scale', () => {
  const table: {
    points: number[];
    riskAtOrBelow?: number;
    total: number;
    band: string;
    risk: boolean;
    source: string;
  }[] = [
    { points: [1, 1, 1, 1, 1, 1, 1], total: 7, band: 'at_risk', risk: true, source: 'default' },
    { points: [3, 3, 3, 3, 3, 3, 2], total: 20, band: 'at_risk', risk: true, source: 'default' },
    { points: [3, 3, 3, 3, 3, 3, 3], total: 21, band: 'not_at_risk', risk: false, source: 'default' },
    { points: [4, 4, 4, 4, 4, 4, 4], total: 28, band: 'not_at_risk', risk: false, source: 'default' },
    {
      points: [3, 3, 3, 3, 3, 3, 3],
      riskAtOrBelow: 21,
      total: 21,
      band: 'at_risk',
      risk: true,
      source: 'configured',
    },
    {
      points: [4, 3, 3, 3, 3, 3, 3],
      riskAtOrBelow: 21,
      total: 22,
      band: 'not_at_risk',
      risk: false,
      source: 'configured',
    },
    {
      points: [3, 3, 3, 3, 3, 3, 2],
      riskAtOrBelow: 20,
      total: 20,
      band: 'at_risk',
      risk: true,
      source: 'default',
    },
  ];
  for (const row of table) {
    it(`${row.points.join('+')} = ${row.total} with cut-off ≤ ${row.riskAtOrBelow ?? 20} → ${row.band}`, () => {
      const outcome = modifiedNorton.score(
        { answers: answers(row.points) },
        row.riskAtOrBelow === undefined ? undefined : { riskAtOrBelow: row.riskAtOrBelow },
      );
      assert.ok(outcome.ok);
      const r = outcome.result;
      assert.equal(r.total, row.total);
      assert.equal(r.band, row.band);
      assert.equal(r.risk, row.risk);
      assert.deepEqual(r.threshold, { riskAtOrBelow: row.riskAtOrBelow ?? 20, source: row.source });
      assert.deepEqual(Object.values(r.items), row.points);
      assert.equal(computeValues(nortonForm, answers(row.points))['total'], row.total);
    });
  }

  it('gives the full result shape', () => {
    const outcome = modifiedNorton.score({ answers: answers([4, 4, 4, 4, 4, 4, 4]) });
    assert.deepEqual(outcome, {
      ok: true,
      result: {
        instrument: 'modified-norton',
        version: 1,
        total: 28,
        band: 'not_at_risk',
        bandLabel: { sv: 'Ingen förhöjd risk för trycksår', en: 'No increased risk of pressure ulcers' },
        risk: false,
        items: {
          mentalState: 4,
          physicalActivity: 4,
          mobility: 4,
          foodIntake: 4,
          fluidIntake: 4,
          incontinence: 4,
          generalCondition: 4,
        },
        threshold: { riskAtOrBelow: 20, source: 'default' },
      },
    });
  });

  it('refuses a missing item instead of scoring it 0, and out-of-scale answers', () => {
    const a = answers([4, 4, 4, 4, 4, 4, 4]);
    delete a['incontinence'];
    a['mobility'] = '5';
    const outcome = modifiedNorton.score({ answers: a });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [
        ['mobility', 'not_an_option'],
        ['incontinence', 'required'],
      ],
    );
  });

  it('rejects a configured cut-off outside the scale', () => {
    assert.throws(
      () => modifiedNorton.score({ answers: answers([4, 4, 4, 4, 4, 4, 4]) }, { riskAtOrBelow: 28 }),
      RangeError,
    );
  });
});
