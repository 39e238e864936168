import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bmiPoints, calfPoints, mnaSf } from './mna-sf.js';

type Abcde = [number, number, number, number, number];
const answers = ([a, b, c, d, e]: Abcde, f: { bmi?: number; calfCircumference?: number }) => ({
  foodIntake: String(a),
  weightLoss: String(b),
  mobility: String(c),
  acuteDisease: String(d),
  neuropsychological: String(e),
  ...f,
});

describe('MNA-SF', () => {
  const table: {
    abcde: Abcde;
    f: { bmi?: number; calfCircumference?: number };
    total: number;
    band: string;
    measure: string;
    fPoints: number;
  }[] = [
    { abcde: [0, 0, 0, 0, 0], f: { bmi: 18.9 }, total: 0, band: 'malnourished', measure: 'bmi', fPoints: 0 },
    { abcde: [2, 1, 1, 0, 0], f: { bmi: 22.99 }, total: 6, band: 'malnourished', measure: 'bmi', fPoints: 2 },
    { abcde: [2, 2, 2, 0, 0], f: { bmi: 19 }, total: 7, band: 'malnourished', measure: 'bmi', fPoints: 1 },
    { abcde: [2, 2, 2, 0, 0], f: { bmi: 21 }, total: 8, band: 'at_risk', measure: 'bmi', fPoints: 2 },
    { abcde: [2, 3, 2, 0, 1], f: { bmi: 20.99 }, total: 9, band: 'at_risk', measure: 'bmi', fPoints: 1 },
    { abcde: [2, 3, 2, 2, 2], f: { bmi: 18.99 }, total: 11, band: 'at_risk', measure: 'bmi', fPoints: 0 },
    { abcde: [2, 3, 2, 2, 2], f: { bmi: 19.0 }, total: 12, band: 'normal', measure: 'bmi', fPoints: 1 },
    { abcde: [2, 3, 2, 2, 2], f: { bmi: 23 }, total: 14, band: 'normal', measure: 'bmi', fPoints: 3 },
    {
      abcde: [1, 1, 1, 2, 2],
      f: { calfCircumference: 30.9 },
      total: 7,
      band: 'malnourished',
      measure: 'calfCircumference',
      fPoints: 0,
    },
    {
      abcde: [0, 1, 0, 2, 2],
      f: { calfCircumference: 31 },
      total: 8,
      band: 'at_risk',
      measure: 'calfCircumference',
      fPoints: 3,
    },
    {
      abcde: [2, 3, 2, 2, 2],
      f: { calfCircumference: 30.99 },
      total: 11,
      band: 'at_risk',
      measure: 'calfCircumference',
      fPoints: 0,
    },
    {
      abcde: [2, 1, 2, 2, 2],
      f: { calfCircumference: 31 },
      total: 12,
      band: 'normal',
      measure: 'calfCircumference',
      fPoints: 3,
    },
    {
      abcde: [2, 3, 2, 2, 2],
      f: { calfCircumference: 40 },
      total: 14,
      band: 'normal',
      measure: 'calfCircumference',
      fPoints: 3,
    },
  ];
  for (const row of table) {
    it(`${row.abcde.join('+')} with ${JSON.stringify(row.f)} → ${row.total} ${row.band}`, () => {
      const outcome = mnaSf.score({ answers: answers(row.abcde, row.f) });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      const r = outcome.result;
      assert.equal(r.total, row.total);
      assert.equal(r.band, row.band);
      assert.equal(r.risk, row.band !== 'normal');
      assert.equal(r.measure, row.measure);
      assert.equal(r.items[row.measure], row.fPoints);
      assert.equal(Object.keys(r.items).length, 6);
    });
  }

  it('scores F1 and F2 at every boundary', () => {
    assert.deepEqual([18.99, 19, 20.99, 21, 22.99, 23, 45].map(bmiPoints), [0, 1, 1, 2, 2, 3, 3]);
    assert.deepEqual([30.99, 31, 50].map(calfPoints), [0, 3, 3]);
  });

  it('refuses BMI and calf circumference together', () => {
    const outcome = mnaSf.score({ answers: answers([2, 3, 2, 2, 2], { bmi: 24, calfCircumference: 35 }) });
    assert.deepEqual(outcome, {
      ok: false,
      issues: [
        {
          item: 'calfCircumference',
          rule: 'hidden_answered',
          message:
            '"calfCircumference" (F2) may only be given when BMI (F1) is missing; give one of them, never both',
        },
      ],
    });
  });

  it('requires BMI or calf circumference, never scoring F as 0', () => {
    const outcome = mnaSf.score({ answers: answers([2, 3, 2, 2, 2], {}) });
    assert.deepEqual(outcome, {
      ok: false,
      issues: [
        {
          item: 'bmi',
          rule: 'required',
          message:
            '"bmi" is required (F1); only when BMI cannot be obtained, give "calfCircumference" (F2) instead',
        },
      ],
    });
  });

  it('refuses D = 1 (D is scored 0 or 2 only) and implausible BMI', () => {
    const outcome = mnaSf.score({ answers: answers([2, 3, 2, 1, 2], { bmi: 9 }) });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [
        ['acuteDisease', 'not_an_option'],
        ['bmi', 'out_of_range'],
      ],
    );
  });
});
